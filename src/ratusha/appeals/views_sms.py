"""The SMS gateway's callback with applicants' replies: "STOP" stops the text messages.

A gateway that forwards replies POSTs the sender and the text, as JSON (``{"from":
"+375…", "text": "STOP"}``) or as a form, with ``Authorization: Bearer`` the token of
``RATUSHA_SMS_INBOUND_TOKEN``. Without that setting the address does not exist (404); a
wrong token is a 403. A stop word (STOP, СТОП, in any case, with punctuation around)
stops the messages of every appeal texting that number; any other reply is acknowledged
and ignored, since no appeal is filed by SMS.
"""

from __future__ import annotations

import hmac
import json
import re
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ratusha.appeals.actions import AppealInvalid, check_stop_sms_from

STOP_WORDS = frozenset({"stop", "стоп", "stopall", "unsubscribe", "отписаться", "адпісацца"})
_NOT_WORD = re.compile(r"[\W_]+")


def is_stop(text: str) -> bool:
    """Tell whether a reply asks to stop: one stop word, case and punctuation aside.

    >>> is_stop(" Stop! "), is_stop("СТОП"), is_stop("stop the noise")
    (True, True, False)
    """
    return _NOT_WORD.sub("", text).casefold() in STOP_WORDS


def _fields(request: HttpRequest) -> dict[str, Any]:
    if request.content_type == "application/json":
        try:
            found = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return {}
        return found if isinstance(found, dict) else {}
    return request.POST.dict()


@csrf_exempt  # a machine's callback, authenticated by its bearer token
@require_POST
def inbound(request: HttpRequest) -> HttpResponse:
    """Take one reply from the gateway."""
    expected = settings.RATUSHA_SMS_INBOUND_TOKEN
    if not expected:
        raise Http404
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return JsonResponse({"detail": "wrong token"}, status=403)
    data = _fields(request)
    sender, text = str(data.get("from") or "").strip(), str(data.get("text") or "")
    if not sender:
        return JsonResponse({"errors": {"from": [_("Give the sender's number.")]}}, status=400)
    if not is_stop(text):
        return JsonResponse({"stopped": 0, "ignored": True})
    try:
        stopped = check_stop_sms_from(sender)
    except AppealInvalid as invalid:
        return JsonResponse({"errors": invalid.errors}, status=400)
    return JsonResponse({"stopped": stopped})
