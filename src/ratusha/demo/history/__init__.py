"""The demo's past: about 5,000 appeals of the last two years, generated from a seed.

``generator.plan_history`` plans them (texts from ``texts``/``templates_*``, answers from
``answers``, places from ``geography``, arrival dates from ``seasons``, the steps of each
life from ``lifecycle``); ``seed.do_seed_history`` reads the demo bodies and writes the
history through ``ratusha.appeals.imports`` (the same writer as the CSV import).
"""
