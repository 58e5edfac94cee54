"""Accounts for system administrators; role grants for body administrators too."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from ratusha.accounts.actions import do_grant_role, validate_grant
from ratusha.accounts.models import RoleGrant, User
from ratusha.bodies.admin import ScopedAdmin
from ratusha_core.permissions import Role


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "email_confirmed_at"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "address", "phone", "preferred_language")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "email_confirmed_at")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "full_name", "password1", "password2")}),)


class RoleGrantForm(forms.ModelForm):
    class Meta:
        model = RoleGrant
        fields = ["user", "role", "body", "department"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role"):
            validate_grant(Role(data["role"]), data.get("body"), data.get("department"))
        return data


@admin.register(RoleGrant)
class RoleGrantAdmin(ScopedAdmin):
    form = RoleGrantForm
    list_display = ["user", "role", "body", "department", "granted_at", "granted_by"]
    list_filter = ["role", "body"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
        do_grant_role(obj.user, Role(obj.role), obj.body, obj.department)
