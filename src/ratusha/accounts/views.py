"""Account pages: register, confirm e-mail, log in and out, profile. Thin: forms and actions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ratusha.accounts import actions
from ratusha.accounts.forms import ProfileForm, RegistrationForm, ThrottledLoginForm


def remember_language(response: HttpResponse, code: str) -> HttpResponse:
    """Set the language cookie that LocaleMiddleware reads on the next request."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 86400,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(
        request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.do_register_citizen(
            data["email"],
            data["password1"],
            data["full_name"],
            data["preferred_language"],
            base_url=request.build_absolute_uri("/"),
        )
        return render(request, "accounts/registered.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = actions.do_confirm_email(token)
    except ValidationError as exc:
        return render(
            request, "accounts/confirm_failed.html", {"error": exc.messages[0]}, status=400
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    return remember_language(redirect("accounts:profile"), user.preferred_language)


class LoginView(auth_views.LoginView):
    form_class = ThrottledLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        """Log in, in the language chosen on this device, else the profile's."""
        response = super().form_valid(form)
        if settings.LANGUAGE_COOKIE_NAME in self.request.COOKIES:
            return response  # the visitor chose it before logging in: keep it
        return remember_language(response, form.get_user().preferred_language)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        user = actions.do_update_profile(request.user, **fields)  # type: ignore[arg-type]
        messages.success(request, _("Your profile is saved."))
        return remember_language(redirect("accounts:profile"), user.preferred_language)
    return render(request, "accounts/profile.html", {"form": form})
