"""The triage contract: what goes in and what comes out, as frozen dataclasses.

Other parts of Waakhond (the intake adapter, the back office, the command line) code against
these names, so they change only together with a version bump. Every result serialises to a
JSON-safe dict with ``to_dict()`` and is rebuilt exactly with ``from_dict()``; tuples are used
inside the dataclasses so that a result is immutable and hashable-friendly, lists in the dict.

Every human-readable reason is a ``{"nl": ..., "en": ...}`` dict (Dutch first), so the web app
can show the one in the user's language without re-running triage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Text = dict[str, str]  # {"nl": ..., "en": ...}

LEVELS = ("low", "medium", "high")
BANDS = ("low", "medium", "high")
LANES = (
    "out_of_scope",
    "tip",
    "ask_organisation_first",
    "quick_intervention",
    "investigate",
    "refer_lead_authority",
)
CATEGORIES = (
    "access_rights",
    "erasure",
    "rectification",
    "objection",
    "direct_marketing",
    "lawful_basis",
    "special_categories",
    "transparency",
    "security_breach",
    "dpia",
    "processor",
    "camera_surveillance",
    "employee_monitoring",
    "biometrics",
    "automated_decisions",
    "transfers",
    "dpo",
    "data_minimisation",
    "retention",
    "national_id_number",
    "other",
)


# _FAST_INIT: the types made many times per complaint (Evidence, Fact, ArticleReason, DpiaItem)
# write their __init__ out, with the same parameters and defaults as the one @dataclass would
# generate; @dataclass keeps an __init__ the class defines. The generated one of a frozen
# dataclass sets every field through object.__setattr__; filling the instance's __dict__
# directly gives the same object in about half the time. Equality, hashing, repr and the
# refusal to assign stay those of the frozen dataclass.


def _text(value: Any) -> Text:
    return {"nl": str(value.get("nl", "")), "en": str(value.get("en", ""))}


def _date_or_none(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class ComplaintInput:
    """One complaint as the engine sees it: the free text plus the form's structured answers.

    ``received_on`` is the intake date; focus areas and the Art. 12(3) period are judged
    against it. When it is missing the engine uses ``DEFAULT_RECEIVED_ON`` from
    ``waakhond.triage.engine`` (a fixed date, never today, so results stay deterministic).
    """

    id: str
    text: str
    organisation: str | None = None
    received_on: date | None = None
    started_on: date | None = None
    ongoing: bool | None = None
    contacted_organisation: bool | None = None
    contacted_on: date | None = None
    organisation_response: str | None = None
    desired_outcome: str | None = None
    representative: str | None = None  # "self" | "other_person" | "representative_body"
    language: str | None = None  # "nl" | "en", a hint from the form

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ComplaintInput:
        """Build an input from a JSON-like dict; unknown keys are ignored, dates are ISO strings."""

        def opt_str(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        def opt_bool(key: str) -> bool | None:
            value = data.get(key)
            if value is None or isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in {"true", "yes", "ja", "1"}:
                return True
            if isinstance(value, str) and value.strip().lower() in {"false", "no", "nee", "0"}:
                return False
            raise ValueError(f"field {key!r} must be true or false, not {value!r}")

        if "id" not in data or data["id"] is None:
            raise ValueError("field 'id' is missing")
        if "text" not in data or not isinstance(data["text"], str):
            raise ValueError("field 'text' is missing or not a string")
        return cls(
            id=str(data["id"]),
            text=data["text"],
            organisation=opt_str("organisation"),
            received_on=_date_or_none(data.get("received_on")),
            started_on=_date_or_none(data.get("started_on")),
            ongoing=opt_bool("ongoing"),
            contacted_organisation=opt_bool("contacted_organisation"),
            contacted_on=_date_or_none(data.get("contacted_on")),
            organisation_response=opt_str("organisation_response"),
            desired_outcome=opt_str("desired_outcome"),
            representative=opt_str("representative"),
            language=opt_str("language"),
        )


@dataclass(frozen=True)
class Evidence:
    """A span of the input text: ``text == input_text[start:end]`` exactly."""

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        # Written out (see _FAST_INIT): a result holds dozens of these.
        d = self.__dict__
        d["start"] = start
        d["end"] = end
        d["text"] = text

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(start=int(d["start"]), end=int(d["end"]), text=str(d["text"]))


@dataclass(frozen=True)
class Fact:
    """Something the complaint says, found by one rule, with the words that triggered it."""

    id: str
    kind: str
    value: str | int | bool
    rule_id: str
    label: Text
    evidence: tuple[Evidence, ...] = ()

    def __init__(
        self,
        id: str,
        kind: str,
        value: str | int | bool,
        rule_id: str,
        label: Text,
        evidence: tuple[Evidence, ...] = (),
    ) -> None:
        # Written out (see _FAST_INIT): a result holds a dozen or more of these.
        d = self.__dict__
        d["id"] = id
        d["kind"] = kind
        d["value"] = value
        d["rule_id"] = rule_id
        d["label"] = label
        d["evidence"] = evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "value": self.value,
            "rule_id": self.rule_id,
            "label": dict(self.label),
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(
            id=str(d["id"]),
            kind=str(d["kind"]),
            value=d["value"],
            rule_id=str(d["rule_id"]),
            label=_text(d["label"]),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", [])),
        )


@dataclass(frozen=True)
class ArticleReason:
    """Why an article (GDPR or UAVG) is at stake, and on which facts that rests."""

    article: int
    law: str  # "GDPR" | "UAVG"
    reference: str  # e.g. "9(1)"
    reason: Text
    fact_ids: tuple[str, ...] = ()
    rule_id: str = ""

    def __init__(
        self,
        article: int,
        law: str,
        reference: str,
        reason: Text,
        fact_ids: tuple[str, ...] = (),
        rule_id: str = "",
    ) -> None:
        # Written out (see _FAST_INIT).
        d = self.__dict__
        d["article"] = article
        d["law"] = law
        d["reference"] = reference
        d["reason"] = reason
        d["fact_ids"] = fact_ids
        d["rule_id"] = rule_id

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "law": self.law,
            "reference": self.reference,
            "reason": dict(self.reason),
            "fact_ids": list(self.fact_ids),
            "rule_id": self.rule_id,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleReason:
        return cls(
            article=int(d["article"]),
            law=str(d["law"]),
            reference=str(d["reference"]),
            reason=_text(d["reason"]),
            fact_ids=tuple(d.get("fact_ids", [])),
            rule_id=str(d.get("rule_id", "")),
        )


@dataclass(frozen=True)
class Controller:
    """The organisation complained about, as far as the engine can tell."""

    name: str | None = None
    type: str | None = None  # public | private | individual
    sector: str | None = None
    matched_by: str | None = None  # rule id, "municipality_register", "form", ...
    evidence: tuple[Evidence, ...] = ()
    main_establishment: str | None = None  # ISO country code where known, e.g. "IE"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "sector": self.sector,
            "matched_by": self.matched_by,
            "evidence": [e.to_dict() for e in self.evidence],
            "main_establishment": self.main_establishment,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Controller:
        return cls(
            name=d.get("name"),
            type=d.get("type"),
            sector=d.get("sector"),
            matched_by=d.get("matched_by"),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", [])),
            main_establishment=d.get("main_establishment"),
        )


@dataclass(frozen=True)
class DpiaItem:
    """One matched item: an AP list item, an Art. 35(3) case or a WP248 criterion."""

    id: str
    label: Text
    fact_ids: tuple[str, ...] = ()

    def __init__(self, id: str, label: Text, fact_ids: tuple[str, ...] = ()) -> None:
        # Written out (see _FAST_INIT).
        d = self.__dict__
        d["id"] = id
        d["label"] = label
        d["fact_ids"] = fact_ids

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": dict(self.label), "fact_ids": list(self.fact_ids)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DpiaItem:
        return cls(id=str(d["id"]), label=_text(d["label"]), fact_ids=tuple(d.get("fact_ids", [])))


@dataclass(frozen=True)
class DpiaAssessment:
    likely_required: bool
    mandatory: bool
    ap_list_items: tuple[DpiaItem, ...] = ()
    art35_3: tuple[DpiaItem, ...] = ()
    wp248_criteria: tuple[DpiaItem, ...] = ()
    reasons: tuple[Text, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "likely_required": self.likely_required,
            "mandatory": self.mandatory,
            "ap_list_items": [i.to_dict() for i in self.ap_list_items],
            "art35_3": [i.to_dict() for i in self.art35_3],
            "wp248_criteria": [i.to_dict() for i in self.wp248_criteria],
            "reasons": [dict(r) for r in self.reasons],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DpiaAssessment:
        return cls(
            likely_required=bool(d["likely_required"]),
            mandatory=bool(d["mandatory"]),
            ap_list_items=tuple(DpiaItem.from_dict(i) for i in d.get("ap_list_items", [])),
            art35_3=tuple(DpiaItem.from_dict(i) for i in d.get("art35_3", [])),
            wp248_criteria=tuple(DpiaItem.from_dict(i) for i in d.get("wp248_criteria", [])),
            reasons=tuple(_text(r) for r in d.get("reasons", [])),
        )


@dataclass(frozen=True)
class FactorJudgement:
    """One of the three factors of the AP policy rules (Art. 2(3)): a level and its reasons."""

    level: str  # low | medium | high
    reasons: tuple[Text, ...] = ()
    focus_areas: tuple[str, ...] = ()  # only used by factor b (societal)

    def to_dict(self, with_focus: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"level": self.level, "reasons": [dict(r) for r in self.reasons]}
        if with_focus:
            d["focus_areas"] = list(self.focus_areas)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FactorJudgement:
        return cls(
            level=str(d["level"]),
            reasons=tuple(_text(r) for r in d.get("reasons", [])),
            focus_areas=tuple(d.get("focus_areas", [])),
        )


@dataclass(frozen=True)
class Priority:
    score: int
    band: str
    affected: FactorJudgement
    societal: FactorJudgement
    effective: FactorJudgement
    combination: str  # id of the decision-table row that set the band
    combination_reason: Text = field(default_factory=lambda: {"nl": "", "en": ""})

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "band": self.band,
            "factors": {
                "affected": self.affected.to_dict(),
                "societal": self.societal.to_dict(with_focus=True),
                "effective": self.effective.to_dict(),
            },
            "combination": self.combination,
            "combination_reason": dict(self.combination_reason),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Priority:
        f = d["factors"]
        return cls(
            score=int(d["score"]),
            band=str(d["band"]),
            affected=FactorJudgement.from_dict(f["affected"]),
            societal=FactorJudgement.from_dict(f["societal"]),
            effective=FactorJudgement.from_dict(f["effective"]),
            combination=str(d["combination"]),
            combination_reason=_text(d.get("combination_reason", {})),
        )


@dataclass(frozen=True)
class TriageResult:
    """The engine's reading of one complaint. It suggests; a person decides."""

    id: str
    language: str
    articles: tuple[int, ...]
    article_reasons: tuple[ArticleReason, ...]
    categories: tuple[str, ...]
    special_categories: tuple[str, ...]
    vulnerable_groups: tuple[str, ...]
    controller: Controller
    dpia: DpiaAssessment
    priority: Priority
    lane: str
    lane_reasons: tuple[Text, ...]
    facts: tuple[Fact, ...]
    confidence: float
    needs_more_information: bool
    engine_version: str
    rules_version: str

    def to_dict(self) -> dict[str, Any]:
        # The nested objects' to_dict() written out (the same dicts, built with fewer calls):
        # this runs for every result the command line writes.
        c = self.controller
        dp = self.dpia
        p = self.priority
        a, b, e = p.affected, p.societal, p.effective
        return {
            "id": self.id,
            "language": self.language,
            "articles": list(self.articles),
            "article_reasons": [
                {
                    "article": r.article,
                    "law": r.law,
                    "reference": r.reference,
                    "reason": dict(r.reason),
                    "fact_ids": list(r.fact_ids),
                    "rule_id": r.rule_id,
                }
                for r in self.article_reasons
            ],
            "categories": list(self.categories),
            "special_categories": list(self.special_categories),
            "vulnerable_groups": list(self.vulnerable_groups),
            "controller": {
                "name": c.name,
                "type": c.type,
                "sector": c.sector,
                "matched_by": c.matched_by,
                "evidence": [{"start": v.start, "end": v.end, "text": v.text} for v in c.evidence],
                "main_establishment": c.main_establishment,
            },
            "dpia": {
                "likely_required": dp.likely_required,
                "mandatory": dp.mandatory,
                "ap_list_items": [
                    {"id": i.id, "label": dict(i.label), "fact_ids": list(i.fact_ids)}
                    for i in dp.ap_list_items
                ],
                "art35_3": [
                    {"id": i.id, "label": dict(i.label), "fact_ids": list(i.fact_ids)}
                    for i in dp.art35_3
                ],
                "wp248_criteria": [
                    {"id": i.id, "label": dict(i.label), "fact_ids": list(i.fact_ids)}
                    for i in dp.wp248_criteria
                ],
                "reasons": [dict(r) for r in dp.reasons],
            },
            "priority": {
                "score": p.score,
                "band": p.band,
                "factors": {
                    "affected": {"level": a.level, "reasons": [dict(r) for r in a.reasons]},
                    "societal": {
                        "level": b.level,
                        "reasons": [dict(r) for r in b.reasons],
                        "focus_areas": list(b.focus_areas),
                    },
                    "effective": {"level": e.level, "reasons": [dict(r) for r in e.reasons]},
                },
                "combination": p.combination,
                "combination_reason": dict(p.combination_reason),
            },
            "lane": self.lane,
            "lane_reasons": [dict(r) for r in self.lane_reasons],
            "facts": [
                {
                    "id": f.id,
                    "kind": f.kind,
                    "value": f.value,
                    "rule_id": f.rule_id,
                    "label": dict(f.label),
                    "evidence": [
                        {"start": v.start, "end": v.end, "text": v.text} for v in f.evidence
                    ],
                }
                for f in self.facts
            ],
            "confidence": self.confidence,
            "needs_more_information": self.needs_more_information,
            "version": {"engine": self.engine_version, "rules": self.rules_version},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TriageResult:
        return cls(
            id=str(d["id"]),
            language=str(d["language"]),
            articles=tuple(int(a) for a in d["articles"]),
            article_reasons=tuple(ArticleReason.from_dict(a) for a in d["article_reasons"]),
            categories=tuple(d["categories"]),
            special_categories=tuple(d["special_categories"]),
            vulnerable_groups=tuple(d["vulnerable_groups"]),
            controller=Controller.from_dict(d["controller"]),
            dpia=DpiaAssessment.from_dict(d["dpia"]),
            priority=Priority.from_dict(d["priority"]),
            lane=str(d["lane"]),
            lane_reasons=tuple(_text(r) for r in d["lane_reasons"]),
            facts=tuple(Fact.from_dict(f) for f in d["facts"]),
            confidence=float(d["confidence"]),
            needs_more_information=bool(d["needs_more_information"]),
            engine_version=str(d["version"]["engine"]),
            rules_version=str(d["version"]["rules"]),
        )

    def facts_of(self, kind: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.kind == kind)
