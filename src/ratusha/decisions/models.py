"""The register of decisions: what a body decided, who decided, when, on what grounds.

A decision starts as a draft; adopting it signs its canonical document with the body's
Ed25519 key and records the document's hash in the body's public ledger. A revocation
is a second signed act; nothing is ever deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ratusha.decisions.choices import DecisionStatus


class Decision(models.Model):
    """One decision of a body, numbered per body and year."""

    body = models.ForeignKey(
        "bodies.Body", models.PROTECT, related_name="decisions", verbose_name=_("body")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    decided_on = models.DateField(_("date of the decision"))
    organ = models.CharField(
        _("decided by (organ)"),
        max_length=200,
        help_text=_("For example: the executive committee, the council of deputies."),
    )
    official = models.ForeignKey(
        "bodies.Official",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("signed by (official)"),
    )
    grounds = models.TextField(_("legal grounds"))
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    votes_abstained = models.PositiveIntegerField(_("abstained"), null=True, blank=True)
    # [{"name": "plan.pdf", "sha256": "<64 hex>"}]: the files themselves are kept elsewhere.
    attachments = models.JSONField(_("attachments (SHA-256)"), default=list, blank=True)
    related_appeals = models.ManyToManyField(
        "appeals.Appeal", blank=True, related_name="decisions", verbose_name=_("related appeals")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("changed"))
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    document = models.OneToOneField(
        "ledger.SignedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_decision",
        verbose_name=_("signed decision"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revocation_grounds = models.TextField(_("grounds of the revocation"), blank=True)
    revocation_document = models.OneToOneField(
        "ledger.SignedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="revoked_decision",
        verbose_name=_("signed revocation"),
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="one_decision_number_per_body_year"
            ),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True, votes_against__isnull=True)
                & Q(votes_abstained__isnull=True)
                | Q(votes_for__isnull=False, votes_against__isnull=False)
                & Q(votes_abstained__isnull=False),
                name="decision_vote_complete_or_none",
            ),
        ]
        indexes = [models.Index(fields=["body", "status", "decided_on"], name="decision_list")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """Give the number the public and the ledger use, e.g. ``ZAR-D-2026-12``."""
        return f"{self.body.code}-D-{self.year}-{self.number}"

    @property
    def has_vote(self) -> bool:
        return self.votes_for is not None
