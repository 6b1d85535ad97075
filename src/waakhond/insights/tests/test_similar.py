"""Similar complaints: earlier complaints with the shared facts that make them similar."""

import pytest

from waakhond.insights.selectors import similar_complaints
from waakhond.insights.services import insights_index_complaint

from .factories import complaint, user

pytestmark = pytest.mark.django_db


def indexed(**kwargs):
    c = complaint(**kwargs)
    insights_index_complaint(complaint=c)
    return c


def text(n):
    return " ".join(f"tekst{n}w{i}" for i in range(20))


def test_an_earlier_complaint_with_the_same_practice_elsewhere_is_similar_and_says_why():
    earlier = indexed(
        organisation="Gemeente Almere",
        text=text(1),
        days_ago=30,
        practices=("camera",),
        groups=("welfare_recipients",),
    )
    indexed(
        organisation="Bakkerij Jansen",
        text=text(2),
        days_ago=20,
        sector="retail",
        controller_type="private",
        practices=("direct_marketing",),
    )
    current = indexed(
        organisation="Gemeente Dronten",
        text=text(3),
        days_ago=1,
        practices=("camera",),
        groups=("welfare_recipients",),
    )
    result = similar_complaints(current)
    assert [r.complaint.pk for r in result] == [earlier.pk]
    reasons = " ".join(result[0].reasons)
    assert "Camerabeelden of cameratoezicht" in reasons
    assert "Uitkeringsgerechtigden" in reasons


def test_the_same_organisation_ranks_first():
    practice_only = indexed(
        organisation="Gemeente Almere", text=text(1), days_ago=5, practices=("camera",)
    )
    same_org = indexed(
        organisation="gem. Dronten", text=text(2), days_ago=10, practices=("camera",)
    )
    current = indexed(
        organisation="Gemeente Dronten", text=text(3), days_ago=1, practices=("camera",)
    )
    result = similar_complaints(current)
    assert [r.complaint.pk for r in result] == [same_org.pk, practice_only.pk]
    assert result[0].reasons[0].startswith("Zelfde organisatie")


def test_only_a_shared_sector_is_not_similar_and_later_complaints_are_not_listed():
    indexed(organisation="Gemeente Almere", text=text(1), days_ago=5, practices=("data_breach",))
    current = indexed(
        organisation="Gemeente Dronten", text=text(2), days_ago=3, practices=("camera",)
    )
    indexed(organisation="Gemeente Dronten", text=text(3), days_ago=1, practices=("camera",))
    assert similar_complaints(current) == []


def test_a_restricted_complaint_is_not_shown_to_a_handler_it_is_not_assigned_to():
    hidden = indexed(
        organisation="Gemeente Dronten", text=text(1), days_ago=5, practices=("camera",)
    )
    hidden.restricted = True
    hidden.save(update_fields=["restricted"])
    current = indexed(
        organisation="Gemeente Dronten", text=text(2), days_ago=1, practices=("camera",)
    )
    handler = user("handler", "case_handler")
    lead = user("lead", "team_lead")
    assert similar_complaints(current, viewer=handler) == []
    assert [r.complaint.pk for r in similar_complaints(current, viewer=lead)] == [hidden.pk]


def test_the_panel_renders_with_the_template_tag(rf):
    from django.template import Context, Template

    earlier = indexed(
        organisation="Gemeente Almere", text=text(1), days_ago=5, practices=("camera",)
    )
    current = indexed(
        organisation="Gemeente Dronten", text=text(2), days_ago=1, practices=("camera",)
    )
    request = rf.get("/")
    request.user = user("lead", "team_lead")
    html = Template("{% load insights_tags %}{% similar_panel complaint %}").render(
        Context({"complaint": current, "request": request})
    )
    assert earlier.reference in html and "Vergelijkbare klachten" in html
