"""A representative body (GDPR Art. 80) follows the complaints it filed, and nothing else."""

import re
from io import StringIO

import pytest

from django.core.management import call_command
from django.test import Client

from waakhond.portal.models import RepresentativeAccess
from waakhond.portal.services import portal_revoke_link

from .factories import complaint_factory

pytestmark = pytest.mark.django_db

FNV = "klachten@fnv.example"


def _create_link(*args) -> str:
    out = StringIO()
    call_command("create_representative_access", "--name", "FNV", "--email", FNV, *args, stdout=out)
    return out.getvalue()


def _filed_by_fnv(**fields):
    complaint = complaint_factory(representative="representative_body", representative_body="FNV")
    from waakhond.intake.models import Complaint

    Complaint.objects.filter(pk=complaint.pk).update(complainant_email=FNV, **fields)
    return Complaint.objects.get(pk=complaint.pk)


def test_the_command_prints_a_link_once_and_stores_only_its_hash():
    output = _create_link()

    token = re.search(r"/status/organisatie/([^/\s]+)/", output).group(1)
    access = RepresentativeAccess.objects.get()
    assert access.name == "FNV" and access.email == FNV
    assert token not in access.token_hash


def test_dry_run_creates_nothing():
    _filed_by_fnv()
    output = _create_link("--dry-run")

    assert "1 complaint(s)" in output
    assert not RepresentativeAccess.objects.exists()


def test_the_page_lists_only_the_complaints_the_body_filed():
    mine = [_filed_by_fnv(), _filed_by_fnv()]
    # Same address, but filed for oneself: not a representative complaint.
    own = complaint_factory()
    from waakhond.intake.models import Complaint

    Complaint.objects.filter(pk=own.pk).update(complainant_email=FNV)
    # A representative complaint of another body.
    other_body = complaint_factory(representative="representative_body", representative_body="X")
    path = re.search(r"(/status/organisatie/[^/\s]+/)", _create_link()).group(1)
    client = Client()

    response = client.get(path)
    listing = client.get(response["Location"]).content.decode()

    assert response.status_code == 302 and response["Location"] == "/status/organisatie/"
    for complaint in mine:
        assert complaint.reference in listing
        assert client.get(f"/status/{complaint.reference}/").status_code == 200
    for complaint in (own, other_body):
        assert complaint.reference not in listing
        assert client.get(f"/status/{complaint.reference}/").status_code == 404


def test_a_wrong_or_revoked_representative_link_gets_the_same_not_found_page():
    filed = _filed_by_fnv()
    path = re.search(r"(/status/organisatie/[^/\s]+/)", _create_link()).group(1)
    client = Client()
    client.get(path)
    assert client.get(f"/status/{filed.reference}/").status_code == 200

    from django.utils import timezone

    RepresentativeAccess.objects.update(revoked_at=timezone.now())

    assert client.get("/status/organisatie/").status_code == 404
    assert client.get(f"/status/{filed.reference}/").status_code == 404
    assert Client().get(path).status_code == 404
    assert Client().get("/status/organisatie/not-a-token/").status_code == 404


def test_the_complainants_own_revocation_does_not_touch_the_body_link():
    filed = _filed_by_fnv()
    path = re.search(r"(/status/organisatie/[^/\s]+/)", _create_link()).group(1)
    client = Client()
    client.get(path)

    portal_revoke_link(complaint=filed, actor=None, by_complainant=True)

    assert client.get(f"/status/{filed.reference}/").status_code == 200
