from django.urls import path

from ratusha.appeals import views_citizen as views

urlpatterns = [
    path("track/<str:number>/<str:token>/", views.track, name="track"),
]
