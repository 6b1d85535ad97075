"""The result contract: deterministic, versioned, JSON round-trip, fixed vocabularies."""

import json

from waakhond.triage import ENGINE_VERSION, RULES_VERSION, ComplaintInput, TriageResult, triage
from waakhond.triage.tests.cases import DRONTEN_NL, GRONINGEN_NL, NEWSLETTER_NL
from waakhond.triage.types import BANDS, CATEGORIES, LANES, LEVELS

TOP_LEVEL_KEYS = {
    "id",
    "language",
    "articles",
    "article_reasons",
    "categories",
    "special_categories",
    "vulnerable_groups",
    "controller",
    "dpia",
    "priority",
    "lane",
    "lane_reasons",
    "facts",
    "confidence",
    "needs_more_information",
    "version",
}


def test_the_same_input_gives_the_same_result():
    c = ComplaintInput(id="x", text=DRONTEN_NL)
    assert triage(c).to_dict() == triage(c).to_dict()


def test_a_missing_intake_date_uses_a_fixed_default_not_today():
    from waakhond.triage import DEFAULT_RECEIVED_ON

    a = triage(ComplaintInput(id="x", text=DRONTEN_NL)).to_dict()
    b = triage(ComplaintInput(id="x", text=DRONTEN_NL, received_on=DEFAULT_RECEIVED_ON)).to_dict()
    assert a == b


def test_the_result_round_trips_through_json():
    for text in (DRONTEN_NL, GRONINGEN_NL, NEWSLETTER_NL, ""):
        result = triage(ComplaintInput(id="x", text=text))
        d = json.loads(json.dumps(result.to_dict()))
        assert TriageResult.from_dict(d) == result
        assert TriageResult.from_dict(d).to_dict() == result.to_dict()


def test_the_dict_has_the_agreed_shape_and_vocabularies():
    d = triage(ComplaintInput(id="x", text=DRONTEN_NL)).to_dict()
    assert TOP_LEVEL_KEYS <= set(d)
    assert d["version"] == {"engine": ENGINE_VERSION, "rules": RULES_VERSION}
    assert set(d["categories"]) <= set(CATEGORIES)
    assert d["lane"] in LANES
    assert d["priority"]["band"] in BANDS
    assert 0 <= d["priority"]["score"] <= 100
    for factor in ("affected", "societal", "effective"):
        assert d["priority"]["factors"][factor]["level"] in LEVELS
    assert "focus_areas" in d["priority"]["factors"]["societal"]
    assert set(d["dpia"]) >= {
        "likely_required",
        "mandatory",
        "ap_list_items",
        "art35_3",
        "wp248_criteria",
        "reasons",
    }
    assert set(d["controller"]) >= {"name", "type", "sector", "matched_by", "evidence"}
    assert 0.0 <= d["confidence"] <= 1.0
    for reason in d["article_reasons"]:
        assert set(reason) >= {"article", "law", "reference", "reason", "fact_ids"}


def test_input_from_a_dict_reads_dates_and_booleans():
    c = ComplaintInput.from_dict(
        {
            "id": 7,
            "text": "x",
            "received_on": "2025-03-01",
            "contacted_organisation": "ja",
            "ongoing": False,
        }
    )
    assert c.id == "7" and c.received_on.isoformat() == "2025-03-01"
    assert c.contacted_organisation is True and c.ongoing is False
