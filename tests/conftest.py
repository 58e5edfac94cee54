"""Shared fixtures: a small world of bodies, departments and staff built by the real actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from ratusha_core.permissions import Role


@pytest.fixture(autouse=True)
def _no_text_messages_yet() -> None:
    """Start every test with an empty SMS outbox, as Django empties ``mail.outbox``."""
    from ratusha import sms

    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _fast_hasher(request: pytest.FixtureRequest) -> None:
    """Hash test passwords quickly; the argon2 test asks for the real hashers by marker."""
    if "real_hashers" in request.keywords:
        return
    try:
        settings = request.getfixturevalue("settings")
    except pytest.FixtureLookupError:  # pure-core tests run without pytest-django
        return
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """Region R > district D > town A (departments A1, A2) and village B (department B1)."""

    bodies: dict[str, Any] = field(default_factory=dict)
    departments: dict[str, Any] = field(default_factory=dict)
    categories: dict[str, Any] = field(default_factory=dict)
    officials: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    grants: dict[str, Any] = field(default_factory=dict)

    PASSWORD = "correct-horse-battery-staple"


def build_world() -> World:
    from ratusha.accounts.actions import check_grant_role
    from ratusha.accounts.models import User
    from ratusha.bodies.models import Body, Category, Department, Official

    world = World()
    for code, parent, kind in [
        ("R", None, "region"),
        ("D", "R", "district"),
        ("A", "D", "municipality"),
        ("B", "D", "municipality"),
    ]:
        world.bodies[code] = Body.objects.create(
            code=code,
            kind=kind,
            name_be=f"Орган {code}",
            name_ru=f"Орган {code} ru",
            name_en=f"Body {code}",
            parent=world.bodies.get(parent) if parent else None,
        )
    for code, body in [("A1", "A"), ("A2", "A"), ("B1", "B")]:
        dept = Department.objects.create(
            body=world.bodies[body], code=code, name_be=f"Аддзел {code}", name_en=f"Dept {code}"
        )
        world.departments[code] = dept
        world.categories[code] = Category.objects.create(
            body=world.bodies[body],
            code=f"C{code}",
            name_be=f"Катэгорыя {code}",
            default_department=dept,
        )
        world.officials[code] = Official.objects.create(
            body=world.bodies[body],
            department=dept,
            full_name=f"Official {code}",
            position_be="Спецыяліст",
        )

    def person(name: str, role: Role | None, body: str | None = None, dept: str | None = None):
        user = User.objects.create_user(
            f"{name}@example.org", World.PASSWORD, full_name=name.title()
        )
        world.users[name] = user
        if role is not None:
            world.grants[name] = check_grant_role(
                user,
                role,
                world.bodies[body] if body else None,
                world.departments[dept] if dept else None,
            )
        return user

    person("officer", Role.DEPARTMENT_OFFICER, "A", "A1")
    person("head", Role.DEPARTMENT_HEAD, "A", "A1")
    person("clerk", Role.REGISTRY_CLERK, "A")
    person("admin", Role.BODY_ADMIN, "A")
    person("auditor", Role.AUDITOR, "A")
    person("district_admin", Role.BODY_ADMIN, "D")
    person("sysadmin", Role.SYSTEM_ADMIN)
    person("citizen", None)
    person("officer_b", Role.DEPARTMENT_OFFICER, "B", "B1")
    person("officer_a2", Role.DEPARTMENT_OFFICER, "A", "A2")
    return world


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture
def appeal_defaults() -> dict[str, Any]:
    """Give field values that a folder's tests want in every appeal_input (override it)."""
    return {}


@pytest.fixture
def appeal_input(world: World, appeal_defaults: dict[str, Any]) -> Any:
    """Give a factory of valid AppealInputs for body A, category A1, fields overridden."""
    from ratusha.appeals.actions import AppealInput
    from ratusha.appeals.choices import Channel

    def make(**overrides: Any) -> Any:
        values: dict[str, Any] = {
            "body": world.bodies["A"],
            "channel": Channel.WEB,
            "text": "На вуліцы Савецкай каля дома 12 не працуе ліхтар ужо тыдзень.",
            "applicant_name": "Ганна Жук",
            "applicant_email": "hanna@example.org",
            "category": world.categories["A1"],
        }
        values.update(appeal_defaults)
        values.update(overrides)
        return AppealInput(**values)

    return make
