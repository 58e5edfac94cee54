"""People: citizens and staff accounts, role grants, and failed log-ins for throttling."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusha_core.permissions import Role


class UserQuerySet(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    """An account; citizens and staff alike log in with their e-mail address."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=255)
    address = models.CharField(_("postal address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="be"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("may use the administration site"),
        default=False,
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserQuerySet()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["email"]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>" if self.full_name else self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class RoleGrant(models.Model):
    """A staff role held by an account in a body (and in a department, for department roles)."""

    user = models.ForeignKey(
        User, models.CASCADE, related_name="role_grants", verbose_name=_("account")
    )
    role = models.CharField(
        _("role"),
        max_length=32,
        choices=[
            (Role.REGISTRY_CLERK.value, _("Registry clerk")),
            (Role.DEPARTMENT_OFFICER.value, _("Department officer")),
            (Role.DEPARTMENT_HEAD.value, _("Department head")),
            (Role.BODY_ADMIN.value, _("Body administrator")),
            (Role.AUDITOR.value, _("Auditor")),
            (Role.SYSTEM_ADMIN.value, _("System administrator")),
        ],
    )
    body = models.ForeignKey(
        "bodies.Body",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("body"),
    )
    department = models.ForeignKey(
        "bodies.Department",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("department"),
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    granted_by = models.ForeignKey(
        User,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["user_id", "role"]
        indexes = [models.Index(fields=["body", "role"])]

    def __str__(self) -> str:
        where = self.department or self.body or ""
        return f"{self.get_role_display()}: {where}"


class LoginFailure(models.Model):
    """A failed log-in, kept for the throttling window (by account and by client address)."""

    email = models.CharField(max_length=254, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.email} {self.address} {self.at:%Y-%m-%d %H:%M}"
