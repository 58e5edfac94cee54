"""The applicant's side by the tracking token: status, public history, answer, rating.

These endpoints need no account: the secret token from the receipt is the key, as with
the tracking link. A wrong number or token is a 404 (the appeal's existence is not told).
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Schema, Status

from ratusha.appeals.access import appeal_by_token
from ratusha.appeals.actions import (
    check_add_information,
    check_file_complaint,
    check_rate_answer,
    check_reply,
    check_withdraw,
)
from ratusha.appeals.actions.transitions import snapshot_of
from ratusha.appeals.api.intake import decode_files, receipt
from ratusha.appeals.api.routers import tracking as router
from ratusha.appeals.api.schemas import (
    AddInformationIn,
    ComplaintIn,
    RatingIn,
    RatingOut,
    ReceiptOut,
    ReplyIn,
    TrackOut,
    WithdrawIn,
    problems,
)
from ratusha.appeals.choices import State
from ratusha.appeals.models import Appeal, Rating
from ratusha.appeals.policy import rules_for
from ratusha_core.workflow import AppealState, allowed_actions, public_status

RATEABLE = {State.ANSWERED, State.CLOSED}


def _status(state: str) -> str:
    return public_status(AppealState(state)).value


def track_of(appeal: Appeal) -> dict[str, Any]:
    """Give what the applicant sees: public steps only, the answer once sent."""
    answer = appeal.answers.filter(sent_at__isnull=False).order_by("-sent_at", "-pk").first()
    rating = Rating.objects.filter(appeal=appeal).first()
    citizen_may = {
        row.action.value
        for row in allowed_actions(snapshot_of(appeal), "citizen", rules=rules_for(appeal.body))
    }
    status = _status(appeal.state)
    history = [
        {"at": e.at, "status": _status(e.to_state), "action": e.action, "text": e.said}
        for e in appeal.events.filter(public=True)
    ]
    asked = [step["text"] for step in history if step["action"] == "ask_applicant"]
    return {
        "number": appeal.number,
        "body": appeal.body.name,
        "registered_at": appeal.registered_at,
        "status": status,
        "status_label": str(State(status).label),
        "due_date": appeal.due_date,
        "history": history,
        "answer": {"text": answer.text, "sent_at": answer.sent_at} if answer else None,
        "rating": {"score": rating.score, "comment": rating.comment} if rating else None,
        "can_rate": appeal.state in RATEABLE,
        "can_withdraw": "withdraw" in citizen_may,
        "can_complain": "file_complaint" in citizen_may and appeal.body.parent_id is not None,
        "question": asked[-1] if asked and "applicant_reply" in citizen_may else None,
        "can_add_information": (
            "add_information" in citizen_may and "applicant_reply" not in citizen_may
        ),
    }


def _appeal(number: str, token: str) -> Any:
    """Give the appeal of a tracking token; a token with non-ASCII characters is simply unknown.

    (hmac.compare_digest refuses non-ASCII strings with a TypeError, which was a 500.)
    """
    if not token.isascii():
        raise Http404
    return appeal_by_token(number, token)


class TrackQuery(Schema):
    token: str


@router.get(
    "/track/{number}",
    response={200: TrackOut, **problems(404, 422)},
    summary="Track an appeal by its token",
)
def track(request: HttpRequest, number: str, query: Query[TrackQuery]) -> dict[str, Any]:
    return track_of(_appeal(number, query.token))


@router.post(
    "/track/{number}/rating",
    response={200: RatingOut, **problems(404, 409, 422)},
    summary="Rate the answer (1 to 5)",
)
def rate(request: HttpRequest, number: str, payload: RatingIn) -> dict[str, Any]:
    appeal = _appeal(number, payload.token)
    rating = check_rate_answer(appeal, payload.score, payload.comment)
    return {"score": rating.score, "comment": rating.comment}


@router.post(
    "/track/{number}/withdraw",
    response={200: TrackOut, **problems(404, 409, 422)},
    summary="Withdraw the appeal",
)
def withdraw(request: HttpRequest, number: str, payload: WithdrawIn) -> dict[str, Any]:
    appeal = _appeal(number, payload.token)
    return track_of(check_withdraw(appeal, payload.reason))


@router.post(
    "/track/{number}/complaint",
    response={201: ReceiptOut, **problems(404, 409, 422)},
    summary="Complain to the higher body about the answer",
)
def complain(request: HttpRequest, number: str, payload: ComplaintIn) -> Any:
    appeal = _appeal(number, payload.token)
    return Status(201, receipt(check_file_complaint(appeal, payload.text)))


@router.post(
    "/track/{number}/reply",
    response={200: TrackOut, **problems(404, 409, 422)},
    summary="Reply to the department's request for more information",
)
def reply(request: HttpRequest, number: str, payload: ReplyIn) -> dict[str, Any]:
    appeal = _appeal(number, payload.token)
    return track_of(check_reply(appeal, payload.reply, decode_files(payload.attachments)))


@router.post(
    "/track/{number}/information",
    response={200: TrackOut, **problems(404, 409, 422)},
    summary="Add information to the appeal unasked (a new fact, photos)",
)
def add_information(request: HttpRequest, number: str, payload: AddInformationIn) -> dict[str, Any]:
    appeal = _appeal(number, payload.token)
    files = decode_files(payload.attachments)
    return track_of(check_add_information(appeal, payload.information, files))
