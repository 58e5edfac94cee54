"""Going to a date in a log: the first entry after a day, found by a search over the index.

``Entry.time`` has no index, and a range of times on a log of ten million entries would
scan it. But entries are integrated in the order they were appended, so their times go
up with the index, and the primary key ``(log, index)`` is indexed: a search over the
index with point lookups finds the first entry at or after a moment (the start of the
next day, in the site's time zone). Each round trip reads :data:`FANOUT` evenly spaced
entries of the range still open (one ``index IN (...)`` on the primary key) and keeps
the part between the last one before the moment and the first one at or after it, so a
log of ``n`` entries takes about ``log(n) / log(FANOUT + 1)`` round trips: six for 10 M
(about 9 ms), where one entry a round trip would take 24 (about 25 ms).

Times are only almost in order: entries appended by several workers at once, or queued
with an earlier ``time``, may be integrated a few seconds out of order. The search then
still ends, at an index ``i`` where entry ``i - 1`` is before the moment and entry ``i``
at or after it, but such a crossing is only near the true boundary: a page "up to a day"
may begin with an entry or two from just after midnight, or leave one from just before
it to the newer page. It is never further off than the disorder: if no entry is more
than ``d`` seconds older than one before it, every entry before ``i`` is less than ``d``
after the moment and every entry from ``i`` on at most ``d`` before it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ratusha.ledger.models import Entry, Log

FANOUT = 15  # entries a round trip: the fastest in benchmarks/ledger_read_page.py


def end_of(day: date) -> datetime | None:
    """Give the moment that day ends: the next one begins in the site's time zone.

    None for the last date there is (it never ends).
    """
    try:
        following = day + timedelta(days=1)
    except OverflowError:
        return None
    return timezone.make_aware(datetime.combine(following, time.min))


def first_from(log: Log, moment: datetime | None, *, fanout: int = FANOUT) -> int:
    """Give the index of the log's first entry at or after ``moment`` (its size if none is).

    Entries ``low`` to ``high - 1`` are still open: the probes showed the entries before
    ``low`` before the moment and entry ``high`` at or after it. A missing entry (there is
    none in a log's range) counts as before, so every round trip narrows the range.
    """
    low, high = 0, log.size
    if moment is None:
        return high
    while low < high:
        width = high - low
        count = min(fanout, width)
        probes = [low + k * width // (count + 1) for k in range(1, count + 1)]
        found = dict(
            Entry.objects.filter(log=log, index__in=probes).order_by().values_list("index", "time")
        )
        for probe in probes:
            stamp = found.get(probe)
            if stamp is not None and stamp >= moment:
                high = probe
                break
            low = probe + 1
    return low


def first_time(log: Log) -> datetime | None:
    """Give the time of the log's first entry (None while it has none)."""
    return Entry.objects.filter(log=log, index=0).values_list("time", flat=True).first()
