"""Fact extraction: the rule that fires, its value, and evidence that points into the text."""

import pytest

# (complaint text, fact rule id expected, value expected or None for "any")
FACT_TABLE = [
    # special categories, Dutch and English
    ("De huisarts gaf mijn diagnose door aan mijn werkgever.", "special.health", "health"),
    ("My employer asked for my medical records.", "special.health", "health"),
    ("Wij moeten inklokken met onze vingerafdruk.", "special.biometric", "biometric"),
    ("The gym uses facial recognition at the entrance.", "special.biometric", "biometric"),
    ("Mijn strafblad werd rondgestuurd.", "special.criminal", "criminal"),
    ("In mijn dossier staat dat ik lid ben van een vakbond.", "special.trade_union", "trade_union"),
    # identifiers and data types
    ("De webshop vroeg om mijn BSN.", "data.bsn", "bsn"),
    ("They asked for my citizen service number.", "data.bsn", "bsn"),
    ("Ze wilden zes maanden bankafschriften zien.", "data.financial", "financial"),
    # vulnerable groups
    ("Ik heb een bijstandsuitkering.", "vulnerable.welfare_recipients", "welfare_recipients"),
    (
        "Mijn dochter (13) moet op school met haar vingerafdruk betalen.",
        "vulnerable.children",
        "children",
    ),
    ("My employer reads my e-mails.", "vulnerable.employees", "employees"),
    ("Mijn moeder woont in een verpleeghuis.", "vulnerable.elderly", "elderly"),
    ("Ik woon als asielzoeker in een azc.", "vulnerable.asylum_seekers", "asylum_seekers"),
    # practices
    ("De gemeente filmt alle gesprekken.", "practice.camera", "camera"),
    ("Het gesprek werd opgenomen met beeld en geluid.", "practice.audio", "audio_recording"),
    ("The agency uses an algorithm to flag fraud.", "practice.algorithm", "algorithm"),
    (
        "Mijn gegevens zijn doorverkocht aan een adreshandelaar.",
        "practice.data_trade",
        "data_trade",
    ),
    ("Er was een datalek bij de zorggroep.", "practice.data_breach", "data_breach"),
    (
        "The processor worked without a data processing agreement.",
        "practice.processor_no_agreement",
        "processor_no_agreement",
    ),
    (
        "De verwerkersovereenkomst is geantedateerd.",
        "practice.processor_backdated",
        "processor_backdated",
    ),
    ("I keep getting marketing calls.", "practice.direct_marketing", "direct_marketing"),
    # duration, scale, coercion, ongoing
    ("Dit gebeurt al sinds 2014.", "context.duration_since", 11),
    ("They have filmed us for seven years.", "context.duration_years", 7),
    ("Het gaat om 940 deelnemers.", "context.scale_number", 940),
    ("More than 350,000 members were affected.", "context.scale_number", 350000),
    ("Dit treft duizenden mensen.", "context.scale_words", "large"),
    ("Geen camera, geen uitkering.", "context.coercion", True),
    ("I had no choice.", "context.coercion", True),
    ("Ze bellen nog steeds.", "context.ongoing", True),
    # the request to the organisation
    ("Ik heb op 2 januari een inzageverzoek gedaan.", "context.prior_request", True),
    ("I have not contacted them yet.", "context.no_prior_request", True),
    ("Ik heb geen reactie gekregen.", "context.no_response", "none"),
]


@pytest.mark.parametrize("text,rule_id,value", FACT_TABLE)
def test_a_rule_fires_with_its_value_and_exact_evidence(run, text, rule_id, value):
    facts = {f["rule_id"]: f for f in run(text)["facts"]}
    assert rule_id in facts, f"{rule_id} did not fire on {text!r}"
    fact = facts[rule_id]
    if value is not None:
        assert fact["value"] == value
    assert fact["evidence"], "a fact from the text carries evidence"
    for ev in fact["evidence"]:
        assert text[ev["start"] : ev["end"]] == ev["text"]
    assert fact["label"]["nl"] and fact["label"]["en"]


def test_evidence_offsets_survive_characters_that_change_length_when_lower_cased(run):
    text = "İstanbul: de gemeente filmt mijn gesprekken. Ik heb een uitkering."
    facts = run(text)["facts"]
    assert facts
    for fact in facts:
        for ev in fact["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]


def test_form_answers_become_facts_without_evidence(run):
    from datetime import date

    result = run(
        "De gemeente filmt ons.",
        started_on=date(2015, 1, 1),
        ongoing=True,
        contacted_organisation=False,
    )
    ids = {f["rule_id"] for f in result["facts"]}
    assert {"form.started_on", "form.ongoing", "form.not_contacted"} <= ids


def test_private_mail_read_by_an_employer_is_no_marketing_contact(run):
    """ "mijn prive mail" is the employee's own mail, not a marketing message."""
    ids = {
        f["rule_id"]
        for f in run("Mijn werkgever leest mijn prive mail mee op mijn werklaptop.")["facts"]
    }
    assert "practice.marketing_contact" not in ids
    assert "data.communications" in ids
    ads = {
        f["rule_id"]
        for f in run("Ik krijg elke week mails met aanbiedingen van de webshop.")["facts"]
    }
    assert "practice.marketing_contact" in ads
