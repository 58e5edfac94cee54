"""The JSON shapes the appeals API reads and writes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from ratusha.appeals.choices import ApplicantKind, Channel, State

Language = Literal["be", "ru", "en"]


class FieldErrorOut(Schema):
    field: str | None
    message: str


class ProblemOut(Schema):
    """An RFC 9457 problem (served as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldErrorOut] = Field(default_factory=list)


def problems(*statuses: int) -> dict[int, type[ProblemOut]]:
    """Give the error responses an operation documents, for its ``response`` mapping."""
    return dict.fromkeys(statuses, ProblemOut)


class BodyOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None = Field(None, description="Code of the higher body.")
    address: str
    email: str
    phone: str


class CategoryOut(Schema):
    code: str
    name: str
    parent: str | None = Field(None, description="Code of the parent category.")


class PersonIn(Schema):
    name: str = Field(..., max_length=255)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    address: str = Field("", max_length=255)


class FileIn(Schema):
    name: str = Field(..., min_length=1, max_length=255)
    content_base64: str = Field(..., description="The file's bytes, base64-encoded.")


class AppealIn(Schema):
    """A new appeal. Files travel base64-encoded; their real type is checked."""

    body: str = Field(..., max_length=16, description="Code of the body, from GET /bodies.")
    text: str
    category: str | None = Field(None, max_length=16, description="Code of a category.")
    applicant_name: str = Field("", max_length=255)
    applicant_email: str = Field("", max_length=254)
    applicant_phone: str = Field(
        "",
        max_length=40,
        description=(
            "Any usual writing; a number without a country code is read as one of the "
            "installation's region. Stored in E.164 form: a plus, the country code and the "
            "number, with no spaces."
        ),
    )
    sms_notices: bool = Field(
        False,
        description=(
            "The applicant wants text messages about this appeal: one when it is registered "
            "and one when it has an answer, holding only its number and the tracking link. "
            "Needs a mobile applicant_phone (or the account's); refused with a field error "
            "where the installation sends no text messages."
        ),
    )
    applicant_address: str = Field("", max_length=255, description="Postal address.")
    answer_by_post: bool = Field(
        False,
        description=(
            "The applicant asks for the answer on paper: it is posted to applicant_address "
            "(required then), besides the e-mail when there is an address."
        ),
    )
    applicant_kind: ApplicantKind = ApplicantKind.INDIVIDUAL
    organisation: str = Field("", max_length=255)
    co_applicants: list[PersonIn] = Field(default_factory=list, max_length=500)
    address: str = Field("", max_length=255, description="Where the problem is.")
    latitude: float | None = None
    longitude: float | None = None
    consent_to_publish: bool = False
    language: Language | None = Field(None, description="Defaults to the request's language.")
    questions: list[str] = Field(default_factory=list, max_length=50)
    attachments: list[FileIn] = Field(default_factory=list, max_length=50)


class ReceiptOut(Schema):
    id: int
    number: str
    registered_at: datetime
    due_date: date | None
    status: str
    tracking_token: str = Field(..., description="Shown only in this response; keep it.")
    tracking_url: str


class AppealFilters(Schema):
    status: list[State] = Field(default_factory=list, description="Internal states.")
    category: str | None = Field(None, description="Category code.")
    department: str | None = Field(None, description="Department code.")
    executor: int | None = Field(None, description="Account id of the executor.")
    due_before: date | None = Field(None, description="Due on or before this day.")
    due_after: date | None = Field(None, description="Due on or after this day.")
    channel: Channel | None = None
    waiting_for_applicant: bool | None = Field(
        None,
        description="true: only appeals whose request for information waits for the "
        "applicant's reply; false: only the others.",
    )
    applicant_news: bool | None = Field(
        None,
        description="Staff only. true: only appeals with a reply or information from the "
        "applicant that no one has acted on or marked read; false: only the others.",
    )
    q: str | None = Field(None, max_length=200, description="Search in number and text.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


class AppealSummaryOut(Schema):
    id: int
    number: str
    body: str
    registered_at: datetime
    channel: str
    state: str | None = Field(None, description="Internal state (staff only).")
    status: str = Field(..., description="The status the applicant sees.")
    summary: str
    category: str | None
    department: str | None
    executor: int | None
    due_date: date | None
    overdue: bool
    information_requested_at: datetime | None = Field(
        None, description="Since when a request for information waits for the reply (staff)."
    )
    applicant_news_at: datetime | None = Field(
        None,
        description=(
            "When the applicant replied or added information that no executor has acted on "
            "since (staff); the web inbox marks such appeals."
        ),
    )
    version: int


class AppealPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[AppealSummaryOut]


class QuestionOut(Schema):
    id: int
    text: str
    answered: bool


class AnswerOut(Schema):
    id: int
    text: str
    drafted_at: datetime
    approved_at: datetime | None
    sent_at: datetime | None


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    is_scan: bool


class EventOut(Schema):
    at: datetime
    action: str
    actor_role: str
    from_state: str
    to_state: str
    reason: str
    public: bool
    text: str = Field(
        "",
        description=(
            "ask_applicant: the question; applicant_reply: the reply given; "
            "add_information: what the applicant added unasked."
        ),
    )


class AppealDetailOut(AppealSummaryOut):
    text: str
    language: str
    applicant_kind: str
    applicant_name: str
    applicant_email: str
    applicant_phone: str = Field(
        ..., description="In E.164 form; appeals older than that rule keep it as typed."
    )
    sms_notices: bool = Field(
        ..., description="The applicant asked for text messages about this appeal."
    )
    applicant_address: str
    answer_by_post: bool = Field(..., description="The applicant asked for the answer on paper.")
    organisation: str
    co_applicants: list[PersonIn]
    address: str
    latitude: float | None
    longitude: float | None
    consent_to_publish: bool
    processing: str
    questions: list[QuestionOut]
    answers: list[AnswerOut]
    attachments: list[AttachmentOut]
    events: list[EventOut]
    allowed_actions: list[str] = Field(
        default_factory=list, description="Actions the caller may take now."
    )


class ActionIn(Schema):
    """Data for a workflow action; send only the fields the action takes."""

    expected_version: int = Field(..., ge=0, description="The version you last read.")
    department: str | None = Field(None, description="Department code (assign, reassign).")
    executor: int | None = Field(None, description="Account id of the executor.")
    reason: str | None = Field(None, max_length=4000)
    explanation: str | None = Field(None, max_length=4000)
    target_body: str | None = Field(None, description="Body code (forward).")
    target_appeal: str | None = Field(None, description="Registration number (merge).")
    new_due_date: date | None = Field(None, description="extend_deadline")
    applicant_notified: bool | None = None
    question: str | None = Field(
        None, max_length=4000, description="ask_applicant: what the applicant should tell or send."
    )
    reply: str | None = Field(
        None, max_length=4000, description="applicant_reply: the reply the applicant gave on paper."
    )
    information: str | None = Field(
        None,
        max_length=4000,
        description="add_information: what the applicant added unasked, given on paper.",
    )


class DraftIn(Schema):
    expected_version: int = Field(..., ge=0)
    text: str = Field(..., max_length=50000)
    answered_questions: list[int] = Field(default_factory=list)


class ApproveIn(Schema):
    expected_version: int = Field(..., ge=0)


class TrackStepOut(Schema):
    at: datetime
    status: str
    action: str
    text: str = Field(
        "",
        description=(
            "ask_applicant: the question; applicant_reply: the reply given; "
            "add_information: what the applicant added unasked."
        ),
    )


class TrackAnswerOut(Schema):
    text: str
    sent_at: datetime


class RatingOut(Schema):
    score: int
    comment: str


class TrackOut(Schema):
    number: str
    body: str
    registered_at: datetime
    status: str
    status_label: str
    due_date: date | None
    history: list[TrackStepOut]
    answer: TrackAnswerOut | None
    rating: RatingOut | None
    can_rate: bool
    can_withdraw: bool
    can_complain: bool
    question: str | None = Field(
        None,
        description=(
            "The department's request for more information while it waits for the reply "
            "(POST /track/{number}/reply); null otherwise."
        ),
    )
    can_add_information: bool = Field(
        False,
        description=(
            "The applicant may add information unasked (POST /track/{number}/information): "
            "until the answer, and while no request for information waits for a reply."
        ),
    )


class TokenIn(Schema):
    token: str = Field(..., max_length=64)


class RatingIn(TokenIn):
    score: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=2000)


class ReplyIn(TokenIn):
    reply: str = Field(..., max_length=4000, description="The information asked for.")
    attachments: list[FileIn] = Field(default_factory=list, max_length=50)


class AddInformationIn(TokenIn):
    information: str = Field(..., max_length=4000, description="What the applicant adds.")
    attachments: list[FileIn] = Field(default_factory=list, max_length=50)


class WithdrawIn(TokenIn):
    reason: str = Field("", max_length=2000)


class ComplaintIn(TokenIn):
    text: str = Field(..., max_length=20000)
