"""DPIA: AP list items, Art. 35(3) and WP248 criteria; two or more WP248 criteria mean likely."""

from waakhond.triage.tests.cases import DRONTEN_NL, NISSEWAARD_NL, WEBSHOP_ACCESS_NL


def test_the_dronten_case_needs_a_dpia_on_four_or_more_wp248_criteria(run):
    dpia = run(DRONTEN_NL)["dpia"]
    assert dpia["likely_required"] is True
    assert len(dpia["wp248_criteria"]) >= 4
    ids = {c["id"] for c in dpia["wp248_criteria"]}
    assert {"wp248.3", "wp248.7", "wp248.9"} <= ids  # monitoring, vulnerable, blocks a service


def test_fingerprint_clocking_is_on_the_ap_list_so_a_dpia_is_mandatory(run):
    dpia = run(NISSEWAARD_NL)["dpia"]
    assert dpia["mandatory"] is True
    assert "ap.17" in {i["id"] for i in dpia["ap_list_items"]}


def test_an_ignored_access_request_is_not_a_processing_operation_to_assess(run):
    dpia = run(WEBSHOP_ACCESS_NL)["dpia"]
    assert dpia["likely_required"] is False
    assert dpia["reasons"]


def test_one_wp248_criterion_alone_is_not_enough(run):
    dpia = run("Een winkel heeft een camera bij de kassa opgehangen.")["dpia"]
    assert len(dpia["wp248_criteria"]) <= 1
    assert dpia["likely_required"] is dpia["mandatory"]


def test_large_scale_special_categories_fall_under_article_35_3_b(run):
    dpia = run("Het ziekenhuis profileert duizenden patiënten op basis van hun medische gegevens.")[
        "dpia"
    ]
    assert "35(3)(b)" in {i["id"] for i in dpia["art35_3"]}
    assert dpia["mandatory"] is True
