"""Settings shared by every environment. Environment files override, never duplicate."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Runtime state (SQLite file, uploads, exports) lives outside the package.
VAR_DIR = Path(os.environ.get("TENPOINT_VAR_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("TENPOINT_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("TENPOINT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "tenpoint.common",
    "tenpoint.accounts",
    "tenpoint.partners",
    "tenpoint.audit",
    "tenpoint.registry",
    "tenpoint.linkage",
    "tenpoint.followup",
    "tenpoint.information",
    "tenpoint.dataprotection",
    "tenpoint.screening",
    "tenpoint.referrals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tenpoint.common.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tenpoint.accounts.middleware.UserLanguageActivationMiddleware",
    "tenpoint.common.middleware.RefuseNulCharactersMiddleware",
    "tenpoint.accounts.access.AccessRuleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "tenpoint.urls"
WSGI_APPLICATION = "tenpoint.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'tenpoint.sqlite3'}",
        conn_max_age=int(os.environ.get("TENPOINT_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; IMMEDIATE avoids
    # "database is locked" on upgrade from read to write transactions.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a query whose estimated cost is high, as the spelling-tolerant
    # search's over a million people is: 28-39 ms of compiling for a query of 200-330 ms, on a
    # page that waits for it. Tenpoint's queries are short; none gains from it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The duplicate review page starts a run in a thread of the web process and follows it; a national
# register takes minutes. Off in the tests, whose database transaction another thread cannot see.
LINKAGE_REVIEWS_IN_BACKGROUND = True
# A file of more than 200 people is checked for people registered already in a thread of the web
# process (registry.importer.check_file_in_background); off in the tests, where it runs at once.
IMPORT_CHECKS_IN_BACKGROUND = True
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at every start otherwise
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Field sites are offline: every asset is served by Tenpoint itself (WhiteNoise).
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Pages and endpoints without a rule in accounts/access.yaml are refused when this is on.
ACCESS_RULES_FAIL_CLOSED = os.environ.get("TENPOINT_ACCESS_RULES_FAIL_CLOSED", "1") == "1"

# Failed sign-ins before an account is locked, and for how long (seconds).
LOGIN_FAILURE_LIMIT = int(os.environ.get("TENPOINT_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("TENPOINT_LOGIN_LOCKOUT_SECONDS", "900"))
OTP_TOTP_ISSUER = "Tenpoint"

# Sensitive fields (SGBV, trafficking, health…) are encrypted at rest with these Fernet keys:
# the first encrypts, all decrypt. Rotation: README "Security model". The development key below
# is public and only for the embedded demo; production refuses to start without its own keys.
FIELD_ENCRYPTION_KEYS = [k for k in os.environ.get(
    "TENPOINT_FIELD_KEYS", "ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMDAwMDA=").split(",") if k]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "tenpoint.accounts.access.RolePermission",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tenpoint.common.api.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "tenpoint.common.api.JSONParser",
        "tenpoint.common.api.FormParser",
        "tenpoint.common.api.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tenpoint API",
    "DESCRIPTION": "Registration of arrivals, people and groups in mixed migratory movements.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served by Tenpoint itself (no CDN: field sites are offline).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "NationalityStatusEnum": "tenpoint.registry.models.NationalityStatus",
        "DocumentKindEnum": "tenpoint.registry.models.IdentityDocument.Kind",
        "OrganisationKindEnum": "tenpoint.partners.models.Organisation.Kind",
        "RegistrationPointKindEnum": "tenpoint.partners.models.RegistrationPoint.Kind",
        "GroupKindEnum": "tenpoint.registry.models.Group.Kind",
        "AliasKindEnum": "tenpoint.registry.models.PersonAlias.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
