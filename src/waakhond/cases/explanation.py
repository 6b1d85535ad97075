"""Turning a stored triage result into what the complaint page shows.

The result is the engine's JSON as it was stored (see `waakhond.triage.types.TriageResult`).
Stored results outlive engine versions, so this module reads them defensively: a missing key,
a wrong type or an evidence span outside the text leaves that part out and never raises. The
page shows what is there.

Reasons are `{"nl": ..., "en": ...}` dicts; the one of the active language is shown, the other
as a fallback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from waakhond.intake.models import Lane

from . import labels

# --- Reading the JSON defensively ----------------------------------------------------------


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def localised(value: Any, language: str | None = None) -> str:
    """The text of a `{"nl", "en"}` dict in `language`, else the other one; plain text as is."""
    if isinstance(value, str):
        return value
    value = _dict(value)
    language = (language or get_language() or "nl")[:2]
    for key in (language, "nl", "en"):
        text = value.get(key)
        if isinstance(text, str) and text.strip():
            return text
    return ""


def _texts(values: Any, language: str) -> list[str]:
    return [t for t in (localised(v, language) for v in _list(values)) if t]


# --- Evidence highlighting ------------------------------------------------------------------


def evidence_spans(text: str, evidence: Iterable[Any]) -> list[tuple[int, int]]:
    """The valid spans of `evidence` in `text`: inside the text, non-empty and, where the
    evidence carries its words, exactly those words (evidence from another field is dropped)."""
    spans = []
    for item in evidence:
        item = _dict(item)
        start, end = _int(item.get("start")), _int(item.get("end"))
        if start is None or end is None or not 0 <= start < end <= len(text):
            continue
        words = item.get("text")
        if isinstance(words, str) and words and text[start:end] != words:
            continue
        spans.append((start, end))
    return spans


def highlight_evidence(text: str, spans: Iterable[tuple[int, int]]) -> SafeString:
    """`text` as HTML with every span wrapped in `<mark class="wh-evidence">`.

    Every piece of the text is escaped, so HTML in a complaint stays text. Overlapping and
    touching spans are merged into one mark, so marks never nest or cross.
    """
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts: list[str] = []
    position = 0
    for start, end in merged:
        parts.append(escape(text[position:start]))
        parts.append(f'<mark class="wh-evidence">{escape(text[start:end])}</mark>')
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped above)


# --- The view model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FactView:
    id: str
    kind: str
    label: str
    value: str
    rule_id: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class ArticleView:
    law: str
    reference: str
    reason: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class FactorView:
    key: str
    name: str
    question: str
    level: str
    level_label: str
    reasons: tuple[str, ...]
    focus_areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class DpiaView:
    likely_required: bool | None
    mandatory: bool | None
    items: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """Everything the complaint page shows of one triage result; every part may be empty."""

    language: str = ""
    facts: tuple[FactView, ...] = ()
    articles: tuple[ArticleView, ...] = ()
    categories: tuple[str, ...] = ()
    special_categories: tuple[str, ...] = ()
    vulnerable_groups: tuple[str, ...] = ()
    controller: dict[str, str] = field(default_factory=dict)
    dpia: DpiaView | None = None
    band: str = ""
    band_label: str = ""
    score: int | None = None
    factors: tuple[FactorView, ...] = ()
    combination: str = ""
    lane: str = ""
    lane_label: str = ""
    lane_reasons: tuple[str, ...] = ()
    confidence: float | None = None
    needs_more_information: bool = False
    engine_version: str = ""
    rules_version: str = ""
    highlighted_text: SafeString = field(default_factory=lambda: mark_safe(""))
    has_highlights: bool = False


def _value_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    return str(value)


def _facts(result: dict, language: str) -> tuple[FactView, ...]:
    facts = []
    for raw in _list(result.get("facts")):
        raw = _dict(raw)
        if not raw:
            continue
        words = tuple(
            str(_dict(e).get("text")) for e in _list(raw.get("evidence")) if _dict(e).get("text")
        )
        kind = str(raw.get("kind") or "")
        facts.append(
            FactView(
                id=str(raw.get("id") or ""),
                kind=kind,
                label=localised(raw.get("label"), language) or kind.replace("_", " "),
                value=_value_text(raw.get("value")),
                rule_id=str(raw.get("rule_id") or ""),
                words=tuple(dict.fromkeys(words)),
            )
        )
    return tuple(facts)


def _articles(result: dict, facts: tuple[FactView, ...], language: str) -> tuple[ArticleView, ...]:
    fact_labels = {f.id: f.label for f in facts if f.id}
    articles = []
    for raw in _list(result.get("article_reasons")):
        raw = _dict(raw)
        reference = str(raw.get("reference") or raw.get("article") or "")
        if not reference:
            continue
        articles.append(
            ArticleView(
                law=labels.label(labels.LAWS, raw.get("law") or "GDPR"),
                reference=reference,
                reason=localised(raw.get("reason"), language),
                facts=tuple(fact_labels[i] for i in _list(raw.get("fact_ids")) if i in fact_labels),
            )
        )
    if not articles:
        # An older or partial result may carry only the article numbers.
        for number in _list(result.get("articles")):
            if _int(number) is not None:
                articles.append(
                    ArticleView(
                        law=str(labels.LAWS["GDPR"]), reference=str(number), reason="", facts=()
                    )
                )
    return tuple(articles)


def _dpia(result: dict, language: str) -> DpiaView | None:
    raw = result.get("dpia")
    if not isinstance(raw, dict):
        return None
    items = []
    for key in ("art35_3", "ap_list_items", "wp248_criteria"):
        for item in _list(raw.get(key)):
            text = localised(_dict(item).get("label"), language) or str(_dict(item).get("id") or "")
            if text:
                items.append(text)
    likely = raw.get("likely_required")
    mandatory = raw.get("mandatory")
    return DpiaView(
        likely_required=likely if isinstance(likely, bool) else None,
        mandatory=mandatory if isinstance(mandatory, bool) else None,
        items=tuple(items),
        reasons=tuple(_texts(raw.get("reasons"), language)),
    )


def _factors(priority: dict, language: str) -> tuple[FactorView, ...]:
    factors = _dict(priority.get("factors"))
    views = []
    for key, question, name in labels.FACTORS:
        raw = factors.get(key)
        if not isinstance(raw, dict):
            continue
        level = str(raw.get("level") or "")
        views.append(
            FactorView(
                key=key,
                name=str(name),
                question=str(question),
                level=level,
                level_label=labels.label(labels.LEVELS, level),
                reasons=tuple(_texts(raw.get("reasons"), language)),
                focus_areas=tuple(str(a).replace("_", " ") for a in _list(raw.get("focus_areas"))),
            )
        )
    return tuple(views)


def explanation_build(result: Any, *, text: str = "", language: str | None = None) -> Explanation:
    """Read a stored triage result into an `Explanation`; `text` is the complaint's description,
    the text the evidence offsets point into."""
    language = (language or get_language() or "nl")[:2]
    result = _dict(result)
    text = text or ""
    facts = _facts(result, language)
    spans = []
    for raw in _list(result.get("facts")):
        spans += evidence_spans(text, _list(_dict(raw).get("evidence")))
    priority = _dict(result.get("priority"))
    band = str(priority.get("band") or "")
    controller = _dict(result.get("controller"))
    version = _dict(result.get("version"))
    lane = str(result.get("lane") or "")
    confidence = result.get("confidence")
    return Explanation(
        language=str(result.get("language") or ""),
        facts=facts,
        articles=_articles(result, facts, language),
        categories=tuple(
            labels.label(labels.CATEGORIES, c) for c in _list(result.get("categories"))
        ),
        special_categories=tuple(
            labels.label(labels.SPECIAL_CATEGORIES, c)
            for c in _list(result.get("special_categories"))
        ),
        vulnerable_groups=tuple(
            labels.label(labels.VULNERABLE_GROUPS, c)
            for c in _list(result.get("vulnerable_groups"))
        ),
        controller={
            "name": str(controller.get("name") or ""),
            "type": labels.label(labels.CONTROLLER_TYPES, controller.get("type")),
            "sector": labels.label(labels.SECTORS, controller.get("sector")),
            "matched_by": str(controller.get("matched_by") or ""),
        }
        if controller
        else {},
        dpia=_dpia(result, language),
        band=band,
        band_label=labels.label(labels.LEVELS, band),
        score=_int(priority.get("score")),
        factors=_factors(priority, language),
        combination=localised(priority.get("combination_reason"), language),
        lane=lane,
        lane_label=labels.label(dict(Lane.choices), lane),
        lane_reasons=tuple(_texts(result.get("lane_reasons"), language)),
        confidence=float(confidence)
        if isinstance(confidence, int | float) and not isinstance(confidence, bool)
        else None,
        needs_more_information=result.get("needs_more_information") is True,
        engine_version=str(version.get("engine") or ""),
        rules_version=str(version.get("rules") or ""),
        highlighted_text=highlight_evidence(text, spans),
        has_highlights=bool(spans),
    )
