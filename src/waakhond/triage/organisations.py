"""Who is complained about: name, type (public/private/individual), sector, main establishment.

Order of evidence, strongest first:

1. the form's organisation field, looked up as a municipality ("Gemeente Dronten", "Dronten",
   "Weesp" -> Amsterdam), then against the named and generic organisations;
2. in the text, a municipality named after "gemeente", "gem.", "municipality of", "city of"
   or before "gemeente"/"municipality" ("Dronten gemeente"), matched on the longest run of up to
   five words found in the register (so "gemeente Dronten (Flevoland)" works); then named
   organisations (UWV, Meta, KPN, ...) and specific generic kinds ("my employer", "the school");
   among those the EARLIEST mention wins, because a complaint usually names its subject first;
3. only when nothing else is found, the vaguest kinds ("the company", "the app").

A municipality name alone in running text ("I live in Dronten") is not taken as the controller:
the complaint may be about anyone in that town.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from .rules import OrgRule, Rules  # noqa: F401
from .text import fold, lower_preserving
from .types import Controller, Evidence

_BEFORE_WORDS = ("gemeente", "gem.", "municipality of", "city of", "town of", "council of")
_AFTER_WORDS = ("gemeente", "municipality", "city council")
_BEFORE = re.compile(r"\b(?:" + "|".join(map(re.escape, _BEFORE_WORDS)) + r")\s+")
_AFTER = re.compile(r"\s(?:" + "|".join(map(re.escape, _AFTER_WORDS)) + r")\b")
_WORDS = re.compile(r"[\w'’().\-]+")
_VAGUE = {"generic.company", "generic.online"}


def _lookup(name: str, rules: Rules) -> str | None:
    key = fold(name.strip().strip(".,;:").lower())
    if key.startswith("gemeente "):
        key = key[len("gemeente ") :]
    return rules.municipalities.get(key)


def _finditer_near(
    pattern: re.Pattern[str], text: str, words: tuple[str, ...], shift: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts ``shift`` characters
    before one of ``words``: only those places are tried (found with ``str.find``), which is
    much cheaper than trying the pattern at every position of a long text."""
    starts: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            if at >= shift:
                starts.add(at - shift)
            at = text.find(word, at + 1)
    searched_to = 0  # as finditer: the next match starts at or after the previous one's end
    for start in sorted(starts):
        if start < searched_to:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            searched_to = m.end()


def _municipality_in_text(text: str, lowered: str, rules: Rules) -> tuple[str, int, int] | None:
    best: tuple[str, int, int] | None = None
    for m in _finditer_near(_BEFORE, lowered, _BEFORE_WORDS, 0):
        # the first five words (of the next 80 characters): the longest name first
        words = list(islice(_WORDS.finditer(lowered, m.end(), min(len(lowered), m.end() + 80)), 5))
        if not words or words[0].start() != m.end():
            continue
        for n in range(len(words), 0, -1):
            start, end = words[0].start(), words[n - 1].end()
            name = rules.municipalities.get(lowered[start:end].strip(".,;:)").replace("’", "'"))
            if name is None and lowered[end - 1 : end] in ".,;:)":
                name = rules.municipalities.get(lowered[start : end - 1])
            if name:
                cand = (name, m.start(), end)
                if best is None or cand[1] < best[1]:
                    best = cand
                break
    for m in _finditer_near(_AFTER, lowered, _AFTER_WORDS, 1):
        head = lowered[max(0, m.start() - 60) : m.start()]
        words = list(_WORDS.finditer(head))
        for n in range(min(5, len(words)), 0, -1):
            chunk = head[words[-n].start() : words[-1].end()]
            name = rules.municipalities.get(chunk)
            if name and chunk not in ("de", "het", "the"):
                start = max(0, m.start() - 60) + words[-n].start()
                cand = (name, start, m.end())
                if best is None or cand[1] < best[1]:
                    best = cand
                break
    return best


def _first_matches(
    lowered: str, rules: Rules, matches: list | None = None
) -> dict[int, tuple[int, int]]:
    """The first match of each organisation rule (by index) in the text."""
    first: dict[int, tuple[int, int]] = {}
    for (family, idx), start, end in matches if matches is not None else rules.matcher.run(lowered):
        if family == "o" and (idx not in first or start < first[idx][0]):
            first[idx] = (start, end)
    return first


def _municipality(name: str, matched_by: str, evidence: tuple[Evidence, ...]) -> Controller:
    return Controller(
        name=f"Gemeente {name}",
        type="public",
        sector="municipality",
        matched_by=matched_by,
        evidence=evidence,
    )


def _from_rule(
    rule: OrgRule, name: str | None, matched_by: str, evidence: tuple[Evidence, ...]
) -> Controller:
    return Controller(
        name=name or rule.name,
        type=rule.type,
        sector=rule.sector,
        matched_by=matched_by,
        evidence=evidence,
        main_establishment=rule.main_establishment,
    )


def identify_controller(
    text: str, lowered: str, organisation: str | None, rules: Rules, matches: list | None = None
) -> Controller:
    """Return the controller the complaint is about, or an empty ``Controller`` when unknown.

    ``matches`` may pass in ``rules.matcher.run(lowered)`` when the caller already has it.
    """
    if organisation and organisation.strip():
        typed = organisation.strip()
        muni = _lookup(typed, rules)
        if muni:
            return _municipality(muni, "form:municipality_register", ())
        low = lower_preserving(typed)
        muni_hit = _municipality_in_text(typed, low, rules)
        if muni_hit:
            return _municipality(muni_hit[0], "form:municipality_register", ())
        found = _first_matches(low, rules)
        for generic in (False, True):
            hits = []
            for idx, rule in enumerate(rules.organisations):
                if rule.generic != generic or idx not in found:
                    continue
                hits.append((found[idx][0], rule.id in _VAGUE, rule))
            if hits:
                hits.sort(key=lambda h: (h[1], h[0]))
                rule = hits[0][2]
                return _from_rule(rule, typed, f"form:{rule.id}", ())
        return Controller(name=typed, matched_by="form", evidence=())

    # (tier, start, order, end, rule index): the first in this order is the controller, which is
    # only then built; ``order`` is unique, so the comparison never goes past it
    best: tuple[int, int, int, int, int] | None = None
    muni_hit = _municipality_in_text(text, lowered, rules)
    if muni_hit:
        name, s, e = muni_hit
        # a municipality named as such ("gemeente Nissewaard") is the controller even when a
        # company working for it is mentioned first: the municipality bears final responsibility
        best = (-1, s, 0, e, -1)
    found = _first_matches(lowered, rules, matches)
    for idx, (s, e) in found.items():
        rule = rules.organisations[idx]
        if rule.id == "generic.municipality" and muni_hit:
            continue  # the named municipality already covers it
        cand = (1 if rule.id in _VAGUE else 0, s, idx + 1, e, idx)
        if best is None or cand < best:
            best = cand
    if best is None:
        return Controller()
    _tier, s, _order, e, idx = best
    evidence = (Evidence(s, e, text[s:e]),)
    if idx < 0:
        return _municipality(muni_hit[0], "municipality_register", evidence)  # type: ignore[index]
    rule = rules.organisations[idx]
    return _from_rule(rule, None, rule.id, evidence)
