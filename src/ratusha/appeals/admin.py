"""Administration of the appeal reference data: calendars, answer templates, API tokens.

Appeals themselves are worked on in the staff pages, not here; the admin only lists them
read-only for system administrators.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ratusha.appeals.models import AnswerTemplate, ApiToken, Appeal, CalendarEntry, HolidayCalendar
from ratusha.bodies.admin import ScopedAdmin


class CalendarEntryInline(admin.TabularInline):
    model = CalendarEntry
    extra = 1
    fields = ["day", "kind", "name"]


@admin.register(HolidayCalendar)
class HolidayCalendarAdmin(admin.ModelAdmin):
    """Public holidays and transferred days; system administrators keep them current."""

    list_display = ["code", "name", "covers_from", "covers_until"]
    inlines = [CalendarEntryInline]


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(ScopedAdmin):
    list_display = ["title", "kind", "body"]
    list_filter = ["kind", "body"]
    search_fields = ["title", "text"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked"]
    list_filter = ["revoked"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    search_fields = ["name", "prefix", "user__email"]


@admin.register(Appeal)
class AppealAdmin(ScopedAdmin):
    list_display = ["number", "body", "state", "registered_at", "due_date", "department"]
    list_filter = ["state", "channel", "body"]
    search_fields = ["number"]
    readonly_fields = [f.name for f in Appeal._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
