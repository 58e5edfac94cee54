"""Writes to a body's templates: answers officers start a draft from, and common questions
they ask applicants. Only those who may change the body's templates (its administrators)
write them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ratusha.accounts.permissions import can
from ratusha.appeals.actions.errors import AppealInvalid
from ratusha.appeals.models import AnswerTemplate, TemplateKind
from ratusha.appeals.template_text import placeholders_in, unknown_placeholders
from ratusha.bodies.models import Body
from ratusha_core.permissions import Action

MAX_TITLE = 200
MAX_TEXT = 20000


def check_save_template(
    user: Any, body: Body, template: AnswerTemplate | None, kind: str, title: str, text: str
) -> AnswerTemplate:
    """Create a template in the body (``template`` None) or change one; give it.

    Raises ``PermissionDenied`` unless the user may change the body's templates, and
    ``AppealInvalid`` (by field) for a missing or too long title or text, an unknown
    kind, an answer with a ``{...}`` that is no placeholder, or a question with one.
    """
    row = template or AnswerTemplate(body=body)
    if row.body_id != body.pk or not can(user, Action.CHANGE, row):
        raise PermissionDenied
    title, text = title.strip(), text.strip()
    errors: dict[str, list[Any]] = {}
    if kind not in TemplateKind.values:
        errors["kind"] = [_("Choose whether it is an answer or a question.")]
    if not title or len(title) > MAX_TITLE:
        errors["title"] = [_("Give a title of at most %(n)d characters.") % {"n": MAX_TITLE}]
    if not text or len(text) > MAX_TEXT:
        errors["text"] = [_("Give a text of at most %(n)d characters.") % {"n": MAX_TEXT}]
    elif kind == TemplateKind.ANSWER and (unknown := unknown_placeholders(text)):
        errors["text"] = [
            _("Unknown placeholders: %(names)s. An answer can use {number}, {date} and {name}.")
            % {"names": ", ".join(unknown)}
        ]
    elif kind == TemplateKind.QUESTION and (used := placeholders_in(text)):
        errors["text"] = [
            _(
                "A common question is not filled in: write it as the applicant will read it, "
                "without %(names)s."
            )
            % {"names": ", ".join(used)}
        ]
    if errors:
        raise AppealInvalid(errors)
    row.kind, row.title, row.text = kind, title, text
    with transaction.atomic():
        row.save()
    return row


def check_delete_template(user: Any, template: AnswerTemplate) -> None:
    """Delete the template (drafts and questions made from it keep their text)."""
    if not can(user, Action.CHANGE, template):
        raise PermissionDenied
    template.delete()
