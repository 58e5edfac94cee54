"""The department model reads the topic (category) the citizen chose, and says so."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.urls import reverse

from ratusha.appeals.models import Appeal
from ratusha.appeals.tasks import process_appeal
from ratusha.bodies.models import Category
from ratusha.triage.models import Target, TriageResult
from ratusha.triage.training import active_model, do_train_model, labelled_history
from ratusha_core.triage.classify import ClassifierConfig

pytestmark = pytest.mark.django_db

FAST = ClassifierConfig(c_grid=(1.0,), use_embedding=False)
# Says nothing of roads, lights or rubbish: only the topic can tell the department.
AMBIGUOUS = "Добры дзень. Прашу разабрацца з маёй сітуацыяй як мага хутчэй."
GENERIC = [
    "Прашу разабрацца з гэтым пытаннем, звяртаюся ўжо другі раз.",
    "Просим принять меры, ситуация повторяется каждую неделю.",
    "Добры дзень. Калі ласка, адкажыце, калі гэта будзе зроблена.",
    "Здравствуйте. Прошу сообщить, когда это исправят, жители ждут.",
]


def _vague(history: list[Any]) -> None:
    """Make half of the history say nothing of its problem, as many real appeals do."""
    for n, appeal in enumerate(history[::2]):
        Appeal.objects.filter(pk=appeal.pk).update(text=f"{GENERIC[n % 4]} ({n})")


def _triaged(register: Any, capture: Any, **values: Any) -> TriageResult:
    appeal = register(AMBIGUOUS, **values)
    with capture(execute=True):
        process_appeal.call(appeal.pk)
    return TriageResult.objects.get(appeal=appeal)


def test_the_history_carries_each_appeal_s_category_as_its_topic(town: Any, history: Any) -> None:
    examples = labelled_history(town.bodies["A"], Target.DEPARTMENT)
    assert len(examples) == 72
    by_department = {town.departments[c].pk: town.categories[c].pk for c in ("A1", "A2", "A3")}
    assert all(e.topic == str(by_department[int(e.label)]) for e in examples)


def test_a_sub_category_is_read_with_its_parent(
    town: Any, history: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    parent = town.categories["A1"]
    child = Category.objects.create(
        body=town.bodies["A"], code="CA1-POT", name_be="Ямы", parent=parent
    )
    Appeal.objects.filter(pk__in=[a.pk for a in history[:3]]).update(category=child)
    examples = labelled_history(town.bodies["A"], Target.DEPARTMENT)
    topics = {e.topic for e in examples}
    assert f"{parent.pk}/{child.pk}" in topics and str(parent.pk) in topics
    body = town.bodies["A"]
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    department, _version = active_model(body.pk, Target.DEPARTMENT)
    assert f"{parent.pk}/{child.pk}" in department.space.topics
    result = _triaged(register, django_capture_on_commit_callbacks, category=child)
    assert result.topic_id == child.pk


def test_the_department_model_follows_the_topic_and_the_panel_says_it_read_it(
    town: Any,
    history: Any,
    register: Any,
    client: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = town.bodies["A"]
    _vague(history)
    do_train_model(body, Target.CATEGORY, config=FAST)
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    department, _version = active_model(body.pk, Target.DEPARTMENT)
    category, _version = active_model(body.pk, Target.CATEGORY)
    assert department.reads_topic and not category.reads_topic
    found, results = {}, {}
    for code in ("A1", "A2", "A3"):
        result = _triaged(
            register,
            django_capture_on_commit_callbacks,
            category=town.categories[code],
            applicant_email=f"{code}@example.org",
        )
        assert result.topic_id == town.categories[code].pk
        found[code], results[code] = result.departments[0][0], result
    # The same words, three topics: each goes to its own department.
    assert found == {code: town.departments[code].pk for code in found}
    # "I don't know": no topic read, and the panel does not claim one.
    blind = _triaged(register, django_capture_on_commit_callbacks)
    assert blind.topic_id is None
    client.force_login(town.users["clerk"])
    read = client.get(reverse("triage:suggestions", args=[result.appeal_id]), HTTP_HX_REQUEST="1")
    line = "The department suggestion also read the topic the citizen chose:</strong>"
    assert f"{line} {town.categories['A3'].name}" in read.text
    unread = client.get(reverse("triage:suggestions", args=[blind.appeal_id]), HTTP_HX_REQUEST="1")
    assert "also read the topic" not in unread.text and not blind.without_topic
    # Where the topic, not the words, decided, the result keeps what the words alone say:
    # the suggestion made without a topic.
    alone = blind.departments[0][0]
    decided = [code for code in found if found[code] != alone]
    assert len(decided) >= 2
    for code, result in results.items():
        assert [pair[0] for pair in result.without_topic] == ([alone] if code in decided else [])
    shown = client.get(
        reverse("triage:suggestions", args=[results[decided[0]].appeal_id]), HTTP_HX_REQUEST="1"
    )
    name = next(d.name for d in town.departments.values() if d.pk == alone)
    assert f"The topic decided it: from the words alone the AI would suggest {name}" in shown.text


def test_an_installation_can_keep_the_department_model_to_the_text(
    town: Any, history: Any, register: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.RATUSHA_TRIAGE_TOPIC = False
    body = town.bodies["A"]
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    department, _version = active_model(body.pk, Target.DEPARTMENT)
    assert not department.reads_topic
    result = _triaged(register, django_capture_on_commit_callbacks, category=town.categories["A2"])
    assert result.topic_id is None


def test_an_appeal_without_a_topic_goes_to_the_text_only_twin(
    town: Any,
    history: Any,
    register: Any,
    client: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = town.bodies["A"]
    do_train_model(body, Target.DEPARTMENT, config=FAST)
    model = body.triage_models.get(target=Target.DEPARTMENT, is_active=True)
    department, _version = active_model(body.pk, Target.DEPARTMENT)
    twin = department.for_topic(None)
    assert twin is not department and not twin.reads_topic
    # "I don't know": the twin predicts it and its own threshold routes it.
    blind = _triaged(register, django_capture_on_commit_callbacks)
    expected = twin.predict(AMBIGUOUS)
    assert blind.departments == [[int(label), round(p, 4)] for label, p in expected.top]
    # (The model itself would have said otherwise, so this tells which one predicted.)
    itself = replace(department, text_only=None).predict(AMBIGUOUS)
    assert itself.top != expected.top
    assert blind.threshold == twin.threshold
    assert blind.topic_id is None and not blind.without_topic
    # With a topic the model itself predicts, at its own threshold.
    read = _triaged(
        register,
        django_capture_on_commit_callbacks,
        category=town.categories["A2"],
        applicant_email="a2@example.org",
    )
    assert read.topic_id == town.categories["A2"].pk and read.threshold == department.threshold
    # The models page gives the accuracy on appeals without a topic beside the other.
    share = model.metrics["without_topic_accuracy"]
    assert 0 <= share <= 1
    client.force_login(town.users["admin"])
    page = client.get(reverse("triage:models", args=[body.pk]))
    assert "without a topic)" in page.text
