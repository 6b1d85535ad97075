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

from .rules import Rules, holds
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


def conclude_articles(
    facts: list[Fact], tokens: frozenset[str], rules: Rules
) -> tuple[tuple[int, ...], tuple[ArticleReason, ...], tuple[str, ...]]:
    reasons: dict[tuple[str, int], ArticleReason] = {}
    categories: list[str] = []
    named = fact_tokens(facts)
    for rule in rules.articles:
        if not holds(rule.when, rule.unless, tokens):
            continue
        fact_ids = _fact_ids_for(rule.wanted, named)
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
