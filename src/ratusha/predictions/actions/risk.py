"""Train the bodies' deadline-risk models, store each open appeal's risk, warn the heads."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max

from ratusha.bodies.models import Body
from ratusha.predictions.cases import open_appeal_ids, risk_cases
from ratusha.predictions.models import DeadlineRisk, RiskDigest, RiskModel
from ratusha.predictions.notices import heads_of, send_risk_digest
from ratusha_core.analytics.risk import (
    model_from_bytes,
    model_to_bytes,
    score_open,
    time_split_test,
    train_risk,
)
from ratusha_core.analytics.risk_features import RiskCase

DIGEST_MIN_PROBABILITY = 0.5
DIGEST_MAX_APPEALS = 30


def do_train_risk_model(
    body: Body, now: datetime, cases: list[RiskCase] | None = None, test: bool = True
) -> RiskModel | None:
    """Train the body's model on its settled appeals and make it the active one.

    With ``test`` the figures of a time-based split (AUC, Brier, reliability bins) are
    stored with it; the stored model itself is trained on all settled appeals.
    """
    cases = cases if cases is not None else risk_cases(body, now)
    trained = train_risk(cases)
    if trained is None:
        return None
    metrics: dict[str, object] = {"rows": trained.rows, "base_rate": round(trained.base_rate, 4)}
    if test:
        try:
            result = time_split_test(cases)
        except ValueError as exc:
            metrics["test"] = str(exc)
        else:
            metrics.update(
                auc=result.auc,
                brier=result.brier,
                brier_base_rate=result.brier_base_rate,
                test_rows=result.test_rows,
                cutoff=result.cutoff.isoformat(),
                bins=[list(b) for b in result.bins],
            )
    with transaction.atomic():
        last = RiskModel.objects.filter(body=body).aggregate(v=Max("version"))["v"] or 0
        RiskModel.objects.filter(body=body, is_active=True).update(is_active=False)
        return RiskModel.objects.create(
            body=body,
            version=last + 1,
            model=model_to_bytes(trained, metrics),
            metrics=metrics,
            trained_at=now,
            is_active=True,
        )


def do_refresh_risk(body: Body, now: datetime, cases: list[RiskCase] | None = None) -> int:
    """Score every open appeal of the body with its active model; give how many were scored.

    Rows of appeals that are no longer open are removed.
    """
    cases = cases if cases is not None else risk_cases(body, now)
    row = RiskModel.objects.filter(body=body, is_active=True).order_by("-version").first()
    trained = model_from_bytes(bytes(row.model)) if row else None
    open_ids = open_appeal_ids(cases)
    today = now.astimezone(ZoneInfo(body.time_zone)).date()
    scores = score_open(trained, [c for c in cases if c.appeal_id in open_ids], cases, today)
    version = row.version if row and trained else None
    with transaction.atomic():
        DeadlineRisk.objects.filter(appeal__body=body).exclude(appeal_id__in=open_ids).delete()
        existing = set(
            DeadlineRisk.objects.filter(appeal_id__in=open_ids).values_list("appeal_id", flat=True)
        )
        fresh = [
            DeadlineRisk(
                appeal_id=s.appeal_id,
                probability=s.probability,
                band=s.band,
                reasons=list(s.reasons),
                model_version=version,
                computed_at=now,
            )
            for s in scores
        ]
        DeadlineRisk.objects.bulk_create([r for r in fresh if r.appeal_id not in existing])
        DeadlineRisk.objects.bulk_update(
            [r for r in fresh if r.appeal_id in existing],
            ["probability", "band", "reasons", "model_version", "computed_at"],
            batch_size=500,
        )
    return len(scores)


def do_send_risk_digests(body: Body, now: datetime) -> list[RiskDigest]:
    """E-mail each department's heads their high-risk appeals that are not late yet, once a day."""
    day = now.astimezone(ZoneInfo(body.time_zone)).date()
    by_department: dict[int, list[int]] = defaultdict(list)
    rows = (
        DeadlineRisk.objects.filter(
            appeal__body=body,
            appeal__department__isnull=False,
            band="high",
            probability__gte=DIGEST_MIN_PROBABILITY,
        )
        .order_by("-probability", "appeal_id")
        .values_list("appeal__department_id", "appeal_id")
    )
    for department_id, appeal_id in rows:
        if len(by_department[department_id]) < DIGEST_MAX_APPEALS:
            by_department[department_id].append(appeal_id)
    sent = []
    for department_id, appeal_ids in sorted(by_department.items()):
        people = heads_of(department_id)
        if not people:
            continue
        with transaction.atomic():
            digest, created = RiskDigest.objects.get_or_create(
                department_id=department_id,
                day=day,
                defaults={
                    "appeal_ids": appeal_ids,
                    "recipients": [e for e, _ in people],
                    "sent_at": now,
                },
            )
            if created:
                transaction.on_commit(
                    lambda d=department_id, ids=appeal_ids, p=people: send_risk_digest(d, ids, p)
                )
                sent.append(digest)
    return sent
