"""Open311 clients with their keys, the extra questions of a category, and submissions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusha.bodies.translated import pick


class Open311Client(models.Model):
    """An application allowed to file requests through Open311; only its key's hash is kept."""

    name = models.CharField(_("name"), max_length=100)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    bodies = models.ManyToManyField(
        "bodies.Body",
        related_name="+",
        verbose_name=_("bodies it may file to"),
    )
    key_prefix = models.CharField(_("key prefix"), max_length=8, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    batch = models.BooleanField(
        _("register in the background"),
        default=False,
        help_text=_(
            "Requests are answered with a token at once and registered by a background task; "
            "the client asks GET tokens/{token} for the appeal number."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class Datatype(models.TextChoices):
    STRING = "string", _("Short text")
    NUMBER = "number", _("Number")
    DATETIME = "datetime", _("Date and time")
    TEXT = "text", _("Long text")
    SINGLE = "singlevaluelist", _("One choice from a list")
    MULTI = "multivaluelist", _("Several choices from a list")


class ServiceAttribute(models.Model):
    """An extra question a category asks (an Open311 service definition attribute)."""

    category = models.ForeignKey(
        "bodies.Category",
        models.CASCADE,
        related_name="open311_attributes",
        verbose_name=_("category"),
    )
    code = models.CharField(_("code"), max_length=32)
    variable = models.BooleanField(
        _("asks for an answer"),
        default=True,
        help_text=_("Untick to show the description as information only."),
    )
    datatype = models.CharField(
        _("kind of answer"), max_length=16, choices=Datatype.choices, default=Datatype.STRING
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    description_be = models.CharField(_("question in Belarusian"), max_length=255)
    description_ru = models.CharField(_("question in Russian"), max_length=255, blank=True)
    description_en = models.CharField(_("question in English"), max_length=255, blank=True)
    datatype_description = models.CharField(_("hint"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("extra question of a category")
        verbose_name_plural = _("extra questions of categories")
        ordering = ["category_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "code"], name="open311_attribute_code_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.description}"

    @property
    def description(self) -> str:
        return pick(self, "description")


class AttributeValue(models.Model):
    """One choice offered by a list question."""

    attribute = models.ForeignKey(
        ServiceAttribute, models.CASCADE, related_name="values", verbose_name=_("question")
    )
    key = models.CharField(_("key"), max_length=32)
    name_be = models.CharField(_("name in Belarusian"), max_length=255)
    name_ru = models.CharField(_("name in Russian"), max_length=255, blank=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["attribute_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["attribute", "key"], name="open311_value_key")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self, "name")


class Submission(models.Model):
    """A request filed through Open311: which client sent it, its token, and its appeal.

    ``payload`` holds the submitted fields only until a background registration has run
    (batch clients); it is emptied then, so personal data stays in the appeal alone.
    """

    client = models.ForeignKey(
        Open311Client, models.PROTECT, related_name="submissions", verbose_name=_("client")
    )
    body = models.ForeignKey("bodies.Body", models.PROTECT, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    idempotency_key = models.CharField(max_length=200, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    appeal = models.OneToOneField(
        "appeals.Appeal",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="open311_submission",
        verbose_name=_("appeal"),
    )
    payload = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    media_url = models.URLField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 submission")
        verbose_name_plural = _("Open311 submissions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="open311_one_submission_per_key",
            )
        ]

    def __str__(self) -> str:
        return self.token[:8]
