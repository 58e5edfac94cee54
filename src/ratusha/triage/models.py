"""AI triage tables: trained models per body, results, officers' labels, assistant uses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    CATEGORY = "category", _("category")
    DEPARTMENT = "department", _("department")


class Decision(models.TextChoices):
    AUTO_ROUTE = "auto_route", _("routed automatically")
    SUGGEST = "suggest", _("suggested to a clerk")
    # Not the AI's choice: the body's rule for urgent appeals it did not route.
    URGENT_RULE = "urgent_rule", _("sent to the duty department as urgent")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent")
    EMERGENCY = "emergency", _("emergency")


URGENCY_RANK = {Urgency.NORMAL: 0, Urgency.URGENT: 1, Urgency.EMERGENCY: 2}


class TriageModel(models.Model):
    """One trained classifier of a body, for categories or departments, with its metrics.

    Exactly one version per body and target is active; activating an earlier one rolls back.
    At most one is pinned (the database holds both rules).
    """

    body = models.ForeignKey(
        "bodies.Body", models.CASCADE, related_name="triage_models", verbose_name=_("body")
    )
    target = models.CharField(_("predicts"), max_length=16, choices=Target.choices)
    version = models.PositiveIntegerField(_("version"))
    classifier = models.BinaryField(_("trained classifier"))
    metrics = models.JSONField(_("metrics"), default=dict)
    is_active = models.BooleanField(_("active"), default=False)
    trained_at = models.DateTimeField(_("trained"))
    labels_used = models.PositiveIntegerField(_("officers' corrections used"), default=0)
    # An administrator may pin the active version: retraining then stores new versions
    # without making them active, until the pin is lifted.
    pinned_at = models.DateTimeField(_("pinned"), null=True, blank=True)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when an old version's trained model was deleted to save space (its figures stay);
    # such a version can no longer be made active (``training.do_archive_old_versions``).
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        verbose_name = _("triage model")
        verbose_name_plural = _("triage models")
        ordering = ["body_id", "target", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "target", "version"], name="triage_model_version"
            ),
            models.UniqueConstraint(
                fields=["body", "target"],
                condition=models.Q(is_active=True),
                name="triage_model_one_active",
            ),
            models.UniqueConstraint(
                fields=["body", "target"],
                condition=models.Q(pinned_at__isnull=False),
                name="triage_model_one_pin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.code} {self.target} v{self.version}"


class TriageResult(models.Model):
    """What the AI made of one appeal: language, suggestions, decision, urgency, duplicates.

    Personal data is kept as spans (kind, start, end) only, never the text itself.
    """

    appeal = models.OneToOneField(
        "appeals.Appeal", models.CASCADE, related_name="triage_result", verbose_name=_("appeal")
    )
    category_model_version = models.PositiveIntegerField(null=True, blank=True)
    department_model_version = models.PositiveIntegerField(null=True, blank=True)
    language = models.CharField(_("language"), max_length=8)
    language_detected = models.CharField(max_length=8, blank=True)
    language_accepted = models.BooleanField(_("language accepted"), default=True)
    categories = models.JSONField(default=list)  # [[category id, probability], ...]
    departments = models.JSONField(default=list)  # [[department id, probability], ...]
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    threshold = models.FloatField(null=True, blank=True)
    routed_department = models.ForeignKey(
        "bodies.Department", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urgency = models.CharField(
        _("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    urgency_rank = models.PositiveSmallIntegerField(default=0)
    urgency_reasons = models.JSONField(default=list)
    personal_data = models.JSONField(default=list)  # [{"kind", "start", "end"}, ...]
    duplicates = models.JSONField(default=list)  # [[appeal id, score], ...]
    # Answered appeals most like this one, shown with their outcomes: [[appeal id, score], ...]
    similar = models.JSONField(default=list)
    # An earlier answered appeal of the same applicant on the same question, if any.
    repeat_of = models.ForeignKey(
        "appeals.Appeal",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("repeat of"),
    )
    repeat_score = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=list)
    # The topic (category) the citizen chose, when the department model read it.
    topic = models.ForeignKey(
        "bodies.Category",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic read"),
    )
    # What the department model suggests from the text alone, when the topic changed its
    # first choice: [[department id, probability]]; empty otherwise.
    without_topic = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("triaged"))
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("triage result")
        verbose_name_plural = _("triage results")

    def __str__(self) -> str:
        return f"triage of appeal {self.appeal_id}"


class TriageLabel(models.Model):
    """An officer's accept or correction of a suggestion: the labels retraining learns from."""

    appeal = models.ForeignKey(
        "appeals.Appeal", models.CASCADE, related_name="triage_labels", verbose_name=_("appeal")
    )
    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    target = models.CharField(_("predicts"), max_length=16, choices=Target.choices)
    suggested = models.CharField(_("suggested"), max_length=32, blank=True)
    chosen = models.CharField(_("chosen"), max_length=32)
    accepted = models.BooleanField(_("accepted"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("triage label")
        verbose_name_plural = _("triage labels")
        indexes = [models.Index(fields=["body", "target", "at"], name="triage_label_body")]

    def __str__(self) -> str:
        return f"{self.target} of appeal {self.appeal_id}: {self.chosen}"


class AppealEmbedding(models.Model):
    """The sentence vector of an appeal's text, made once by the triage task for duplicates.

    ``digest`` is a hash of the text that was embedded, so an edited appeal is embedded
    again rather than matched by its old words; ``model`` names the embedder and the text
    preparation, so a change of either is never compared with old vectors.
    """

    appeal = models.OneToOneField(
        "appeals.Appeal",
        models.CASCADE,
        primary_key=True,
        related_name="embedding",
        verbose_name=_("appeal"),
    )
    model = models.CharField(max_length=64)
    digest = models.CharField(max_length=32)
    language = models.CharField(max_length=8, blank=True)  # detected from the embedded text
    vector = models.BinaryField()  # float16, little-endian, unit length
    # The latent terms of the same text (``embeddings.concepts_to_bytes``): uint16 term
    # indices, then their float16 weights; None for rows stored before they were kept.
    concepts = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("appeal embedding")
        verbose_name_plural = _("appeal embeddings")

    def __str__(self) -> str:
        return f"embedding of appeal {self.appeal_id}"


class AssistantKind(models.TextChoices):
    DRAFT = "draft", _("draft answer")
    SUMMARY = "summary", _("cluster summary")


class AssistantUse(models.Model):
    """One use of the language-model assistant by a staff member: figures, never the texts.

    Kept apart from the appeal's workflow events, so that whatever replays those (the
    ledger, public feeds, reports) never meets it. ``body`` is the appeal's body when the
    assistant was asked: the figures page reads a body's uses by month.
    """

    appeal = models.ForeignKey(
        "appeals.Appeal",
        models.CASCADE,
        related_name="assistant_uses",
        verbose_name=_("appeal"),
        db_index=False,  # the (appeal, at) index serves it
    )
    body = models.ForeignKey(
        "bodies.Body", models.CASCADE, related_name="+", verbose_name=_("body"), db_index=False
    )
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(_("role"), max_length=32, blank=True)
    kind = models.CharField(_("asked for"), max_length=16, choices=AssistantKind.choices)
    model = models.CharField(_("model"), max_length=200)  # as configured
    reply_model = models.CharField(max_length=200, blank=True)  # as the server named it
    sent_chars = models.PositiveIntegerField(_("characters sent"))
    reply_chars = models.PositiveIntegerField(_("characters received"), default=0)
    prompt_tokens = models.PositiveIntegerField(null=True, blank=True)
    completion_tokens = models.PositiveIntegerField(null=True, blank=True)
    ok = models.BooleanField(_("answered"))
    error = models.CharField(max_length=16, blank=True)  # why not: AssistantError.kind
    seconds = models.FloatField(_("seconds"))
    gaps = models.PositiveIntegerField(null=True, blank=True)  # a draft's places left to fill
    cluster_appeals = models.PositiveIntegerField(null=True, blank=True)  # a summary's appeals

    class Meta:
        verbose_name = _("use of the assistant")
        verbose_name_plural = _("uses of the assistant")
        indexes = [
            models.Index(fields=["body", "at"], name="assistant_use_body"),
            models.Index(fields=["appeal", "at"], name="assistant_use_appeal"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on appeal {self.appeal_id} at {self.at:%Y-%m-%d %H:%M}"


class NotDuplicate(models.Model):
    """An officer's word that two appeals of a body are not on the same problem.

    While it stands (``withdrawn_at`` empty) the pair is never linked again: triage runs
    leave the other out of each one's pool, and clusters drop a link stored before. The
    pair is kept in id order (``first`` < ``second``). Withdrawing keeps the row, so who
    said what and when stays on record, and the rows are what a report of rejected links
    counts.
    """

    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="+")
    first = models.ForeignKey("appeals.Appeal", models.CASCADE, related_name="+")
    second = models.ForeignKey("appeals.Appeal", models.CASCADE, related_name="+")
    score = models.FloatField(_("link score"), null=True, blank=True)  # when it was rejected
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    by_role = models.CharField(_("role"), max_length=32)
    at = models.DateTimeField(_("at"))
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("not a duplicate")
        verbose_name_plural = _("not duplicates")
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="triage_one_standing_not_duplicate",
            ),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="triage_not_duplicate_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "at"], name="triage_not_duplicate_body"),
        ]

    def __str__(self) -> str:
        return f"appeals {self.first_id} and {self.second_id} are not duplicates"


class LinkAlert(models.Model):
    """An e-mail to a body's administrators: officers rejected many of triage's duplicate links.

    The daily check (``link_alerts.py``) measures the 30 whole body-local days before the
    day it runs, from ``window_start`` to ``window_end`` (both included). One row per body
    and window start: the unique key is what keeps a second run the same day from sending
    again. ``sent_at`` is set when the e-mails go; ``emails`` counts them, and ``reached``
    holds who has one, so a retry after a failed sending skips them.
    """

    body = models.ForeignKey(
        "bodies.Body", models.CASCADE, related_name="+", verbose_name=_("body")
    )
    window_start = models.DateField(_("from"))
    window_end = models.DateField(_("to"))
    links = models.PositiveIntegerField(_("pairs linked"))
    marked = models.PositiveIntegerField(_("marked as not duplicates"))
    share = models.FloatField(_("share marked"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    emails = models.PositiveIntegerField(_("e-mails sent"), default=0)
    # The ids of the administrators e-mailed so far: a run that failed halfway resumes.
    reached = models.JSONField(_("administrators e-mailed"), default=list, blank=True)

    class Meta:
        verbose_name = _("duplicate link alert")
        verbose_name_plural = _("duplicate link alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "window_start"], name="triage_one_link_alert_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.window_start}: {self.marked}/{self.links}"

    @property
    def percent(self) -> int:
        """Give the share marked in whole per cent."""
        return round(100 * self.share)
