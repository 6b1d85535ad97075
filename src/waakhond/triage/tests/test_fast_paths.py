"""The shortcuts taken for speed give the same answers as the plain forms they replace."""

from __future__ import annotations

import random
import re

from waakhond.triage import lanes
from waakhond.triage.articles import FactIndex, _fact_ids_for, fact_tokens, rules_that_hold
from waakhond.triage.rules import holds, load_rules
from waakhond.triage.types import Fact

_M = lanes._MONTH_RX
PLAIN = {
    "_ABS_NUMERIC": re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)\b"),
    "_ISO": re.compile(r"\b((?:19|20)\d\d)-(\d{2})-(\d{2})\b"),
    "_ABS_WORDS": re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|e)?\s+({_M})(?:\s+((?:19|20)\d\d))?\b"),
    "_ABS_WORDS_EN": re.compile(rf"\b({_M})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"),
}
ATOMS = [
    "1", "2", "9", "0", "19", "20", "2025", "12", "31", "-", "/", ".", ",", " ", "\n", "_",
    "a", "é", "٣", "st", "th", "e", "januari", "march", "may", "mei", "december", "maart",
    "vorige", "last", "week", "maand", "gisteren", "eergisteren", "yesterday",
]  # fmt: skip


def _strings(n: int) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 14))) for _ in range(n)]


def _found(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_date_patterns_match_like_their_word_boundary_forms():
    for s in _strings(20_000):
        for name, plain in PLAIN.items():
            assert _found(getattr(lanes, name).finditer(s)) == _found(plain.finditer(s)), (name, s)
        assert _found(lanes._matches_at_words(lanes._LAST, s, lanes._LAST_WORDS)) == _found(
            lanes._LAST.finditer(s)
        ), s
        assert _found(
            lanes._matches_at_words(lanes._ABS_WORDS_EN, s, lanes._MONTH_WORDS)
        ) == _found(PLAIN["_ABS_WORDS_EN"].finditer(s)), s


def test_rule_index_selects_the_rules_that_hold():
    rules = load_rules()
    seqs = [rules.articles, *rules.dpia_items.values(), *rules.factor_rules.values()]
    seqs += [p["areas"] for p in rules.focus_periods]
    vocab = sorted(
        {t for seq in seqs for r in seq for c in r.when + r.unless for a in c for t in a[0] | a[1]}
    )
    rng = random.Random(3)
    for _ in range(2_000):
        tokens = frozenset(rng.sample(vocab, rng.randint(0, min(40, len(vocab)))))
        for seq in seqs:
            assert rules_that_hold(seq, tokens) == [
                r for r in seq if holds(r.when, r.unless, tokens)
            ]


def test_fact_index_cites_the_same_facts():
    facts = [
        Fact(id=f"f{i}", kind=k, value=v, rule_id=f"r{i % 3}", label={"nl": "", "en": ""})
        for i, (k, v) in enumerate(
            [("practice", "camera"), ("issue", "access"), ("practice", "camera"), ("scale", 500)]
        )
    ]
    index, named = FactIndex(facts), fact_tokens(facts)
    for wanted in (
        frozenset({"practice:*"}),
        frozenset({"rule:r0", "issue:access"}),
        frozenset({"scale:500"}),
        frozenset({"nothing:*"}),
    ):
        assert index.ids_for(wanted) == _fact_ids_for(wanted, named)
