"""Public bodies, their departments, officials and the categories of appeals they take."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusha.bodies.choices import BodyKind, StatutoryPolicy
from ratusha.bodies.translated import TranslatedName, pick

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{0,15}$",
    _("Use 1 to 16 capital Latin letters, digits or hyphens."),
)


class Body(TranslatedName):
    """A public body (state, region, district or municipality) in a tree of bodies."""

    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("higher body"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        validators=[code_validator],
        help_text=_("Short code used in registration numbers, for example ADM."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Minsk")
    policy = models.CharField(
        _("statutory policy"),
        max_length=40,
        choices=StatutoryPolicy.choices,
        default=StatutoryPolicy.BELARUS_2023,
    )
    description_be = models.TextField(_("description in Belarusian"), blank=True)
    description_ru = models.TextField(_("description in Russian"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Text messages to applicants the body may send per local day (what the gateway bills).
    sms_daily_limit = models.PositiveIntegerField(
        _("text messages a day"),
        null=True,
        blank=True,
        help_text=_(
            "The most text messages to applicants this body sends in a day; over it they "
            "wait among the undelivered notices. Empty: the installation's limit. 0: none."
        ),
    )
    # The SMS parts a month (what the gateway bills) at which the body's administrators are
    # e-mailed, once a month; sending goes on (the daily limit is what stops it).
    sms_monthly_budget = models.PositiveIntegerField(
        _("SMS parts a month before an alert"),
        null=True,
        blank=True,
        help_text=_(
            "When the text messages of a calendar month reach this many SMS parts, the "
            "body's administrators are e-mailed once. Empty: no alert."
        ),
    )
    sms_budget_alerted = models.DateField(null=True, blank=True, editable=False)
    # Triage's routing policy: an appeal goes straight to the suggested department only
    # when this is on and the model is at least as sure as the threshold that reached
    # the precision below on past appeals (chosen at each training).
    auto_route = models.BooleanField(
        _("route appeals automatically"),
        default=True,
        help_text=_(
            "When off, every suggestion waits for a clerk in the triage queue, however sure."
        ),
    )
    auto_route_precision = models.FloatField(
        _("precision automatic routing must reach"),
        default=0.9,
        validators=[MinValueValidator(0.5), MaxValueValidator(0.99)],
        help_text=_(
            "The share of automatically routed appeals that must reach the right department, "
            "checked on past appeals when the model is trained: higher means fewer appeals "
            "routed automatically and fewer mistakes. From 0.5 to 0.99; it takes effect at "
            "the next training."
        ),
    )
    # Triage's rule for urgent appeals: one flagged urgent or emergency that the AI does not
    # route goes at once to this department (a duty service), instead of waiting for a clerk.
    urgent_department = models.ForeignKey(
        "bodies.Department",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department for urgent appeals"),
        help_text=_(
            "An appeal flagged urgent or emergency that the AI does not route goes straight "
            "to this department (for example a duty dispatch service), and its head is told "
            "at once. Empty: such appeals wait in the triage queue like the others."
        ),
    )
    # Triage's duplicate links: the score two appeals need to be linked. Clusters drop
    # stored links below it at once; a lower value only reaches appeals triaged later.
    duplicate_min_score = models.FloatField(
        _("score that links two appeals as likely duplicates"),
        default=0.5,
        validators=[MinValueValidator(0.3), MaxValueValidator(0.9)],
        help_text=_("From 0.3 to 0.9: higher means fewer links and fewer wrong ones."),
    )
    # Materialised path of ids ("/1/4/9/"): finds a subtree with one indexed prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(auto_route_precision__gte=0.5, auto_route_precision__lte=0.99),
                name="body_auto_route_precision_range",
            ),
            models.CheckConstraint(
                condition=models.Q(duplicate_min_score__gte=0.3, duplicate_min_score__lte=0.9),
                name="body_duplicate_min_score_range",
            ),
        ]

    @property
    def description(self) -> str:
        return pick(self, "description")

    @property
    def path_ids(self) -> tuple[int, ...]:
        """Give the ids from the root body down to this one."""
        return tuple(int(part) for part in self.path.strip("/").split("/") if part)

    def ancestors(self) -> models.QuerySet[Body]:
        return Body.objects.filter(pk__in=self.path_ids[:-1])

    def subtree(self) -> models.QuerySet[Body]:
        """Give this body and every body below it."""
        return Body.objects.filter(path__startswith=self.path)

    def clean(self) -> None:
        if self.parent_id and self.pk and str(self.pk) in self.parent.path.strip("/").split("/"):
            raise ValidationError({"parent": _("A body cannot be placed below itself.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, then keep the materialised path of this body and its subtree up to date."""
        super().save(*args, **kwargs)
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        new_path = f"{prefix}{self.pk}/"
        if new_path == self.path:
            return
        old_path, self.path = self.path, new_path
        Body.objects.filter(pk=self.pk).update(path=new_path)
        if old_path:
            for child in Body.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                Body.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])


class Department(TranslatedName):
    """A department of a body; appeals are routed to departments."""

    body = models.ForeignKey(
        Body, models.CASCADE, related_name="departments", verbose_name=_("body")
    )
    code = models.CharField(_("code"), max_length=16, validators=[code_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["body_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["body", "code"], name="department_code_per_body"),
        ]


class Official(models.Model):
    """A person who holds a position in a body, optionally linked to a staff account."""

    body = models.ForeignKey(Body, models.CASCADE, related_name="officials", verbose_name=_("body"))
    department = models.ForeignKey(
        Department,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("department"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="official_posts",
        verbose_name=_("account"),
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position_be = models.CharField(_("position in Belarusian"), max_length=255)
    position_ru = models.CharField(_("position in Russian"), max_length=255, blank=True)
    position_en = models.CharField(_("position in English"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["body_id", "department_id", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.position})"

    @property
    def position(self) -> str:
        return pick(self, "position")


class Category(TranslatedName):
    """A category of appeals a body takes, routed to a default department."""

    body = models.ForeignKey(
        Body, models.CASCADE, related_name="categories", verbose_name=_("body")
    )
    code = models.CharField(_("code"), max_length=16, validators=[code_validator])
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    default_department = models.ForeignKey(
        Department,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="categories",
        verbose_name=_("default department"),
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_("Words and phrases, one per line, that suggest this category."),
    )
    examples = models.TextField(
        _("example appeals"),
        blank=True,
        help_text=_(
            "Short example appeal texts, one per line, in any of the three languages. "
            "Triage learns from them until the body has enough answered appeals."
        ),
    )
    is_public = models.BooleanField(_("offered to citizens"), default=True)
    # Triage's routing rule per category (complaints about officials, anything sensitive):
    # off means the body's automatic routing never applies to appeals of this category.
    auto_route = models.BooleanField(
        _("routed automatically"),
        default=True,
        help_text=_(
            "When off, triage only suggests a department for appeals of this category "
            "and a clerk decides, however sure the AI is."
        ),
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["body_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["body", "code"], name="category_code_per_body"),
        ]
