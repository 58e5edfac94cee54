"""Dashboards under /analytics/: staff (with the lists behind figures and the map) and public."""

from django.urls import path

from ratusha.analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("appeals/", views.appeals, name="appeals"),
    path("map/", views.hotspots_map, name="map"),
    path("public/", views.public_dashboard, name="public"),
]
