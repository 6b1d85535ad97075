"""Articles of the GDPR that a text cites by number ("Article 5(1)(c) GDPR", "art. 15 AVG").

Decisions, rulings and some complaints name the provisions themselves. A lawyer reading
"in strijd met artikel 32 AVG" does not need the facts to know that Art. 32 is at stake, so the
engine reads such citations as facts of their own (kind ``cited_article``, value the article
number) and cites the article with the reason "the text cites it".

A number counts as a GDPR article only when the citation is tied to the GDPR:

- the law follows the citation ("Article 6(1) GDPR", "artikel 5 lid 1 sub c van de AVG",
  "Articles 12 and 13 of the Regulation"); or
- the text names the GDPR somewhere and no other law follows the citation ("Article 33" in a
  decision that mentions the GDPR, but not "artikel 46 UAVG", "artikel 11.7 Telecommunicatiewet"
  or "Article 8 ECHR").

Articles that set up the authorities, their procedures, remedies and fines (51-57, 59-80, 83-84)
are not read as provisions at stake: "a fine under Article 83" says nothing about what went
wrong. Paragraph and point numbers ("(1)(c)", "lid 1 onder c", "paragraph 3") become the
reference ("5(1)(c)"), which decides the category of an Art. 5 citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .articles import categories_of_citation
from .types import CATEGORIES, ArticleReason, Evidence, Fact

RULE_ID = "citation.gdpr"
# articles on the authorities, their cooperation, remedies, liability of the state and fines
NOT_AT_STAKE = frozenset(range(51, 58)) | frozenset(range(59, 81)) | frozenset({83, 84})

_LAW = (
    r"(?:gdpr|avg|dsgvo|rgpd|ag?vo|general data protection regulation"
    r"|algemene verordening gegevensbescherming|(?:the |de |this |deze )?(?:regulation|verordening)"
    r"(?: \(eu\))?(?: (?:no\.? )?2016/679)?|\(eu\) 2016/679|2016/679)"
)
_OTHER_LAW = re.compile(
    r"\s*(?:of (?:the )?|van (?:de |het )?|der )?(?:uavg|uitvoeringswet|telecommunicatiewet|tw\b|awb"
    r"|evrm|echr|charter|handvest|directive|richtlijn|wet\b|act\b|code\b|wpg|wbp|grondwet"
    r"|constitution|bw\b|sr\b|sv\b|tfeu|vweu|verdrag|treaty|besluit|regeling|rv\b|led\b)"
)
_ARTICLE_WORD = r"(?:articles?|artikel(?:en|s)?|artt?\.?|arts\.?)"
# one citation: "5(1)(c)", "5 lid 1 sub c", "5, eerste lid, onder c", "6 paragraph 1 (f)"
_PART = (
    r"(?:\s?\(\s?\d{1,2}\s?\)|\s?\(\s?[a-h]\s?\)|\s?\(\s?[ivx]{1,4}\s?\)"
    r"|,?\s(?:lid|leden|paragraph|para\.?|par\.?|sub|onder|under|letter|point|punt|aanhef en)"
    r"\s(?:\d{1,2}|[a-h]\b)"
    r"|,?\s(?:eerste|tweede|derde|vierde|vijfde|zesde|first|second|third|fourth|fifth|sixth) lid"
    r"|\s?\b[a-h]\b(?=\s|,|\)|$))"
)
# a number, not an amount or a time ("an article 3 weeks ago")
_UNIT = (
    r"(?!\s(?:days?|weeks?|months?|years?|hours?|minutes?|times|people|persons|euros?|eur"
    r"|dagen|dag|weken|week|maanden|maand|jaar|jaren|uur|minuten|keer|mensen|personen)\b)"
)
_ONE = rf"\d{{1,2}}(?!\d|[.,]\d){_UNIT}(?:{_PART})*"
_JOIN = r"(?:\s?,\s?|\s?/\s?|\s?&\s?|\s?[-\u2013]\s?|\s(?:and|en|or|of|to|tot en met|through|jo\.?|juncto|in conjunction with|i\.?c\.?m\.?)\s)"
_CITATION = re.compile(
    rf"\b{_ARTICLE_WORD}\s?(?P<list>{_ONE}(?:{_JOIN}(?:{_ARTICLE_WORD}\s?)?{_ONE})*)"
    rf"(?P<law>,?\s?\(?(?:of (?:the )?|van (?:de |het )?|der |from the |under the |ex )?{_LAW}\b)?"
)
_GDPR_NAMED = re.compile(rf"\b{_LAW}\b|\bprivacy regulation\b|\bprivacywet\b")
_NUMBER = re.compile(_ONE)
_RANGE = re.compile(r"\s?(?:[-\u2013]|\s(?:to|tot en met|through)\s)\s?$")
_ORDINAL = {
    "eerste": "1",
    "tweede": "2",
    "derde": "3",
    "vierde": "4",
    "vijfde": "5",
    "zesde": "6",
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
}
_REF_PART = re.compile(
    r"\(\s?(\d{1,2}|[a-h]|[ivx]{1,4})\s?\)"
    r"|(?:lid|leden|paragraph|para\.?|par\.?)\s(\d{1,2})"
    r"|(?:sub|onder|under|letter|point|punt)\s([a-h])\b"
    r"|(eerste|tweede|derde|vierde|vijfde|zesde|first|second|third|fourth|fifth|sixth) lid"
    r"|\b([a-h])\b"
)


@dataclass(frozen=True)
class Citation:
    article: int
    reference: str  # "5(1)(c)", "15"
    start: int
    end: int


def _reference(article: int, tail: str) -> str:
    """ "5" + " lid 1 sub c" -> "5(1)(c)"."""
    parts = []
    for m in _REF_PART.finditer(tail):
        value = next(g for g in m.groups() if g)
        parts.append(_ORDINAL.get(value, value))
    return str(article) + "".join(f"({p})" for p in parts)


def find_citations(lowered: str) -> list[Citation]:
    """The GDPR articles ``lowered`` (lower-cased text) cites, in order of appearance."""
    if "art" not in lowered:
        return []
    gdpr_named: bool | None = None
    out: list[Citation] = []
    for m in _CITATION.finditer(lowered):
        if m.group("law") is None:
            if _OTHER_LAW.match(lowered, m.end()):
                continue  # "artikel 46 UAVG", "Article 8 ECHR"
            if gdpr_named is None:
                gdpr_named = _GDPR_NAMED.search(lowered) is not None
            if not gdpr_named:
                continue
        listed = m.group("list")
        base = m.start("list")
        previous: int | None = None
        for num in _NUMBER.finditer(listed):
            head = re.match(r"\d{1,2}", num.group())
            assert head is not None
            article = int(head.group())
            if previous is not None and _RANGE.search(listed[: num.start()]):
                # "Articles 15-22": every article in between, when the range is short
                if 0 < article - previous <= 10:
                    for between in range(previous + 1, article):
                        if between not in NOT_AT_STAKE:
                            out.append(
                                Citation(
                                    between, str(between), base + num.start(), base + num.end()
                                )
                            )
            previous = article
            if not 1 <= article <= 99 or article in NOT_AT_STAKE:
                continue
            out.append(
                Citation(
                    article,
                    _reference(article, num.group()[len(head.group()) :]),
                    base + num.start(),
                    base + num.end(),
                )
            )
    return out


def citation_facts(text: str, lowered: str) -> list[Fact]:
    """One fact per cited article, its evidence the citations (first five)."""
    spans: dict[int, list[Citation]] = {}
    for c in find_citations(lowered):
        spans.setdefault(c.article, []).append(c)
    facts = []
    for article, cites in sorted(spans.items()):
        refs = sorted({c.reference for c in cites}, key=len, reverse=True)
        facts.append(
            Fact(
                id=f"{RULE_ID}.{article}",
                kind="cited_article",
                value=refs[0],
                rule_id=RULE_ID,
                label={
                    "nl": f"De tekst noemt art. {refs[0]} AVG",
                    "en": f"The text cites GDPR Art. {refs[0]}",
                },
                evidence=tuple(Evidence(c.start, c.end, text[c.start : c.end]) for c in cites[:5]),
            )
        )
    return facts


def add_cited_articles(
    facts: list[Fact],
    reasons: tuple[ArticleReason, ...],
    categories: tuple[str, ...],
) -> tuple[tuple[int, ...], tuple[ArticleReason, ...], tuple[str, ...]]:
    """The articles, reasons and categories of the rules, with the cited articles added: an
    article the rules already cite gets the citation as one more fact; another is cited with
    the citation as its reason, and brings its own category (``categories_of_citation``)."""
    cited = [f for f in facts if f.kind == "cited_article"]
    if not cited:
        return tuple(sorted({r.article for r in reasons if r.law == "GDPR"})), reasons, categories
    by_article = {r.article: n for n, r in enumerate(reasons) if r.law == "GDPR"}
    out = list(reasons)
    cats = set(categories)
    for fact in cited:
        reference = str(fact.value)
        article = int(re.match(r"\d+", reference).group())  # type: ignore[union-attr]
        n = by_article.get(article)
        if n is not None:
            old = out[n]
            out[n] = ArticleReason(
                old.article,
                old.law,
                old.reference,
                old.reason,
                tuple(dict.fromkeys(old.fact_ids + (fact.id,))),
                old.rule_id,
            )
            continue
        by_article[article] = len(out)
        out.append(
            ArticleReason(
                article=article,
                law="GDPR",
                reference=reference,
                reason={
                    "nl": f"De tekst noemt zelf art. {reference} AVG als geschonden of van toepassing.",
                    "en": f"The text itself cites GDPR Art. {reference} as infringed or applicable.",
                },
                fact_ids=(fact.id,),
                rule_id=RULE_ID,
            )
        )
        cats.update(categories_of_citation(article, reference))
    ordered = tuple(sorted(out, key=lambda r: (r.law != "GDPR", r.article)))
    articles = tuple(sorted({r.article for r in ordered if r.law == "GDPR"}))
    return articles, ordered, tuple(c for c in CATEGORIES if c in cats)
