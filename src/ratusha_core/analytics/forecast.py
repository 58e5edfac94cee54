"""Weekly appeal volume for the next weeks, with 80% and 95% prediction intervals.

The model is a Poisson regression (log link, fitted by iteratively reweighted least
squares with a light ridge) on:

- yearly seasonality as Fourier terms of the day of the year (up to 4 harmonics: two
  years of weekly data cannot carry 52 free weekly effects, a few smooth waves they can);
- holidays as the log of the week's working days out of five (a week with 1 May in it
  gets fewer appeals);
- a linear trend, damped when it is carried into the future (each week ahead adds
  ``damping`` times the last week's step), so a short rise is not extrapolated for ever.

Intervals come from a negative binomial with the model's mean and a variance that adds
the over-dispersion of the counts, the uncertainty of the coefficients and a slow
drift of the level that grows with the horizon.

    >>> from datetime import date, timedelta
    >>> weeks = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(104)]
    >>> result = forecast_weekly(weeks, [20 + (i % 52 > 40) * 10 for i in range(104)])
    >>> len(result.mean), result.lo95[0] <= result.lo80[0] <= result.hi80[0] <= result.hi95[0]
    (8, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray
from scipy import stats

SEASON_WEEKS = 52
DAYS_A_YEAR = 365.25
Z80 = 0.8
Z95 = 0.95


@dataclass(frozen=True)
class ForecastSettings:
    """How the model is built; the defaults are the ones the backtest chose."""

    horizon: int = 8
    harmonics: int = 4
    damping: float = 0.9
    ridge: float = 2.0
    level_drift: float = 0.025  # sd of the log level added per square root of a week ahead
    min_weeks_for_season: int = 60


@dataclass(frozen=True)
class Forecast:
    """Expected appeals in each coming week with their 80% and 95% intervals."""

    weeks: tuple[date, ...]
    mean: tuple[float, ...]
    lo80: tuple[float, ...]
    hi80: tuple[float, ...]
    lo95: tuple[float, ...]
    hi95: tuple[float, ...]
    method: str
    dispersion: float


@dataclass(frozen=True)
class Spike:
    """The latest week against the forecast made from the weeks before it."""

    week: date
    observed: int
    expected: float
    upper95: float
    is_spike: bool


@dataclass(frozen=True)
class _Fit:
    beta: NDArray[np.float64]
    cov: NDArray[np.float64]
    dispersion: float
    harmonics: int
    trend_step: float
    n: int


def _season(days: Sequence[date], harmonics: int) -> NDArray[np.float64]:
    # Mid-week (Thursday) day of the year, so a week's phase does not jump at New Year.
    doy = np.array([(d + timedelta(days=3)).timetuple().tm_yday for d in days], dtype=float)
    cols = []
    for k in range(1, harmonics + 1):
        angle = 2 * math.pi * k * doy / DAYS_A_YEAR
        cols += [np.sin(angle), np.cos(angle)]
    return np.column_stack(cols) if cols else np.zeros((len(days), 0))


def _design(
    weeks: Sequence[date], trend: NDArray[np.float64], work: NDArray[np.float64], harmonics: int
) -> NDArray[np.float64]:
    columns = [np.ones(len(weeks)), trend, np.log(np.maximum(work, 0.5) / 5.0)]
    return np.column_stack([*columns, _season(weeks, harmonics)])


def _fit(
    weeks: Sequence[date], y: NDArray[np.float64], work: NDArray[np.float64], s: ForecastSettings
) -> _Fit:
    n = len(y)
    harmonics = s.harmonics if n >= s.min_weeks_for_season else 0
    trend = (np.arange(n, dtype=float) - (n - 1)) / SEASON_WEEKS  # 0 at the last week
    x = _design(weeks, trend, work, harmonics)
    penalty = np.full(x.shape[1], s.ridge)
    penalty[0] = 0.0  # the level is not shrunk
    penalty[1] *= 4.0  # nor trusted to trend much on two years
    mu = np.full(n, max(float(y.mean()), 0.1))
    beta = np.zeros(x.shape[1])
    beta[0] = math.log(mu[0])
    info = np.eye(x.shape[1])
    for _ in range(30):
        eta = x @ beta
        mu = np.exp(np.clip(eta, -20, 20))
        z = eta + (y - mu) / mu
        info = x.T @ (x * mu[:, None]) + np.diag(penalty)
        new = np.linalg.solve(info, x.T @ (mu * z))
        if np.max(np.abs(new - beta)) < 1e-7:
            beta = new
            break
        beta = new
    mu = np.exp(np.clip(x @ beta, -20, 20))
    dof = max(n - x.shape[1], 1)
    dispersion = max(1.0, float(np.sum((y - mu) ** 2 / np.maximum(mu, 1e-9)) / dof))
    cov = np.asarray(dispersion * np.linalg.inv(info), dtype=np.float64)
    return _Fit(beta, cov, dispersion, harmonics, 1.0 / SEASON_WEEKS, n)


def _quantiles(
    mean: NDArray[np.float64], variance: NDArray[np.float64], level: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Give the central ``level`` interval of a negative binomial with this mean and variance."""
    tail = (1 - level) / 2
    var = np.maximum(variance, mean + 1e-9)
    p = np.clip(mean / var, 1e-9, 1 - 1e-12)
    r = mean * p / (1 - p)
    lo = np.where(mean > 1e-9, stats.nbinom.ppf(tail, r, p), 0.0)
    hi = np.where(mean > 1e-9, stats.nbinom.ppf(1 - tail, r, p), 0.0)
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)


def forecast_weekly(
    weeks: Sequence[date],
    counts: Sequence[int],
    working: Sequence[int] | None = None,
    future_working: Sequence[int] | None = None,
    settings: ForecastSettings | None = None,
) -> Forecast:
    """Give the forecast of the ``settings.horizon`` weeks after the last of ``weeks``.

    ``weeks`` are consecutive Mondays and ``counts`` the appeals of each; ``working`` and
    ``future_working`` the working days of the past and coming weeks (5 when omitted).
    """
    s = settings or ForecastSettings()
    if len(weeks) != len(counts) or not weeks:
        raise ValueError("give one count for each week, and at least one week")
    y = np.asarray(counts, dtype=float)
    work = np.asarray(working if working is not None else [5] * len(weeks), dtype=float)
    ahead = [weeks[-1] + timedelta(weeks=h) for h in range(1, s.horizon + 1)]
    future_work = np.asarray(
        future_working if future_working is not None else [5] * s.horizon, dtype=float
    )
    fit = _fit(weeks, y, work, s)
    steps = np.arange(1, s.horizon + 1, dtype=float)
    damped = np.array([sum(s.damping**i for i in range(1, int(h) + 1)) for h in steps])
    x = _design(ahead, damped * fit.trend_step, future_work, fit.harmonics)
    eta = x @ fit.beta
    var_eta = np.einsum("ij,jk,ik->i", x, fit.cov, x) + s.level_drift**2 * steps
    # A series of (nearly) all zeros has an unbounded level: cap its spread at a factor of e.
    var_eta = np.minimum(np.maximum.accumulate(var_eta), 1.0)
    mean = np.exp(np.clip(eta, -20, 12) + var_eta / 2)
    variance = fit.dispersion * mean + mean**2 * (np.exp(var_eta) - 1)
    lo80, hi80 = _quantiles(mean, variance, Z80)
    lo95, hi95 = _quantiles(mean, variance, Z95)
    method = f"poisson-fourier{fit.harmonics}-damped" if fit.harmonics else "poisson-level"

    def tup(a: NDArray[np.float64]) -> tuple[float, ...]:
        return tuple(round(float(v), 3) for v in a)

    return Forecast(
        weeks=tuple(ahead),
        mean=tup(mean),
        lo80=tup(lo80),
        hi80=tup(hi80),
        lo95=tup(np.minimum(lo95, lo80)),
        hi95=tup(np.maximum(hi95, hi80)),
        method=method,
        dispersion=round(fit.dispersion, 4),
    )


def seasonal_naive(counts: Sequence[int], horizon: int, season: int = SEASON_WEEKS) -> list[float]:
    """Give the baseline: each coming week repeats the same week a year before.

    With less than a year of history, the last week is repeated.
    """
    if len(counts) < season:
        return [float(counts[-1])] * horizon
    return [float(counts[len(counts) - season + (h % season)]) for h in range(horizon)]


def check_spike(
    weeks: Sequence[date],
    counts: Sequence[int],
    working: Sequence[int] | None = None,
    min_count: int = 5,
    settings: ForecastSettings | None = None,
) -> Spike:
    """Give whether the last week got more appeals than the 95% bound forecast without it.

    Weeks with fewer than ``min_count`` appeals are never spikes (small numbers jump).
    """
    if len(weeks) < 2:
        raise ValueError("a spike needs at least one week of history before the last")
    s = settings or ForecastSettings()
    one = ForecastSettings(
        horizon=1,
        harmonics=s.harmonics,
        damping=s.damping,
        ridge=s.ridge,
        level_drift=s.level_drift,
        min_weeks_for_season=s.min_weeks_for_season,
    )
    past_work = list(working[:-1]) if working is not None else None
    next_work = [working[-1]] if working is not None else None
    result = forecast_weekly(weeks[:-1], counts[:-1], past_work, next_work, one)
    observed = int(counts[-1])
    return Spike(
        week=weeks[-1],
        observed=observed,
        expected=result.mean[0],
        upper95=result.hi95[0],
        is_spike=observed >= min_count and observed > result.hi95[0],
    )
