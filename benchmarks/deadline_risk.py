"""AUC and calibration of the deadline-risk model on a time-based split of the demo history.

Uses the same demo database as ``forecast_backtest.py`` (built on first use). The
appeals registered before the cut-off day (75% of the settled ones) train the model
(only snapshots whose outcome was known by then); those registered after it test it.
Each test row is an appeal looked at on one day of its open life (0, 2, 4, 7, 10, 12
and 14 days after registration, while it was neither answered nor late).

    .venv/bin/python benchmarks/deadline_risk.py
"""

from __future__ import annotations

import argparse
import time

from forecast_backtest import prepare_demo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/ratusha_predictions_bench.sqlite3")
    args = parser.parse_args()
    now = prepare_demo(args.db)

    from ratusha.bodies.models import Body
    from ratusha.predictions.cases import risk_cases
    from ratusha_core.analytics.risk import time_split_test

    for code in ("ZAR", "KLV"):
        body = Body.objects.get(code=code)
        started = time.perf_counter()
        cases = risk_cases(body, now)
        read = time.perf_counter() - started
        started = time.perf_counter()
        r = time_split_test(cases)
        took = time.perf_counter() - started
        settled = sum(c.missed is not None for c in cases)
        print(f"{code}: {len(cases)} appeals ({settled} with a known outcome), cut-off {r.cutoff}; "
              f"read {read:.1f} s, train and test {took:.1f} s")  # fmt: skip
        print(f"  train rows {r.train_rows}, test rows {r.test_rows}, late share in test "
              f"{r.base_rate:.3f}")  # fmt: skip
        print(f"  AUC {r.auc:.3f}; Brier {r.brier:.4f} (always the training late share: "
              f"{r.brier_base_rate:.4f})")  # fmt: skip
        print("  reliability: predicted -> observed (rows)")
        for predicted, observed, rows in r.bins:
            print(f"    {predicted:.3f} -> {observed:.3f} ({rows})")


if __name__ == "__main__":
    main()
