"""Periodic tasks: what to enqueue how often. ``ratusha run-scheduler`` (and the demo) drive it.

The database task backend has no scheduler of its own; one small process enqueues these,
and any number of workers run them. Run one scheduler per installation.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Periodic:
    task_path: str
    every_seconds: int


PERIODIC = (
    Periodic("ratusha.pages.tasks.heartbeat", 60),
    Periodic("ratusha.appeals.tasks.send_deadline_reminders", 3600),
    Periodic("ratusha.appeals.reply_notices.remind_silent_applicants", 3600),
    Periodic("ratusha.ledger.tasks.integrate_logs", 2),
    Periodic("ratusha.pages.tasks.prune_task_results", 3600),
    Periodic("ratusha.triage.tasks.retrain_models", 86400),
    Periodic("ratusha.triage.tasks.check_link_alerts", 86400),
    Periodic("ratusha.publication.tasks.backfill_publications", 600),
    Periodic("ratusha.ledger.tasks.reconcile_logs", 600),
    Periodic("ratusha.analytics.tasks.refresh_rollups", 300),
    Periodic("ratusha.opendata.tasks.export_open_data", 86400),
    Periodic("ratusha.reports.tasks.generate_due_reports", 86400),
    Periodic("ratusha.predictions.tasks.refresh_forecasts", 86400),
    Periodic("ratusha.predictions.tasks.detect_spikes_and_hotspots", 3600),
    Periodic("ratusha.predictions.tasks.refresh_deadline_risk", 3600),
    Periodic("ratusha.predictions.tasks.retrain_risk_models", 7 * 86400),
)


def due(last_run: dict[str, float], now: float) -> list[Periodic]:
    """Give the periodic tasks whose interval has passed since they last ran."""
    return [
        p for p in PERIODIC if now - last_run.get(p.task_path, float("-inf")) >= p.every_seconds
    ]


def tick(last_run: dict[str, float], now: float | None = None) -> list[str]:
    """Enqueue every task that is due, remember when, and give their paths."""
    moment = time.time() if now is None else now
    enqueued = []
    for periodic in due(last_run, moment):
        import_string(periodic.task_path).enqueue()
        last_run[periodic.task_path] = moment
        enqueued.append(periodic.task_path)
    return enqueued


def run_forever(should_stop: Callable[[], bool], interval: float = 1.0) -> None:
    last_run: dict[str, float] = {}
    while not should_stop():
        tick(last_run)
        time.sleep(interval)
