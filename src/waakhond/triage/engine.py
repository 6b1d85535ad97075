"""The triage pipeline: text -> facts -> controller -> articles -> DPIA -> priority -> lane.

``triage()`` is a pure function of its input and the rule files: no clock, no randomness, no
network, no database. When the intake date is missing it uses ``DEFAULT_RECEIVED_ON`` (a fixed,
documented date, so results stay reproducible); pass ``received_on`` for real complaints.

Facts are turned into a set of tokens (``kind:value``, ``kind:*``, ``rule:ID``, controller and
derived tokens such as ``scale:large`` or ``duration:long``) on which every later rule file's
conditions are evaluated; see ``rules/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .articles import FactIndex, conclude_articles
from .citations import add_cited_articles, citation_facts
from .dpia import assess_dpia
from .facts import extract_facts, form_facts
from .lanes import RIGHTS_CATEGORIES, request_status, suggest_lane
from .organisations import identify_controller
from .priority import judge_priority
from .rules import Rules, load_rules
from .text import clean_input, detect_language, lower_preserving
from .types import ComplaintInput, Controller, Fact, TriageResult

ENGINE_VERSION = "1.0.0"
# A complaint told in the first person (as opposed to a decision summary in the third person);
# at intake, articles are suspicions a lawyer flags, in a decision they are findings.
_FIRST_PERSON = re.compile(r"\b(?:ik|mijn|mij|wij|ons|onze|i|my|me|we|our|us)\b")
DEFAULT_RECEIVED_ON = date(2026, 1, 1)  # used only when the intake date is unknown

# Controllers whose processing of personal data is, in a complaint, law enforcement under the
# Police Data Act (Wpg, Directive (EU) 2016/680): the police, the public prosecution service and
# the special investigative services. Other bodies of the justice sector (the CJIB collecting
# traffic fines under the Wahv, courts' administration, a municipality's enforcement officers
# outside criminal investigation) process under the GDPR.
WPG_CONTROLLERS = frozenset({"nl.politie", "nl.om", "nl.bod"})

LARGE_SCALE = 1000  # people; WP248 criterion 5 and factor b
MEDIUM_SCALE = 100
LONG_DURATION_YEARS = 2

# Fact kinds that say something about the processing itself (not only about the complainant)
SUBSTANTIVE_KINDS = frozenset(
    {
        "special_category",
        "identifier",
        "data_type",
        "practice",
        "issue",
        "coercion",
        "processor_mentioned",
    }
)


def rules_version() -> str:
    return load_rules().version


def organisation_id(controller: Controller) -> str | None:
    """The id of the organisation rule that named the controller ("form:nl.cjib" -> "nl.cjib")."""
    if not controller.matched_by:
        return None
    return controller.matched_by.rsplit(":", 1)[-1]


def is_law_enforcement(controller: Controller) -> bool:
    """Processing by the police, the OM or a special investigative service: the Wpg applies."""
    return controller.type == "public" and organisation_id(controller) in WPG_CONTROLLERS


def build_tokens(
    facts: list[Fact], controller: Controller, fact_tokens: Iterable[str] | None = None
) -> frozenset[str]:
    """The complaint's tokens. ``fact_tokens`` may pass in the tokens that name the facts
    (``FactIndex.tokens()``) when the caller already has them."""
    if fact_tokens is None:
        fact_tokens = FactIndex(facts).tokens()
    tokens: set[str] = set(fact_tokens)
    years = 0
    duration = False
    scale = None
    for f in facts:
        if f.kind == "duration":
            duration = True
            years = max(years, int(f.value) if isinstance(f.value, int) else 0)
        if f.kind == "scale":
            if f.value == "large" or (isinstance(f.value, int) and f.value >= LARGE_SCALE):
                scale = "large"
            elif scale != "large" and (
                f.value == "medium" or (isinstance(f.value, int) and f.value >= MEDIUM_SCALE)
            ):
                scale = "medium"
    if duration:
        tokens.add("duration:any")
    if years >= LONG_DURATION_YEARS:
        tokens.add("duration:long")
    if scale:
        tokens.add(f"scale:{scale}")
        if scale == "large":
            tokens.add("scale:medium")  # a large group is at least a medium one
    if controller.name or controller.type:
        tokens.add("controller:known")
    if controller.type:
        tokens.add(f"controller:{controller.type}")
    if controller.sector:
        tokens.add(f"sector:{controller.sector}")
    org = organisation_id(controller)
    if org:
        tokens.add(f"org:{org}")
    if controller.main_establishment and controller.main_establishment != "NL":
        tokens.add("lead_authority:foreign")
        tokens.add("big_tech:*")
    if not any(f.kind in SUBSTANTIVE_KINDS for f in facts):
        tokens.add("facts:none")
    return frozenset(tokens)


def triage(complaint: ComplaintInput, rules: Rules | None = None) -> TriageResult:
    """Read one complaint and suggest how to handle it. Never raises on odd text."""
    rules = rules or load_rules()
    text = clean_input(complaint.text if isinstance(complaint.text, str) else str(complaint.text))
    lowered = lower_preserving(text)
    received_on = complaint.received_on or DEFAULT_RECEIVED_ON
    language, lang_certainty = detect_language(lowered, complaint.language)

    matches = rules.matcher.run(lowered)  # one pass over the text for facts and organisations
    facts = (
        extract_facts(text, lowered, rules, received_on, matches)
        + citation_facts(text, lowered)
        + form_facts(complaint, received_on)
    )
    controller = identify_controller(text, lowered, complaint.organisation, rules, matches)
    fact_index = FactIndex(facts)  # which facts each rule's tokens name, once per complaint
    tokens = build_tokens(facts, controller, fact_index.tokens())

    if _FIRST_PERSON.search(lowered) and "decision:*" not in tokens:
        tokens = tokens | {"voice:complaint"}

    status, deadline = request_status(tokens, complaint.contacted_on, lowered, received_on)
    if status == "passed":
        tokens = tokens | {"deadline:passed"}

    dpia = assess_dpia(facts, tokens, rules, fact_index)
    if dpia.mandatory:
        tokens = tokens | {"dpia:mandatory"}
    if dpia.likely_required:
        tokens = tokens | {"dpia:likely"}
    listed = [i.id for i in dpia.ap_list_items + dpia.art35_3]
    if listed:
        tokens = tokens.union([f"dpia_item:{i}" for i in listed])
    if len(listed) == 1:
        tokens = tokens | {"dpia_items:one"}  # a single listed item: see art35 in articles.toml
    articles, article_reasons, categories = conclude_articles(facts, tokens, rules, fact_index)
    articles, article_reasons, categories = add_cited_articles(facts, article_reasons, categories)
    if any(r.rule_id == "art55.judicial_capacity" for r in article_reasons):
        # A court in its judicial capacity: only the provision that puts it outside the AP's reach
        article_reasons = tuple(r for r in article_reasons if r.article == 55 and r.law == "GDPR")
        articles = (55,)
        categories = ("other",)
        tokens = tokens | {"judicial_capacity:*"}
    law_enforcement = is_law_enforcement(controller)
    if law_enforcement:
        # Police data processed for law-enforcement purposes fall under the Wpg (Directive (EU)
        # 2016/680), not the GDPR: no GDPR article is suggested.
        articles = ()
        article_reasons = tuple(a for a in article_reasons if a.law != "GDPR")
    priority = judge_priority(tokens, received_on, rules)

    substantive = [f for f in facts if f.kind in SUBSTANTIVE_KINDS]
    lane, lane_reasons = suggest_lane(
        tokens,
        categories,
        priority.band,
        priority.affected.level,
        priority.effective.level,
        status,
        has_facts=bool(substantive),
    )
    if law_enforcement:
        lane_reasons.append(
            {
                "nl": "Politiegegevens voor de strafrechtelijke taak vallen onder de Wet politiegegevens (richtlijn (EU) 2016/680), niet onder de AVG.",
                "en": "Police data processed for criminal-law purposes fall under the Police Data Act (Directive (EU) 2016/680), not the GDPR.",
            }
        )
    is_rights = bool(RIGHTS_CATEGORIES.intersection(categories))
    if is_rights and deadline is not None:
        lane_reasons.append(
            {
                "nl": f"Termijn van art. 12 lid 3 AVG voor de organisatie: {deadline.isoformat()}.",
                "en": f"GDPR Art. 12(3) deadline for the organisation: {deadline.isoformat()}.",
            }
        )

    # the number of words up to 13 (a longer text is not split further): only "< 12" matters
    words = len(lowered.split(maxsplit=12))
    needs_more = (
        not substantive
        or not controller.name
        or words < 12
        or (is_rights and status == "unknown" and lane != "out_of_scope")
    )
    kinds = {f.kind for f in substantive}
    confidence = 0.15 + 0.08 * min(len(kinds), 5) + 0.03 * min(len(substantive), 5)
    confidence += 0.15 if controller.name else 0.0
    confidence += 0.1 * lang_certainty
    if words < 12:
        confidence *= 0.5
    confidence = round(min(0.95, confidence if substantive else min(confidence, 0.2)), 2)

    return TriageResult(
        id=complaint.id,
        language=language,
        articles=articles,
        article_reasons=article_reasons,
        categories=categories,
        special_categories=tuple(
            sorted({str(f.value) for f in facts if f.kind == "special_category"})
        ),
        vulnerable_groups=tuple(
            sorted({str(f.value) for f in facts if f.kind == "vulnerable_group"})
        ),
        controller=controller,
        dpia=dpia,
        priority=priority,
        lane=lane,
        lane_reasons=tuple(lane_reasons),
        facts=tuple(facts),
        confidence=confidence,
        needs_more_information=needs_more,
        engine_version=ENGINE_VERSION,
        rules_version=rules.version,
    )
