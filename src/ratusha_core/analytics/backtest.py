"""Rolling-origin backtests: how far the forecasts were off, against the seasonal-naive baseline.

At each origin the model sees only the weeks before it and forecasts the next
``horizon`` weeks; the baseline repeats the same weeks of the year before. Both are
scored by MASE: the mean absolute error divided by the mean absolute error of the
one-year-back (seasonal-naive) forecast *inside the training weeks*, as Hyndman and
Koehler define it for seasonal series. A MASE ratio (model / baseline) below 1 means
the model beats the baseline on the same weeks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from ratusha_core.analytics.forecast import (
    SEASON_WEEKS,
    ForecastSettings,
    forecast_weekly,
    seasonal_naive,
)


@dataclass(frozen=True)
class SeriesScore:
    """One series' mean MASE over the origins, for the model and the baseline."""

    name: str
    origins: int
    mase_model: float
    mase_naive: float
    coverage80: float
    coverage95: float


@dataclass(frozen=True)
class BacktestResult:
    """The scores of every series of a level and their means."""

    series: tuple[SeriesScore, ...]
    mase_model: float
    mase_naive: float
    ratio: float
    coverage80: float
    coverage95: float
    origins: int


def origins_for(length: int, horizon: int, first: int = 60, every: int = 4) -> list[int]:
    """Give the origins (the number of weeks seen) from ``first`` on, ``every`` weeks apart."""
    return list(range(first, length - horizon + 1, every))


def score_series(
    name: str,
    weeks: Sequence[date],
    counts: Sequence[int],
    working: Sequence[int] | None = None,
    settings: ForecastSettings | None = None,
    origins: Sequence[int] | None = None,
) -> SeriesScore | None:
    """Give one series' backtest, or None when no origin has a usable MASE scale."""
    s = settings or ForecastSettings()
    y = np.asarray(counts, dtype=float)
    work = list(working) if working is not None else [5] * len(counts)
    model, naive, in80, in95, used = [], [], 0, 0, 0
    for origin in origins if origins is not None else origins_for(len(y), s.horizon):
        train = y[:origin]
        if origin <= SEASON_WEEKS:
            continue
        scale = float(np.mean(np.abs(train[SEASON_WEEKS:] - train[:-SEASON_WEEKS])))
        if scale <= 0:
            continue
        actual = y[origin : origin + s.horizon]
        result = forecast_weekly(
            weeks[:origin],
            [int(c) for c in train],
            work[:origin],
            work[origin : origin + s.horizon],
            s,
        )
        base = seasonal_naive([int(c) for c in train], s.horizon)
        model.append(float(np.mean(np.abs(actual - np.asarray(result.mean)))) / scale)
        naive.append(float(np.mean(np.abs(actual - np.asarray(base)))) / scale)
        in80 += int(np.sum((actual >= result.lo80) & (actual <= result.hi80)))
        in95 += int(np.sum((actual >= result.lo95) & (actual <= result.hi95)))
        used += len(actual)
    if not model:
        return None
    return SeriesScore(
        name=name,
        origins=len(model),
        mase_model=float(np.mean(model)),
        mase_naive=float(np.mean(naive)),
        coverage80=in80 / used,
        coverage95=in95 / used,
    )


def backtest_level(
    weeks: Sequence[date],
    series: Mapping[str, Sequence[int]],
    working: Sequence[int] | None = None,
    settings: ForecastSettings | None = None,
    origins: Sequence[int] | None = None,
) -> BacktestResult:
    """Give the backtest of every series of one level (e.g. each department) on the same weeks."""
    scores = [
        score
        for name in sorted(series)
        if (score := score_series(name, weeks, series[name], working, settings, origins))
    ]
    if not scores:
        raise ValueError("no series had enough history for a backtest (more than a year)")
    model = float(np.mean([s.mase_model for s in scores]))
    naive = float(np.mean([s.mase_naive for s in scores]))
    return BacktestResult(
        series=tuple(scores),
        mase_model=model,
        mase_naive=naive,
        ratio=model / naive if naive else float("inf"),
        coverage80=float(np.mean([s.coverage80 for s in scores])),
        coverage95=float(np.mean([s.coverage95 for s in scores])),
        origins=max(s.origins for s in scores),
    )
