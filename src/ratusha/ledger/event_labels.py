"""What the readable ledger page calls each event type, and its fields in plain words.

Every known type (the table in docs/ledger.md, "What goes in") has a label and its
payload fields in order, each with a label and a way to show the value. A field the type
does not know (a later format) and every field of an unknown type are shown as they
are, ``key: value``. Only what is in the leaf is shown: nothing is looked up.

    >>> [(line.label, line.value) for line in describe({"type": "triage.routing_policy",
    ...     "auto_route": True, "precision": 0.9})]
    [('Automatic routing', 'on'), ('Precision it must reach', '0.9')]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Choices
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusha.appeals.choices import State
from ratusha.appeals.forms_staff.labels import EVENT_LABELS, ROLE_LABELS
from ratusha.reports.choices import ReportKind
from ratusha.triage.models import Decision, Target

COMMON = frozenset({"version", "type", "time", "body"})  # shown in their own columns
NOTHING = "—"


def _plain(value: Any) -> str:
    if value is None:
        return NOTHING
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return number_format(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _on_off(value: Any) -> str:
    return (_("on") if value else _("off")) if isinstance(value, bool) else _plain(value)


def _codes(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) if value else _("none")
    return _plain(value)


def _or_none(value: Any) -> str:
    return _("none") if value is None else _plain(value)


def _size(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return _("%(bytes)s bytes") % {"bytes": number_format(value)}
    return _plain(value)


def _labelled(labels: Mapping[str, Any]) -> Callable[[Any], str]:
    """Give a formatter that names a known code and shows an unknown one as it is."""

    def show(value: Any) -> str:
        return str(labels[value]) if isinstance(value, str) and value in labels else _plain(value)

    return show


def _choices(choices: type[Choices]) -> Callable[[Any], str]:
    """Give a formatter that names a value by its model choices' label."""
    return _labelled({choice.value: choice.label for choice in choices})


_state = _choices(State)


def _status_change(before: Any, after: Any) -> str:
    if not after:  # a step that changes no state (the applicant stopping text messages)
        return _state(before)
    return f"{_state(before)} → {_state(after)}"


@dataclass(frozen=True)
class Field:
    """One or more payload keys shown together under a label (a hash is shown as code)."""

    keys: tuple[str, ...]
    label: Any
    show: Callable[..., str] = _plain
    code: bool = False


@dataclass(frozen=True)
class Line:
    """One line of an entry in plain words."""

    label: str
    value: str
    code: bool = False


def _f(key: str, label: Any, show: Callable[..., str] = _plain, code: bool = False) -> Field:
    return Field((key,), label, show, code)


APPEAL = _f("appeal", gettext_lazy("Appeal"))
SHA256 = _f("document_sha256", gettext_lazy("Document's SHA-256"), code=True)
SIGNED_BY = _f("signed_by", gettext_lazy("Signed with the key"), code=True)
TARGET = _f("model_target", gettext_lazy("Model for"), _choices(Target))
VERSION = _f("model_version", gettext_lazy("Model version"))


@dataclass(frozen=True)
class EventKind:
    """A known event type: its label and its fields."""

    label: Any
    fields: tuple[Field, ...]


EVENT_KINDS: dict[str, EventKind] = {
    "appeal.registered": EventKind(
        gettext_lazy("Appeal registered"),
        (
            APPEAL,
            _f("category", gettext_lazy("Category (code)")),
            _f("date", gettext_lazy("Date of registration")),
            _f(
                "commitment",
                gettext_lazy("Sealed fingerprint of the text and applicant"),
                code=True,
            ),
        ),
    ),
    "appeal.transition": EventKind(
        gettext_lazy("Step in the work on an appeal"),
        (
            APPEAL,
            _f("action", gettext_lazy("Step"), _labelled(EVENT_LABELS)),
            Field(("from", "to"), gettext_lazy("Status"), _status_change),
            _f("role", gettext_lazy("Taken by"), _labelled(ROLE_LABELS)),
            _f("public", gettext_lazy("Shown to the applicant")),
        ),
    ),
    "answer.signed": EventKind(gettext_lazy("Answer signed"), (APPEAL, SHA256, SIGNED_BY)),
    "decision.adopted": EventKind(
        gettext_lazy("Decision adopted"),
        (_f("decision", gettext_lazy("Decision")), SHA256, SIGNED_BY),
    ),
    "decision.revoked": EventKind(
        gettext_lazy("Decision revoked"),
        (_f("decision", gettext_lazy("Decision")), SHA256, SIGNED_BY),
    ),
    "publication.approved": EventKind(
        gettext_lazy("Text approved for publication"),
        (
            APPEAL,
            _f("text_sha256", gettext_lazy("Published text's SHA-256"), code=True),
            _f("override", gettext_lazy("Published despite a finding")),
        ),
    ),
    "report.published": EventKind(
        gettext_lazy("Report published"),
        (
            _f("report", gettext_lazy("Report"), _choices(ReportKind)),
            _f("kind", gettext_lazy("Report"), _choices(ReportKind)),
            _f("period", gettext_lazy("Period")),
            _f("scope", gettext_lazy("Scope")),
            _f("language", gettext_lazy("Language")),
            _f("format", gettext_lazy("Format")),
            _f("sha256", gettext_lazy("File's SHA-256"), code=True),
            _f("size", gettext_lazy("Size"), _size),
        ),
    ),
    "triage.routed": EventKind(
        gettext_lazy("Appeal routed automatically"),
        (
            APPEAL,
            _f("department", gettext_lazy("Department (code)")),
            _f("decision", gettext_lazy("Decision"), _choices(Decision)),
            TARGET,
            VERSION,
            _f("threshold", gettext_lazy("Threshold")),
        ),
    ),
    "triage.model_activated": EventKind(
        gettext_lazy("Triage model made active"),
        (TARGET, VERSION, _f("previous_version", gettext_lazy("Previous version"))),
    ),
    "triage.model_pinned": EventKind(gettext_lazy("Triage model pinned"), (TARGET, VERSION)),
    "triage.model_unpinned": EventKind(gettext_lazy("Triage model unpinned"), (TARGET, VERSION)),
    "triage.routing_policy": EventKind(
        gettext_lazy("Automatic routing changed"),
        (
            _f("auto_route", gettext_lazy("Automatic routing"), _on_off),
            _f("precision", gettext_lazy("Precision it must reach")),
            _f("urgent_department", gettext_lazy("Department for urgent appeals"), _or_none),
        ),
    ),
    "triage.duplicate_policy": EventKind(
        gettext_lazy("Duplicate threshold changed"),
        (
            _f("min_score", gettext_lazy("Score needed to link duplicates")),
            _f("previous", gettext_lazy("Previous score")),
        ),
    ),
    "triage.category_routing": EventKind(
        gettext_lazy("Categories decided by a clerk changed"),
        (
            _f("auto_route_on", gettext_lazy("Routed automatically again"), _codes),
            _f("auto_route_off", gettext_lazy("Now always decided by a clerk"), _codes),
        ),
    ),
    "opendata.dump": EventKind(
        gettext_lazy("Open data published"),
        (
            _f("dataset", gettext_lazy("Dataset")),
            _f("scope", gettext_lazy("Scope")),
            _f("format", gettext_lazy("Format")),
            _f("file", gettext_lazy("File")),
            _f("sha256", gettext_lazy("File's SHA-256"), code=True),
            _f("size", gettext_lazy("Size"), _size),
            _f("rows", gettext_lazy("Rows")),
        ),
    ),
}


def event_label(event_type: str) -> str:
    """Give the human name of an event type; an unknown type is shown as it is."""
    kind = EVENT_KINDS.get(event_type)
    return str(kind.label) if kind else event_type


def event_choices() -> list[tuple[str, str]]:
    """Give (type, label) of every known type, sorted by label in the current language."""
    return sorted(((key, str(kind.label)) for key, kind in EVENT_KINDS.items()), key=lambda c: c[1])


def describe(leaf: Mapping[str, Any]) -> list[Line]:
    """Give the leaf's payload as lines: known fields by their labels, the rest as they are."""
    kind = EVENT_KINDS.get(str(leaf.get("type", "")))
    lines: list[Line] = []
    shown = set(COMMON)
    for field in kind.fields if kind else ():
        if all(key in leaf for key in field.keys) and not shown.intersection(field.keys):
            values = [leaf[key] for key in field.keys]
            lines.append(Line(str(field.label), field.show(*values), field.code))
            shown.update(field.keys)
    for key in sorted(set(leaf) - shown):
        lines.append(Line(key, _plain(leaf[key])))
    return lines
