"""Every write to appeals. ``do_*`` trusts its input and is atomic; ``check_*`` validates first.

Side effects (tasks, e-mail, later the ledger) run in ``transaction.on_commit``, so an
appeal is committed before any of them starts.
"""

from ratusha.appeals.actions.answers import (
    check_approve_answer,
    check_draft_answer,
    check_rate_answer,
)
from ratusha.appeals.actions.citizen import (
    check_add_information,
    check_file_complaint,
    check_reply,
    check_stop_sms_from,
    check_withdraw,
    do_stop_sms,
)
from ratusha.appeals.actions.errors import AppealConflict, AppealInvalid, TransitionNotAllowed
from ratusha.appeals.actions.notices import (
    check_mark_all_posted,
    check_mark_delivered_otherwise,
    check_mark_posted,
    check_post_instead,
    check_resend_all,
    check_resend_notice,
    check_undo,
)
from ratusha.appeals.actions.registration import (
    AppealInput,
    Registration,
    check_register_appeal,
    tracking_token,
)
from ratusha.appeals.actions.transitions import acting_roles, check_transition

__all__ = [
    "AppealConflict",
    "AppealInput",
    "AppealInvalid",
    "Registration",
    "TransitionNotAllowed",
    "acting_roles",
    "check_add_information",
    "check_approve_answer",
    "check_draft_answer",
    "check_file_complaint",
    "check_mark_all_posted",
    "check_mark_delivered_otherwise",
    "check_mark_posted",
    "check_post_instead",
    "check_rate_answer",
    "check_register_appeal",
    "check_reply",
    "check_resend_all",
    "check_resend_notice",
    "check_stop_sms_from",
    "check_transition",
    "check_undo",
    "check_withdraw",
    "do_stop_sms",
    "tracking_token",
]
