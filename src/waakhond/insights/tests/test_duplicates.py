"""Duplicate groups on hand-made sets with known answers, including near misses."""

import pytest

from waakhond.insights.models import ComplaintIndex, DuplicateGroup
from waakhond.insights.services import (
    insights_index_all,
    insights_index_complaint,
    organisation_key_for_name,
)
from waakhond.organisations.models import Organisation

from .factories import RECORDING_TEXT, complaint

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "Geachte Autoriteit Persoonsgegevens, ik dien deze klacht in omdat {org} mijn gegevens "
    "zonder toestemming deelt met een incassobureau. Ik heb hier nooit toestemming voor "
    "gegeven en ik ben er ook niet over geïnformeerd. Ik verzoek u dit te onderzoeken en "
    "de organisatie te bevelen hiermee te stoppen. Met vriendelijke groet, {name}"
)
REPHRASED = (
    "Geachte Autoriteit Persoonsgegevens, ik dien deze klacht in omdat {org} mijn gegevens "
    "zonder toestemming deelt met een incassobureau. Ik heb daar nooit mee ingestemd. Graag "
    "wil ik dat u dit onderzoekt en dat zij hiermee stoppen. Groet, {name}"
)
OTHER_TEXT_SAME_TOPIC = (
    "Mijn zorgverzekeraar heeft mijn adres doorgegeven aan een incassobureau terwijl ik mijn "
    "premie altijd netjes betaal. Daarna kreeg ik brieven en telefoontjes. Wie heeft dat "
    "goedgekeurd, en mag dat zomaar? Ik wil dat het bureau mijn gegevens verwijdert."
)

LANDLORD = (
    "Mijn verhuurder vraagt een kopie van mijn paspoort, drie loonstroken en mijn BSN voordat "
    "hij de reparatie van de verwarming wil laten uitvoeren. Dat lijkt me veel te veel."
)
LANDLORD_AGAIN = (
    "Nogmaals: mijn verhuurder wil een kopie van mijn paspoort, loonstroken en mijn BSN voordat "
    "de verwarming gerepareerd wordt. Dat is toch veel te veel gegevens?"
)


def index(*complaints):
    for c in complaints:
        insights_index_complaint(complaint=c)
    return [ComplaintIndex.objects.get(pk=c.pk) for c in complaints]


def test_a_campaign_template_with_names_filled_in_is_one_group():
    people = ["Anna de Boer", "Mohammed El Amrani", "Piet Visser", "Sanne Bakker", "Kees Smit"]
    items = [
        complaint(
            text=TEMPLATE.format(org="Zilveren Kruis", name=n),
            organisation="Zilveren Kruis",
            name=n,
        )
        for n in people
    ]
    entries = index(*items)
    groups = {e.group_id for e in entries}
    assert len(groups) == 1 and None not in groups
    group = DuplicateGroup.objects.get()
    assert group.size == 5
    assert group.kind == DuplicateGroup.Kind.CAMPAIGN


def test_identical_complaints_join_the_first_ones_group_without_buckets_of_their_own():
    items = [complaint(text=TEMPLATE.format(org="X", name="")) for _ in range(4)]
    entries = index(*items)
    assert len({e.group_id for e in entries}) == 1
    assert entries[0].has_buckets and not any(e.has_buckets for e in entries[1:])
    assert all(e.group_similarity == 1.0 for e in entries[1:])


def test_the_same_person_writing_twice_about_the_same_organisation_is_a_double_submission():
    first = complaint(
        text=TEMPLATE.format(org="Zilveren Kruis", name="Anna"),
        organisation="Zilveren Kruis",
        email="anna@example.org",
    )
    second = complaint(
        text=REPHRASED.format(org="Zilveren Kruis", name="Anna"),
        organisation="Zilveren Kruis",
        email="ANNA@example.org ",
    )
    a, b = index(first, second)
    assert a.group_id == b.group_id is not None
    assert b.group_reason == ComplaintIndex.LinkReason.DOUBLE_SUBMISSION
    assert DuplicateGroup.objects.get().kind == DuplicateGroup.Kind.DOUBLE_SUBMISSION


def test_a_rephrased_text_from_someone_else_is_not_a_duplicate():
    # Near miss: the same words as a double submission, but two different people.
    first = complaint(
        text=TEMPLATE.format(org="Zilveren Kruis", name="Anna"), organisation="Zilveren Kruis"
    )
    second = complaint(
        text=REPHRASED.format(org="Zilveren Kruis", name="Bert"), organisation="Zilveren Kruis"
    )
    a, b = index(first, second)
    assert a.group_id is None and b.group_id is None


def test_the_same_person_about_another_organisation_is_not_a_double_submission():
    first = complaint(
        text=TEMPLATE.format(org="Zilveren Kruis", name="Anna"),
        organisation="Zilveren Kruis",
        email="anna@example.org",
    )
    second = complaint(
        text=REPHRASED.format(org="CZ", name="Anna"), organisation="CZ", email="anna@example.org"
    )
    a, b = index(first, second)
    assert a.group_id is None and b.group_id is None


def test_same_topic_but_different_text_is_not_grouped():
    first = complaint(
        text=TEMPLATE.format(org="Zilveren Kruis", name="Anna"), organisation="Zilveren Kruis"
    )
    second = complaint(text=OTHER_TEXT_SAME_TOPIC, organisation="Zilveren Kruis")
    a, b = index(first, second)
    assert a.group_id is None and b.group_id is None


def test_complaints_with_no_text_worth_comparing_are_never_grouped():
    items = [complaint(text="Zie bijlage.", email="zelfde@example.org") for _ in range(3)]
    items += [complaint(text="", email="zelfde@example.org") for _ in range(2)]
    entries = index(*items)
    assert all(e.group_id is None and not e.worth_comparing for e in entries)
    assert DuplicateGroup.objects.count() == 0


def test_indexing_twice_changes_nothing():
    items = [complaint(text=TEMPLATE.format(org="X", name=n)) for n in ("A", "B", "C")]
    index(*items)
    before = list(ComplaintIndex.objects.order_by("pk").values_list("pk", "group_id", "indexed_at"))
    index(*items)
    assert (
        list(ComplaintIndex.objects.order_by("pk").values_list("pk", "group_id", "indexed_at"))
        == before
    )
    assert DuplicateGroup.objects.get().size == 3


def test_the_bulk_rebuild_finds_the_same_groups_as_indexing_one_by_one():
    items = [
        complaint(text=TEMPLATE.format(org="Zilveren Kruis", name=n), organisation="Zilveren Kruis")
        for n in ("Anna", "Bert", "Cor")
    ]
    items += [complaint(text=RECORDING_TEXT) for _ in range(3)]
    items += [complaint(text=OTHER_TEXT_SAME_TOPIC), complaint(text="Zie bijlage.")]
    items += [
        complaint(text=LANDLORD, organisation="Woonstad", email="dirk@example.org"),
        complaint(text=LANDLORD_AGAIN, organisation="Woonstad", email="dirk@example.org"),
    ]
    index(*items)

    def partition():
        groups = {}
        for pk, group in ComplaintIndex.objects.values_list("pk", "group_id"):
            if group:
                groups.setdefault(group, set()).add(pk)
        return sorted(sorted(g) for g in groups.values())

    one_by_one = partition()
    insights_index_all()
    assert partition() == one_by_one
    assert len(one_by_one) == 3


# Twenty ways complainants write one municipality.
DRONTEN_SPELLINGS = [
    "Gemeente Dronten",
    "gemeente dronten",
    "GEMEENTE DRONTEN",
    "gem. Dronten",
    "Gem Dronten",
    "Dronten gemeente",
    "Dronten",
    "dronten",
    "gemeente dronten (Flevoland)",
    "Gemeente Dronten (FL)",
    "De gemeente Dronten",
    "Dronten (gem.)",
    "Gemeente Dronten, afdeling Werk en Inkomen",
    "Gemeente Dronten - Sociaal Domein",
    "Municipality of Dronten",
    "  Gemeente   Dronten  ",
    "Gemeente Dronten.",
    "gemeentehuis Dronten",
    "Dronten, gemeente",
    "Gemeente Drönten",
]


@pytest.mark.parametrize("spelling", DRONTEN_SPELLINGS)
def test_twenty_spellings_of_one_municipality_have_one_key(spelling):
    assert organisation_key_for_name(spelling) == "dronten"


def test_complaints_about_one_municipality_spelled_twenty_ways_are_one_organisation():
    items = [
        complaint(organisation=s, text=f"Klacht nummer {i} " + "x" * i)
        for i, s in enumerate(DRONTEN_SPELLINGS)
    ]
    entries = index(*items)
    assert {e.org_key for e in entries} == {"n:dronten"}


def test_the_register_entry_wins_when_it_exists():
    register = Organisation.objects.create(
        name="Dronten", type="public", sector="municipality", search_names="|dronten|"
    )
    items = [complaint(organisation=s, text="kort") for s in DRONTEN_SPELLINGS]
    entries = index(*items)
    assert {e.org_key for e in entries} == {f"r{register.pk}"}
    assert {e.org_label for e in entries} == {"Dronten"}
