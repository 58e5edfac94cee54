"""Production settings: refuse to start without real secrets; pass ``check --deploy``."""

from django.core.exceptions import ImproperlyConfigured

from ratusha.settings import environment as env
from ratusha.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.text("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
if not env.text("RATUSHA_KEY_ENCRYPTION_KEY"):
    raise ImproperlyConfigured(
        "RATUSHA_KEY_ENCRYPTION_KEY must be set in production (it encrypts signing keys)."
    )
if not env.text("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")
if not env.text("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this site answers to.")

SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.number("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.flag("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
