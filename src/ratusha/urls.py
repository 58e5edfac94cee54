from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from ratusha.api import api, unknown_address
from ratusha.pages.views import favicon, healthz

urlpatterns = [
    path("favicon.ico", favicon),
    path("", include("ratusha.pages.urls")),
    path("accounts/", include("ratusha.accounts.urls")),
    path("appeals/", include("ratusha.appeals.urls")),
    path("ledger/", include("ratusha.ledger.urls")),
    path("triage/", include("ratusha.triage.urls")),
    path("publication/", include("ratusha.publication.urls")),
    path("open311/v2/", include("ratusha.open311.urls")),
    path("opendata/", include("ratusha.opendata.urls")),
    path("decisions/", include("ratusha.decisions.urls")),
    path("analytics/", include("ratusha.analytics.urls")),
    path("predictions/", include("ratusha.predictions.urls")),
    path("reports/", include("ratusha.reports.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_address),
    path("healthz", healthz, name="healthz"),
]

admin.site.site_header = settings.RATUSHA_SITE_NAME
admin.site.site_title = settings.RATUSHA_SITE_NAME
