"""Settings come from environment variables only (README, "Configuration"), so one build runs as the
SQLite demo, in CI on PostgreSQL, and in production behind nginx without editing files."""

import os
import sys
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(int(default))).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("RADSAFE_DATA_DIR", BASE_DIR.parent.parent / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file and uploads live here

DEBUG = env_bool("RADSAFE_DEBUG")
SECRET_KEY = os.environ.get("RADSAFE_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("RADSAFE_PRODUCTION"):
        raise ImproperlyConfigured("RADSAFE_SECRET_KEY must be set in production.")
    SECRET_KEY = "django-insecure-radsafe-development-key-do-not-use-in-production"

# Keys for personal data (core/crypto.py): SM4 field encryption and the HMAC-SM3 look-up index.
# Derived from SECRET_KEY outside production; production must set both and keep them safe, since
# a lost field key makes the encrypted values unreadable.
RADSAFE_FIELD_KEY = os.environ.get("RADSAFE_FIELD_KEY", "")
RADSAFE_INDEX_KEY = os.environ.get("RADSAFE_INDEX_KEY", "")
if env_bool("RADSAFE_PRODUCTION") and not DEBUG and not (RADSAFE_FIELD_KEY and RADSAFE_INDEX_KEY):
    raise ImproperlyConfigured("RADSAFE_FIELD_KEY and RADSAFE_INDEX_KEY must be set in production.")

ALLOWED_HOSTS = env_list("RADSAFE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("RADSAFE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "radsafe.core",
    "radsafe.registry",
    "radsafe.inventory",
    "radsafe.personnel",
    "radsafe.readiness",
    "radsafe.demo",
    "radsafe.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "radsafe.core.middleware.SessionMiddleware",  # Django's, but polls do not save the session
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "radsafe.core.middleware.RequestContextMiddleware",
    "radsafe.core.middleware.SessionLifetimeMiddleware",
    "radsafe.core.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "radsafe.urls"
WSGI_APPLICATION = "radsafe.wsgi.application"

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
                "radsafe.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite in WAL mode unless DATABASE_URL names PostgreSQL ---------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("RADSAFE_SQLITE_PATH", str(DATA_DIR / "radsafe.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication and sessions (等保 2.0) ------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
RADSAFE_PASSWORD_MIN_LENGTH = env_int("RADSAFE_PASSWORD_MIN_LENGTH", 8)
RADSAFE_PASSWORD_MIN_CLASSES = env_int("RADSAFE_PASSWORD_MIN_CLASSES", 3)
RADSAFE_PASSWORD_HISTORY = env_int("RADSAFE_PASSWORD_HISTORY", 3)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": RADSAFE_PASSWORD_MIN_LENGTH},
    },
    {
        "NAME": "radsafe.core.passwords.CharacterClassValidator",
        "OPTIONS": {"min_classes": RADSAFE_PASSWORD_MIN_CLASSES},
    },
    {
        "NAME": "radsafe.core.passwords.PasswordHistoryValidator",
        "OPTIONS": {"history": RADSAFE_PASSWORD_HISTORY},
    },
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

RADSAFE_SESSION_IDLE_SECONDS = env_int("RADSAFE_SESSION_IDLE_MINUTES", 30) * 60
RADSAFE_SESSION_ABSOLUTE_SECONDS = env_int("RADSAFE_SESSION_ABSOLUTE_HOURS", 12) * 3600
SESSION_COOKIE_AGE = RADSAFE_SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AXES_FAILURE_LIMIT = env_int("RADSAFE_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("RADSAFE_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("RADSAFE_PROXY_COUNT", 0) or None
# One definition of "the client's address" for lockout and audit alike (X-Forwarded-For).
AXES_CLIENT_IP_CALLABLE = "radsafe.core.context.client_ip"
AXES_VERBOSE = False

# --- Internationalisation: Chinese first ---------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("RADSAFE_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # static/vendor: the npm libraries, copied at set-up
# Production collects static files once (RADSAFE_MANIFEST_STATIC=1 + collectstatic) and WhiteNoise
# serves the hashed copies; the demo and the tests serve them straight from the apps (finders).
MANIFEST_STATIC = env_bool("RADSAFE_MANIFEST_STATIC")
STATIC_ROOT = (
    Path(os.environ.get("RADSAFE_STATIC_ROOT", DATA_DIR / "static")) if MANIFEST_STATIC else None
)
MEDIA_ROOT = Path(os.environ.get("RADSAFE_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if MANIFEST_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not MANIFEST_STATIC
RADSAFE_EXPORT_MAX_ROWS = env_int("RADSAFE_EXPORT_MAX_ROWS", 50_000)
RADSAFE_IMPORT_MAX_BYTES = env_int("RADSAFE_IMPORT_MAX_MB", 10) * 1024 * 1024
# Stored documents (emergency plans, drill evidence; core/files.py): a scanned plan of a few dozen
# pages fits; nginx's client_max_body_size must allow this plus the form's other fields.
RADSAFE_DOCUMENT_MAX_BYTES = env_int("RADSAFE_DOCUMENT_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Rows of one import file, whatever the import: still bounded (with the file size above), far above
# a province's 台账; files past RADSAFE_IMPORT_JOB_ROWS are written by the worker, not the request.
RADSAFE_IMPORT_MAX_ROWS = env_int("RADSAFE_IMPORT_MAX_ROWS", 100_000)
RADSAFE_IMPORT_JOB_ROWS = env_int("RADSAFE_IMPORT_JOB_ROWS", 2_000)
# How long the stored file of an import job that has not succeeded is kept for 重新运行.
RADSAFE_IMPORT_KEEP_HOURS = env_int("RADSAFE_IMPORT_KEEP_HOURS", 72)

# Under pytest, writing an audit action with no label on the auditor's page is an error, so the
# whole suite checks that every action the code writes can be read (core/audit_display.py).
RADSAFE_STRICT_AUDIT_LABELS = "pytest" in sys.modules

# --- Background jobs (README "Background jobs") --------------------------------------------------
# django-tasks with the database queue of django-tasks-db, worked by `python -m radsafe db_worker`
# (`make run` starts one beside the web server). Under pytest a task runs at once in the process
# that enqueues it, unless RADSAFE_TASKS_BACKEND says otherwise (the browser tests' server does).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
RADSAFE_TASKS_BACKEND = os.environ.get("RADSAFE_TASKS_BACKEND", "").strip() or (
    "immediate" if "pytest" in sys.modules else "database"
)
if RADSAFE_TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"RADSAFE_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, "
        f"not {RADSAFE_TASKS_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[RADSAFE_TASKS_BACKEND]}}
# A running job writes its progress and a heartbeat every second (core/jobs); one whose heartbeat
# is older than this is dead (its worker was killed) and shown as failed, with nothing written.
RADSAFE_JOB_STALE_SECONDS = env_int("RADSAFE_JOB_STALE_SECONDS", 30)

# --- Personal dose (issue 4 §3; domain.md "People") ----------------------------------------------
RADSAFE_DOSE_INVESTIGATION_MSV_PER_QUARTER = os.environ.get(
    "RADSAFE_DOSE_INVESTIGATION_MSV_PER_QUARTER", "1.25"
)
RADSAFE_DOSE_MAX_PERIOD_DAYS = 90


# The first day monitoring gaps are looked for (YYYY-MM-DD; empty = from each worker's hiring). A
# deployment that loads only recent years of dose history sets its go-live date here, so workers
# hired long before are not all flagged for the years the system never held.
def _env_date(name: str) -> date | None:
    value = os.environ.get(name, "").strip()
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a date (YYYY-MM-DD), not {value!r}") from error


RADSAFE_DOSE_GAPS_FROM = _env_date("RADSAFE_DOSE_GAPS_FROM")

# --- HTTPS (production behind nginx) -------------------------------------------------------------
if env_bool("RADSAFE_HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("RADSAFE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- API -----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["radsafe.core.api.permissions.HasCapability"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "RadSafe API",
    "DESCRIPTION": "辐射安全监管平台接口 — same permissions and data scope as the pages.",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Several models call their choice field "status" or "kind": name each enum after its set.
    "ENUM_NAME_OVERRIDES": {
        "UnitStatusEnum": "radsafe.registry.choices.UnitStatus",
        "SourceStatusEnum": "radsafe.inventory.choices.SourceStatus",
        "DeviceStatusEnum": "radsafe.inventory.choices.DeviceStatus",
        "SiteKindEnum": "radsafe.inventory.choices.SiteKind",
        "MovementKindEnum": "radsafe.inventory.choices.MovementKind",
        "IncidentKindEnum": "radsafe.inventory.choices.IncidentKind",
        "IncidentStatusEnum": "radsafe.inventory.choices.IncidentStatus",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/radsafe.html"

# --- Business rules that a deployment may change (domain.md) ------------------------------------
RADSAFE_LICENCE_RENEWAL_DAYS = env_int("RADSAFE_LICENCE_RENEWAL_DAYS", 30)
# A source checked out longer than this without a return is a discrepancy (mobile flaw detection).
RADSAFE_CHECKOUT_MAX_HOURS = env_int("RADSAFE_CHECKOUT_MAX_HOURS", 24)
# A check-out to a worker without an assessment result valid that day (无证上岗): "refuse" it, or
# "warn" (write it and say so).
RADSAFE_CHECKOUT_UNQUALIFIED = os.environ.get("RADSAFE_CHECKOUT_UNQUALIFIED", "refuse").strip()
if RADSAFE_CHECKOUT_UNQUALIFIED not in ("refuse", "warn"):
    raise ImproperlyConfigured("RADSAFE_CHECKOUT_UNQUALIFIED must be refuse or warn")
# Emergency readiness and equipment (issue 4 §4–§5): the longest allowed gaps.
RADSAFE_DRILL_MAX_MONTHS = env_int("RADSAFE_DRILL_MAX_MONTHS", 12)
RADSAFE_SUPPLY_CHECK_MAX_MONTHS = env_int("RADSAFE_SUPPLY_CHECK_MAX_MONTHS", 12)
RADSAFE_CALIBRATION_MONTHS = env_int("RADSAFE_CALIBRATION_MONTHS", 12)
RADSAFE_FAULT_MAX_DAYS = env_int("RADSAFE_FAULT_MAX_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RADSAFE_LOG_LEVEL", "WARNING")},
}
