"""Revoking a status link and issuing a new one."""

import pytest

from waakhond.accounts.access import PermissionDenied
from waakhond.audit.models import AuditEvent
from waakhond.intake.models import Complaint
from waakhond.portal.services import portal_issue_new_link, portal_revoke_link

from ..factories import complaint_factory, handler_user, lead_user, staff_user, with_link

pytestmark = pytest.mark.django_db


class TestPortalRevokeLink:
    def test_the_complainant_revokes_their_own_link(self):
        complaint = complaint_factory()
        with_link(complaint)

        portal_revoke_link(complaint=complaint, actor=None, by_complainant=True)

        assert Complaint.objects.get(pk=complaint.pk).status_token_revoked_at is not None
        event = AuditEvent.objects.get(event_type="portal.link.revoked")
        assert event.data == {"by": "complainant"}

    def test_revoking_twice_records_it_once(self):
        complaint = complaint_factory()
        portal_revoke_link(complaint=complaint, actor=lead_user())
        portal_revoke_link(complaint=complaint, actor=lead_user())

        assert AuditEvent.objects.filter(event_type="portal.link.revoked").count() == 1

    def test_someone_without_a_role_on_the_case_may_not_revoke_and_nothing_changes(self):
        complaint = complaint_factory()
        outsider = staff_user()  # logged in, no role
        unassigned_handler = handler_user()  # a handler acts only on cases assigned to them

        for actor in (outsider, unassigned_handler):
            with pytest.raises(PermissionDenied):
                portal_revoke_link(complaint=complaint, actor=actor)

        assert Complaint.objects.get(pk=complaint.pk).status_token_revoked_at is None
        assert not AuditEvent.objects.filter(event_type="portal.link.revoked").exists()


class TestPortalIssueNewLink:
    def test_a_new_link_replaces_the_old_one_and_only_its_hash_is_stored(self):
        complaint = complaint_factory()
        old_hash = Complaint.objects.get(pk=complaint.pk).status_token_hash

        token = portal_issue_new_link(complaint=complaint, actor=lead_user())

        stored = Complaint.objects.get(pk=complaint.pk)
        assert stored.status_token_hash not in (old_hash, token)
        assert token not in str(AuditEvent.objects.filter(object_id=str(complaint.pk)).values())
        assert AuditEvent.objects.filter(event_type="portal.link.issued").count() == 1

    def test_only_staff_on_the_case_issue_links(self):
        complaint = complaint_factory()
        old_hash = complaint.status_token_hash

        with pytest.raises(PermissionDenied):
            portal_issue_new_link(complaint=complaint, actor=staff_user())

        assert Complaint.objects.get(pk=complaint.pk).status_token_hash == old_hash
        assert not AuditEvent.objects.filter(event_type="portal.link.issued").exists()


class TestStatusLinkCommand:
    def test_staff_revoke_and_reissue_from_the_command_line(self):
        from io import StringIO

        from django.core.management import call_command

        complaint = complaint_factory()
        lead = lead_user()
        out = StringIO()

        call_command(
            "status_link", "--reference", complaint.reference, "--by", lead.username,
            "--revoke", stdout=out,
        )  # fmt: skip
        assert Complaint.objects.get(pk=complaint.pk).status_token_revoked_at is not None

        call_command(
            "status_link", "--reference", complaint.reference, "--by", lead.username,
            "--new", stdout=out,
        )  # fmt: skip
        stored = Complaint.objects.get(pk=complaint.pk)
        assert stored.status_token_revoked_at is None
        assert stored.status_token_hash not in out.getvalue()
        assert "/status/" not in out.getvalue()
