"""The REST API at /api/v1/ (django-ninja); routers live in each app's api module.

The OpenAPI description is served at /api/v1/openapi.json and the interactive docs at
/api/v1/docs. Every error is an RFC 9457 problem (application/problem+json).
"""

from ninja import NinjaAPI

from ratusha.appeals.api import mount as mount_appeals

api = NinjaAPI(
    title="Ratusha API",
    version="1",
    urls_namespace="api",
    description="Citizens' appeals: submit, track, and the staff's work on them.",
)
mount_appeals(api)
