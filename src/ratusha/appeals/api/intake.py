"""Public reference data and the submission of appeals: GET /bodies, POST /appeals."""

import base64
import binascii
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Status
from ninja.decorators import decorate_view

from ratusha import sms
from ratusha.accounts.models import User
from ratusha.appeals.actions import AppealInput, Registration, check_register_appeal
from ratusha.appeals.api.auth import Caller, caller, token_or_anonymous
from ratusha.appeals.api.problems import invalid, problem_response, too_large
from ratusha.appeals.api.reference import body_and_category
from ratusha.appeals.api.routers import appeals, reference
from ratusha.appeals.api.schemas import (
    AppealIn,
    BodyOut,
    CategoryOut,
    FileIn,
    ReceiptOut,
    problems,
)
from ratusha.appeals.choices import Channel
from ratusha.appeals.phone_fields import CONSENT_ERROR, DISABLED_ERROR, phone_and_consent
from ratusha.appeals.tasks import tracking_url
from ratusha.bodies.access import public_bodies, public_categories
from ratusha.bodies.models import Body
from ratusha_core.workflow import AppealState, public_status

# JSON with base64 files is larger than Django's limit for form data; this endpoint has its own.
DEFAULT_MAX_REQUEST_BYTES = 32 * 2**20


def max_request_bytes() -> int:
    return int(getattr(settings, "RATUSHA_API_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES))


def read_body_up_to(run: Callable[..., Any]) -> Callable[..., Any]:
    """Read the request body under the API's own size limit, or answer 413."""

    @wraps(run)
    def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = max_request_bytes()
        if length > limit:
            return problem_response(request, too_large())
        if not hasattr(request, "_body"):
            body = request.read(limit + 1)
            if len(body) > limit:
                return problem_response(request, too_large())
            request._body = body
        return run(request, *args, **kwargs)

    return limited


@reference.get("/bodies", response=list[BodyOut], auth=None, summary="Bodies that take appeals")
def list_bodies(request: HttpRequest) -> list[dict[str, Any]]:
    bodies = public_bodies().select_related("parent")
    return [
        {
            "code": b.code,
            "name": b.name,
            "kind": b.kind,
            "parent": b.parent.code if b.parent else None,
            "address": b.address,
            "email": b.email,
            "phone": b.phone,
        }
        for b in bodies
    ]


def _body(code: str) -> Body:
    found = public_bodies().filter(code=code).first()
    if found is None:
        raise Http404
    return found


@reference.get(
    "/bodies/{code}/categories",
    response={200: list[CategoryOut], **problems(404)},
    auth=None,
    summary="Categories a body offers to citizens",
)
def list_categories(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    return [
        {"code": c.code, "name": c.name, "parent": c.parent.code if c.parent else None}
        for c in public_categories(_body(code))
    ]


def decode_files(items: Sequence[FileIn]) -> list[UploadedFile]:
    """Give uploads of base64-encoded files; a bad encoding is a field error by position."""
    files: list[UploadedFile] = []
    errors: dict[str, list[str]] = {}
    for n, item in enumerate(items):
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            errors[f"attachments.{n}.content_base64"] = [_("This is not valid base64.")]
            continue
        files.append(SimpleUploadedFile(item.name, content))
    if errors:
        raise invalid(errors)
    return files


def _language(chosen: str | None) -> str:
    if chosen:
        return chosen
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return active if active in ("be", "ru", "en") else settings.LANGUAGE_CODE


def _phone(payload: AppealIn, account: User | None) -> str:
    """Give the applicant's phone in E.164 form; a bad phone or consent is a field error.

    The account's phone stands in for a missing one; an old one that does not parse is
    kept as it is, but cannot get text messages.
    """
    raw = payload.applicant_phone.strip()
    from_account = not raw and account is not None
    if from_account and account is not None:
        raw = account.phone.strip()
    wants_sms = payload.sms_notices and sms.enabled()
    phone, errors = phone_and_consent(raw, wants_sms)
    if from_account and "applicant_phone" in errors:
        phone, errors = raw, ({"sms_notices": [str(CONSENT_ERROR)]} if wants_sms else {})
    if payload.sms_notices and not sms.enabled():
        errors["sms_notices"] = [str(DISABLED_ERROR)]
    if errors:
        raise invalid(errors)
    return phone


def appeal_input(payload: AppealIn, who: Caller) -> AppealInput:
    """Give the action's input for a submitted appeal; unknown codes are field errors."""
    body, category = body_and_category(payload.body, payload.category)
    # A citizen's own token files from their account; a staff token is an integration.
    citizen: User | None = who.user if who.user is not None and not who.is_staff else None
    account = citizen
    phone = _phone(payload, account)
    return AppealInput(
        body=body,
        channel=Channel.API,
        text=payload.text,
        applicant_name=payload.applicant_name or (account.full_name if account else ""),
        applicant_email=payload.applicant_email or (account.email if account else ""),
        applicant_phone=phone,
        sms_notices=payload.sms_notices,
        applicant_address=payload.applicant_address or (account.address if account else ""),
        answer_by_post=payload.answer_by_post,
        applicant_kind=payload.applicant_kind,
        organisation=payload.organisation,
        co_applicants=[person.dict() for person in payload.co_applicants],
        category=category,
        address=payload.address,
        latitude=payload.latitude,
        longitude=payload.longitude,
        consent_to_publish=payload.consent_to_publish,
        citizen=citizen,
        language=_language(payload.language),
        questions=payload.questions,
        files=decode_files(payload.attachments),
    )


def idempotency_of(request: HttpRequest, who: Caller) -> tuple[str, str] | None:
    """Give the (scope, key) of the Idempotency-Key header, or None when there is none."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return None
    if len(key) > 200:
        raise invalid({"Idempotency-Key": [_("Give at most 200 characters.")]})
    if who.token_id is not None:
        return f"token:{who.token_id}", key
    # Without a token the key is the client's only within its own address.
    return f"addr:{request.META.get('REMOTE_ADDR', '')}", key


def receipt(registration: Registration) -> dict[str, Any]:
    appeal = registration.appeal
    return {
        "id": appeal.pk,
        "number": appeal.number,
        "registered_at": appeal.registered_at,
        "due_date": appeal.due_date,
        "status": public_status(AppealState(appeal.state)).value,
        "tracking_token": registration.token,
        "tracking_url": tracking_url(appeal),
    }


@appeals.post(
    "/appeals",
    response={200: ReceiptOut, 201: ReceiptOut, **problems(400, 401, 409, 413, 422)},
    auth=token_or_anonymous,
    summary="Submit an appeal (with or without a token)",
    description=(
        "Send an Idempotency-Key header to retry safely: the same key with the same content "
        "gives the same appeal back with 200; with other content, a 409 problem."
    ),
    openapi_extra={"security": [{}]},  # added to the token: the token is optional here
)
@decorate_view(read_body_up_to)
def submit_appeal(request: HttpRequest, payload: AppealIn, response: HttpResponse) -> Any:
    who = caller(request)
    data = appeal_input(payload, who)
    registration = check_register_appeal(data, idempotency=idempotency_of(request, who))
    if not registration.created:
        response["Idempotent-Replayed"] = "true"
        return Status(200, receipt(registration))
    return Status(201, receipt(registration))
