"""Every write to accounts and role grants. ``do_*`` trusts its input; ``check_*`` validates."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ratusha.accounts.models import RoleGrant, User
from ratusha.bodies.models import Body, Department
from ratusha_core.permissions import Role

CONFIRMATION_SALT = "ratusha.accounts.confirm-email"


def confirmation_token(user: User) -> str:
    """Give a signed, expiring token that confirms the user's e-mail address."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRMATION_SALT)


def send_confirmation(user: User, base_url: str) -> None:
    """E-mail the confirmation link to the user, in the user's language."""
    link = base_url.rstrip("/") + reverse("accounts:confirm", args=[confirmation_token(user)])
    with translation.override(user.preferred_language):
        context = {"user": user, "link": link, "site": settings.RATUSHA_SITE_NAME}
        subject = _("Confirm your e-mail address for %(site)s") % {"site": context["site"]}
        body = render_to_string("accounts/email/confirm.txt", context)
    send_mail(subject, body, None, [user.email])


def do_register_citizen(
    email: str, password: str, full_name: str, preferred_language: str, base_url: str
) -> User:
    """Create an inactive citizen account and send the confirmation e-mail after commit."""
    with transaction.atomic():
        user = User.objects.create_user(
            email,
            password,
            full_name=full_name,
            preferred_language=preferred_language,
            is_active=False,
        )
        transaction.on_commit(lambda: send_confirmation(user, base_url))
    return user


def do_confirm_email(token: str) -> User:
    """Activate the account named by a confirmation token; raise ValidationError if bad."""
    try:
        data = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=settings.RATUSHA_EMAIL_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired as exc:
        raise ValidationError(_("This confirmation link has expired."), code="expired") from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("This confirmation link is not valid."), code="invalid") from exc
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data.get("user")).first()
        if user is None or user.email != data.get("email"):
            raise ValidationError(_("This confirmation link is not valid."), code="invalid")
        if user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
            user.is_active = True
            user.save(update_fields=["email_confirmed_at", "is_active"])
    return user


def do_update_profile(user: User, **fields: str) -> User:
    """Save the editable profile fields of an account."""
    allowed = {"full_name", "address", "phone", "preferred_language"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"{name} is not a profile field")
        setattr(user, name, value)
    user.save(update_fields=sorted(fields))
    return user


def validate_grant(role: Role, body: Body | None, department: Department | None) -> None:
    """Raise ValidationError unless the role may be held at this body and department."""
    if role is Role.SYSTEM_ADMIN:
        if body is not None or department is not None:
            raise ValidationError(_("A system administrator is not tied to a body."))
    elif body is None:
        raise ValidationError(_("This role is granted in a body."))
    if role.needs_department and department is None:
        raise ValidationError(_("This role is granted in a department."))
    if not role.needs_department and department is not None:
        raise ValidationError(_("This role is not granted in a department."))
    if department is not None and body is not None and department.body_id != body.pk:
        raise ValidationError(_("The department does not belong to this body."))


def check_grant_role(
    user: User,
    role: Role,
    body: Body | None,
    department: Department | None,
    granted_by: User | None = None,
) -> RoleGrant:
    """Validate a role grant's position, then grant it (once: a repeat returns the same)."""
    validate_grant(role, body, department)
    return do_grant_role(user, role, body, department, granted_by)


def do_grant_role(
    user: User,
    role: Role,
    body: Body | None,
    department: Department | None,
    granted_by: User | None = None,
) -> RoleGrant:
    """Grant a role; staff who administer get access to the administration site."""
    with transaction.atomic():
        grant, _created = RoleGrant.objects.get_or_create(
            user=user,
            role=role.value,
            body=body,
            department=department,
            defaults={"granted_by": granted_by},
        )
        if role in (Role.SYSTEM_ADMIN, Role.BODY_ADMIN, Role.AUDITOR) and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if role is Role.SYSTEM_ADMIN and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
    return grant
