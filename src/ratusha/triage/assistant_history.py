"""The assistant's uses as lines of an appeal's staff history: what was asked, with figures.

>>> history_lines(officer, appeal)[0].text  # doctest: +SKIP
'Draft asked of the assistant — model local-model, 1,234 characters sent, 30.0 s, ...'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusha.appeals.models import Appeal
from ratusha.triage import access
from ratusha.triage.models import AssistantKind, AssistantUse

LABELS = {
    AssistantKind.DRAFT: gettext_lazy("Draft asked of the assistant"),
    AssistantKind.SUMMARY: gettext_lazy("Cluster summary asked of the assistant"),
}

# Why a use gave no text (ratusha_core.triage.assistant.AssistantError kinds).
FAILURES = {
    "config": gettext_lazy("wrong address"),
    "timeout": gettext_lazy("no answer in time"),
    "unreachable": gettext_lazy("not reachable"),
    "http": gettext_lazy("refused"),
}


@dataclass(frozen=True)
class HistoryLine:
    """One use of the assistant as the staff history shows it (always internal)."""

    at: datetime
    actor: str
    role: str  # the workflow role the person acted in, as stored
    label: str
    figures: str

    @property
    def text(self) -> str:
        return f"{self.label} — {self.figures}"


def _count(value: int) -> str:
    return number_format(value, force_grouping=True)


def figures_of(use: AssistantUse) -> str:
    """Give the figures of one use in words: model, sizes, tokens, time and outcome."""
    parts = [_("model %(model)s") % {"model": use.model or "—"}]
    parts.append(
        ngettext("%(count)s character sent", "%(count)s characters sent", use.sent_chars)
        % {"count": _count(use.sent_chars)}
    )
    if use.ok:
        parts.append(
            ngettext(
                "%(count)s character received", "%(count)s characters received", use.reply_chars
            )
            % {"count": _count(use.reply_chars)}
        )
    if use.prompt_tokens is not None or use.completion_tokens is not None:
        parts.append(
            _("tokens %(prompt)s in, %(completion)s out")
            % {
                "prompt": "—" if use.prompt_tokens is None else _count(use.prompt_tokens),
                "completion": "—"
                if use.completion_tokens is None
                else _count(use.completion_tokens),
            }
        )
    if use.gaps is not None:
        parts.append(
            ngettext("%(count)s gap to fill", "%(count)s gaps to fill", use.gaps)
            % {"count": _count(use.gaps)}
        )
    if use.cluster_appeals is not None:
        parts.append(
            ngettext("%(count)s appeal", "%(count)s appeals", use.cluster_appeals)
            % {"count": _count(use.cluster_appeals)}
        )
    parts.append(_("%(seconds)s s") % {"seconds": number_format(use.seconds, 1)})
    if not use.ok:
        reason = FAILURES.get(use.error, gettext_lazy("no usable text"))
        parts.append(_("failed: %(reason)s") % {"reason": reason})
    return ", ".join(parts)


def history_lines(user: Any, appeal: Appeal) -> list[HistoryLine]:
    """Give the uses of the assistant on the appeal as history lines, oldest first.

    Empty unless the user may see the appeal (``access.assistant_uses_on``).
    """
    return [
        HistoryLine(
            at=use.at,
            actor=use.actor.full_name if use.actor else "",
            role=use.actor_role,
            label=str(LABELS.get(use.kind, use.kind)),
            figures=figures_of(use),
        )
        for use in access.assistant_uses_on(user, appeal)
    ]
