from django.urls import path

from ratusha.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/<str:code>/", views.body_public, name="body"),
    path("language/", views.set_language, name="set-language"),
    path("welcome/", views.after_login, name="after-login"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/bodies/<int:pk>/", views.staff_body, name="staff-body"),
    path(
        "staff/bodies/<int:pk>/sms-limit/", views.staff_body_sms_limit, name="staff-body-sms-limit"
    ),
    path("staff/departments/<int:pk>/", views.staff_department, name="staff-department"),
]
