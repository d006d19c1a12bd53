"""`check --deploy` with production settings must be clean, and a production start without a
secret key must refuse to run. Both in a subprocess: settings are read once per process."""

import os
import secrets
import subprocess
import sys

PRODUCTION = {
    "RADSAFE_PRODUCTION": "1",
    "RADSAFE_DEBUG": "0",
    "RADSAFE_HTTPS": "1",
    "RADSAFE_ALLOWED_HOSTS": "radsafe.example.gov.cn",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "radsafe", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        RADSAFE_SECRET_KEY=secrets.token_urlsafe(50),
        RADSAFE_FIELD_KEY=secrets.token_hex(16),
        RADSAFE_INDEX_KEY=secrets.token_hex(32),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_development_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", RADSAFE_HTTPS="0")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "RADSAFE_SECRET_KEY": ""}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "RADSAFE_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_the_personal_data_keys():
    result = run_manage("check", RADSAFE_SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    assert result.returncode != 0
    assert "RADSAFE_FIELD_KEY" in result.stderr
