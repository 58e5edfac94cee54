"""Forecasts of weekly appeal volume, problem hotspots and deadline risk: pure functions.

- ``weeks``: Monday week starts, weekly counts from dates, working days a week.
- ``forecast``: ``forecast_weekly`` (Poisson regression on yearly Fourier terms, the
  week's working days and a damped trend) with 80% and 95% intervals;
  ``seasonal_naive``; ``check_spike``.
- ``backtest``: rolling-origin backtest and MASE against the seasonal-naive baseline.
- ``hotspots``: grid cells where one category is over-represented, with trend and action.
- ``risk``: features, training and scoring of the chance to miss a deadline.
"""
