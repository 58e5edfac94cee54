"""The report's hotspots: the predictions' active hotspots, or else the repeated streets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body
from ratusha.predictions.queries import hotspots_for
from ratusha.reports.data import Column, Section, Table, Unit
from ratusha.reports.measures import PeriodRows
from ratusha_core.publication.streets import street_of

TOP = 10


TRENDS = {
    "growing": gettext_lazy("growing"),
    "recurring": gettext_lazy("keeps coming back"),
    "steady": gettext_lazy("steady"),
}


def hotspots(
    bodies: Iterable[Body],
    appeals: QuerySet[Appeal],
    now: PeriodRows,
    before: PeriodRows,
    names: Mapping[int | None, str],
) -> Section:
    """Give the active hotspots found by the predictions, or else the repeated streets."""
    found = [record for body in bodies for record in hotspots_for(body)]
    found.sort(key=lambda r: (-r.count, r.category_name, r.address, r.id))
    if found:
        table = Table(
            "hotspots",
            _("Active hotspots"),
            (
                Column("category", _("Category")),
                Column("place", _("Place")),
                Column("received", _("Appeals"), Unit.COUNT),
                Column("expected", _("Expected"), Unit.MEAN),
                Column("trend", _("Trend")),
                Column("action", _("Suggested action")),
            ),
            tuple(
                (
                    r.category_name,
                    r.address or f"{r.latitude:.3f}, {r.longitude:.3f}",
                    r.count,
                    round(r.expected, 1),
                    str(TRENDS.get(r.trend, r.trend)),
                    r.action_text,
                )
                for r in found[:TOP]
            ),
        )
        intro = _("Places where the same problem keeps coming back or is growing.")
        return Section("hotspots", _("Hotspots"), intro, tables=(table,))
    return _streets(appeals, now, before, names)


def _street(address: str) -> str:
    """Give the street of an address without house or flat: a place, not a home."""
    return street_of(address) or ""


def _streets(
    appeals: QuerySet[Appeal], now: PeriodRows, before: PeriodRows, names: Mapping[int | None, str]
) -> Section:
    """Give the streets with three or more appeals about the same problem in the period."""

    def places(period: PeriodRows) -> Counter[tuple[int | None, str]]:
        rows = appeals.filter(
            registered_at__gte=period.start, registered_at__lt=period.end
        ).exclude(address="")
        return Counter((c, _street(a)) for c, a in rows.values_list("category_id", "address"))

    current, earlier = places(now), places(before)
    found = sorted(
        ((key, n) for key, n in current.items() if n >= 3 and key[1]),
        key=lambda item: (-item[1], names.get(item[0][0], ""), item[0][1]),
    )[:TOP]
    table = Table(
        "hotspots",
        _("Places where a problem keeps coming back"),
        (
            Column("category", _("Category")),
            Column("place", _("Street")),
            Column("received", _("Appeals"), Unit.COUNT),
            Column("before", _("Period before"), Unit.COUNT),
        ),
        tuple((names.get(c, _("No category")), s, n, earlier[(c, s)]) for (c, s), n in found),
        _("No place had three or more appeals about the same problem."),
    )
    return Section(
        "hotspots",
        _("Hotspots"),
        _("Streets with three or more appeals about the same problem in the period."),
        tables=(table,),
    )
