"""Settings for revmod, read from the environment (see README "Production").

With nothing set, the product runs embedded: SQLite, an in-memory channel layer
and Celery tasks executed in-process. Setting ``DATABASE_URL`` and ``REDIS_URL``
switches to PostgreSQL and Redis for the database, cache, channel layer and
Celery broker; ``REDIS_SENTINELS`` instead of ``REDIS_URL`` finds Redis through Sentinel
(revmod.redis_sentinel).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from revmod.env import env_bool, env_int, env_list, env_str
from revmod.redis_sentinel import CHANNEL_LAYER_MAX_CONNECTIONS, sentinel_setup

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random "
            "value, or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-true"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "channels",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc as static files: no CDN
    "django_celery_beat",
    "revmod.core",
    "revmod.states",
    "revmod.accounts",
    "revmod.notifications",
    "revmod.audit",
    "reviews",
    "questionnaires",
    "coordination",
    "meetings",
    "stakeholders",
    "elearning",
    "calendars",
    "insights",
    "translations",
    "devdata",  # demo, scale data and benchmarks: management commands only, no models
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "revmod.accounts.middleware.TwoFactorMiddleware",
    "revmod.accounts.middleware.SessionActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "revmod.audit.context.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns lockouts raised during sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if env_bool("SERVER_TIMING", default=False):
    MIDDLEWARE.insert(0, "revmod.core.middleware.ServerTimingMiddleware")

ROOT_URLCONF = "revmod.urls"
WSGI_APPLICATION = "revmod.wsgi.application"
ASGI_APPLICATION = "revmod.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "revmod.notifications.context_processors.notifications",
                "revmod.accounts.context_processors.second_factor",
            ],
        },
    },
]

# --- Data stores -----------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL", default=True):
    # ASGI serves each request from a fresh thread: persistent per-thread connections would pile
    # up to PostgreSQL's limit, so each worker shares a bounded pool instead.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": env_int("DB_POOL_MIN", 2),
            "max_size": env_int("DB_POOL_MAX", 10),
            # How long a request waits for a connection: a PostgreSQL restart takes a few seconds,
            # which the request rides out; past that the page says the platform is unavailable.
            "timeout": env_int("DB_POOL_TIMEOUT", 5),
        }
    }
    # With health checks Django has the pool test a connection before lending it: after
    # PostgreSQL restarts, the ones it kept are dead, and each would fail one request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's readers and its one writer work side by side.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# Redis behind Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_MASTER, ...), or None.
REDIS_SENTINEL = sentinel_setup(os.environ)


def redis_channel_layer(url: str) -> dict:
    """The Redis channel layer on ``url``.

    channels-redis waits for messages with a blocking pop of 5 seconds; redis-py 8 gives
    sockets a 5-second read timeout by default, so an idle consumer's wait raced it and the
    consumer crashed, dropping the browser's socket (django/channels_redis#422). The read
    timeout is set well above the blocking pop; a Redis that stops answering is still noticed.
    """
    return {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [{"address": url, "socket_timeout": 15, "max_connections": CHANNEL_LAYER_MAX_CONNECTIONS}],
            "capacity": 1500,
            "expiry": 30,
        },
    }


# The questionnaire page keeps one entry per question, reader language and rights: room for
# thousands (a few kilobytes each) in the local-memory cache, whose default 300 would not hold
# one questionnaire.
CACHES: dict[str, dict[str, Any]]
if REDIS_SENTINEL:
    CACHES = {
        "default": REDIS_SENTINEL.cache("revmod.core.cache.TolerantRedisCache"),
        "health": REDIS_SENTINEL.cache("django.core.cache.backends.redis.RedisCache"),
    }
    CHANNEL_LAYERS = {"default": REDIS_SENTINEL.channel_layer()}
elif REDIS_URL:
    # "default" answers as an empty cache while Redis is away (revmod.core.cache); /healthz
    # checks Redis through "health", which does not.
    CACHES = {
        "default": {"BACKEND": "revmod.core.cache.TolerantRedisCache", "LOCATION": REDIS_URL},
        "health": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
    CHANNEL_LAYERS = {"default": redis_channel_layer(REDIS_URL)}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}},
        "health": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "health"},
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Celery: a real broker when REDIS_URL or REDIS_SENTINELS is set, in-process otherwise ----

# A task is acknowledged when it ends (CELERY_TASK_ACKS_LATE): one whose worker was killed is
# delivered again, at once when only the process running it died (REJECT_ON_WORKER_LOST), after
# CELERY_VISIBILITY_TIMEOUT seconds when the whole worker did. The timeout must be longer than
# the longest task (an export of a whole review), or a task still running is delivered twice.
# The worker looks for such tasks every 10 s (kombu's unacked_restore_interval); by default it
# scans only on every tenth look, which added up to 100 s to the timeout (measured: 97 s).
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "unacked_restore_throttle": 1,
}
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] < 1:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must be a number of seconds above 0")
if REDIS_SENTINEL:
    CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_SENTINEL.broker_url())
    if CELERY_BROKER_URL.startswith("sentinel://"):
        CELERY_BROKER_TRANSPORT_OPTIONS |= REDIS_SENTINEL.broker_transport_options()
else:
    CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not (REDIS_URL or REDIS_SENTINEL))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "notifications.send_digests": {"task": "notifications.send_digests", "schedule": crontab(hour=6, minute=0)},
    "reviews.send_deadline_reminders": {
        "task": "reviews.send_deadline_reminders",
        "schedule": crontab(hour=5, minute=0),
    },
    "coordination.send_assignment_reminders": {
        "task": "coordination.send_assignment_reminders",
        "schedule": crontab(hour=5, minute=15),
    },
    "elearning.send_session_reminders": {"task": "elearning.send_session_reminders", "schedule": 15 * 60},
    # Work whose task never reached the broker (a Redis restart) is queued again.
    "notifications.send_stranded": {"task": "notifications.send_stranded", "schedule": 5 * 60},
    "reviews.requeue_stranded": {"task": "reviews.requeue_stranded", "schedule": 5 * 60},
}

# --- Accounts -------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "revmod.accounts.validators.PatternPasswordValidator"},
]

# Sign-in throttling (django-axes) on the client's own address (revmod.core.addresses): one
# account tried from one address is paused after AXES_FAILURE_LIMIT failures, so an attacker
# pauses only their own attempts, never the account's owner elsewhere. An address failing on
# many accounts (password spraying) is paused as a whole at a higher limit. The lockout page
# says the same whether or not the address has an account.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "revmod.accounts.throttling.SignInAttemptHandler"
AXES_CLIENT_IP_CALLABLE = "revmod.core.addresses.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "revmod.accounts.throttling.username_of"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
ACTIVATION_DAYS = env_int("ACTIVATION_DAYS", 10)
# Two-factor sign-in: always for the secretariat and trainers; for everyone when set.
OTP_REQUIRED_FOR_ALL = env_bool("OTP_REQUIRED_FOR_ALL", default=False)
OTP_TOTP_ISSUER = "REVMOD"
REVIEW_PRESENCE_INTERVAL = env_int("REVIEW_PRESENCE_INTERVAL", 5)
# Seconds an open socket trusts its last access check before forwarding an event; services that
# take access away tell the sockets at once, so this bounds only a lost message (revmod.accounts.consumers).
LIVE_ACCESS_RECHECK = env_int("LIVE_ACCESS_RECHECK", 10)
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

# Sessions end after SESSION_COOKIE_AGE of inactivity: SessionActivityMiddleware saves the session
# (moving its expiry) at most once a minute instead of on every request.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- API -------------------------------------------------------------------------

REST_FRAMEWORK = {
    # The token class first: DRF answers failed authentication with the first class's
    # WWW-Authenticate header, so a bad or missing token is a 401 rather than a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "revmod.core.api.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Counted per person, or per client address (revmod.core.addresses) for anonymous callers.
    "DEFAULT_THROTTLE_CLASSES": ["revmod.core.api.AnonRateThrottle", "revmod.core.api.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": "1200/hour", "anon": "120/hour"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "REVMOD API",
    "DESCRIPTION": "Review cycles, reviews, questionnaires, answers, comments, outputs, and courses with progress.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "QuestionnaireStatusEnum": "reviews.enums.QuestionnaireStatus",
        "OutputStatusEnum": "reviews.enums.OutputStatus",
        "CourseStatusEnum": "elearning.enums.CourseState",
    },
}

# --- HTTPS and headers (on by default outside DEBUG) -------------------------

HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Trusted proxies in front of the workers, each appending to X-Forwarded-For: the client's
# address is the hop left of theirs (revmod.core.addresses). 0 means clients connect directly.
PROXY_COUNT = env_int("PROXY_COUNT", 1)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT={PROXY_COUNT} is negative; count the proxies in front (0 for none).")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", True) else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Content Security Policy: no inline script or style anywhere ---------------------

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- E-mail -----------------------------------------------------------------

# EMAIL_FILE_PATH writes each message to a file there instead (make prod-local, the fault suite).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if EMAIL_FILE_PATH
    else "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "REVMOD <no-reply@revmod.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Machine-translation drafts (revmod.core.machine_translation): a LibreTranslate-compatible
# service's address; empty, the default, leaves the feature out of the interface entirely.
MACHINE_TRANSLATION_URL = env_str("MACHINE_TRANSLATION_URL")
MACHINE_TRANSLATION_API_KEY = env_str("MACHINE_TRANSLATION_API_KEY")
MACHINE_TRANSLATION_TIMEOUT = env_int("MACHINE_TRANSLATION_TIMEOUT", 20)
if MACHINE_TRANSLATION_URL and not MACHINE_TRANSLATION_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATION_URL={MACHINE_TRANSLATION_URL!r} is not an http(s) address of a translation service."
    )

# --- Languages ----------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese (Simplified)")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# --- Static files -------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    # Uploads on the local disk; a write the disk has no room for leaves nothing behind.
    "default": {"BACKEND": "revmod.core.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Evidence files -------------------------------------------------------------
# The files an answer carries (the texts of the laws it cites), stored under MEDIA_ROOT and
# served only through a permission-checked view. The type is read from the content; these
# are the kinds an upload may be (reviews.services.evidence.FILE_KINDS names them).

EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
EVIDENCE_ALLOWED_TYPES = env_list(
    "EVIDENCE_ALLOWED_TYPES", ["pdf", "docx", "odt", "doc", "xlsx", "ods", "xls", "png", "jpeg", "txt"]
)

# --- Non-governmental stakeholders ------------------------------------------------
# Self-registration is limited per client address (counted in the cache, per hour), and the
# files sent with a stakeholder's written input are checked like evidence files (their kinds
# are EVIDENCE_ALLOWED_TYPES) with a size and count of their own.

STAKEHOLDER_REGISTRATIONS_PER_HOUR = env_int("STAKEHOLDER_REGISTRATIONS_PER_HOUR", 5)
STAKEHOLDER_FILE_MAX_BYTES = env_int("STAKEHOLDER_FILE_MAX_BYTES", 10 * 1024 * 1024)
STAKEHOLDER_FILES_PER_INPUT = env_int("STAKEHOLDER_FILES_PER_INPUT", 5)

# --- Meetings -------------------------------------------------------------------
# Reminders a day and an hour before each fixed meeting: checked every quarter of an hour
# (meetings.services.send_meeting_reminders sends each one once).

CELERY_BEAT_SCHEDULE["meetings.send_reminders"] = {"task": "meetings.send_reminders", "schedule": 15 * 60}
