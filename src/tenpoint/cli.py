"""`tenpoint`: the project's manage.py, installed as a console script."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    arguments = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tenpoint.settings.dev")
    if arguments[:1] == ["runserver"]:
        # The development server runs each request in a thread of its own, which ends with it: a
        # connection kept for reuse would stay open until PostgreSQL refuses new clients.
        os.environ.setdefault("TENPOINT_DB_CONN_MAX_AGE", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tenpoint", *arguments])


if __name__ == "__main__":
    main()
