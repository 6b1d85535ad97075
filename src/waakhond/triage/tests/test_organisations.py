"""Who is complained about: the municipal register, former names, public bodies, Big Tech."""

import pytest

# (text, form organisation, expected name (or None), type, sector)
CONTROLLER_TABLE = [
    ("De gemeente Dronten filmt gesprekken.", None, "Gemeente Dronten", "public", "municipality"),
    (
        "De Gemeente Dronten (Flevoland) filmt gesprekken.",
        None,
        "Gemeente Dronten",
        "public",
        "municipality",
    ),
    (
        "Gem. Utrecht stuurde mijn brief naar een ander.",
        None,
        "Gemeente Utrecht",
        "public",
        "municipality",
    ),
    (
        "The municipality of Nissewaard took our fingerprints.",
        None,
        "Gemeente Nissewaard",
        "public",
        "municipality",
    ),
    (
        "Dronten gemeente heeft camera's opgehangen.",
        None,
        "Gemeente Dronten",
        "public",
        "municipality",
    ),
    (
        "De gemeente Weesp heeft mijn gegevens gedeeld.",
        None,
        "Gemeente Amsterdam",
        "public",
        "municipality",
    ),
    (
        "De gemeente Hellevoetsluis vroeg mijn vingerafdruk.",
        None,
        "Gemeente Voorne aan Zee",
        "public",
        "municipality",
    ),
    (
        "De gemeente Den Haag deelde mijn dossier.",
        None,
        "Gemeente 's-Gravenhage",
        "public",
        "municipality",
    ),
    (
        "Ze delen mijn gegevens.",
        "Gemeente Heerhugowaard",
        "Gemeente Dijk en Waard",
        "public",
        "municipality",
    ),
    (
        "Ze delen mijn gegevens.",
        "haarlemmerliede",
        "Gemeente Haarlemmermeer",
        "public",
        "municipality",
    ),
    # typed without its diacritics, the name is still found
    (
        "De gemeente Sudwest-Fryslan deelde mijn gegevens.",
        None,
        "Gemeente Súdwest-Fryslân",
        "public",
        "municipality",
    ),
    ("Het UWV gaf mijn medische gegevens door.", None, None, "public", "social_security"),
    (
        "De Belastingdienst/Toeslagen gebruikte een risicomodel.",
        None,
        None,
        "public",
        "central_government",
    ),
    ("DUO heeft mijn studieschuld verkeerd geregistreerd.", None, None, "public", "education"),
    ("Het CJIB stuurde een brief naar mijn oude adres.", None, None, "public", "police_justice"),
    ("TikTok shows my videos to strangers.", None, None, "private", "online_platform"),
    # the police a complainant reported to, or who sent them here, are not the controller
    (
        "Ik heb aangifte gedaan bij de politie omdat mijn buurman mijn tuin filmt.",
        None,
        None,
        "individual",
        "other",
    ),
    (
        "The police told me to complain here. My employer reads my private e-mails.",
        None,
        None,
        "private",
        "employment",
    ),
    (
        "De politie heeft mijn gegevens zonder reden opgezocht.",
        None,
        None,
        "public",
        "police_justice",
    ),
    # the housing corporations keep the list; the police only come up as a bystander
    (
        "We staan op een waarschuwingslijst die de corporaties delen; de politie heeft niks gedaan.",
        None,
        None,
        "private",
        "housing",
    ),
    ("De school van mijn zoon deelt foto's van leerlingen.", None, None, "public", "education"),
    ("Het ziekenhuis stuurde mijn uitslag naar een ander.", None, None, "private", "healthcare"),
    # a supervisory authority named first is not the controller it fines
    (
        "The Romanian National Supervisory Authority for Personal Data Processing fined a bank.",
        None,
        None,
        "private",
        "finance",
    ),
    (
        "The Hungarian National Authority for Data Protection found that the local authority of "
        "the town had installed a camera.",
        None,
        None,
        "public",
        "municipality",
    ),
    ("The ICO fined the council for losing laptops.", None, None, "public", "municipality"),
    # a newspaper publishing photos of police officers is the controller, not the police
    (
        "A newspaper was fined for publishing pictures of three police officers.",
        None,
        None,
        "private",
        "other",
    ),
    ("Ik las in de krant dat de gemeente camera's ophangt.", None, None, "public", "municipality"),
    # a neighbour the data were sent to is a recipient, not the controller
    (
        "The company sent the invoice with my name and address to my neighbour by mistake.",
        None,
        None,
        "private",
        "other",
    ),
    (
        "De energiemaatschappij stuurde mijn jaarafrekening naar de buren.",
        None,
        None,
        "private",
        "other",
    ),
    ("Mijn buurman filmt mijn tuin.", None, None, "individual", "other"),
    # "a private individual complained": the complainant, not the controller
    (
        "A private individual complained that the collection agency kept calling her employer.",
        None,
        None,
        "private",
        "finance",
    ),
]


@pytest.mark.parametrize("text,org,name,ctype,sector", CONTROLLER_TABLE)
def test_the_controller_is_identified_with_type_and_sector(run, text, org, name, ctype, sector):
    c = run(text, organisation=org)["controller"]
    if name:
        assert c["name"] == name
    assert c["type"] == ctype
    assert c["sector"] == sector
    for ev in c["evidence"]:
        assert text[ev["start"] : ev["end"]] == ev["text"]


def test_big_tech_carries_its_main_establishment(run):
    assert run("Google keeps my location history.")["controller"]["main_establishment"] == "IE"
    assert run("Amazon sells my data.")["controller"]["main_establishment"] == "LU"


def test_a_town_name_alone_is_not_the_controller(run):
    assert (
        run("Ik woon in Dronten en mijn sportschool scant mijn gezicht.")["controller"]["sector"]
        != "municipality"
    )
