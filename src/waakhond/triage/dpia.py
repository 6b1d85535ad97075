"""DPIA check: was a data protection impact assessment likely required (GDPR Art. 35)?

Three layers, judged independently (``rules/dpia.toml``; domain note dpia-criteria.md §4):

- an item of the AP list of 17 (Stcrt. 2019, 64418) -> a DPIA was mandatory;
- a case of GDPR Art. 35(3) -> a DPIA was mandatory;
- two or more of the nine WP248 rev.01 criteria -> a DPIA was presumptively required.

``likely_required`` is true when any of the three says so. The check only runs when the complaint
is about a processing operation (a practice such as cameras, tracking or profiling); a lone rights
request or a one-off breach is not a processing operation to assess.
"""

from __future__ import annotations

from .articles import FactIndex, rules_that_hold
from .rules import Rules, holds
from .types import DpiaAssessment, DpiaItem, Fact


def assess_dpia(
    facts: list[Fact],
    tokens: frozenset[str],
    rules: Rules,
    fact_index: FactIndex | None = None,
) -> DpiaAssessment:
    applies_when, applies_unless = rules.dpia_applies
    if not holds(applies_when, applies_unless, tokens):
        return DpiaAssessment(
            likely_required=False,
            mandatory=False,
            reasons=(
                {
                    "nl": "De klacht beschrijft geen verwerking waarvoor een DPIA te beoordelen is.",
                    "en": "The complaint describes no processing operation for which a DPIA can be assessed.",
                },
            ),
        )
    matched: dict[str, list[DpiaItem]] = {}
    named = fact_index if fact_index is not None else FactIndex(facts)
    for key, items in rules.dpia_items.items():
        matched[key] = [
            DpiaItem(id=i.id, label=dict(i.data["label"]), fact_ids=named.ids_for(i.wanted))
            for i in rules_that_hold(items, tokens)
        ]
    threshold = int(rules.dpia.get("wp248_threshold", 2))
    mandatory = bool(matched["ap_list"] or matched["art35_3"])
    n_wp = len(matched["wp248"])
    likely = mandatory or n_wp >= threshold
    reasons = []
    if matched["ap_list"]:
        names = ", ".join(i.label["nl"] for i in matched["ap_list"])
        names_en = ", ".join(i.label["en"] for i in matched["ap_list"])
        reasons.append(
            {
                "nl": f"Valt onder de DPIA-lijst van de AP ({names}): een DPIA is verplicht.",
                "en": f"Falls under the AP's DPIA list ({names_en}): a DPIA is mandatory.",
            }
        )
    if matched["art35_3"]:
        reasons.append(
            {
                "nl": "Valt onder art. 35 lid 3 AVG: "
                + "; ".join(i.label["nl"] for i in matched["art35_3"])
                + ".",
                "en": "Falls under GDPR Art. 35(3): "
                + "; ".join(i.label["en"] for i in matched["art35_3"])
                + ".",
            }
        )
    if n_wp:
        verdict_nl = (
            "dus is een DPIA vermoedelijk vereist"
            if n_wp >= threshold
            else "minder dan twee, dus op zichzelf geen vermoeden"
        )
        verdict_en = (
            "so a DPIA is presumptively required"
            if n_wp >= threshold
            else "fewer than two, so no presumption on its own"
        )
        reasons.append(
            {
                "nl": f"{n_wp} van de 9 WP248-criteria ({', '.join(i.label['nl'] for i in matched['wp248'])}); {verdict_nl}.",
                "en": f"{n_wp} of the 9 WP248 criteria ({', '.join(i.label['en'] for i in matched['wp248'])}); {verdict_en}.",
            }
        )
    if not reasons:
        reasons.append({"nl": "Geen DPIA-criterium gevonden.", "en": "No DPIA criterion found."})
    return DpiaAssessment(
        likely_required=likely,
        mandatory=mandatory,
        ap_list_items=tuple(matched["ap_list"]),
        art35_3=tuple(matched["art35_3"]),
        wp248_criteria=tuple(matched["wp248"]),
        reasons=tuple(reasons),
    )
