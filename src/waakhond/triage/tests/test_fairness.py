"""Fairness: the band depends on what happened, not on who complains or how they write."""

import pytest

from waakhond.triage.tests.cases import (
    DRONTEN_EN,
    DRONTEN_NL,
    GRONINGEN_NL,
    NEWSLETTER_NL,
    NISSEWAARD_NL,
)

NAMES = ["Jan de Vries", "Fatima El Amrani", "Kwame Mensah", "Zofia Kowalska", "Mohammed Yilmaz"]


@pytest.mark.parametrize("text", [DRONTEN_NL, NISSEWAARD_NL, GRONINGEN_NL, NEWSLETTER_NL])
def test_the_complainants_name_does_not_change_the_band_or_score(run, text):
    results = [run(f"Mijn naam is {name}. {text} Met vriendelijke groet, {name}") for name in NAMES]
    assert len({r["priority"]["band"] for r in results}) == 1
    assert len({r["priority"]["score"] for r in results}) == 1
    assert len({tuple(r["articles"]) for r in results}) == 1


# the same facts in Dutch and in English
PAIRS = [
    (DRONTEN_NL, DRONTEN_EN),
    (
        "Ik heb op 2 januari 2025 een inzageverzoek gedaan bij webshop Kleurrijk. Ik heb nog steeds geen reactie.",
        "On 2 January 2025 I made an access request to webshop Kleurrijk. I still have no reply.",
    ),
    (
        "Mijn werkgever verplicht ons in te klokken met onze vingerafdruk. Wie weigert krijgt geen loon.",
        "My employer forces us to clock in with our fingerprint. Whoever refuses gets no wages.",
    ),
    (
        "Ik heb me afgemeld voor de nieuwsbrief van een winkel, maar ik krijg nog steeds reclame.",
        "I unsubscribed from a shop's newsletter, but I still receive advertising.",
    ),
]


@pytest.mark.parametrize("nl,en", PAIRS)
def test_the_same_facts_in_dutch_and_english_get_the_same_band(run, nl, en):
    r_nl, r_en = run(nl), run(en)
    assert r_nl["language"] == "nl" and r_en["language"] == "en"
    assert r_nl["priority"]["band"] == r_en["priority"]["band"]


# informal writing with typos and no capitals
INFORMAL = [
    (
        DRONTEN_NL,
        "hoi ik heb bijstand van de gemeente dronten en sinds 2014 worden al mijn gesprekken opgenomen "
        "met beeld en geluid!! iedereen met een uitkering moet in die kamer. als je weigert krijg je "
        "geen uitkering zeggen ze, geen camera geen uitkering. niemand heeft me verteld hoelang ze "
        "dat bewaren. de dpia was pas in 2020. en het gebeurt nog steeds",
    ),
    (
        NISSEWAARD_NL,
        "ik zat in de bijstand en moest bij het werkbedrijf van gemeente nissewaard werken anders kreeg "
        "ik me uitkering niet. van 2015 tot juli 2018 moesten we inklokken met onze vingerafdruk, wie "
        "weigerde werd gekort op de uitkering. ging om honderden mensen.",
    ),
]


@pytest.mark.parametrize("formal,informal", INFORMAL)
def test_informal_writing_with_typos_does_not_change_the_band(run, formal, informal):
    assert run(formal)["priority"]["band"] == run(informal)["priority"]["band"]


WITHOUT_DIACRITICS = [
    (
        "Mijn huisarts heeft mijn dossier naar de verkeerde patiënt gestuurd en ik ben daar niet "
        "over geïnformeerd.",
        "Mijn huisarts heeft mijn dossier naar de verkeerde patient gestuurd en ik ben daar niet "
        "over geinformeerd.",
    ),
    (
        "Na beëindiging van mijn abonnement kreeg ik nog financiële post van het energiebedrijf.",
        "Na beeindiging van mijn abonnement kreeg ik nog financiele post van het energiebedrijf.",
    ),
]


@pytest.mark.parametrize("accented,plain", WITHOUT_DIACRITICS)
def test_dutch_typed_without_diacritics_reads_the_same(run, accented, plain):
    a, b = run(accented), run(plain)
    assert a["articles"] == b["articles"] and a["articles"]
    assert a["categories"] == b["categories"]
    assert a["priority"]["band"] == b["priority"]["band"]
    # evidence still points into the text as written
    for fact in a["facts"]:
        for ev in fact["evidence"]:
            assert accented[ev["start"] : ev["end"]] == ev["text"]
