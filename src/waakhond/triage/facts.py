"""Fact extraction: which rules of ``rules/facts.toml`` fire on a complaint, and on what words.

One fact per rule that fires, carrying every matching span (up to ``MAX_EVIDENCE``) as evidence;
``evidence.text == text[start:end]`` always holds because matching runs on a length-preserving
lower-cased copy. Some rules compute a value from the words (``extract``):

- ``since_year``: "sinds 2014", "from 2014 until 2021" -> number of years up to the intake date
  (or up to the end year when one is given);
- ``n_years``: "zeven jaar", "for seven years" -> that number; "al jaren", "for years" -> 3
  (a documented stand-in for "several years"); "al maanden", "for months" -> 0;
- ``scale_number``: "940 mensen", "350,000 members", "2 million" -> the number;
- ``scale_words``: "duizenden", "alle inwoners", "large-scale" -> "large"; "honderden",
  "structural" -> "medium".

The form's structured answers add facts with rule ids starting with ``form.``.
"""

from __future__ import annotations

import re
from datetime import date

from .rules import FactRule, Rules
from .types import ComplaintInput, Evidence, Fact

MAX_EVIDENCE = 5

NUMBER_WORDS = {
    "een": 1,
    "één": 1,
    "one": 1,
    "a": 1,
    "twee": 2,
    "two": 2,
    "drie": 3,
    "three": 3,
    "vier": 4,
    "four": 4,
    "vijf": 5,
    "five": 5,
    "zes": 6,
    "six": 6,
    "zeven": 7,
    "seven": 7,
    "acht": 8,
    "eight": 8,
    "negen": 9,
    "nine": 9,
    "tien": 10,
    "ten": 10,
    "elf": 11,
    "eleven": 11,
    "twaalf": 12,
    "twelve": 12,
}
LARGE_SCALE_WORDS = (
    "duizend",
    "thousand",
    "miljoen",
    "million",
    "alle ",
    "all ",
    "iedereen",
    "everyone",
    "grote schaal",
    "grootschalig",
    "large",
    "mass",
    "nationwide",
    "heel nederland",
    "hele land",
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_INT = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?")


def _extract(rule: FactRule, matched: list[str], ref: date) -> int | str:
    if rule.extract == "since_year":
        best = 0
        for m in matched:
            years = [int(y) for y in _YEAR.findall(m)]
            if not years:
                continue
            end = years[1] if len(years) > 1 else ref.year
            best = max(best, max(0, end - years[0]))
        return best
    if rule.extract == "n_years":
        best = 0
        for m in matched:
            found = None
            for tok in re.findall(r"\w+", m):
                if tok.isdigit():
                    found = int(tok)
                elif tok in NUMBER_WORDS and tok not in ("a", "een"):
                    found = NUMBER_WORDS[tok]
            if found is None:
                found = 0 if ("maand" in m or "month" in m) else 3
            best = max(best, found)
        return best
    if rule.extract == "scale_number":
        best = 0
        for m in matched:
            num = _INT.search(m)
            if not num:
                continue
            raw = num.group()
            if "miljoen" in m or "million" in m:
                value = int(float(raw.replace(",", ".")) * 1_000_000)
            else:
                value = int(re.sub(r"[.,]", "", raw))
            best = max(best, value)
        return best
    if rule.extract == "scale_words":
        return "large" if any(any(w in m for w in LARGE_SCALE_WORDS) for m in matched) else "medium"
    return rule.value


def extract_facts(
    text: str,
    lowered: str,
    rules: Rules,
    ref: date,
    matches: list[tuple[tuple[str, int], int, int]] | None = None,
) -> list[Fact]:
    """Run every fact rule over the text; return one fact per rule that fired, in rule order.

    ``matches`` may pass in the result of ``rules.matcher.run(lowered)`` when the caller already
    has it (the engine runs the matcher once for facts and organisations together).
    """
    if matches is None:
        matches = rules.matcher.run(lowered)
    spans_by_rule: dict[int, set[tuple[int, int]]] = {}
    for (family, idx), start, end in matches:
        if family == "f":
            spans = spans_by_rule.get(idx)
            if spans is None:
                spans_by_rule[idx] = {(start, end)}
            else:
                spans.add((start, end))
    _drop_dismissed_parts(lowered, rules, spans_by_rule)
    fact_rules = rules.facts
    facts: list[Fact] = []
    for idx in sorted(spans_by_rule):
        rule = fact_rules[idx]
        spans = sorted(spans_by_rule[idx])
        if rule.extract:
            value = _extract(rule, [lowered[s:e] for s, e in spans], ref)
        else:
            value = rule.value  # what _extract returns without an extraction
        evidence = tuple([Evidence(s, e, text[s:e]) for s, e in spans[:MAX_EVIDENCE]])
        facts.append(
            Fact(
                id=rule.id,
                kind=rule.kind,
                value=value,
                rule_id=rule.id,
                label=rule.label,
                evidence=evidence,
            )
        )
    return facts


# A decision that dismisses part of a complaint ("the complaint regarding the DPIA was dismissed",
# "de klacht over de camera is ongegrond") found no infringement there: the grievances and
# practices named in that sentence are not findings. Only in an authority's decision; a court
# that rejects a claim (for damages, say) still applies the article, and a complainant who tells
# of an earlier dismissal still complains.
DISMISSED_RULE = "context.claim_dismissed"
_DISMISSED_KINDS = frozenset({"issue", "practice"})
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


def _drop_dismissed_parts(
    lowered: str, rules: Rules, spans_by_rule: dict[int, set[tuple[int, int]]]
) -> None:
    fact_rules, index = rules.facts, rules.fact_position
    dismissed_idx = index.get(DISMISSED_RULE, -1)
    if (
        dismissed_idx not in spans_by_rule
        or index.get("context.decision", -1) not in spans_by_rule
        or index.get("context.ruling", -1) in spans_by_rule
    ):
        return
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(lowered)] + [len(lowered)]
    dismissed = []  # (start, end) of the sentences that dismiss a part
    for start, _end in spans_by_rule[dismissed_idx]:
        lo = max(b for b in bounds if b <= start)
        hi = min((b for b in bounds if b > start), default=len(lowered))
        dismissed.append((lo, hi))
    for idx in list(spans_by_rule):
        if fact_rules[idx].kind not in _DISMISSED_KINDS:
            continue
        kept = {
            (s, e) for s, e in spans_by_rule[idx] if not any(lo <= s < hi for lo, hi in dismissed)
        }
        if kept:
            spans_by_rule[idx] = kept
        else:
            del spans_by_rule[idx]


def form_facts(complaint: ComplaintInput, ref: date) -> list[Fact]:
    """Facts from the form's structured answers (no evidence spans: the source is the form)."""
    out: list[Fact] = []

    def add(fid: str, kind: str, value: int | str | bool, nl: str, en: str) -> None:
        out.append(Fact(id=fid, kind=kind, value=value, rule_id=fid, label={"nl": nl, "en": en}))

    if complaint.started_on is not None:
        years = max(0, (ref - complaint.started_on).days // 365)
        add(
            "form.started_on",
            "duration",
            years,
            "Duur volgens het formulier",
            "Duration according to the form",
        )
    if complaint.ongoing is True:
        add(
            "form.ongoing", "ongoing", True, "Het gebeurt nog (formulier)", "Still happening (form)"
        )
    elif complaint.ongoing is False:
        add("form.ended", "ended", True, "Het is gestopt (formulier)", "It has stopped (form)")
    if complaint.contacted_organisation is True or complaint.contacted_on is not None:
        add(
            "form.contacted",
            "prior_request",
            True,
            "Organisatie eerst benaderd (formulier)",
            "Organisation approached first (form)",
        )
    elif complaint.contacted_organisation is False:
        add(
            "form.not_contacted",
            "no_prior_request",
            True,
            "Organisatie niet benaderd (formulier)",
            "Organisation not approached (form)",
        )
    if complaint.representative == "representative_body":
        add(
            "form.representative_body",
            "representative",
            "representative_body",
            "Ingediend door een belangenorganisatie (art. 80 AVG)",
            "Filed by a representative body (GDPR Art. 80)",
        )
    elif complaint.representative == "other_person":
        add(
            "form.other_person",
            "representative",
            "other_person",
            "Ingediend namens een ander",
            "Filed on behalf of someone else",
        )
    return out
