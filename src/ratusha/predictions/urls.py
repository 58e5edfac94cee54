from django.urls import path

from ratusha.predictions import views

app_name = "predictions"

urlpatterns = [
    path("bodies/<int:pk>/", views.overview, name="overview"),
]
