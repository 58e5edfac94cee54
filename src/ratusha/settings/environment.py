"""Typed readers of the environment, shared by every settings module."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
_CHECKOUT = PACKAGE_DIR.parent.parent


def var_dir() -> Path:
    """Give the folder for the SQLite file, media, generated secrets and dev mail."""
    default = _CHECKOUT / "var" if (_CHECKOUT / "pyproject.toml").exists() else Path.cwd() / "var"
    path = Path(os.environ.get("RATUSHA_VAR_DIR", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def text(name: str, default: str = "") -> str:
    """Give an environment variable as text, or the default."""
    return os.environ.get(name, default)


def flag(name: str, default: bool = False) -> bool:
    """Give an environment variable read as a yes/no flag."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def number(name: str, default: int) -> int:
    """Give an environment variable read as an integer."""
    raw = os.environ.get(name)
    return default if raw in (None, "") else int(raw)


def words(name: str, default: str = "") -> list[str]:
    """Give a comma-separated environment variable as a list of stripped words."""
    return [w.strip() for w in os.environ.get(name, default).split(",") if w.strip()]


def generated_secret(path: Path) -> str:
    """Give the secret stored at path, creating it (mode 0600) on first use."""
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(64)
    path.write_text(value + "\n")
    path.chmod(0o600)
    return value


def generated_fernet_key(path: Path) -> str:
    """Give the Fernet key stored at path, creating it (mode 0600) on first use."""
    if path.exists():
        return path.read_text().strip()
    import base64

    value = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    path.write_text(value + "\n")
    path.chmod(0o600)
    return value
