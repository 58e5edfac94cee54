"""Production settings refuse to start without real secrets and pass ``check --deploy``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "ratusha.settings.production",
    "SECRET_KEY": "k2v9-Xq7pL0sZr4Tt8wYb1Nc6Hm3Fj5Gd0Ke2Lu7Ia9Ob4Pv6Qw1Ry3Sx5Tz8Ua0Vb",
    "DATABASE_URL": "sqlite:////tmp/ratusha-deploy-check.sqlite3",
    "ALLOWED_HOSTS": "ratusha.example.by",
    "RATUSHA_KEY_ENCRYPTION_KEY": "c29tZS10ZXN0LWtleS1lbmNyeXB0aW9uLWtleS0xMjM=",
}


def manage(extra_env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {*GOOD_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(extra_env)
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-m", "ratusha.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_no_warnings() -> None:
    result = manage(GOOD_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY"),
        ("DATABASE_URL", "DATABASE_URL"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS"),
        ("RATUSHA_KEY_ENCRYPTION_KEY", "RATUSHA_KEY_ENCRYPTION_KEY"),
    ],
)
def test_production_refuses_to_start_without_real_settings(missing: str, message: str) -> None:
    env = {k: v for k, v in GOOD_ENV.items() if k != missing}
    result = manage(env, "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_weak_secret() -> None:
    result = manage({**GOOD_ENV, "SECRET_KEY": "django-insecure-" + "a" * 50}, "check")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_dev_settings_generate_a_secret_once(tmp_path: Path) -> None:
    env = {"DJANGO_SETTINGS_MODULE": "ratusha.settings.dev", "RATUSHA_VAR_DIR": str(tmp_path)}
    assert manage(env, "check").returncode == 0
    secret = (tmp_path / "secret_key").read_text()
    assert len(secret.strip()) >= 50 and oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
    assert manage(env, "check").returncode == 0
    assert (tmp_path / "secret_key").read_text() == secret
