"""Background work of open data: the nightly export (``export_open_data``, once a day)."""

from __future__ import annotations

from django_tasks import task

from ratusha.opendata.actions import check_export_dumps


@task()
def export_open_data() -> int:
    """Export every dataset, for all bodies and for each body, in every format; give the count."""
    return len(check_export_dumps())
