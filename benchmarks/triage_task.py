"""The whole background triage of one appeal (``do_triage_appeal``) and its parts, on the demo.

Creates a throwaway database (a SQLite file in a temporary folder, or a PostgreSQL database
named by --database-url, created and dropped here), migrates it and seeds the demo
(``seed_demo --appeals N``, without the other apps' demo extras, which triage does not
read, to keep it quick). Then, with the sentence embeddings on, it trains the ZAR
body's category and department models as production does (``do_train_model`` with
``cross_validation=False`` on the latest L appeals; the first training embeds them), makes
sure every appeal in the sample's 30-day duplicate windows has its stored vector (as the
triage task would have made), and triages M older appeals that were not in the training
history, one at a time, each with its own vector deleted first (so each triage embeds, as
for a new appeal). The engines and models are warmed up with one call on another appeal.
It also times the parts the task calls, on each appeal next to its whole call: language,
``embedding_of`` (the e5 vector and latent terms), the two models, urgency, personal data
(natasha NER as configured), duplicates, similar answered appeals, the repeat check.
Finally it retrains the models without embeddings and measures again with
``RATUSHA_TRIAGE_EMBEDDINGS`` off (skip with --no-compare). Prints p50/p95 wall and CPU
(process_time) per call and part.

    .venv/bin/python benchmarks/triage_task.py                       # SQLite, N 2000, L 600, M 60
    .venv/bin/python benchmarks/triage_task.py --database-url \\
        postgres://ratusha:ratusha@127.0.0.1/ratusha_h3_task         # PostgreSQL (dropped after)
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/triage_task.py --no-compare

About 5 minutes on the 2-core machine, half of it embedding the training history once.
The demo accounts get a fast password hash, and the demo's own quick first models are not
trained (the ZAR models are trained here instead). The load average and the modification
times of the duplicate-scoring modules are printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EMBEDDING = "embedding_of (e5 vector + latent terms)"
BODY = "ZAR"  # the demo's town council, 97% of the demo appeals
PARTS = (
    "language",
    EMBEDDING,
    "category model",
    "department model",
    "urgency",
    "personal data",
    "duplicates",
    "similar answered",
    "repeat check",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        if found:
            model = found.group(1).strip()
    return f"{platform.machine()}, {os.cpu_count()} cores ({model}), {platform.system()}"


def database_version(connection: Any) -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    major, minor = divmod(connection.pg_version, 10000)
    return f"PostgreSQL {major}.{minor}"


def blas_threads() -> str:
    from threadpoolctl import threadpool_info

    pools = threadpool_info()
    return ", ".join(f"{p['internal_api']} {p['num_threads']}" for p in pools) or "none"


def scoring_files() -> dict[Path, float]:
    """Give the modification times of the duplicate-scoring modules (being reworked)."""
    import ratusha.triage.duplicates
    import ratusha_core.triage.duplicates_score

    modules = (ratusha.triage.duplicates, ratusha_core.triage.duplicates_score)
    return {Path(m.__file__ or ""): Path(m.__file__ or "").stat().st_mtime for m in modules}


def _admin_url(url: str) -> tuple[str, str]:
    base, name = url.rsplit("/", 1)
    if not re.fullmatch(r"[a-z0-9_]+", name):
        sys.exit(f"--database-url: the database name {name!r} must be lower-case letters/digits/_")
    return base.replace("postgres://", "postgresql://", 1) + "/postgres", name


def create_pg_database(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def drop_pg_database(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Timings:
    """Wall and CPU milliseconds per named series."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def run(self, name: str, call: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        self.wall.setdefault(name, []).append(1000 * (time.perf_counter() - wall))
        self.cpu.setdefault(name, []).append(1000 * (time.process_time() - cpu))
        return result

    def line(self, name: str) -> str:
        wall, cpu = self.wall[name], self.cpu[name]
        p50, p95 = statistics.median(wall), percentile(wall, 0.95)
        cpu50, cpu95 = statistics.median(cpu), percentile(cpu, 0.95)
        return (
            f"  {name:<28} wall p50 {p50:7.1f}  p95 {p95:7.1f}"
            f"   CPU p50 {cpu50:7.1f}  p95 {cpu95:7.1f} ms"
        )


def seed(appeals: int) -> None:
    """Migrate and seed the demo history, quickly: what triage does not read is left out.

    Left out: the other apps' demo extras (report PDFs, publication summaries, rollups,
    the triage demo's cluster, ...; a minute in all) and the demo's quick first models
    (trained again below); the demo accounts get a fast password hash.
    """
    from django.conf import settings
    from django.core.management import call_command

    from ratusha.demo import actions

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    actions.DEMO_EXTRAS = ()
    actions.do_train_missing_models = lambda bodies, limit=0: []
    started, cpu = time.perf_counter(), time.process_time()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    call_command("seed_demo", "--quiet-logins", "--appeals", str(appeals))
    print(
        f"migrate {migrated - started:.1f} s, seed_demo {time.perf_counter() - migrated:.1f} s "
        f"wall ({time.process_time() - cpu:.1f} s CPU in all)"
    )


def train(body: Any, limit: int) -> set[int]:
    """Train both models of the body as production does; give the ids of their history."""
    from ratusha.triage.models import AppealEmbedding, Target
    from ratusha.triage.training import _history, do_train_model

    history: set[int] = set()
    for target in (Target.CATEGORY, Target.DEPARTMENT):
        before = AppealEmbedding.objects.count()
        wall, cpu = time.perf_counter(), time.process_time()
        model = do_train_model(body, target, cross_validation=False, limit=limit)
        assert model is not None, f"no {target} model: too little history"
        made = AppealEmbedding.objects.count() - before
        metrics = model.metrics
        print(
            f"  train {target:<10} v{model.version}: {time.perf_counter() - wall:6.1f} s wall, "
            f"{time.process_time() - cpu:6.1f} s CPU, {metrics['examples']} appeals, "
            f"{metrics['labels']} labels, {made} vectors made, inner accuracy "
            f"{metrics['accuracy'] or 0:.3f}, threshold {metrics['threshold'] or 0:.3f}"
        )
        history |= {pk for pk, _ in _history(body, target, limit)}
    return history


def drop_vector(appeal: Any) -> None:
    from ratusha.triage.models import AppealEmbedding

    AppealEmbedding.objects.filter(appeal_id=appeal.pk).delete()


def time_triage(sample: list[Any], warm: Any, embeddings: bool) -> Timings:
    """Time the whole call and, on the same appeal right after or before it, its parts.

    Whole and parts alternate in order from one appeal to the next, so that both meet the
    same load from the other jobs and neither always finds the other's caches warm.
    """
    from ratusha.triage.actions import do_triage_appeal

    timings = Timings()
    drop_vector(warm)
    wall, cpu = time.perf_counter(), time.process_time()
    do_triage_appeal(warm)
    print(
        f"  warm-up call (models loaded, {'e5 and ' if embeddings else ''}natasha ready, "
        f"similar pool cached): "
        f"{1000 * (time.perf_counter() - wall):.0f} ms wall, "
        f"{1000 * (time.process_time() - cpu):.0f} ms CPU"
    )
    from threadpoolctl import threadpool_limits

    # One BLAS/OpenMP thread around the parts too, as do_triage_appeal sets for itself:
    # otherwise a part's idle OpenBLAS threads spin on and bill the next timing.
    with threadpool_limits(limits=1):
        for index, appeal in enumerate(sample):
            if index % 2:
                time_parts(appeal, embeddings, timings)
            if embeddings:
                drop_vector(appeal)  # a new appeal has none: the task embeds it
            timings.run("do_triage_appeal", lambda a=appeal: do_triage_appeal(a))
            if not index % 2:
                time_parts(appeal, embeddings, timings)
    return timings


def time_parts(appeal: Any, embeddings: bool, timings: Timings) -> None:
    """Time what ``do_triage_appeal`` calls, in its order, with the same arguments."""
    from django.conf import settings

    from ratusha.bodies.models import Category
    from ratusha.triage.actions import _pairs, _predict
    from ratusha.triage.duplicate_candidates import appeal_duplicates
    from ratusha.triage.embeddings import StoredVectors, embedding_of
    from ratusha.triage.models import Target
    from ratusha.triage.repeats import repeat_fields
    from ratusha.triage.similar import find_similar_answered
    from ratusha.triage.training import topic_of
    from ratusha_core.triage.language import detect_language
    from ratusha_core.triage.personal_data import find_personal_data
    from ratusha_core.triage.urgency import assess_urgency

    use_ner = getattr(settings, "RATUSHA_TRIAGE_NER", True)
    text, body_id = appeal.text, appeal.body_id
    language = timings.run("language", lambda: detect_language(text))
    lang = language.language if language.accepted else None
    vector: tuple[Any, str] = (None, "")
    stored = None
    if embeddings:
        drop_vector(appeal)
        made, detected, terms = timings.run(EMBEDDING, lambda: embedding_of(appeal))
        vector, stored = (made, detected), StoredVectors({text: made}, {text: terms})
    categories, category_clf, category_version = timings.run(
        "category model", lambda: _predict(body_id, Target.CATEGORY, text, stored)
    )
    topic = appeal.category_id
    parent = (
        Category.objects.filter(pk=topic).values_list("parent_id", flat=True).first()
        if topic is not None
        else None
    )
    departments, department_clf, _version = timings.run(
        "department model",
        lambda: _predict(body_id, Target.DEPARTMENT, text, stored, topic_of(topic, parent)),
    )
    # Routing as the task decides it (untimed: a comparison and at most one query).
    routed = None
    if departments is not None and department_clf.decide(departments) == "auto_route":
        routed = int(departments.label)
    if routed is None and categories is not None and category_version is not None:
        if category_clf.decide(categories) == "auto_route":
            routed = (
                Category.objects.filter(pk=int(categories.label))
                .values_list("default_department_id", flat=True)
                .first()
            )
    timings.run("urgency", lambda: assess_urgency(text, lang))
    timings.run("personal data", lambda: find_personal_data(text, lang, use_ner=use_ner))
    top_category = int(categories.label) if categories is not None else appeal.category_id
    top_department = routed or (int(departments.label) if departments is not None else None)
    timings.run(
        "duplicates",
        lambda: appeal_duplicates(appeal, top_category, top_department, vector, _pairs(categories)),
    )
    timings.run("similar answered", lambda: find_similar_answered(appeal))
    timings.run("repeat check", lambda: repeat_fields(appeal))


def report(title: str, timings: Timings) -> None:
    print(title)
    print(timings.line("do_triage_appeal"))
    parts = [p for p in PARTS if p in timings.wall]
    for name in parts:
        print(timings.line(name))
    count = len(timings.wall["do_triage_appeal"])
    rest = [
        timings.wall["do_triage_appeal"][i] - sum(timings.wall[p][i] for p in parts)
        for i in range(count)
    ]
    rest_cpu = [
        timings.cpu["do_triage_appeal"][i] - sum(timings.cpu[p][i] for p in parts)
        for i in range(count)
    ]
    print(
        f"  {'whole minus parts (routing,':<28} wall p50 {statistics.median(rest):7.1f}"
        f"{'':17}CPU p50 {statistics.median(rest_cpu):7.1f} ms"
    )
    print("   storing, ledger; noisy)")


def measure(body: Any, limit: int, count: int, embeddings: bool, sample: list[Any] | None) -> Any:
    from django.conf import settings

    from ratusha.appeals.models import Appeal
    from ratusha.triage.embeddings import do_embed_appeals
    from ratusha.triage.models import AppealEmbedding

    settings.RATUSHA_TRIAGE_EMBEDDINGS = embeddings
    print(f"\n== embeddings {'on' if embeddings else 'off'} (load {load()})")
    history = train(body, limit)
    if sample is None:
        older = (
            Appeal.objects.filter(body=body)
            .exclude(pk__in=history)
            .exclude(text="")
            .order_by("-registered_at", "-pk")
        )
        chosen = list(older[: count + 1])
        if len(chosen) < count + 1:
            sys.exit(f"only {len(chosen)} appeals outside the training history: raise --appeals")
        sample = sorted(chosen[1:], key=lambda a: (a.registered_at, a.pk))
        sample.insert(0, chosen[0])  # the warm-up appeal first
    warm, appeals = sample[0], sample[1:]
    if embeddings:
        # Every appeal in the duplicate windows has a vector, as the triage task made it.
        start = min(a.registered_at for a in appeals) - timedelta(days=30)
        end = max(a.registered_at for a in appeals) + timedelta(days=30)
        window = Appeal.objects.filter(body=body, registered_at__range=(start, end))
        ids = list(window.values_list("pk", flat=True))
        wall, cpu = time.perf_counter(), time.process_time()
        made = do_embed_appeals(ids)
        print(
            f"  window of the sample ±30 days: {len(ids)} appeals, {made} more vectors made "
            f"({time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU); "
            f"{AppealEmbedding.objects.count()} stored vectors in all"
        )
    span = f"{appeals[0].registered_at:%Y-%m-%d} .. {appeals[-1].registered_at:%Y-%m-%d}"
    print(f"  sample: {len(appeals)} {BODY} appeals registered {span}, not in the training history")
    timings = time_triage(appeals, warm, embeddings)
    report(f"  per appeal (load now {load()}):", timings)
    return sample


def start_django(folder: str, url: str) -> None:
    """Set Django up on the database ``url``, its files in ``folder``, as in production."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "ratusha.settings.dev"
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"  # as in production: no query log
    for name in ("MEDIA_ROOT", "EMAIL_FILE_PATH", "RATUSHA_OPENDATA_DIR"):
        os.environ[name] = str(Path(folder) / name.lower())
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=2000, help="demo appeals seeded (N)")
    parser.add_argument("--train", type=int, default=600, help="training history (L)")
    parser.add_argument("--sample", type=int, default=60, help="appeals triaged (M)")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--no-compare", action="store_true", help="skip the run without e5")
    args = parser.parse_args()

    started, started_cpu = time.perf_counter(), time.process_time()
    print(f"load at start: {load()} (1/5/15 min; 2 cores shared with other jobs)")
    print(f"machine: {machine()}; Python {platform.python_version()}")
    folder = tempfile.TemporaryDirectory(prefix="ratusha_triage_task_")
    url = args.database_url or f"sqlite:///{folder.name}/bench.sqlite3"
    if args.database_url:
        create_pg_database(url)
    start_django(folder.name, url)
    from django.conf import settings
    from django.db import connection, connections

    try:
        seed(args.appeals)
        from ratusha.bodies.models import Body

        body = Body.objects.get(code=BODY)
        ner = "on" if getattr(settings, "RATUSHA_TRIAGE_NER", True) else "off"
        print(
            f"database: {database_version(connection)}; N {args.appeals} seeded "
            f"({body.appeals.count()} in {BODY}), L {args.train}, M {args.sample}; NER {ner}; "
            f"BLAS threads {blas_threads()}"
        )
        scoring = scoring_files()
        for path, moment in scoring.items():
            print(f"  {path.relative_to(ROOT)} as imported: modified {time.ctime(moment)}")
        sample = measure(body, args.train, args.sample, True, None)
        if not args.no_compare:
            measure(body, args.train, args.sample, False, sample)
        for path, moment in scoring_files().items():
            if scoring.get(path) != moment:
                print(f"note: {path.relative_to(ROOT)} changed during the run (ran as imported)")
    finally:
        connections.close_all()
        if args.database_url:
            drop_pg_database(url)
        folder.cleanup()
    print(
        f"\nload at end: {load()}; whole run {time.perf_counter() - started:.0f} s wall, "
        f"{time.process_time() - started_cpu:.0f} s CPU"
    )


if __name__ == "__main__":
    main()
