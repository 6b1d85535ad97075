"""Intake under load: many clients filing complaints through the API at once, on PostgreSQL.

What it does (loopback only, bounded in time and clients):
1. creates a scratch PostgreSQL database (dropped afterwards unless --keep-db) and migrates it;
2. starts gunicorn with production-style settings (DEBUG off, a secret key, the database task
   queue so triage is queued rather than run in the request, a rate limit high enough not to
   interfere) and several workers;
3. lets --clients threads POST complaints to /api/v1/complaints for --seconds;
4. prints throughput, latency percentiles and errors, and checks that every reference answered
   with 201 is in the database (and that the audit chain did not fork under concurrency).

    python bench/intake_load.py --seconds 30
    python bench/intake_load.py --clients 50 --workers 4 --threads 8 --seconds 120

Target (issue 2): p99 under 300 ms, no errors, nothing missing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
import psycopg

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/waakhond_bench"

DESCRIPTIONS = [
    "De gemeente filmt elk gesprek aan de balie en bewaart de opnames jarenlang.",
    "My employer reads my private e-mail and shares it with my manager.",
    "Ik vroeg om inzage in mijn dossier maar kreeg na drie maanden nog geen antwoord.",
    "The webshop keeps sending me newsletters although I unsubscribed twice.",
    "Mijn BSN staat op een lijst die de zorgverzekeraar openbaar op internet zette.",
]
ORGANISATIONS = [
    "Gemeente Dronten",
    "Gemeente Nissewaard",
    "Gemeente Groningen",
    "Example Webshop B.V.",
]


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, latency: float, reference: str) -> None:
        with self.lock:
            self.latencies.append(latency)
            self.references.append(reference)

    def error(self, kind: str, latency: float | None = None) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            if latency is not None:
                self.latencies.append(latency)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _admin_connection(database_url: str) -> psycopg.Connection:
    config = dj_database_url.parse(database_url)
    return psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def create_database(database_url: str) -> None:
    name = dj_database_url.parse(database_url)["NAME"]
    with _admin_connection(database_url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url: str) -> None:
    name = dj_database_url.parse(database_url)["NAME"]
    with _admin_connection(database_url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_environment(database_url: str, var_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "WAAKHOND_TASKS": "database",
        "WAAKHOND_API_RATE": "1000000/m",
        "WAAKHOND_VAR_DIR": var_dir,
        "WAAKHOND_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }


def start_gunicorn(env: dict, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "gthread",
        "--threads", str(threads),
        "--backlog", "256",
        "--keep-alive", "5",
        "--log-level", "warning",
    ]  # fmt: skip
    with open(log, "ab") as handle:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/openapi.json")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start in 120 seconds")


def client(port: int, until: float, number: int, results: Results) -> None:
    """One client: file complaints one after another on a kept-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sequence = 0
    while time.monotonic() < until:
        sequence += 1
        body = json.dumps(
            {
                "description": f"{DESCRIPTIONS[sequence % len(DESCRIPTIONS)]} (client {number}, #{sequence})",
                "organisation_name": ORGANISATIONS[(number + sequence) % len(ORGANISATIONS)],
                "complainant_name": f"Klager {number}",
                "complainant_email": f"klager{number}@example.org",
                "ongoing": bool(sequence % 2),
            }
        )
        started = time.perf_counter()
        try:
            connection.request(
                "POST",
                "/api/v1/complaints",
                body=body,
                headers={"Content-Type": "application/json"},
            )
            response = connection.getresponse()
            payload = response.read()
            latency = time.perf_counter() - started
            if response.status == 201:
                results.ok(latency, json.loads(payload)["reference"])
            else:
                results.error(f"HTTP {response.status}", latency)
        except (OSError, http.client.HTTPException) as exc:
            results.error(type(exc).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.close()


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def verify(database_url: str, references: list[str]) -> dict[str, int]:
    with psycopg.connect(database_url) as connection:
        found = connection.execute(
            "SELECT count(*) FROM intake_complaint WHERE reference = ANY(%s)", [references]
        ).fetchone()[0]
        total = connection.execute("SELECT count(*) FROM intake_complaint").fetchone()[0]
        queued = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s",
            ["%triage_complaint"],
        ).fetchone()[0]
        forks = connection.execute(
            "SELECT count(*) FROM (SELECT previous_hash FROM audit_auditevent "
            "GROUP BY previous_hash HAVING count(*) > 1) AS doubles"
        ).fetchone()[0]
    return {"found": found, "total": total, "triage_queued": queued, "audit_forks": forks}


def run_load(args: argparse.Namespace, env: dict, var_dir: Path) -> tuple[Results, float]:
    """Migrate, start the server, let the clients file for the given time, stop the server."""
    subprocess.run(
        [sys.executable, "-m", "waakhond.cli", "manage", "migrate", "--no-input", "-v", "0"],
        cwd=REPO, env=env, check=True,
    )  # fmt: skip
    port = _free_port()
    process = start_gunicorn(env, port, args.workers, args.threads, var_dir / "gunicorn.log")
    try:
        print(
            f"server     gunicorn, {args.workers} gthread workers x {args.threads} threads, "
            f"production settings, triage queued in the database"
        )
        # Warm up: every worker imports, connects and compiles what it needs once.
        client(port, time.monotonic() + 2.0, 0, Results())
        results = Results()
        started = time.monotonic()
        until = started + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, until, n + 1, results), daemon=True)
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 60)
        return results, time.monotonic() - started
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=120, help="how long the clients file (default 120)"
    )
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument(
        "--workers", type=int, default=4, help="gunicorn worker processes (default 4)"
    )
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="leave the scratch database for inspection"
    )
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgres"):
        raise SystemExit(
            "This benchmark runs against PostgreSQL; pass --database-url postgres://..."
        )
    args.seconds = max(1.0, min(args.seconds, 1800.0))
    args.clients = max(1, min(args.clients, 500))

    with tempfile.TemporaryDirectory(prefix="waakhond-bench-") as var_dir:
        env = server_environment(args.database_url, var_dir)
        print(f"database   {args.database_url} (created for this run)")
        create_database(args.database_url)
        try:
            results, elapsed = run_load(args, env, Path(var_dir))
            check = verify(args.database_url, results.references)
        finally:
            if not args.keep_db:
                drop_database(args.database_url)

    ok = len(results.references)
    errors = sum(results.errors.values())
    ms = [latency * 1000 for latency in results.latencies]
    missing = ok - check["found"]
    print(f"clients    {args.clients} for {elapsed:.1f} s")
    print(f"requests   {ok + errors} ({ok} answered 201, {errors} errors)")
    print(f"throughput {ok / elapsed:.1f} complaints/s")
    if ms:
        print(
            f"latency    p50 {percentile(ms, 0.50):.1f} ms  p95 {percentile(ms, 0.95):.1f} ms  "
            f"p99 {percentile(ms, 0.99):.1f} ms  max {max(ms):.1f} ms  mean {statistics.fmean(ms):.1f} ms"
        )
    if results.errors:
        print(
            "errors     "
            + ", ".join(f"{kind}: {count}" for kind, count in sorted(results.errors.items()))
        )
    print(
        f"stored     {check['found']} of {ok} references answered with 201 are in the database; missing {missing}"
    )
    print(f"queued     {check['triage_queued']} triage tasks in the database queue")
    print(f"audit      {check['audit_forks']} places where two audit events share a previous hash")
    target_met = missing == 0 and errors == 0 and ms and percentile(ms, 0.99) < 300
    print(
        "target     "
        + ("met" if target_met else "NOT met")
        + " (p99 < 300 ms, no errors, nothing missing)"
    )
    return 0 if missing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
