"""Every write of the open-data app: exporting the dumps and entering them in the ledger.

A dump is written to a temporary file, hashed, then moved to a name that carries its
hash (``appeals-all-<sha>.csv``), so a download in progress never sees a half-written
file. Once the new row commits, the dump's SHA-256 is appended to the installation's
ledger (``opendata.dump``) and the previous file is removed. A dump whose content did
not change keeps its ledger entry; nothing new is appended.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.ledger.actions import append
from ratusha.opendata.access import dump_folder, public_body_codes
from ratusha.opendata.datasets import DATASETS, FORMATS, Dataset
from ratusha.opendata.models import ALL_BODIES, Dump
from ratusha.opendata.sources import Filters, chunks, is_available, rows
from ratusha.opendata.writers import sha256_of, write_files

DUMP_ENTRY = "opendata.dump"


class ExportRefused(ValueError):
    """An export asked for a dataset, body or format that does not exist."""


def _record_in_ledger(dump_id: int) -> None:
    dump = Dump.objects.get(pk=dump_id)
    entry = append(
        None,
        DUMP_ENTRY,
        {
            "dataset": dump.dataset,
            "scope": dump.body_code or "all",
            "format": dump.format,
            "file": dump.download_name,
            "sha256": dump.sha256,
            "size": dump.size,
            "rows": dump.rows,
        },
        subject=dump.download_name,
        time=dump.generated_at,
    )
    Dump.objects.filter(pk=dump_id).update(leaf_hash=entry.leaf_hash)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def _keep(dataset: Dataset, body_code: str, fmt: str, path: Path, rows: int, now: datetime) -> Dump:
    """Give the dump row for a freshly written file, entering a changed file in the ledger."""
    sha256 = sha256_of(path)
    stem = f"{dataset.name}-{body_code or 'all'}"
    final = dump_folder() / f"{stem}-{sha256[:16]}.{fmt}"
    os.replace(path, final)
    with transaction.atomic():
        dump = (
            Dump.objects.select_for_update()
            .filter(dataset=dataset.name, body_code=body_code, format=fmt)
            .first()
        )
        if dump is not None and dump.sha256 == sha256:
            dump.generated_at = now
            dump.save(update_fields=["generated_at"])
            return dump
        old_file = dump.file_name if dump is not None else None
        dump = dump or Dump(dataset=dataset.name, body_code=body_code, format=fmt)
        dump.file_name, dump.sha256, dump.size = final.name, sha256, final.stat().st_size
        dump.rows, dump.generated_at, dump.leaf_hash = rows, now, None
        dump.save()
        dump_id = dump.pk
        transaction.on_commit(lambda: _record_in_ledger(dump_id), robust=True)
        if old_file and old_file != final.name:
            old = dump_folder() / old_file
            transaction.on_commit(lambda: _remove(old), robust=True)
    return dump


def do_export_dataset(
    dataset: Dataset, body_code: str = ALL_BODIES, formats: Sequence[str] = FORMATS
) -> list[Dump]:
    """Export one dataset (of one body, or of all) to every format in a single pass."""
    folder = dump_folder()
    folder.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    token = uuid.uuid4().hex
    temporary = {
        fmt: folder / f".{dataset.name}-{body_code or 'all'}.{token}.{fmt}" for fmt in formats
    }
    try:
        filters = Filters(body=body_code or None)
        columns = chunks(dataset.name, filters)
        if columns is not None:
            count = write_files(dataset, None, temporary, chunks=columns)
        else:
            count = write_files(dataset, rows(dataset.name, filters), temporary)
        return [_keep(dataset, body_code, fmt, path, count, now) for fmt, path in temporary.items()]
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)


def check_export_dumps(
    datasets: Iterable[str] | None = None,
    bodies: Iterable[str] | None = None,
    formats: Iterable[str] | None = None,
    *,
    per_body: bool = True,
) -> list[Dump]:
    """Export the named datasets (all by default) for all bodies and, per body, each body.

    ``bodies`` limits the per-body dumps to those bodies. Datasets that cannot be read
    yet (the register of decisions before its app publishes it) are skipped.
    """
    names = list(datasets) if datasets is not None else list(DATASETS)
    unknown = [name for name in names if name not in DATASETS]
    if unknown:
        raise ExportRefused(_("No such dataset: %(names)s.") % {"names": ", ".join(unknown)})
    chosen_formats = list(formats) if formats is not None else list(FORMATS)
    bad = [fmt for fmt in chosen_formats if fmt not in FORMATS]
    if bad:
        raise ExportRefused(_("No such format: %(names)s.") % {"names": ", ".join(bad)})
    known_bodies = public_body_codes()
    chosen_bodies = list(bodies) if bodies is not None else known_bodies
    missing = [code for code in chosen_bodies if code not in known_bodies]
    if missing:
        raise ExportRefused(_("No such body: %(names)s.") % {"names": ", ".join(missing)})
    done: list[Dump] = []
    for name in names:
        if not is_available(name):
            continue
        dataset = DATASETS[name]
        done += do_export_dataset(dataset, ALL_BODIES, chosen_formats)
        if per_body and dataset.per_body:
            for code in chosen_bodies:
                done += do_export_dataset(dataset, code, chosen_formats)
    return done
