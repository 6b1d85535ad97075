"""Benchmark: how fast the triage engine reads a year of complaints on one core.

Generates (or reads from a JSONL file) complaints of 0.5-2 KB and triages N of them (default
26,000, the AP's intake in 2020), then prints the number of complaints, their mean size, CPU
and wall seconds, complaints per CPU second and per wall second, and peak memory (the peak of
Python allocations traced by tracemalloc, and the peak resident set size). Not a test: it
prints figures.

    python bench/triage_speed.py [--n 26000] [--input complaints.jsonl] [--seed 1] [--dense]
    python bench/triage_speed.py --cli [--jobs N] [--n 26000] [--input complaints.jsonl]

By default the engine runs in this process: rule loading is start-up work and is not timed,
and a second pass with tracemalloc on measures the allocation peak, inputs included (tracing
slows Python down about five times, so the timed pass runs without it and the traced one takes
2,000 complaints unless ``--trace-n`` says otherwise; results are not kept, so the peak grows
only with the inputs). ``--cli`` instead times the real command
``waakhond triage IN.jsonl -o OUT.jsonl`` end to end in a subprocess, interpreter start-up,
rule loading, JSON in and out included, with ``--jobs N`` passed on when given (the command's
default is the CPUs available); the number of jobs is printed. Its CPU seconds include the
worker processes (RUSAGE_CHILDREN) and its memory is the peak resident set of the largest of
them. The per-core figure is the in-process one, measured in a single process.

CPU seconds are what this process (or the subprocess) used; on a machine shared with other
work they show what one free core achieves, while wall seconds include waiting for the CPU.

Target (issue 3): at least 1,000 complaints/s on one core and under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from waakhond.triage import ComplaintInput, triage  # noqa: E402
from waakhond.triage.rules import load_rules  # noqa: E402

SENTENCES_NL = [
    "Ik heb een bijstandsuitkering van de gemeente {town}.",
    "Sinds {year} worden mijn gesprekken met de consulent opgenomen met beeld en geluid.",
    "Mijn werkgever verplicht ons in te klokken met onze vingerafdruk.",
    "Ik heb op {day} januari een inzageverzoek gedaan en nog steeds geen reactie gekregen.",
    "De webshop vraagt bij het registreren verplicht mijn BSN.",
    "Ik heb me afgemeld voor de nieuwsbrief maar krijg nog steeds reclame.",
    "Er was een datalek bij de zorggroep en niemand heeft ons ingelicht.",
    "Mijn huisarts heeft mijn diagnose doorgegeven aan mijn werkgever zonder toestemming.",
    "De school van mijn dochter deelt foto's van leerlingen op Facebook.",
    "Het UWV gebruikt een algoritme dat mensen een risicoscore voor fraude geeft.",
    "Het gaat om honderden mensen en het gebeurt al jaren.",
    "Wie weigert krijgt geen uitkering, dus we hadden geen keus.",
    "Ik wil graag dat mijn gegevens worden verwijderd.",
    "De verhuurder wilde zes maanden bankafschriften en een kopie van mijn paspoort.",
    "Mijn buurman heeft een camera die ook mijn tuin filmt.",
]
SENTENCES_EN = [
    "I receive benefits from the municipality of {town}.",
    "Since {year} my conversations have been recorded with video and sound.",
    "My employer forces us to clock in with our fingerprint.",
    "I made an access request on {day} January and still have no reply.",
    "The webshop demands my citizen service number when I register.",
    "I unsubscribed from the newsletter but still receive advertising.",
    "There was a data breach at the care provider and nobody told us.",
    "The company was fined because it processed personal data without a legal basis.",
    "Insufficient technical and organisational measures led to unauthorised access.",
    "The agency uses an algorithm that gives people a fraud risk score.",
    "Thousands of customers were affected over several years.",
    "If we refused, our benefits would be cut.",
]
# Most of a real complaint is narrative that triggers no rule: who wrote, what happened when,
# how the person feels. Generated complaints mix such sentences with the ones above.
NARRATIVE_NL = [
    "Ik schrijf u omdat ik er echt niet meer uitkom en niet weet waar ik anders heen moet.",
    "Het begon allemaal vorig voorjaar, toen ik voor het eerst een brief kreeg.",
    "Ik heb hier al veel tijd en energie in gestoken en het maakt me erg onrustig.",
    "Mijn zus heeft me geholpen met het opschrijven van wat er is gebeurd.",
    "Ik snap niet waarom dit zo moet en niemand kan het me goed uitleggen.",
    "Het voelt alsof er over mij wordt beslist zonder dat ik er iets over te zeggen heb.",
    "In de bijlage stuur ik de brieven en de mails die ik heb gekregen.",
    "Ik hoop dat u hier iets mee kunt, want zo kan het toch niet doorgaan.",
]
NARRATIVE_EN = [
    "I am writing to you because I really do not know where else to turn.",
    "It all started last spring, when I first received a letter about it.",
    "This has taken a lot of my time and it keeps me awake at night.",
    "My sister helped me to write down what happened, step by step.",
    "I do not understand why it has to be this way and nobody can explain it.",
    "I attach the letters and e-mails I received so that you can read them yourself.",
]
NARRATIVE_SHARE = 0.65
TOWNS = ["Dronten", "Utrecht", "Almere", "Groningen", "Zwolle", "Nissewaard", "Den Haag", "Tilburg"]


def generate(n: int, seed: int) -> list[ComplaintInput]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        dutch = rng.random() < 0.7
        facts_pool = SENTENCES_NL if dutch else SENTENCES_EN
        story_pool = NARRATIVE_NL if dutch else NARRATIVE_EN
        target = rng.randint(500, 2000)
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < target:
            pool = story_pool if rng.random() < NARRATIVE_SHARE else facts_pool
            parts.append(
                rng.choice(pool).format(
                    town=rng.choice(TOWNS), year=rng.randint(2010, 2024), day=rng.randint(1, 28)
                )
            )
        text = " ".join(parts)[:2000]
        out.append(ComplaintInput(id=str(i), text=text))
    return out


def read_rows(path: str, n: int) -> list[dict]:
    """The JSON objects of a JSONL file, cycled to reach ``n``."""
    rows = [
        json.loads(line)
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if not rows:
        raise SystemExit(f"{path}: no complaints")
    return [rows[i % len(rows)] for i in range(n)]


def to_input(row: dict) -> ComplaintInput:
    return ComplaintInput.from_dict({k: v for k, v in row.items() if k != "language"})


def _mb(kib_or_bytes: int) -> float:
    """ru_maxrss is in KiB on Linux and in bytes on macOS."""
    return kib_or_bytes / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _print_figures(
    label: str, n: int, sizes: list[int], cpu: float, wall: float, memory: list[str]
) -> None:
    print(f"mode:                      {label}")
    print(f"complaints:                {n:,}")
    print(
        f"size (bytes):              mean {sum(sizes) / len(sizes):,.0f} "
        f"(min {min(sizes):,}, max {max(sizes):,})"
    )
    print(f"CPU seconds:               {cpu:.2f}")
    print(f"wall seconds:              {wall:.2f}")
    print(f"complaints per CPU second: {n / cpu:,.0f}")
    print(f"complaints per wall second:{n / wall:,.0f}")
    for line in memory:
        print(line)


def run_in_process(make: Callable[[int], list[ComplaintInput]], n: int, trace_n: int) -> None:
    complaints = make(n)
    sizes = [len(c.text.encode("utf-8")) for c in complaints]
    bands: dict[str, int] = {}
    wall_start = time.perf_counter()
    cpu_start = time.process_time()
    for c in complaints:
        band = triage(c).priority.band
        bands[band] = bands.get(band, 0) + 1
    cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - wall_start
    rss = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    del complaints

    # the traced pass builds its inputs again, so that they count, and triages them
    traced_n = n if trace_n <= 0 else min(n, trace_n)
    tracemalloc.start()
    for c in make(traced_n):
        triage(c)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    _print_figures(
        "in process (rules loaded before timing)",
        n,
        sizes,
        cpu,
        wall,
        [
            f"peak traced (tracemalloc): {peak / 1e6:,.1f} MB for {traced_n:,} complaints "
            "(inputs included, rules loaded before)",
            f"peak resident (ru_maxrss): {rss:,.0f} MB for the whole process",
            f"bands:                     {dict(sorted(bands.items()))}",
        ],
    )


def _command() -> list[str]:
    """The installed ``waakhond`` command next to this interpreter, else ``python -m``."""
    exe = Path(sys.executable).with_name("waakhond")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("waakhond")
    return [found] if found else [sys.executable, "-m", "waakhond.cli"]


def run_cli(rows: list[dict], jobs: int | None = None) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        dst = Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        sizes = [len(str(r.get("text", "")).encode("utf-8")) for r in rows]
        command = _command()
        shown = "waakhond" if len(command) == 1 else "python -m waakhond.cli"
        cmd = command + ["triage", str(src), "-o", str(dst)]
        if jobs is not None:
            cmd += ["--jobs", str(jobs)]
        shown_jobs = str(jobs) if jobs is not None else f"default ({len(os.sched_getaffinity(0))})"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall_start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL)
        wall = time.perf_counter() - wall_start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        with dst.open(encoding="utf-8") as f:
            written = sum(1 for line in f if line.strip())
    _print_figures(
        f"command line, end to end: {shown} triage IN.jsonl -o OUT.jsonl"
        + (f" --jobs {jobs}" if jobs is not None else "")
        + f"\njobs:                      {shown_jobs}",
        len(rows),
        sizes,
        cpu,
        wall,
        [
            f"peak resident (ru_maxrss): {_mb(after.ru_maxrss):,.0f} MB (the largest of the "
            "command's process and its workers, each)",
            "CPU seconds above include the workers (RUSAGE_CHILDREN)",
            f"results written:           {written:,} (exit code {proc.returncode})",
        ],
    )
    return 0 if proc.returncode == 0 and written == len(rows) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=26_000, help="number of complaints")
    parser.add_argument(
        "--input", help="JSONL file with complaints (id, text, ...); cycled to reach --n"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dense", action="store_true", help="only rule-triggering sentences (worst case)"
    )
    parser.add_argument(
        "--cli", action="store_true", help="time the `waakhond triage` command in a subprocess"
    )
    parser.add_argument(
        "--jobs", type=int, default=None, help="with --cli: pass --jobs N (default: the command's)"
    )
    parser.add_argument(
        "--trace-n",
        type=int,
        default=2_000,
        help="complaints in the tracemalloc pass, which is about five times slower "
        "(default 2,000; 0: as many as --n)",
    )
    args = parser.parse_args()

    global NARRATIVE_SHARE
    if args.dense:
        NARRATIVE_SHARE = 0.0
    if args.cli:
        if args.input:
            rows = read_rows(args.input, args.n)
            for i, row in enumerate(rows):  # cycled rows get distinct ids; labels stay out
                row = {k: v for k, v in row.items() if k != "language"}
                row["id"] = f"{row.get('id', '')}#{i}"
                rows[i] = row
        else:
            rows = [{"id": c.id, "text": c.text} for c in generate(args.n, args.seed)]
        return run_cli(rows, args.jobs)

    load_rules()  # reading the rule files is start-up work, not per-complaint work

    def make(n: int) -> list[ComplaintInput]:
        if args.input:
            return [to_input(r) for r in read_rows(args.input, n)]
        return generate(n, args.seed)

    run_in_process(make, args.n, args.trace_n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
