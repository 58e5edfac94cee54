"""Every write of the Open311 app: client keys and filing requests as ordinary appeals.

A request becomes an appeal through ``ratusha.appeals.actions.check_register_appeal``
(channel Open311), so it is numbered, triaged, announced in the ledger and e-mailed a
receipt like any other. A retry with the same ``Idempotency-Key`` from the same client
gives back the same appeal.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.appeals.actions import AppealConflict, AppealInvalid, check_register_appeal
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.open311.models import Open311Client, Submission
from ratusha.open311.rendering import Open311Error
from ratusha.open311.services import service_of
from ratusha.open311.submission import Submitted, appeal_input, check_fields

LAST_USED_EVERY = timedelta(minutes=1)
FORBIDDEN = "Invalid api_key received -- can't proceed with create_request."


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def do_issue_key(client: Open311Client) -> str:
    """Give the client a new key (returned once, only its hash is kept); the old one stops."""
    plain = secrets.token_hex(24)
    client.key_prefix = plain[:8]
    client.key_hash = key_digest(plain)
    if client.pk is not None:
        client.save(update_fields=["key_prefix", "key_hash"])
    return plain


@transaction.atomic
def check_create_client(
    name: str, bodies: Iterable[Body], batch: bool = False
) -> tuple[Open311Client, str]:
    """Register a client for the bodies; give it and its key (shown once)."""
    bodies = list(bodies)
    if not name.strip() or not bodies:
        raise ValueError("A client needs a name and at least one body.")
    client = Open311Client(name=name.strip()[:100], batch=batch)
    plain = do_issue_key(client)
    client.save()
    client.bodies.set(bodies)
    return client, plain


def client_of_key(key: str) -> Open311Client | None:
    """Give the active client a key belongs to, or None."""
    if not key or len(key) > 200:
        return None
    client = Open311Client.objects.filter(key_hash=key_digest(key), is_active=True).first()
    if client is not None:
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at >= LAST_USED_EVERY:
            Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


def client_for(key: str, body: Body) -> Open311Client:
    """Give the client of a key allowed to file to the body, or raise the spec's 403."""
    client = client_of_key(key)
    if client is None or not client.bodies.filter(pk=body.pk).exists():
        raise Open311Error(403, FORBIDDEN)
    return client


@dataclass(frozen=True)
class Filed:
    """What POST requests answers: the appeal when registered now, else the token to ask later."""

    submission: Submission
    appeal: Appeal | None


def _invalid(error: AppealInvalid) -> Open311Error:
    names = {"text": "description", "applicant_name": "first_name", "applicant_email": "email"}
    names |= {"latitude": "lat", "longitude": "long", "address": "address_string"}
    failure = Open311Error(400, "")
    failure.errors = [
        {"code": 400, "description": f"{names.get(field, field)}: {message}"}
        for field, messages in error.errors.items()
        for message in messages
    ]
    return failure


def _replay(client: Open311Client, key: str, submitted: Submitted) -> Submission | None:
    if not key:
        return None
    found = Submission.objects.filter(client=client, idempotency_key=key).first()
    if found is not None and found.fingerprint != submitted.fingerprint():
        raise Open311Error(
            400, _("This Idempotency-Key was already used for a different request."), code=409
        )
    return found


def check_file_request(
    client: Open311Client, body: Body, submitted: Submitted, idempotency_key: str = ""
) -> Filed:
    """Check a POST requests form and file it: now (realtime) or by a task (batch clients)."""
    if len(idempotency_key) > 200:
        raise Open311Error(400, _("Idempotency-Key takes at most 200 characters."))
    if not submitted.fields["service_code"]:
        raise Open311Error(400, _("service_code was not provided."))
    category = service_of(body, submitted.fields["service_code"])
    check_fields(submitted)
    data = appeal_input(body, category, submitted)
    replayed = _replay(client, idempotency_key, submitted)
    if replayed is not None:
        return Filed(replayed, replayed.appeal)
    if client.batch:
        return Filed(_queue(client, body, submitted, idempotency_key), None)
    scope = (f"open311:{client.pk}", idempotency_key) if idempotency_key else None
    try:
        with transaction.atomic():
            registration = check_register_appeal(data, idempotency=scope)
            submission = Submission.objects.filter(appeal=registration.appeal).first()
            if submission is None:
                submission = _record(client, body, submitted, idempotency_key)
                submission.appeal = registration.appeal
                submission.save()
    except AppealInvalid as error:
        raise _invalid(error) from None
    except AppealConflict as error:
        raise Open311Error(400, error.message, code=409) from None
    return Filed(submission, registration.appeal)


def _record(client: Open311Client, body: Body, submitted: Submitted, key: str) -> Submission:
    return Submission(
        client=client,
        body=body,
        token=secrets.token_hex(16),
        idempotency_key=key,
        fingerprint=submitted.fingerprint(),
        device_id=submitted.fields["device_id"][:100],
        media_url=submitted.fields["media_url"][:1000],
    )


def _queue(client: Open311Client, body: Body, submitted: Submitted, key: str) -> Submission:
    from ratusha.open311 import tasks

    submission = _record(client, body, submitted, key)
    submission.payload = submitted.as_payload()
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:  # a concurrent retry with the same key won
        return Submission.objects.get(client=client, idempotency_key=key)
    transaction.on_commit(lambda: tasks.register_submission.enqueue(submission.pk))
    return submission


def do_register_submission(submission_id: int) -> Appeal | None:
    """Register a queued submission as an appeal (safe to run twice); empty its payload."""
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update()
            .select_related("body", "client")
            .get(pk=submission_id)
        )
        if submission.appeal_id is not None or not submission.payload:
            return submission.appeal
        submitted = Submitted.from_payload(submission.payload)
        try:
            category = service_of(submission.body, submitted.fields["service_code"])
            data = appeal_input(submission.body, category, submitted)
            registration = check_register_appeal(
                data, idempotency=(f"open311:{submission.client_id}", f"token:{submission.token}")
            )
        except (Open311Error, AppealInvalid, AppealConflict) as error:
            submission.error = str(getattr(error, "errors", None) or error)[:2000]
            submission.payload = {}
            submission.save(update_fields=["error", "payload"])
            return None
        submission.appeal = registration.appeal
        submission.payload = {}
        submission.save(update_fields=["appeal", "payload"])
        return registration.appeal
