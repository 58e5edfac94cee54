"""Reading a POST requests form into an appeal's input, checked the Open311 way.

The spec's fields map onto an ordinary appeal: ``description`` is the text (the answers
to the category's extra questions are appended to it), ``first_name`` and ``last_name``
the applicant, ``email`` where the receipt and the answer go, the location the place of
the problem. The law needs a name and an address for the answer, so ``first_name`` or
``last_name`` and ``email`` are required here although the spec calls them optional.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.http import QueryDict
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ratusha.appeals.actions import AppealInput
from ratusha.appeals.choices import Channel
from ratusha.appeals.phone_fields import phone_and_consent
from ratusha.bodies.models import Body, Category
from ratusha.open311.models import Datatype, ServiceAttribute
from ratusha.open311.rendering import Open311Error
from ratusha.open311.services import attributes_of

_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")
_FIELDS = (
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
)


@dataclass(frozen=True)
class Submitted:
    """A checked POST requests form: the fields, the answers to extra questions, the language."""

    fields: dict[str, str]
    answers: dict[str, list[str]]
    language: str

    def fingerprint(self) -> str:
        content = {"fields": self.fields, "answers": self.answers}
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    def as_payload(self) -> dict[str, Any]:
        return {"fields": self.fields, "answers": self.answers, "language": self.language}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Submitted:
        return cls(dict(payload["fields"]), dict(payload["answers"]), str(payload["language"]))


def read_form(form: QueryDict) -> Submitted:
    """Give the submitted fields and attribute answers of a POST requests form."""
    fields = {name: (form.get(name) or "").strip() for name in _FIELDS}
    answers: dict[str, list[str]] = {}
    for key in form:
        match = _ATTRIBUTE.match(key)
        if match:
            values = [v.strip() for v in form.getlist(key) if v.strip()]
            answers.setdefault(match.group(1), []).extend(values)
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    language = active if active in ("be", "ru", "en") else settings.LANGUAGE_CODE
    return Submitted(fields=fields, answers=answers, language=language)


def _bad(description: str) -> Open311Error:
    return Open311Error(400, description)


def _coordinates(fields: dict[str, str]) -> tuple[float | None, float | None]:
    lat, lon = fields["lat"], fields["long"]
    if not lat and not lon:
        return None, None
    if not lat or not lon:
        raise _bad(_("lat and long must be sent together."))
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        raise _bad(_("lat and long must be numbers.")) from None
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        raise _bad(_("lat must be between -90 and 90."))
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        raise _bad(_("long must be between -180 and 180."))
    # The appeal keeps six decimals (about 10 cm).
    return round(latitude, 6), round(longitude, 6)


def _answer_text(attribute: ServiceAttribute, values: list[str]) -> str:
    names = {v.key: v.name for v in attribute.values.all()}
    if attribute.datatype in (Datatype.SINGLE, Datatype.MULTI):
        unknown = [v for v in values if v not in names]
        if unknown:
            raise _bad(
                _("attribute[%(code)s] has no choice %(value)s.")
                % {"code": attribute.code, "value": unknown[0]}
            )
        if attribute.datatype == Datatype.SINGLE and len(values) > 1:
            raise _bad(_("attribute[%(code)s] takes one choice.") % {"code": attribute.code})
        return ", ".join(names[v] for v in values)
    if attribute.datatype == Datatype.NUMBER:
        try:
            float(values[0])
        except ValueError:
            raise _bad(
                _("attribute[%(code)s] must be a number.") % {"code": attribute.code}
            ) from None
    if attribute.datatype == Datatype.DATETIME:
        try:
            valid = parse_datetime(values[0]) is not None
        except ValueError:
            valid = False
        if not valid:
            raise _bad(_("attribute[%(code)s] must be a date and time.") % {"code": attribute.code})
    return " ".join(values)


def _answers_text(category: Category, answers: dict[str, list[str]]) -> str:
    lines = []
    for attribute in attributes_of(category):
        if not attribute.variable:
            continue
        values = answers.get(attribute.code, [])
        if not values:
            if attribute.required:
                raise _bad(
                    _("attribute[%(code)s] is required: %(question)s")
                    % {"code": attribute.code, "question": attribute.description}
                )
            continue
        lines.append(f"{attribute.description}: {_answer_text(attribute, values)}")
    return "\n".join(lines)


def check_fields(submitted: Submitted) -> None:
    """Refuse a form that cannot become an appeal, with the spec's 400 error."""
    fields = submitted.fields
    _coordinates(fields)
    if not (fields["lat"] or fields["address_string"] or fields["address_id"]):
        raise _bad(_("Give a location: lat and long, address_string or address_id."))
    if len(fields["description"]) < 10:
        raise _bad(_("description must describe the problem in at least a few words."))
    if not (fields["first_name"] or fields["last_name"]):
        raise _bad(_("first_name or last_name is required: the law needs the applicant's name."))
    try:
        validate_email(fields["email"])
    except ValidationError:
        raise _bad(_("email is required and must be a valid e-mail address.")) from None
    if phone_and_consent(fields["phone"], False)[1]:
        raise _bad(_("phone must be a phone number, for example +375 29 123-45-67."))
    if fields["media_url"]:
        try:
            URLValidator(schemes=["http", "https"])(fields["media_url"])
        except ValidationError:
            raise _bad(_("media_url must be an http or https address.")) from None


def appeal_input(body: Body, category: Category, submitted: Submitted) -> AppealInput:
    """Give the appeal's input for a checked form (raises Open311Error for bad answers)."""
    fields = submitted.fields
    latitude, longitude = _coordinates(fields)
    text = fields["description"]
    answers = _answers_text(category, submitted.answers)
    if answers:
        text = f"{text}\n\n{answers}"
    address = fields["address_string"] or (
        _("Address register id %(id)s") % {"id": fields["address_id"]}
        if fields["address_id"]
        else ""
    )
    return AppealInput(
        body=body,
        channel=Channel.OPEN311,
        text=text,
        applicant_name=f"{fields['first_name']} {fields['last_name']}".strip(),
        applicant_email=fields["email"],
        applicant_phone=phone_and_consent(fields["phone"], False)[0],  # E.164, as elsewhere
        category=category,
        address=address[:255],
        latitude=latitude,
        longitude=longitude,
        language=submitted.language,
    )
