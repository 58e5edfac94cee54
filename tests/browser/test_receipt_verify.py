"""A receipt downloaded in a real browser verifies offline with only ``ratusha_core``.

A citizen files an appeal in chromium, opens the tracking page, downloads the receipt
JSON through the page's link, and ``ratusha-verify`` checks it in a fresh virtual
environment that has nothing but ``ratusha_core`` and its two runtime dependencies.

How that environment is built (once per session, no network, about 7 s): a wheel of just
``ratusha_core`` is written by :func:`core_wheel` (the package's files, METADATA with
its two requirements, the ``ratusha-verify`` entry point and a RECORD: what ``pip
wheel`` of a project holding only ``src/ratusha_core`` gives, without setuptools'
15 seconds) and installed by the main environment's pip (``pip --python VENV install
--no-deps --no-index``) into a venv made with ``--without-pip``. Its dependencies
(cryptography with cffi and pycparser, rfc8785) are copied file by file, from their
RECORD, out of the main environment's site-packages, because no wheels are cached here.
The venv cannot import Django or ``ratusha`` (checked).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import build_world

from ratusha.appeals.models import Appeal
from ratusha.ledger.actions import integrate_everything
from ratusha.ledger.models import Log

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SRC = Path(__file__).resolve().parents[2] / "src" / "ratusha_core"
RUNTIME = ("cryptography", "cffi", "pycparser", "rfc8785")
METADATA = """\
Metadata-Version: 2.1
Name: ratusha-core
Version: 0
Requires-Python: >=3.11
Requires-Dist: cryptography
Requires-Dist: rfc8785
"""
WHEEL = "Wheel-Version: 1.0\nGenerator: ratusha-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
ENTRY_POINTS = "[console_scripts]\nratusha-verify = ratusha_core.verify:main\n"


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def core_wheel(folder: Path) -> Path:
    """Write a wheel of ratusha_core alone (what ``pip wheel`` of such a project gives)."""
    info = "ratusha_core-0.dist-info"
    files = {
        f"ratusha_core/{path.relative_to(SRC).as_posix()}": path.read_bytes()
        for path in sorted(SRC.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    files |= {
        f"{info}/METADATA": METADATA.encode(),
        f"{info}/WHEEL": WHEEL.encode(),
        f"{info}/entry_points.txt": ENTRY_POINTS.encode(),
    }
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in files.items()]
    files[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    wheel = folder / "ratusha_core-0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return wheel


def _run(*args: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, **kwargs
    )


@pytest.fixture(scope="session")
def core_only_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Give the bin/ folder of a fresh venv with only ratusha_core (and its deps) installed."""
    root = tmp_path_factory.mktemp("core-only")
    wheel = core_wheel(root)
    venv = root / "venv"
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    installed = _run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
        "-q", wheel,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    purelib = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
    )
    here = Path(sysconfig.get_paths()["purelib"])
    for name in RUNTIME:
        for item in distribution(name).files or ():
            source = here / item
            if source.is_file() and ".." not in item.parts:
                (purelib / item).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, purelib / item)
    for other in ("django", "ratusha"):
        isolated = _run(python, "-c", f"import {other}", cwd=root)
        assert isolated.returncode != 0, f"the fresh venv must not see {other}"
    return venv / "bin"


def test_a_receipt_downloaded_in_the_browser_verifies_offline(
    live_server: Any, browser: Any, core_only_venv: Path, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    build_world()
    context = browser.new_context(locale="be-BY", accept_downloads=True)
    citizen = context.new_page()
    citizen.set_default_timeout(15000)
    citizen.goto(f"{live_server.url}/appeals/new/A/")
    citizen.locator("#id_text").fill("Каля дома 12 па вуліцы Савецкай не гарыць ліхтар.")
    citizen.select_option("#id_category", label="Катэгорыя A1")
    citizen.locator("#id_applicant_name").fill("Ганна Жук")
    citizen.locator("#id_applicant_email").fill("hanna@example.org")
    citizen.locator("form.appeal-form button[type=submit]").click()
    citizen.wait_for_load_state()
    number = citizen.locator(".receipt-number").inner_text().strip()
    tracking = citizen.locator(".tracking-link a").get_attribute("href")
    assert tracking and Appeal.objects.filter(number=number).exists()

    integrate_everything()  # the scheduler's task does this every two seconds
    citizen.goto(tracking if tracking.startswith("http") else live_server.url + tracking)
    assert citizen.locator(".ledger-verified").count() == 1
    with citizen.expect_download() as download_info:
        citizen.locator("a[href$='.json'][href*='/ledger/receipt/']").click()
    receipt = tmp_path / "receipt.json"
    download_info.value.save_as(receipt)
    context.close()
    assert json.loads(receipt.read_text())["format"] == "ratusha-receipt/v1"

    log = Log.objects.get(body__code="A")
    keys = tmp_path / "keys.txt"
    keys.write_text("\n".join(k.verifier_key for k in log.keys.all()) + "\n")
    verify = core_only_venv / "ratusha-verify"
    result = _run(verify, "receipt", receipt, "--key", keys, "--origin", log.origin)
    assert result.returncode == 0, result.stderr
    assert f"appeal.registered {number}" in result.stdout
    # The same file, altered by one character, is refused.
    data = json.loads(receipt.read_text())
    data["leaf_index"] += 1
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    refused = _run(verify, "receipt", forged, "--key", keys)
    assert refused.returncode == 1 and "INVALID" in refused.stderr
