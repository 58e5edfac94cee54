"""What the state machine reads and writes: snapshots, events, results and refusals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

from ratusha_core.workflow.states import ActorRole, AppealState
from ratusha_core.workflow.transitions import Action

JsonValue = str | int | bool | None


@dataclass(frozen=True)
class QuestionStatus:
    """One question raised in an appeal, and whether the answer covers it."""

    question_id: str
    answered: bool


@dataclass(frozen=True)
class AppealSnapshot:
    """The facts about one appeal that the state machine needs.

    `due_date` and `forward_by` are the last days of the answer and forwarding terms,
    computed by `ratusha_core.deadlines` in the body's `time_zone` (None: no term, as for
    an anonymous appeal). `version` grows by one on every transition; store it and
    update with `WHERE version = old` so two officers never overwrite each other.
    """

    state: AppealState
    registered_at: datetime
    time_zone: str
    appeal_id: str = ""
    version: int = 0
    changed_at: datetime | None = None
    questions: tuple[QuestionStatus, ...] = ()
    due_date: date | None = None
    forward_by: date | None = None
    extensions_used: int = 0
    department: str | None = None
    executor: str | None = None
    # The executor asked the applicant for more information and no reply has come yet.
    information_requested: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "state", AppealState(self.state))  # rows hold plain strings
        for name, moment in (
            ("registered_at", self.registered_at),
            ("changed_at", self.changed_at),
        ):
            if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
                raise ValueError(f"{name} must be a timezone-aware datetime")
        if self.version < 0 or self.extensions_used < 0:
            raise ValueError("version and extensions_used cannot be negative")

    @property
    def last_change(self) -> datetime:
        """Give the moment of the latest transition (registration if none)."""
        return self.changed_at or self.registered_at


@dataclass(frozen=True)
class TransitionEvent:
    """The record of one transition: who, when, from where to where, why, and details.

    `extra` holds JSON-ready values (dates as ISO strings). `public` says whether the
    citizen's history shows it. `version` is the snapshot version after the event.
    """

    action: Action
    actor_role: ActorRole
    at: datetime
    from_state: AppealState
    to_state: AppealState
    reason: str
    extra: Mapping[str, JsonValue]
    public: bool
    version: int


@dataclass(frozen=True)
class TransitionResult:
    """The appeal after an action, and the event to store with it."""

    snapshot: AppealSnapshot
    event: TransitionEvent


class TransitionRefused(Exception):
    """An action the rules do not allow.

    `code` is stable (the Django side translates by it), `message` is English for logs
    and tests, and `params` holds the values a translated message needs.
    """

    def __init__(
        self,
        code: str,
        message: str,
        params: Mapping[str, str] | None = None,
        *,
        action: str = "",
        state: AppealState | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params: Mapping[str, str] = MappingProxyType(dict(params or {}))
        self.action = action
        self.state = state

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"
