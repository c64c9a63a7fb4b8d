from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection


def test_production_settings_pass_django_deploy_checks(tmp_path):
    # The browser tests' fixture allows async-unsafe ORM calls in this process; production must not.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "tenpoint.settings.production",
                   "TENPOINT_SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-only-0123456789",
                   "TENPOINT_FIELD_KEYS": "ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMDAwMDA=",
                   "TENPOINT_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "tenpoint.cli", "check", "--deploy", "--fail-level", "WARNING"],
                            env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "TENPOINT_SECRET_KEY"}
    environment.update({"DJANGO_SETTINGS_MODULE": "tenpoint.settings.production", "TENPOINT_VAR_DIR": str(tmp_path)})
    result = subprocess.run([sys.executable, "-m", "tenpoint.cli", "check"], env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "TENPOINT_SECRET_KEY" in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _connections_to(database: str) -> int:
    with connection.cursor() as cursor:
        # Inside the test's transaction PostgreSQL would answer from the snapshot of its first read.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database])
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="connections left open are PostgreSQL's problem (the suite runs there with DATABASE_URL)")
def test_the_development_server_leaves_no_database_connection_open_per_request(tmp_path):
    settings_dict = connection.settings_dict
    database = settings_dict["NAME"]
    url = (f"postgres://{settings_dict['USER'] or 'postgres'}@{settings_dict['HOST'] or '127.0.0.1'}:"
           f"{settings_dict['PORT'] or 5432}/{database}")
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",
                                                                     "TENPOINT_DB_CONN_MAX_AGE")}
    environment.update({"DJANGO_SETTINGS_MODULE": "tenpoint.settings.dev", "DATABASE_URL": url,
                        "TENPOINT_VAR_DIR": str(tmp_path)})
    port = _free_port()
    before = _connections_to(database)
    server = subprocess.Popen([sys.executable, "-m", "tenpoint.cli", "runserver", f"127.0.0.1:{port}", "--noreload",
                               "--skip-checks"], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _attempt in range(100):  # until it listens
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        peak = 0
        # A session cookie makes every page read the database (the session, to know the user).
        page = urllib.request.Request(f"http://127.0.0.1:{port}/accounts/login/",
                                      headers={"Cookie": "sessionid=" + "a" * 32})
        for _request in range(25):
            assert urllib.request.urlopen(page, timeout=30).status == 200
            peak = max(peak, _connections_to(database) - before)
        # Each request runs in a thread of its own; a connection kept "for reuse" by each stays open
        # until Python collects the thread's objects (seen here: 10 after 25 requests, 100 and
        # PostgreSQL refusing clients under a crawl). Closed at each request's end, at most one is.
        assert peak <= 2, peak
    finally:
        server.terminate()
        server.wait(timeout=30)
