"""Settings: one module, configured by environment variables.

Every variable is declared once in ``env`` below with its type and default. Secrets can be
given as ``NAME_FILE`` pointing at a file (container secrets). In production mode
(``DEBUG=false``) a missing ``SECRET_KEY`` or a malformed ``DATABASE_URL`` stops start-up with
one line that says what to set.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
# The project root in a source checkout; var/ holds the embedded database and uploads.
BASE_DIR = Path(environ.Env().str("CITYDIPLOMACY_HOME", default=str(Path.cwd()))).resolve()

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    DATABASE_URL=(str, ""),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    STATIC_ROOT=(str, ""),
    MEDIA_ROOT=(str, ""),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "citydiplomacy <noreply@citydiplomacy.invalid>"),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    CITY_NAME=(str, "Helsinki"),
    OIDC_ENABLED=(bool, False),
    OIDC_ISSUER=(str, ""),
    OIDC_CLIENT_ID=(str, ""),
    OIDC_CLIENT_SECRET=(str, ""),
    OIDC_API_AUDIENCE=(str, ""),
    OIDC_API_SCOPE_PREFIX=(str, ""),
    AXES_FAILURE_LIMIT=(int, 5),
    AXES_COOLOFF_MINUTES=(int, 15),
    SECURE_COOKIES=(bool, False),
    LOG_LEVEL=(str, "INFO"),
    TASKS_IMMEDIATE=(bool, False),
    REGISTER_IMPORT_MAX_BYTES=(int, 50 * 1024 * 1024),
    MAP_TILE_URL=(str, "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"),
    MAP_TILE_ATTRIBUTION=(
        str,
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    ),
)


def _secret(name: str) -> str:
    """Read NAME, or the file that NAME_FILE points to."""
    file_name = env.str(f"{name}_FILE", default="")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name}: {error}") from None
    return env(name)


DEBUG = env("DEBUG")
SECRET_KEY = _secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set SECRET_KEY (or SECRET_KEY_FILE), "
            "or DEBUG=true for development"
        )
    SECRET_KEY = "development-only-insecure-key"

ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL").rstrip("/")
# The largest spreadsheet the register imports; a larger upload is refused before it is read.
REGISTER_IMPORT_MAX_BYTES = env("REGISTER_IMPORT_MAX_BYTES")
# The register map's background tiles; the page stays usable without them (offline).
MAP_TILE_URL = env("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION")
CITY_NAME = env("CITY_NAME")

VAR_DIR = BASE_DIR / "var"

_database_url = _secret("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'citydiplomacy.sqlite3'}"
_DATABASE_SCHEMES = ("postgres://", "postgresql://", "sqlite://")
if not _database_url.startswith(_DATABASE_SCHEMES):
    raise ImproperlyConfigured(
        "DATABASE_URL is not a database address: use postgres://user:password@host:5432/name "
        "or sqlite:////absolute/path.sqlite3"
    )
try:
    _database = environ.Env.db_url_config(_database_url)
except (ImproperlyConfigured, KeyError, ValueError) as error:
    raise ImproperlyConfigured(f"DATABASE_URL cannot be read ({error})") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; a busy timeout instead of "locked" errors.
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    _database.setdefault("TEST", {})["NAME"] = ""  # in-memory test database
else:
    _database["CONN_MAX_AGE"] = 60
    _database["CONN_HEALTH_CHECKS"] = True
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # JIT compilation costs hundreds of milliseconds on the register's short queries
        # whenever the planner overestimates a count; it pays off only for analytics.
        _database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

OIDC_ENABLED = env("OIDC_ENABLED")

INSTALLED_APPS = [
    "helusers.apps.HelusersConfig",
    "modeltranslation",  # must precede the admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "citydiplomacy.core",
    "citydiplomacy.plan",
    "citydiplomacy.reports",
    "citydiplomacy.decisions",
    "citydiplomacy.benchmarking",
    "citydiplomacy.register",
    "citydiplomacy.visits",
    "citydiplomacy.demo",
]
if OIDC_ENABLED:
    INSTALLED_APPS.append("social_django")

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
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "citydiplomacy.urls"
WSGI_APPLICATION = "citydiplomacy.wsgi.application"

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
                "citydiplomacy.core.context_processors.shell",
            ],
        },
    }
]
# Every Django form renders with Helsinki Design System markup.
FORM_RENDERER = "citydiplomacy.core.forms.HdsFormRenderer"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.insert(1, "helusers.tunnistamo_oidc.TunnistamoOIDCAuth")
    SOCIAL_AUTH_TUNNISTAMO_KEY = env("OIDC_CLIENT_ID")
    SOCIAL_AUTH_TUNNISTAMO_SECRET = _secret("OIDC_CLIENT_SECRET")
    SOCIAL_AUTH_TUNNISTAMO_OIDC_ENDPOINT = env("OIDC_ISSUER")
    OIDC_API_TOKEN_AUTH = {
        "AUDIENCE": env("OIDC_API_AUDIENCE"),
        "API_SCOPE_PREFIX": env("OIDC_API_SCOPE_PREFIX"),
        "ISSUER": env("OIDC_ISSUER"),
    }
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Login throttling: a username from one address is locked after repeated failures.
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT")
AXES_COOLOFF_TIME = env("AXES_COOLOFF_MINUTES") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "en", "sv")}

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT") or str(VAR_DIR / "static")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT") or str(VAR_DIR / "media")

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env("TASKS_IMMEDIATE")
        else "django_tasks_db.DatabaseBackend"
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
        *(["helusers.oidc.ApiTokenAuthentication"] if OIDC_ENABLED else []),
    ],
    "DEFAULT_PERMISSION_CLASSES": ["citydiplomacy.core.api.permissions.RecordPermission"],
    "DEFAULT_PAGINATION_CLASS": "citydiplomacy.core.api.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "1200/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "citydiplomacy API",
    "DESCRIPTION": "Plan, coordinate and monitor a city's international activity.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "citydiplomacy.plan.models.PlanStatus",
        "MeasureStatusEnum": "citydiplomacy.plan.models.MeasureStatus",
    },
}


# Content Security Policy: everything from this origin; no inline script.
def _tile_origin(url: str) -> str:
    """The CSP source of a Leaflet tile address: its scheme and host, {s} as a wildcard."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].replace('{s}', '*')}"


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", _tile_origin(MAP_TILE_URL)],
        # The hash allows htmx's own indicator <style> element and nothing else inline.
        "style-src": ["'self'", "'sha256-faU7yAF8NxuMTNEwVmBz+VcYeIoBQ2EMHW3WaVxCvnk='"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_SECURE = env("SECURE_COOKIES")
CSRF_COOKIE_SECURE = env("SECURE_COOKIES")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Labels used in the UI shell.
PRODUCT_NAME = _("City diplomacy")

# The demo (example data and the published demo logins) exists only where this is on.
DEMO_MODE = env.bool("DEMO_MODE", default=False)
