"""A body's templates on a staff page: the answers officers start a draft from, and the
common questions they ask applicants. Staff of the body read them; its administrators add,
change and delete them (deleting asks for confirmation first)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ratusha.accounts.permissions import can
from ratusha.appeals.actions import AppealInvalid
from ratusha.appeals.actions.templates import (
    MAX_TEXT,
    MAX_TITLE,
    check_delete_template,
    check_save_template,
)
from ratusha.appeals.models import AnswerTemplate, TemplateKind
from ratusha.appeals.views_staff.common import staff_view
from ratusha.bodies import access
from ratusha.bodies.models import Body
from ratusha.form_errors import add_errors
from ratusha_core.permissions import Action


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[
            (TemplateKind.ANSWER.value, gettext_lazy("An answer officers start a draft from")),
            (TemplateKind.QUESTION.value, gettext_lazy("A common question to applicants")),
        ],
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=MAX_TITLE)
    text = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "In an answer, {number}, {date} and {name} are replaced by the appeal's number, "
            "its date of registration and the applicant's name."
        ),
    )


def _templates_of(request: HttpRequest, pk: int) -> tuple[Body, bool]:
    """Give the body and whether the user may change its templates."""
    body = access.access_body(request.user, pk)
    return body, can(request.user, Action.CHANGE, AnswerTemplate(body=body))


@staff_view
def templates_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's answer templates and common questions, by title."""
    body, may_change = _templates_of(request, pk)
    rows = list(access.visible(request.user, AnswerTemplate).filter(body=body).order_by("title"))
    if not rows and not may_change:
        raise Http404
    context = {
        "body": body,
        "may_change": may_change,
        "answers": [t for t in rows if t.kind == TemplateKind.ANSWER],
        "questions": [t for t in rows if t.kind == TemplateKind.QUESTION],
    }
    return render(request, "appeals/staff/templates_list.html", context)


@require_http_methods(["GET", "POST"])
@staff_view
def template_edit(request: HttpRequest, pk: int, template_pk: int | None = None) -> HttpResponse:
    """Add a template (``template_pk`` None; ``?kind=question`` for a question) or change one."""
    body, may_change = _templates_of(request, pk)
    if not may_change:
        raise PermissionDenied
    template = _template(request, body, template_pk) if template_pk else None
    if request.method != "POST":
        initial: dict[str, Any] = {"kind": request.GET.get("kind") or TemplateKind.ANSWER}
        if template is not None:
            initial = {"kind": template.kind, "title": template.title, "text": template.text}
        form = TemplateForm(initial=initial)
        return _form_page(request, body, template, form)
    form = TemplateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            check_save_template(
                request.user, body, template, data["kind"], data["title"], data["text"]
            )
        except AppealInvalid as invalid:
            add_errors(form, invalid.errors)
        else:
            messages.success(request, _("The template is saved."))
            return redirect("appeals:templates", pk=body.pk)
    return _form_page(request, body, template, form, status=400)


def _form_page(
    request: HttpRequest,
    body: Body,
    template: AnswerTemplate | None,
    form: TemplateForm,
    status: int = 200,
) -> HttpResponse:
    context = {"body": body, "template": template, "form": form}
    return render(request, "appeals/staff/template_form.html", context, status=status)


def _template(request: HttpRequest, body: Body, template_pk: int) -> AnswerTemplate:
    found = access.visible(request.user, AnswerTemplate, Action.CHANGE).filter(
        body=body, pk=template_pk
    )
    template = found.first()
    if template is None:
        raise Http404
    return template


@require_http_methods(["GET", "POST"])
@staff_view
def template_delete(request: HttpRequest, pk: int, template_pk: int) -> HttpResponse:
    """Ask "are you sure?", then delete the template."""
    body, may_change = _templates_of(request, pk)
    if not may_change:
        raise PermissionDenied
    template = _template(request, body, template_pk)
    if request.method == "POST":
        check_delete_template(request.user, template)
        messages.success(
            request, _("The template “%(title)s” is deleted.") % {"title": template.title}
        )
        return redirect("appeals:templates", pk=body.pk)
    context = {"body": body, "template": template}
    return render(request, "appeals/staff/template_delete.html", context)
