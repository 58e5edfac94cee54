"""The JSON shapes of the clusters API: a body's clusters, one cluster, merge, answer once."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from ratusha.appeals.actions.clusters import MAX_MERGE

MAX_PAGE_SIZE = 100
MAX_ID = 2**63 - 1  # the largest id a database column holds


class ClusterFilters(Schema):
    body: str = Field(..., max_length=32, description="Code of the body.")
    department: str | None = Field(
        None,
        max_length=64,
        description="Department code: only clusters with an appeal of it (an open one, for "
        "open clusters).",
    )
    open: bool = Field(
        True,
        description="true: clusters that still owe an answer (the web list); false: clusters "
        "that owe none any more.",
    )
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Clusters per page.")


class ClusterMemberOut(Schema):
    id: int
    number: str
    state: str = Field(..., description="Internal state.")
    registered_at: datetime
    summary: str
    department: str | None = Field(None, description="Department code.")
    category: str | None = Field(None, description="Category code.")
    due_date: date | None
    answered_at: datetime | None = Field(
        None, description="When the answer was sent (to a merged appeal: the main one's copy)."
    )
    merged_into: str | None = Field(
        None, description="Number of the appeal it was merged into, when that is in the cluster."
    )
    version: int = Field(..., description="Send it back as expected_version to merge it.")
    score: float = Field(..., description="Its strongest link in the cluster, 0 to 1.")
    may_be_main: bool = Field(..., description="It may take merged appeals.")
    may_merge: bool | None = Field(
        None,
        description="The caller may merge it into another (given in one appeal's cluster only).",
    )


class ClusterLinkOut(Schema):
    a: int = Field(..., description="Id of an appeal.")
    b: int = Field(..., description="Id of the appeal it is linked to.")
    score: float = Field(..., description="1 when one was merged into the other.")


class StreetOut(Schema):
    street: str
    count: int


class ClusterAnswerFormOut(Schema):
    main: int = Field(..., description="Id of the appeal whose draft answers the cluster.")
    draft: int = Field(..., description="Id of the draft answer.")
    reaches: int = Field(..., description="Merged appeals whose applicants receive it too.")


class ClusterOut(Schema):
    main: int | None = Field(
        None, description="Id of the suggested main appeal, the one the others merge into."
    )
    size: int
    open_count: int = Field(..., description="Appeals still owed an answer.")
    merged_count: int
    first: datetime = Field(..., description="When the first appeal was registered.")
    last: datetime = Field(..., description="When the last appeal was registered.")
    earliest_due: date | None = Field(
        None, description="The earliest term among the appeals waiting for the answer."
    )
    streets: list[StreetOut] = Field(..., description="The most frequent streets.")
    departments: list[str] = Field(..., description="Department codes.")
    truncated: bool = Field(..., description="Only the first 200 appeals are listed.")
    members: list[ClusterMemberOut] = Field(..., description="Oldest first.")
    links: list[ClusterLinkOut]
    answer: ClusterAnswerFormOut | None = Field(
        None,
        description="The draft the caller may approve for the whole cluster "
        "(POST /clusters/answer); given in one appeal's cluster only.",
    )


class ClusterPageOut(Schema):
    count: int = Field(..., description="Clusters that match the filters.")
    page: int
    page_size: int
    pages: int
    items: list[ClusterOut]


class MergeItemIn(Schema):
    id: int = Field(..., ge=1, le=MAX_ID, description="Id of an appeal to merge.")
    expected_version: int = Field(..., ge=0, description="Its version you last read.")


class MergeIn(Schema):
    """Merge the appeals into the main one: all of them, or none."""

    main: int = Field(
        ..., ge=1, le=MAX_ID, description="Id of the appeal the others are merged into."
    )
    appeals: list[MergeItemIn] = Field(..., max_length=MAX_MERGE)


class ClusterAnswerIn(Schema):
    """Approve the main appeal's draft and send it to every merged applicant too."""

    main: int = Field(..., ge=1, le=MAX_ID, description="Id of the main appeal.")
    expected_version: int = Field(..., ge=0, description="Its version you last read.")
    public: bool = Field(False, description="Publish it as the one public answer.")
