"""Fixtures for triage: a small synthetic history of body A in three departments."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import numpy as np
import pytest
from django.utils import timezone

TOPICS = {
    "A1": [
        "Глыбокая яма на дарозе па вуліцы {street}, машыны б'юць колы.",
        "Разбіты асфальт на праезнай частцы {street}, трэба зрабіць ямачны рамонт дарогі.",
        "На вуліцы {street} праваліўся асфальт, яма на дарозе каля прыпынку.",
        "Просим отремонтировать дорогу на улице {street}, сплошные ямы на асфальте.",
    ],
    "A2": [
        "Не гарыць вулічны ліхтар на вуліцы {street}, вечарам цёмна.",
        "Не горит уличное освещение на улице {street}, фонари не работают.",
        "Ліхтары асвятлення на {street} мігаюць і гаснуць, просім замяніць лямпы.",
        "Вечером на улице {street} темно, не горят фонари уличного освещения.",
    ],
    "A3": [
        "Не вывозяць смецце з кантэйнернай пляцоўкі на вуліцы {street}.",
        "Переполнены мусорные контейнеры во дворе на улице {street}, мусор не вывозят.",
        "Смецце ляжыць каля кантэйнераў на {street} ужо тыдзень, не вывозяць.",
        "Просим организовать вывоз мусора с площадки на улице {street}.",
    ],
}
STREETS = ["Леніна", "Савецкая", "Гагарына", "Міра", "Пушкіна", "Кірава"]


@pytest.fixture(autouse=True)
def _triage_settings(settings: Any, tmp_path: Any) -> None:
    settings.RATUSHA_TRIAGE_NER = False
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def town(world: Any) -> Any:
    """The world with a third department A3 (and its category) in body A."""
    from ratusha.bodies.models import Category, Department

    dept = Department.objects.create(
        body=world.bodies["A"], code="A3", name_be="Аддзел A3", name_en="Dept A3"
    )
    world.departments["A3"] = dept
    world.categories["A3"] = Category.objects.create(
        body=world.bodies["A"], code="CA3", name_be="Катэгорыя A3", default_department=dept
    )
    return world


@pytest.fixture
def register(town: Any) -> Any:
    """Register an appeal of body A through the actions (no processing yet)."""
    from ratusha.appeals.actions import AppealInput, check_register_appeal
    from ratusha.appeals.choices import Channel

    def make(text: str, **overrides: Any) -> Any:
        values: dict[str, Any] = {
            "body": town.bodies["A"],
            "channel": Channel.WEB,
            "text": text,
            "applicant_name": "Ганна Жук",
            "applicant_email": "hanna@example.org",
        }
        values.update(overrides)
        return check_register_appeal(AppealInput(**values)).appeal

    return make


# One street light out, reported in Belarusian and then in Russian (the street spelled
# each language's way): the pair every cross-language duplicate test starts from.
BE = "На вуліцы Чкалава каля дома 3 не гараць ліхтары, увечары зусім цёмна і небяспечна."
RU = "Уже неделю не работает уличное освещение на улице Чкалова у дома 3, вечером страшно идти."


@pytest.fixture
def triaged_pair(register: Any) -> Any:
    """Register and triage the Belarusian report, then the Russian one; give both.

    A factory, so that a test can set ``RATUSHA_TRIAGE_EMBEDDINGS`` before calling it.
    """
    from ratusha.appeals.tasks import process_appeal

    def make() -> tuple[Any, Any]:
        first = register(BE, address="вул. Чкалава, 3")
        process_appeal.call(first.pk)
        second = register(RU, address="ул. Чкалова, 3", applicant_email="p2@example.org")
        process_appeal.call(second.pk)
        return first, second

    return make


@pytest.fixture
def history(town: Any, register: Any) -> list[Any]:
    """Give 72 labelled appeals of body A, registered 60 to 200 days ago."""
    from ratusha.appeals.choices import State
    from ratusha.appeals.models import Appeal

    first = register("Першы зварот.")
    Appeal.objects.filter(pk=first.pk).delete()
    now = timezone.now()
    clones = []
    n = 0
    for code, templates in TOPICS.items():
        for template in templates:
            for street in STREETS:
                n += 1
                clone = _copy(first)
                clone.sequence = 700_000 + n
                clone.number = f"{first.number.rsplit('-', 1)[0]}-{clone.sequence:06d}"
                clone.text = template.format(street=street)
                clone.department = town.departments[code]
                clone.category = town.categories[code]
                clone.state = State.ANSWERED
                clone.registered_at = now - timedelta(days=60 + n * 2)
                clones.append(clone)
    return Appeal.objects.bulk_create(clones)


def _copy(appeal: Any) -> Any:
    from copy import copy

    clone = copy(appeal)
    clone.pk = None
    clone._state = type(appeal._state)()
    return clone


@pytest.fixture(autouse=True)
def _pages_in_english(client: Any) -> None:
    """These tests read English labels; the site's default language is Belarusian."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


MANHOLE = [
    "На вуліцы Гагарына каля дома 14 адкрыты каналізацыйны люк, дзеці могуць упасці.",
    "Адкрыты каналізацыйны люк на вуліцы Гагарына каля дома 14, небяспечна для дзяцей.",
    "На вуліцы Гагарына, 14 каналізацыйны люк без вечка, дзеці могуць упасці ў яго.",
]
OTHER = "Не вывозяць смецце з кантэйнернай пляцоўкі на вуліцы Кірава."


@pytest.fixture
def manholes(register: Any) -> list[Any]:
    """Three reports of one open manhole, processed (triaged) one after another, and another."""
    from ratusha.appeals.models import Appeal
    from ratusha.appeals.tasks import process_appeal

    found = []
    for n, text in enumerate([*MANHOLE, OTHER]):
        appeal = register(text, address=f"вул. Гагарына, {14 + n}", applicant_email=f"p{n}@x.org")
        process_appeal.call(appeal.pk)
        found.append(Appeal.objects.get(pk=appeal.pk))
    return found


@pytest.fixture
def fake_e5(monkeypatch: pytest.MonkeyPatch, settings: Any) -> list[str]:
    """Embed by hashed words instead of e5 (fast, deterministic); record what is embedded."""
    from ratusha.triage import embeddings

    settings.RATUSHA_TRIAGE_EMBEDDINGS = True
    seen: list[str] = []

    def embed(texts: list[str]) -> Any:
        seen.extend(texts)
        rows = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in zip(rows, texts, strict=True):
            for word in text.lower().split():
                row[zlib.crc32(word.encode()) % 384] += 1.0
            row += 1e-3
            row /= np.linalg.norm(row)
        return rows

    def concepts(texts: list[str]) -> list[tuple[Any, Any]]:
        pairs = []
        for text in texts:
            terms = sorted({zlib.crc32(w.encode()) % 16384 for w in text.lower().split()})
            pairs.append((np.asarray(terms, np.int32), np.ones(len(terms), np.float32)))
        return pairs

    monkeypatch.setattr(embeddings, "embed_texts", embed)
    monkeypatch.setattr(embeddings, "embed_concepts", concepts)
    return seen


@pytest.fixture
def llm(settings: Any) -> Iterator[Any]:
    """A local OpenAI-compatible server replaying recorded answers (tests/triage/fake_chat)."""
    from tests.triage.fake_chat import serve

    fake = serve(settings)
    yield fake
    fake.stop()


@pytest.fixture
def assigned(town: Any, register: Any) -> Any:
    """An appeal of body A assigned to a department, with a template and a precedent."""
    from tests.triage.fake_chat import assigned_appeal

    return assigned_appeal(town, register)


@pytest.fixture
def api(client: Any) -> Any:
    """A JSON client of /api/v1/ (``tests.api.conftest.Api``)."""
    from tests.api.conftest import Api

    return Api(client)


@pytest.fixture
def tokens(town: Any) -> dict[str, str]:
    """Give a live API token for every person of the town."""
    from ratusha.appeals.api.auth import issue_token

    return {name: issue_token(user, "tests")[1] for name, user in town.users.items()}


VAGUE = [
    "Добры дзень. Прашу разабрацца з маёй сітуацыяй як мага хутчэй.",
    "Здравствуйте. Прошу разобраться с моей ситуацией как можно скорее.",
    "Прашу дапамагчы і разабрацца, сітуацыя не змяняецца ўжо месяц.",
]


@pytest.fixture
def queue(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> list[Any]:
    """Three appeals waiting in the triage queue, each with a suggested department."""
    from ratusha.appeals.choices import State
    from ratusha.appeals.tasks import process_appeal
    from ratusha.triage.models import Target
    from ratusha.triage.training import do_train_model
    from ratusha_core.triage.classify import ClassifierConfig

    fast = ClassifierConfig(c_grid=(1.0,), use_embedding=False)
    do_train_model(town.bodies["A"], Target.DEPARTMENT, config=fast)
    waiting = []
    for n, text in enumerate(VAGUE):
        appeal = register(text, applicant_email=f"v{n}@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            process_appeal.call(appeal.pk)
        appeal.refresh_from_db()
        assert appeal.state == State.TRIAGE
        waiting.append(appeal)
    return waiting


@pytest.fixture
def admin_site(town: Any, client: Any) -> Any:
    """Give the test client logged in to the Django admin as a superuser (the sysadmin)."""
    root = town.users["sysadmin"]
    root.is_staff = root.is_superuser = True
    root.save()
    client.force_login(root)
    return client
