"""The pure role matrix: reach in the tree of bodies and department limits."""

from ratusha_core.permissions import Action, Grant, Kind, Role, Target, may, rule


def test_department_roles_reach_only_their_department() -> None:
    officer = Grant(Role.DEPARTMENT_OFFICER, body_id=3, department_id=30)
    assert may([officer], Action.VIEW, Kind.APPEAL, Target((1, 3), 30))
    assert not may([officer], Action.VIEW, Kind.APPEAL, Target((1, 3), 31))
    assert not may([officer], Action.VIEW, Kind.APPEAL, Target((1, 4), 30))


def test_body_tree_reaches_descendants_but_not_ancestors_or_siblings() -> None:
    admin = Grant(Role.BODY_ADMIN, body_id=2)
    assert may([admin], Action.CHANGE, Kind.DEPARTMENT, Target((1, 2, 5), 50))
    assert may([admin], Action.CHANGE, Kind.BODY, Target((1, 2)))
    assert not may([admin], Action.VIEW, Kind.BODY, Target((1,)))
    assert not may([admin], Action.VIEW, Kind.BODY, Target((1, 3)))


def test_auditor_never_changes() -> None:
    auditor = Grant(Role.AUDITOR, body_id=1)
    for kind in Kind:
        assert may([auditor], Action.VIEW, kind, Target((1, 2), 7))
        assert not may([auditor], Action.CHANGE, kind, Target((1, 2), 7))


def test_system_admin_reaches_installation_wide_objects() -> None:
    assert may([Grant(Role.SYSTEM_ADMIN)], Action.CHANGE, Kind.GRANT, Target(()))
    assert not may([Grant(Role.BODY_ADMIN, 1)], Action.VIEW, Kind.GRANT, Target(()))


def test_no_grants_no_access_and_officers_cannot_see_grants() -> None:
    assert not may([], Action.VIEW, Kind.BODY, Target((1,)))
    assert rule(Role.DEPARTMENT_OFFICER, Kind.GRANT) is None
