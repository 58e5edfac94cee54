"""The administrator's page of the categories a clerk always decides (never routed by the AI).

Only those who may change the body (its administrators, administrators of a higher body,
system administrators) see it; anyone else gets a 404, like the models page it hangs from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusha.appeals.views_staff.common import staff_view
from ratusha.bodies.models import Category
from ratusha.triage.actions_category_routing import check_set_category_routing
from ratusha.triage.views_models import changeable_body


class CategoryRoutingForm(forms.Form):
    """The body's categories that are routed automatically (ticked); the others a clerk decides."""

    auto = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Categories routed automatically"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Untick a category and a clerk decides every appeal of it: triage only suggests "
            "a department, however sure the AI is."
        ),
    )

    def __init__(self, categories: list[Category], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="routing-%s", **kwargs)
        auto: Any = self.fields["auto"]
        auto.choices = [(c.pk, c.name) for c in categories]

    def ticked(self) -> set[str]:
        """Give the ids ticked now: as posted (kept on an error), else as stored."""
        return {str(value) for value in self["auto"].value() or ()}


@dataclass
class Branch:
    """A category with its sub-categories, for the nested list of checkboxes."""

    category: Category
    children: list[Branch] = field(default_factory=list)


def _tree(categories: list[Category]) -> list[Branch]:
    """Give the categories as a tree: sub-categories under their parent, each level by code."""
    branches = {c.pk: Branch(c) for c in categories}
    roots = []
    for category in categories:  # already ordered by code
        parent = branches.get(category.parent_id) if category.parent_id else None
        (parent.children if parent else roots).append(branches[category.pk])
    return roots


def _saved_message(manual: int) -> str:
    if not manual:
        return _(
            "Saved: appeals of every category are routed automatically when the AI is sure enough."
        )
    return ngettext(
        "Saved: a clerk always decides the appeals of %(count)s category; the others are "
        "routed automatically when the AI is sure enough.",
        "Saved: a clerk always decides the appeals of %(count)s categories; the others are "
        "routed automatically when the AI is sure enough.",
        manual,
    ) % {"count": manual}


@staff_view
def page(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the body's categories with a "routed automatically" box each, and save them."""
    body = changeable_body(request, pk)
    categories = list(Category.objects.filter(body=body).order_by("code"))
    status = 200
    if request.method == "POST":
        form = CategoryRoutingForm(categories, request.POST)
        if form.is_valid():
            auto = set(form.cleaned_data["auto"])
            manual = {c.pk for c in categories} - auto
            try:
                changed = check_set_category_routing(request.user, body, manual)
            except ValidationError as refused:
                form.add_error("auto", refused)
            else:
                if changed:
                    messages.success(request, _saved_message(len(manual)))
                else:
                    messages.info(request, _("The categories were already so; nothing changed."))
                return redirect("triage:models", body.pk)
        status = 422
    else:
        form = CategoryRoutingForm(categories, initial={"auto": _routed(categories)})
    context = {"body": body, "form": form, "tree": _tree(categories), "ticked": form.ticked()}
    return render(request, "triage/category_routing.html", context, status=status)


def _routed(categories: list[Category]) -> list[int]:
    return [c.pk for c in categories if c.auto_route]
