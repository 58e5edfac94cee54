"""A log per body (plus one for the installation), its entries, tree hashes and checkpoints.

Entries arrive as :class:`PendingEntry` rows (many writers, no lock) and the integration
step moves them, in order, into :class:`Entry` with consecutive indexes while it holds the
:class:`Log` row locked. :class:`Entry` and :class:`SubtreeHash` are insert-only.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusha_core.ledger.merkle import EMPTY_ROOT

INSTALLATION = "installation"  # the name of the installation's own log


class Log(models.Model):
    """One append-only Merkle log: its name in URLs, its C2SP origin and its current tree."""

    name = models.CharField(_("name"), max_length=32, unique=True)
    origin = models.CharField(_("origin"), max_length=255, unique=True)
    body = models.OneToOneField(
        "bodies.Body",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger",
        verbose_name=_("body"),
    )
    size = models.BigIntegerField(_("entries"), default=0)
    root = models.BinaryField(_("root hash"), max_length=32, default=EMPTY_ROOT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger log")
        verbose_name_plural = _("ledger logs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.origin


class EntryFields(models.Model):
    """What every entry carries, pending or integrated."""

    event_type = models.CharField(_("event"), max_length=40)
    subject = models.CharField(_("subject"), max_length=64, blank=True)
    time = models.DateTimeField(_("time"))
    version = models.PositiveSmallIntegerField(_("format version"), default=1)
    leaf_input = models.TextField(_("leaf input (RFC 8785 JSON)"))
    leaf_hash = models.BinaryField(_("leaf hash"), max_length=32)
    created_at = models.DateTimeField(_("appended"))

    class Meta:
        abstract = True


class PendingEntry(EntryFields):
    """An entry appended after a commit and waiting for integration into its log."""

    # No database-level foreign key on the three bulk-written tables: the constraint's
    # trigger cost about 7 µs a row (half of COPY's own work), and every write already
    # holds the log's row (appends read it; integration locks it FOR UPDATE). Logs are
    # never deleted (PROTECT) and the audit checks every row of every log.
    log = models.ForeignKey(
        Log, models.PROTECT, related_name="pending", db_index=False, db_constraint=False
    )

    class Meta:
        verbose_name = _("pending ledger entry")
        verbose_name_plural = _("pending ledger entries")
        indexes = [
            models.Index(fields=["log", "id"], name="ledger_pending_queue"),
            models.Index(fields=["subject"], name="ledger_pending_subject"),
            models.Index(fields=["leaf_hash"], name="ledger_pending_leaf"),
        ]

    def __str__(self) -> str:
        return f"{self.log_id} pending {self.event_type}"


class Entry(EntryFields):
    """An integrated entry: leaf ``index`` of its log, never changed once written."""

    pk = models.CompositePrimaryKey("log", "index")
    # The primary key (log, index) serves every lookup by log; no separate index.
    log = models.ForeignKey(
        Log, models.PROTECT, related_name="entries", db_index=False, db_constraint=False
    )
    index = models.BigIntegerField(_("index"))

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["log_id", "index"]
        indexes = [
            models.Index(fields=["leaf_hash"], name="ledger_entry_leaf"),
            models.Index(fields=["subject", "event_type"], name="ledger_entry_subject"),
            # The readable page filters a log by event type, newest first (ledger.browse).
            models.Index(fields=["log", "event_type", "index"], name="ledger_entry_event"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(index__gte=0), name="ledger_entry_index")
        ]

    def __str__(self) -> str:
        return f"{self.log_id}#{self.index} {self.event_type}"


class SubtreeHash(models.Model):
    """The hash of a complete subtree above the leaves: level >= 1, ``2**level`` leaves.

    Level 0 (the leaf hashes) lives in :class:`Entry`; see ``ratusha_core.ledger.tree``.
    """

    pk = models.CompositePrimaryKey("log", "level", "index")
    log = models.ForeignKey(
        Log, models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("subtree hash")
        verbose_name_plural = _("subtree hashes")

    def __str__(self) -> str:
        return f"{self.log_id}/{self.level}/{self.index}"


class Checkpoint(models.Model):
    """A signed tree head of a log (a C2SP signed note); every one is kept."""

    log = models.ForeignKey(Log, models.PROTECT, related_name="checkpoints")
    size = models.BigIntegerField(_("entries"))
    root = models.BinaryField(_("root hash"), max_length=32)
    note = models.TextField(_("signed note"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["log", "-size", "-id"]
        indexes = [models.Index(fields=["log", "size"], name="ledger_checkpoint_size")]

    def __str__(self) -> str:
        return f"{self.log_id}@{self.size}"


class Witness(models.Model):
    """An independent witness whose cosignatures the installation accepts and publishes."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    verifier_key = models.CharField(_("verifier key"), max_length=255, unique=True)
    description = models.CharField(_("who runs it"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("witness")
        verbose_name_plural = _("witnesses")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Cosignature(models.Model):
    """A witness's C2SP tlog-cosignature/v1 line over one checkpoint."""

    checkpoint = models.ForeignKey(Checkpoint, models.CASCADE, related_name="cosignatures")
    witness = models.ForeignKey(Witness, models.PROTECT, related_name="cosignatures")
    signature_line = models.TextField(_("signature line"))
    timestamp = models.BigIntegerField(_("cosigned at (Unix time)"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("cosignature")
        verbose_name_plural = _("cosignatures")
        constraints = [
            models.UniqueConstraint(
                fields=["checkpoint", "witness"], name="one_cosignature_per_witness"
            )
        ]

    def __str__(self) -> str:
        return f"{self.witness_id} on {self.checkpoint_id}"


class CommitmentSalt(models.Model):
    """The private salt of an entry's hash commitment; only the citizen's receipt shows it."""

    log = models.ForeignKey(Log, models.PROTECT, related_name="+")
    leaf_hash = models.BinaryField(max_length=32, unique=True)
    salt = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("commitment salt")
        verbose_name_plural = _("commitment salts")

    def __str__(self) -> str:
        return bytes(self.leaf_hash).hex()
