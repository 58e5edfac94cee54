"""What the officer sees of a triage result: names, percentages, plain-language labels.

``suggestions_context`` feeds the appeal page and ``attach_suggestions`` the triage queue;
both give what ``triage/_suggestions.html`` needs. What every card of a queue page shows
alike (the "Correct to" options, a precedent's line, the report links) is worked out once
per page here, not once per card in the templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusha.appeals.access import appeals_for
from ratusha.appeals.actions import acting_roles
from ratusha.appeals.choices import ASSIGN_STATES, REASSIGN_ROLES
from ratusha.appeals.forms_staff.widgets import QuickSelect
from ratusha.appeals.models import Appeal
from ratusha.appeals.views_staff.addresses import Address
from ratusha.bodies.models import Category, Department
from ratusha.triage.access import results_of
from ratusha.triage.models import TriageResult
from ratusha.triage.precedents import SimilarAppeal, similar_answered
from ratusha.triage.routing_rules import held_by_duty
from ratusha_core.workflow import ActorRole

URGENCY_REASONS = {
    "gas_smell": gettext_lazy("smell of gas"),
    "fire_or_smoke": gettext_lazy("fire or smoke"),
    "fallen_wire": gettext_lazy("fallen wire"),
    "open_manhole": gettext_lazy("open manhole"),
    "collapse_risk": gettext_lazy("risk of collapse"),
    "people_trapped_in_lift": gettext_lazy("people trapped in a lift"),
    "danger_to_life": gettext_lazy("danger to life"),
    "boiling_water_leak": gettext_lazy("hot water leak"),
    "no_heating_in_frost": gettext_lazy("no heating in frost"),
    "no_heating": gettext_lazy("no heating"),
    "flooding": gettext_lazy("flooding"),
    "no_water": gettext_lazy("no water"),
    "no_electricity": gettext_lazy("no electricity"),
    "dog_attacks": gettext_lazy("dog attacks"),
    "icicles_or_falling_objects": gettext_lazy("icicles or falling objects"),
    "fallen_tree": gettext_lazy("fallen tree"),
}
PERSONAL_DATA_KINDS = {
    "name": gettext_lazy("names"),
    "phone": gettext_lazy("phone numbers"),
    "email": gettext_lazy("e-mail addresses"),
    "address": gettext_lazy("addresses"),
    "personal_id": gettext_lazy("personal numbers"),
    "passport": gettext_lazy("passport numbers"),
    "card": gettext_lazy("bank cards"),
    "plate": gettext_lazy("vehicle plates"),
}
LANGUAGES = {
    "be": gettext_lazy("Belarusian"),
    "ru": gettext_lazy("Russian"),
    "en": gettext_lazy("English"),
    "other": gettext_lazy("another language"),
}
# Roles that may accept or correct a suggestion (the workflow still checks each action).
ROUTING_ROLES = frozenset(
    {ActorRole.REGISTRY_CLERK, ActorRole.DEPARTMENT_HEAD, ActorRole.BODY_ADMIN}
)


def urgency_reason_labels(reasons: Iterable[str]) -> list[str]:
    """Give the urgency reason codes in words."""
    return [str(URGENCY_REASONS.get(r, r)) for r in reasons]


def confidence_label(probability: float) -> str:
    """Give a confidence in words, so that a percentage is never the only cue."""
    if probability >= 0.9:
        return _("very likely")
    if probability >= 0.7:
        return _("likely")
    if probability >= 0.4:
        return _("possible")
    return _("unsure")


@dataclass
class Suggestion:
    """One suggested category or department with its confidence."""

    pk: int
    name: str
    percent: int
    label: str

    @property
    def line(self) -> str:
        """Give the suggestion as the panel lists it: "Roads — 87% (likely)"."""
        return f"{self.name} — {self.percent}% ({self.label})"


@dataclass
class SuggestionView:
    """Everything the suggestions panel shows for one appeal."""

    result: TriageResult
    categories: list[Suggestion]
    departments: list[Suggestion]
    reasons: list[str]
    urgency_reasons: list[str]
    language: str
    personal_data: list[str]
    topic: str = ""  # the citizen's topic, when the department suggestion read it
    # What the words alone point to, when the topic changed the first department.
    without_topic: list[Suggestion] = field(default_factory=list)
    duplicates: list[tuple[Appeal, int]] = field(default_factory=list)
    similar: list[SimilarAppeal] = field(default_factory=list)
    may_route: bool = False
    version: int = 0
    routable: bool = False
    # The urgent rule sent it to the duty department, which may pass it on (``held_by_duty``).
    passing_on: bool = False
    next_url: str = ""
    department_options: SafeString = field(default_factory=SafeString)  # "Correct to" options
    accept_url: str = ""
    correct_url: str = ""
    accuracy_url: str = ""
    assistant_use_url: str = ""

    @property
    def top_department(self) -> Suggestion | None:
        return self.departments[0] if self.departments else None

    @property
    def offers_accept(self) -> bool:
        """Tell whether "Accept" moves the appeal (not when the duty department is first)."""
        top = self.top_department
        return top is not None and not (
            self.passing_on and top.pk == self.result.routed_department_id
        )

    @property
    def is_urgent(self) -> bool:
        return self.result.urgency != "normal"


def _suggestions(pairs: list[Any], names: dict[int, str]) -> list[Suggestion]:
    out = []
    for pk, probability in pairs:
        if int(pk) in names:
            out.append(
                Suggestion(
                    int(pk),
                    names[int(pk)],
                    round(100 * float(probability)),
                    confidence_label(float(probability)),
                )
            )
    return out


class _BodyLinks:
    """What the panels of one body's appeals share: the "Correct to" options, the links.

    The options are rendered once for each department a card preselects (QuickSelect,
    as the queue's assign select), not once per card.
    """

    def __init__(self, body_id: int, departments: list[Department]) -> None:
        choices = sorted(
            ((d.pk, d.name) for d in departments if d.body_id == body_id), key=_by_name
        )
        self.select = QuickSelect(choices=choices)
        self.options: dict[int | None, SafeString] = {}
        self.accuracy_url = reverse("triage:accuracy", args=[body_id])
        self.assistant_use_url = reverse("triage:assistant-use", args=[body_id])

    def options_for(self, selected: Suggestion | None) -> SafeString:
        pk = selected.pk if selected else None
        if pk not in self.options:
            self.options[pk] = self.select.rendered_options("department", pk)
        return self.options[pk]


def _by_name(pair: tuple[int, str]) -> str:
    return pair[1]


def _views(user: Any, appeals: list[Appeal], with_links: bool) -> dict[int, SuggestionView]:
    results = results_of(user, [a.pk for a in appeals])
    if not results:
        return {}
    bodies = {a.body_id for a in appeals}
    departments = list(Department.objects.filter(body_id__in=bodies, is_active=True))
    department_names = {d.pk: d.name for d in departments}
    category_ids = {int(pk) for r in results.values() for pk, _p in r.categories}
    category_ids |= {r.topic_id for r in results.values() if r.topic_id is not None}
    category_names = {c.pk: c.name for c in Category.objects.filter(pk__in=category_ids)}
    duplicate_ids = {int(pk) for r in results.values() for pk, _s in r.duplicates}
    visible: dict[int, Appeal] = {}
    if with_links and duplicate_ids:
        visible = appeals_for(user).only("pk", "number", "summary").in_bulk(list(duplicate_ids))
    precedents = similar_answered(user, results.values()) if with_links else {}
    shared: dict[int, _BodyLinks] = {}
    accept, correct = Address("triage:accept"), Address("triage:correct")
    views = {}
    for appeal in appeals:
        result = results.get(appeal.pk)
        if result is None:
            continue
        if appeal.body_id not in shared:
            shared[appeal.body_id] = _BodyLinks(appeal.body_id, departments)
        links = shared[appeal.body_id]
        suggested = _suggestions(result.departments, department_names)
        duty = held_by_duty(appeal, result)
        counts: dict[str, int] = {}
        for span in result.personal_data:
            counts[span["kind"]] = counts.get(span["kind"], 0) + 1
        views[appeal.pk] = SuggestionView(
            result=result,
            categories=_suggestions(result.categories, category_names),
            departments=suggested,
            reasons=list(result.explanation),
            urgency_reasons=urgency_reason_labels(result.urgency_reasons),
            language=str(LANGUAGES.get(result.language, result.language)),
            topic=category_names.get(result.topic_id, "") if result.topic_id else "",
            without_topic=_suggestions(result.without_topic, department_names),
            personal_data=[
                f"{PERSONAL_DATA_KINDS.get(kind, kind)}: {n}" for kind, n in sorted(counts.items())
            ],
            duplicates=[
                (visible[int(pk)], round(100 * float(score)))
                for pk, score in result.duplicates
                if int(pk) in visible
            ],
            similar=[
                replace(precedents[int(pk)], percent=round(100 * float(score)))
                for pk, score in result.similar
                if int(pk) in precedents
            ],
            version=appeal.version,
            routable=appeal.state in ASSIGN_STATES or duty,
            passing_on=duty,
            department_options=links.options_for(suggested[0] if suggested else None),
            accept_url=accept(appeal.pk),
            correct_url=correct(appeal.pk),
            accuracy_url=links.accuracy_url,
            assistant_use_url=links.assistant_use_url,
        )
    return views


def suggestions_context(user: Any, appeal: Appeal) -> dict[str, Any]:
    """Give the appeal page's ``triage`` entry: the suggestions panel, or None."""
    view = _views(user, [appeal], with_links=True).get(appeal.pk)
    if view is not None:
        allowed = REASSIGN_ROLES if view.passing_on else ROUTING_ROLES
        view.may_route = bool(allowed & set(acting_roles(user, appeal)))
    return {"triage": view}


def attach_suggestions(user: Any, appeals: Iterable[Appeal], *, with_links: bool = True) -> None:
    """Give each appeal of a queue page its ``triage_view`` (the clerk may route them all).

    Without ``with_links`` the duplicates and similar answered appeals are not read (the
    accept-many list shows the suggested department only).
    """
    listed = list(appeals)
    views = _views(user, listed, with_links=with_links)
    for appeal in listed:
        view = views.get(appeal.pk)
        if view is not None:
            view.may_route = True
        appeal.triage_view = view  # type: ignore[attr-defined]
