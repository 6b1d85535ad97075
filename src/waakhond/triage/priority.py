"""Priority by the AP's own policy: three reasoned judgements, then a band from a decision table.

Source: Beleidsregels prioritering klachtenonderzoek AP (BWBR0041405), Art. 2(3). The three
factors are expressly not cumulative and carry no weights, so:

- factor a (affected), b (societal) and c (effective) are each judged on their own, from the
  rules in ``rules/priority.toml``; a and b take the highest level whose rule holds (default
  low), c takes the first rule that holds in the listed order (default medium);
- factor b is judged against the focus areas in force on the intake date
  (``rules/focus_areas.toml``), which are reported with it;
- the band comes from the table ``combination.table[a][b]``; a low factor c lowers it by at most
  one step, except for the (a, b) pairs in ``combination.c_low_keeps`` (high, high): a cheap
  norm-setting instrument always remains, so such complaints are never dropped on c alone;
  c never raises a band;
- the score (0-100) only orders complaints: the band's floor, plus steps for a, b and c, plus
  the number of aggravating rules that matched (at most 5). It is a sort key, not a sum of
  weights, and never crosses into another band.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .articles import rules_that_hold
from .rules import Rules
from .types import BANDS, LEVELS, FactorJudgement, Priority, Text

RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
_COLUMN = {"high": 0, "medium": 1, "low": 2}  # factor b's level -> column of the table
_CEILING = {"low": 33, "medium": 66, "high": 100}  # band -> highest score


def focus_areas_on(
    day: date, tokens: frozenset[str], rules: Rules
) -> tuple[list[str], list[Text], str | None]:
    """Focus areas of the period in force on ``day`` that the complaint falls under."""
    for period in rules.focus_periods:
        if period["valid_from"] <= day <= period["valid_to"]:
            ids, labels = [], []
            for area in rules_that_hold(period["areas"], tokens):
                ids.append(area.id)
                labels.append(dict(area.data["label"]))
            return ids, labels, period["id"]
    return [], [], None


def _judge_max(key: str, tokens: frozenset[str], rules: Rules) -> tuple[str, list[Text], int]:
    level, reasons, hits = "low", [], 0
    matched: list[tuple[str, Text]] = []
    for rule in rules_that_hold(rules.factor_rules[key], tokens):
        matched.append((rule.data["level"], dict(rule.data["reason"])))
    if matched:
        level = max((m[0] for m in matched), key=RANK.__getitem__)
        hits = len(matched)
        # the reasons for the level reached come first, then the lesser ones
        reasons = [r for lv, r in matched if lv == level] + [r for lv, r in matched if lv != level]
    else:
        reasons = [dict(rules.priority[key]["default_reason"])]
    return level, reasons, hits


def _judge_first(key: str, tokens: frozenset[str], rules: Rules) -> tuple[str, list[Text]]:
    for rule in rules_that_hold(rules.factor_rules[key], tokens):
        return rule.data["level"], [dict(rule.data["reason"])]
    conf = rules.priority[key]
    return conf.get("default_level", "medium"), [dict(conf["default_reason"])]


# levels and bands in the Dutch explanation (the values themselves stay the vocabulary's)
_NL = {"high": "hoog", "medium": "middel", "low": "laag"}


def combine(a: str, b: str, c: str, conf: dict[str, Any]) -> tuple[str, str, Text]:
    """Band from the decision table; returns (band, combination id, explanation)."""
    base = conf["table"][a][_COLUMN[b]]
    band = base
    rule_id = f"table[a={a},b={b}]"
    nl = f"Factor a {_NL[a]}, factor b {_NL[b]} geeft volgens de beslistabel de band {_NL[base]}."
    en = f"Factor a {a}, factor b {b} gives band {base} by the decision table."
    if c == "low":
        keeps = {tuple(k) for k in conf.get("c_low_keeps", [])}
        if (a, b) in keeps:
            rule_id += ",c=low kept"
            nl += " Factor c is laag, maar bij a en b hoog blijft de band hoog: een normoverdragend instrument blijft mogelijk."
            en += " Factor c is low, but with a and b high the band stays high: a norm-setting instrument remains available."
        else:
            step = int(conf.get("c_low_lowers_by", 1))
            band = BANDS[max(0, BANDS.index(base) - step)]
            if band != base:
                rule_id += ",c=low lowers"
                nl += f" Factor c is laag en verlaagt de band tot {_NL[band]}."
                en += f" Factor c is low and lowers the band to {band}."
    return band, rule_id, {"nl": nl, "en": en}


def judge_priority(tokens: frozenset[str], received_on: date, rules: Rules) -> Priority:
    focus_ids, focus_labels, period = focus_areas_on(received_on, tokens, rules)
    t = tokens
    if focus_ids:
        t = tokens.union(["focus:any"], [f"focus:{f}" for f in focus_ids])

    a, a_reasons, a_hits = _judge_max("affected", t, rules)
    b, b_reasons, b_hits = _judge_max("societal", t, rules)
    if focus_ids:
        names_nl = ", ".join(lbl["nl"] for lbl in focus_labels)
        names_en = ", ".join(lbl["en"] for lbl in focus_labels)
        b_reasons.append(
            {
                "nl": f"Aandachtsgebieden van de AP op de datum van ontvangst ({period}): {names_nl}.",
                "en": f"AP focus areas on the intake date ({period}): {names_en}.",
            }
        )
    c, c_reasons = _judge_first("effective", t, rules)

    conf = rules.priority["combination"]
    band, rule_id, explanation = combine(a, b, c, conf)
    floor = int(conf["band_floor"][band])
    score = (
        floor
        + RANK[a] * int(conf["step_a"])
        + RANK[b] * int(conf["step_b"])
        + RANK[c] * int(conf["step_c"])
        + min(5, a_hits + b_hits)
    )
    ceiling = _CEILING[band]
    score = max(floor, min(score, ceiling))
    return Priority(
        score=score,
        band=band,
        affected=FactorJudgement(level=a, reasons=tuple(a_reasons)),
        societal=FactorJudgement(level=b, reasons=tuple(b_reasons), focus_areas=tuple(focus_ids)),
        effective=FactorJudgement(level=c, reasons=tuple(c_reasons)),
        combination=rule_id,
        combination_reason=explanation,
    )
