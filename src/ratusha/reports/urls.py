from django.urls import path

from ratusha.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.order_report, name="order"),
    path("<int:pk>/download/", views.download_report, name="download"),
]
