"""Seeding the demo municipality: deterministic with a seed, idempotent."""

from __future__ import annotations

import csv
import importlib
import io
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ratusha.accounts.actions import check_grant_role
from ratusha.accounts.models import User
from ratusha.bodies.actions import do_import_bodies
from ratusha.bodies.models import Body, Department, Official
from ratusha.demo import catalogue, people
from ratusha.demo.history.seed import HistoryReport, do_seed_history
from ratusha.triage.training import do_train_missing_models


@dataclass(frozen=True)
class SeedReport:
    bodies: int
    departments: int
    categories: int
    staff: list[people.DemoPerson]
    citizens: list[people.DemoPerson]
    history: HistoryReport | None = None


def catalogue_csv() -> str:
    """Give the demo catalogue as the CSV that ``ratusha import-bodies`` reads."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=catalogue.FIELDS)
    writer.writeheader()
    writer.writerows(catalogue.import_rows())
    return buffer.getvalue()


# What other apps add to a demo with history, in order: each module's seed_demo(now) is
# idempotent, so a second `make demo` leaves the data as it is.
DEMO_EXTRAS = (
    "ratusha.appeals.demo",
    "ratusha.triage.demo",
    "ratusha.publication.demo",
    "ratusha.decisions.demo",
    "ratusha.open311.demo",
    "ratusha.analytics.demo",
    "ratusha.predictions.demo",
    "ratusha.opendata.demo",
    "ratusha.reports.demo",
)


def seed_extras(now: datetime) -> None:
    """Let each app that has demo data of its own add it."""
    for path in DEMO_EXTRAS:
        try:
            module = importlib.import_module(path)
        except ModuleNotFoundError as missing:
            if missing.name != path:
                raise
            continue
        module.seed_demo(now)


def _account(person: people.DemoPerson, **extra: str) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User.objects.create_user(
            person.email,
            people.DEMO_PASSWORD,
            full_name=person.full_name,
            preferred_language=person.language,
            email_confirmed_at=timezone.now(),
            **extra,
        )
    return user


def do_seed_demo(seed: int = 2026, appeals: int = 0, as_of: datetime | None = None) -> SeedReport:
    """Create (or leave as it is) the demo district with its staff and citizens.

    With ``appeals`` > 0, also give the demo bodies about that many appeals of the last
    24 months before ``as_of`` (default: now), unless they already have appeals.
    """
    with transaction.atomic():
        fresh = not Body.objects.filter(code="ZAR").exists()
        report = do_import_bodies(catalogue_csv())
        if fresh:
            # Zarechansk's housing and utilities service takes the urgent appeals no rule
            # routes (a smell of gas, no heating in frost), as a duty dispatch service
            # would. Only on the first seed: a reseed keeps an administrator's choice.
            housing = Department.objects.get(body__code="ZAR", code="HOUS")
            Body.objects.filter(code="ZAR").update(urgent_department=housing)
        departments = {
            body: list(Department.objects.filter(body__code=body).values_list("code", flat=True))
            for body in ("ZAR", "KLV")
        }
        staff = people.staff(departments, seed)
        for person in staff:
            user = _account(person)
            body = Body.objects.get(code=person.body) if person.body else None
            dept = (
                Department.objects.get(body=body, code=person.department)
                if person.department
                else None
            )
            assert person.role is not None
            check_grant_role(user, person.role, body, dept)
            if body is not None and any(person.position):
                Official.objects.get_or_create(
                    body=body,
                    department=dept,
                    user=user,
                    defaults={
                        "full_name": person.full_name,
                        "position_be": person.position[0],
                        "position_ru": person.position[1],
                        "position_en": person.position[2],
                    },
                )
        citizens = []
        for person, address, phone in people.citizens(seed):
            _account(person, address=address, phone=phone)
            citizens.append(person)
    history = do_seed_history(seed, appeals, as_of) if appeals > 0 else None
    if history is not None:  # so that a newly filed demo appeal gets suggestions at once
        do_train_missing_models(Body.objects.filter(appeals__isnull=False).distinct())
    if appeals > 0:
        seed_extras(as_of or timezone.now())
    return SeedReport(
        bodies=sum(1 for row in catalogue.import_rows() if row["record"] == "body"),
        departments=report.created["dept"] + report.updated["dept"],
        categories=report.created["category"] + report.updated["category"],
        staff=staff,
        citizens=citizens,
        history=history,
    )
