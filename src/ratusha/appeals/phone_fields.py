"""The applicant's phone and the consent to text messages, checked alike by every channel.

A phone may be typed in any usual way ("8 (029) 123-45-67", "+375 29 1234567") and is kept
in E.164 form (+375291234567). The consent box is offered only where text messages are sent
(``ratusha.sms.enabled()``) and needs a number that can receive them: a landline will not do.
The citizen's form and the clerk's use :class:`PhoneConsentMixin`; the API calls
:func:`phone_and_consent` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusha import sms
from ratusha.sms import phones

PHONE_ERROR = _("Enter a phone number, for example +375 29 123-45-67.")
CONSENT_ERROR = _("To get text messages, give a mobile phone number.")
DISABLED_ERROR = _("This installation does not send text messages.")

if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


def phone_and_consent(raw: str, wants_sms: bool) -> tuple[str, dict[str, list[str]]]:
    """Give the phone in E.164 form and the errors by field (``applicant_phone``, ``sms_notices``).

    An invalid phone is the only error, given at the phone (the raw text comes back then).
    """
    raw = raw.strip()
    phone = ""
    if raw:
        try:
            phone = phones.to_e164(raw)
        except phones.InvalidPhone:
            return raw, {"applicant_phone": [str(PHONE_ERROR)]}
    if wants_sms and not (phone and phones.can_get_sms(phone)):
        return phone, {"sms_notices": [str(CONSENT_ERROR)]}
    return phone, {}


class PhoneConsentMixin(_FormBase):
    """Cleaning of an appeal form's ``applicant_phone`` and ``sms_notices`` fields.

    Put it before ``forms.Form`` in the bases and call :meth:`offer_sms_notices` at the end
    of ``__init__``; a form's own ``clean()`` must call ``super().clean()``.
    """

    def offer_sms_notices(self) -> None:
        """Drop the consent box where no text message is sent."""
        if not sms.enabled():
            self.fields.pop("sms_notices", None)

    def clean_applicant_phone(self) -> str:
        """Give the phone in E.164 form (+375291234567); a local number needs no code."""
        phone, errors = phone_and_consent(self.cleaned_data.get("applicant_phone", ""), False)
        if errors:
            raise forms.ValidationError(PHONE_ERROR)
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sms_notices") and "applicant_phone" not in self.errors:
            _phone, errors = phone_and_consent(data.get("applicant_phone", ""), True)
            for message in errors.get("sms_notices", []):
                self.add_error("sms_notices", message)
        return data
