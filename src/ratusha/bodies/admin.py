"""The administration site for bodies, scoped by the role matrix like every other page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ratusha.accounts.permissions import can, can_any, scoped
from ratusha.bodies.models import Body, Category, Department, Official
from ratusha_core.permissions import Action


class ScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose lists, forms and choices follow ratusha_core.permissions."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return scoped(request.user, Action.VIEW, super().get_queryset(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_any(request.user, Action.VIEW, self.model)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return can_any(request.user, Action.VIEW, self.model)
        return can(request.user, Action.VIEW, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return can_any(request.user, Action.CHANGE, self.model)
        return can(request.user, Action.CHANGE, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_any(request.user, Action.CHANGE, self.model)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model in (Body, Department, Category):
            kwargs["queryset"] = scoped(
                request.user, Action.CHANGE, db_field.related_model.objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The parent (for a new body) must lie in the user's reach, like the object itself.
        probe = obj.parent if isinstance(obj, Body) and obj.parent_id else obj
        if not isinstance(obj, Body) and not can(request.user, Action.CHANGE, probe):
            raise PermissionDenied
        if (
            isinstance(obj, Body)
            and obj.pk is None
            and not (
                request.user.is_superuser
                or (obj.parent_id and can(request.user, Action.CHANGE, probe))
            )
        ):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    fields = ["code", "name_be", "name_ru", "name_en", "email", "is_active"]


@admin.register(Body)
class BodyAdmin(ScopedAdmin):
    list_display = ["code", "name", "kind", "parent", "time_zone", "policy", "is_active"]
    list_filter = ["kind", "policy", "is_active"]
    search_fields = ["code", "name_be", "name_ru", "name_en"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ["code", "name", "body", "email", "is_active"]
    list_filter = ["body", "is_active"]
    search_fields = ["code", "name_be", "name_ru", "name_en"]


@admin.register(Category)
class CategoryAdmin(ScopedAdmin):
    list_display = [
        "code",
        "name",
        "body",
        "parent",
        "default_department",
        "is_public",
        "auto_route",
        "example_count",
    ]
    list_filter = ["body", "is_public", "auto_route"]
    search_fields = ["code", "name_be", "name_ru", "name_en", "keywords", "examples"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "body",
                    "code",
                    ("name_be", "name_ru", "name_en"),
                    "parent",
                    "default_department",
                    "is_public",
                    "auto_route",
                ]
            },
        ),
        # What cold-start triage reads until the body has a trained model.
        (_("Triage without history"), {"fields": ["keywords", "examples"]}),
    ]

    @admin.display(description=_("example appeals"))
    def example_count(self, obj: Category) -> int:
        return sum(1 for line in obj.examples.splitlines() if line.strip())


@admin.register(Official)
class OfficialAdmin(ScopedAdmin):
    list_display = ["full_name", "position", "body", "department", "user"]
    list_filter = ["body"]
    search_fields = ["full_name", "position_be", "position_ru", "position_en"]
    raw_id_fields = ["user"]
