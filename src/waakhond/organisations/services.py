"""Loading the register from its data files (idempotent: run it again after an update)."""

import csv
from pathlib import Path

from django.db import transaction

from .models import Organisation
from .selectors import normalise_name

DATA_DIR = Path(__file__).resolve().parent / "data"


def _search_names(name: str, aliases: list[str]) -> str:
    keys = {normalise_name(n) for n in [name, *aliases] if n}
    return "|" + "|".join(sorted(k for k in keys if k)) + "|"


def organisations_load_register() -> int:
    """Create or update the municipalities and public bodies; returns how many rows."""
    rows: list[tuple[str, list[str], str, str, str]] = []
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row.get("name"):
                continue
            aliases = [a for a in (row.get("aliases") or "").split("|") if a]
            rows.append((row["name"], aliases, "public", "municipality", row.get("code") or ""))
    with open(DATA_DIR / "public_bodies.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases = [a for a in (row.get("aliases") or "").split("|") if a]
            rows.append((row["name"], aliases, row["type"], row["sector"], ""))
    with transaction.atomic():
        for name, aliases, org_type, sector, code in rows:
            Organisation.objects.update_or_create(
                name=name,
                defaults={
                    "aliases": aliases,
                    "type": org_type,
                    "sector": sector,
                    "cbs_code": code,
                    "search_names": _search_names(name, aliases),
                },
            )
    return len(rows)
