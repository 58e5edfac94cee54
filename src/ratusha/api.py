"""The REST API at /api/v1/ (django-ninja); routers live in each app's api module.

The OpenAPI description is served at /api/v1/openapi.json and the interactive docs at
/api/v1/docs. Every error is an RFC 9457 problem (application/problem+json).
"""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from ratusha.appeals.api import mount as mount_appeals
from ratusha.appeals.api.problems import not_found, problem_response

api = NinjaAPI(
    title="Ratusha API",
    version="1",
    urls_namespace="api",
    description="Citizens' appeals: submit, track, and the staff's work on them.",
)
mount_appeals(api)
api.add_router("", "ratusha.opendata.api.router")
api.add_router("", "ratusha.triage.api.router")
api.add_router("", "ratusha.triage.api_compare.router")
api.add_router("", "ratusha.triage.api_not_duplicates.router")
api.add_router("", "ratusha.triage.api_policy.router")


def unknown_address(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Answer any address under /api/v1/ that no endpoint serves with a problem, not HTML."""
    return problem_response(request, not_found())
