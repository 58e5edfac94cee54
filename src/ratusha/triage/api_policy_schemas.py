"""The JSON shapes of a body's triage policy and model versions in the REST API."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from ratusha.triage.api_schemas import MAX_PAGE_SIZE
from ratusha.triage.models import Target


class PolicyOut(Schema):
    body: str = Field(..., description="Code of the body.")
    auto_route: bool = Field(
        ..., description="Appeals are routed automatically when the AI is sure enough."
    )
    auto_route_precision: float = Field(
        ...,
        description="Precision automatic routing must reach, 0.50 to 0.99; a new one applies "
        "from the next appeal triaged.",
    )
    duplicate_min_score: float = Field(
        ..., description="Score two appeals need to be linked as likely duplicates, 0.30 to 0.90."
    )
    clerk_decides: list[str] = Field(
        ...,
        description="Codes of the body's categories a clerk always decides: the AI never "
        "routes their appeals. Sorted.",
    )
    urgent_department: str | None = Field(
        ...,
        description="Code of the department urgent and emergency appeals go to at once when "
        "the AI does not route them (a duty service); null: they wait for a clerk.",
    )


class PolicyIn(Schema):
    """Any subset of the policy; a field left out (or null) keeps its present value."""

    auto_route: bool | None = Field(None, description="Route appeals automatically.")
    auto_route_precision: float | None = Field(
        None, description="From 0.50 to 0.99; kept to two decimals."
    )
    duplicate_min_score: float | None = Field(
        None, description="From 0.30 to 0.90; kept to two decimals."
    )
    clerk_decides: list[str] | None = Field(
        None,
        max_length=1000,
        description="All the codes of the body's categories a clerk always decides; the "
        "others are routed automatically. An empty list: none.",
    )
    urgent_department: str | None = Field(
        None,
        max_length=32,
        description="Code of an active department of the body for urgent appeals the AI does "
        "not route; an empty string: none.",
    )


class ModelFilters(Schema):
    target: Target | None = Field(None, description="Only the versions of this target.")
    limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0, le=1_000_000)


class ActivateIn(Schema):
    pin: bool = Field(
        True,
        description="Also pin it, so later trainings do not replace it (as the models page's "
        "rollback does); false lifts a standing pin of the target.",
    )


class ModelMetricsOut(Schema):
    """What the training measured; null where this version has no such figure."""

    examples: int | None = Field(None, description="Appeals it was trained on.")
    accuracy: float | None = Field(None, description="Top-1 accuracy, 0 to 1.")
    top3_accuracy: float | None = Field(None, description="Top-3 accuracy, 0 to 1.")
    macro_f1: float | None = Field(None, description="Macro-averaged F1, 0 to 1.")
    coverage: float | None = Field(
        None, description="Share of appeals sure enough to be routed automatically, 0 to 1."
    )
    routed_precision: float | None = Field(
        None, description="Precision of the appeals routed automatically, 0 to 1."
    )
    threshold: float | None = Field(
        None, description="Confidence from which an appeal is routed automatically."
    )
    folds: int | None = Field(
        None, description="Folds of cross-validation; null: measured on an inner split."
    )


class RoutingChoiceOut(Schema):
    """What one precision would route, measured when the version was trained."""

    precision: float = Field(..., description="The precision asked, 0.50 to 0.99.")
    threshold: float | None = Field(
        ..., description="Confidence from which appeals are routed; null: none reaches it."
    )
    coverage: float = Field(..., description="Share of appeals routed automatically, 0 to 1.")


class ModelOut(Schema):
    target: Target = Field(..., description="What the model predicts.")
    version: int
    created_at: datetime = Field(..., description="When it was trained.")
    active: bool = Field(..., description="It triages the body's new appeals.")
    pinned_at: datetime | None = Field(
        None, description="Set while pinned: later trainings do not make their versions active."
    )
    pinned_by: str | None = Field(
        None,
        description=(
            "Username (e-mail) of who pinned it, while the account exists; shown only to "
            "those who may change the body."
        ),
    )
    labels_used: int = Field(..., description="Officers' corrections the training read.")
    archived_at: datetime | None = Field(
        None,
        description=(
            "Set when the trained model was deleted to save space "
            "(`RATUSHA_TRIAGE_KEEP_VERSIONS`): the figures stay, but it can no longer be "
            "made active."
        ),
    )
    metrics: ModelMetricsOut
    routing: list[RoutingChoiceOut] = Field(
        ...,
        description="For each precision a body may ask, what this version would route "
        "(the active version routes at the body's own); empty for versions trained before "
        "this was kept.",
    )


class ModelPageOut(Schema):
    body: str = Field(..., description="Code of the body.")
    count: int = Field(..., description="Versions matching, on every page.")
    limit: int
    offset: int
    items: list[ModelOut] = Field(..., description="By target, then newest version first.")
