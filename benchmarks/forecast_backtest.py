"""MASE of the weekly forecasts against the seasonal-naive baseline, per level, on the demo.

Builds the demo history (5,000 appeals over 24 months, as ``ratusha seed-demo`` makes
it, at a fixed moment so that every run sees the same appeals) in a SQLite file, reads
the weekly counts of the town (ZAR) as a whole, of each department and of each
category, and backtests on rolling origins: from week 60 on, every 4 weeks, the model
sees only the weeks before the origin and forecasts the next 8. MASE divides the mean
absolute error by the in-sample mean absolute error of the one-year-back forecast.

    .venv/bin/python benchmarks/forecast_backtest.py
    .venv/bin/python benchmarks/forecast_backtest.py --db /tmp/demo.sqlite3 --demo-hook

``--demo-hook`` also times ``ratusha.predictions.demo.seed_demo`` (forecasts, spike
alerts, hotspots, the risk model and risks for both demo bodies).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-27T12:00:00+03:00"


def prepare_demo(db: str) -> datetime:
    """Set up Django on a SQLite file holding the demo history; give its moment."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.dev")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.core.management import call_command

    from ratusha.appeals.models import Appeal

    call_command("migrate", verbosity=0)
    if not Appeal.objects.filter(body__code="ZAR").exists():
        started = time.perf_counter()
        call_command("seed_demo", "--as-of", AS_OF, "--quiet-logins", verbosity=0)
        print(f"demo history seeded in {time.perf_counter() - started:.1f} s")
    return datetime.fromisoformat(AS_OF).astimezone(ZoneInfo("Europe/Minsk"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/ratusha_predictions_bench.sqlite3")
    parser.add_argument("--demo-hook", action="store_true")
    args = parser.parse_args()
    now = prepare_demo(args.db)

    from ratusha.bodies.models import Body
    from ratusha.predictions.series import body_series
    from ratusha_core.analytics.backtest import backtest_level

    body = Body.objects.get(code="ZAR")
    data = body_series(body, now)
    total = sum(data.series[f"body:{body.pk}"])
    print(
        f"ZAR: {len(data.weeks)} complete weeks {data.weeks[0]}..{data.weeks[-1]}, {total} appeals"
    )
    print(f"{'level':<11} {'series':>6} {'origins':>7} {'MASE model':>10} {'MASE naive':>10} "
          f"{'ratio':>6} {'cover80':>7} {'cover95':>7} {'seconds':>7}")  # fmt: skip
    for level in ("body", "department", "category"):
        series = {k: v for k, v in data.series.items() if k.startswith(level + ":")}
        started = time.perf_counter()
        r = backtest_level(data.weeks, series, data.working)
        took = time.perf_counter() - started
        print(f"{level:<11} {len(r.series):>6} {r.origins:>7} {r.mase_model:>10.3f} "
              f"{r.mase_naive:>10.3f} {r.ratio:>6.3f} {r.coverage80:>7.2f} {r.coverage95:>7.2f} "
              f"{took:>7.1f}")  # fmt: skip
        beaten = sum(s.mase_model < s.mase_naive for s in r.series)
        print(f"{'':<11} model better than the baseline on {beaten} of {len(r.series)} series")
    if args.demo_hook:
        from ratusha.predictions.demo import seed_demo

        for run in ("first", "again"):
            started = time.perf_counter()
            seed_demo(now)
            print(f"predictions seed_demo ({run}): {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
