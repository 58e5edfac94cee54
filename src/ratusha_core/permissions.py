"""Who may do what: the single role-permission matrix of Ratusha, as pure data.

A staff member holds *grants*: a role in a body, and for department roles also in one
department. A grant reaches a target object when the object's body is the grant's body
or lies below it in the tree of bodies, and, for department roles, when the object
belongs to the grant's department. Body-wide reference data (the body itself, its
categories) is visible to every staff role of that body.

Example::

    >>> grant = Grant(Role.DEPARTMENT_OFFICER, body_id=7, department_id=3)
    >>> target = Target(body_path=(1, 2, 7), department_id=3)
    >>> may((grant,), Action.VIEW, Kind.DEPARTMENT, target)
    True
    >>> may((grant,), Action.CHANGE, Kind.DEPARTMENT, target)
    False
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The staff roles a body can grant."""

    REGISTRY_CLERK = "registry_clerk"
    DEPARTMENT_OFFICER = "department_officer"
    DEPARTMENT_HEAD = "department_head"
    BODY_ADMIN = "body_admin"
    AUDITOR = "auditor"
    SYSTEM_ADMIN = "system_admin"

    @property
    def needs_department(self) -> bool:
        """Tell whether a grant of this role names a department."""
        return self in DEPARTMENT_ROLES


DEPARTMENT_ROLES = frozenset({Role.DEPARTMENT_OFFICER, Role.DEPARTMENT_HEAD})


class Action(StrEnum):
    """What a person wants to do with an object."""

    VIEW = "view"
    CHANGE = "change"


class Kind(StrEnum):
    """The kinds of protected objects."""

    BODY = "body"
    DEPARTMENT = "department"
    CATEGORY = "category"
    OFFICIAL = "official"
    GRANT = "grant"
    APPEAL = "appeal"
    ANSWER_TEMPLATE = "answer_template"
    DECISION = "decision"  # the register of a body's decisions (drafts; adopted ones are public)


class Reach(StrEnum):
    """How far a rule reaches from the grant's position in the tree."""

    BODY_TREE = "body_tree"  # the grant's body and every body below it
    OWN_BODY = "own_body"  # only the grant's body itself
    OWN_DEPARTMENT = "own_department"  # only objects of the grant's department


@dataclass(frozen=True, slots=True)
class Grant:
    """A role held in a body (and, for department roles, in one of its departments)."""

    role: Role
    body_id: int | None = None
    department_id: int | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """Where an object sits: its body's path from the root, and its department if any."""

    body_path: tuple[int, ...]
    department_id: int | None = None

    @property
    def body_id(self) -> int | None:
        """Give the id of the object's own body (None for installation-wide objects)."""
        return self.body_path[-1] if self.body_path else None


_V = frozenset({Action.VIEW})
_VC = frozenset({Action.VIEW, Action.CHANGE})

# (role, kind) -> (actions, reach). A missing pair means "never".
MATRIX: dict[tuple[Role, Kind], tuple[frozenset[Action], Reach]] = {
    (Role.BODY_ADMIN, Kind.BODY): (_VC, Reach.BODY_TREE),
    (Role.BODY_ADMIN, Kind.DEPARTMENT): (_VC, Reach.BODY_TREE),
    (Role.BODY_ADMIN, Kind.CATEGORY): (_VC, Reach.BODY_TREE),
    (Role.BODY_ADMIN, Kind.OFFICIAL): (_VC, Reach.BODY_TREE),
    (Role.BODY_ADMIN, Kind.GRANT): (_VC, Reach.BODY_TREE),
    (Role.BODY_ADMIN, Kind.APPEAL): (_V, Reach.BODY_TREE),
    (Role.BODY_ADMIN, Kind.ANSWER_TEMPLATE): (_VC, Reach.BODY_TREE),
    (Role.BODY_ADMIN, Kind.DECISION): (_VC, Reach.BODY_TREE),
    (Role.AUDITOR, Kind.BODY): (_V, Reach.BODY_TREE),
    (Role.AUDITOR, Kind.DEPARTMENT): (_V, Reach.BODY_TREE),
    (Role.AUDITOR, Kind.CATEGORY): (_V, Reach.BODY_TREE),
    (Role.AUDITOR, Kind.OFFICIAL): (_V, Reach.BODY_TREE),
    (Role.AUDITOR, Kind.GRANT): (_V, Reach.BODY_TREE),
    (Role.AUDITOR, Kind.APPEAL): (_V, Reach.BODY_TREE),
    (Role.AUDITOR, Kind.ANSWER_TEMPLATE): (_V, Reach.BODY_TREE),
    (Role.AUDITOR, Kind.DECISION): (_V, Reach.BODY_TREE),
    (Role.REGISTRY_CLERK, Kind.BODY): (_V, Reach.OWN_BODY),
    (Role.REGISTRY_CLERK, Kind.DEPARTMENT): (_V, Reach.OWN_BODY),
    (Role.REGISTRY_CLERK, Kind.CATEGORY): (_V, Reach.OWN_BODY),
    (Role.REGISTRY_CLERK, Kind.OFFICIAL): (_V, Reach.OWN_BODY),
    (Role.REGISTRY_CLERK, Kind.APPEAL): (_VC, Reach.OWN_BODY),
    (Role.REGISTRY_CLERK, Kind.ANSWER_TEMPLATE): (_V, Reach.OWN_BODY),
    (Role.REGISTRY_CLERK, Kind.DECISION): (_V, Reach.OWN_BODY),
    (Role.DEPARTMENT_HEAD, Kind.BODY): (_V, Reach.OWN_BODY),
    (Role.DEPARTMENT_HEAD, Kind.DEPARTMENT): (_V, Reach.OWN_DEPARTMENT),
    (Role.DEPARTMENT_HEAD, Kind.CATEGORY): (_V, Reach.OWN_BODY),
    (Role.DEPARTMENT_HEAD, Kind.OFFICIAL): (_V, Reach.OWN_DEPARTMENT),
    (Role.DEPARTMENT_HEAD, Kind.GRANT): (_V, Reach.OWN_DEPARTMENT),
    (Role.DEPARTMENT_HEAD, Kind.APPEAL): (_VC, Reach.OWN_DEPARTMENT),
    (Role.DEPARTMENT_HEAD, Kind.ANSWER_TEMPLATE): (_V, Reach.OWN_BODY),
    # Heads draft and adopt the body's decisions (not only their department's).
    (Role.DEPARTMENT_HEAD, Kind.DECISION): (_VC, Reach.OWN_BODY),
    (Role.DEPARTMENT_OFFICER, Kind.BODY): (_V, Reach.OWN_BODY),
    (Role.DEPARTMENT_OFFICER, Kind.DEPARTMENT): (_V, Reach.OWN_DEPARTMENT),
    (Role.DEPARTMENT_OFFICER, Kind.CATEGORY): (_V, Reach.OWN_BODY),
    (Role.DEPARTMENT_OFFICER, Kind.OFFICIAL): (_V, Reach.OWN_DEPARTMENT),
    (Role.DEPARTMENT_OFFICER, Kind.APPEAL): (_VC, Reach.OWN_DEPARTMENT),
    (Role.DEPARTMENT_OFFICER, Kind.ANSWER_TEMPLATE): (_V, Reach.OWN_BODY),
    (Role.DEPARTMENT_OFFICER, Kind.DECISION): (_V, Reach.OWN_BODY),
}


def rule(role: Role, kind: Kind) -> tuple[frozenset[Action], Reach] | None:
    """Give the actions and the reach a role has on a kind, or None for no access.

    A system administrator may do everything everywhere.
    """
    if role is Role.SYSTEM_ADMIN:
        return _VC, Reach.BODY_TREE
    return MATRIX.get((role, kind))


def reaches(grant: Grant, reach: Reach, target: Target) -> bool:
    """Tell whether a grant at its position reaches the target under the given reach."""
    if grant.role is Role.SYSTEM_ADMIN:
        return True
    if grant.body_id is None:
        return False
    if reach is Reach.BODY_TREE:
        return grant.body_id in target.body_path
    if reach is Reach.OWN_BODY:
        return grant.body_id == target.body_id
    return (
        grant.body_id == target.body_id
        and grant.department_id is not None
        and grant.department_id == target.department_id
    )


def may(grants: Iterable[Grant], action: Action, kind: Kind, target: Target) -> bool:
    """Tell whether any of the grants allows the action on an object of the kind at target."""
    for grant in grants:
        found = rule(grant.role, kind)
        if found is not None and action in found[0] and reaches(grant, found[1], target):
            return True
    return False
