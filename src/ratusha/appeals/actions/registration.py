"""Registering an appeal: validate, number it, store it with its files in one transaction."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.accounts.models import User
from ratusha.appeals.actions.errors import AppealConflict, AppealInvalid
from ratusha.appeals.actions.transitions import announce
from ratusha.appeals.choices import ApplicantKind, Channel, Processing, State
from ratusha.appeals.models import (
    Appeal,
    AppealEvent,
    Applicant,
    Attachment,
    IdempotencyRecord,
    Question,
    RegistrationCounter,
)
from ratusha.appeals.policy import calendar_for, deadline_for
from ratusha.bodies.models import Body, Category
from ratusha_core.deadlines import TermKind
from ratusha_core.intake.filetypes import sniff


@dataclass
class AppealInput:
    """What an intake channel hands over; the actions validate all of it."""

    body: Body
    channel: Channel
    text: str
    applicant_name: str = ""
    applicant_email: str = ""
    applicant_phone: str = ""
    sms_notices: bool = False  # the applicant asked for text messages (needs the phone)
    applicant_address: str = ""
    answer_by_post: bool = False  # the applicant asked for the answer on paper (needs the address)
    applicant_kind: str = ApplicantKind.INDIVIDUAL
    organisation: str = ""
    co_applicants: list[dict[str, str]] = field(default_factory=list)
    category: Category | None = None
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    consent_to_publish: bool = False
    citizen: User | None = None
    registered_by: User | None = None
    language: str = "be"
    questions: list[str] = field(default_factory=list)
    files: list[UploadedFile] = field(default_factory=list)
    scans: list[UploadedFile] = field(default_factory=list)
    registered_at: datetime | None = None  # set only by the import of historic appeals

    def fingerprint(self) -> str:
        """Give a hash of the content, to tell a retry from a different appeal."""
        content = {
            "body": self.body.pk,
            "text": self.text.strip(),
            "email": self.applicant_email.lower(),
            "name": self.applicant_name.strip(),
            "category": self.category and self.category.pk,
            "files": sorted(_file_digest(f) for f in [*self.files, *self.scans]),
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _file_digest(upload: UploadedFile) -> str:
    """Give the SHA-256 of an upload's content, leaving it ready to be read again."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@dataclass(frozen=True)
class Registration:
    """A registered appeal, its tracking token, and whether this call created it."""

    appeal: Appeal
    token: str
    created: bool


def tracking_token(appeal: Appeal) -> str:
    """Give the appeal's secret tracking token (derived, never stored in plain)."""
    message = f"track:{appeal.number}:{appeal.tracking_token_hash}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def _validate_files(
    data: AppealInput, errors: dict[str, list[Any]]
) -> list[tuple[UploadedFile, str, bool]]:
    uploads = [(f, False) for f in data.files] + [(f, True) for f in data.scans]
    return validate_uploads(uploads, errors)


def validate_uploads(
    files: list[tuple[UploadedFile, bool]], errors: dict[str, list[Any]]
) -> list[tuple[UploadedFile, str, bool]]:
    """Check the count, the size and the real type of uploads (``is_scan`` beside each).

    Gives the accepted ones with their sniffed type; puts the problems under ``files``.
    """
    checked: list[tuple[UploadedFile, str, bool]] = []
    if len(files) > settings.RATUSHA_MAX_ATTACHMENTS:
        errors.setdefault("files", []).append(
            _("Attach at most %(count)d files.") % {"count": settings.RATUSHA_MAX_ATTACHMENTS}
        )
        return []
    limit = settings.RATUSHA_MAX_ATTACHMENT_BYTES
    for upload, is_scan in files:
        name = upload.name or "file"
        if (upload.size or 0) > limit:
            errors.setdefault("files", []).append(
                _("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit // 2**20}
            )
            continue
        upload.seek(0)
        kind = sniff(upload.read(32))
        upload.seek(0)
        if kind is None:
            errors.setdefault("files", []).append(
                _("%(name)s is not a PDF, JPEG, PNG or HEIC file.") % {"name": name}
            )
            continue
        checked.append((upload, kind, is_scan))
    return checked


def _validate(data: AppealInput) -> list[tuple[UploadedFile, str, bool]]:
    errors = input_errors(data)
    checked = _validate_files(data, errors)
    if errors:
        raise AppealInvalid(errors)
    return checked


def input_errors(data: AppealInput) -> dict[str, list[Any]]:
    """Give the problems of the input's fields, by field (the files are checked apart).

    A form calls it also when some of its own fields failed, so that the applicant sees
    every problem of the page at once instead of one round at a time.
    """
    errors: dict[str, list[Any]] = {}
    text = data.text.strip()
    if len(text) < 10:
        errors["text"] = [_("Describe the problem in at least a few words.")]
    elif len(text) > settings.RATUSHA_MAX_APPEAL_CHARS:
        errors["text"] = [
            _("The text is too long: at most %(count)d characters.")
            % {"count": settings.RATUSHA_MAX_APPEAL_CHARS}
        ]
    if not data.applicant_name.strip():
        errors["applicant_name"] = [_("Give the applicant's name (the law requires it).")]
    if data.applicant_email:
        try:
            validate_email(data.applicant_email)
        except Exception:
            errors["applicant_email"] = [_("Enter a valid e-mail address.")]
    if not data.applicant_email and not data.applicant_address:
        errors["applicant_email"] = [
            _("Give an e-mail or a postal address, so that the answer can reach you.")
        ]
    if data.answer_by_post and not data.applicant_address.strip():
        errors["answer_by_post"] = [_("To get the answer on paper, give a postal address.")]
    if data.sms_notices and not data.applicant_phone.strip():
        errors["sms_notices"] = [_("To get text messages, give a mobile phone number.")]
    if data.applicant_kind == ApplicantKind.LEGAL_ENTITY and not data.organisation.strip():
        errors["organisation"] = [_("Give the name of the organisation.")]
    if data.applicant_kind == ApplicantKind.COLLECTIVE and not data.co_applicants:
        errors["co_applicants"] = [_("A collective appeal lists the other applicants.")]
    if data.category is not None and data.category.body_id != data.body.pk:
        errors["category"] = [_("This category belongs to another body.")]
    for name, value, low, high in (
        ("latitude", data.latitude, -90, 90),
        ("longitude", data.longitude, -180, 180),
    ):
        if value is not None and not low <= value <= high:
            errors[name] = [_("This coordinate is out of range.")]
    if (data.latitude is None) != (data.longitude is None):
        errors["latitude"] = [_("Give both coordinates of the map pin, or neither.")]
    return errors


def _next_sequence(body: Body, year: int) -> int:
    """Give the next number of the body's year; the counter row stays locked until commit.

    One statement (``UPDATE ... RETURNING``) takes the lock and the number together.
    """
    row = _bump_counter(body, year)
    if row is not None:
        return row
    try:
        with transaction.atomic():
            RegistrationCounter.objects.create(body=body, year=year, last=0)
    except IntegrityError:
        pass  # another transaction created it first; wait for its lock
    return _next_sequence(body, year)


def has_update_returning() -> bool:
    """Tell whether the database takes ``UPDATE ... RETURNING`` (all but SQLite before 3.35)."""
    if connection.vendor != "sqlite":
        return True
    import sqlite3

    return sqlite3.sqlite_version_info >= (3, 35)


def _bump_counter(body: Body, year: int) -> int | None:
    if not has_update_returning():
        counter = (
            RegistrationCounter.objects.select_for_update().filter(body=body, year=year).first()
        )
        if counter is None:
            return None
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last
    table = connection.ops.quote_name(RegistrationCounter._meta.db_table)
    last = connection.ops.quote_name("last")
    with connection.cursor() as cursor:
        cursor.execute(  # names from the model, values as parameters
            f"UPDATE {table} SET {last} = {last} + 1 WHERE body_id = %s AND year = %s "  # noqa: S608
            f"RETURNING {last}",
            [body.pk, year],
        )
        found = cursor.fetchone()
    return None if found is None else int(found[0])


def store_files(
    appeal: Appeal, files: list[tuple[UploadedFile, str, bool]], reply: Any = None
) -> None:
    """Save checked uploads (``validate_uploads``) as the appeal's attachments, those of an
    applicant's ``reply`` (its event) marked so."""
    for upload, kind, is_scan in files:
        upload.seek(0)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        attachment = Attachment(
            appeal=appeal,
            original_name=(upload.name or "file")[:255],
            content_type=kind,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            is_scan=is_scan,
            reply=reply,
        )
        attachment.file.save(upload.name or "file", upload, save=False)
        attachment.save()


def do_register_appeal(
    data: AppealInput, files: list[tuple[UploadedFile, str, bool]]
) -> Registration:
    """Number and store a validated appeal; queue its processing after the commit."""
    from ratusha.appeals import tasks

    now = data.registered_at or timezone.now()
    body = data.body
    year = now.astimezone(ZoneInfo(body.time_zone)).year
    # Deadlines first: nothing slow may run while the counter row is locked.
    form = Channel(data.channel).form
    calendar = calendar_for(body)
    deadline = deadline_for(body, now, TermKind.STANDARD, form, calendar)
    forwarding = deadline_for(body, now, TermKind.FORWARDING, form, calendar)
    # No savepoint when called inside check_register_appeal's transaction: one fewer round trip.
    with transaction.atomic(savepoint=False):
        sequence = _next_sequence(body, year)
        appeal = Appeal.objects.create(
            body=body,
            number=f"{body.code}-{year}-{sequence:06d}",
            year=year,
            sequence=sequence,
            registered_at=now,
            channel=data.channel,
            applicant_kind=data.applicant_kind,
            citizen=data.citizen,
            applicant_name=data.applicant_name.strip(),
            applicant_email=data.applicant_email.strip().lower(),
            applicant_phone=data.applicant_phone.strip(),
            sms_notices=data.sms_notices,
            applicant_address=data.applicant_address.strip(),
            answer_by_post=data.answer_by_post,
            organisation=data.organisation.strip(),
            language=data.language,
            text=data.text.strip(),
            summary=_summary(data.text),
            category=data.category,
            address=data.address.strip(),
            latitude=data.latitude,
            longitude=data.longitude,
            consent_to_publish=data.consent_to_publish,
            state=State.REGISTERED,
            changed_at=now,
            due_date=deadline.due_date,
            forward_by=forwarding.due_date,
            processing=Processing.PENDING,
            tracking_token_hash=secrets.token_hex(16),
            registered_by=data.registered_by,
        )
        Applicant.objects.bulk_create(
            Applicant(appeal=appeal, **{k: v for k, v in person.items() if k in _PERSON})
            for person in data.co_applicants
        )
        questions = [q.strip() for q in data.questions if q.strip()] or [appeal.summary]
        Question.objects.bulk_create(
            Question(appeal=appeal, text=text, position=n) for n, text in enumerate(questions)
        )
        store_files(appeal, files)
        registered = AppealEvent.objects.create(
            appeal=appeal,
            at=now,
            actor=data.registered_by or data.citizen,
            actor_role="registry_clerk" if data.registered_by else "citizen",
            action="register",
            from_state="",
            to_state=State.REGISTERED,
            public=True,
            extra={"channel": str(data.channel), "number": appeal.number},
        )
        if data.registered_at is None:
            # One task does the rest (ledger, publication, receipt, triage) in the worker.
            transaction.on_commit(lambda: tasks.enqueue_after_registration(appeal.pk))
        else:
            announce(registered)  # historic imports are already processed: only the ledger
    return Registration(appeal=appeal, token=tracking_token(appeal), created=True)


_PERSON = {"name", "email", "phone", "address"}


def _summary(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "…"


def check_register_appeal(
    data: AppealInput, idempotency: tuple[str, str] | None = None
) -> Registration:
    """Validate and register an appeal; a retried (scope, key) gives back the same appeal.

    Raises AppealInvalid with field errors, or AppealConflict when the key was used
    before for different content.
    """
    files = _validate(data)
    if idempotency is None:
        return do_register_appeal(data, files)
    scope, key = idempotency
    fingerprint = data.fingerprint()
    for _attempt in range(2):
        # Register first and let the unique key catch a retry: a new key (the usual case)
        # costs no lookup. A retry rolls back, number included, and reads the first appeal.
        try:
            with transaction.atomic():
                registration = do_register_appeal(data, files)
                IdempotencyRecord.objects.create(
                    scope=scope, key=key, request_hash=fingerprint, appeal=registration.appeal
                )
                return registration
        except IntegrityError:
            pass
        existing = (
            IdempotencyRecord.objects.filter(scope=scope, key=key).select_related("appeal").first()
        )
        if existing is not None:
            if existing.request_hash != fingerprint:
                raise AppealConflict(
                    _("This Idempotency-Key was already used for a different appeal."),
                    code="idempotency_key_reused",
                )
            return Registration(existing.appeal, tracking_token(existing.appeal), created=False)
    raise AppealConflict(_("Please try again."), code="retry")
