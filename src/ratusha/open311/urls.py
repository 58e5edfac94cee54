from django.urls import path, re_path

from ratusha.open311 import views

app_name = "open311"

FMT = r"(?P<fmt>json|xml)"

urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    re_path(rf"^discovery\.{FMT}$", views.discovery, name="discovery"),
    re_path(rf"^services\.{FMT}$", views.services, name="services"),
    re_path(rf"^services/(?P<code>[^/]+)\.{FMT}$", views.definition, name="service"),
    re_path(rf"^requests\.{FMT}$", views.requests_, name="requests"),
    re_path(rf"^requests/(?P<number>[^/]+)\.{FMT}$", views.one_request, name="request"),
    re_path(rf"^tokens/(?P<token>[^/]+)\.{FMT}$", views.token, name="token"),
    re_path(rf"^servicerequestupdates\.{FMT}$", views.updates, name="updates"),
    re_path(r"^(?P<rest>.*)$", views.unknown, name="unknown"),
]
