"""The dumps of the open-data datasets: one current file per dataset, body and format."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_BODIES = ""  # body_code of a dump that holds every body


class Dump(models.Model):
    """A file a dataset was last exported to, with its size, SHA-256 and ledger entry."""

    dataset = models.CharField(_("dataset"), max_length=32)
    body_code = models.CharField(_("body"), max_length=32, blank=True, default=ALL_BODIES)
    format = models.CharField(_("format"), max_length=16)
    file_name = models.CharField(_("file"), max_length=255)
    size = models.BigIntegerField(_("size in bytes"))
    rows = models.BigIntegerField(_("rows"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    generated_at = models.DateTimeField(_("generated"))
    leaf_hash = models.BinaryField(_("ledger leaf hash"), max_length=32, null=True, blank=True)

    class Meta:
        verbose_name = _("open-data dump")
        verbose_name_plural = _("open-data dumps")
        ordering = ["dataset", "body_code", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "body_code", "format"], name="opendata_one_dump_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset}/{self.body_code or 'all'}.{self.format}"

    @property
    def download_name(self) -> str:
        """Give the name people save the file under, e.g. ``appeals-ZAR.csv``."""
        return f"{self.dataset}-{self.body_code or 'all'}.{self.format}"
