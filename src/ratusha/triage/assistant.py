"""The optional language-model assistant as officers use it: a draft answer, a cluster summary.

Off unless ``RATUSHA_LLM_BASE_URL`` and ``RATUSHA_LLM_MODEL`` are set. Only redacted texts
leave the server: personal data is replaced by typed placeholders first. What the model
writes is shown to the officer to edit; nothing here stores or sends an answer.

    >>> from ratusha.triage.assistant import draft_for
    >>> draft_for(officer, appeal).text  # doctest: +SKIP
    'Паважаны(ая) [NAME]! ...'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Answer, AnswerTemplate, Appeal
from ratusha.triage.models import TriageResult
from ratusha_core.triage import assistant as core
from ratusha_core.triage.personal_data import find_personal_data, redact

log = logging.getLogger(__name__)


class AssistantUnavailable(Exception):
    """The assistant could not help this time; ``message`` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def assistant_config() -> core.AssistantConfig | None:
    """Give the assistant's settings, or None when it is not configured (the default)."""
    base_url = getattr(settings, "RATUSHA_LLM_BASE_URL", "") or ""
    model = getattr(settings, "RATUSHA_LLM_MODEL", "") or ""
    if not base_url.strip() or not model.strip():
        return None
    return core.AssistantConfig(
        base_url=base_url.strip(),
        model=model.strip(),
        api_key=getattr(settings, "RATUSHA_LLM_API_KEY", "") or "",
        timeout=float(getattr(settings, "RATUSHA_LLM_TIMEOUT_SECONDS", 30)),
    )


def is_enabled() -> bool:
    """Tell whether the assistant is configured."""
    return assistant_config() is not None


def _explain(error: core.AssistantError) -> str:
    messages = {
        "config": _("The assistant is set up with a wrong address. Tell the administrator."),
        "timeout": _("The assistant did not answer in time. Try again later, or write alone."),
        "unreachable": _("The assistant cannot be reached now. Try again later, or write alone."),
        "http": _("The assistant refused the request. Try again later, or write alone."),
    }
    return messages.get(
        error.kind, _("The assistant gave no usable text. Try again, or write alone.")
    )


def redacted(text: str, language: str | None) -> str:
    """Give the text with its personal data replaced by typed placeholders."""
    use_ner = getattr(settings, "RATUSHA_TRIAGE_NER", True)
    lang = language if language in ("be", "ru", "en") else None
    return redact(text, find_personal_data(text, lang, use_ner=use_ner))


def _last_answers(appeal_ids: list[int]) -> dict[int, str]:
    answers: dict[int, str] = {}
    sent = Answer.objects.filter(appeal_id__in=appeal_ids, sent_at__isnull=False)
    for appeal_id, text in sent.order_by("appeal_id", "-sent_at").values_list("appeal_id", "text"):
        answers.setdefault(appeal_id, text)
    return answers


def _precedents(user: Any, appeal: Appeal) -> tuple[core.Precedent, ...]:
    """Give the similar answered appeals the officer may read, with their answers, redacted."""
    result = TriageResult.objects.filter(appeal=appeal).only("similar").first()
    ids = [int(pk) for pk, _score in (result.similar if result else [])]
    if not ids:
        return ()
    found = appeals_for(user).filter(pk__in=ids).in_bulk(ids)
    answers = _last_answers(list(found))
    return tuple(
        core.Precedent(
            redacted(found[pk].text, found[pk].language),
            redacted(answers[pk], found[pk].language),
        )
        for pk in ids
        if pk in found and pk in answers
    )


def draft_request(user: Any, appeal: Appeal, notes: str = "") -> core.DraftRequest:
    """Give what the assistant drafts from: the redacted appeal, templates and precedents."""
    lang = appeal.language
    return core.DraftRequest(
        appeal=redacted(appeal.text, lang),
        language=lang,
        body=getattr(appeal.body, f"name_{lang}", "") or appeal.body.name,
        questions=tuple(redacted(q.text, lang) for q in appeal.questions.all()),
        templates=tuple(
            AnswerTemplate.objects.filter(body_id=appeal.body_id).values_list("title", "text")
        ),
        precedents=_precedents(user, appeal),
        notes=redacted(notes, lang),
    )


def draft_for(
    user: Any, appeal: Appeal, notes: str = "", transport: core.Transport | None = None
) -> core.AssistantReply:
    """Give the assistant's draft answer to an appeal the user may read.

    Raises ``AssistantUnavailable`` when the assistant is off or fails.
    """
    config = assistant_config()
    if config is None:
        raise AssistantUnavailable(_("The assistant is not set up on this installation."))
    request = draft_request(user, appeal, notes)
    try:
        reply = core.draft_answer(config, request, transport or core.urllib_transport)
    except core.AssistantError as failed:
        log.warning("assistant draft for %s failed: %s", appeal.number, failed.kind)
        raise AssistantUnavailable(_explain(failed)) from failed
    log.info(
        "assistant drafted an answer for %s (%s tokens out)",
        appeal.number,
        reply.completion_tokens,
    )
    return reply


def summarise_cluster(
    appeals: Iterable[Appeal], transport: core.Transport | None = None
) -> core.AssistantReply:
    """Give a short summary of a cluster's appeals, in the officer's language.

    The caller gives appeals the officer may read (for example ``clusters.cluster_of``);
    their texts are read again here, oldest first, and redacted before they are sent.
    Raises ``AssistantUnavailable`` when the assistant is off or fails.
    """
    config = assistant_config()
    if config is None:
        raise AssistantUnavailable(_("The assistant is not set up on this installation."))
    ids = [a.pk for a in appeals]
    rows = (
        Appeal.objects.filter(pk__in=ids)
        .order_by("registered_at", "pk")
        .values_list("number", "registered_at", "text", "language")
    )
    members = [
        core.ClusterAppeal(number, registered.date().isoformat(), redacted(text, lang))
        for number, registered, text, lang in rows
    ]
    if len(members) < 2:
        raise AssistantUnavailable(_("A cluster needs at least two appeals to summarise."))
    language = (translation.get_language() or "be")[:2]
    try:
        return core.summarise_cluster(config, members, language, transport or core.urllib_transport)
    except core.AssistantError as failed:
        log.warning("assistant summary of %d appeals failed: %s", len(members), failed.kind)
        raise AssistantUnavailable(_explain(failed)) from failed
