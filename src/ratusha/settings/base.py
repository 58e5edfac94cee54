"""Settings shared by every tier. Tiers override only what differs."""

from __future__ import annotations

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ratusha.settings import environment as env

PACKAGE_DIR = env.PACKAGE_DIR
VAR_DIR = env.var_dir()

DEBUG = False
ALLOWED_HOSTS = env.words("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.words("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the API docs then load Swagger UI from our static files, not from a CDN
    "ratusha.accounts",
    "ratusha.bodies",
    "ratusha.appeals",
    "ratusha.triage",
    "ratusha.ledger",
    "ratusha.publication",
    "ratusha.open311",
    "ratusha.opendata",
    "ratusha.decisions",
    "ratusha.analytics",
    "ratusha.predictions",
    "ratusha.reports",
    "ratusha.pages",
    "ratusha.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ratusha.urls"
WSGI_APPLICATION = "ratusha.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ratusha.pages.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ratusha.sqlite3'}"),
        conn_max_age=env.number("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:after-login"
LOGOUT_REDIRECT_URL = "pages:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: failures per account and per client address within the window.
RATUSHA_LOGIN_MAX_FAILURES_PER_ACCOUNT = env.number("RATUSHA_LOGIN_MAX_FAILURES_PER_ACCOUNT", 5)
RATUSHA_LOGIN_MAX_FAILURES_PER_ADDRESS = env.number("RATUSHA_LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
RATUSHA_LOGIN_WINDOW_SECONDS = env.number("RATUSHA_LOGIN_WINDOW_SECONDS", 15 * 60)
# Appeals one submitter may file through the web form in an hour (anonymous: by address).
RATUSHA_APPEALS_PER_HOUR_PER_ADDRESS = env.number("RATUSHA_APPEALS_PER_HOUR_PER_ADDRESS", 10)
RATUSHA_APPEALS_PER_HOUR_PER_ACCOUNT = env.number("RATUSHA_APPEALS_PER_HOUR_PER_ACCOUNT", 20)
# Public records show a problem's place as the centre of a grid cell this many metres wide.
RATUSHA_PUBLIC_GRID_METRES = env.number("RATUSHA_PUBLIC_GRID_METRES", 300)
# The public dashboard shows a problem hotspot only with at least this many appeals in it.
RATUSHA_PUBLIC_HOTSPOT_MIN_APPEALS = env.number("RATUSHA_PUBLIC_HOTSPOT_MIN_APPEALS", 5)
# Map tiles for the hotspot map, e.g. https://tile.example.org/{z}/{x}/{y}.png; empty = no tiles.
RATUSHA_MAP_TILES = env.text("RATUSHA_MAP_TILES", "")
RATUSHA_MAP_ATTRIBUTION = env.text("RATUSHA_MAP_ATTRIBUTION", "")
# Open data: the licence of every dataset, and where the nightly dumps go (empty: MEDIA_ROOT).
RATUSHA_OPENDATA_LICENSE = env.text(
    "RATUSHA_OPENDATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/"
)
RATUSHA_OPENDATA_DIR = env.text("RATUSHA_OPENDATA_DIR", "")
RATUSHA_EMAIL_CONFIRMATION_MAX_AGE = env.number("RATUSHA_EMAIL_CONFIRMATION_MAX_AGE", 3 * 86400)

LANGUAGE_CODE = "be"
LANGUAGES = [("be", _("Belarusian")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ratusha.formats"]
LANGUAGE_COOKIE_NAME = "ratusha_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env.text("TIME_ZONE", "Europe/Minsk")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = env.text("STATIC_ROOT", str(VAR_DIR / "static"))
MEDIA_ROOT = env.text("MEDIA_ROOT", str(VAR_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {
        "BACKEND": env.text("RATUSHA_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
EMAIL_PORT = env.number("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS")
EMAIL_FILE_PATH = env.text("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "Ratusha <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Text messages to applicants who ask for them (ratusha.sms): the backend is disabled (the
# default: nothing is sent), console, filebased, locmem, http, or a dotted path to a class.
# The http backend POSTs {"to", "text", "sender"} as JSON to the gateway's address, with the
# token (from the environment only) as a bearer token.
RATUSHA_SMS_BACKEND = env.text("RATUSHA_SMS_BACKEND", "disabled")
RATUSHA_SMS_FILE_PATH = env.text("RATUSHA_SMS_FILE_PATH", str(VAR_DIR / "sms"))
RATUSHA_SMS_URL = env.text("RATUSHA_SMS_URL")
RATUSHA_SMS_TOKEN = env.text("RATUSHA_SMS_TOKEN")
RATUSHA_SMS_SENDER = env.text("RATUSHA_SMS_SENDER")
RATUSHA_SMS_TIMEOUT_SECONDS = env.number("RATUSHA_SMS_TIMEOUT_SECONDS", 10)
# The gateway's replies from applicants (POST /appeals/sms/inbound/ with this bearer token,
# from the environment only): "STOP" stops the text messages to the sender's number. Empty:
# the address does not exist.
RATUSHA_SMS_INBOUND_TOKEN = env.text("RATUSHA_SMS_INBOUND_TOKEN")
# E-mail the applicant once when the term for the answer has passed (the staff are reminded).
RATUSHA_TELL_APPLICANT_OVERDUE = env.flag("RATUSHA_TELL_APPLICANT_OVERDUE", True)
# Remind an applicant once when a request for more information has waited this many days
# without a reply (0: never).
RATUSHA_REPLY_REMINDER_DAYS = env.number("RATUSHA_REPLY_REMINDER_DAYS", 5)
# Text messages a body may send per local day (what the gateway bills); 0 for no limit.
RATUSHA_SMS_DAILY_LIMIT = env.number("RATUSHA_SMS_DAILY_LIMIT", 1000)
# Phone numbers written without a country code belong to this region (ISO 3166 code).
RATUSHA_PHONE_REGION = env.text("RATUSHA_PHONE_REGION", "BY")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker that has not finished a task for this long while tasks wait is reported stalled.
RATUSHA_WORKER_STALL_SECONDS = env.number("RATUSHA_WORKER_STALL_SECONDS", 120)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The worker logs every task at INFO; the ledger integrates every 2 seconds.
        "django_tasks": {"level": env.text("TASKS_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"level": env.text("TASKS_LOG_LEVEL", "WARNING")},
    },
}

RATUSHA_SITE_NAME = env.text("RATUSHA_SITE_NAME", "Ratusha")

# Intake limits.
RATUSHA_MAX_ATTACHMENTS = env.number("RATUSHA_MAX_ATTACHMENTS", 10)
RATUSHA_MAX_ATTACHMENT_BYTES = env.number("RATUSHA_MAX_ATTACHMENT_BYTES", 10 * 2**20)
RATUSHA_MAX_APPEAL_CHARS = env.number("RATUSHA_MAX_APPEAL_CHARS", 20000)
# The API's submit endpoint carries files as base64 inside JSON, so it reads larger bodies.
RATUSHA_API_MAX_REQUEST_BYTES = env.number("RATUSHA_API_MAX_REQUEST_BYTES", 32 * 2**20)
RATUSHA_API_REFERENCE_SECONDS = env.number("RATUSHA_API_REFERENCE_SECONDS", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 2**20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 2**20
# The address citizens reach the site at, for links in e-mails.
RATUSHA_BASE_URL = env.text("RATUSHA_BASE_URL", "http://127.0.0.1:8000")

# The key that encrypts signing keys at rest (Fernet, urlsafe base64 of 32 bytes).
RATUSHA_KEY_ENCRYPTION_KEY = env.text("RATUSHA_KEY_ENCRYPTION_KEY")

# The optional language-model assistant of triage (off unless both the address and the
# model are set): an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1. The key comes
# from the environment only. Officers' drafts and cluster summaries wait at most the timeout.
RATUSHA_LLM_BASE_URL = env.text("RATUSHA_LLM_BASE_URL")
RATUSHA_LLM_MODEL = env.text("RATUSHA_LLM_MODEL")
RATUSHA_LLM_API_KEY = env.text("RATUSHA_LLM_API_KEY")
RATUSHA_LLM_TIMEOUT_SECONDS = env.number("RATUSHA_LLM_TIMEOUT_SECONDS", 30)
# Duplicate detection also compares multilingual sentence vectors (docs/triage-clusters.md).
RATUSHA_TRIAGE_EMBEDDINGS = env.flag("RATUSHA_TRIAGE_EMBEDDINGS", True)
# The department model also reads the topic (category) the citizen chose (docs/triage.md).
RATUSHA_TRIAGE_TOPIC = env.flag("RATUSHA_TRIAGE_TOPIC", True)
# The least confidence at which triage routes an appeal by itself, whatever threshold a
# model's training chose: a model trained on very uniform texts may find even 0.2 precise
# enough on them, and then routes a vague appeal it has never seen the like of.
RATUSHA_TRIAGE_MIN_CONFIDENCE = float(env.text("RATUSHA_TRIAGE_MIN_CONFIDENCE") or "0.5")
# A trained model is about 20 MB. After each training, versions beyond the newest KEEP of
# a body's target lose their stored model and keep their figures (never the active or the
# pinned one); 0 keeps every model.
RATUSHA_TRIAGE_KEEP_VERSIONS = env.number("RATUSHA_TRIAGE_KEEP_VERSIONS", 10)
# The daily alert that duplicate links get noisy (triage/link_alerts.py): a body's
# administrators get one e-mail when, over the last 30 days, triage linked at least
# MIN_LINKS pairs of its appeals and officers marked at least SHARE of them (0.25 = 25%)
# as not duplicates; then not again for 30 days.
RATUSHA_TRIAGE_LINK_ALERT_MIN_LINKS = env.number("RATUSHA_TRIAGE_LINK_ALERT_MIN_LINKS", 20)
RATUSHA_TRIAGE_LINK_ALERT_SHARE = float(env.text("RATUSHA_TRIAGE_LINK_ALERT_SHARE") or "0.25")
