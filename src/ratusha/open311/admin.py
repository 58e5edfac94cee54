"""Administration of Open311: client applications and their keys, and the extra questions
a category asks (scoped to the categories the administrator may change)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusha.bodies.admin import ScopedAdmin
from ratusha.open311.actions import do_issue_key
from ratusha.open311.models import AttributeValue, Open311Client, ServiceAttribute, Submission


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    """Clients are created by system administrators; the key is shown once, on saving."""

    list_display = ["name", "key_prefix", "batch", "is_active", "last_used_at"]
    list_filter = ["is_active", "batch"]
    search_fields = ["name", "contact_email", "key_prefix"]
    filter_horizontal = ["bodies"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    actions = ["new_key"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        plain = do_issue_key(obj) if not change else None
        super().save_model(request, obj, form, change)
        if plain:
            messages.warning(
                request,
                _("The api_key of %(name)s is %(key)s -- copy it now, it is not shown again.")
                % {"name": obj.name, "key": plain},
            )

    @admin.action(description=gettext_lazy("Issue a new key (the old one stops working)"))
    def new_key(self, request: HttpRequest, queryset: Any) -> None:
        for client in queryset:
            messages.warning(
                request,
                _("The new api_key of %(name)s is %(key)s -- copy it now.")
                % {"name": client.name, "key": do_issue_key(client)},
            )


class AttributeValueInline(admin.TabularInline):
    model = AttributeValue
    extra = 1
    fields = ["key", "name_be", "name_ru", "name_en"]


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(ScopedAdmin):
    list_display = ["code", "description", "category", "datatype", "required", "order"]
    list_filter = ["datatype", "required", "category__body"]
    search_fields = ["code", "description_be", "description_ru", "description_en"]
    inlines = [AttributeValueInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """A read-only log of what each client filed."""

    list_display = ["token", "client", "body", "appeal", "created_at", "error"]
    list_filter = ["client"]
    readonly_fields = [f.name for f in Submission._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
