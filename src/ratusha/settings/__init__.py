"""Settings for each tier: ``dev`` (and demo), ``test`` and ``production``.

All of them read the environment through :mod:`ratusha.settings.environment`.
"""
