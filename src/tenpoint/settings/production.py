"""Production: PostgreSQL through DATABASE_URL, secrets from the environment, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if not os.environ.get("TENPOINT_SECRET_KEY"):
    raise ImproperlyConfigured("Set TENPOINT_SECRET_KEY in production.")
SECRET_KEY = os.environ["TENPOINT_SECRET_KEY"]
if not os.environ.get("TENPOINT_FIELD_KEYS"):
    raise ImproperlyConfigured("Set TENPOINT_FIELD_KEYS (generate one with `tenpoint rotate-field-keys --new-key`).")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
