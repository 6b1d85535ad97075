"""What the insights index reads out of a triage result, and the pattern keys it derives.

Why this module exists: patterns and "why similar" rest on the facts the triage found, not on
shared words. This module turns one stored triage result (the JSON of
``waakhond.triage.types.TriageResult``) into a few plain sets, and those sets into the keys of
the patterns a complaint belongs to. No database access: the services store what it returns.

Pattern keys (one complaint can be in several patterns)
    * ``org:<organisation key>`` — complaints about one organisation. Not for complaints about
      a private person (their name is personal data) or with no organisation at all.
    * ``practice:<family>:g-<group>`` — one practice family (see ``PRACTICE_FAMILIES``) done
      to one vulnerable group, across organisations: e.g. recording (camera or audio) of
      welfare recipients. A complaint that names no vulnerable group is keyed by its sector
      instead: ``practice:<family>:s-<sector>`` (fingerprint clocks at employers).
    * ``sector:<sector>:<category>`` — one topic (triage category) in one sector.
    Complaints about private persons (doorbell cameras of neighbours) are in no pattern: they
    are not a policy problem of an organisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Triage practice values -> the family a team lead sees as one practice.
PRACTICE_FAMILY_OF = {
    "camera": "recording",
    "audio_recording": "recording",
    "biometric_identification": "biometrics",
    "time_clock": "time_clock",
    "tracking": "monitoring",
    "covert": "monitoring",
    "iot": "monitoring",
    "profiling": "profiling",
    "algorithm": "profiling",
    "automated_decision": "profiling",
    "fraud_detection": "profiling",
    "data_matching": "profiling",
    "blacklist": "profiling",
    "sharing_third_party": "sharing",
    "publication": "publication",
    "direct_marketing": "marketing",
    "cookies": "marketing",
    "data_breach": "breach",
    "processor_no_agreement": "processor",
    "processor_backdated": "processor",
}

# Fact kinds whose labels summarise a complaint in reports and the similar panel. Labels come
# from the rules (never from the complainant's words), so they carry no personal data.
SUMMARY_KINDS = (
    "practice",
    "vulnerable_group",
    "special_category",
    "identifier",
    "data_type",
    "coercion",
    "duration",
    "scale",
    "ongoing",
    "ended",
)


def _codes(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(sorted({str(v) for v in values if v not in (None, "", False)}))


def pipe(values: Iterable[str]) -> str:
    """'|a|b|': a plain text column that filters the same on SQLite and PostgreSQL."""
    values = list(values)
    return "|" + "|".join(values) + "|" if values else ""


def unpipe(text: str) -> tuple[str, ...]:
    return tuple(v for v in (text or "").split("|") if v)


@dataclass(frozen=True)
class ComplaintFacts:
    practices: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    specials: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    sector: str = ""
    controller_type: str = ""
    controller_name: str = ""
    # {kind: {value: {"nl": ..., "en": ...}}} for SUMMARY_KINDS
    labels: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)


def facts_from_triage(
    result: dict[str, Any] | None, *, sector: str = "", controller_type: str = ""
) -> ComplaintFacts:
    """Read the sets the index needs from a stored triage result (missing parts are empty)."""
    result = result or {}
    facts = [f for f in result.get("facts") or [] if isinstance(f, dict)]
    practices = _codes(f.get("value") for f in facts if f.get("kind") == "practice")
    groups = _codes(
        [
            *(result.get("vulnerable_groups") or []),
            *(f.get("value") for f in facts if f.get("kind") == "vulnerable_group"),
        ]
    )
    specials = _codes(
        [
            *(result.get("special_categories") or []),
            *(f.get("value") for f in facts if f.get("kind") == "special_category"),
        ]
    )
    categories = _codes(result.get("categories") or [])
    controller = result.get("controller") or {}
    labels: dict[str, dict[str, dict[str, str]]] = {}
    for f in facts:
        kind = f.get("kind")
        if kind not in SUMMARY_KINDS or not isinstance(f.get("label"), dict):
            continue
        # Facts such as scale or duration carry a value from the text (a number, a year);
        # keyed by kind only, so the label (the rule's words) is all that is kept.
        key = (
            str(f.get("value"))
            if kind
            in {"practice", "vulnerable_group", "special_category", "identifier", "data_type"}
            else kind
        )
        labels.setdefault(kind, {})[key] = {
            "nl": str(f["label"].get("nl", "")),
            "en": str(f["label"].get("en", "")),
        }
    return ComplaintFacts(
        practices=practices,
        families=_codes(PRACTICE_FAMILY_OF.get(p, p) for p in practices),
        groups=groups,
        specials=specials,
        categories=categories,
        sector=str(controller.get("sector") or sector or ""),
        controller_type=str(controller.get("type") or controller_type or ""),
        controller_name=str(controller.get("name") or ""),
        labels=labels,
    )


def pattern_keys(
    *,
    org_key: str,
    controller_type: str,
    families: Iterable[str],
    groups: Iterable[str],
    sector: str,
    categories: Iterable[str],
) -> list[str]:
    """The keys of every pattern a complaint belongs to (see the module docstring)."""
    if controller_type == "individual":
        return []
    keys = []
    if org_key:
        keys.append(f"org:{org_key}")
    groups = list(groups)
    # "other" (or no sector) is the absence of a sector, not a group of organisations: grouping
    # on it would join unrelated organisations and raise signals nobody can act on.
    known_sector = sector if sector and sector != "other" else ""
    for family in families:
        contexts = [f"g-{g}" for g in groups] or ([f"s-{known_sector}"] if known_sector else [])
        keys.extend(f"practice:{family}:{context}" for context in contexts)
    if known_sector:
        keys.extend(f"sector:{known_sector}:{c}" for c in categories if c != "other")
    return keys


def similarity_features(*, org_key: str, controller_type: str, facts: ComplaintFacts) -> list[str]:
    """Features for "similar complaints": shared facts, each a short code."""
    features = []
    if org_key and controller_type != "individual":
        features.append(f"org:{org_key}")
    features.extend(f"pr:{p}" for p in facts.practices)
    features.extend(f"vg:{g}" for g in facts.groups)
    features.extend(f"sc:{s}" for s in facts.specials)
    if facts.sector:
        features.append(f"sector:{facts.sector}")
    return features


# How much a shared feature counts when ranking similar complaints. A shared sector alone
# never makes two complaints similar (see MIN_SHARED_SCORE).
FEATURE_WEIGHTS = {"org": 3.0, "pr": 2.0, "sc": 1.5, "vg": 1.0, "sector": 0.5}
MIN_SHARED_SCORE = 1.0


def feature_weight(feature: str) -> float:
    return FEATURE_WEIGHTS.get(feature.split(":", 1)[0], 0.5)
