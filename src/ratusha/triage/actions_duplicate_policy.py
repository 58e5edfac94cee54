"""Writes of a body's duplicate threshold: the score two appeals need to be linked.

The threshold is ``Body.duplicate_min_score``. Triage runs compare against it from the
next appeal triaged, and clusters read stored links against it at once, so raising it
drops weaker links everywhere without triaging again; lowering it reaches only appeals
triaged later (weaker pairs were never stored). A change is a public act of the body, so
it goes into its ledger (``triage.duplicate_policy``) with the new and previous value.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ratusha.bodies.models import Body
from ratusha.triage.actions_models import require_admin
from ratusha.triage.actions_policy import do_set_body_policy

DUPLICATE_POLICY = "triage.duplicate_policy"
LOWEST, HIGHEST = 0.3, 0.9  # as the field's validators and check constraint


def check_set_duplicate_policy(user: Any, body: Body, *, min_score: float) -> float | None:
    """Set the score the body's appeals need to be linked as likely duplicates.

    Only those who may change the body may. The score is kept to two decimals and must be
    from 0.3 to 0.9. Gives the previous score, or None when nothing changed.
    """
    require_admin(user, body)
    min_score = round(float(min_score), 2)
    if not LOWEST <= min_score <= HIGHEST:
        raise ValidationError(_("The score must be from 0.30 to 0.90."))
    previous = do_set_body_policy(
        body,
        {"duplicate_min_score": min_score},
        DUPLICATE_POLICY,
        lambda before: {"min_score": min_score, "previous": before["duplicate_min_score"]},
    )
    return None if previous is None else previous["duplicate_min_score"]
