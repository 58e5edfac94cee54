"""Every message has a translation in the Belarusian, Russian and English catalogues."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "ratusha" / "locale"


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_catalogue_is_complete(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    missing = [e.msgid for e in catalogue if not e.translated() or "fuzzy" in e.flags]
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", ["be", "ru"])
def test_placeholders_survive_translation(language: str) -> None:
    import re

    pattern = re.compile(r"%\(\w+\)s")
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        if entry.msgstr:
            assert sorted(pattern.findall(entry.msgid)) == sorted(pattern.findall(entry.msgstr)), (
                entry.msgid
            )


def test_every_source_message_is_in_the_catalogue() -> None:
    """A message added to the code but not extracted (make messages) fails here."""
    import subprocess

    source = LOCALE.parent
    result = subprocess.run(
        [
            "grep",
            "-rhoP",
            "--include=*.html",
            "--include=*.txt",
            r"""\{% (?:translate|trans) "\K[^"]+""",
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    catalogue = {e.msgid for e in polib.pofile(str(LOCALE / "be" / "LC_MESSAGES" / "django.po"))}
    # makemessages doubles a "%" in template messages ("95%" becomes msgid "95%%").
    found = set(result.stdout.splitlines())
    missing = sorted(
        m for m in found if m not in catalogue and m.replace("%", "%%") not in catalogue
    )
    assert not missing, missing
