"""The officers' page that tells why two appeals were, or were not, linked as duplicates.

``compare`` reads the pair through ``duplicate_explain`` (the appeal through
``appeals.access``, the other one among the appeals the user may see) and words each
step of the score in plain language with its figure.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import NamedTuple

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ratusha.appeals.access import access_appeal
from ratusha.appeals.views_staff.common import staff_view
from ratusha.triage.cluster_rights import apart_role
from ratusha.triage.duplicate_candidates import DUPLICATE_POOL, DUPLICATE_WINDOW
from ratusha.triage.duplicate_explain import (
    NOT_DUPLICATE,
    POOL,
    POOL_LIMIT,
    WINDOW,
    Comparison,
    NotComparable,
    compare_appeals,
    other_appeal,
)
from ratusha.triage.duplicates import (
    FAR_KM,
    MAX_CANDIDATES,
    NEAR_KM,
    NO_OTHER_VECTOR,
    NO_VECTOR,
    NOT_ONE_PLACE,
    PairScore,
)
from ratusha.triage.not_duplicates import are_merged
from ratusha.triage.presentation import LANGUAGES
from ratusha_core.triage.duplicates_score import calibrated


class Step(NamedTuple):
    """One line of the explanation: what is measured, its figure, what it did to the score."""

    term: str
    figure: str
    note: str


@staff_view
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Compare the appeal with another (``?other=`` its registration number or id)."""
    appeal = access_appeal(request.user, pk)
    typed = request.GET.get("other", "")
    context: dict[str, object] = {"appeal": appeal, "typed": typed.strip()}
    if "other" in request.GET:
        try:
            other = other_appeal(request.user, appeal, typed)
        except NotComparable as refused:
            context["error"] = refused.message
        else:
            found = compare_appeals(request.user, appeal, other)
            context.update(
                comparison=found,
                steps=steps_of(found) if found.pair is not None else [],
                verdict=verdict_of(found),
                may_keep_apart=not are_merged(appeal, other)
                and apart_role(request.user, appeal, other) is not None,
            )
    return render(request, "triage/compare.html", context)


def _num(value: float, places: int = 2) -> str:
    return number_format(value, places, use_l10n=True)


def _distance(km: float) -> str:
    if km < 1:
        return _("%(metres)s m") % {"metres": round(km * 1000)}
    return _("%(km)s km") % {"km": _num(km, 1)}


def steps_of(found: Comparison) -> list[Step]:
    """Give the steps of the pair's score, in the order they are taken."""
    pair = found.pair
    assert pair is not None
    words = _(
        "The cosine of the two texts' character 3–5-gram vectors (n-grams common in the "
        "pool weigh less)."
    )
    text_note = _("The larger of the two.") if pair.cosine is not None else _("Words alone.")
    return [
        Step(_("Words in common (character n-grams)"), _num(pair.ngram), words),
        _meaning(found, pair),
        Step(_("Text score"), _num(pair.text), text_note),
        _place(pair),
        _street(found, pair),
        Step(_("Score after the place rules"), _num(pair.placed), ""),
        _categories(found, pair),
        Step(
            _("Score"),
            _score(found, pair),
            _("%(needed)s or more links the two.") % _needed(found),
        ),
    ]


def _needed(found: Comparison) -> dict[str, str]:
    """Give the score the body asks for now (``Body.duplicate_min_score``), worded."""
    return {"needed": _num(found.needed)}


def _score(found: Comparison, pair: PairScore) -> str:
    """Give the final score, with a third decimal when two would hide which side of the need."""
    places = 3 if (round(pair.score, 2) >= found.needed) != pair.passes else 2
    return _num(pair.score, places)


def _meaning(found: Comparison, pair: PairScore) -> Step:
    term = _("Meaning (sentence vectors)")
    if pair.cosine is not None:
        languages = _("two appeals in one language")
        if not pair.same_language:
            languages = _("appeals in two languages (%(one)s and %(other)s)") % {
                "one": LANGUAGES.get(found.mine.language, found.mine.language),
                "other": LANGUAGES.get(found.theirs.language, found.theirs.language),
            }
        if pair.shared_street:
            why = _("Used because both name the same street (%(street)s).") % {
                "street": ", ".join(found.streets[0])
            }
        else:
            why = _("Used because the pins are %(distance)s apart.") % {
                "distance": _distance(pair.km or 0.0)
            }
        scale = _(
            "On the score's scale it counts as %(value)s: a cosine of %(floor)s or less "
            "counts as nothing between %(languages)s."
        ) % {
            "value": _num(calibrated(pair.cosine, pair.floor)),
            "floor": _num(pair.floor),
            "languages": languages,
        }
        return Step(term, _num(pair.cosine), f"{why} {scale}")
    if not found.embeddings:
        return Step(term, "—", _("Not used: sentence vectors are switched off here."))
    notes = []
    missing = _(
        "Not used: %(number)s has no stored sentence vector of its current text (one is "
        "made when the appeal is triaged)."
    )
    if NO_VECTOR in pair.no_cosine:
        notes.append(missing % {"number": found.appeal.number})
    if NO_OTHER_VECTOR in pair.no_cosine:
        notes.append(missing % {"number": found.other.number})
    if NOT_ONE_PLACE in pair.no_cosine:
        notes.append(
            _(
                "Not used: the two are not tied to one place (no street in common, no pins "
                "within %(near)s); unrelated complaints of one town read alike to the model."
            )
            % {"near": _distance(NEAR_KM)}
        )
    return Step(term, "—", " ".join(notes))


def _place(pair: PairScore) -> Step:
    term = _("Distance between the pins")
    limits = {"near": _distance(NEAR_KM), "far": _distance(FAR_KM)}
    if pair.km is None:
        return Step(term, "—", _("At least one of the two has no pin on the map: no change."))
    if pair.near:
        note = _("Within %(near)s: the score gains 0.1.") % limits
    elif pair.far:
        note = _("Over %(far)s: the score is halved.") % limits
    else:
        note = _("Neither near (within %(near)s) nor far (over %(far)s): no change.") % limits
    return Step(term, _distance(pair.km), note)


def _street(found: Comparison, pair: PairScore) -> Step:
    figure = " / ".join(", ".join(streets) or "—" for streets in found.streets)
    if pair.shared_street:
        note = _("The same street.")
    elif pair.other_streets and pair.near:
        note = _("Different streets, but the pins are close (a corner house has two): no change.")
    elif pair.other_streets:
        note = _("Different streets: the score is halved.")
    else:
        note = _("Not named in both appeals: no change.")
    return Step(_("Streets named (this appeal / the other)"), figure, note)


def _categories(found: Comparison, pair: PairScore) -> Step:
    term = _("Category suggestions")
    if pair.ratio is None:
        lacking = found.appeal if not found.mine.categories else found.other
        note = _("Not used: %(number)s has no category suggestions: no change.") % {
            "number": lacking.number
        }
        return Step(term, "—", note)
    figure = _("likelihood ratio %(ratio)s") % {"ratio": _num(pair.ratio)}
    if pair.ratio > 1:
        return Step(term, figure, _("They agree: no change (they never raise the score)."))
    if pair.ratio == 1:
        return Step(term, figure, _("They say nothing either way: no change."))
    if pair.score == pair.placed:
        note = _("They point to different problems, but a score of 0 or 1 stays: no change.")
        return Step(term, figure, note)
    note = _(
        "They point to different problems: the score falls to %(after)s. Before this "
        "step, a pair needs %(needed)s to link."
    ) % {"after": _num(pair.score), "needed": _num(1 / (1 + pair.ratio))}
    return Step(term, figure, note)


def verdict_of(found: Comparison) -> list[str]:
    """Give the outcome in sentences: never compared and why, or the score against the need."""
    pair = found.pair
    if pair is None:
        return [_("This appeal has no text to compare.")]
    said = []
    if found.outside:
        said.append(_("Never compared: %(reasons)s.") % {"reasons": "; ".join(_outside(found))})
    values = {"score": _score(found, pair), **_needed(found)}
    if found.outside and pair.passes:
        said.append(_("If they were compared: score %(score)s, enough to link.") % values)
    elif found.outside:
        said.append(
            _("If they were compared: score %(score)s, below the %(needed)s needed.") % values
        )
    elif not pair.passes:
        said.append(_("Score %(score)s — below the %(needed)s needed to link.") % values)
    elif found.linked_now:
        said.append(
            _("Score %(score)s — at least the %(needed)s needed: they are linked.") % values
        )
    else:
        ahead = (found.rank or 1) - 1
        said.append(
            ngettext(
                "Score %(score)s — enough, but %(ahead)s appeal scores higher and only "
                "the best %(limit)s are linked.",
                "Score %(score)s — enough, but %(ahead)s appeals score higher and only "
                "the best %(limit)s are linked.",
                ahead,
            )
            % {**values, "ahead": ahead, "limit": MAX_CANDIDATES}
        )
    return said


def _outside(found: Comparison) -> list[str]:
    reasons = []
    if WINDOW in found.outside:
        days = math.ceil(found.apart / timedelta(days=1))
        window = DUPLICATE_WINDOW.days
        apart = ngettext(
            "registered %(days)s day apart", "registered %(days)s days apart", days
        ) % {"days": days}
        limit = ngettext(
            "the window is %(window)s day either side",
            "the window is %(window)s days either side",
            window,
        ) % {"window": window}
        reasons.append(f"{apart} ({limit})")
    if POOL in found.outside:
        other = found.other
        reasons.append(
            _(
                "%(other)s (category “%(its_category)s”, department “%(its_department)s”) "
                "is in neither the category “%(category)s” nor the department "
                "“%(department)s” suggested for %(number)s"
            )
            % {
                "other": other.number,
                "its_category": other.category.name if other.category else "—",
                "its_department": other.department.name if other.department else "—",
                "category": found.category.name if found.category else "—",
                "department": found.department.name if found.department else "—",
                "number": found.appeal.number,
            }
        )
    if NOT_DUPLICATE in found.outside:
        reasons.append(_("an officer marked them as not duplicates"))
    if POOL_LIMIT in found.outside:
        reasons.append(
            _("it is not among the newest %(count)s appeals compared") % {"count": DUPLICATE_POOL}
        )
    return reasons
