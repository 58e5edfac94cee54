"""The open-data datasets: what each holds, its columns, texts in three languages, its terms.

One manifest per dataset (the Decidim way): the catalogue, the people's page, the
schemas, the dumps and the API all loop over :data:`DATASETS` and never name a dataset.
Titles and descriptions are metadata published in all three languages at once (DCAT
harvesters want every language), so they are written here in be, ru and en.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ratusha.publication.records import PublicAppeal

# Table Schema types (https://specs.frictionlessdata.io/table-schema/) of the columns.
STRING, INTEGER, NUMBER, BOOLEAN, DATE, DATETIME = (
    "string",
    "integer",
    "number",
    "boolean",
    "date",
    "datetime",
)
_TYPE_OF = {str: STRING, int: INTEGER, float: NUMBER, Decimal: NUMBER, bool: BOOLEAN}
_TYPE_OF |= {date: DATE, datetime: DATETIME}

DAILY = "DAILY"  # EU frequency authority: the dumps are made every night


@dataclass(frozen=True)
class Column:
    """One column of a dataset: its name, Table Schema type and a description for people."""

    name: str
    type: str
    description: str | Promise = ""
    required: bool = False


@dataclass(frozen=True)
class Dataset:
    """One dataset of the catalogue."""

    name: str
    title: dict[str, str]
    description: dict[str, str]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    keywords: tuple[str, ...]
    per_body: bool = True
    periodicity: str = DAILY
    date_column: str | None = None  # the column that temporal coverage and date filters use

    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


# What the public record's fields mean, for the schema and the page.
APPEAL_FIELDS: dict[str, str | Promise] = {
    "number": _("Registration number of the appeal."),
    "body_code": _("Code of the body the appeal was made to."),
    "body_name": _("Name of the body."),
    "department_code": _("Code of the department that answers it."),
    "department_name": _("Name of the department."),
    "category_code": _("Code of the category."),
    "category_name": _("Name of the category."),
    "channel": _("How the appeal arrived (web, post, Open311...)."),
    "state": _("Internal status of the appeal."),
    "public_status": _("Status as the citizen sees it."),
    "is_open": _("True while the body still has work to do."),
    "registered_at": _("When the appeal was registered (UTC)."),
    "updated_at": _("When its status last changed (UTC)."),
    "due_date": _("Date by which the answer is due."),
    "answered_at": _("When the answer was sent (UTC)."),
    "street": _("Street of the problem, never the house or flat."),
    "latitude": _("Latitude of the problem, rounded to a coarse grid."),
    "longitude": _("Longitude of the problem, rounded to a coarse grid."),
    "text": _("Text of the appeal, redacted, only where the citizen consented."),
    "answer_summary": _("Summary of the public answer, redacted."),
}


def _column_type(hint: object) -> str:
    """Give the Table Schema type of a dataclass field's type (``X | None`` counts as X)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return str(_TYPE_OF.get(hint, STRING))  # type: ignore[call-overload]


def _is_optional(hint: object) -> bool:
    return type(None) in typing.get_args(hint)


def appeal_columns() -> tuple[Column, ...]:
    """Give the columns of the appeals dataset: exactly the fields of the public record."""
    hints = typing.get_type_hints(PublicAppeal)
    return tuple(
        Column(
            field.name,
            _column_type(hints[field.name]),
            APPEAL_FIELDS.get(field.name, ""),
            required=not _is_optional(hints[field.name]),
        )
        for field in dataclasses.fields(PublicAppeal)
    )


ANSWER_COLUMNS = (
    Column("number", STRING, _("Registration number of the appeal answered."), True),
    Column("body_code", STRING, _("Code of the body that answered."), True),
    Column("department_code", STRING, _("Code of the department that answered.")),
    Column("category_code", STRING, _("Code of the appeal's category.")),
    Column("answered_at", DATETIME, _("When the answer was sent (UTC).")),
    Column("answer_summary", STRING, _("Summary of the answer, redacted."), True),
)

STATISTICS_COLUMNS = (
    Column("month", STRING, _("Month of registration, YYYY-MM (UTC)."), True),
    Column("body_code", STRING, _("Code of the body."), True),
    Column("category_code", STRING, _("Code of the category (empty: not yet chosen).")),
    Column("department_code", STRING, _("Code of the department (empty: not yet routed).")),
    Column("registered", INTEGER, _("Appeals registered in the month."), True),
    Column("answered", INTEGER, _("Of them, appeals answered by now."), True),
    Column("open", INTEGER, _("Of them, appeals the body is still working on."), True),
)

CHECKPOINT_COLUMNS = (
    Column("log", STRING, _("Name of the log (a body's code, or installation)."), True),
    Column("origin", STRING, _("Origin line of the log's checkpoints."), True),
    Column("size", INTEGER, _("Number of entries the checkpoint covers."), True),
    Column("root_hash", STRING, _("Merkle tree root, hex (RFC 9162)."), True),
    Column("created_at", DATETIME, _("When the checkpoint was signed (UTC)."), True),
    Column("note", STRING, _("The signed checkpoint (a C2SP signed note)."), True),
)

DECISION_COLUMNS = (
    Column("number", STRING, _("Number of the decision in the register."), True),
    Column("body_code", STRING, _("Code of the body that took it."), True),
    Column("title", STRING, _("Title of the decision."), True),
    Column("decided_by", STRING, _("The organ that decided (committee, council...).")),
    Column("decided_on", DATE, _("Date of the decision."), True),
    Column("status", STRING, _("adopted or revoked."), True),
    Column("votes_for", INTEGER, _("Votes for, where the organ voted.")),
    Column("votes_against", INTEGER, _("Votes against, where the organ voted.")),
    Column("votes_abstained", INTEGER, _("Abstentions, where the organ voted.")),
    Column("adopted_at", DATETIME, _("When it was adopted and signed (UTC).")),
    Column("revoked_at", DATETIME, _("When it was revoked (UTC), if it was.")),
    Column("related_appeals", STRING, _("Numbers of the appeals it answers, space-separated.")),
    Column("document_sha256", STRING, _("SHA-256 of the signed decision document.")),
    Column("revocation_sha256", STRING, _("SHA-256 of the signed revocation, if any.")),
    Column("url", STRING, _("Address of the decision's public page (text and grounds)."), True),
)


def _texts(be: str, ru: str, en: str) -> dict[str, str]:
    return {"be": be, "ru": ru, "en": en}


APPEALS = Dataset(
    name="appeals",
    title=_texts(
        "Зваротны грамадзян (без асабістых даных)",
        "Обращения граждан (без персональных данных)",
        "Citizens' appeals (personal data removed)",
    ),
    description=_texts(
        "Кожны зварот: орган, аддзел, катэгорыя, вуліца або клетка сеткі, даты, статус і "
        "кароткі адказ. Тэкст — толькі са згоды заяўніка і толькі ў рэдагаваным выглядзе.",
        "Каждое обращение: орган, отдел, категория, улица или ячейка сетки, даты, статус и "
        "краткий ответ. Текст — только с согласия заявителя и только в отредактированном виде.",
        "Every appeal: body, department, category, street or grid cell, dates, status and "
        "answer summary. The text only where the citizen consented, and only redacted.",
    ),
    columns=appeal_columns(),
    primary_key=("number",),
    keywords=("appeals", "complaints", "open311", "government"),
    date_column="registered_at",
)

ANSWERS = Dataset(
    name="answers",
    title=_texts("Адказы на звароты", "Ответы на обращения", "Answers to appeals"),
    description=_texts(
        "Публічныя адказы (усе, акрамя канфідэнцыйных): зварот, орган, аддзел, дата і "
        "рэдагаванае рэзюмэ адказу.",
        "Публичные ответы (все, кроме конфиденциальных): обращение, орган, отдел, дата и "
        "отредактированное резюме ответа.",
        "Public answers (all but confidential ones): the appeal, body, department, date and "
        "a redacted summary of the answer.",
    ),
    columns=ANSWER_COLUMNS,
    primary_key=("number",),
    keywords=("answers", "appeals", "government"),
    date_column="answered_at",
)

STATISTICS = Dataset(
    name="statistics",
    title=_texts(
        "Статыстыка зваротаў па месяцах",
        "Статистика обращений по месяцам",
        "Monthly statistics of appeals",
    ),
    description=_texts(
        "Колькасць зваротаў за месяц па органе, катэгорыі і аддзеле: зарэгістравана, "
        "адказана, у працы.",
        "Количество обращений за месяц по органу, категории и отделу: зарегистрировано, "
        "отвечено, в работе.",
        "Appeals per month, body, category and department: registered, answered, still open.",
    ),
    columns=STATISTICS_COLUMNS,
    primary_key=(),  # category and department may be empty, so no column set is a key
    keywords=("statistics", "appeals", "government"),
    date_column="month",
)

DECISIONS = Dataset(
    name="decisions",
    title=_texts("Рэестр рашэнняў", "Реестр решений", "Register of decisions"),
    description=_texts(
        "Рашэнні органаў: нумар, назва, дата і хэш падпісанага дакумента ў рэестры.",
        "Решения органов: номер, название, дата и хэш подписанного документа в реестре.",
        "Decisions of the bodies: number, title, date and the hash of the signed document.",
    ),
    columns=DECISION_COLUMNS,
    primary_key=("number",),
    keywords=("decisions", "register", "government"),
    date_column="decided_on",
)

CHECKPOINTS = Dataset(
    name="checkpoints",
    title=_texts(
        "Кантрольныя кропкі публічнага рэестра",
        "Контрольные точки публичного реестра",
        "Checkpoints of the public ledger",
    ),
    description=_texts(
        "Падпісаныя вяршыні дрэва Меркла кожнага журнала (C2SP): па іх можна праверыць, "
        "што запісы не змяняліся.",
        "Подписанные вершины дерева Меркла каждого журнала (C2SP): по ним можно проверить, "
        "что записи не менялись.",
        "Signed Merkle tree heads of every log (C2SP), to check that no entry ever changed.",
    ),
    columns=CHECKPOINT_COLUMNS,
    primary_key=("log", "size", "created_at"),
    keywords=("ledger", "transparency", "merkle"),
    date_column="created_at",
)

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (APPEALS, ANSWERS, STATISTICS, DECISIONS, CHECKPOINTS)
}
FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv",
    "jsonl": "application/jsonl",
    "parquet": "application/vnd.apache.parquet",
}


def dataset_named(name: str) -> Dataset | None:
    return DATASETS.get(name)
