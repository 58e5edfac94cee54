"""URLs of the appeals app: the citizen's side and the staff's side."""

from django.urls import include, path

app_name = "appeals"

urlpatterns = [
    path("", include("ratusha.appeals.urls_citizen")),
    path("staff/", include("ratusha.appeals.urls_staff")),
]
