"""The citizen's pages: file an appeal, the receipt, tracking, rating, withdrawal, complaint."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ratusha.appeals.access import appeal_by_token


def track(request: HttpRequest, number: str, token: str) -> HttpResponse:
    appeal = appeal_by_token(number, token)
    return render(request, "appeals/citizen/track.html", {"appeal": appeal})
