"""Reads of the organisations register."""

import re
import unicodedata

from .models import Organisation

_PREFIXES = re.compile(
    r"^(de\s+)?(gemeente|gem\.?|municipality of|city of|stad)\s+|\s+(gemeente|municipality)$"
)


def normalise_name(name: str) -> str:
    """Lower-case, accents off, 'gemeente'/'gem.' and '(Provincie)' dropped, spaces folded."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"[^a-z0-9'\-/ ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _PREFIXES.sub("", text).strip()


def organisation_match(name: str) -> Organisation | None:
    """The register entry whose name or alias matches what the complainant typed, if any."""
    key = normalise_name(name)
    if not key:
        return None
    return Organisation.objects.filter(search_names__contains=f"|{key}|").first()


def organisation_suggestions(prefix: str, limit: int = 10) -> list[str]:
    key = normalise_name(prefix)
    if len(key) < 2:
        return []
    return list(
        Organisation.objects.filter(search_names__contains=f"|{key}")
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )
