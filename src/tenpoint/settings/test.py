"""Test settings: fast hashing, same database choice (SQLite unless DATABASE_URL)."""

from .base import *  # noqa: F403
from .base import PASSWORD_HASHERS

# Argon2 stays first in production; tests log in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
DEBUG = False

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

# Uploaded photos of test runs never land in the working tree.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tenpoint-test-media-"))

# Runs in the request, so that a test's own transaction holds it (tests of the thread turn it on).
LINKAGE_REVIEWS_IN_BACKGROUND = False
