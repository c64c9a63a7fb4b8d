"""Test settings: fast hashing, same database choice (SQLite unless DATABASE_URL)."""

from .base import *  # noqa: F403
from .base import DATABASES, PASSWORD_HASHERS

# Argon2 stays first in production; tests log in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
DEBUG = False

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

# Uploaded photos of test runs never land in the working tree.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tenpoint-test-media-"))

# Runs in the request, so that a test's own transaction holds it (tests of the thread turn it on).
LINKAGE_REVIEWS_IN_BACKGROUND = False
IMPORT_CHECKS_IN_BACKGROUND = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, as the demo runs, not Django's shared in-memory database: there the live test server
    # serves every request on one shared connection, and two requests at once (a page and its live
    # search) failed a browser test now and then ("cannot open savepoint"). One file per process;
    # pytest-xdist's workers each add their own suffix.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.mkdtemp(prefix="tenpoint-test-db-")) / "tenpoint.sqlite3"),
    }
