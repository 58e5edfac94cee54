"""Each role against each kind of object, in its own body and department and elsewhere.

The expected table is written out by hand, so a change to the matrix must change it too.
For every cell, the single-object check, the queryset scope and the staff pages agree.
"""

from __future__ import annotations

from typing import Any

import pytest

from ratusha.accounts.permissions import can, scoped
from ratusha_core.permissions import Action

V, C = Action.VIEW, Action.CHANGE
NONE: frozenset[Action] = frozenset()
VIEW = frozenset({V})
BOTH = frozenset({V, C})

# Targets: bodies R (region), D (district), A (own town), B (sibling village);
# departments and their category, official and role grant: A1 (own), A2, B1.
TARGETS = [
    ("body", "R"),
    ("body", "D"),
    ("body", "A"),
    ("body", "B"),
    ("department", "A1"),
    ("department", "A2"),
    ("department", "B1"),
    ("category", "A1"),
    ("category", "A2"),
    ("category", "B1"),
    ("official", "A1"),
    ("official", "A2"),
    ("official", "B1"),
    ("grant", "A1"),
    ("grant", "A2"),
    ("grant", "B1"),
]


def row(*cells: frozenset[Action]) -> dict[tuple[str, str], frozenset[Action]]:
    assert len(cells) == len(TARGETS)
    return dict(zip(TARGETS, cells, strict=True))


N = NONE
EXPECTED: dict[str, dict[tuple[str, str], frozenset[Action]]] = {
    # Columns: bodies R D A B; departments, categories, officials, grants of A1 A2 B1.
    "officer": row(N, N, VIEW, N, VIEW, N, N, VIEW, VIEW, N, VIEW, N, N, N, N, N),
    "head": row(N, N, VIEW, N, VIEW, N, N, VIEW, VIEW, N, VIEW, N, N, VIEW, N, N),
    "clerk": row(N, N, VIEW, N, VIEW, VIEW, N, VIEW, VIEW, N, VIEW, VIEW, N, N, N, N),
    "admin": row(N, N, BOTH, N, BOTH, BOTH, N, BOTH, BOTH, N, BOTH, BOTH, N, BOTH, BOTH, N),
    "auditor": row(N, N, VIEW, N, VIEW, VIEW, N, VIEW, VIEW, N, VIEW, VIEW, N, VIEW, VIEW, N),
    "district_admin": row(
        N, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH
    ),
    "sysadmin": row(*([BOTH] * len(TARGETS))),
    "citizen": row(*([NONE] * len(TARGETS))),
}

GRANT_HOLDER = {"A1": "officer", "A2": "officer_a2", "B1": "officer_b"}


def target_object(world: Any, kind: str, key: str) -> Any:
    if kind == "body":
        return world.bodies[key]
    if kind == "department":
        return world.departments[key]
    if kind == "category":
        return world.categories[key]
    if kind == "official":
        return world.officials[key]
    return world.grants[GRANT_HOLDER[key]]


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_matrix(world: Any, role: str) -> None:
    user = world.users[role]
    mismatches = []
    for (kind, key), allowed in EXPECTED[role].items():
        obj = target_object(world, kind, key)
        for action in (V, C):
            single = can(user, action, obj)
            listed = scoped(user, action, type(obj).objects.all()).filter(pk=obj.pk).exists()
            want = action in allowed
            if single != want or listed != want:
                mismatches.append(
                    f"{action} {kind} {key}: can={single} scoped={listed} want={want}"
                )
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_staff_department_pages_follow_the_matrix(world: Any, client: Any, role: str) -> None:
    client.force_login(world.users[role])
    for key, dept in world.departments.items():
        response = client.get(f"/staff/departments/{dept.pk}/")
        want = 200 if V in EXPECTED[role][("department", key)] else 404
        if role == "citizen":
            want = 404
        assert response.status_code == want, (role, key)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_staff_body_pages_follow_the_matrix(world: Any, client: Any, role: str) -> None:
    client.force_login(world.users[role])
    for key, body in world.bodies.items():
        response = client.get(f"/staff/bodies/{body.pk}/")
        assert response.status_code == (200 if V in EXPECTED[role][("body", key)] else 404)
