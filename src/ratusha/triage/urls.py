from django.urls import path

from ratusha.triage import views

app_name = "triage"

urlpatterns = [
    path("appeals/<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("appeals/<int:pk>/accept/", views.accept, name="accept"),
    path("appeals/<int:pk>/correct/", views.correct, name="correct"),
    path("bodies/<int:pk>/accuracy/", views.accuracy, name="accuracy"),
]
