"""Answers to appeals, the body's templates of answers and questions, and citizens' ratings."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateKind(models.TextChoices):
    ANSWER = "answer", _("answer")
    QUESTION = "question", _("question to the applicant")


class AnswerTemplate(models.Model):
    """A body's template for answers ({number}, {date} and {name} are filled in), or a
    common question officers ask applicants ("send a photo", "which entrance?")."""

    body = models.ForeignKey("bodies.Body", models.CASCADE, related_name="answer_templates")
    kind = models.CharField(
        _("kind"), max_length=16, choices=TemplateKind.choices, default=TemplateKind.ANSWER
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["body_id", "title"]

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """The answer to an appeal: drafted by the executor, approved by the head, then sent."""

    appeal = models.ForeignKey("appeals.Appeal", models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    drafted_at = models.DateTimeField(_("drafted"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["appeal_id", "-drafted_at"]

    def __str__(self) -> str:
        return self.text[:80]


class Rating(models.Model):
    """The citizen's rating of the answer: 1 to 5, with an optional comment."""

    appeal = models.OneToOneField("appeals.Appeal", models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(_("rated"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="rating_between_1_and_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.score}"
