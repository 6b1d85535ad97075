"""Patterns and signals on hand-made sets with known answers, including near misses."""

import pytest

from waakhond.insights.models import Pattern, PatternMember, Signal
from waakhond.insights.services import insights_index_complaint, patterns_rebuild

from .factories import RECORDING_TEXT, complaint

pytestmark = pytest.mark.django_db

RECORDING = {
    "practices": ("camera", "audio_recording"),
    "groups": ("welfare_recipients",),
    "categories": ("camera_surveillance", "lawful_basis"),
}


def indexed(**kwargs):
    c = complaint(**kwargs)
    insights_index_complaint(complaint=c)
    return c


def unique_text(n: int) -> str:
    # Different words each time, so no duplicate group interferes with the pattern figures.
    return f"Klacht {n}: " + " ".join(f"woord{n}x{i}" for i in range(20))


def test_recording_of_welfare_recipients_at_three_municipalities_is_one_practice_pattern_with_a_signal():
    for i, org in enumerate(["Gemeente Dronten", "Gemeente Almere", "Gemeente Lelystad"]):
        indexed(organisation=org, text=unique_text(i), **RECORDING)
    pattern = Pattern.objects.get(key="practice:recording:g-welfare_recipients")
    assert pattern.member_count == 3
    assert pattern.organisation_count == 3
    assert pattern.threshold_crossed
    signal = Signal.objects.get(pattern=pattern)
    assert signal.rule == Signal.Rule.PRACTICE_SPREAD and signal.figure == 3


def test_two_municipalities_stay_below_the_practice_threshold():
    for i, org in enumerate(["Gemeente Dronten", "Gemeente Almere"]):
        indexed(organisation=org, text=unique_text(i), **RECORDING)
    pattern = Pattern.objects.get(key="practice:recording:g-welfare_recipients")
    assert not pattern.threshold_crossed
    assert not Signal.objects.exists()


def test_same_organisation_but_another_practice_is_not_in_the_practice_pattern():
    indexed(organisation="Gemeente Dronten", text=unique_text(1), **RECORDING)
    other = indexed(
        organisation="gem. Dronten",
        text=unique_text(2),
        practices=("biometric_identification",),
        groups=("welfare_recipients",),
        categories=("biometrics",),
    )
    recording = Pattern.objects.get(key="practice:recording:g-welfare_recipients")
    assert not PatternMember.objects.filter(pattern=recording, entry_id=other.pk).exists()
    organisation = Pattern.objects.get(kind=Pattern.Kind.ORGANISATION)
    assert organisation.member_count == 2  # but both are about Dronten


def test_one_campaign_at_one_organisation_does_not_make_a_practice_spread():
    for _ in range(6):
        indexed(organisation="Gemeente Dronten", text=RECORDING_TEXT, **RECORDING)
    practice = Pattern.objects.get(key="practice:recording:g-welfare_recipients")
    assert practice.organisation_count == 1 and not practice.threshold_crossed
    organisation = Pattern.objects.get(kind=Pattern.Kind.ORGANISATION)
    assert organisation.recent_count == 6 and organisation.threshold_crossed
    assert list(Signal.objects.values_list("rule", flat=True)) == [Signal.Rule.ORGANISATION_VOLUME]


def test_five_complaints_about_one_organisation_in_ninety_days_raise_a_signal_older_ones_do_not_count():
    for i in range(4):
        indexed(
            organisation="Belastingdienst",
            text=unique_text(i),
            days_ago=10,
            sector="central_government",
        )
    for i in range(3):
        indexed(
            organisation="Belastingdienst",
            text=unique_text(10 + i),
            days_ago=200,
            sector="central_government",
        )
    pattern = Pattern.objects.get(kind=Pattern.Kind.ORGANISATION)
    assert pattern.member_count == 7 and pattern.recent_count == 4
    assert not pattern.threshold_crossed
    indexed(
        organisation="Belastingdienst",
        text=unique_text(99),
        days_ago=1,
        sector="central_government",
    )
    pattern.refresh_from_db()
    assert pattern.threshold_crossed
    assert Signal.objects.filter(pattern=pattern, rule=Signal.Rule.ORGANISATION_VOLUME).count() == 1


def test_complaints_about_private_persons_are_in_no_pattern():
    for i in range(4):
        indexed(
            organisation=f"mijn buurman {i}",
            text=unique_text(i),
            controller_type="individual",
            practices=("camera",),
            sector="other",
        )
    assert not Pattern.objects.exists()


def test_rebuilding_gives_the_same_figures_and_raises_no_second_signal():
    for i, org in enumerate(
        ["Gemeente Dronten", "Gemeente Almere", "Gemeente Lelystad", "Gemeente Zeewolde"]
    ):
        indexed(organisation=org, text=unique_text(i), **RECORDING)
    indexed(
        organisation="Gemeente Dronten",
        text=unique_text(50),
        practices=("time_clock",),
        groups=("employees",),
    )
    before = {
        p.key: (p.member_count, p.organisation_count, p.threshold_crossed)
        for p in Pattern.objects.all()
    }
    signals = Signal.objects.count()
    report = patterns_rebuild()
    after = {
        p.key: (p.member_count, p.organisation_count, p.threshold_crossed)
        for p in Pattern.objects.all()
    }
    assert after == before
    assert report.signals_raised == 0 and Signal.objects.count() == signals


def test_an_acknowledged_signal_comes_back_only_when_the_figure_doubles():
    from waakhond.insights.services import signal_acknowledge

    from .factories import user

    lead = user("lead", "team_lead")
    orgs = [f"Gemeente {n}" for n in ("Aa", "Bb", "Cc", "Dd", "Ee", "Ff")]
    for i, org in enumerate(orgs[:3]):
        indexed(organisation=org, text=unique_text(i), **RECORDING)
    signal_acknowledge(signal=Signal.objects.get(), actor=lead)
    for i, org in enumerate(orgs[3:5]):
        indexed(organisation=org, text=unique_text(10 + i), **RECORDING)
    assert Signal.objects.count() == 1  # 5 organisations: not yet twice 3
    indexed(organisation=orgs[5], text=unique_text(20), **RECORDING)
    assert Signal.objects.filter(acknowledged_at__isnull=True).get().figure == 6


def test_fingerprint_clocks_at_employers_are_a_pattern_by_group():
    for i, org in enumerate(["Bouwbedrijf A", "Schoonmaak B", "Distributie C"]):
        indexed(
            organisation=org,
            text=unique_text(i),
            sector="employment",
            controller_type="private",
            practices=("biometric_identification", "time_clock"),
            groups=("employees",),
            specials=("biometric",),
        )
    biometrics = Pattern.objects.get(key="practice:biometrics:g-employees")
    clocks = Pattern.objects.get(key="practice:time_clock:g-employees")
    assert biometrics.organisation_count == clocks.organisation_count == 3
