"""Benchmark: how fast the triage engine reads a year of complaints on one core.

Generates (or reads from a JSONL file) complaints of 0.5-2 KB, triages N of them (default
26,000, the AP's intake in 2020) in this one process, and prints complaints per second, total
seconds and peak memory. Not a test: it prints figures.

    python bench/triage_speed.py [--n 26000] [--input complaints.jsonl] [--seed 1]

Target (issue 3): at least 1,000 complaints/s and under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

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


def read(path: str, n: int) -> list[ComplaintInput]:
    rows = [
        json.loads(line)
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    complaints = [
        ComplaintInput.from_dict({k: v for k, v in r.items() if k != "language"}) for r in rows
    ]
    return [complaints[i % len(complaints)] for i in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=26_000)
    parser.add_argument(
        "--input", help="JSONL file with complaints (id, text, ...); cycled to reach --n"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dense", action="store_true", help="only rule-triggering sentences (worst case)"
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations (slower)"
    )
    args = parser.parse_args()

    load_rules()  # reading the rule files is start-up work, not per-complaint work
    global NARRATIVE_SHARE
    if args.dense:
        NARRATIVE_SHARE = 0.0
    complaints = read(args.input, args.n) if args.input else generate(args.n, args.seed)
    sizes = [len(c.text.encode("utf-8")) for c in complaints]
    if args.tracemalloc:
        tracemalloc.start()
    start = time.perf_counter()
    cpu_start = time.process_time()
    bands: dict[str, int] = {}
    for c in complaints:
        band = triage(c).priority.band
        bands[band] = bands.get(band, 0) + 1
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"complaints:          {len(complaints)}")
    print(
        f"size (bytes):        min {min(sizes)}, mean {sum(sizes) // len(sizes)}, max {max(sizes)}"
    )
    print(f"total seconds:       {elapsed:.2f}")
    print(f"complaints/second:   {len(complaints) / elapsed:,.0f}")
    # CPU time of this process: what one core achieves even when other work shares the machine
    print(
        f"CPU seconds:         {cpu:.2f} ({len(complaints) / cpu:,.0f} complaints per CPU second)"
    )
    print(f"peak memory (RSS):   {peak_rss_mb:,.0f} MB")
    if args.tracemalloc:
        _, peak = tracemalloc.get_traced_memory()
        print(f"peak traced (Python): {peak / 1e6:,.1f} MB")
    print(f"bands:               {dict(sorted(bands.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
