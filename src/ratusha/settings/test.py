"""Test settings: the database from DATABASE_URL (SQLite by default), mail and SMS in memory."""

from pathlib import Path

from ratusha.settings.base import *  # noqa: F403
from ratusha.settings.base import STATIC_ROOT

SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789abcdefghijklmnop"
DEBUG = False
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RATUSHA_SMS_BACKEND = "locmem"  # ratusha.sms.outbox
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns if it is missing

RATUSHA_KEY_ENCRYPTION_KEY = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0wMDA="

# The demo history is 5,000 appeals; tests seed a smaller one.
RATUSHA_DEMO_APPEALS = 300

# Sentence vectors cost ~0.1 s per triaged appeal; the tests that need them turn them on.
RATUSHA_TRIAGE_EMBEDDINGS = False
