"""The administrator's pages for cold-start triage: each category's keywords and examples.

Until a body has enough answered appeals to train a model, triage suggests categories
from these words and example appeals. Only those who may change a body's categories (its
administrators) see the pages; anyone else gets a 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusha.appeals.views_staff.common import paginate, staff_view
from ratusha.bodies import access as body_access
from ratusha.bodies.actions import check_edit_category_examples
from ratusha.bodies.models import Category
from ratusha.triage.actions import cold_start_for
from ratusha.triage.models import Target
from ratusha.triage.presentation import confidence_label
from ratusha_core.permissions import Action

PER_PAGE = 20


class ExamplesForm(forms.Form):
    """A category's keywords and example appeals, one per line."""

    keywords = forms.CharField(
        label=gettext_lazy("Keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One word or phrase per line, in any of the three languages. A word matches "
            "its other endings too."
        ),
    )
    examples = forms.CharField(
        label=gettext_lazy("Example appeals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "One short appeal per line, as a citizen would write it, in Belarusian, Russian "
            "or English. Three to five per language are enough."
        ),
    )


def _editable(request: HttpRequest) -> Q:
    return Q(pk__in=body_access.visible(request.user, Category, Action.CHANGE).values("pk"))


class TryForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Try a text"), max_length=2000, required=False)


@staff_view
def category_examples(request: HttpRequest, pk: int) -> HttpResponse:
    """List a body's categories with their keywords and examples, searchable, with a try-out."""
    body = body_access.access_body(request.user, pk)
    categories = (
        body_access.categories_of(request.user, body).filter(_editable(request)).order_by("code")
    )
    if not categories.exists():
        raise Http404
    query = request.GET.get("q", "").strip()
    if query:
        categories = categories.filter(
            Q(code__icontains=query)
            | Q(name_be__icontains=query)
            | Q(name_ru__icontains=query)
            | Q(name_en__icontains=query)
            | Q(keywords__icontains=query)
            | Q(examples__icontains=query)
        )
    trial = TryForm(request.GET or None)
    guesses = []
    if trial.is_valid() and trial.cleaned_data["text"]:
        classifier = cold_start_for(body.pk, Target.CATEGORY)
        if classifier is not None:
            prediction = classifier.predict(trial.cleaned_data["text"])
            names = {str(c.pk): c.name for c in Category.objects.filter(body=body)}
            guesses = [
                (names.get(label, label), round(100 * p), confidence_label(p))
                for label, p in prediction.top
            ]
    page = paginate(request, categories, PER_PAGE)
    for category in page.object_list:
        category.keyword_lines = [k for k in category.keywords.splitlines() if k.strip()]
        category.example_lines = [e for e in category.examples.splitlines() if e.strip()]
    context = {"body": body, "page": page, "query": query, "trial": trial, "guesses": guesses}
    return render(request, "triage/category_examples.html", context)


@staff_view
def edit_category_examples(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one category's keywords and examples; a refused form keeps what was typed."""
    category = body_access.access(request.user, Category, pk, Action.CHANGE)
    status = 200
    if request.method == "POST":
        form = ExamplesForm(request.POST)
        if form.is_valid():
            try:
                check_edit_category_examples(
                    request.user,
                    category,
                    form.cleaned_data["keywords"],
                    form.cleaned_data["examples"],
                )
            except ValidationError as invalid:
                for field, errors in invalid.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(
                    request,
                    _("The keywords and examples of %(name)s are saved.") % {"name": category.name},
                )
                return redirect("triage:category-examples", category.body_id)
        status = 400
    else:
        form = ExamplesForm(initial={"keywords": category.keywords, "examples": category.examples})
    context = {"category": category, "body": category.body, "form": form}
    return render(request, "triage/edit_category_examples.html", context, status=status)
