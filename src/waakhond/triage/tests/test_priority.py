"""Priority: three separate judgements, a decision table, the seeds high and routine work low."""

from datetime import date

import pytest

from waakhond.triage.priority import combine
from waakhond.triage.rules import load_rules
from waakhond.triage.tests.cases import (
    DOORBELL_NL,
    DRONTEN_EN,
    DRONTEN_NL,
    GRONINGEN_NL,
    NEWSLETTER_NL,
    NISSEWAARD_NL,
    WEBSHOP_ACCESS_NL,
)

SEEDS = [DRONTEN_NL, DRONTEN_EN, NISSEWAARD_NL, GRONINGEN_NL]
ROUTINE = [WEBSHOP_ACCESS_NL, NEWSLETTER_NL, DOORBELL_NL]


@pytest.mark.parametrize("text", SEEDS)
def test_the_motivating_cases_told_by_a_complainant_land_in_the_high_band(run, text):
    p = run(text)["priority"]
    assert p["band"] == "high"
    assert p["factors"]["affected"]["level"] == "high"
    assert p["factors"]["societal"]["level"] == "high"
    for factor in p["factors"].values():
        assert factor["reasons"] and all(r["nl"] and r["en"] for r in factor["reasons"])


def test_the_seeds_rank_above_every_routine_complaint(run):
    lowest_seed = min(run(t)["priority"]["score"] for t in SEEDS)
    for text in ROUTINE:
        p = run(text)["priority"]
        assert p["band"] == "low"
        assert p["score"] < lowest_seed


def test_nissewaard_stays_high_although_the_practice_ended(run):
    p = run(NISSEWAARD_NL)["priority"]
    assert p["factors"]["effective"]["level"] == "low"
    assert p["band"] == "high"
    assert "kept" in p["combination"]


# the decision table, row by row: (a, b, c) -> band
COMBINATION_TABLE = [
    ("high", "high", "low", "high"),  # a and b high: c never drops it (motivating cases)
    ("high", "medium", "medium", "high"),  # one factor high, the other raised
    ("high", "medium", "low", "medium"),  # ... but a low c lowers it one step
    ("medium", "high", "high", "high"),
    ("high", "low", "high", "medium"),  # high effect on one person, no wider significance
    ("medium", "medium", "high", "medium"),  # c high never raises a band
    ("medium", "low", "medium", "medium"),
    ("low", "high", "medium", "medium"),
    ("low", "medium", "high", "low"),
    ("low", "low", "low", "low"),  # cannot go below low
]


@pytest.mark.parametrize("a,b,c,band", COMBINATION_TABLE)
def test_the_band_is_read_from_the_decision_table_not_summed(a, b, c, band):
    got, rule_id, reason = combine(a, b, c, load_rules().priority["combination"])
    assert got == band
    assert rule_id.startswith("table[")
    assert reason["nl"] and reason["en"]


def test_the_score_never_leaves_its_band(run):
    floors = {"low": (0, 33), "medium": (34, 66), "high": (67, 100)}
    for text in SEEDS + ROUTINE:
        p = run(text)["priority"]
        lo, hi = floors[p["band"]]
        assert lo <= p["score"] <= hi


# focus areas by intake date: (date, focus area expected for a municipal camera complaint)
FOCUS_TABLE = [
    (date(2019, 6, 1), "government_and_health"),  # Toezichtskader 2018
    (date(2021, 6, 1), "digital_government"),  # Focus AP 2020-2023
    (date(2024, 6, 1), "freedom_and_security"),  # Jaarplan 2024
    (date(2026, 6, 1), "mass_surveillance"),  # Jaarplan 2026
]


@pytest.mark.parametrize("day,area", FOCUS_TABLE)
def test_factor_b_uses_the_focus_areas_in_force_on_the_intake_date(run, day, area):
    p = run(DRONTEN_NL, received_on=day)["priority"]
    assert area in p["factors"]["societal"]["focus_areas"]


def test_no_focus_area_applies_before_the_policy_existed(run):
    p = run(DRONTEN_NL, received_on=date(2017, 1, 1))["priority"]
    assert p["factors"]["societal"]["focus_areas"] == []


def test_algorithms_are_a_focus_area_from_2020_on(run):
    text = "De gemeente gebruikt een algoritme dat bijstandsgerechtigden een risicoscore voor fraude geeft."
    assert (
        "ai_and_algorithms"
        in run(text, received_on=date(2022, 1, 1))["priority"]["factors"]["societal"]["focus_areas"]
    )
    assert (
        "ai_and_algorithms"
        not in run(text, received_on=date(2019, 1, 1))["priority"]["factors"]["societal"][
            "focus_areas"
        ]
    )


def test_a_marketing_aside_does_not_lower_a_serious_practice(run):
    # advertising in the same letter must not hide the microphones and trackers in a care home
    text = (
        "My mother (88, dementia) lives in a care home. The home installed microphones and "
        "movement sensors in every room that track her 24 hours a day. Families were never "
        "asked. The home also sends us newsletters with advertising."
    )
    result = run(text)
    assert result["priority"]["factors"]["affected"]["level"] in ("medium", "high")
    assert result["priority"]["band"] != "low"


def test_the_dutch_explanation_of_the_band_names_levels_in_dutch():
    conf = load_rules().priority["combination"]
    band, _, text = combine("high", "medium", "low", conf)
    assert "hoog" in text["nl"] and "middel" in text["nl"]
    assert "high" not in text["nl"] and "medium" not in text["nl"]
    assert "high" in text["en"]
