"""``ratusha import-bodies``: all rows or none, bad rows named by line, idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ratusha.bodies.models import Body, Category, Department

pytestmark = pytest.mark.django_db

HEADER = (
    "record,code,body,parent,kind,name_be,name_ru,name_en,time_zone,policy,department,"
    "keywords,public\n"
)
GOOD = HEADER + (
    "body,OBL,,,region,Вобласць,Область,Region,Europe/Minsk,by-appeals-2023,,,\n"
    "body,TWN,,OBL,municipality,Горад,Город,Town,,,,,\n"
    "dept,ROADS,TWN,,,Дарогі,Дороги,Roads,,,,,\n"
    "category,POTH,TWN,,,Ямы,Ямы,Potholes,,,ROADS,яма;асфальт,yes\n"
    "category,POTH2,TWN,POTH,,Ямы на двары,Ямы во дворе,Yard potholes,,,ROADS,,no\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bodies.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_creates_the_tree_and_is_idempotent(tmp_path: Path, capsys: Any) -> None:
    path = write(tmp_path, GOOD)
    call_command("import_bodies", str(path))
    town = Body.objects.get(code="TWN")
    assert town.parent == Body.objects.get(code="OBL")
    assert town.path_ids == (Body.objects.get(code="OBL").pk, town.pk)
    child = Category.objects.get(code="POTH2")
    assert child.parent.code == "POTH" and not child.is_public
    assert Category.objects.get(code="POTH").keywords.splitlines() == ["яма", "асфальт"]
    call_command("import_bodies", str(path))
    assert (Body.objects.count(), Department.objects.count(), Category.objects.count()) == (2, 1, 2)
    assert "2 updated" in capsys.readouterr().out


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(tmp_path: Path, capsys: Any) -> None:
    bad = GOOD.replace("dept,ROADS,TWN", "dept,ROADS,NOPE").replace(",region,", ",planet,")
    with pytest.raises(CommandError, match="4 bad rows"):
        call_command("import_bodies", str(write(tmp_path, bad)))
    err = capsys.readouterr().err
    assert "bodies.csv:2: kind must be one of" in err
    assert "bodies.csv:4: body 'NOPE'" in err
    assert not Body.objects.exists()


def test_an_invalid_value_found_while_writing_rolls_everything_back(tmp_path: Path) -> None:
    bad = GOOD.replace("body,TWN,", "body,twn lower,")
    with pytest.raises(CommandError):
        call_command("import_bodies", str(write(tmp_path, bad)))
    assert not Body.objects.exists()


def test_moving_a_body_updates_the_paths_below_it(tmp_path: Path) -> None:
    call_command("import_bodies", str(write(tmp_path, GOOD)))
    other = Body.objects.create(code="OTHER", kind="region", name_be="Іншая")
    town = Body.objects.get(code="TWN")
    obl = Body.objects.get(code="OBL")
    obl.parent = other
    obl.save()
    town.refresh_from_db()
    assert town.path_ids == (other.pk, obl.pk, town.pk)
    assert set(other.subtree().values_list("code", flat=True)) == {"OTHER", "OBL", "TWN"}
