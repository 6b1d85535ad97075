"""Findings as authorities and courts word them: the engine cites the article a finding means.

``data/findings_{nl,en}.txt`` hold one finding per line (``ARTICLES|sentence``), 150 per language,
written as decision summaries word them and without looking at the rules; a line ``!N|...`` is a
sentence on the same topic that does not state the finding (the controller did appoint a DPO),
for which Art. N must not be cited. The floors are just below what the engine reads today, so a
rule change that loses a way of wording a finding fails here.
"""

from pathlib import Path

import pytest

from waakhond.triage import ComplaintInput, triage

DATA = Path(__file__).parent / "data"
FLOORS = {  # language: (share of findings read, share of non-findings left alone)
    "nl": (0.85, 0.90),
    "en": (0.85, 0.90),
}


def read_cases(language: str) -> list[tuple[bool, set[int], str]]:
    cases = []
    for line in (DATA / f"findings_{language}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        labels, text = line.split("|", 1)
        negative = labels.startswith("!")
        cases.append((negative, {int(x) for x in labels.lstrip("!").split(",")}, text))
    return cases


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_findings_are_read_as_the_articles_they_mean(language):
    cases = read_cases(language)
    positives = [(arts, text) for negative, arts, text in cases if not negative]
    negatives = [(arts, text) for negative, arts, text in cases if negative]
    assert len(positives) >= 100 and len(negatives) >= 20

    missed = [
        (sorted(arts), text)
        for arts, text in positives
        if not arts <= set(triage(ComplaintInput(id="f", text=text)).articles)
    ]
    wrongly = [
        (sorted(arts), text)
        for arts, text in negatives
        if arts & set(triage(ComplaintInput(id="f", text=text)).articles)
    ]
    read_share = 1 - len(missed) / len(positives)
    left_share = 1 - len(wrongly) / len(negatives)
    floor_read, floor_left = FLOORS[language]
    assert read_share >= floor_read, f"{read_share:.2f} of findings read; missed: {missed[:10]}"
    assert left_share >= floor_left, f"{left_share:.2f} of non-findings left; cited: {wrongly}"
