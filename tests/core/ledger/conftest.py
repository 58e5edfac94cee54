"""Locate the shared conformance vectors and hand each one to the tests as a parameter.

The data is read from ``$RATUSHA_SHARED_DATA`` or, by default, ``../shared/data`` beside
the repository; when it is missing the vector tests are skipped with a clear reason.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_data_dir() -> Path | None:
    """Give the shared data folder, or None when it is not there."""
    configured = os.environ.get("RATUSHA_SHARED_DATA")
    path = Path(configured) if configured else REPO_ROOT / ".." / "shared" / "data"
    return path.resolve() if path.is_dir() else None


MISSING = "shared data not found: set RATUSHA_SHARED_DATA or place shared/data beside the repo"


def _folder_cases(folder: str) -> list[tuple[str, Any]]:
    base = shared_data_dir()
    if base is None:
        return []
    root = base / "merkle-transparency-dev" / "testdata" / folder
    return [
        (str(path.relative_to(root)), json.loads(path.read_text()))
        for path in sorted(root.rglob("*.json"))
    ]


def _cctv_cases(name: str) -> list[tuple[str, Any]]:
    base = shared_data_dir()
    if base is None:
        return []
    cases = json.loads((base / "merkle-cctv-rgdd" / f"{name}.json").read_text())
    return [(f"{name}[{number}]", case) for number, case in enumerate(cases)]


LOADERS: dict[str, Callable[[], list[tuple[str, Any]]]] = {
    "td_inclusion": lambda: _folder_cases("inclusion"),
    "td_consistency": lambda: _folder_cases("consistency"),
    "td_subtree_inclusion": lambda: _folder_cases("subtreeinclusion"),
    "td_subtree_consistency": lambda: _folder_cases("subtreeconsistency"),
    "cctv_inclusion_valid": lambda: _cctv_cases("inclusion-valid"),
    "cctv_inclusion_invalid": lambda: _cctv_cases("inclusion-invalid"),
    "cctv_consistency_valid": lambda: _cctv_cases("consistency-valid"),
    "cctv_consistency_invalid": lambda: _cctv_cases("consistency-invalid"),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    for fixture, load in LOADERS.items():
        if fixture in metafunc.fixturenames:
            cases = load()
            if not cases:
                metafunc.parametrize(
                    fixture, [pytest.param(None, marks=pytest.mark.skip(reason=MISSING))]
                )
            else:
                metafunc.parametrize(
                    fixture, [case for _, case in cases], ids=[name for name, _ in cases]
                )


@pytest.fixture
def shared_data() -> Path:
    """Give the shared data folder, skipping the test when it is missing."""
    path = shared_data_dir()
    if path is None:
        pytest.skip(MISSING)
    return path
