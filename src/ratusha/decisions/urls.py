"""URLs of the register of decisions: public pages at /decisions/, staff pages below staff/."""

from django.urls import path

from ratusha.decisions import views_public, views_staff

app_name = "decisions"

_ONE = "<str:code>/<int:year>/<int:number>/"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("staff/", views_staff.staff_list, name="staff-list"),
    path("staff/new/", views_staff.staff_choose, name="staff-choose"),
    path("staff/new/<str:code>/", views_staff.staff_new, name="staff-new"),
    path("staff/<int:pk>/", views_staff.staff_detail, name="staff-detail"),
    path("staff/<int:pk>/edit/", views_staff.staff_edit, name="staff-edit"),
    path("staff/<int:pk>/adopt/", views_staff.staff_adopt, name="staff-adopt"),
    path("staff/<int:pk>/revoke/", views_staff.staff_revoke, name="staff-revoke"),
    path("<str:code>/", views_public.body_list, name="body"),
    path(_ONE, views_public.detail, name="detail"),
    path(f"{_ONE}decision.json", views_public.signed_json, {"what": "decision"}, name="signed"),
    path(
        f"{_ONE}revocation.json",
        views_public.signed_json,
        {"what": "revocation"},
        name="revocation",
    ),
]
