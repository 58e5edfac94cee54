"""The appeals part of the REST API at /api/v1/: intake, staff work and tracking."""

from ninja import NinjaAPI

from ratusha.appeals.api import intake, tracking, work  # noqa: F401 (they add the operations)
from ratusha.appeals.api.problems import install_problem_handlers
from ratusha.appeals.api.routers import appeals, reference
from ratusha.appeals.api.routers import tracking as tracking_router


def mount(api: NinjaAPI) -> None:
    """Add the appeals endpoints to the API and make its errors problem details."""
    install_problem_handlers(api)
    api.add_router("", reference)
    api.add_router("", appeals)
    api.add_router("", tracking_router)
