"""Articles and categories: a fact triggers the articles a lawyer would cite, and no more."""

import pytest

# (text, articles that must be cited, articles that must not, categories that must be present)
ARTICLE_TABLE = [
    # an ignored access request: Art. 15 (and 12 once the month has passed)
    (
        "Ik heb op 2 januari 2025 een inzageverzoek gedaan bij mijn bank en nooit antwoord gekregen.",
        {15, 12},
        {5, 6},
        {"access_rights"},
    ),
    # erasure refused
    (
        "I asked the shop to delete my account and my data, but they refused.",
        {17},
        {6},
        {"erasure"},
    ),
    # newsletter after unsubscribing: objection, direct marketing
    (
        "Ik heb me afgemeld voor de nieuwsbrief maar krijg nog steeds reclame.",
        {21},
        {9, 32},
        {"objection", "direct_marketing"},
    ),
    # fingerprint time clock: Art. 9 with UAVG 29
    (
        "Mijn werkgever verplicht ons in te klokken met een vingerafdruk.",
        {9},
        {32},
        {"biometrics", "employee_monitoring"},
    ),
    # BSN asked by a webshop: Art. 87 and minimisation
    (
        "Webshop Kleurrijk B.V. vraagt bij het registreren verplicht mijn BSN.",
        {87, 5},
        {32},
        {"national_id_number"},
    ),
    # breach not notified
    (
        "The company did not notify the data breach to the authority within 72 hours.",
        {33},
        {15},
        {"security_breach"},
    ),
    # insufficient security
    (
        "Because of insufficient technical and organisational measures hackers accessed customer data.",
        {32},
        {15, 17},
        {"security_breach"},
    ),
    # processor without agreement
    (
        "De gemeente liet een extern bureau onze gegevens verwerken zonder verwerkersovereenkomst.",
        {28},
        {32},
        {"processor"},
    ),
    # transfer outside the EU
    (
        "Mijn gegevens worden opgeslagen op Amerikaanse servers, buiten de EU.",
        {44},
        {32},
        {"transfers"},
    ),
    # no DPO
    ("The company refused to appoint a data protection officer.", {37}, {32}, {"dpo"}),
    # non-cooperation with the authority
    (
        "The controller failed to provide the information the DPA requested during the investigation.",
        {31},
        {32},
        set(),
    ),
    # automated decision
    (
        "Mijn toeslag werd automatisch stopgezet door een algoritme, zonder menselijke tussenkomst.",
        {22},
        {32},
        {"automated_decisions"},
    ),
    # missing information about cameras
    (
        "Er hangen camera's in de winkel maar nergens een bordje met informatie.",
        {13},
        {32},
        {"camera_surveillance", "transparency"},
    ),
    # third-person decision summary
    (
        "The controller was fined for processing personal data without a legal basis.",
        {6},
        {32, 15},
        {"lawful_basis"},
    ),
]


@pytest.mark.parametrize("text,must,must_not,cats", ARTICLE_TABLE)
def test_facts_put_the_articles_a_lawyer_would_cite_at_stake(run, text, must, must_not, cats):
    result = run(text)
    arts = set(result["articles"])
    assert must <= arts, f"missing {must - arts} for {text!r}: {sorted(arts)}"
    assert not (must_not & arts), f"unexpected {must_not & arts} for {text!r}"
    assert cats <= set(result["categories"])


def test_every_article_has_a_bilingual_reason_and_rests_on_facts(run):
    result = run(
        "Mijn werkgever verplicht ons in te klokken met een vingerafdruk, anders geen loon."
    )
    assert result["article_reasons"]
    fact_ids = {f["id"] for f in result["facts"]}
    for reason in result["article_reasons"]:
        assert reason["law"] in {"GDPR", "UAVG"}
        assert reason["reason"]["nl"] and reason["reason"]["en"]
        assert set(reason["fact_ids"]) <= fact_ids
    assert any(r["law"] == "UAVG" and r["article"] == 29 for r in result["article_reasons"])


def test_articles_are_sorted_gdpr_numbers_only(run):
    result = run("Webshop vraagt mijn BSN en mijn kopie paspoort, dat is toch niet nodig?")
    assert result["articles"] == sorted(result["articles"])
    assert 46 not in result["articles"]  # UAVG 46 is not a GDPR article


def test_a_plain_access_request_does_not_get_article_5_and_6_by_reflex(run):
    result = run(
        "Ik heb een inzageverzoek gedaan bij de webshop en wil een kopie van mijn gegevens."
    )
    assert 5 not in result["articles"] and 6 not in result["articles"]


def test_police_data_get_no_gdpr_article(run):
    result = run(
        "De politie heeft mijn gegevens in hun systeem opgezocht zonder reden en gedeeld met mijn buurman."
    )
    assert result["controller"]["sector"] == "police_justice"
    assert result["articles"] == []
