"""Ratusha's Django project: the glue around ``ratusha_core`` (models, views, API, tasks)."""
