"""Every write of public redaction: proposals, the clerk's approval or rejection, summaries.

- ``do_propose_publication(appeal)``: the detector's redaction of a consenting appeal,
  waiting in the clerks' queue (run by a task after registration, and by the backfill);
- ``check_approve_publication`` / ``check_reject_publication``: the clerk's review. An
  approval rechecks the (edited) text and refuses while personal data remains, unless
  the clerk overrides; it is recorded in the body's ledger as ``publication.approved``;
- ``do_summarise_answer(appeal)``: the redacted summary of the latest public answer.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.appeals.models import Answer, Appeal
from ratusha.ledger.actions import append_on_commit
from ratusha.publication.models import AnswerSummary, Publication, Status
from ratusha.publication.redaction import (
    find_all,
    people_of,
    redact_text,
    spans_as_json,
    summarise_answer,
)
from ratusha_core.triage.personal_data import PersonalDataSpan

APPROVED = "publication.approved"
MAX_TEXT = 20000


class PublicationRefused(Exception):
    """The review cannot be done as asked; ``message`` says why, ``findings`` what remains."""

    def __init__(self, message: str, findings: tuple[PersonalDataSpan, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.findings = findings


def do_propose_publication(appeal: Appeal) -> Publication | None:
    """Give the appeal's publication, proposing the redaction if there is none yet.

    Appeals without consent get none. An existing proposal is kept as it is, so running
    this twice (a retried task, the backfill) never undoes a clerk's review.
    """
    if not appeal.consent_to_publish:
        return None
    existing = Publication.objects.filter(appeal=appeal).first()
    if existing is not None:
        return existing
    redaction = redact_text(appeal.text, people_of(appeal), appeal.language)
    publication, _created = Publication.objects.get_or_create(
        appeal=appeal,
        defaults={
            "body_id": appeal.body_id,
            "proposed_text": redaction.text,
            "spans": spans_as_json(redaction.spans),
            "created_at": timezone.now(),
        },
    )
    return publication


def remaining_personal_data(publication: Publication, text: str) -> tuple[PersonalDataSpan, ...]:
    """Give what the detector, or the applicants' own details, still find in a text."""
    appeal = publication.appeal
    return find_all(text, people_of(appeal), appeal.language)


def check_approve_publication(
    user: Any, publication: Publication, edited_text: str | None = None, override: bool = False
) -> Publication:
    """Approve the publication with the clerk's text; refuse while personal data remains.

    ``publication`` must come from ``access.publication_for_review`` (the reviewer's
    scope). ``edited_text`` None keeps the text as it stands.
    """
    text = publication.final_text if edited_text is None else edited_text.strip()
    if not text:
        raise PublicationRefused(_("The text to publish is empty. Reject it instead."))
    if len(text) > MAX_TEXT:
        raise PublicationRefused(_("The text is too long."))
    if not publication.appeal.consent_to_publish:
        raise PublicationRefused(_("The applicant has not consented to publication."))
    findings = remaining_personal_data(publication, text)
    if findings and not override:
        raise PublicationRefused(
            _(
                "The text still seems to contain personal data. Remove it, or tick the box "
                "to publish anyway if these are not personal data."
            ),
            findings,
        )
    with transaction.atomic():
        locked = Publication.objects.select_for_update().get(pk=publication.pk)
        if locked.status != Status.PENDING:
            raise PublicationRefused(_("Someone else reviewed this text meanwhile."))
        locked.edited_text = "" if text == locked.proposed_text else text
        locked.override = bool(findings and override)
        locked.status = Status.APPROVED
        locked.reviewer = user
        locked.reviewed_at = timezone.now()
        locked.save()
        append_on_commit(
            publication.appeal.body,
            APPROVED,
            {
                "appeal": publication.appeal.number,
                "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                "override": locked.override,
            },
            subject=publication.appeal.number,
        )
    return locked


def check_reject_publication(user: Any, publication: Publication) -> Publication:
    """Keep the appeal's text unpublished (the rest of the public record stays)."""
    with transaction.atomic():
        locked = Publication.objects.select_for_update().get(pk=publication.pk)
        if locked.status != Status.PENDING:
            raise PublicationRefused(_("Someone else reviewed this text meanwhile."))
        locked.status = Status.REJECTED
        locked.reviewer = user
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "reviewer", "reviewed_at"])
    return locked


def latest_sent_answer(appeal: Appeal) -> Answer | None:
    """Give the appeal's latest answer that was sent to the applicant, if any."""
    return (
        Answer.objects.filter(appeal=appeal, sent_at__isnull=False)
        .order_by("-sent_at", "-pk")
        .first()
    )


def do_summarise_answer(appeal: Appeal) -> AnswerSummary | None:
    """Give the summary of the latest sent public answer, made (again) if it is out of date.

    A confidential latest answer leaves no summary at all.
    """
    answer = latest_sent_answer(appeal)
    if answer is None or not answer.is_public:
        AnswerSummary.objects.filter(appeal=appeal).delete()
        return None
    current = AnswerSummary.objects.filter(appeal=appeal, answer=answer).first()
    if current is not None:
        return current
    summary = summarise_answer(answer.text, people_of(appeal), appeal.language)
    made, _created = AnswerSummary.objects.update_or_create(
        appeal=appeal,
        defaults={"answer": answer, "summary": summary, "made_at": timezone.now()},
    )
    return made
