"""Dashboards: the staff dashboard with the lists behind its figures, the public one, the map."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ratusha.analytics import planning
from ratusha.analytics.access import AnalyticsReach, staff_reach
from ratusha.analytics.behind import FIGURES, appeals_behind, listing
from ratusha.analytics.charts import dashboard_charts
from ratusha.analytics.figures import REPEAT_WINDOW_DAYS, Figures, dashboard_figures
from ratusha.analytics.forms import DashboardFilters
from ratusha.analytics.templatetags.analytics_format import decimal1, percent
from ratusha.appeals.selectors import rows_of
from ratusha.appeals.views_staff.common import paginate, staff_view

PUBLIC_REACH = AnalyticsReach(everything=True, whole_bodies=frozenset(), departments=frozenset())
FILTER_NAMES = ("body", "district", "department", "category", "channel", "start", "end")


def _filters_query(form: DashboardFilters) -> str:
    """Give the query string of the valid filters, for the links behind the figures."""
    data = form.cleaned_data if form.is_valid() else {}
    pairs = [(name, data.get(name)) for name in FILTER_NAMES]
    return urlencode([(name, str(value)) for name, value in pairs if value not in (None, "")])


def _days(value: int | None, figures: Figures) -> str:
    if value is None:
        return "—"
    if value > figures.days_more_than:
        return _("more than %(days)d days") % {"days": figures.days_more_than}
    return ngettext("%(days)d day", "%(days)d days", value) % {"days": value}


def _cards(figures: Figures) -> list[tuple[str, str, str, str]]:
    """Give the figure cards: (figure of the list behind it, label, value, note)."""
    share = percent(figures.answered_on_time_share)
    cards = [
        ("received", _("Appeals received"), str(figures.received), ""),
        (
            "on_time",
            _("Answered on time"),
            share,
            _("%(on_time)d of %(answered)d answered")
            % {"on_time": figures.answered_on_time, "answered": figures.answered},
        ),
        (
            "answered",
            _("Median time to answer"),
            _days(figures.median_days_to_answer, figures),
            _("90%% of answers within %(p90)s")
            % {"p90": _days(figures.p90_days_to_answer, figures)},
        ),
        (
            "overdue",
            _("Overdue now"),
            str(figures.overdue_now),
            _("Open appeals past their due date today, whenever registered"),
        ),
        (
            "left_without_consideration",
            _("Left without consideration"),
            str(figures.left_without_consideration),
            "",
        ),
        ("forwarded", _("Forwarded to another body"), str(figures.forwarded), ""),
        (
            "repeated",
            _("Repeated appeals"),
            str(figures.repeated),
            _("Same applicant and category within %(days)d days") % {"days": REPEAT_WINDOW_DAYS},
        ),
        (
            "rated",
            _("Mean rating"),
            decimal1(figures.satisfaction_mean),
            ngettext(
                "%(n)d rating from 1 to 5", "%(n)d ratings from 1 to 5", figures.satisfaction_count
            )
            % {"n": figures.satisfaction_count},
        ),
    ]
    if not figures.public:
        cards.append(
            (
                "triage_overridden",
                _("AI triage overridden"),
                percent(figures.triage_override_share),
                _("%(over)d of %(checked)d suggestions checked by officers")
                % {"over": figures.triage_overridden or 0, "checked": figures.triage_reviewed or 0},
            )
        )
    return cards


def _context(form: DashboardFilters, figures: Figures) -> dict[str, Any]:
    return {
        "form": form,
        "figures": figures,
        "cards": _cards(figures),
        "charts": dashboard_charts(figures),
        "query": _filters_query(form),
        "ratings": list(enumerate(figures.satisfaction_distribution, start=1)),
    }


@staff_view
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff dashboard of the bodies and departments the person may see."""
    form = DashboardFilters(request.GET or None, staff_reach(request.user))
    scope = form.scope()
    context = _context(form, dashboard_figures(scope, public=False))
    context["forecast"] = planning.forecast_section(scope)
    context["hotspots"] = planning.hotspots_of(scope, limit=10)
    return render(request, "analytics/dashboard.html", context)


def public_dashboard(request: HttpRequest) -> HttpResponse:
    """The public dashboard: the same figures, without anything personal or internal."""
    form = DashboardFilters(request.GET or None, PUBLIC_REACH)
    scope = form.scope()
    context = _context(form, dashboard_figures(scope, public=True))
    hotspots = planning.public_hotspots_of(scope)
    context |= {
        "hotspots": hotspots,
        "points": planning.map_points(hotspots),
        "one_body": len(scope.body_ids) == 1,
        "tiles": settings.RATUSHA_MAP_TILES,
        "tiles_attribution": settings.RATUSHA_MAP_ATTRIBUTION,
        "map_label": _("Map of places where problems gather"),
        "least": settings.RATUSHA_PUBLIC_HOTSPOT_MIN_APPEALS,
    }
    return render(request, "analytics/public.html", context)


@staff_view
def appeals(request: HttpRequest) -> HttpResponse:
    """The list of appeals behind one figure of the staff dashboard."""
    figure = request.GET.get("figure", "received")
    if figure not in FIGURES:
        raise Http404
    form = DashboardFilters(request.GET or None, staff_reach(request.user))
    score = request.GET.get("score", "")
    scope = form.scope()
    found = appeals_behind(
        request.user, scope, figure, int(score) if score in ("1", "2", "3", "4", "5") else None
    )
    page = paginate(request, listing(found), 50)
    context = {
        "form": form,
        "figure": figure,
        "title": FIGURES[figure],
        "score": score if score in ("1", "2", "3", "4", "5") else "",
        "scope": scope,
        "page": page,
        "rows": rows_of(page.object_list),
        "query": _filters_query(form),
    }
    return render(request, "analytics/appeals.html", context)


@staff_view
def hotspots_map(request: HttpRequest) -> HttpResponse:
    """The map of problem hotspots of one body, with the same hotspots as a table."""
    form = DashboardFilters(request.GET or None, staff_reach(request.user))
    scope = form.scope()
    hotspots = planning.hotspots_of(scope)
    context = {
        "form": form,
        "hotspots": hotspots,
        "points": planning.map_points(hotspots),
        "one_body": len(scope.body_ids) == 1,
        "tiles": settings.RATUSHA_MAP_TILES,
        "tiles_attribution": settings.RATUSHA_MAP_ATTRIBUTION,
        "map_label": _("Map of problem hotspots"),
    }
    return render(request, "analytics/map.html", context)
