"""Intake under load: many clients filing complaints through the API at once, on PostgreSQL.

What it does (loopback only, bounded in time and clients):
1. creates a scratch PostgreSQL database (dropped afterwards unless --keep-db), migrates it and
   loads the organisations register, so complaints are matched as in production;
2. starts gunicorn with production-style settings (DEBUG off, a secret key, the database task
   queue so triage is queued rather than run in the request, a rate limit high enough not to
   interfere) and several workers;
3. closed loop: --clients clients file complaints back to back for --seconds (the most the
   server can take). With `wrk` installed the load comes from wrk (compiled, a few percent of
   a core); without it, from threads in this process keeping their connections alive;
4. paced: --clients clients each file one complaint every --think-ms milliseconds for
   --seconds (an offered rate, measured from the time each request was due, so a slow server
   cannot hide its queueing);
5. prints per phase throughput, latency percentiles and errors, the CPU time the server, the
   database and the load generator spent per complaint, and the load average before and after;
6. checks that every reference answered with 201 is in the database, that each complaint has
   its triage job queued, and that the audit chain is intact (`verify_audit_chain`).

    python bench/intake_load.py --seconds 60
    python bench/intake_load.py --clients 50 --think-ms 500 --workers 4 --threads 8

Target (issue 2): p99 under 300 ms, no errors, nothing missing. For scale: an authority that
receives about 26,000 complaints a year gets about one every 20 minutes on average; even a
hundredfold peak is well under one complaint a second. The figures here are far above that.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import secrets
import shutil
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
COMPLAINTS_PER_YEAR = 26_000
TICKS = os.sysconf("SC_CLK_TCK")

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

# The closed loop through wrk: each connection files complaints back to back; the references
# answered with 201 are written to a file for the database check.
WRK_SCRIPT = r"""
local descriptions = {%(descriptions)s}
local organisations = {%(organisations)s}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  sequence = 0
  references = {}
  statuses = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sequence = sequence + 1
  local body = string.format(
    '{"description":"%%s (wrk %%d, #%%d)","organisation_name":"%%s",' ..
    '"complainant_name":"Klager %%d","complainant_email":"klager%%d@example.org","ongoing":%%s}',
    descriptions[sequence %% #descriptions + 1], id, sequence,
    organisations[(id + sequence) %% #organisations + 1], id, id,
    tostring(sequence %% 2 == 1))
  return wrk.format(nil, "/api/v1/complaints", nil, body)
end

function response(status, headers, body)
  if status == 201 then
    local reference = string.match(body, '"reference"%%s*:%%s*"([^"]+)"')
    table.insert(references, reference or "?")
  else
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("BENCH_WRK_OUT"), "w")
  for _, thread in ipairs(threads) do
    for _, reference in ipairs(thread:get("references")) do
      out:write("ref ", reference, "\n")
    end
    for status, count in pairs(thread:get("statuses")) do
      out:write("status ", status, " ", count, "\n")
    end
  end
  local e = summary.errors
  out:write(string.format("summary %%d %%d %%d %%d %%d %%d %%d\n", summary.requests,
    summary.duration, e.connect, e.read, e.write, e.timeout, e.status))
  for _, p in ipairs({50, 95, 99}) do
    out:write(string.format("p %%d %%d\n", p, latency:percentile(p)))
  end
  out:write(string.format("lat %%d %%d\n", latency.max, latency.mean))
  out:close()
end
"""


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)  # seconds, send to answer
    due_latencies: list[float] = field(default_factory=list)  # seconds, due time to answer
    references: list[str] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    late: int = 0  # paced requests sent later than due because the previous one was slow
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, latency: float, reference: str, due_latency: float | None = None) -> None:
        with self.lock:
            self.latencies.append(latency)
            self.references.append(reference)
            if due_latency is not None:
                self.due_latencies.append(due_latency)

    def error(self, kind: str, latency: float | None = None) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            if latency is not None:
                self.latencies.append(latency)


@dataclass
class Phase:
    name: str
    description: str
    results: Results
    elapsed: float
    cpu: dict[str, float]  # CPU seconds spent during the phase, by whom
    loadavg: tuple[float, float, float]
    percentiles_ms: dict[str, float] | None = None  # when the tool measured them itself


# --- Machine and process accounting ---------------------------------------------------------


def _process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _children(pid: int) -> list[int]:
    pids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            pids.extend(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


def _machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values) - idle) / TICKS, sum(values) / TICKS


class CpuMeter:
    """CPU seconds used by the server, the database backends and this process."""

    def __init__(self, server_pid: int, database_url: str):
        self.server_pid = server_pid
        self.database_url = database_url

    def _database_pids(self) -> list[int]:
        name = dj_database_url.parse(self.database_url)["NAME"]
        with _admin_connection(self.database_url) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ).fetchall()
        return [row[0] for row in rows]

    def sample(self) -> dict[str, object]:
        own = resource.getrusage(resource.RUSAGE_SELF)
        busy, total = _machine_busy_seconds()
        server_pids = [self.server_pid, *_children(self.server_pid)]
        return {
            "server": {pid: _process_cpu_seconds(pid) for pid in server_pids},
            "database": {pid: _process_cpu_seconds(pid) for pid in self._database_pids()},
            "client": own.ru_utime + own.ru_stime,
            "machine_busy": busy,
            "machine_total": total,
        }

    @staticmethod
    def delta(before: dict[str, object], after: dict[str, object]) -> dict[str, float]:
        """CPU seconds per kind between two samples, process by process.

        A process that ended between the samples is not counted; the server keeps its database
        connections for the whole run (see `server_environment`), so hardly any do.
        """
        result = {}
        for key, value in after.items():
            if isinstance(value, dict):
                result[key] = sum(cpu - before[key].get(pid, 0.0) for pid, cpu in value.items())
            else:
                result[key] = value - before[key]
        return result


# --- Database and server ----------------------------------------------------------------------


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
        # Persistent connections for the whole run, as a production server keeps them.
        "DATABASE_CONN_MAX_AGE": "3600",
        "WAAKHOND_API_RATE": "1000000/m",
        "WAAKHOND_VAR_DIR": var_dir,
        "WAAKHOND_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }


def manage(env: dict, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "waakhond.cli", "manage", *arguments],
        cwd=REPO, env=env, check=check, capture_output=True, text=True,
    )  # fmt: skip


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


# --- Load: threads in this process -----------------------------------------------------------


def _body(number: int, sequence: int, tag: str) -> bytes:
    return json.dumps(
        {
            "description": f"{DESCRIPTIONS[sequence % len(DESCRIPTIONS)]} "
            f"({tag} {number}, #{sequence})",
            "organisation_name": ORGANISATIONS[(number + sequence) % len(ORGANISATIONS)],
            "complainant_name": f"Klager {number}",
            "complainant_email": f"klager{number}@example.org",
            "ongoing": bool(sequence % 2),
        }
    ).encode()


def client(
    port: int,
    until: float,
    number: int,
    results: Results,
    *,
    think: float = 0.0,
    start: float | None = None,
    tag: str = "client",
) -> None:
    """One client on a kept-alive connection: back to back, or one complaint every `think` s.

    Paced, each request has a due time (start + k * think); its latency is also measured from
    that due time, so a request that had to wait for a slow earlier one counts that wait.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    sequence = 0
    due = start if start is not None else time.monotonic()
    while True:
        if think:
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            elif now - due > 0.001:
                with results.lock:
                    results.late += 1
        if time.monotonic() >= until:
            break
        sequence += 1
        body = _body(number, sequence, tag)
        started = time.monotonic()
        try:
            connection.request("POST", "/api/v1/complaints", body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            ended = time.monotonic()
            if response.status == 201:
                due_latency = ended - due if think else None
                results.ok(ended - started, json.loads(payload)["reference"], due_latency)
            else:
                results.error(f"HTTP {response.status}", ended - started)
        except (OSError, http.client.HTTPException) as exc:
            results.error(type(exc).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        due += think
    connection.close()


def run_threads(
    port: int, clients: int, seconds: float, think: float, tag: str
) -> tuple[Results, float]:
    results = Results()
    started = time.monotonic()
    until = started + seconds
    threads = []
    for n in range(clients):
        # Paced clients start spread over one interval, so they do not all fire at once.
        start = started + (random.random() * think if think else 0.0)
        threads.append(
            threading.Thread(
                target=client,
                args=(port, until, n + 1, results),
                kwargs={"think": think, "start": start, "tag": tag},
                daemon=True,
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return results, time.monotonic() - started


# --- Load: wrk ----------------------------------------------------------------------------


def run_wrk(
    wrk: str, port: int, clients: int, seconds: float, var_dir: Path
) -> tuple[Results, float, dict[str, float], float]:
    """Closed loop through wrk; returns results, elapsed, percentiles and wrk's CPU seconds."""

    def lua_list(items: list[str]) -> str:
        return ", ".join(json.dumps(item) for item in items)

    script = var_dir / "intake.lua"
    script.write_text(
        WRK_SCRIPT
        % {"descriptions": lua_list(DESCRIPTIONS), "organisations": lua_list(ORGANISATIONS)}
    )
    out = var_dir / "wrk.out"
    command = [
        wrk, "--threads", "2", "--connections", str(clients),
        "--duration", f"{int(round(seconds))}s", "--timeout", "30s",
        "--script", str(script), f"http://127.0.0.1:{port}/api/v1/complaints",
    ]  # fmt: skip
    started = time.monotonic()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(
        command,
        env={**os.environ, "BENCH_WRK_OUT": str(out)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        process.communicate(timeout=seconds + 120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise SystemExit("wrk did not finish in time") from None
    elapsed = time.monotonic() - started
    # wrk is the only child that ended during the phase (the server is still running).
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = (usage.ru_utime + usage.ru_stime) - (children.ru_utime + children.ru_stime)
    results = Results()
    percentiles: dict[str, float] = {}
    for line in out.read_text().splitlines():
        kind, *values = line.split()
        if kind == "ref":
            results.references.append(values[0])
        elif kind == "status":
            results.errors[f"HTTP {values[0]}"] = int(values[1])
        elif kind == "summary":
            _requests, duration, connect, read, write, timeout, _status = map(int, values)
            elapsed = duration / 1e6
            for name, count in (
                ("connect", connect),
                ("read", read),
                ("write", write),
                ("timeout", timeout),
            ):
                if count:
                    results.errors[name] = count
        elif kind == "p":
            percentiles[f"p{values[0]}"] = int(values[1]) / 1000
        elif kind == "lat":
            percentiles["max"] = int(values[0]) / 1000
            percentiles["mean"] = float(values[1]) / 1000
    return results, elapsed, percentiles, wrk_cpu


# --- Checks ---------------------------------------------------------------------------------


def verify(database_url: str, references: list[str], env: dict) -> dict[str, object]:
    with psycopg.connect(database_url) as connection:
        found = connection.execute(
            "SELECT count(*) FROM intake_complaint WHERE reference = ANY(%s)", [references]
        ).fetchone()[0]
        total = connection.execute("SELECT count(*) FROM intake_complaint").fetchone()[0]
        matched = connection.execute(
            "SELECT count(*) FROM intake_complaint WHERE organisation_id IS NOT NULL"
        ).fetchone()[0]
        queued = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s",
            ["%triage_complaint"],
        ).fetchone()[0]
        forks = connection.execute(
            "SELECT count(*) FROM (SELECT previous_hash FROM audit_auditevent "
            "GROUP BY previous_hash HAVING count(*) > 1) AS doubles"
        ).fetchone()[0]
        received_events = connection.execute(
            "SELECT count(*) FROM audit_auditevent WHERE event_type = 'complaint.received'"
        ).fetchone()[0]
    chain = manage(env, "verify_audit_chain", check=False)
    return {
        "found": found,
        "distinct": len(set(references)),
        "total": total,
        "matched": matched,
        "triage_queued": queued,
        "audit_forks": forks,
        "received_events": received_events,
        "chain_ok": chain.returncode == 0,
        "chain_message": (chain.stdout or chain.stderr).strip().splitlines()[-1:],
    }


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


# --- Run ----------------------------------------------------------------------------------


def run_load(args: argparse.Namespace, env: dict, var_dir: Path) -> list[Phase]:
    """Migrate, start the server, run the phases, stop the server."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_organisations")
    port = _free_port()
    process = start_gunicorn(env, port, args.workers, args.threads, var_dir / "gunicorn.log")
    wrk = None if args.load == "threads" else shutil.which("wrk")
    if args.load == "wrk" and not wrk:
        raise SystemExit("--load wrk: wrk is not installed")
    meter = CpuMeter(process.pid, args.database_url)
    phases: list[Phase] = []
    try:
        print(
            f"server     gunicorn, {args.workers} gthread workers x {args.threads} threads, "
            f"production settings, persistent database connections, triage queued in the "
            f"database"
        )
        # Warm up: every worker imports, connects and compiles what it needs once.
        run_threads(port, min(args.clients, args.workers * 2), 3.0, 0.0, "warm-up")

        if "closed" in args.phases:
            before = meter.sample()
            if wrk:
                results, elapsed, measured, wrk_cpu = run_wrk(
                    wrk, port, args.clients, args.seconds, var_dir
                )
                tool = "wrk"
            else:
                results, elapsed = run_threads(port, args.clients, args.seconds, 0.0, "closed")
                measured, tool = None, "threads in this process"
            after = meter.sample()
            cpu = CpuMeter.delta(before, after)
            if wrk:
                cpu["client"] += wrk_cpu
            phases.append(
                Phase(
                    "closed",
                    f"{args.clients} clients back to back ({tool})",
                    results,
                    elapsed,
                    cpu,
                    os.getloadavg(),
                    measured,
                )
            )
        if "paced" in args.phases:
            think = args.think_ms / 1000
            before = meter.sample()
            results, elapsed = run_threads(port, args.clients, args.seconds, think, "paced")
            cpu = CpuMeter.delta(before, meter.sample())
            offered = args.clients / think
            phases.append(
                Phase(
                    "paced",
                    f"{args.clients} clients, one complaint each every {args.think_ms:g} ms "
                    f"(offered {offered:.0f}/s, threads in this process)",
                    results,
                    elapsed,
                    cpu,
                    os.getloadavg(),
                )
            )
        return phases
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def report(phase: Phase, cores: int) -> bool:
    results = phase.results
    ok = len(results.references)
    errors = sum(results.errors.values())
    print(f"\n[{phase.name}] {phase.description}")
    print(f"  elapsed    {phase.elapsed:.1f} s")
    print(f"  requests   {ok + errors} ({ok} answered 201, {errors} errors)")
    print(f"  throughput {ok / phase.elapsed:.1f} complaints/s")
    if phase.percentiles_ms:
        p = phase.percentiles_ms
        p50, p95, p99 = p["p50"], p["p95"], p["p99"]
        print(
            f"  latency    p50 {p50:.1f} ms  p95 {p95:.1f} ms  p99 {p99:.1f} ms  "
            f"max {p['max']:.1f} ms  mean {p['mean']:.1f} ms  (measured by wrk)"
        )
    else:
        ms = [latency * 1000 for latency in results.latencies]
        p99 = percentile(ms, 0.99)
        if ms:
            print(
                f"  latency    p50 {percentile(ms, 0.50):.1f} ms  p95 {percentile(ms, 0.95):.1f} ms"
                f"  p99 {p99:.1f} ms  max {max(ms):.1f} ms  mean {statistics.fmean(ms):.1f} ms"
            )
        if results.due_latencies:
            due = [latency * 1000 for latency in results.due_latencies]
            p99 = max(p99, percentile(due, 0.99))
            print(
                f"  from due   p50 {percentile(due, 0.50):.1f} ms  p95 {percentile(due, 0.95):.1f}"
                f" ms  p99 {percentile(due, 0.99):.1f} ms  max {max(due):.1f} ms  "
                f"({results.late} requests sent late)"
            )
    if results.errors:
        print(
            "  errors     "
            + ", ".join(f"{kind}: {count}" for kind, count in sorted(results.errors.items()))
        )
    cpu = phase.cpu
    if ok:
        print(
            f"  CPU/compl. server {cpu['server'] / ok * 1000:.2f} ms, database "
            f"{cpu['database'] / ok * 1000:.2f} ms, load generator {cpu['client'] / ok * 1000:.2f} ms"
        )
    busy = cpu["machine_busy"] / phase.elapsed
    ours = (cpu["server"] + cpu["database"] + cpu["client"]) / phase.elapsed
    print(
        f"  machine    {busy:.2f} of {cores} cores busy on average, {ours:.2f} of them this "
        f"benchmark; load average after {phase.loadavg[0]:.2f}"
    )
    return errors == 0 and p99 < 300


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=90, help="length of each phase (90)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument(
        "--think-ms",
        type=float,
        default=500,
        help="paced phase: each client files one complaint every this many ms (500)",
    )
    parser.add_argument(
        "--phases", default="closed,paced", help="which phases, comma separated (closed,paced)"
    )
    parser.add_argument(
        "--load",
        choices=["auto", "wrk", "threads"],
        default="auto",
        help="closed loop from wrk when installed (auto), or threads in this process",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (4)")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (8)")
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
    host = dj_database_url.parse(args.database_url)["HOST"] or "127.0.0.1"
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("This benchmark runs on loopback only; the database must be local")
    args.seconds = max(1.0, min(args.seconds, 1800.0))
    args.clients = max(1, min(args.clients, 500))
    args.think_ms = max(1.0, min(args.think_ms, 60_000.0))
    args.phases = {name.strip() for name in args.phases.split(",") if name.strip()}

    cores = os.cpu_count() or 1
    load_before = os.getloadavg()
    print(
        f"machine    {cores} cores; load average before "
        + " ".join(f"{value:.2f}" for value in load_before)
        + " (1, 5, 15 min)"
    )
    with tempfile.TemporaryDirectory(prefix="waakhond-bench-") as var_dir:
        env = server_environment(args.database_url, var_dir)
        print(f"database   {args.database_url} (created for this run)")
        create_database(args.database_url)
        try:
            phases = run_load(args, env, Path(var_dir))
            references = [ref for phase in phases for ref in phase.results.references]
            check = verify(args.database_url, references, env)
        finally:
            if not args.keep_db:
                drop_database(args.database_url)

    target_met = all([report(phase, cores) for phase in phases])
    missing = len(references) - check["found"]
    print()
    print(
        f"stored     {check['found']} of {len(references)} references answered with 201 are in "
        f"the database ({check['distinct']} distinct); missing {missing}; "
        f"{check['total']} complaints in all (warm-up included)"
    )
    print(
        f"matched    {check['matched']} complaints linked to a register entry; "
        f"{check['triage_queued']} triage jobs queued"
    )
    print(
        f"audit      {check['received_events']} 'complaint received' events; "
        f"{check['audit_forks']} places where two events share a previous hash; "
        f"chain {'intact' if check['chain_ok'] else 'BROKEN'} "
        f"({' '.join(check['chain_message'])})"
    )
    load_after = os.getloadavg()
    print("machine    load average after " + " ".join(f"{value:.2f}" for value in load_after))
    per_second = COMPLAINTS_PER_YEAR / (365 * 24 * 3600)
    print(
        f"scale      {COMPLAINTS_PER_YEAR:,} complaints a year is {per_second * 3600:.1f} an hour "
        f"on average ({per_second:.4f}/s)"
    )
    sound = (
        missing == 0
        and check["distinct"] == len(references)
        and check["chain_ok"]
        and check["audit_forks"] == 0
        and check["triage_queued"] == check["total"]
        and check["received_events"] == check["total"]
    )
    target_met = target_met and sound
    print(
        "target     "
        + ("met" if target_met else "NOT met")
        + " (p99 < 300 ms in every phase, no errors, nothing missing, audit chain intact)"
    )
    return 0 if sound else 1


if __name__ == "__main__":
    sys.exit(main())
