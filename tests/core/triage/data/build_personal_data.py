"""Builds the personal-data test sets (JSONL, character offsets) from marked-up sources.

personal_data_source.txt -> personal_data.jsonl (the development set the rules grew on);
personal_data_holdout_source.txt -> personal_data_holdout.jsonl (written after the rules
were frozen, with names missing from the lists; its misses then shaped one more round);
personal_data_holdout2_source.txt -> personal_data_holdout2.jsonl (written after that
round and never used to change the rules).

Each source line is ``LANGUAGE<TAB>sentence``; personal data is marked ``[[kind|text]]``.
Sentences without marks are true negatives (years, sums, appeal numbers, "дом культуры").

    .venv/bin/python tests/core/triage/data/build_personal_data.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"name", "phone", "email", "address", "personal_id", "passport", "card", "plate"}
MARK = re.compile(r"\[\[(\w+)\|([^\]]+)\]\]")


def parse(line: str) -> tuple[str, list[dict[str, object]]]:
    """Gives the plain sentence and its spans from one marked-up sentence."""
    plain: list[str] = []
    spans: list[dict[str, object]] = []
    cursor = 0
    length = 0
    for match in MARK.finditer(line):
        before = line[cursor : match.start()]
        plain.append(before)
        length += len(before)
        kind, value = match.group(1), match.group(2)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} in {line!r}")
        spans.append({"start": length, "end": length + len(value), "kind": kind, "text": value})
        plain.append(value)
        length += len(value)
        cursor = match.end()
    plain.append(line[cursor:])
    text = "".join(plain)
    if "[[" in text or "]]" in text:
        raise ValueError(f"broken mark in {line!r}")
    return text, spans


SETS = (
    ("personal_data_source.txt", "personal_data.jsonl"),
    ("personal_data_holdout_source.txt", "personal_data_holdout.jsonl"),
    ("personal_data_holdout2_source.txt", "personal_data_holdout2.jsonl"),
)


def main() -> None:
    for source_name, out_name in SETS:
        rows = []
        source = (HERE / source_name).read_text(encoding="utf-8")
        for number, line in enumerate(source.splitlines(), start=1):
            if not line.strip():
                continue
            language, marked = line.split("\t", 1)
            text, spans = parse(marked)
            rows.append({"id": number, "language": language, "text": text, "spans": spans})
        out = HERE / out_name
        with out.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(rows)} sentences -> {out.name}")


if __name__ == "__main__":
    main()
