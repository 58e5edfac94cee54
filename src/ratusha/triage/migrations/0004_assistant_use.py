"""The assistant's uses get a table of their own, out of the appeals' workflow events.

Until now each use was an internal ``AppealEvent`` (action ``assistant_draft`` or
``assistant_summary``, the figures in ``extra``), which every reader of workflow events had
to leave out. The rows are moved into ``AssistantUse`` and deleted from the events. Going
back recreates the events; their state is the appeal's state at that moment, since a use
does not record the state it was asked in.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

KINDS = {"assistant_draft": "draft", "assistant_summary": "summary"}
ACTIONS = {kind: action for action, kind in KINDS.items()}
BATCH = 1000


def _count(value):  # type: ignore[no-untyped-def]
    """Give a non-negative whole number from a stored figure, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return max(int(value), 0)


def _use(use_model, event):  # type: ignore[no-untyped-def]
    extra = event["extra"] if isinstance(event["extra"], dict) else {}
    seconds = extra.get("seconds")
    return use_model(
        appeal_id=event["appeal_id"],
        body_id=event["appeal__body_id"],
        at=event["at"],
        actor_id=event["actor_id"],
        actor_role=event["actor_role"] or "",
        kind=KINDS[event["action"]],
        model=str(extra.get("model") or "")[:200],
        reply_model=str(extra.get("reply_model") or "")[:200],
        sent_chars=_count(extra.get("sent_chars")) or 0,
        reply_chars=_count(extra.get("received_chars")) or 0,
        prompt_tokens=_count(extra.get("prompt_tokens")),
        completion_tokens=_count(extra.get("completion_tokens")),
        ok=extra.get("succeeded") is True,
        error=str(extra.get("error") or "")[:16],
        seconds=max(float(seconds), 0.0) if _count(seconds) is not None else 0.0,
        gaps=_count(extra.get("gaps")),
        cluster_appeals=_count(extra.get("appeals")),
    )


def move_events_to_uses(apps, schema_editor):  # type: ignore[no-untyped-def]
    event_model = apps.get_model("appeals", "AppealEvent")
    use_model = apps.get_model("triage", "AssistantUse")
    events = event_model.objects.filter(action__in=list(KINDS)).order_by("pk")
    fields = ("pk", "appeal_id", "appeal__body_id", "at", "actor_id", "actor_role", "action")
    last = 0
    while True:
        batch = list(events.filter(pk__gt=last).values(*fields, "extra")[:BATCH])
        if not batch:
            break
        use_model.objects.bulk_create([_use(use_model, event) for event in batch])
        event_model.objects.filter(pk__in=[event["pk"] for event in batch]).delete()
        last = batch[-1]["pk"]


def _extra(use):  # type: ignore[no-untyped-def]
    extra = {
        "model": use.model,
        "sent_chars": use.sent_chars,
        "received_chars": use.reply_chars,
        "succeeded": use.ok,
        "seconds": use.seconds,
    }
    if use.reply_model:
        extra["reply_model"] = use.reply_model
    figures = {
        "prompt_tokens": use.prompt_tokens,
        "completion_tokens": use.completion_tokens,
        "error": use.error,
        "gaps": use.gaps,
        "appeals": use.cluster_appeals,
    }
    extra.update({key: value for key, value in figures.items() if value not in (None, "")})
    return extra


def move_uses_to_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    event_model = apps.get_model("appeals", "AppealEvent")
    use_model = apps.get_model("triage", "AssistantUse")
    uses = use_model.objects.select_related("appeal").order_by("pk")
    last = 0
    while True:
        batch = list(uses.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        event_model.objects.bulk_create(
            event_model(
                appeal_id=use.appeal_id,
                at=use.at,
                actor_id=use.actor_id,
                actor_role=use.actor_role,
                action=ACTIONS[use.kind],
                from_state=use.appeal.state,
                to_state=use.appeal.state,
                reason="",
                extra=_extra(use),
                public=False,
            )
            for use in batch
        )
        use_model.objects.filter(pk__in=[u.pk for u in batch]).delete()
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0008_earlier_pending_appeals_are_recorded"),
        ("bodies", "0002_category_examples"),
        ("triage", "0003_appeal_embedding"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AssistantUse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(verbose_name="time")),
                ("actor_role", models.CharField(blank=True, max_length=32, verbose_name="role")),
                (
                    "kind",
                    models.CharField(
                        choices=[("draft", "draft answer"), ("summary", "cluster summary")],
                        max_length=16,
                        verbose_name="asked for",
                    ),
                ),
                ("model", models.CharField(max_length=200, verbose_name="model")),
                ("reply_model", models.CharField(blank=True, max_length=200)),
                ("sent_chars", models.PositiveIntegerField(verbose_name="characters sent")),
                (
                    "reply_chars",
                    models.PositiveIntegerField(default=0, verbose_name="characters received"),
                ),
                ("prompt_tokens", models.PositiveIntegerField(blank=True, null=True)),
                ("completion_tokens", models.PositiveIntegerField(blank=True, null=True)),
                ("ok", models.BooleanField(verbose_name="answered")),
                ("error", models.CharField(blank=True, max_length=16)),
                ("seconds", models.FloatField(verbose_name="seconds")),
                ("gaps", models.PositiveIntegerField(blank=True, null=True)),
                ("cluster_appeals", models.PositiveIntegerField(blank=True, null=True)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "appeal",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assistant_uses",
                        to="appeals.appeal",
                        verbose_name="appeal",
                    ),
                ),
                (
                    "body",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="bodies.body",
                        verbose_name="body",
                    ),
                ),
            ],
            options={
                "verbose_name": "use of the assistant",
                "verbose_name_plural": "uses of the assistant",
                "indexes": [
                    models.Index(fields=["body", "at"], name="assistant_use_body"),
                    models.Index(fields=["appeal", "at"], name="assistant_use_appeal"),
                ],
            },
        ),
        migrations.RunPython(move_events_to_uses, move_uses_to_events),
    ]
