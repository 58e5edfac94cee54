"""What a report holds, independent of its format: sections of figures, tables and charts.

The PDF and the spreadsheet are both written from one :class:`ReportData`, so their
numbers cannot disagree. Labels are already translated into the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

Cell = str | int | float | date | None


class Unit(StrEnum):
    """How a number reads: a count, a mean count, a share in per cent, days, or a 1-5 score."""

    COUNT = "count"
    MEAN = "mean"  # an expected or average count, always with one decimal
    PERCENT = "percent"
    DAYS = "days"
    SCORE = "score"


@dataclass(frozen=True)
class Figure:
    """One headline number, with the same number for the period before when known."""

    key: str
    label: str
    value: float | int | None
    unit: Unit = Unit.COUNT
    previous: float | int | None = None


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    unit: Unit | None = None  # None: text


@dataclass(frozen=True)
class Table:
    """A table with typed columns; rows hold real numbers, not formatted text."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty_text: str = ""


@dataclass(frozen=True)
class Chart:
    """An accessible SVG chart and the table of its data."""

    key: str
    title: str
    svg: str
    data: Table


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str = ""
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class ReportData:
    """A whole report: who it is about, which period, and its sections in order."""

    title: str
    body_code: str
    body_name: str
    scope_label: str
    period_label: str
    period_start: date
    period_last_day: date
    language: str
    generated_at: datetime
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def figure(self, key: str) -> Figure:
        """Give a headline figure by key from any section."""
        return next(f for s in self.sections for f in s.figures if f.key == key)
