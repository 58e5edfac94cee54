"""The optional language-model assistant as officers use it: a draft answer, a cluster summary.

Off unless ``RATUSHA_LLM_BASE_URL`` and ``RATUSHA_LLM_MODEL`` are set. Only redacted texts
leave the server: personal data is replaced by placeholders first. In a draft, the
appeal's own data gets numbered placeholders (``[NAME_1]``, ``[PHONE_1]``) whose values
stay in memory for the request; once the model answers they are filled back in, here, for
the officer, and the bracketed places left are shown as gaps to fill. What the model
writes is shown to the officer to edit; nothing here stores or sends an answer. Each use
is recorded as an ``AssistantUse`` of the appeal (figures only, never the texts).

    >>> from ratusha.triage.assistant import draft_for
    >>> draft_for(officer, appeal).text  # doctest: +SKIP
    'Паважаны(ая) Ганна Жук! ... да [дата рамонту].'
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusha.appeals import selectors
from ratusha.appeals.access import appeals_for
from ratusha.appeals.models import Answer, AnswerTemplate, Appeal
from ratusha.triage.actions_assistant import UseFigures, do_record_assistant_use
from ratusha.triage.models import AssistantKind, TriageResult
from ratusha_core.triage import assistant as core
from ratusha_core.triage.personal_data import PersonalDataSpan, find_personal_data, redact
from ratusha_core.triage.personal_data.placeholders import (
    FilledText,
    PlaceholderBook,
    Segment,
    fill_placeholders,
    redact_numbered,
)

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


@dataclass(frozen=True)
class AssistantDraft:
    """The assistant's draft as the officer sees it: filled in, with the gaps it left."""

    reply: core.AssistantReply
    filled: FilledText

    @property
    def text(self) -> str:
        """Give the draft with the appeal's personal data filled back in."""
        return self.filled.text

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Give the draft in pieces, so that a page can highlight the gaps."""
        return self.filled.segments

    @property
    def gaps(self) -> tuple[str, ...]:
        """Give the bracketed places the officer still has to fill, in order."""
        return self.filled.gaps

    @property
    def cut_short(self) -> bool:
        """Tell whether the model stopped at its length limit."""
        return self.reply.cut_short


def _spans(text: str, language: str | None) -> tuple[PersonalDataSpan, ...]:
    use_ner = getattr(settings, "RATUSHA_TRIAGE_NER", True)
    lang = language if language in ("be", "ru", "en") else None
    return find_personal_data(text, lang, use_ner=use_ner)


def redacted(text: str, language: str | None) -> str:
    """Give the text with its personal data replaced by typed placeholders."""
    return redact(text, _spans(text, language))


def numbered(text: str, language: str | None, book: PlaceholderBook) -> str:
    """Give the text with its personal data replaced by numbered placeholders kept in the book."""
    return redact_numbered(text, _spans(text, language), book)


def _record(
    user: Any,
    appeal: Appeal,
    kind: AssistantKind,
    config: core.AssistantConfig,
    sent: int,
    started: float,
    reply: core.AssistantReply | None = None,
    failed: core.AssistantError | None = None,
    **figures: int,
) -> None:
    """Record the use in the appeal's staff history: figures only, never the texts."""
    measured = UseFigures(
        model=config.model,
        sent_chars=sent,
        seconds=round(time.monotonic() - started, 2),
        ok=reply is not None,
        reply_model=reply.model if reply is not None else "",
        reply_chars=len(reply.text) if reply is not None else 0,
        prompt_tokens=reply.prompt_tokens if reply is not None else None,
        completion_tokens=reply.completion_tokens if reply is not None else None,
        error=failed.kind if failed is not None else "",
        **figures,
    )
    do_record_assistant_use(appeal, kind, user, measured)


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


def draft_request(
    user: Any, appeal: Appeal, notes: str = "", book: PlaceholderBook | None = None
) -> core.DraftRequest:
    """Give what the assistant drafts from: the redacted appeal, templates and precedents.

    The appeal, its questions, the officer's notes and the applicant's name are redacted
    with numbered placeholders written into ``book`` (a fresh one when not given). The
    precedents are other people's appeals: their placeholders stay bare, so that nothing of
    theirs can be filled into this answer.
    """
    book = PlaceholderBook() if book is None else book
    lang = appeal.language
    applicant = appeal.applicant_name.strip()
    return core.DraftRequest(
        applicant=book.placeholder_for("name", applicant) if applicant else "",
        appeal=numbered(appeal.text, lang, book),
        language=lang,
        body=getattr(appeal.body, f"name_{lang}", "") or appeal.body.name,
        questions=tuple(numbered(q.text, lang, book) for q in appeal.questions.all()),
        templates=tuple(
            AnswerTemplate.objects.filter(body_id=appeal.body_id, kind="answer").values_list(
                "title", "text"
            )
        ),
        precedents=_precedents(user, appeal),
        notes=numbered(notes, lang, book),
    )


def _template_fields(appeal: Appeal) -> dict[str, str]:
    """Give the markers of the body's templates the model may copy, with their values."""
    registered = selectors.local_today(appeal.body.time_zone, appeal.registered_at)
    return {
        "{number}": appeal.number,
        "{date}": date_format(registered, "SHORT_DATE_FORMAT"),
        "{name}": appeal.applicant_name,
    }


def draft_for(
    user: Any, appeal: Appeal, notes: str = "", transport: core.Transport | None = None
) -> AssistantDraft:
    """Give the assistant's draft answer to an appeal the user may read, filled in.

    The use is recorded in the appeal's staff history, whether the model answered or not.
    Raises ``AssistantUnavailable`` when the assistant is off or fails.
    """
    config = assistant_config()
    if config is None:
        raise AssistantUnavailable(_("The assistant is not set up on this installation."))
    book = PlaceholderBook()
    messages = core.draft_messages(draft_request(user, appeal, notes, book))
    sent, started = core.message_chars(messages), time.monotonic()
    try:
        reply = core.ask(config, messages, transport or core.urllib_transport)
    except core.AssistantError as failed:
        log.warning("assistant draft for %s failed: %s", appeal.number, failed.kind)
        _record(user, appeal, AssistantKind.DRAFT, config, sent, started, failed=failed)
        raise AssistantUnavailable(_explain(failed)) from failed
    filled = fill_placeholders(
        reply.text, book, greeting_name=appeal.applicant_name, fields=_template_fields(appeal)
    )
    _record(user, appeal, AssistantKind.DRAFT, config, sent, started, reply, gaps=len(filled.gaps))
    log.info(
        "assistant drafted an answer for %s (%s tokens out, %d gaps)",
        appeal.number,
        reply.completion_tokens,
        len(filled.gaps),
    )
    return AssistantDraft(reply, filled)


def summarise_cluster(
    user: Any,
    appeal: Appeal,
    appeals: Iterable[Appeal],
    transport: core.Transport | None = None,
) -> core.AssistantReply:
    """Give a short summary of a cluster's appeals, in the officer's language.

    ``appeal`` is the one the officer asked from: the use is recorded in its staff history.
    The caller gives appeals the officer may read (for example ``clusters.cluster_of``);
    their texts are read again here, oldest first, and redacted before they are sent. The
    summary keeps its placeholders: it is about the problem, not the people.
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
    messages = core.cluster_messages(members, language)
    sent, started = core.message_chars(messages), time.monotonic()
    record = partial(_record, user, appeal, AssistantKind.SUMMARY, config, sent, started)
    try:
        reply = core.ask(config, messages, transport or core.urllib_transport)
    except core.AssistantError as failed:
        log.warning("assistant summary of %d appeals failed: %s", len(members), failed.kind)
        record(failed=failed, cluster_appeals=len(members))
        raise AssistantUnavailable(_explain(failed)) from failed
    record(reply, cluster_appeals=len(members))
    return reply
