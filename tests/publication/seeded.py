"""Appeals full of personal data in every shape a public record can take, and each record's due.

:func:`seed_varied` files them through the real actions: consented and approved texts
in be, ru and en answered with the applicants' details, a consented text still under
review, a rejected one, a confidential answer, an appeal without a place, one in another
body, withdrawn and forwarded ones, and pins at the poles and the antimeridian.
:func:`expected_record` works out, from the ORM's own values and ``ratusha_core`` one
appeal at a time, what the public record of an appeal must be, independently of
``publication.records``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings

from ratusha.appeals.models import Appeal
from ratusha.publication.models import AnswerSummary, Publication, Status
from ratusha.publication.records import PublicAppeal
from ratusha_core.publication import snap, street_of
from ratusha_core.workflow import CLOCK_RUNNING_STATES, AppealState, public_status
from tests.publication.test_privacy import CASES

# Pins where the grid's arithmetic is at its edges.
EDGE_POINTS = [
    (Decimal("90.000000"), Decimal("180.000000")),
    (Decimal("-90.000000"), Decimal("-180.000000")),
    (Decimal("89.999999"), Decimal("179.999999")),
    (Decimal("-0.000001"), Decimal("-179.999999")),
    (Decimal("0.000000"), Decimal("0.000000")),
    (Decimal("53.902700"), Decimal("27.561500")),
    (Decimal("53.902700"), None),  # only one coordinate: no cell
]


def seed_varied(world: Any, appeal_input: Any, capture: Callable[..., Any]) -> list[Appeal]:
    """File the varied appeals; give them in the order they were filed."""
    from ratusha.appeals.actions import (
        check_approve_answer,
        check_draft_answer,
        check_register_appeal,
    )
    from ratusha.appeals.choices import State
    from ratusha.appeals.models import Answer
    from ratusha.publication.actions import check_approve_publication, check_reject_publication

    def register(**overrides: Any) -> Appeal:
        with capture(execute=True):
            appeal = check_register_appeal(appeal_input(**overrides)).appeal
        appeal.refresh_from_db()
        return appeal

    def answer(appeal: Any, text: str, is_public: bool = True) -> None:
        questions = list(appeal.questions.values_list("pk", flat=True))
        draft = check_draft_answer(appeal.pk, world.users["officer"], text, questions)
        if not is_public:
            Answer.objects.filter(pk=draft.pk).update(is_public=False)
        with capture(execute=True):
            check_approve_answer(appeal.pk, world.users["head"])

    def review(appeal: Appeal, approve: bool) -> None:
        publication = Publication.objects.get(appeal=appeal)
        with capture(execute=True):
            if approve:
                check_approve_publication(world.users["clerk"], publication, override=True)
            else:
                check_reject_publication(world.users["clerk"], publication)

    filed = []
    for number, case in enumerate(CASES):
        fields = {k: v for k, v in case.items() if k not in ("answer", "secrets")}
        appeal = register(
            consent_to_publish=True, latitude=53.9 + number / 100, longitude=27.56, **fields
        )
        review(appeal, approve=True)
        answer(appeal, str(case["answer"]))
        filed.append(appeal)
    be, ru, en = ({k: v for k, v in c.items() if k not in ("answer", "secrets")} for c in CASES)
    filed.append(register(consent_to_publish=True, latitude=53.91, longitude=27.6, **be))
    rejected = register(consent_to_publish=True, **ru)
    review(rejected, approve=False)
    filed.append(rejected)
    confidential = register(consent_to_publish=False, latitude=53.8, longitude=27.5, **en)
    answer(confidential, str(CASES[2]["answer"]), is_public=False)
    filed.append(confidential)
    filed.append(register(**{**be, "address": ""}))
    filed.append(
        register(
            body=world.bodies["B"],
            category=world.categories["B1"],
            latitude=52.1,
            longitude=23.7,
            **ru,
        )
    )
    for state in (State.WITHDRAWN, State.FORWARDED):
        appeal = register(**en, latitude=53.95, longitude=27.7)
        Appeal.objects.filter(pk=appeal.pk).update(state=state)
        filed.append(appeal)
    for latitude, longitude in EDGE_POINTS:
        appeal = register(**be)
        Appeal.objects.filter(pk=appeal.pk).update(latitude=latitude, longitude=longitude)
        filed.append(appeal)
    return [Appeal.objects.get(pk=appeal.pk) for appeal in filed]


def expected_record(appeal: Appeal) -> PublicAppeal:
    """Give what the public record of an appeal must be, read from its model objects."""
    publication = Publication.objects.filter(appeal=appeal).first()
    summary = AnswerSummary.objects.filter(appeal=appeal).select_related("answer").first()
    cell = None
    if appeal.latitude is not None and appeal.longitude is not None:
        cell = snap(appeal.latitude, appeal.longitude, int(settings.RATUSHA_PUBLIC_GRID_METRES))
    text = None
    if appeal.consent_to_publish and publication and publication.status == Status.APPROVED:
        text = publication.edited_text or publication.proposed_text or None
    answer_summary = None
    if summary is not None and summary.answer.is_public:
        answer_summary = summary.summary or None
    department, category = appeal.department, appeal.category
    return PublicAppeal(
        number=appeal.number,
        body_code=appeal.body.code,
        body_name=str(appeal.body),
        department_code=department.code if department else None,
        department_name=str(department) if department else None,
        category_code=category.code if category else None,
        category_name=str(category) if category else None,
        channel=appeal.channel,
        state=appeal.state,
        public_status=public_status(AppealState(appeal.state)).value,
        is_open=AppealState(appeal.state) in CLOCK_RUNNING_STATES,
        registered_at=appeal.registered_at,
        updated_at=appeal.changed_at or appeal.registered_at,
        due_date=appeal.due_date,
        answered_at=appeal.answered_at,
        street=street_of(appeal.address) if appeal.address else None,
        latitude=cell.latitude if cell else None,
        longitude=cell.longitude if cell else None,
        text=text,
        answer_summary=answer_summary,
    )
