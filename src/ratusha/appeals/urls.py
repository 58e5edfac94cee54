"""URLs of the appeals app: the citizen's side and the staff's side."""

from django.urls import include, path

from ratusha.appeals import views_sms

app_name = "appeals"

urlpatterns = [
    path("sms/inbound/", views_sms.inbound, name="sms-inbound"),
    path("", include("ratusha.appeals.urls_citizen")),
    path("staff/", include("ratusha.appeals.urls_staff")),
]
