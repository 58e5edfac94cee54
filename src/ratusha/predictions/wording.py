"""The translated words of predictions: suggested actions and the names of series."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def action_text(code: str, category: str, place: str) -> str:
    """Give the suggested action as text in the active language."""
    texts = {
        "inspect_and_fix": _(
            "Send a team to inspect %(place)s and fix the cause of the repeated "
            "'%(category)s' appeals there once, instead of answering each appeal on its own."
        ),
        "plan_works": _(
            "The '%(category)s' appeals at %(place)s are growing: plan repair works there "
            "and tell the residents when they will be done."
        ),
        "answer_together": _(
            "Answer the '%(category)s' appeals at %(place)s together and publish the "
            "answer, so that residents see the problem is known."
        ),
    }
    text = texts.get(code, texts["inspect_and_fix"])
    return text % {"category": category, "place": place or _("this place")}


def scope_label(department: Any, category: Any, scope: str, place: str = "") -> str:
    """Give what a spike alert's series is about, for a person."""
    if scope.startswith("area:"):
        return _("%(category)s at %(place)s") % {
            "category": category,
            "place": place or _("one place on the hotspot map"),
        }
    if category is not None:
        return _("Category: %(name)s") % {"name": category}
    if department is not None:
        return _("Department: %(name)s") % {"name": department}
    return _("Whole body")


def reason_labels(codes: list[str]) -> list[str]:
    """Give the reasons of a deadline risk as words in the active language."""
    labels = {
        "overdue": _("already past its deadline"),
        "few_days_no_draft": _("few days left and no draft answer"),
        "not_assigned": _("not assigned to an executor yet"),
        "department_busy": _("the department has more open appeals than usual"),
        "executor_often_late": _("the executor's answers were often late"),
        "category_often_late": _("answers in this category were often late"),
        "complex": _("a long or collective appeal with several questions"),
    }
    return [str(labels.get(code, code)) for code in codes]
