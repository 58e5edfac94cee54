"""WSGI entry point for gunicorn: ``gunicorn ratusha.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusha.settings.production")

application = get_wsgi_application()
