"""Fixtures for the staff pages: appeals registered and routed by the real actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media_and_language(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.LANGUAGE_CODE = "en"  # the assertions read the English messages


@pytest.fixture
def make_appeal(appeal_input: Any) -> Callable[..., Any]:
    """Register an appeal through the actions and process it (category A1 routes to A1)."""
    from ratusha.appeals.actions import check_register_appeal
    from ratusha.appeals.tasks import process_appeal

    def make(process: bool = True, **overrides: Any) -> Any:
        appeal = check_register_appeal(appeal_input(**overrides)).appeal
        if process:
            process_appeal.call(appeal.pk)
        appeal.refresh_from_db()
        return appeal

    return make


@pytest.fixture
def as_user(client: Any, world: Any) -> Callable[[str], Any]:
    """Give the test client logged in as one of the world's people."""

    def log_in(name: str) -> Any:
        client.force_login(world.users[name])
        return client

    return log_in


@pytest.fixture
def copy_appeals(db: Any) -> Callable[..., list[Any]]:
    """Copy appeals with bulk_create (with their questions, events and attachment rows).

    The actions take ~80 ms per appeal; where only the number of rows matters, copies do.
    """
    from ratusha.appeals.models import Appeal, AppealEvent, Attachment, Question

    def copy(models: list[Any], count: int) -> list[Any]:
        # Far above the registration counter, so later real registrations never collide.
        last = Appeal.objects.order_by("-sequence").values_list("sequence", flat=True).first()
        start = max(last or 0, 500_000)
        originals = [Appeal.objects.get(pk=m.pk) for m in models]
        related = {
            (kind, m.pk): list(kind.objects.filter(appeal_id=m.pk))
            for kind in (Question, AppealEvent, Attachment)
            for m in models
        }
        clones = []
        for n in range(count):
            clone = Appeal.objects.get(pk=originals[n % len(originals)].pk)
            clone.pk, clone.sequence = None, start + n + 1
            clone.number = f"{clone.number.rsplit('-', 1)[0]}-{clone.sequence:06d}"
            clones.append(clone)
        Appeal.objects.bulk_create(clones)
        clones = list(Appeal.objects.filter(sequence__gt=start).order_by("sequence"))
        for n, clone in enumerate(clones):
            model = originals[n % len(originals)]
            for kind in (Question, AppealEvent, Attachment):
                rows = related[(kind, model.pk)]
                for row in rows:
                    row.pk, row.appeal_id = None, clone.pk
                kind.objects.bulk_create(rows)
        return clones

    return copy
