"""The staff page of a body's forecasts, spike alerts, hotspots and deadline risk."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ratusha.appeals.views_staff.common import staff_view
from ratusha.predictions import access
from ratusha.predictions.models import RiskModel
from ratusha.predictions.queries import alert_label, forecast_for
from ratusha.predictions.wording import action_text, reason_labels

RISKS_SHOWN = 20


@staff_view
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the body's forecast, its spike alerts, hotspots and riskiest open appeals."""
    body = access.access_body(request.user, pk)
    forecast = forecast_for(body)
    weeks = []
    if forecast:
        f = forecast
        weeks = list(zip(f.weeks, f.mean, f.lo80, f.hi80, f.lo95, f.hi95, strict=True))
    alerts = Paginator(access.alerts_of(request.user, body), 10).get_page(request.GET.get("alerts"))
    hotspots = [
        {
            "row": h,
            "action": action_text(h.action, str(h.category), h.address),
            "periods": [p["count"] for p in h.periods],
        }
        for h in access.hotspots_of(request.user, body)[:50]
    ]
    visible_risks = access.risks_of(request.user, body)
    # Appeals already late are in the inbox's overdue list; this one is for the early warning.
    risks = [
        {"row": r, "reasons": reason_labels(r.reasons)}
        for r in visible_risks.exclude(band__in=["low", "overdue"])[:RISKS_SHOWN]
    ]
    model = RiskModel.objects.filter(body=body, is_active=True).order_by("-version").first()
    return render(
        request,
        "predictions/overview.html",
        {
            "body": body,
            "forecast": forecast,
            "weeks": weeks,
            "alerts": alerts,
            "alert_rows": [(a, alert_label(a)) for a in alerts],
            "hotspots": hotspots,
            "risks": risks,
            "overdue": visible_risks.filter(band="overdue").count(),
            "model": model,
        },
    )
