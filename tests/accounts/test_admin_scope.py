"""The administration site follows the same matrix as every other page."""

from __future__ import annotations

from typing import Any

import pytest

from ratusha.accounts.models import RoleGrant
from ratusha.bodies.models import Department

pytestmark = pytest.mark.django_db


def test_body_admin_sees_only_own_departments_in_admin(client: Any, world: Any) -> None:
    client.force_login(world.users["admin"])
    html = client.get("/admin/bodies/department/").content.decode()
    assert "Аддзел A1" in html and "Аддзел A2" in html and "Аддзел B1" not in html
    other = world.departments["B1"]
    assert client.get(f"/admin/bodies/department/{other.pk}/change/").status_code in (302, 403, 404)


def test_body_admin_cannot_create_a_department_in_another_body(client: Any, world: Any) -> None:
    client.force_login(world.users["admin"])
    response = client.post(
        "/admin/bodies/department/add/",
        {
            "body": world.bodies["B"].pk,
            "code": "X1",
            "name_be": "Чужы",
            "is_active": "on",
        },
    )
    assert response.status_code == 200  # the form refuses the body choice
    assert not Department.objects.filter(code="X1").exists()
    ok = client.post(
        "/admin/bodies/department/add/",
        {
            "body": world.bodies["A"].pk,
            "code": "X2",
            "name_be": "Свой",
            "is_active": "on",
        },
    )
    assert ok.status_code == 302 and Department.objects.filter(code="X2").exists()


def test_auditor_may_look_but_not_change(client: Any, world: Any) -> None:
    client.force_login(world.users["auditor"])
    dept = world.departments["A1"]
    assert client.get("/admin/bodies/department/").status_code == 200
    response = client.post(
        f"/admin/bodies/department/{dept.pk}/change/",
        {
            "body": dept.body_id,
            "code": "A1",
            "name_be": "Зменена",
            "is_active": "on",
        },
    )
    assert response.status_code == 403
    assert Department.objects.get(pk=dept.pk).name_be == "Аддзел A1"


def test_body_admin_cannot_grant_system_admin(client: Any, world: Any) -> None:
    client.force_login(world.users["admin"])
    before = RoleGrant.objects.count()
    client.post(
        "/admin/accounts/rolegrant/add/",
        {
            "user": world.users["citizen"].pk,
            "role": "system_admin",
        },
    )
    assert RoleGrant.objects.count() == before
    assert not type(world.users["citizen"]).objects.get(pk=world.users["citizen"].pk).is_superuser


def test_officers_have_no_admin_access(client: Any, world: Any) -> None:
    client.force_login(world.users["officer"])
    assert client.get("/admin/").status_code == 302
