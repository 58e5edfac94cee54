"""Forms for citizens' accounts: registration, throttled log-in and the profile."""

from __future__ import annotations

from typing import Any

import phonenumbers
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ratusha.accounts import throttle
from ratusha.accounts.models import User


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=255)
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail already exists."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ThrottledLoginForm(AuthenticationForm):
    """The standard log-in form, refusing attempts after too many recent failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail or the password is wrong."),
        "inactive": _("This account is not active yet. Open the link in the confirmation e-mail."),
        "locked": _("Too many failed attempts. Wait 15 minutes, or reset your password."),
    }

    def clean(self) -> dict[str, Any]:
        email = (self.data.get("username") or "").strip().lower()
        address = throttle.client_address(self.request.META) if self.request else None
        if email and throttle.is_locked(email, address):
            raise ValidationError(self.error_messages["locked"], code="locked")
        inactive = User.objects.filter(email__iexact=email, is_active=False).first()
        if inactive is not None and inactive.check_password(self.data.get("password") or ""):
            raise ValidationError(self.error_messages["inactive"], code="inactive")
        try:
            data = super().clean()
        except ValidationError:
            throttle.record_failure(email, address)
            raise
        throttle.clear(email)
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "address", "phone", "preferred_language"]

    def clean_phone(self) -> str:
        """Give the phone in international format; Belarusian numbers may omit +375."""
        raw = self.cleaned_data["phone"].strip()
        if not raw:
            return ""
        try:
            parsed = phonenumbers.parse(raw, "BY")
        except phonenumbers.NumberParseException as exc:
            raise ValidationError(
                _("Enter a phone number, for example +375 29 123-45-67.")
            ) from exc
        if not phonenumbers.is_valid_number(parsed):
            raise ValidationError(_("Enter a phone number, for example +375 29 123-45-67."))
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
