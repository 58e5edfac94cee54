"""``ratusha-verify`` is installed and prints its usage until the ledger fills it."""

import subprocess
import sys

from ratusha_core.verify import main


def test_help_prints_usage_and_succeeds(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--help"]) == 0
    assert "usage: ratusha-verify" in capsys.readouterr().out


def test_unknown_command_fails_with_usage(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["receipt", "x.json"]) == 2
    assert "usage" in capsys.readouterr().err


def test_console_script_runs_with_only_ratusha_core() -> None:
    code = (
        "import sys; sys.modules['django'] = None; from ratusha_core.verify import main; main([])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert "usage: ratusha-verify" in result.stdout
