"""Test data for the back office, built through the real services.

Traits name states: `complaint_factory(triage="high")` is a complaint triaged into the high band,
`triage=None` one not yet triaged, `triage="failed"` one whose triage failed; `restricted=True`
and `assigned_to=` set access. `triage_result()` builds a result in the engine's JSON shape.
"""

import itertools
from datetime import timedelta

from django.utils import timezone

from waakhond.accounts.services import staff_user_create
from waakhond.intake.models import Complaint
from waakhond.intake.services import (
    ComplaintSubmission,
    complaint_create,
    complaint_record_triage,
    complaint_record_triage_failure,
)

PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)

SCORES = {"high": 85, "medium": 55, "low": 20}
LEVELS = {
    "high": ("high", "high", "medium"),
    "medium": ("medium", "medium", "medium"),
    "low": ("low", "low", "high"),
}

DESCRIPTION = (
    "De gemeente filmt al zeven jaar alle gesprekken met mensen in de bijstand. "
    "Wie weigert krijgt geen uitkering."
)


def staff_user(*roles: str, username: str | None = None, **kwargs):
    """A member of staff with `roles` (none: logged in but not staff)."""
    username = username or f"staff{next(_sequence)}"
    if roles:
        return staff_user_create(username, PASSWORD, roles, **kwargs)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username=username, password=PASSWORD)


def _span(text: str, words: str) -> dict:
    start = text.find(words)
    return {"start": start, "end": start + len(words), "text": words}


def triage_result(
    band: str = "high",
    *,
    text: str = DESCRIPTION,
    score: int | None = None,
    lane: str = "investigate",
    categories: tuple[str, ...] = ("camera_surveillance", "special_categories", "dpia"),
    sector: str = "municipality",
) -> dict:
    """A result in the engine's JSON shape (waakhond.triage.types.TriageResult.to_dict)."""
    affected, societal, effective = LEVELS[band]
    facts = []
    if "filmt" in text:
        facts.append(
            {
                "id": "f1",
                "kind": "practice",
                "value": "camera_recording",
                "rule_id": "practice.camera",
                "label": {"nl": "Camera-opnamen", "en": "Camera recording"},
                "evidence": [_span(text, "filmt")],
            }
        )
    if "al zeven jaar" in text:
        facts.append(
            {
                "id": "f2",
                "kind": "duration",
                "value": "years",
                "rule_id": "duration.years",
                "label": {"nl": "Duurt al jaren", "en": "Going on for years"},
                "evidence": [_span(text, "al zeven jaar")],
            }
        )
    if "bijstand" in text:
        facts.append(
            {
                "id": "f3",
                "kind": "vulnerable_group",
                "value": "welfare_recipients",
                "rule_id": "group.welfare",
                "label": {"nl": "Mensen in de bijstand", "en": "Welfare recipients"},
                "evidence": [_span(text, "mensen in de bijstand")],
            }
        )
    return {
        "id": "test",
        "language": "nl",
        "articles": [6, 35],
        "article_reasons": [
            {
                "article": 35,
                "law": "GDPR",
                "reference": "35(1)",
                "reason": {
                    "nl": "Cameratoezicht op kwetsbare mensen vraagt een DPIA.",
                    "en": "Camera surveillance of vulnerable people needs a DPIA.",
                },
                "fact_ids": ["f1", "f3"],
                "rule_id": "article.35",
            }
        ],
        "categories": list(categories),
        "special_categories": [],
        "vulnerable_groups": ["welfare_recipients"],
        "controller": {
            "name": "Gemeente Dronten",
            "type": "public",
            "sector": sector,
            "matched_by": "form",
            "evidence": [],
        },
        "dpia": {
            "likely_required": True,
            "mandatory": False,
            "ap_list_items": [],
            "art35_3": [],
            "wp248_criteria": [
                {
                    "id": "vulnerable",
                    "label": {"nl": "Kwetsbare betrokkenen", "en": "Vulnerable data subjects"},
                    "fact_ids": ["f3"],
                }
            ],
            "reasons": [
                {"nl": "Twee of meer criteria van WP248.", "en": "Two or more WP248 criteria."}
            ],
        },
        "priority": {
            "score": SCORES[band] if score is None else score,
            "band": band,
            "factors": {
                "affected": {
                    "level": affected,
                    "reasons": [{"nl": "Jarenlang gefilmd.", "en": "Filmed for years."}],
                },
                "societal": {
                    "level": societal,
                    "reasons": [{"nl": "Digitale overheid.", "en": "Digital government."}],
                    "focus_areas": ["digital_government"],
                },
                "effective": {
                    "level": effective,
                    "reasons": [
                        {
                            "nl": "Eén gemeente, duidelijk feit.",
                            "en": "One municipality, a clear fact.",
                        }
                    ],
                },
            },
            "combination": "row-1",
            "combination_reason": {
                "nl": "Ernstig geraakt en maatschappelijk belangrijk.",
                "en": "Badly affected and of societal importance.",
            },
        },
        "lane": lane,
        "lane_reasons": [{"nl": "Structureel en ernstig.", "en": "Structural and serious."}],
        "facts": facts,
        "confidence": 0.8,
        "needs_more_information": False,
        "version": {"engine": "0.1.0", "rules": "2026.1"},
    }


def complaint_factory(
    *,
    triage: str | None = "medium",
    description: str = DESCRIPTION,
    organisation_name: str = "Gemeente Dronten",
    received_days_ago: int = 0,
    restricted: bool = False,
    assigned_to=None,
    result: dict | None = None,
    **fields,
) -> Complaint:
    """A filed complaint; `triage` is "high", "medium", "low", "failed" or None (pending)."""
    number = next(_sequence)
    submission = ComplaintSubmission(
        description=description,
        organisation_name=organisation_name,
        complainant_name=f"Klager {number}",
        complainant_email=f"klager{number}@example.org",
        **fields,
    )
    complaint = complaint_create(
        submission=submission, received_at=timezone.now() - timedelta(days=received_days_ago)
    ).complaint
    if triage == "failed":
        complaint_record_triage_failure(complaint_id=complaint.pk, error="RuntimeError('boom')")
    elif triage:
        complaint_record_triage(
            complaint=complaint, result=result or triage_result(triage, text=description)
        )
    if restricted or assigned_to:
        # No service sets these yet (case assignment belongs to the workflow); tests set them.
        Complaint.objects.filter(pk=complaint.pk).update(
            restricted=restricted, assigned_to=assigned_to
        )
    return Complaint.objects.get(pk=complaint.pk)
