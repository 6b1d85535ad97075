"""Builders of insights test data: complaints with a triage result that names facts.

`complaint(...)` files a complaint row and records a triage result through the intake service
(`complaint_record_triage`), the same path production takes. Traits are keyword arguments:
`practices`, `groups`, `specials`, `categories`, `sector`, `controller_type`.
"""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from waakhond.intake.models import Complaint
from waakhond.intake.services import complaint_record_triage

_numbers = itertools.count(1)

LABELS = {
    ("practice", "camera"): ("Camerabeelden of cameratoezicht", "Camera recording or CCTV"),
    ("practice", "audio_recording"): (
        "Geluidsopnamen van gesprekken",
        "Audio recording of conversations",
    ),
    ("practice", "biometric_identification"): (
        "Biometrische identificatie",
        "Biometric identification",
    ),
    ("practice", "time_clock"): ("Prikklok", "Time clock"),
    ("practice", "direct_marketing"): ("Direct marketing", "Direct marketing"),
    ("practice", "data_breach"): ("Datalek", "Data breach"),
    ("vulnerable_group", "welfare_recipients"): ("Uitkeringsgerechtigden", "Welfare recipients"),
    ("vulnerable_group", "employees"): ("Werknemers", "Employees"),
    ("special_category", "health"): ("Gegevens over gezondheid", "Data concerning health"),
    ("special_category", "biometric"): ("Biometrische gegevens", "Biometric data"),
}

RECORDING_TEXT = (
    "De gemeente neemt alle gesprekken over mijn bijstandsuitkering op met een camera en "
    "een microfoon. Niemand heeft mij gevraagd of dat mocht en ik weet niet hoe lang de "
    "opnames bewaard worden. Als ik weiger krijg ik geen uitkering, zeggen ze."
)


def fact(kind: str, value: str, *, evidence: str = "") -> dict:
    nl, en = LABELS.get((kind, value), (value, value))
    return {
        "id": f"f-{kind}-{value}",
        "kind": kind,
        "value": value,
        "rule_id": f"{kind}.{value}",
        "label": {"nl": nl, "en": en},
        "evidence": [{"start": 0, "end": len(evidence), "text": evidence}] if evidence else [],
    }


def triage_result(
    *,
    practices=(),
    groups=(),
    specials=(),
    categories=("other",),
    sector="municipality",
    controller_type="public",
    controller_name=None,
    band="high",
    lane="investigate",
) -> dict:
    facts = [fact("practice", p) for p in practices]
    facts += [fact("vulnerable_group", g) for g in groups]
    facts += [fact("special_category", s) for s in specials]
    return {
        "id": "t",
        "language": "nl",
        "articles": [],
        "article_reasons": [],
        "categories": list(categories),
        "special_categories": list(specials),
        "vulnerable_groups": list(groups),
        "controller": {"name": controller_name, "type": controller_type, "sector": sector},
        "priority": {"band": band, "score": 70},
        "lane": lane,
        "facts": facts,
        "version": {"engine": "test", "rules": "test"},
    }


def complaint(
    *,
    text: str = RECORDING_TEXT,
    organisation: str = "Gemeente Dronten",
    email: str | None = None,
    name: str = "Jan Jansen",
    received_at=None,
    days_ago: float | None = None,
    triage: bool = True,
    **traits,
) -> Complaint:
    number = next(_numbers)
    if received_at is None:
        received_at = timezone.now() - dt.timedelta(
            days=days_ago if days_ago is not None else 1, minutes=number
        )
    c = Complaint.objects.create(
        received_at=received_at,
        complainant_name=name,
        complainant_email=email or f"klager{number}@example.org",
        organisation_name=organisation,
        description=text,
        status_token_hash=f"h{number}",
        next_deadline=timezone.localdate(received_at) + dt.timedelta(weeks=8),
    )
    c.reference = f"WH-T-{c.pk:06d}"
    c.save(update_fields=["reference"])
    if triage:
        c = complaint_record_triage(complaint=c, result=triage_result(**traits))
    return c


def user(username: str, *roles: str):
    u = get_user_model().objects.create_user(username=username, password="a-long-test-password-1")
    for role in roles:
        u.groups.add(Group.objects.get(name=role))
    return u
