"""What the status page shows, and what it keeps to itself."""

import datetime as dt

import pytest

from django.test import Client
from django.utils import timezone

from waakhond.accounts.roles import INTAKE_OFFICER
from waakhond.cases.models import Letter
from waakhond.intake.services import complaint_set_priority

from ..factories import case_decided, case_in_lane, fresh, handler_user, opened, staff_user

pytestmark = pytest.mark.django_db


def _page(client, complaint) -> str:
    response = client.get(f"/status/{complaint.reference}/")
    assert response.status_code == 200
    return response.content.decode()


class TestTriageReasons:
    def test_hidden_until_a_person_confirmed_the_priority(self):
        complaint = case_in_lane()
        client = Client()
        opened(client, complaint)

        before = _page(client, complaint)

        assert "Hoe wij uw klacht hebben beoordeeld" not in before
        assert "Jarenlang gefilmd." not in before

        complaint_set_priority(
            complaint=fresh(complaint), actor=staff_user(INTAKE_OFFICER), band="high"
        )
        after = _page(client, complaint)

        assert "Hoe wij uw klacht hebben beoordeeld" in after
        assert "Wij geven uw klacht een hoge prioriteit." in after
        assert "Hoe erg zijn de gevolgen voor de mensen om wie het gaat?" in after
        assert "Hoe belangrijk is dit voor de samenleving?" in after
        assert "Kunnen wij hier met ons optreden echt iets aan veranderen?" in after
        assert "Jarenlang gefilmd." in after
        # Never the raw score.
        assert "85" not in after.split('id="priority"')[1].split("</section>")[0]

    def test_reasons_follow_the_page_language(self):
        complaint = case_in_lane()
        complaint_set_priority(complaint=complaint, actor=staff_user(INTAKE_OFFICER), band="high")
        client = Client()
        opened(client, complaint)
        client.cookies["django_language"] = "en"

        page = _page(client, complaint)

        assert "Filmed for years." in page
        assert "Jarenlang gefilmd." not in page
        assert "How we assessed your complaint" in page
        assert "How important is this for society?" in page


class TestTimelineAndDeadline:
    def test_history_in_plain_words_without_staff_names_or_their_reasons(self):
        handler = handler_user(username="mr-jansen")
        complaint = case_in_lane(handler=handler)
        client = Client()
        opened(client, complaint)

        page = _page(client, complaint)

        assert "Wij hebben uw klacht ontvangen." in page
        assert "Een medewerker behandelt uw klacht." in page
        assert "mr-jansen" not in page
        assert "system" not in page

    def test_the_next_deadline_says_what_it_means(self):
        complaint = case_in_lane()
        client = Client()
        opened(client, complaint)

        page = _page(client, complaint)

        assert "een besluit (Algemene wet bestuursrecht, artikel 4:13)" in page
        assert "Lukt dat niet, dan laten wij het u voor die datum weten." in page
        assert "Hoe hebben wij deze datum berekend?" in page


class TestLetters:
    def test_the_decision_letter_is_listed_and_downloads_as_pdf(self):
        complaint = case_decided()
        client = Client()
        opened(client, complaint)
        letter = Letter.objects.get(complaint=complaint, kind="decision")

        page = _page(client, complaint)
        response = client.get(f"/status/{complaint.reference}/brieven/{letter.pk}/pdf/")

        assert f"/status/{complaint.reference}/brieven/{letter.pk}/pdf/" in page
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")

    def test_letters_not_for_the_complainant_and_letters_of_other_complaints_do_not_open(self):
        complaint = case_decided()
        other = case_decided()
        client = Client()
        opened(client, complaint)
        hidden = Letter.objects.get(complaint=complaint, kind="decision")
        Letter.objects.filter(pk=hidden.pk).update(visible_to_complainant=False)
        others = Letter.objects.get(complaint=other, kind="decision")

        for letter in (hidden, others):
            response = client.get(f"/status/{complaint.reference}/brieven/{letter.pk}/pdf/")
            assert response.status_code == 404


class TestWithdraw:
    def test_withdrawing_asks_for_confirmation_first(self):
        complaint = case_in_lane()
        client = Client()
        opened(client, complaint)

        confirm = client.get(f"/status/{complaint.reference}/intrekken/")
        unconfirmed = client.post(f"/status/{complaint.reference}/intrekken/", {"reason": ""})

        assert "Wilt u uw klacht intrekken?" in confirm.content.decode()
        assert unconfirmed.status_code == 400
        assert "Vink het vakje aan" in unconfirmed.content.decode()
        assert fresh(complaint).state == "in_lane"

    def test_withdrawal_sets_the_state_appends_history_and_is_logged(self):
        from waakhond.audit.models import AuditEvent
        from waakhond.intake.models import StatusChange

        complaint = case_in_lane()
        client = Client()
        opened(client, complaint)
        lines_before = StatusChange.objects.filter(complaint=complaint).count()

        response = client.post(
            f"/status/{complaint.reference}/intrekken/", {"confirm": "on", "reason": "Opgelost."}
        )

        assert response.status_code == 302
        assert fresh(complaint).state == "withdrawn"
        lines = StatusChange.objects.filter(complaint=complaint).order_by("id")
        assert lines.count() == lines_before + 1
        assert (lines.last().to_state, lines.last().actor_label) == ("withdrawn", "complainant")
        assert AuditEvent.objects.filter(
            event_type="portal.withdrawn", object_id=str(complaint.pk)
        ).exists()
        page = _page(client, complaint)
        assert "Uw klacht is ingetrokken." in page
        assert f"/status/{complaint.reference}/intrekken/" not in page


class TestObjection:
    def test_within_the_period_an_objection_opens_a_linked_case(self):
        from waakhond.cases.models import Objection

        complaint = case_decided()
        client = Client()
        opened(client, complaint)

        page = _page(client, complaint)
        assert "Bezwaar maken" in page
        response = client.post(
            f"/status/{complaint.reference}/bezwaar/",
            {"grounds": "Het filmen gaat gewoon door."},
        )

        link = Objection.objects.get(decision__complaint=complaint)
        assert response.status_code == 302
        assert response["Location"] == f"/status/{link.case.reference}/bezwaar/ontvangen/"
        received = client.get(response["Location"]).content.decode()
        assert "Wij hebben uw bezwaar ontvangen" in received
        assert link.case.reference in received
        assert "artikel 7:10" in received
        assert link.case.state == "objection"
        assert link.grounds == "Het filmen gaat gewoon door."

    def test_after_the_period_the_objection_is_refused_with_an_explanation(self):
        from waakhond.cases.models import Decision, Objection

        complaint = case_decided(received_days_ago=100)
        made_known = timezone.localdate() - dt.timedelta(weeks=8)
        Decision.objects.filter(complaint=complaint).update(
            decided_on=made_known, made_known_on=made_known
        )
        client = Client()
        opened(client, complaint)

        page = _page(client, complaint)
        form = client.get(f"/status/{complaint.reference}/bezwaar/").content.decode()
        posted = client.post(
            f"/status/{complaint.reference}/bezwaar/", {"grounds": "Toch bezwaar."}
        )

        assert 'id="objection-button"' not in page
        for body in (page, form, posted.content.decode()):
            assert "Die termijn van zes weken is voorbij" in body
            assert "artikel 6:11" in body
        assert not Objection.objects.exists()

    def test_no_objection_page_before_a_decision(self):
        complaint = case_in_lane()
        client = Client()
        opened(client, complaint)

        response = client.get(f"/status/{complaint.reference}/bezwaar/")

        assert response.status_code == 302
        assert "Bezwaar maken" not in _page(client, complaint)
