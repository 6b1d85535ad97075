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
(accountability) and Art. 12 (modalities) bring none of their own; Art. 24 and 25 (responsibility,
design and default) bring ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .rules import Condition, ConditionalRule, Rules, holds_fast
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
    # the controller's responsibility and data protection by design and by default: §2 lists
    # them with the principles, but a finding under them is not one about the legal basis, and
    # the fixed vocabulary has no category of its own for them
    24: "other",
    25: "other",
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

    __slots__ = ("_ids", "_by_token", "_named", "_memo")

    def __init__(self, facts: Sequence[Fact]):
        self._ids = [f.id for f in facts]
        # token -> the facts it names, as a bit mask of their positions
        by_token: dict[str, int] = {}
        get = by_token.get
        for i, f in enumerate(facts):
            bit = 1 << i
            kind = f.kind
            for tok in (f"rule:{f.rule_id}", f"{kind}:*", f"{kind}:{f.value}"):
                by_token[tok] = get(tok, 0) | bit
        self._by_token = by_token
        self._named = frozenset(by_token)
        self._memo: dict[frozenset[str], tuple[str, ...]] = {}

    def tokens(self) -> Iterable[str]:
        """Every token that names a fact (``rule:ID``, ``kind:*``, ``kind:value``)."""
        return self._named

    def ids_for(self, wanted: frozenset[str]) -> tuple[str, ...]:
        hit = self._memo.get(wanted)
        if hit is None:
            by_token = self._by_token
            mask = 0
            for tok in self._named.intersection(wanted):
                mask |= by_token[tok]
            ids = self._ids
            found = []
            while mask:  # the set bits, lowest (first fact) first
                low = mask & -mask
                found.append(ids[low.bit_length() - 1])
                mask ^= low
            hit = self._memo[wanted] = tuple(dict.fromkeys(found))
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


class _RuleIndex:
    """A rule sequence prepared for ``rules_that_hold``: the rules to try per trigger token, the
    rules always tried, and each rule's conditions as ``holds_fast`` takes them."""

    __slots__ = ("rules", "by_token", "triggers", "always", "conditions")

    def __init__(self, rules: Sequence[ConditionalRule]):
        by_token: dict[str, list[int]] = {}
        always: list[int] = []
        for n, rule in enumerate(rules):
            trig = _triggers(rule.when)
            if trig is None:
                always.append(n)
            else:
                for tok in trig:
                    by_token.setdefault(tok, []).append(n)
        self.rules = rules  # kept, so that the id the index is found by stays this sequence's
        self.by_token = {t: tuple(v) for t, v in by_token.items()}
        self.triggers = frozenset(by_token)
        self.always = tuple(always)
        self.conditions = tuple((r.fast_when, r.fast_unless, r) for r in rules)


_INDEXES: dict[int, _RuleIndex] = {}  # id of a rule sequence -> its index


def _rule_index(rules: Sequence[ConditionalRule]) -> _RuleIndex:
    index = _INDEXES.get(id(rules))
    if index is None or index.rules is not rules:
        index = _INDEXES[id(rules)] = _RuleIndex(rules)
    return index


def rules_that_hold(
    rules: Sequence[ConditionalRule], tokens: frozenset[str]
) -> list[ConditionalRule]:
    """The rules whose condition holds for ``tokens``, in their order.

    Same as ``[r for r in rules if holds(r.when, r.unless, tokens)]``, but a rule is only
    evaluated when a token its condition cannot do without is present (see ``_triggers``).
    """
    index = _rule_index(rules)
    present = index.triggers.intersection(tokens)
    if not present:
        maybe: Iterable[int] = index.always
    else:
        found = set(index.always)
        by_token = index.by_token
        for tok in present:
            found.update(by_token[tok])
        maybe = sorted(found)
    conditions = index.conditions
    out = []
    for n in maybe:
        when, unless, rule = conditions[n]
        if holds_fast(when, unless, tokens):
            out.append(rule)
    return out


# What an article rule contributes whenever it holds: its categories, and per citation the key
# (law, article), the categories the citation implies and the citation itself.
Citation = tuple[tuple[str, int], tuple[str, ...], dict[str, Any]]
_PLANS: dict[int, tuple[ConditionalRule, tuple[str, ...], tuple[Citation, ...]]] = {}


def _article_plan(rule: ConditionalRule) -> tuple[tuple[str, ...], tuple[Citation, ...]]:
    """The rule's categories and citations, read from its data once (at its first firing, so that
    a broken rule fails where it did: when it holds; a failure is not remembered)."""
    entry = _PLANS.get(id(rule))
    if entry is None or entry[0] is not rule:
        categories = tuple(rule.data.get("categories", []))
        for cat in categories:
            if cat not in CATEGORIES:
                raise ValueError(f"unknown category {cat!r} in article rule {rule.id}")
        implied = not rule.data.get("no_implied_categories", False)
        cites = []
        for cite in rule.data.get("cites", []):
            key = (cite["law"], int(cite["article"]))
            cats = ()
            if key[0] == "GDPR" and implied:
                cats = categories_of_citation(key[1], str(cite["reference"]))
            cites.append((key, cats, cite))
        entry = _PLANS[id(rule)] = (rule, categories, tuple(cites))
    return entry[1], entry[2]


def conclude_articles(
    facts: list[Fact],
    tokens: frozenset[str],
    rules: Rules,
    fact_index: FactIndex | None = None,
) -> tuple[tuple[int, ...], tuple[ArticleReason, ...], tuple[str, ...]]:
    # one reason per provision: rules citing the same article and paragraph share it (their facts
    # are merged); another paragraph of the same article (5(1)(c) next to 5(1)(f)) keeps its own
    reasons: dict[tuple[str, int, str], ArticleReason] = {}
    categories: set[str] = set()  # the result lists them in the order of CATEGORIES
    named = fact_index if fact_index is not None else FactIndex(facts)
    for rule in rules_that_hold(rules.articles, tokens):
        fact_ids = named.ids_for(rule.wanted)
        rule_categories, cites = _article_plan(rule)
        categories.update(rule_categories)
        for (law, article), implied, cite in cites:
            categories.update(implied)
            key = (law, article, str(cite["reference"]))
            old = reasons.get(key)
            if old is not None:
                merged = tuple(dict.fromkeys(old.fact_ids + fact_ids))
                reasons[key] = ArticleReason(
                    old.article, old.law, old.reference, old.reason, merged, old.rule_id
                )
                continue
            reasons[key] = ArticleReason(
                article=article,
                law=law,
                reference=key[2],
                reason=dict(rule.data["reason"]),
                fact_ids=fact_ids,
                rule_id=rule.id,
            )
    ordered = sorted(reasons.values(), key=lambda r: (r.law != "GDPR", r.article))
    articles = tuple(sorted({r.article for r in ordered if r.law == "GDPR"}))
    cats = tuple(c for c in CATEGORIES if c in categories)
    return articles, tuple(ordered), cats
