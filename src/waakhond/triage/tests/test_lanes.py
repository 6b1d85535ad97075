"""Lanes and the one-month clock of GDPR Art. 12(3)."""

from datetime import date

import pytest

from waakhond.triage.lanes import add_one_month
from waakhond.triage.tests.cases import DOORBELL_NL, DRONTEN_NL, NEWSLETTER_NL, WEBSHOP_ACCESS_NL

# (text, form fields, lane)
LANE_TABLE = [
    # a rights request never made to the organisation
    (
        "Ik wil dat webshop Kleurrijk mijn gegevens verwijdert. Ik heb ze nog niet gemaild.",
        {},
        "ask_organisation_first",
    ),
    # asked ten days before intake: the month has not passed
    (
        "Ik heb een inzageverzoek gedaan bij mijn bank, nog geen antwoord.",
        {"contacted_on": date(2025, 2, 19)},
        "ask_organisation_first",
    ),
    # asked two months before intake, no answer: a letter from the AP
    (
        "Ik heb een inzageverzoek gedaan bij mijn bank, nog geen antwoord.",
        {"contacted_on": date(2024, 12, 20)},
        "quick_intervention",
    ),
    (WEBSHOP_ACCESS_NL, {}, "quick_intervention"),
    (NEWSLETTER_NL, {}, "quick_intervention"),
    # household: a neighbour's camera on his own door
    (DOORBELL_NL, {}, "out_of_scope"),
    # about the AP itself
    (
        "Ik heb een klacht over de Autoriteit Persoonsgegevens: de AP reageert niet op mijn mails.",
        {},
        "out_of_scope",
    ),
    # Big Tech with an Irish main establishment
    (
        "Facebook weigert mijn account te verwijderen en blijft mijn gegevens gebruiken.",
        {},
        "refer_lead_authority",
    ),
    # not about the complainant's own data
    (
        "Ik wil melden dat een webwinkel de gegevens van klanten openbaar op internet zet. Het gaat niet om mijn gegevens.",
        {},
        "tip",
    ),
    # the Dronten case
    (DRONTEN_NL, {}, "investigate"),
    # not a rights request, but the organisation was never approached: that comes first
    (
        "Mijn coworkingplek vraagt een kopie van mijn paspoort en mijn BSN voor een pasje. "
        "Ik heb ze nog niet gemaild.",
        {},
        "ask_organisation_first",
    ),
    (
        "My neighbour's doorbell camera also films our driveway and front door. "
        "I haven't said anything to him yet.",
        {},
        "ask_organisation_first",
    ),
]


@pytest.mark.parametrize("text,fields,lane", LANE_TABLE)
def test_the_lane_follows_the_intake_rules(run, text, fields, lane):
    result = run(text, **fields)
    assert result["lane"] == lane, result["lane_reasons"]
    assert result["lane_reasons"] and all(r["nl"] and r["en"] for r in result["lane_reasons"])


def test_a_neighbours_camera_that_films_the_street_is_not_household(run):
    text = "De camera van mijn buurman filmt de hele straat en ook mijn tuin."
    result = run(text)
    assert result["lane"] != "out_of_scope"
    assert result["priority"]["band"] == "low"


# (request date, end of the one-month period)
MONTH_TABLE = [
    (date(2025, 1, 15), date(2025, 2, 15)),  # same day next month
    (date(2025, 1, 31), date(2025, 2, 28)),  # no 31 February: last day of the month
    (date(2024, 1, 31), date(2024, 2, 29)),  # leap year
    (date(2024, 12, 10), date(2025, 1, 10)),  # over the year end
]


@pytest.mark.parametrize("asked,deadline", MONTH_TABLE)
def test_the_article_12_3_period_ends_one_calendar_month_later(asked, deadline):
    assert add_one_month(asked) == deadline


def test_the_deadline_is_reported_in_the_lane_reasons(run):
    result = run("Ik heb een inzageverzoek gedaan bij mijn bank.", contacted_on=date(2025, 1, 15))
    assert any("2025-02-15" in r["en"] for r in result["lane_reasons"])


def test_a_relative_date_in_the_text_starts_the_clock(run):
    result = run(
        "Twee maanden geleden heb ik een inzageverzoek gedaan bij mijn verzekeraar. Geen reactie."
    )
    assert result["lane"] == "quick_intervention"
