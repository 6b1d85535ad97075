"""Articles and categories: which GDPR / UAVG articles the facts put at stake, and why.

Every rule in ``rules/articles.toml`` whose condition holds cites its articles with its reason
and the ids of the facts it rests on. The same article cited by two rules keeps the first
rule's reference and reason, and collects the facts of both. ``articles`` in the result lists the
GDPR article numbers only (UAVG articles appear in ``article_reasons`` with ``law = "UAVG"``).
Categories come from the same rules; the fixed vocabulary is ``types.CATEGORIES``.
"""

from __future__ import annotations

from .rules import Rules, holds
from .types import CATEGORIES, ArticleReason, Fact


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
