from __future__ import annotations

import os
import subprocess
import sys


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
