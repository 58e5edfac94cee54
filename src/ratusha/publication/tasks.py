"""Background work of public redaction: propose after registration, summarise after an answer.

Each task reads the appeal afresh and is safe to run twice. ``backfill_publications``
catches up on anything the signal-driven tasks missed (appeals imported in bulk, a lost
task, a changed detector); it runs periodically and from ``ratusha publication-backfill``.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from ratusha.appeals.models import Appeal
from ratusha.publication.actions import do_propose_publication, do_summarise_answer
from ratusha.publication.bulk import do_propose_many, do_summarise_many


@task()
def propose_publication(appeal_id: int) -> str:
    """Propose the redacted text of a newly registered appeal whose applicant consented."""
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        return "gone"
    return "proposed" if do_propose_publication(appeal) is not None else "no consent"


@task()
def summarise_answer(appeal_id: int) -> str:
    """Make the public summary of the appeal's latest sent answer."""
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        return "gone"
    return "summarised" if do_summarise_answer(appeal) is not None else "nothing public"


def do_backfill(limit: int | None = None) -> tuple[int, int]:
    """Propose and summarise whatever is missing; give how many of each were made."""
    now = timezone.now()
    proposed = do_propose_many(Appeal.objects.all(), now, limit)
    summarised = do_summarise_many(Appeal.objects.all(), now, limit)
    return proposed, summarised


@task()
def backfill_publications(limit: int = 2000) -> str:
    """Catch up on missing proposals and answer summaries, up to ``limit`` of each per run."""
    proposed, summarised = do_backfill(limit)
    return f"proposed {proposed}, summarised {summarised}"
