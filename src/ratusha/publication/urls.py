from django.urls import path

from ratusha.publication import views

app_name = "publication"

urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/<int:pk>/approve/", views.approve, name="approve"),
    path("review/<int:pk>/reject/", views.reject, name="reject"),
]
