from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ratusha.appeals.actions import TransitionNotAllowed
from ratusha.triage.actions_models import check_activate_model
from ratusha.triage.models import LinkAlert, TriageLabel, TriageModel, TriageResult
from ratusha.triage.training import pinned_model


@admin.register(TriageModel)
class TriageModelAdmin(admin.ModelAdmin):
    list_display = (
        "body",
        "target",
        "version",
        "is_active",
        "pinned_at",
        "pinned_by",
        "trained_at",
        "labels_used",
    )
    list_filter = ("target", "is_active", "body")
    exclude = ("classifier",)
    readonly_fields = (
        "body",
        "target",
        "version",
        "metrics",
        "is_active",
        "pinned_at",
        "pinned_by",
        "trained_at",
        "labels_used",
    )
    actions = ["activate"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # models come from training, never from a form

    @admin.action(description=_("Activate this version (roll back or forward)"))
    def activate(self, request: HttpRequest, queryset: QuerySet[TriageModel]) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one version."), messages.ERROR)
            return
        model = queryset.get()
        # A pin of the replaced version moves along, as the models page offers by default.
        pinned = pinned_model(model.body_id, model.target) is not None
        try:
            check_activate_model(request.user, model, pin=pinned)  # in the body's ledger
        except PermissionDenied:
            self.message_user(
                request,
                _("Only an administrator of the body may change its active model."),
                messages.ERROR,
            )
            return
        except TransitionNotAllowed as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return
        self.message_user(
            request,
            _("Version %(version)s is active now.") % {"version": model.version},
            messages.SUCCESS,
        )


@admin.register(TriageResult)
class TriageResultAdmin(admin.ModelAdmin):
    list_display = ("appeal", "decision", "urgency", "language", "created_at")
    list_filter = ("decision", "urgency", "language_accepted")
    raw_id_fields = ("appeal", "routed_department")


@admin.register(TriageLabel)
class TriageLabelAdmin(admin.ModelAdmin):
    list_display = ("appeal", "target", "suggested", "chosen", "accepted", "by", "at")
    list_filter = ("target", "accepted")
    raw_id_fields = ("appeal", "by")


@admin.register(LinkAlert)
class LinkAlertAdmin(admin.ModelAdmin):
    """The daily check's alerts, read-only: the check writes them, nobody edits them."""

    list_display = (
        "body",
        "window_start",
        "window_end",
        "links",
        "marked",
        "marked_share",
        "sent_at",
    )
    list_filter = ("body",)
    date_hierarchy = "window_start"
    readonly_fields = (
        "body",
        "window_start",
        "window_end",
        "links",
        "marked",
        "share",
        "sent_at",
        "emails",
    )

    @admin.display(description=_("share marked"), ordering="share")
    def marked_share(self, alert: LinkAlert) -> str:
        return f"{alert.percent} %"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
