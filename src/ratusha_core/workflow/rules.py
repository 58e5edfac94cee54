"""The settings the state machine runs with: a transition table plus policy switches."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from ratusha_core.deadlines.policy import AppealsPolicy, BelarusAppealsLaw2023
from ratusha_core.workflow.states import FINAL_STATES
from ratusha_core.workflow.transitions import TRANSITIONS, Action, Transition


@dataclass(frozen=True, kw_only=True)
class WorkflowRules:
    """A transition table and the policy switches its guards read.

    Build it from a deadlines policy with `WorkflowRules.from_policy`. Two rows for the
    same action are refused (no silent overwrite), as is a row leaving a final state.
    """

    transitions: tuple[Transition, ...] = TRANSITIONS
    without_consideration_reasons: frozenset[str] = frozenset()
    max_extensions: int = 1
    extension_requires_reason: bool = True
    extension_requires_applicant_notice: bool = True
    extension_only_before_due: bool = True
    late_forwarding_refused: bool = False
    # The "on the merits" rule needs the appeal's questions; an answer to an appeal with
    # none recorded cannot be checked, so it is refused unless this is switched off.
    require_recorded_questions: bool = True
    _by_action: MappingProxyType[Action, Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_action: dict[Action, Transition] = {}
        for row in self.transitions:
            if row.action in by_action:
                raise ValueError(f"the transition table lists {row.action} twice")
            leaving_final = row.sources & FINAL_STATES
            if leaving_final:
                raise ValueError(f"{row.action} leaves final states {sorted(leaving_final)}")
            if not row.sources or not row.roles:
                raise ValueError(f"{row.action} needs at least one source state and one role")
            by_action[row.action] = row
        object.__setattr__(self, "_by_action", MappingProxyType(by_action))

    @classmethod
    def from_policy(
        cls, policy: AppealsPolicy, transitions: tuple[Transition, ...] = TRANSITIONS
    ) -> WorkflowRules:
        """Give the rules that apply `policy` to the transition table."""
        return cls(
            transitions=transitions,
            without_consideration_reasons=policy.without_consideration_reasons,
            max_extensions=policy.max_extensions,
            extension_requires_reason=policy.extension_requires_reason,
            extension_requires_applicant_notice=policy.extension_requires_applicant_notice,
            extension_only_before_due=policy.extension_only_before_due,
            late_forwarding_refused=policy.late_forwarding_refused,
        )

    def transition(self, action: str) -> Transition | None:
        """Give the table row for `action`, or None if the table has no such action."""
        try:
            return self._by_action.get(Action(action))
        except ValueError:
            return None


# The first jurisdiction; a body selects its own policy in its settings.
BELARUS_2023_RULES = WorkflowRules.from_policy(BelarusAppealsLaw2023())
