"""Development and demo settings: a generated secret in var/, mail and SMS written to var/."""

from pathlib import Path

from ratusha.settings import environment as env
from ratusha.settings.base import *  # noqa: F403
from ratusha.settings.base import STATIC_ROOT, VAR_DIR

DEBUG = env.flag("DEBUG", True)
SECRET_KEY = env.text("SECRET_KEY") or env.generated_secret(VAR_DIR / "secret_key")
EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
RATUSHA_SMS_BACKEND = env.text("RATUSHA_SMS_BACKEND", "filebased")  # var/sms
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns if it is missing

RATUSHA_KEY_ENCRYPTION_KEY = env.text("RATUSHA_KEY_ENCRYPTION_KEY") or env.generated_fernet_key(
    VAR_DIR / "key_encryption_key"
)
