"""Every write of AI triage: the triage run of an appeal, and officers' accepts and corrections.

``do_triage_appeal`` is called by the processing task after ``start_triage``; it stores a
``TriageResult`` and gives it, and the task routes the appeal when the result says so.
Training and model versions live in ``training.py``.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.appeals.actions import TransitionNotAllowed, check_transition
from ratusha.appeals.choices import ASSIGN_STATES
from ratusha.appeals.models import Appeal
from ratusha.bodies.models import Body, Category, Department
from ratusha.ledger.actions import append_on_commit
from ratusha.triage.duplicate_candidates import appeal_duplicates
from ratusha.triage.embeddings import StoredVectors, embedding_of, embeddings_enabled
from ratusha.triage.models import URGENCY_RANK, Decision, Target, TriageLabel, TriageResult
from ratusha.triage.repeats import repeat_fields
from ratusha.triage.routing_rules import duty_department, held_by_duty, routing_allowed
from ratusha.triage.similar import find_similar_answered
from ratusha.triage.training import active_model, topic_of
from ratusha_core.triage.classify.types import Prediction
from ratusha_core.triage.language import detect_language
from ratusha_core.triage.personal_data import find_personal_data
from ratusha_core.triage.urgency import assess_urgency


def _names(item: Category | Department) -> list[str]:
    return [n for n in (item.name_be, item.name_ru, item.name_en) if n]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def cold_start_for(body_id: int, target: str) -> Any:
    """Give a classifier built from the body's categories, or None with fewer than 2.

    It reads each category's keywords and example appeals (which an administrator edits);
    a department gets those of the categories it handles by default.
    """
    from ratusha_core.triage.classify import CategoryDescription, cold_start

    categories = list(Category.objects.filter(body_id=body_id).order_by("code"))
    if target == Target.CATEGORY:
        described = [
            CategoryDescription(
                str(c.pk),
                keywords=tuple(_lines(c.keywords) + _names(c)),
                examples=tuple(_lines(c.examples)),
            )
            for c in categories
        ]
    else:
        departments = Department.objects.filter(body_id=body_id, is_active=True).order_by("code")
        described = []
        for d in departments:
            words, examples = _names(d), []
            for c in categories:
                if c.default_department_id == d.pk:
                    words += _lines(c.keywords) + _names(c)
                    examples += _lines(c.examples)
            described.append(
                CategoryDescription(
                    str(d.pk),
                    keywords=tuple(dict.fromkeys(words)),
                    examples=tuple(dict.fromkeys(examples)),
                )
            )
    if len(described) < 2:
        return None
    return cold_start(described)


def _predict(
    body_id: int,
    target: str,
    text: str,
    stored: StoredVectors | None = None,
    topic: str | None = None,
) -> tuple[Prediction | None, Any, int | None]:
    """Give the target's prediction, its classifier and version (None for a cold start).

    ``topic`` is the category the citizen chose (``training.topic_of``); only a model
    trained to read it does, and it hands an appeal without a topic it knows to its
    text-only twin (``for_topic``), which is the classifier given back.
    """
    found = active_model(body_id, target)
    if found is not None:
        classifier, version = found
        if classifier.config.use_embedding and stored is not None:
            # The appeal's vector (and latent terms), just made for duplicates, serve the
            # classifier too.
            classifier = replace(classifier, embedder=stored)
        classifier = classifier.for_topic(topic)
        return classifier.predict(text, topic), classifier, version
    classifier = cold_start_for(body_id, target)
    if classifier is None:
        return None, None, None
    return classifier.predict(text), classifier, None


def _without_topic(classifier: Any, text: str, chosen: Prediction | None) -> list[list[Any]]:
    """Give the department the text alone points to, when the topic changed the first choice.

    One more prediction (the vector is the one already made; the model's text-only twin
    gives it when it has one), so that the officer can see when the citizen's topic, not
    the words, decided the suggestion.
    """
    if chosen is None:
        return []
    alone = classifier.predict_many([text], explain_size=0)[0]
    return [] if alone.label == chosen.label else _pairs(alone)[:1]


def _pairs(prediction: Prediction | None) -> list[list[Any]]:
    if prediction is None:
        return []
    return [[int(label), round(p, 4)] for label, p in prediction.top if label.isdigit()]


_pools: Any = None  # this process's thread pools (BLAS, OpenMP), once triage loaded them


def do_triage_appeal(appeal: Appeal) -> TriageResult:
    """Triage one appeal and store the result; routing is left to the caller.

    ``routed_department`` is set when the department model (or, lacking one, the category
    model through the category's default department) is at least as sure as its threshold,
    or, for an urgent appeal the AI did not route, to the body's duty department
    (``routing_rules.duty_department``; the decision then says so).
    """
    global _pools
    from threadpoolctl import ThreadpoolController  # scikit-learn's own dependency

    # One BLAS/OpenMP thread: one appeal's matrices are small, and on a busy two-core
    # worker natasha's NER with two OpenBLAS threads spent 13-91 ms of CPU per text
    # spin-waiting, against 6-7 ms with one (benchmarks/triage_django.md). The
    # controller is made after a first triage has loaded every library it uses (making
    # one costs ~6 ms; using it, ~0.1 ms).
    started = time.perf_counter()
    if _pools is None:
        with ThreadpoolController().limit(limits=1):
            result = _triage(appeal, started)
        _pools = ThreadpoolController()
        return result
    with _pools.limit(limits=1):
        return _triage(appeal, started)


def _floored(threshold: float | None) -> float | None:
    """Give the threshold triage routes at: the model's, at least the installation's floor."""
    if threshold is None:
        return None
    return max(threshold, settings.RATUSHA_TRIAGE_MIN_CONFIDENCE)


def _sure(classifier: Any, prediction: Prediction) -> bool:
    """Tell whether the model would route, and its confidence clears the floor too."""
    floor = settings.RATUSHA_TRIAGE_MIN_CONFIDENCE
    return classifier.decide(prediction) == "auto_route" and prediction.confidence >= floor


def _triage(appeal: Appeal, started: float) -> TriageResult:
    text = appeal.text
    language = detect_language(text)
    lang = language.language if language.accepted else None
    stored = None
    vector: tuple[Any, str] = (None, "")
    if embeddings_enabled() and text.strip():
        made, detected, terms = embedding_of(appeal)
        vector = (made, detected)
        stored = StoredVectors({text: made}, {text: terms})
    categories, category_clf, category_version = _predict(
        appeal.body_id, Target.CATEGORY, text, stored
    )
    topic = appeal.category_id  # the topic the citizen chose, if any
    parent = (
        Category.objects.filter(pk=topic).values_list("parent_id", flat=True).first()
        if topic is not None
        else None
    )
    departments, department_clf, department_version = _predict(
        appeal.body_id, Target.DEPARTMENT, text, stored, topic_of(topic, parent)
    )
    decision = Decision.SUGGEST
    threshold = None
    routed: int | None = None
    explanation: tuple[str, ...] = ()
    if departments is not None:
        threshold = _floored(department_clf.threshold)
        explanation = departments.explanation
        if _sure(department_clf, departments):
            decision, routed = Decision.AUTO_ROUTE, int(departments.label)
    if routed is None and categories is not None and category_version is not None:
        if _sure(category_clf, categories):
            default = (
                Category.objects.filter(pk=int(categories.label), body_id=appeal.body_id)
                .values_list("default_department_id", flat=True)
                .first()
            )
            if default:
                threshold = _floored(category_clf.threshold)
                decision, routed = Decision.AUTO_ROUTE, default
    read_topic = topic is not None and getattr(department_clf, "reads_topic", False)
    if categories is not None and not explanation:
        explanation = categories.explanation
    urgency = assess_urgency(text, lang)
    use_ner = getattr(settings, "RATUSHA_TRIAGE_NER", True)
    spans = find_personal_data(text, lang, use_ner=use_ner)
    top_category = int(categories.label) if categories is not None else appeal.category_id
    top_department = routed or (int(departments.label) if departments is not None else None)
    if routed is not None and not routing_allowed(appeal, top_category):
        decision, routed = Decision.SUGGEST, None  # the body's policy: a clerk decides
    duty = None if routed is not None else duty_department(appeal, urgency.level, top_category)
    if duty is not None:  # urgent, and nobody would see it before morning
        decision, routed, threshold = Decision.URGENT_RULE, duty, None
    duplicates = appeal_duplicates(appeal, top_category, top_department, vector, _pairs(categories))
    values = {
        "category_model_version": category_version,
        "department_model_version": department_version,
        "language": language.language,
        "language_detected": language.detected,
        "language_accepted": language.accepted,
        "categories": _pairs(categories),
        "departments": _pairs(departments),
        "decision": decision,
        "threshold": threshold,
        "routed_department_id": routed,
        "urgency": urgency.level,
        "urgency_rank": URGENCY_RANK[urgency.level],
        "urgency_reasons": list(urgency.reasons),
        "personal_data": [{"kind": s.kind, "start": s.start, "end": s.end} for s in spans],
        "duplicates": duplicates,
        **repeat_fields(appeal),  # an earlier answered appeal of the same applicant
        "similar": find_similar_answered(appeal),
        "explanation": list(explanation),
        "topic_id": topic if read_topic else None,
        "without_topic": _without_topic(department_clf, text, departments) if read_topic else [],
        "created_at": timezone.now(),
        "duration_ms": int((time.perf_counter() - started) * 1000),
    }
    with transaction.atomic():
        result, _created = TriageResult.objects.update_or_create(appeal=appeal, defaults=values)
        if routed is not None:
            # Only routing is a public act; a suggestion is recorded when a person assigns.
            code = Department.objects.filter(pk=routed).values_list("code", flat=True).first()
            model_target = "department" if department_version else "category"
            append_on_commit(
                appeal.body,
                "triage.routed",
                {
                    "appeal": appeal.number,
                    "decision": str(decision),
                    "department": code,
                    # The body's urgent rule routed it, not a model.
                    "model_target": None if duty else model_target,
                    "model_version": None if duty else department_version or category_version,
                    "threshold": None if threshold is None else round(threshold, 4),
                },
                subject=appeal.number,
            )
        if urgency.level != "normal":
            from ratusha.triage.tasks import notify_urgent

            appeal_id = appeal.pk
            transaction.on_commit(lambda: notify_urgent.enqueue(appeal_id), robust=True)
    return result


def suggested_department(appeal: Appeal, result: TriageResult | None = None) -> int | None:
    """Give the department the AI suggests first for the appeal, if any."""
    if result is None:
        result = _result_of(appeal)
    if result is None:
        return None
    if result.departments:
        return int(result.departments[0][0])
    if result.categories:
        return (
            Category.objects.filter(pk=result.categories[0][0])
            .values_list("default_department_id", flat=True)
            .first()
        )
    return None


def _result_of(appeal: Appeal) -> TriageResult | None:
    return (
        TriageResult.objects.filter(appeal=appeal)
        .only("departments", "categories", "decision", "routed_department_id")
        .first()
    )


def _route(
    user: Any,
    appeal: Appeal,
    department_id: int,
    expected_version: int | None,
    result: TriageResult | None,
) -> None:
    """Assign the waiting appeal, or pass it on from the duty department (``held_by_duty``)."""
    data = {"department": str(department_id)}
    if appeal.state in ASSIGN_STATES:
        action = "assign"
    elif result is not None and held_by_duty(appeal, result):
        if department_id == appeal.department_id:
            raise TransitionNotAllowed(
                _("The appeal is with this department already."), "same_department"
            )
        action = "reassign"
        data["reason"] = _("Passed on by the duty department, which urgent appeals reach first.")
    else:
        raise TransitionNotAllowed(
            _("The appeal is no longer waiting for a department."), "not_waiting"
        )
    check_transition(appeal.pk, action, user, data, expected_version=expected_version)


def check_accept_suggestion(
    user: Any, appeal: Appeal, expected_version: int | None = None
) -> TriageLabel:
    """Assign the appeal to the suggested department and record the accept as a label."""
    result = _result_of(appeal)
    department = suggested_department(appeal, result)
    if department is None:
        raise TransitionNotAllowed(_("There is no suggestion to accept."), "no_suggestion")
    return _label(user, appeal, result, department, department, expected_version)


def check_correct_suggestion(
    user: Any, appeal: Appeal, department_id: int, expected_version: int | None = None
) -> TriageLabel:
    """Assign the appeal to the department the officer chose and record the correction."""
    if not Department.objects.filter(pk=department_id, body_id=appeal.body_id).exists():
        raise TransitionNotAllowed(_("Choose a department of this body."), "bad_department")
    result = _result_of(appeal)
    suggested = suggested_department(appeal, result)
    return _label(user, appeal, result, suggested, department_id, expected_version)


def _label(
    user: Any,
    appeal: Appeal,
    result: TriageResult | None,
    suggested: int | None,
    chosen: int,
    expected_version: int | None,
) -> TriageLabel:
    with transaction.atomic():
        _route(user, appeal, chosen, expected_version, result)
        return TriageLabel.objects.create(
            appeal=appeal,
            body_id=appeal.body_id,
            target=Target.DEPARTMENT,
            suggested="" if suggested is None else str(suggested),
            chosen=str(chosen),
            accepted=suggested == chosen,
            by=user,
            at=timezone.now(),
        )


def retrain_due_bodies() -> list[str]:
    """Retrain every body whose model is due (corrections or age); give what was trained."""
    from ratusha.triage.training import do_train_model, due_for_retraining

    trained = []
    for body in Body.objects.filter(appeals__isnull=False).distinct().order_by("code"):
        for target in (Target.CATEGORY, Target.DEPARTMENT):
            if due_for_retraining(body, target) and do_train_model(body, target) is not None:
                trained.append(f"{body.code}:{target}")
    return trained
