"""The embedded default: SQLite, debug pages off so the demo behaves like production."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
VAR_DIR.mkdir(parents=True, exist_ok=True)
