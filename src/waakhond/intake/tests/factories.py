"""Builders of intake test data: answers that pass, sample files, a triage result."""

import io
import zipfile

from waakhond.intake.services import ComplaintSubmission

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    + b"\x00" * 64
    + b"This program cannot be run in DOS mode."
)


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = make_zip(
    {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
)


def triage_result(band: str = "high") -> dict:
    """The shape of `TriageResult.to_dict()` that `complaint_record_triage` reads."""
    return {
        "version": {"engine": "test", "rules": "test"},
        "priority": {"band": band, "score": 80},
        "lane": "investigate",
        "controller": {"sector": "municipality", "type": "public"},
        "categories": ["camera_surveillance"],
    }


def submission(**overrides) -> ComplaintSubmission:
    values = {
        "description": "De gemeente filmt al mijn gesprekken aan de balie zonder dat te vragen.",
        "organisation_name": "Gemeente Dronten",
        "complainant_name": "Fatima de Vries",
        "complainant_email": "fatima@example.org",
    }
    values.update(overrides)
    return ComplaintSubmission(**values)


def form_data(**overrides) -> dict:
    """What a complainant types into the web form, as POST data."""
    data = {
        "complainant_name": "Fatima de Vries",
        "complainant_email": "fatima@example.org",
        "complainant_phone": "",
        "complainant_address": "",
        "language": "nl",
        "representative": "self",
        "represented_person": "",
        "representative_body": "",
        "organisation_name": "Gemeente Dronten",
        "description": "De gemeente filmt al mijn gesprekken aan de balie zonder dat te vragen.",
        "started_on": "2019-05-01",
        "ongoing": "yes",
        "data_concerned": "Camerabeelden en geluid",
        "contacted_organisation": "no",
        "contacted_on": "",
        "organisation_response": "",
        "desired_outcome": "Dat de opnames stoppen.",
        "submission_key": "k" * 43,
    }
    data.update(overrides)
    return data


def api_payload(**overrides) -> dict:
    payload = {
        "description": "The municipality records every conversation at the counter.",
        "organisation_name": "Gemeente Dronten",
        "complainant_name": "Fatima de Vries",
        "complainant_email": "fatima@example.org",
    }
    payload.update(overrides)
    return payload
