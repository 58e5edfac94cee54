"""The Open311 GeoReport v2 endpoints: thin views that read the query and render the answer."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ratusha.appeals.tasks import tracking_url
from ratusha.open311 import access
from ratusha.open311.actions import check_file_request, client_for, client_of_key
from ratusha.open311.jurisdictions import body_of
from ratusha.open311.openapi import openapi_document
from ratusha.open311.rendering import Open311Error, render, render_error
from ratusha.open311.requests import (
    body_zone,
    dates_of,
    page_of,
    page_slice,
    request_dict,
    request_filter,
    update_dict,
)
from ratusha.open311.services import service_definition, service_list, service_of
from ratusha.open311.submission import read_form
from ratusha.publication.records import public_records

View = Callable[..., HttpResponse]


def open311(*methods: str) -> Callable[[View], View]:
    """Answer errors in the spec's format and refuse other HTTP methods with it."""

    def wrap(view: View) -> View:
        @wraps(view)
        def run(request: HttpRequest, *args: Any, fmt: str = "json", **kwargs: Any) -> HttpResponse:
            try:
                if request.method not in methods:
                    error = Open311Error(405, _("This method is not allowed here."))
                    response = render_error(fmt, error)
                    response["Allow"] = ", ".join(methods)
                    return response
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                return render_error(fmt, error)

        return csrf_exempt(run)

    return wrap


def _jurisdiction(request: HttpRequest) -> str | None:
    return request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")


@open311("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Give the service discovery document: where the GeoReport v2 endpoint is."""
    base = settings.RATUSHA_BASE_URL.rstrip("/")
    endpoint = {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": base + reverse("open311:root"),
        "changeset": "2026-11-27T00:00:00Z",
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }
    document = {
        "changeset": "2026-11-27T00:00:00Z",
        "contact": settings.RATUSHA_SITE_NAME,
        "key_service": _("Ask the system administrator for an api_key to file requests."),
        "endpoints": [endpoint],
    }
    return render(fmt, "discovery", document)


@open311("GET")
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    body = body_of(_jurisdiction(request))
    client = client_of_key(request.GET.get("api_key", ""))
    return render(fmt, "services", service_list(body, batch=bool(client and client.batch)))


@open311("GET")
def definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    body = body_of(_jurisdiction(request))
    return render(fmt, "service_definition", service_definition(service_of(body, code)))


def _with_next(request: HttpRequest, response: HttpResponse, page: int, more: bool) -> HttpResponse:
    if more:
        query = request.GET.copy()
        query["page"] = str(page + 1)
        address = request.build_absolute_uri(request.path)
        response["Link"] = f'<{address}?{query.urlencode()}>; rel="next"'
    return response


@open311("GET", "POST")
def requests_(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _file(request, fmt)
    body = body_of(_jurisdiction(request))
    zone = body_zone(body)
    wanted = request_filter(request.GET, zone)
    page, size = page_of(request.GET)
    appeals = access.requests_of(body, wanted)[(page - 1) * size : page * size + 1]
    rows, more = page_slice(public_records(appeals), size)
    response = render(fmt, "service_requests", [request_dict(r, zone) for r in rows])
    return _with_next(request, response, page, more)


def _file(request: HttpRequest, fmt: str) -> HttpResponse:
    body = body_of(_jurisdiction(request))
    key = request.POST.get("api_key") or request.GET.get("api_key") or ""
    client = client_for(key, body)
    submitted = read_form(request.POST)
    filed = check_file_request(
        client, body, submitted, request.headers.get("Idempotency-Key", "").strip()
    )
    if filed.appeal is None:
        answer = {
            "token": filed.submission.token,
            "service_notice": _("The request is queued; ask tokens/%(token)s for its number.")
            % {"token": filed.submission.token},
            "account_id": None,
        }
    else:
        answer = {
            "service_request_id": filed.appeal.number,
            "service_notice": _(
                "Registered as appeal %(number)s. The applicant can follow it at %(link)s"
            )
            % {"number": filed.appeal.number, "link": tracking_url(filed.appeal)},
            "account_id": None,
        }
    return render(fmt, "service_requests", [answer])


@open311("GET")
def one_request(request: HttpRequest, fmt: str, number: str) -> HttpResponse:
    body = body_of(_jurisdiction(request))
    found = list(public_records(access.request_by_number(body, number)[:1]))
    if not found:
        raise Open311Error(404, _("service_request_id %(id)s was not found.") % {"id": number})
    return render(fmt, "service_requests", [request_dict(found[0], body_zone(body))])


@open311("GET")
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    body = body_of(_jurisdiction(request))
    found = access.submission_by_token(body, token)
    if found is None:
        raise Open311Error(404, _("token %(token)s was not found.") % {"token": token})
    if found.error:
        raise Open311Error(
            400, _("The request could not be registered: %(why)s") % {"why": found.error}
        )
    number = found.appeal.number if found.appeal is not None else None
    return render(fmt, "service_requests", [{"service_request_id": number, "token": token}])


@open311("GET")
def updates(request: HttpRequest, fmt: str) -> HttpResponse:
    body = body_of(_jurisdiction(request))
    zone = body_zone(body)
    start, end = dates_of(request.GET, zone)
    page, size = page_of(request.GET)
    events = access.updates_of(body, start, end).order_by("at", "pk")
    rows, more = page_slice(events[(page - 1) * size : page * size + 1], size)
    response = render(fmt, "service_request_updates", [update_dict(e, zone) for e in rows])
    return _with_next(request, response, page, more)


@open311("GET")
def unknown(request: HttpRequest, fmt: str = "json", rest: str = "") -> HttpResponse:
    raise Open311Error(404, _("There is no such Open311 resource."))


def root(request: HttpRequest) -> HttpResponse:
    """Point a person who opens the endpoint's root to the discovery document and the schema."""
    return JsonResponse(
        {
            "discovery": reverse("open311:discovery", args=["json"]),
            "openapi": reverse("open311:openapi"),
        }
    )


def openapi(request: HttpRequest) -> HttpResponse:
    return JsonResponse(openapi_document(settings.RATUSHA_BASE_URL))
