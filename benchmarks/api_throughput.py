"""Sustained appeal submissions per second through POST /api/v1/appeals under gunicorn.

For each database (a temporary SQLite file, and a throwaway PostgreSQL database on the
local cluster) the script migrates, seeds the demo bodies, starts gunicorn on a free
127.0.0.1 port, and drives it from this machine with a bounded pool of threads (each
request a new appeal with its own Idempotency-Key). It prints submissions/s, p50 and
p95 latency and errors, then checks that the database holds exactly the appeals that
were acknowledged, numbered without gaps.

    .venv/bin/python benchmarks/api_throughput.py                     # both databases
    .venv/bin/python benchmarks/api_throughput.py --backends postgres --seconds 20

PostgreSQL is reached at RATUSHA_BENCH_PG_URL (default
postgres://ratusha:ratusha@127.0.0.1:5432/ratusha); the role needs CREATEDB. Without
it the PostgreSQL run is skipped with a message. Background processing (the db_worker)
does not run during the measurement unless --with-worker is given: submissions only
queue their tasks, as they do when the worker lags behind.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("RATUSHA_BENCH_PG_URL", "postgres://ratusha:ratusha@127.0.0.1:5432/ratusha")


@dataclass
class Outcome:
    """What the load generator saw."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ratusha(env: dict[str, str], *args: str) -> str:
    """Run a ratusha management command and give its output."""
    done = subprocess.run(
        [sys.executable, "-m", "ratusha.cli", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"ratusha {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def server_env(database_url: str, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="ratusha.settings.dev",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url,
        RATUSHA_VAR_DIR=str(var_dir),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def wait_until_up(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/bodies")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def get_json(port: int, path: str) -> object:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    return json.loads(conn.getresponse().read())


def submission_template(body: str, category: str | None, run: str) -> tuple[bytes, bytes]:
    """Give the request body split around the appeal's serial number (built once, cheap)."""
    payload = {
        "body": body,
        "category": category,
        "text": f"Не працуе ліхтар каля дома @N@ па вуліцы Савецкай, калі ласка, адрамантуйце. "
        f"({run}-@N@)",
        "applicant_name": "Ганна Жук",
        "applicant_email": "bench@N@@example.org",
        "language": "be",
    }
    head, tail = json.dumps(payload, ensure_ascii=False).encode().split(b"@N@", 1)
    return head, tail


def drive(
    port: int, body: str, category: str | None, seconds: float, limit: int, threads: int
) -> Outcome:
    """Post appeals from `threads` threads until `seconds` pass or `limit` are sent.

    Each thread keeps one HTTP/1.1 connection open (gthread workers keep it alive; sync
    workers close it and http.client reconnects) and fills a prepared body, so the load
    generator spends as little of the shared CPU as it can.
    """
    outcome = Outcome()
    lock = threading.Lock()
    counter = iter(range(limit))
    run = secrets.token_hex(3)
    head, tail = submission_template(body, category, run)
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies: list[float] = []
        errors: dict[str, int] = {}
        clock = time.perf_counter
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            serial = str(n).encode()
            payload = serial.join((head, tail.replace(b"@N@", serial)))
            headers = {
                "Content-Type": "application/json",
                "Idempotency-Key": f"{run}-{n}",
                "Accept-Language": "be",
            }
            started = clock()
            try:
                conn.request("POST", "/api/v1/appeals", payload, headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                continue
            if status == 201:
                latencies.append(clock() - started)
            else:
                errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
        conn.close()
        with lock:
            outcome.latencies.extend(latencies)
            for kind, count in errors.items():
                outcome.errors[kind] = outcome.errors.get(kind, 0) + count

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    outcome.elapsed = time.perf_counter() - started
    return outcome


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()  # the fields after "pid (comm)"


def cpu_seconds(pids: list[int]) -> float:
    """Give the CPU time (user + system) the processes have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def server_processes(master: int, database: str | None) -> tuple[list[int], list[int]]:
    """Give the gunicorn workers and, for PostgreSQL, the backends serving our database."""
    workers: list[int] = []
    backends: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        fields = _stat(pid)
        if fields and int(fields[1]) == master:
            workers.append(pid)
            continue
        if database:
            try:
                title = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if title.startswith("postgres:") and f" {database} " in title:
                backends.append(pid)
    return workers, backends


# The appeals of the body in the latest year, and the highest number given: equal if gap-free.
COUNT_SQL = """
SELECT count(*), coalesce(max(a.sequence), 0) FROM appeals_appeal a
JOIN bodies_body b ON b.id = a.body_id
WHERE b.code = {p} AND a.year = (
    SELECT max(a2.year) FROM appeals_appeal a2 JOIN bodies_body b2 ON b2.id = a2.body_id
    WHERE b2.code = {p})
"""


def count_appeals_sqlite(path: Path, body: str) -> tuple[int, int]:
    with sqlite3.connect(path) as db:
        row = db.execute(COUNT_SQL.format(p="?"), (body, body)).fetchone()
    return int(row[0]), int(row[1])


def count_appeals_pg(url: str, body: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(url) as db:
        row = db.execute(COUNT_SQL.format(p="%s"), (body, body)).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def run_backend(
    name: str, database_url: str, args: argparse.Namespace, database_name: str | None = None
) -> dict[str, object]:
    """Set up, load and measure one database; give the figures."""
    var_dir = Path(tempfile.mkdtemp(prefix=f"ratusha-bench-{name}-"))
    env = server_env(database_url, var_dir)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        ratusha(env, "migrate", "--noinput")
        seed = ["seed-demo", "--quiet-logins"]
        if not args.with_history and "--no-appeals" in ratusha(env, "seed-demo", "--help"):
            seed.append("--no-appeals")  # bodies and staff only: setup in seconds
        ratusha(env, *seed)
        port = free_port()
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "ratusha.wsgi:application",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ]
        if args.threads > 1:
            gunicorn += ["--worker-class", "gthread", "--threads", str(args.threads)]
        processes.append(subprocess.Popen(gunicorn, env=env, cwd=REPO))
        if args.with_worker:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "ratusha.cli", "db_worker"],
                    env=env,
                    cwd=REPO,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        wait_until_up(port, processes[0])
        bodies = get_json(port, "/api/v1/bodies")
        assert isinstance(bodies, list) and bodies, "no bodies seeded"
        body = str(bodies[-1]["code"])
        categories = get_json(port, f"/api/v1/bodies/{urllib.parse.quote(body)}/categories")
        category = (
            str(categories[0]["code"]) if isinstance(categories, list) and categories else None
        )
        drive(port, body, category, seconds=3, limit=args.warmup, threads=args.concurrency)
        workers, backends = server_processes(processes[0].pid, database_name)
        app_cpu, db_cpu = cpu_seconds(workers), cpu_seconds(backends)
        load_before = os.getloadavg()[0]
        client_cpu = time.process_time()
        outcome = drive(port, body, category, args.seconds, args.requests, args.concurrency)
        client_cpu = time.process_time() - client_cpu
        app_cpu, db_cpu = cpu_seconds(workers) - app_cpu, cpu_seconds(backends) - db_cpu
        load_after = os.getloadavg()[0]
        if name == "sqlite":
            stored, last = count_appeals_sqlite(Path(database_url.removeprefix("sqlite:///")), body)
        else:
            stored, last = count_appeals_pg(database_url, body)
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(var_dir, ignore_errors=True)
    ok = len(outcome.latencies)
    lat = sorted(outcome.latencies)
    return {
        "backend": name,
        "submissions": ok,
        "seconds": round(outcome.elapsed, 1),
        "per_second": round(ok / outcome.elapsed, 1) if outcome.elapsed else 0.0,
        "p50_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "p95_ms": round(lat[int(0.95 * (len(lat) - 1))] * 1000, 1) if lat else None,
        "errors": outcome.errors,
        "app_cpu_ms": round(app_cpu / ok * 1000, 1) if ok else None,
        "db_cpu_ms": round(db_cpu / ok * 1000, 1) if ok else None,
        "server_cpu_ms": round((app_cpu + db_cpu) / ok * 1000, 1) if ok else None,
        "client_cpu_ms": round(client_cpu / ok * 1000, 2) if ok else None,
        "load": f"{load_before:.1f}->{load_after:.1f}",
        "stored_appeals": stored,
        "numbers_gap_free": stored == last,
    }


def pg_database(base: str) -> tuple[str, str] | None:
    """Create a throwaway database; give (its URL, its name), or None if PG is unreachable."""
    try:
        import psycopg
    except ImportError:
        print("PostgreSQL skipped: psycopg is not installed.")
        return None
    name = f"ratusha_appeals_bench_{os.getpid()}"
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=3) as db:
            db.execute(f'CREATE DATABASE "{name}"')  # name is ours: digits only
    except psycopg.Error as exc:
        print(f"PostgreSQL skipped: {exc}".strip())
        return None
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), name


def drop_pg_database(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="postgres,sqlite")
    parser.add_argument("--seconds", type=float, default=20.0, help="load time per backend")
    parser.add_argument("--requests", type=int, default=20000, help="at most this many")
    # Two requests in flight per worker: one is served while the next one's bytes arrive.
    parser.add_argument("--concurrency", type=int, default=4, help="client connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    # Sync workers, as docs/operations.md deploys them. Threads in one process contend for
    # the GIL while one of them holds the body's numbering row lock (gap-free numbers), so
    # the lock is held longer and submissions queue behind it: 4 threads gave 130/s, 1 gave 164/s.
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (>1: gthread workers)"
    )
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--with-worker", action="store_true", help="run db_worker alongside")
    parser.add_argument(
        "--with-history", action="store_true", help="seed the demo's historic appeals too"
    )
    args = parser.parse_args()

    print(
        f"machine: {os.cpu_count()} cores; gunicorn {args.workers} workers x {args.threads} "
        f"thread(s); load: {args.concurrency} client threads, {args.seconds:.0f} s or "
        f"{args.requests} requests; db_worker {'running' if args.with_worker else 'not running'}",
        flush=True,
    )
    results = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="ratusha-bench-db-"))
            try:
                results.append(run_backend("sqlite", f"sqlite:///{folder / 'bench.sqlite3'}", args))
                print(f"  {results[-1]}", flush=True)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        elif backend == "postgres":
            made = pg_database(PG_URL)
            if made is None:
                continue
            url, name = made
            try:
                results.append(run_backend("postgres", url, args, name))
                print(f"  {results[-1]}", flush=True)
            finally:
                drop_pg_database(PG_URL, name)
        else:
            parser.error(f"unknown backend {backend}")
    cores = os.cpu_count() or 1
    print()
    print(
        "cpu ms: CPU time per submission of the gunicorn workers (app), of the PostgreSQL\n"
        "backends (db; SQLite runs inside the workers) and of this load generator (client);\n"
        f"capacity: {cores} cores / (app + db cpu ms), the rate this machine could sustain if\n"
        "the server had the CPU to itself (the load generator and other processes excluded)."
    )
    print(
        f"{'backend':10} {'subm/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ok':>7} {'errors':>7} "
        f"{'app cpu':>8} {'db cpu':>7} {'client':>7} {'capacity':>9}  gap-free  load"
    )
    for r in results:
        errors = r["errors"]
        assert isinstance(errors, dict)
        cpu = r["server_cpu_ms"]
        capacity = round(cores * 1000 / cpu, 1) if isinstance(cpu, float) and cpu else None
        print(
            f"{r['backend']:10} {r['per_second']:>8} {r['p50_ms']!s:>8} {r['p95_ms']!s:>8} "
            f"{r['submissions']:>7} {sum(errors.values()):>7} {r['app_cpu_ms']!s:>8} "
            f"{r['db_cpu_ms']!s:>7} {r['client_cpu_ms']!s:>7} {capacity!s:>9}  "
            f"{r['numbers_gap_free']!s:8}  {r['load']}"
        )
        if r["errors"]:
            print(f"           errors: {r['errors']}")


if __name__ == "__main__":
    main()
