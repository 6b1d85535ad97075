"""Rules of version 2026.01.1: the reach of the Police Data Act, courts, Awb objection for public
bodies, and the false positives removed (Art. 35 for single incidents, Art. 17 as a remedy, Art. 13
for a privacy notice merely cited, Art. 58 for a warning, Art. 9 in a rights request)."""

from datetime import date

import pytest

# (text, form fields, articles that must be cited, articles that must not)
SCOPE_TABLE = [
    # the CJIB collecting traffic fines (Wahv) processes under the GDPR: rectification
    (
        "Het CJIB stuurt mijn verkeersboetes (Wahv) steeds naar mijn oude adres. Ik heb gevraagd "
        "om mijn adres te verbeteren maar ze weigeren dat.",
        {},
        {16},
        set(),
    ),
    (
        "I asked the CJIB for a copy of all personal data they hold about me for my traffic fines.",
        {},
        {15},
        set(),
    ),
    # a court's registry sending a file to the wrong person: administration, GDPR Art. 32
    (
        "De griffie van de rechtbank Utrecht heeft mijn dossier per ongeluk naar de verkeerde "
        "persoon gestuurd.",
        {},
        {32},
        set(),
    ),
    # a court publishing a judgment: judicial capacity, Art. 55(3) only
    (
        "De rechtbank heeft de uitspraak in mijn arbeidszaak gepubliceerd op rechtspraak.nl en "
        "mijn naam is er niet goed uit gehaald.",
        {},
        {55},
        {6, 5, 17},
    ),
    # the police and the special investigative services stay under the Wpg: no GDPR article
    (
        "De FIOD heeft mijn bankgegevens opgevraagd en gedeeld met mijn werkgever zonder reden.",
        {},
        set(),
        {5, 6, 32},
    ),
]


@pytest.mark.parametrize("text,fields,must,must_not", SCOPE_TABLE)
def test_the_police_data_act_covers_law_enforcement_only(run, text, fields, must, must_not):
    result = run(text, **fields)
    arts = set(result["articles"])
    assert must <= arts, f"missing {must - arts} for {text!r}: {sorted(arts)}"
    assert not (must_not & arts), f"unexpected {must_not & arts} for {text!r}"


def test_special_investigative_services_get_no_gdpr_article(run):
    result = run("De FIOD heeft mijn bankgegevens opgevraagd en gedeeld met mijn werkgever.")
    assert result["controller"]["sector"] == "police_justice"
    assert result["articles"] == []


def test_a_court_in_its_judicial_capacity_is_out_of_scope(run):
    result = run(
        "De rechtbank heeft de uitspraak in mijn arbeidszaak gepubliceerd op rechtspraak.nl en "
        "mijn naam is er niet goed uit gehaald."
    )
    assert result["articles"] == [55]
    assert result["lane"] == "out_of_scope"


def test_a_public_body_that_has_not_decided_on_a_rights_request_means_objection_first(run):
    text = (
        "Ik heb bij de gemeente Zaanstad om inzage in mijn dossier bij de schuldhulpverlening "
        "gevraagd. Ik heb nog steeds geen besluit."
    )
    result = run(text, contacted_on=date(2024, 10, 10))
    assert result["lane"] == "ask_organisation_first", result["lane_reasons"]
    assert "UAVG" in result["lane_reasons"][0]["en"]


def test_once_objection_or_notice_of_default_is_lodged_the_ap_can_act(run):
    text = (
        "Ik heb bij de gemeente Zaanstad om inzage in mijn dossier gevraagd. Ik heb de gemeente "
        "in gebreke gesteld, maar nog steeds geen besluit."
    )
    result = run(text, contacted_on=date(2024, 10, 10))
    assert result["lane"] != "ask_organisation_first"


def test_a_private_company_past_its_month_is_not_sent_back(run):
    text = "Ik heb een inzageverzoek gedaan bij mijn bank, nog geen antwoord."
    result = run(text, contacted_on=date(2024, 12, 20))
    assert result["lane"] == "quick_intervention"


# (text, articles that must not be cited) — false positives removed in 2026.01.1
PRECISION_TABLE = [
    # one report passed on by a school: a single incident, not a listed processing operation
    (
        "De mentor van de school van mijn zoon heeft zonder te vragen een verslag over zijn ADHD "
        "gedeeld met het wijkteam. Ik wil dat het wordt verwijderd.",
        {35, 17},
    ),
    # one recorded interview: Art. 35 is not at stake for a single recording
    (
        "Bij de gemeente Lelystad nam de medewerkster mijn gesprek over mijn uitkering op met "
        "haar telefoon. Ik wilde dat niet.",
        {35},
    ),
    # an access request to an insurer that mentions risk profiles
    (
        "Ik heb bij mijn zorgverzekeraar inzage gevraagd in mijn declaraties en hoe die worden "
        "gebruikt voor risicoprofielen. Na twee maanden geen reactie.",
        {35},
    ),
    # profiling for marketing at a bank is not Art. 35(3)(a)
    (
        "Ik heb bij mijn bank bezwaar gemaakt tegen het profileren van mijn betalingen voor "
        "marketing. De bank zegt dat ik dan de app niet meer kan gebruiken.",
        {35},
    ),
    # erasure asked as the remedy for a camera: the camera's articles, not Art. 17
    (
        "Mijn werkgever heeft een camera in de kantine opgehangen. Ik heb gevraagd de beelden "
        "van mij te verwijderen.",
        {17},
    ),
    # a privacy notice merely cited is not a transparency complaint
    (
        "Volgens hun eigen privacyverklaring bewaart mijn telecomaanbieder mijn verkeersgegevens "
        "vijf jaar. Ik heb daar bezwaar tegen gemaakt.",
        {13},
    ),
    # a privacy statement not published is not a publication of personal data
    (
        "The authority found that the company did not publish a privacy statement on its website.",
        {6},
    ),
    # a warning is not an order of the authority
    (
        "The agency failed to secure the data, even after being warned by the national DPA.",
        {58},
    ),
    # information the authority asked for is not information owed to data subjects
    (
        "The company did not provide information to the authority in relation to an investigation.",
        {13},
    ),
    # a fee for a copy of a medical file: a rights request, not an Art. 9 finding
    (
        "The hospital unlawfully charged a copying fee from the patient and violated their right "
        "to access data.",
        {9},
    ),
    # a quarrel over family photos is household
    (
        "Mijn zwager heeft foto's van mij van een familiefeest op zijn telefoon en laat ze aan "
        "familie zien. Ik wil dat hij ze verwijdert, maar hij weigert.",
        {17, 6},
    ),
]


@pytest.mark.parametrize("text,must_not", PRECISION_TABLE)
def test_false_positives_removed_stay_removed(run, text, must_not):
    arts = set(run(text)["articles"])
    assert not (must_not & arts), f"unexpected {must_not & arts} for {text!r}: {sorted(arts)}"


# (text, articles that must be cited) — new rules of 2026.01.1 and 2026.11.1
NEW_RULE_TABLE = [
    # an access request that also alleges special data stored without a legal ground (Art. 9 too)
    (
        "Ik heb bij de webwinkel om een kopie van mijn gegevens gevraagd en geen antwoord gekregen. "
        "De winkel heeft ook mijn politieke voorkeur uit een enquête opgeslagen zonder rechtsgrond.",
        {9, 15},
    ),
    # a court on compensation for non-material damage (Art. 82)
    (
        "The court held that the mere infringement does not give rise to a right to compensation "
        "without non-material damage being shown.",
        {82},
    ),
    (
        "De rechtbank kent de betrokkene een schadevergoeding toe voor immateriële schade door het "
        "datalek.",
        {82},
    ),
    # a breach told by a complainant: was it notified? (Art. 33)
    (
        "Ik kreeg een mail van mijn verslavingskliniek met alle andere cliënten in de CC. Nu weet "
        "iedereen dat ik daar in behandeling ben.",
        {32, 33},
    ),
    # objection to profiling, told in Dutch
    (
        "Ik heb bij mijn bank bezwaar gemaakt tegen het profileren van mijn betalingen.",
        {21},
    ),
    # a diagnosis asked on a form, and no reason given: minimisation with Art. 9
    (
        "Mijn zorgverzekeraar wil dat ik een formulier invul met mijn diagnose. Ik heb gevraagd "
        "waarom ze dat moeten weten, maar kreeg geen antwoord.",
        {5, 9},
    ),
    # marketing without the necessary consent
    (
        "An insurance company sent advertising emails to clients without the necessary consent.",
        {6},
    ),
    # a missing privacy notice is a transparency complaint
    (
        "De kapper vraagt naar mijn allergieën voor de klantenkaart. Er is geen privacyverklaring.",
        {13},
    ),
]


@pytest.mark.parametrize("text,must", NEW_RULE_TABLE)
def test_new_rules_cite_what_a_lawyer_would(run, text, must):
    arts = set(run(text)["articles"])
    assert must <= arts, f"missing {must - arts} for {text!r}: {sorted(arts)}"


def test_awb_objection_against_a_decision_is_not_an_article_21_objection(run):
    result = run(
        "Ik heb bezwaar gemaakt tegen het besluit van de gemeente over mijn inzageverzoek."
    )
    assert 21 not in result["articles"]


def test_a_breach_the_controller_reported_does_not_raise_article_33(run):
    result = run(
        "Mijn huisarts heeft per ongeluk mijn dossier naar een andere patiënt gestuurd. Ze hebben "
        "het datalek gemeld bij de Autoriteit Persoonsgegevens."
    )
    assert 33 not in result["articles"]


def test_a_neighbours_camera_aimed_into_our_garden_is_not_household(run):
    result = run(
        "Onze buren hebben camera's opgehangen die recht in onze tuin kijken. Ik heb gevraagd ze "
        "te verdraaien maar er is niks veranderd."
    )
    assert result["lane"] != "out_of_scope"
    assert 2 not in result["articles"]
    assert result["priority"]["band"] == "low"  # still a dispute between neighbours (factor c)
