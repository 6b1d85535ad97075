"""Articles and categories: which GDPR / UAVG articles the facts put at stake, and why.

Every rule in ``rules/articles.toml`` whose condition holds cites its articles with its reason
and the ids of the facts it rests on. The same article cited by two rules keeps the first
rule's reference and reason, and collects the facts of both. ``articles`` in the result lists the
GDPR article numbers only (UAVG articles appear in ``article_reasons`` with ``law = "UAVG"``).
Categories come from the same rules; the fixed vocabulary is ``types.CATEGORIES``. On top of the
categories a rule names, every GDPR article cited brings the category it belongs to in the
category map (``gdpr-complaint-categories.md`` §2), so that categories always follow from the
conclusions: Art. 6 means ``lawful_basis``, Art. 32-34 ``security_breach``, and so on. For Art. 5
the letter of paragraph 1 decides (``5(1)(c)`` is ``data_minimisation``, ``5(1)(e)``
``retention``, ``5(1)(f)`` ``security_breach``, the other letters ``lawful_basis``); Art. 5(2)
(accountability) and Art. 12 (modalities) bring none of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .rules import Condition, ConditionalRule, Rules, holds
from .types import CATEGORIES, ArticleReason, Fact

# GDPR article -> the complaint category it belongs to (gdpr-complaint-categories.md §2)
ARTICLE_CATEGORY: dict[int, str] = {
    6: "lawful_basis",
    7: "lawful_basis",
    8: "lawful_basis",
    9: "special_categories",
    10: "special_categories",
    13: "transparency",
    14: "transparency",
    15: "access_rights",
    16: "rectification",
    17: "erasure",
    18: "other",
    20: "other",
    21: "objection",
    22: "automated_decisions",
    26: "processor",
    27: "other",
    28: "processor",
    29: "processor",
    30: "other",
    31: "other",
    32: "security_breach",
    33: "security_breach",
    34: "security_breach",
    35: "dpia",
    36: "dpia",
    37: "dpo",
    38: "dpo",
    39: "dpo",
    44: "transfers",
    45: "transfers",
    46: "transfers",
    47: "transfers",
    48: "transfers",
    49: "transfers",
    58: "other",
    87: "national_id_number",
}
# Art. 5(1): the principle's letter -> category
ART5_LETTER_CATEGORY = {
    "a": "lawful_basis",
    "b": "lawful_basis",
    "c": "data_minimisation",
    "d": "lawful_basis",
    "e": "retention",
    "f": "security_breach",
}
_ART5_LETTERS = re.compile(r"\(([a-f])\)")


def categories_of_citation(article: int, reference: str) -> tuple[str, ...]:
    """The categories a GDPR citation implies (none for Art. 5(2), Art. 12 and the like)."""
    if article == 5:
        ref = reference.replace(" ", "")
        if not ref.startswith("5(1)"):
            return ()
        letters = _ART5_LETTERS.findall(ref[4:])
        return tuple(dict.fromkeys(ART5_LETTER_CATEGORY[x] for x in letters))
    cat = ARTICLE_CATEGORY.get(article)
    return (cat,) if cat else ()


def fact_tokens(facts: list[Fact]) -> list[tuple[str, frozenset[str]]]:
    """Each fact's id with the tokens that name it (computed once per complaint)."""
    return [
        (f.id, frozenset((f"rule:{f.rule_id}", f"{f.kind}:*", f"{f.kind}:{f.value}")))
        for f in facts
    ]


def _fact_ids_for(
    wanted: frozenset[str], facts: list[tuple[str, frozenset[str]]]
) -> tuple[str, ...]:
    """Ids of the facts a rule's condition names (by rule id, by kind or by kind and value)."""
    return tuple(dict.fromkeys(fid for fid, toks in facts if not toks.isdisjoint(wanted)))


class FactIndex:
    """The facts of one complaint by the tokens that name them, for citing facts cheaply.

    ``ids_for(wanted)`` equals ``_fact_ids_for(wanted, fact_tokens(facts))``: the ids of the facts
    named by any token of ``wanted``, in fact order, each once. Built once per complaint and
    shared by the article, DPIA and priority conclusions; answers are remembered per ``wanted``.
    """

    __slots__ = ("_ids", "_by_token", "_memo")

    def __init__(self, facts: Sequence[Fact]):
        self._ids = [f.id for f in facts]
        by_token: dict[str, list[int]] = {}
        for i, f in enumerate(facts):
            for tok in (f"rule:{f.rule_id}", f"{f.kind}:*", f"{f.kind}:{f.value}"):
                by_token.setdefault(tok, []).append(i)
        self._by_token = by_token
        self._memo: dict[frozenset[str], tuple[str, ...]] = {}

    def ids_for(self, wanted: frozenset[str]) -> tuple[str, ...]:
        hit = self._memo.get(wanted)
        if hit is None:
            found: set[int] = set()
            by_token = self._by_token
            for tok in wanted:
                positions = by_token.get(tok)
                if positions:
                    found.update(positions)
            ids = self._ids
            hit = tuple(dict.fromkeys(ids[i] for i in sorted(found)))
            self._memo[wanted] = hit
        return hit


def _triggers(when: Condition) -> frozenset[str] | None:
    """Tokens of which at least one must be present for ``when`` to hold, or None.

    A clause holds only through one of its alternatives, and an alternative only when all of
    its required tokens are present; so if every alternative of a clause requires a token, one
    required token of each alternative is enough to look for. The smallest such set over the
    clauses is taken. None when every clause has an alternative that requires no token.
    """
    best: frozenset[str] | None = None
    for clause in when:
        if any(not pos for pos, _neg in clause):
            continue
        # prefer specific tokens (a value, a rule) over "kind:*", which more complaints have
        picked = frozenset(min(pos, key=lambda t: (t.endswith(":*"), t)) for pos, _neg in clause)
        if best is None or len(picked) < len(best):
            best = picked
    return best


# rule sequence -> (the sequence, rule positions by trigger token, the trigger tokens,
# positions always tried)
_INDEXES: dict[int, tuple[Any, dict[str, tuple[int, ...]], frozenset[str], tuple[int, ...]]] = {}


def _rule_index(
    rules: Sequence[ConditionalRule],
) -> tuple[dict[str, tuple[int, ...]], frozenset[str], tuple[int, ...]]:
    entry = _INDEXES.get(id(rules))
    if entry is None or entry[0] is not rules:
        by_token: dict[str, list[int]] = {}
        always: list[int] = []
        for n, rule in enumerate(rules):
            trig = _triggers(rule.when)
            if trig is None:
                always.append(n)
            else:
                for tok in trig:
                    by_token.setdefault(tok, []).append(n)
        entry = (
            rules,
            {t: tuple(v) for t, v in by_token.items()},
            frozenset(by_token),
            tuple(always),
        )
        _INDEXES[id(rules)] = entry  # the sequence is kept in the entry, so its id stays its own
    return entry[1], entry[2], entry[3]


def rules_that_hold(
    rules: Sequence[ConditionalRule], tokens: frozenset[str]
) -> list[ConditionalRule]:
    """The rules whose condition holds for ``tokens``, in their order.

    Same as ``[r for r in rules if holds(r.when, r.unless, tokens)]``, but a rule is only
    evaluated when a token its condition cannot do without is present (see ``_triggers``).
    """
    by_token, triggers, always = _rule_index(rules)
    maybe = set(always)
    for tok in triggers.intersection(tokens):
        maybe.update(by_token[tok])
    out = []
    for n in sorted(maybe):
        rule = rules[n]
        if holds(rule.when, rule.unless, tokens):
            out.append(rule)
    return out


def conclude_articles(
    facts: list[Fact],
    tokens: frozenset[str],
    rules: Rules,
    fact_index: FactIndex | None = None,
) -> tuple[tuple[int, ...], tuple[ArticleReason, ...], tuple[str, ...]]:
    reasons: dict[tuple[str, int], ArticleReason] = {}
    categories: list[str] = []
    named = fact_index if fact_index is not None else FactIndex(facts)
    for rule in rules_that_hold(rules.articles, tokens):
        fact_ids = named.ids_for(rule.wanted)
        for cat in rule.data.get("categories", []):
            if cat not in CATEGORIES:
                raise ValueError(f"unknown category {cat!r} in article rule {rule.id}")
            if cat not in categories:
                categories.append(cat)
        for cite in rule.data.get("cites", []):
            key = (cite["law"], int(cite["article"]))
            if key[0] == "GDPR" and not rule.data.get("no_implied_categories", False):
                for cat in categories_of_citation(key[1], str(cite["reference"])):
                    if cat not in categories:
                        categories.append(cat)
            if key in reasons:
                old = reasons[key]
                merged = tuple(dict.fromkeys(old.fact_ids + fact_ids))
                reasons[key] = ArticleReason(
                    old.article, old.law, old.reference, old.reason, merged, old.rule_id
                )
                continue
            reasons[key] = ArticleReason(
                article=key[1],
                law=key[0],
                reference=str(cite["reference"]),
                reason=dict(rule.data["reason"]),
                fact_ids=fact_ids,
                rule_id=rule.id,
            )
    ordered = sorted(reasons.values(), key=lambda r: (r.law != "GDPR", r.article))
    articles = tuple(sorted({r.article for r in ordered if r.law == "GDPR"}))
    cats = tuple(c for c in CATEGORIES if c in categories)
    return articles, tuple(ordered), cats
