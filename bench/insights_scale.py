"""Insights at scale: duplicates, patterns and dashboards with 100,000 complaints in PostgreSQL.

Prints figures; it is not a test. It creates (and at the end drops) its own database:

    .venv/bin/python bench/insights_scale.py [--complaints 100000] [--keep]
        [--server postgres://postgres@127.0.0.1:5432]

What it does
    1. bulk-creates synthetic but varied complaints with triage results (COPY-speed bulk
       inserts, not the service one by one), including the bad input of the issue: a campaign
       of 5,000 identical complaints within one hour, complaints with no text worth comparing,
       and one municipality spelled twenty ways;
    2. builds the insights index in one pass (`insights_index_all`) and rebuilds all patterns;
    3. times `insights_index_complaint` on ~50 new complaints (median and p95);
    4. times every dashboard page through Django's test client;
    5. checks that the grouping stayed right.
Targets: linking < 200 ms, rebuilding patterns < 60 s, each page < 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DB_NAME = "waakhond_bench_insights"


def setup_database(server: str, complaints: int) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    os.environ["DATABASE_URL"] = f"{server}/{DB_NAME}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"


def drop_database(server: str) -> None:
    import psycopg

    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')


# --- Synthetic data -----------------------------------------------------------------------

MUNICIPALITIES = [
    "Almere",
    "Amersfoort",
    "Amsterdam",
    "Apeldoorn",
    "Arnhem",
    "Assen",
    "Breda",
    "Delft",
    "Den Haag",
    "Deventer",
    "Dordrecht",
    "Ede",
    "Eindhoven",
    "Emmen",
    "Enschede",
    "Groningen",
    "Haarlem",
    "Heerlen",
    "Helmond",
    "Hengelo",
    "Hilversum",
    "Leeuwarden",
    "Leiden",
    "Lelystad",
    "Maastricht",
    "Nijmegen",
    "Nissewaard",
    "Oss",
    "Rotterdam",
    "Schiedam",
    "Sittard-Geleen",
    "Tilburg",
    "Utrecht",
    "Venlo",
    "Zaanstad",
    "Zeewolde",
    "Zoetermeer",
    "Zwolle",
    "Alkmaar",
    "Gouda",
]
COMPANIES = [
    f"{a} {b}"
    for a in ("Noord", "Zuid", "Oost", "West", "Centraal", "Holland", "Euro", "Data", "Zorg", "Web")
    for b in (
        "Verzekeringen",
        "Telecom",
        "Webwinkel",
        "Energie",
        "Bank",
        "Uitzendbureau",
        "Woningcorporatie",
        "Sportschool",
        "Ziekenhuis",
        "Incasso",
    )
]
DRONTEN_SPELLINGS = [
    "Gemeente Dronten",
    "gemeente dronten",
    "GEMEENTE DRONTEN",
    "gem. Dronten",
    "Gem Dronten",
    "Dronten gemeente",
    "Dronten",
    "dronten",
    "gemeente dronten (Flevoland)",
    "Gemeente Dronten (FL)",
    "De gemeente Dronten",
    "Dronten (gem.)",
    "Gemeente Dronten, afdeling Werk en Inkomen",
    "Gemeente Dronten - Sociaal Domein",
    "Municipality of Dronten",
    "  Gemeente   Dronten  ",
    "Gemeente Dronten.",
    "gemeentehuis Dronten",
    "Dronten, gemeente",
    "Gemeente Drönten",
]
PRACTICES = [
    "camera",
    "audio_recording",
    "biometric_identification",
    "time_clock",
    "tracking",
    "profiling",
    "algorithm",
    "sharing_third_party",
    "publication",
    "direct_marketing",
    "data_breach",
    "processor_no_agreement",
    "cookies",
]
GROUPS = [
    "children",
    "welfare_recipients",
    "patients",
    "employees",
    "students",
    "elderly",
    "asylum_seekers",
]
SPECIALS = ["health", "biometric", "criminal", "ethnic", "religious"]
CATEGORIES = [
    "access_rights",
    "erasure",
    "rectification",
    "objection",
    "direct_marketing",
    "lawful_basis",
    "special_categories",
    "transparency",
    "security_breach",
    "dpia",
    "processor",
    "camera_surveillance",
    "employee_monitoring",
    "biometrics",
    "automated_decisions",
    "data_minimisation",
    "retention",
    "national_id_number",
]
SECTORS_PRIVATE = [
    "telecom",
    "finance",
    "retail",
    "online_platform",
    "housing",
    "healthcare",
    "employment",
]
LANES = [
    "out_of_scope",
    "tip",
    "ask_organisation_first",
    "quick_intervention",
    "investigate",
    "refer_lead_authority",
    "",
]
STATES = [
    "received",
    "triaged",
    "in_lane",
    "in_lane",
    "in_lane",
    "awaiting_complainant",
    "decided",
    "decided",
    "closed",
    "closed",
]
OUTCOMES = [
    "not_investigated_priority",
    "rejected_no_infringement",
    "intervention_successful",
    "infringement_established",
    "out_of_scope",
    "tip_recorded",
]
WORDS = (
    "ik heb de organisatie gevraagd om inzage in mijn gegevens maar nooit antwoord gekregen zij "
    "delen mijn adres met anderen zonder toestemming camera gesprek uitkering medewerker brief "
    "mail telefoon werkgever school ziekenhuis dossier verwijderen bewaren jaren nieuwsbrief "
    "afmelden datalek wachtwoord account klantnummer vingerafdruk prikklok locatie app cookies "
    "profiel algoritme fraude risico score besluit bezwaar verzekering polis huur woning buren "
    "leerling ouders cijfers foto website publiceren zonder vragen waarom hoe lang wie mag dat"
).split()
CAMPAIGN_TEXT = (
    "Ik sluit mij aan bij de actie van de bond. De gemeente neemt gesprekken met mensen in de "
    "bijstand op met camera en geluid, zonder wettelijke grondslag en zonder dat een DPIA op tijd "
    "is gedaan. Wie weigert, krijgt geen uitkering. Ik vraag de toezichthouder dit te onderzoeken "
    "en de gemeente te bevelen de opnames te stoppen en te vernietigen."
)


def fact(kind, value):
    return {
        "id": f"{kind}-{value}",
        "kind": kind,
        "value": value,
        "rule_id": f"{kind}.{value}",
        "label": {"nl": f"{kind} {value}", "en": f"{kind} {value}"},
        "evidence": [{"start": 0, "end": 5, "text": "xxxxx"}],
    }


def triage_result(rng, *, sector, ctype, name, practices=None, groups=None):
    practices = (
        practices if practices is not None else rng.sample(PRACTICES, rng.choice([0, 1, 1, 2]))
    )
    groups = groups if groups is not None else rng.sample(GROUPS, rng.choice([0, 0, 1]))
    specials = rng.sample(SPECIALS, rng.choice([0, 0, 0, 1]))
    categories = rng.sample(CATEGORIES, rng.choice([1, 2, 3]))
    band = rng.choice(["high", "medium", "low", "low"])
    return {
        "id": "x",
        "language": "nl",
        "articles": [5, 6],
        "article_reasons": [],
        "categories": categories,
        "special_categories": specials,
        "vulnerable_groups": groups,
        "controller": {
            "name": name,
            "type": ctype,
            "sector": sector,
            "matched_by": "form",
            "evidence": [],
            "main_establishment": None,
        },
        "dpia": {
            "likely_required": False,
            "mandatory": False,
            "ap_list_items": [],
            "art35_3": [],
            "wp248_criteria": [],
            "reasons": [],
        },
        "priority": {
            "score": rng.randint(0, 100),
            "band": band,
            "factors": {},
            "combination": "x",
            "combination_reason": {"nl": "", "en": ""},
        },
        "lane": rng.choice(LANES[:-1]),
        "lane_reasons": [],
        "facts": [fact("practice", p) for p in practices]
        + [fact("vulnerable_group", g) for g in groups]
        + [fact("special_category", s) for s in specials],
        "confidence": 0.8,
        "needs_more_information": False,
        "version": {"engine": "bench", "rules": "bench"},
    }


def random_text(rng, n_words=None):
    n = n_words or rng.randint(40, 220)
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_complaints(n: int, seed: int = 7) -> dict:
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from waakhond.cases.models import Decision, Letter
    from waakhond.intake.models import BAND_RANK, Complaint, TriageRecord

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    User = get_user_model()
    lead = User.objects.create_user("bench_lead", password="bench-password-123")
    lead.groups.add(Group.objects.get(name="team_lead"))
    handlers = []
    for i in range(25):
        h = User.objects.create_user(f"handler{i:02d}", password="bench-password-123")
        h.groups.add(Group.objects.get(name="case_handler"))
        handlers.append(h)

    specs = []
    # The campaign: 5,000 identical complaints within one hour, about one municipality.
    campaign_start = now - dt.timedelta(days=20)
    for i in range(5000):
        specs.append(
            (
                "campaign",
                campaign_start + dt.timedelta(seconds=i * 0.7),
                CAMPAIGN_TEXT,
                "Gemeente Zeewolde",
                "municipality",
                "public",
                ["camera", "audio_recording"],
                ["welfare_recipients"],
            )
        )
    # No text worth comparing.
    for _ in range(1000):
        specs.append(
            (
                "notext",
                now - dt.timedelta(days=rng.uniform(0, 700)),
                rng.choice(["", "Zie bijlage.", "test test test test", "?!", "<p></p>"]),
                rng.choice(COMPANIES),
                "retail",
                "private",
                [],
                [],
            )
        )
    # One municipality spelled twenty ways, recording benefit interviews.
    for i in range(400):
        specs.append(
            (
                "dronten",
                now - dt.timedelta(days=rng.uniform(0, 400)),
                random_text(rng),
                DRONTEN_SPELLINGS[i % 20],
                "municipality",
                "public",
                ["camera"],
                ["welfare_recipients"],
            )
        )
    while len(specs) < n:
        kind = rng.random()
        received = now - dt.timedelta(days=rng.uniform(0, 730))
        if kind < 0.45:
            specs.append(
                (
                    "muni",
                    received,
                    random_text(rng),
                    "Gemeente " + rng.choice(MUNICIPALITIES),
                    "municipality",
                    "public",
                    None,
                    None,
                )
            )
        elif kind < 0.95:
            specs.append(
                (
                    "company",
                    received,
                    random_text(rng),
                    rng.choice(COMPANIES),
                    rng.choice(SECTORS_PRIVATE),
                    "private",
                    None,
                    None,
                )
            )
        else:
            specs.append(
                (
                    "person",
                    received,
                    random_text(rng),
                    "mijn buurman",
                    "other",
                    "individual",
                    None,
                    None,
                )
            )
    specs = specs[:n]
    specs.sort(key=lambda s: s[1])

    complaints = []
    results = []
    for i, (_tag, received, text, org, sector, ctype, practices, groups) in enumerate(specs):
        result = triage_result(
            rng, sector=sector, ctype=ctype, name=org, practices=practices, groups=groups
        )
        state = rng.choice(STATES)
        band = result["priority"]["band"]
        complaints.append(
            Complaint(
                reference=f"WH-B-{i:07d}",
                received_at=received,
                channel="import",
                complainant_name=f"Klager {i}",
                complainant_email=f"klager{i % 60000}@example.org",
                organisation_name=org,
                description=text,
                status_token_hash=f"{i:064d}",
                state=state,
                lane=rng.choice(LANES) if state != "received" else "",
                assigned_to=rng.choice(handlers) if rng.random() < 0.6 else None,
                next_deadline=timezone.localdate(received) + dt.timedelta(weeks=8)
                if state not in ("decided", "closed")
                else None,
                triage_status="done",
                band=band,
                band_suggested=band,
                band_rank=BAND_RANK[band],
                score=result["priority"]["score"],
                lane_suggested=result["lane"],
                sector=sector,
                controller_type=ctype,
                category_tags="|" + "|".join(result["categories"]) + "|",
            )
        )
        results.append(result)
    with transaction.atomic():
        created = Complaint.objects.bulk_create(complaints, batch_size=5000)
        TriageRecord.objects.bulk_create(
            [
                TriageRecord(
                    complaint_id=c.pk, engine_version="bench", rules_version="bench", result=r
                )
                for c, r in zip(created, results, strict=True)
            ],
            batch_size=5000,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE intake_complaint c SET current_triage_id = t.id FROM intake_triagerecord t WHERE t.complaint_id = c.id"
            )
        decisions, letters = [], []
        for c in created:
            received_on = timezone.localdate(c.received_at)
            if c.state in ("decided", "closed"):
                decided_on = min(today, received_on + dt.timedelta(days=rng.randint(10, 200)))
                decisions.append(
                    Decision(
                        complaint_id=c.pk,
                        outcome=rng.choice(OUTCOMES),
                        reasons="-",
                        decided_on=decided_on,
                        made_known_on=decided_on,
                        decided_by=lead,
                    )
                )
            if rng.random() < 0.3:
                letters.append(
                    Letter(
                        complaint_id=c.pk,
                        kind=rng.choice(["progress_notice", "decision", "information_request"]),
                        language="nl",
                        recipient="complainant",
                        subject="-",
                        body="-",
                    )
                )
        Decision.objects.bulk_create(decisions, batch_size=5000)
        Letter.objects.bulk_create(letters, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"lead": lead, "rng": rng, "specs": specs, "created": created}


def new_complaint(
    rng, *, text, org, practices, groups, sector="municipality", ctype="public", email=None
):
    from django.utils import timezone

    from waakhond.intake.models import BAND_RANK, Complaint, TriageRecord

    result = triage_result(
        rng, sector=sector, ctype=ctype, name=org, practices=practices, groups=groups
    )
    c = Complaint.objects.create(
        received_at=timezone.now(),
        complainant_name="Nieuw",
        complainant_email=email or f"nieuw{rng.random()}@example.org",
        organisation_name=org,
        description=text,
        status_token_hash="n",
        state="triaged",
        triage_status="done",
        band=result["priority"]["band"],
        band_rank=BAND_RANK[result["priority"]["band"]],
        sector=sector,
        controller_type=ctype,
        category_tags="|" + "|".join(result["categories"]) + "|",
    )
    c.reference = f"WH-N-{c.pk:07d}"
    record = TriageRecord.objects.create(
        complaint=c, engine_version="bench", rules_version="bench", result=result
    )
    c.current_triage = record
    c.save()
    return c


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - started


def main() -> int:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument(
        "--server", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="Reuse a database kept by an earlier run (--keep); time only the checks and the pages.",
    )
    args = parser.parse_args()

    if args.pages_only:
        os.environ["DATABASE_URL"] = f"{args.server}/{DB_NAME}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    else:
        setup_database(args.server, args.complaints)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from waakhond.insights.models import ComplaintIndex, DuplicateGroup, Pattern
    from waakhond.insights.services import (
        insights_index_all,
        insights_index_complaint,
        patterns_rebuild,
    )

    call_command("migrate", verbosity=0)
    if args.pages_only:
        from django.contrib.auth import get_user_model

        print(
            f"Insights at scale: the kept database {DB_NAME} ({ComplaintIndex.objects.count():,} complaints)"
        )
        data = {"lead": get_user_model().objects.get(username="bench_lead")}
        new_ids: list[tuple[str, int]] = []
    else:
        print(f"Insights at scale: {args.complaints:,} complaints in PostgreSQL ({DB_NAME})")
        data, seconds = timed(make_complaints, args.complaints)
        print(
            f"  setup: bulk-created complaints, triage records, decisions and letters in {seconds:.1f} s"
        )
        report, seconds = timed(insights_index_all)
        print(
            f"  index all (one pass, bulk):          {seconds:8.1f} s  ({report.indexed:,} complaints)"
        )
        rebuilt, seconds = timed(patterns_rebuild)
        print(
            f"  rebuild all patterns:                {seconds:8.1f} s  ({rebuilt.patterns:,} patterns, "
            f"{rebuilt.memberships:,} memberships, {rebuilt.signals_raised} signals)  target < 60 s"
        )
        _again, seconds = timed(patterns_rebuild)
        print(f"  rebuild all patterns again:          {seconds:8.1f} s")

        rng = data["rng"]
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        kinds = []
        for i in range(52):
            if i % 4 == 0:
                kinds.append(
                    (
                        "campaign, identical",
                        dict(
                            text=CAMPAIGN_TEXT,
                            org="Gemeente Zeewolde",
                            practices=["camera"],
                            groups=["welfare_recipients"],
                        ),
                    )
                )
            elif i % 4 == 1:
                kinds.append(
                    (
                        "campaign, edited",
                        dict(
                            text=CAMPAIGN_TEXT.replace(
                                "Ik sluit", f"Mijn naam is Persoon {i}. Ik sluit"
                            ),
                            org="gem. Zeewolde",
                            practices=["camera", "audio_recording"],
                            groups=["welfare_recipients"],
                        ),
                    )
                )
            elif i % 4 == 2:
                kinds.append(
                    (
                        "new text",
                        dict(
                            text=random_text(rng),
                            org="Gemeente " + rng.choice(MUNICIPALITIES),
                            practices=None,
                            groups=None,
                        ),
                    )
                )
            else:
                kinds.append(
                    (
                        "no text",
                        dict(
                            text="Zie bijlage.",
                            org=rng.choice(COMPANIES),
                            practices=[],
                            groups=[],
                            sector="retail",
                            ctype="private",
                        ),
                    )
                )
        timings: dict[str, list[float]] = {}
        all_times = []
        new_ids = []
        for label, kw in kinds:
            c = new_complaint(rng, **kw)
            new_ids.append((label, c.pk))
            _entry, seconds = timed(insights_index_complaint, complaint=c)
            timings.setdefault(label, []).append(seconds)
            all_times.append(seconds)
        all_times.sort()
        p95 = all_times[int(0.95 * (len(all_times) - 1))]
        print(
            f"  link one new complaint (n={len(all_times)}):   median {1000 * statistics.median(all_times):6.1f} ms, "
            f"p95 {1000 * p95:6.1f} ms, max {1000 * all_times[-1]:6.1f} ms  target < 200 ms"
        )
        for label, values in timings.items():
            print(
                f"      {label:<22} median {1000 * statistics.median(values):6.1f} ms, max {1000 * max(values):6.1f} ms"
            )

    # Grouping checks
    campaign_groups = (
        ComplaintIndex.objects.filter(
            complaint__description=CAMPAIGN_TEXT, complaint__reference__startswith="WH-B-"
        )
        .values_list("group_id", flat=True)
        .distinct()
    )
    campaign_group = DuplicateGroup.objects.get(pk=list(campaign_groups)[0])
    new_in_campaign = ComplaintIndex.objects.filter(
        pk__in=[pk for label, pk in new_ids if label.startswith("campaign")], group=campaign_group
    ).count()
    no_text_grouped = ComplaintIndex.objects.filter(
        worth_comparing=False, group__isnull=False
    ).count()
    dronten_keys = set(
        ComplaintIndex.objects.filter(
            complaint__organisation_name__in=DRONTEN_SPELLINGS
        ).values_list("org_key", flat=True)
    )
    person_patterns = Pattern.objects.filter(key__contains="buurman").count()
    recording = Pattern.objects.get(key="practice:recording:g-welfare_recipients")
    dronten_pattern = Pattern.objects.get(key="org:n:dronten")
    print("  grouping checks:")
    print(
        f"      campaign of 5,000 identical: {len(campaign_groups)} group(s), size {campaign_group.size:,} "
        f"(new campaign complaints that joined: {new_in_campaign} of {sum(1 for label, _ in new_ids if label.startswith('campaign'))})"
    )
    print(f"      complaints without text worth comparing in a group: {no_text_grouped}")
    print(
        f"      Dronten spelled 20 ways -> organisation keys: {sorted(dronten_keys)} (pattern: {dronten_pattern.member_count} complaints)"
    )
    print(f"      patterns about a private person: {person_patterns}")
    print(
        f"      recording x welfare recipients: {recording.member_count:,} complaints at {recording.organisation_count} organisations, "
        f"signal {'raised' if recording.threshold_crossed else 'not raised'}"
    )
    ok = (
        len(campaign_groups) == 1
        and campaign_group.size >= 5000
        and no_text_grouped == 0
        and dronten_keys == {"n:dronten"}
        and person_patterns == 0
    )

    # Pages
    client = Client()
    client.force_login(data["lead"])
    biggest = Pattern.objects.order_by("-member_count").first()
    pages = [
        ("dashboard overview", reverse("insights:dashboard")),
        ("intake", reverse("insights:page", args=["intake"])),
        ("backlog and deadlines", reverse("insights:page", args=["backlog"])),
        ("timeliness and outcomes", reverse("insights:page", args=["outcomes"])),
        (
            "intake, sector filter",
            reverse("insights:page", args=["intake"]) + "?sector=municipality&lane=investigate",
        ),
        ("patterns list", reverse("insights:patterns")),
        ("pattern: recording", reverse("insights:pattern", args=[recording.pk])),
        (
            f"pattern: largest ({biggest.member_count:,})",
            reverse("insights:pattern", args=[biggest.pk]),
        ),
        ("capacity forecast", reverse("insights:forecast")),
        ("CSV export (art78)", reverse("insights:export", args=["art78"])),
        ("public statistics", reverse("statistics:index")),
    ]
    print("  pages through the test client (first request, then a second):")
    slowest = 0.0
    for label, url in pages:
        response, first = timed(client.get, url)
        assert response.status_code == 200, (url, response.status_code)
        _r, second = timed(client.get, url)
        slowest = max(slowest, first)
        print(f"      {label:<32} {1000 * first:7.0f} ms  {1000 * second:7.0f} ms")
    print(f"  slowest page: {1000 * slowest:.0f} ms  target < 1000 ms")
    sector_report, seconds = timed(
        client.get, reverse("insights:sector_report", args=[recording.pk])
    )
    print(
        f"  sector report PDF (recording pattern, {recording.member_count:,} complaints, campaign folded): {seconds:.1f} s, "
        f"{len(sector_report.content) // 1024} KB"
    )
    print(f"  grouping right: {'yes' if ok else 'NO'}")
    if not args.keep:
        drop_database(args.server)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
