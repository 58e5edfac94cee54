"""What a citizen does with their appeal: reply to a request for information, add
information unasked, withdraw it, complain to the higher body, or stop its text messages
(on the tracking page, or by replying "STOP" to one)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.appeals.actions.errors import AppealInvalid, TransitionNotAllowed
from ratusha.appeals.actions.registration import (
    AppealInput,
    Registration,
    check_register_appeal,
    store_files,
    validate_uploads,
)
from ratusha.appeals.actions.transitions import announce, check_transition
from ratusha.appeals.choices import STOP_SMS, Channel
from ratusha.appeals.models import Appeal, AppealEvent
from ratusha.sms import phones
from ratusha_core.workflow import ActorRole


def check_withdraw(appeal: Appeal, reason: str = "") -> Appeal:
    """Withdraw the appeal on the applicant's request (before it is answered)."""
    return check_transition(appeal.pk, "withdraw", None, {"reason": reason}, as_citizen=True)


# How many times an applicant may add information unasked to one appeal.
MAX_ADDITIONS = 20


def check_reply(appeal: Appeal, text: str, files: Sequence[UploadedFile] = ()) -> Appeal:
    """Record the applicant's reply to the request for more information, with any files
    (a photo, a document) attached to the appeal, checked as at registration."""
    return _check_said(appeal, "applicant_reply", "reply", text, files)


def check_add_information(appeal: Appeal, text: str, files: Sequence[UploadedFile] = ()) -> Appeal:
    """Record information the applicant adds unasked (a new fact, a photo), with any files,
    until the appeal is answered; at most ``MAX_ADDITIONS`` times per appeal."""
    return _check_said(appeal, "add_information", "information", text, files, MAX_ADDITIONS)


def _refuse_beyond(appeal_id: int, action: str, limit: int) -> None:
    """Lock the appeal and refuse a step taken ``limit`` times already: counted under the
    lock, so two sends at once cannot both pass the last free place."""
    Appeal.objects.select_for_update().filter(pk=appeal_id).values_list("pk").first()
    if AppealEvent.objects.filter(appeal_id=appeal_id, action=action).count() >= limit:
        raise TransitionNotAllowed(
            _(
                "You have added information to this appeal many times already. Please file "
                "a new appeal, or contact the body."
            ),
            "too_many_additions",
        )


def _check_said(
    appeal: Appeal,
    action: str,
    field: str,
    text: str,
    files: Sequence[UploadedFile],
    limit: int | None = None,
) -> Appeal:
    """Take the applicant's step with its text in ``field`` and its files tied to it; with a
    ``limit``, at most that many times per appeal."""
    errors: dict[str, list[Any]] = {}
    if not text.strip():
        errors[field] = [
            _("Write your reply.") if field == "reply" else _("Write what you want to add.")
        ]
    checked = validate_uploads([(upload, False) for upload in files], errors)
    if errors:
        raise AppealInvalid(errors)
    with transaction.atomic():
        if limit is not None:
            _refuse_beyond(appeal.pk, action, limit)
        done = check_transition(
            appeal.pk, action, None, {field: text.strip()[:4000]}, as_citizen=True
        )
        event = AppealEvent.objects.filter(appeal=done, action=action).latest("pk")
        store_files(done, checked, reply=event)
    return done


def check_file_complaint(appeal: Appeal, text: str) -> Registration:
    """Register a complaint at the higher body, linked to the original appeal."""
    higher = appeal.body.parent
    if higher is None:
        raise TransitionNotAllowed(
            _("This body has no higher body to complain to."), "no_higher_body"
        )
    if len(text.strip()) < 10:
        raise AppealInvalid({"text": [_("Explain what you disagree with.")]})
    with transaction.atomic():
        registration = check_register_appeal(
            AppealInput(
                body=higher,
                channel=Channel.WEB,
                text=text,
                applicant_name=appeal.applicant_name,
                applicant_email=appeal.applicant_email,
                applicant_phone=appeal.applicant_phone,
                applicant_address=appeal.applicant_address,
                answer_by_post=appeal.answer_by_post,
                citizen=appeal.citizen,
                language=appeal.language,
                sms_notices=appeal.sms_notices,
            )
        )
        complaint = registration.appeal
        complaint.complaint_about = appeal
        complaint.save(update_fields=["complaint_about"])
        check_transition(
            appeal.pk,
            "file_complaint",
            None,
            {"higher_body": str(higher.pk), "complaint_appeal": str(complaint.pk)},
            as_citizen=True,
        )
    return registration


def check_stop_sms_from(phone: str) -> int:
    """Stop the text messages of every appeal that sends them to ``phone`` (the applicant
    replied "STOP" to one); give how many appeals had them on."""
    try:
        number = phones.to_e164(phone)
    except phones.InvalidPhone:
        raise AppealInvalid({"from": [_("This is not a phone number.")]}) from None
    asked = Appeal.objects.filter(applicant_phone=number, sms_notices=True).order_by("pk")
    return sum(do_stop_sms(appeal, via="sms") for appeal in asked)


def do_stop_sms(appeal: Appeal, via: str = "tracking_page") -> bool:
    """Stop the appeal's text messages (e-mails go on); give whether they were on.

    The stop is a step in the appeal's history (and so in the ledger, as a private step
    of the applicant), so staff see when the messages were stopped and how (``via`` the
    tracking page, or an SMS reply).
    """
    with transaction.atomic():
        if not Appeal.objects.filter(pk=appeal.pk, sms_notices=True).update(sms_notices=False):
            return False
        state = Appeal.objects.values_list("state", flat=True).get(pk=appeal.pk)
        event = AppealEvent.objects.create(
            appeal=appeal,
            at=timezone.now(),
            actor=None,
            actor_role=str(ActorRole.CITIZEN),
            action=STOP_SMS,
            from_state=state,
            to_state="",  # no change of state: reports and feeds that follow states skip it
            extra={"via": via},
            public=False,
        )
        announce(event)
    return True
