"""Proposals and answer summaries for many appeals at once (the backfill and the demo).

``use_ner`` None follows the settings (as the tasks do); the demo passes False, as
natasha's NER takes about a quarter of a second per text.

Each function reads its appeals in chunks with their co-applicants and answers, runs the
detector in Python and writes with one bulk statement per chunk; it is safe to run
again, as it only fills what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch

from ratusha.appeals.models import Answer, Appeal
from ratusha.publication.models import AnswerSummary, Publication
from ratusha.publication.redaction import people_of, redact_text, spans_as_json, summarise_answer

CHUNK = 500


def _chunks(queryset: models.QuerySet[Appeal], size: int) -> Iterator[list[Appeal]]:
    """Give the appeals in chunks, each read whole before the caller writes.

    A read cursor left open across a write fails on SQLite in WAL mode ("database is
    locked", at once) when another process wrote in between, as the worker's neighbours
    do every few seconds; so the ids come first, then each chunk by its ids.
    """
    ids = list(queryset.values_list("pk", flat=True))
    unsliced = queryset.all()
    unsliced.query.clear_limits()
    for start in range(0, len(ids), size):
        part = ids[start : start + size]
        yield list(unsliced.filter(pk__in=part).order_by("pk"))


def appeals_to_propose() -> models.QuerySet[Appeal]:
    """Give the consenting appeals that have no publication yet."""
    return Appeal.objects.filter(consent_to_publish=True).exclude(
        Exists(Publication.objects.filter(appeal=OuterRef("pk")))
    )


def do_propose_many(
    appeals: models.QuerySet[Appeal],
    now: datetime,
    limit: int | None = None,
    use_ner: bool | None = None,
) -> int:
    """Propose the redaction of every consenting appeal of the queryset that has none."""
    wanted = (
        appeals.filter(pk__in=appeals_to_propose().values("pk"))
        .prefetch_related("co_applicants")
        .order_by("pk")[:limit]
    )
    made = 0
    for chunk in _chunks(wanted, CHUNK):
        rows = []
        for appeal in chunk:
            redaction = redact_text(appeal.text, people_of(appeal), appeal.language, use_ner)
            rows.append(
                Publication(
                    appeal=appeal,
                    body_id=appeal.body_id,
                    proposed_text=redaction.text,
                    spans=spans_as_json(redaction.spans),
                    created_at=now,
                )
            )
        Publication.objects.bulk_create(rows, ignore_conflicts=True)
        made += len(rows)
    return made


def appeals_to_summarise() -> models.QuerySet[Appeal]:
    """Give the appeals whose latest sent answer is public and has no summary of it yet."""
    latest = (
        Answer.objects.filter(appeal=OuterRef("pk"), sent_at__isnull=False)
        .order_by("-sent_at", "-pk")
        .values("pk")[:1]
    )
    summarised = AnswerSummary.objects.filter(appeal=OuterRef("pk"), answer_id=OuterRef("latest"))
    latest_is_public = Answer.objects.filter(pk=OuterRef("latest"), is_public=True)
    return (
        Appeal.objects.annotate(latest=models.Subquery(latest))
        .filter(latest__isnull=False)
        .filter(Exists(latest_is_public))
        .exclude(Exists(summarised))
    )


def do_summarise_many(
    appeals: models.QuerySet[Appeal],
    now: datetime,
    limit: int | None = None,
    use_ner: bool | None = None,
) -> int:
    """Summarise the latest sent public answer of every appeal of the queryset lacking it."""
    sent = Answer.objects.filter(sent_at__isnull=False).order_by("-sent_at", "-pk")
    wanted = (
        appeals.filter(pk__in=appeals_to_summarise().values("pk"))
        .prefetch_related("co_applicants", Prefetch("answers", sent, to_attr="sent_answers"))
        .order_by("pk")[:limit]
    )
    made = 0
    for chunk in _chunks(wanted, CHUNK):
        rows = []
        for appeal in chunk:
            answer = appeal.sent_answers[0]  # type: ignore[attr-defined]
            summary = summarise_answer(answer.text, people_of(appeal), appeal.language, use_ner)
            rows.append(AnswerSummary(appeal=appeal, answer=answer, summary=summary, made_at=now))
        with transaction.atomic():  # a stale summary (of an older answer) is replaced
            AnswerSummary.objects.filter(appeal__in=[r.appeal for r in rows]).delete()
            AnswerSummary.objects.bulk_create(rows)
        made += len(rows)
    return made
