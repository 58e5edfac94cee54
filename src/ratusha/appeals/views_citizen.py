"""The citizen's pages: file an appeal, the receipt, tracking, rating, withdrawal, complaint,
replying to a request for information and adding information unasked.

Pages opened with a tracking link are authorised by its token alone (the citizen may
have no account); the actions run ``as_citizen``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ratusha.accounts.throttle import client_address
from ratusha.appeals.access import appeal_by_token, appeals_of_citizen
from ratusha.appeals.actions import (
    AppealConflict,
    AppealInvalid,
    TransitionNotAllowed,
    check_add_information,
    check_file_complaint,
    check_rate_answer,
    check_register_appeal,
    check_reply,
    check_withdraw,
    do_stop_sms,
    tracking_token,
)
from ratusha.appeals.actions.quota import do_count_intake, intake_allowed, submitter_key
from ratusha.appeals.actions.transitions import snapshot_of
from ratusha.appeals.forms_citizen import (
    AddInformationForm,
    AppealForm,
    ComplaintForm,
    RatingForm,
    ReplyForm,
    WithdrawForm,
    initial_from_profile,
    new_idempotency_key,
)
from ratusha.appeals.joined import joined_with
from ratusha.appeals.models import Appeal, Rating
from ratusha.appeals.policy import local_today, rules_for
from ratusha.appeals.selectors import answer_letter
from ratusha.appeals.sms_notices import wants_sms
from ratusha.appeals.status_notices import step_details
from ratusha.bodies.access import public_bodies, public_categories
from ratusha.bodies.models import Body
from ratusha.form_errors import add_errors
from ratusha.ledger.receipts import check_still_in_log
from ratusha.sms import phones
from ratusha_core.workflow import AppealState, PublicStatus, allowed_actions, public_status
from ratusha_core.workflow import clock_running as clock_runs

P = PublicStatus
# What each public status means, in plain words: (title, what it means for the citizen).
STATUS_WORDS = {
    P.REGISTERED: (
        gettext_lazy("Registered"),
        gettext_lazy("The appeal is registered and is being sent to the right department."),
    ),
    P.ASSIGNED: (
        gettext_lazy("Sent to a department"),
        gettext_lazy("The department responsible for your question has received the appeal."),
    ),
    P.IN_PROGRESS: (
        gettext_lazy("Being considered"),
        gettext_lazy("The department is working on your appeal and preparing the answer."),
    ),
    P.ANSWERED: (
        gettext_lazy("Answered"),
        gettext_lazy("The answer has been sent. You can read it below and rate it."),
    ),
    P.CLOSED: (gettext_lazy("Closed"), gettext_lazy("The work on this appeal is finished.")),
    P.FORWARDED: (
        gettext_lazy("Forwarded to another body"),
        gettext_lazy("Your question is for another body; the appeal was sent on to it."),
    ),
    P.LEFT_WITHOUT_CONSIDERATION: (
        gettext_lazy("Left without consideration"),
        gettext_lazy("The body did not consider the appeal on the merits; it wrote to you why."),
    ),
    P.WITHDRAWN: (
        gettext_lazy("Withdrawn"),
        gettext_lazy("You withdrew the appeal; the body no longer considers it."),
    ),
    P.MERGED: (
        gettext_lazy("Joined with another appeal"),
        gettext_lazy("The same question is considered together with another appeal."),
    ),
    P.REOPENED: (
        gettext_lazy("Reopened"),
        gettext_lazy("The appeal is being considered again."),
    ),
    P.COMPLAINT: (
        gettext_lazy("Complaint to the higher body"),
        gettext_lazy("You complained to the higher body; it is considering the complaint."),
    ),
}

# A public history step in plain words, by the action that made it.
STEP_WORDS = {
    "register": gettext_lazy("The appeal was registered"),
    "assign": gettext_lazy("Sent to the department responsible"),
    "reassign": gettext_lazy("Sent to another department"),
    "start_work": gettext_lazy("The department started work on the appeal"),
    "send_answer": gettext_lazy("The answer was sent"),
    "close": gettext_lazy("The appeal was closed"),
    "forward": gettext_lazy("Forwarded to another body"),
    "leave_without_consideration": gettext_lazy("Left without consideration"),
    "withdraw": gettext_lazy("You withdrew the appeal"),
    "merge": gettext_lazy("Joined with another appeal on the same question"),
    "extend_deadline": gettext_lazy("The term for the answer was extended"),
    "reopen": gettext_lazy("The appeal was reopened"),
    "file_complaint": gettext_lazy("You complained to the higher body"),
    "uphold_complaint": gettext_lazy("The higher body upheld the complaint"),
    "dismiss_complaint": gettext_lazy("The higher body dismissed the complaint"),
    "ask_applicant": gettext_lazy("The department asked you for more information"),
    "applicant_reply": gettext_lazy("Your reply was passed to the department"),
    "add_information": gettext_lazy("You added information to the appeal"),
}
# Steps shown each time even when the same step comes twice in a row.
EACH_TIME = frozenset({"extend_deadline", "ask_applicant", "applicant_reply", "add_information"})
# The applicant's own texts, shown under their step.
APPLICANT_SAID = frozenset({"applicant_reply", "add_information"})


def _status(appeal: Appeal) -> tuple[Any, Any]:
    return STATUS_WORDS[public_status(AppealState(appeal.state))]


def _step_words(state: str) -> Any:
    return STATUS_WORDS[public_status(AppealState(state))][0]


def _use_appeal_language(request: HttpRequest, appeal: Appeal) -> None:
    """Speak the appeal's language unless the visitor chose one (a link opened from e-mail)."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    if appeal.language in {code for code, _name in settings.LANGUAGES}:
        translation.activate(appeal.language)
        request.LANGUAGE_CODE = appeal.language


def _by_token(request: HttpRequest, number: str, token: str) -> Appeal:
    appeal = appeal_by_token(number, token)
    _use_appeal_language(request, appeal)
    return appeal


def _track_url(appeal: Appeal, token: str | None = None) -> str:
    return reverse("appeals:track", args=[appeal.number, token or tracking_token(appeal)])


def choose_body(request: HttpRequest) -> HttpResponse:
    """The first step of filing: which body the appeal is for."""
    bodies = public_bodies().order_by("path")
    return render(request, "appeals/citizen/choose_body.html", {"bodies": bodies})


@require_http_methods(["GET", "POST"])
def new_appeal(request: HttpRequest, code: str) -> HttpResponse:
    """The appeal form; a valid one is registered, then the browser goes to the receipt."""
    body = get_object_or_404(public_bodies(), code=code)
    categories = public_categories(body)
    user = request.user if request.user.is_authenticated else None
    if request.method != "POST":
        initial = {**initial_from_profile(user), "idempotency_key": new_idempotency_key()}
        form = AppealForm(initial=initial, body=body, categories=categories)
        return render(request, "appeals/citizen/new.html", _form_context(form, body))
    form = AppealForm(request.POST, request.FILES, body=body, categories=categories)
    valid = form.is_valid()
    if not valid:
        form.add_other_errors(user, request.LANGUAGE_CODE)  # every problem at once
    status = 400
    key = form.cleaned_data.get("idempotency_key") or new_idempotency_key()
    submitter = submitter_key(user.pk if user else None, client_address(request.META))
    if valid and not intake_allowed(submitter):
        form.add_error(None, _too_many_message())
        status = 429
    elif valid:
        scope = f"user:{user.pk}" if user is not None else "web"
        try:
            registration = check_register_appeal(
                form.to_input(user, request.LANGUAGE_CODE),  # type: ignore[arg-type]
                idempotency=(scope, key),
            )
        except AppealInvalid as invalid:
            form.add_action_errors(invalid.errors)
        except AppealConflict as conflict:
            form.add_error(None, _conflict_message(conflict))
            # The old key belongs to an appeal already filed; the next submit is a new one.
            key = new_idempotency_key()
        else:
            appeal = registration.appeal
            if registration.created:
                do_count_intake(submitter)
            return redirect("appeals:receipt", number=appeal.number, token=registration.token)
    # Nothing was registered under this key, so the corrected form may send it again.
    data = request.POST.copy()
    data["idempotency_key"] = key
    form.data = data
    context = _form_context(form, body, files_lost=bool(request.FILES))
    return render(request, "appeals/citizen/new.html", context, status=status)


def _form_context(form: AppealForm, body: Body, **extra: Any) -> dict[str, Any]:
    """Give the form page's context: the form, the body and the map's tile server, if any."""
    return {
        "form": form,
        "body": body,
        "map_tiles": settings.RATUSHA_MAP_TILES,
        "map_attribution": settings.RATUSHA_MAP_ATTRIBUTION,
        **extra,
    }


def _too_many_message() -> str:
    return _(
        "Too many appeals were sent from here in the last hour. Your text is kept below: "
        "please send it again later, or file it at the reception of the body."
    )


def _conflict_message(conflict: AppealConflict) -> str:
    if conflict.code == "idempotency_key_reused":
        return _(
            "This form was already sent with a different text, and that appeal is registered. "
            "To file a new appeal, check the form and send it again."
        )
    return conflict.message


def receipt(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """The receipt after filing: the number, the time of registration, the term, the link."""
    appeal = _by_token(request, number, token)
    link = request.build_absolute_uri(_track_url(appeal, token))
    context = {"appeal": appeal, "token": token, "tracking_link": link}
    return render(request, "appeals/citizen/receipt.html", context)


def _citizen_actions(appeal: Appeal) -> set[str]:
    snapshot = snapshot_of(appeal)
    offered = allowed_actions(snapshot, "citizen", now=timezone.now(), rules=rules_for(appeal.body))
    return {str(row.action) for row in offered}


def _track_context(appeal: Appeal, token: str) -> dict[str, Any]:
    actions = _citizen_actions(appeal)
    events: list[dict[str, Any]] = []
    question = ""
    for event in appeal.events.filter(public=True).order_by("at", "pk"):
        words = STEP_WORDS.get(event.action) or _step_words(event.to_state)
        if events and events[-1]["words"] == words and event.action not in EACH_TIME:
            continue  # an internal back-and-forth reads as one step
        details = step_details(event)
        if details is not None and details.question:
            question = details.question
        reply = event.said if event.action in APPLICANT_SAID else ""
        events.append(
            {"at": event.at, "words": words, "details": details, "reply": reply, "pk": event.pk}
        )
    attachments = list(appeal.attachments.all())
    for step in events:
        step["files"] = [f for f in attachments if f.reply_id == step["pk"]]
    answer = appeal.answers.filter(sent_at__isnull=False).order_by("-sent_at", "-pk").first()
    answered = appeal.state in (AppealState.ANSWERED, AppealState.CLOSED)
    try:
        rating: Rating | None = appeal.rating
    except Rating.DoesNotExist:
        rating = None
    title, meaning = _status(appeal)
    today = local_today(appeal.body, timezone.now())
    running = clock_runs(AppealState(appeal.state))
    return {
        "appeal": appeal,
        "token": token,
        "status_title": title,
        "status_meaning": meaning,
        "events": events,
        "answer": answer,
        "answer_letter": answer_letter(appeal, answer),
        "attachments": attachments,
        "ledger": check_still_in_log(appeal),
        "overdue": running and appeal.due_date is not None and appeal.due_date < today,
        "clock_running": running,
        "rating": rating,
        "can_rate": answered and answer is not None,
        "rating_form": RatingForm(
            initial={"score": rating.score, "comment": rating.comment} if rating else None
        ),
        "can_withdraw": "withdraw" in actions,
        "question": question if "applicant_reply" in actions else "",
        "reply_form": ReplyForm(),
        # One form at a time: while a question waits, what the applicant sends is the reply.
        "can_add": "add_information" in actions and "applicant_reply" not in actions,
        "add_form": AddInformationForm(),
        "can_complain": "file_complaint" in actions and appeal.body.parent_id is not None,
        "complaints": [(c, _track_url(c)) for c in appeal.complaints.order_by("registered_at")],
        "complaint_about": appeal.complaint_about,
        "joined_with": joined_with(appeal),
        "sms_to": phones.masked(appeal.applicant_phone) if wants_sms(appeal) else "",
    }


def track(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """The tracking page: status, public history, term, answer, and what the citizen can do."""
    appeal = _by_token(request, number, token)
    return render(request, "appeals/citizen/track.html", _track_context(appeal, token))


@require_POST
def rate(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """Record or change the citizen's rating of the answer."""
    appeal = _by_token(request, number, token)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            check_rate_answer(appeal, form.cleaned_data["score"], form.cleaned_data["comment"])
        except AppealInvalid as invalid:
            add_errors(form, invalid.errors)
        except TransitionNotAllowed as refused:
            messages.error(request, refused.message)
            return redirect(_track_url(appeal, token))
        else:
            messages.success(request, _("Thank you: your rating is saved."))
            return redirect(_track_url(appeal, token) + "#rating")
    context = {**_track_context(appeal, token), "rating_form": form}
    return render(request, "appeals/citizen/track.html", context, status=400)


@require_POST
def reply(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """Pass the applicant's reply to the request for more information to the department."""
    form = ReplyForm(request.POST, request.FILES)
    thanks = gettext_lazy("Thank you: your reply was passed to the department.")
    late = gettext_lazy("The appeal is no longer being considered, so a reply cannot be taken.")
    return _send_said(request, number, token, form, "reply", check_reply, (thanks, late))


@require_POST
def add_information(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """Pass information the applicant adds unasked (a new fact, a photo) to the department."""
    form = AddInformationForm(request.POST, request.FILES)
    thanks = gettext_lazy("Thank you: what you added was passed to the department.")
    late = gettext_lazy("Information can be added only until the appeal is answered.")
    check = check_add_information
    return _send_said(request, number, token, form, "information", check, (thanks, late))


def _send_said(
    request: HttpRequest,
    number: str,
    token: str,
    form: ReplyForm | AddInformationForm,
    field: str,
    check: Callable[..., Appeal],
    words: tuple[Any, Any],
) -> HttpResponse:
    """Take a text with files the applicant sends the department; a refused one keeps what
    was typed, and one no longer possible (answered meanwhile) is said so.

    ``words`` are the thanks and the refusal for an appeal in a status that no longer
    takes the text, lazy: they are read once the appeal's language is active.
    """
    appeal = _by_token(request, number, token)
    thanks, late = (str(w) for w in words)
    if form.is_valid():
        try:
            check(appeal, form.cleaned_data[field], form.cleaned_data["files"])
        except AppealInvalid as invalid:
            for name, errors in invalid.errors.items():
                for error in errors:
                    form.add_error("files" if name == "files" else field, error)
        except (TransitionNotAllowed, AppealConflict) as refused:
            why = late if refused.code == "not_allowed_in_state" else refused.message
            messages.error(request, why)  # answered already, or no longer asked
            return redirect(_track_url(appeal, token))
        else:
            messages.success(request, thanks)
            return redirect(_track_url(appeal, token))
    key = "reply_form" if field == "reply" else "add_form"
    context = {**_track_context(appeal, token), key: form}
    return render(request, "appeals/citizen/track.html", context, status=400)


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """Ask "are you sure?", then withdraw the appeal."""
    appeal = _by_token(request, number, token)
    if "withdraw" not in _citizen_actions(appeal):
        messages.error(request, _("This appeal can no longer be withdrawn."))
        return redirect(_track_url(appeal, token))
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check_withdraw(appeal, form.cleaned_data["reason"])
        except (TransitionNotAllowed, AppealConflict) as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your appeal is withdrawn."))
        return redirect(_track_url(appeal, token))
    context = {"appeal": appeal, "token": token, "form": form}
    return render(request, "appeals/citizen/withdraw.html", context)


@require_POST
def stop_sms(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """Stop the text messages about the appeal; e-mails go on."""
    appeal = _by_token(request, number, token)
    if do_stop_sms(appeal):
        messages.success(request, _("No more text messages about this appeal will be sent."))
    return redirect(_track_url(appeal, token))


@require_http_methods(["GET", "POST"])
def complain(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """File a complaint to the higher body, linked to this appeal."""
    appeal = _by_token(request, number, token)
    higher = appeal.body.parent
    if higher is None or "file_complaint" not in _citizen_actions(appeal):
        messages.error(request, _("A complaint about this appeal is not possible now."))
        return redirect(_track_url(appeal, token))
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = check_file_complaint(appeal, form.cleaned_data["text"])
        except AppealInvalid as invalid:
            for name, errors in invalid.errors.items():
                for error in errors:
                    form.add_error("text" if name == "text" else None, error)
        except (TransitionNotAllowed, AppealConflict) as refused:
            messages.error(request, refused.message)
            return redirect(_track_url(appeal, token))
        else:
            complaint = registration.appeal
            return redirect("appeals:receipt", number=complaint.number, token=registration.token)
    context = {"appeal": appeal, "token": token, "form": form, "higher": higher}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "appeals/citizen/complain.html", context, status=status)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The logged-in citizen's own appeals, newest first, with links to their tracking pages."""
    appeals = appeals_of_citizen(request.user).select_related("body").order_by("-registered_at")
    page = Paginator(appeals, 20).get_page(request.GET.get("page"))
    rows = [
        {"appeal": appeal, "status": _status(appeal)[0], "url": _track_url(appeal)}
        for appeal in page.object_list
    ]
    return render(request, "appeals/citizen/mine.html", {"page": page, "rows": rows})
