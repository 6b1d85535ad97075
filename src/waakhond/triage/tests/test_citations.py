"""Articles the text cites by number are read as GDPR articles only when tied to the GDPR."""

import pytest

from waakhond.triage import ComplaintInput, triage
from waakhond.triage.citations import find_citations


def cited(text: str) -> list[tuple[int, str]]:
    return [(c.article, c.reference) for c in find_citations(text.lower())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The controller violated Article 5(1)(c) GDPR.", [(5, "5(1)(c)")]),
        ("in strijd met artikel 5, eerste lid, onder c, van de AVG", [(5, "5(1)(c)")]),
        ("op grond van art. 15 AVG vroeg ik inzage", [(15, "15")]),
        ("Articles 12 and 13 of the Regulation were infringed", [(12, "12"), (13, "13")]),
        ("artikel 6 lid 1 sub f AVG", [(6, "6(1)(f)")]),
        ("a breach of Articles 15-17 GDPR", [(15, "15"), (16, "16"), (17, "17")]),
    ],
)
def test_citations_tied_to_the_gdpr(text, expected):
    assert cited(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Article 32 of the contract says nothing about it.",  # no GDPR anywhere
        "Volgens artikel 46 UAVG mag dat niet, en de AVG ook niet.",  # another law follows
        "artikel 11.7 Telecommunicatiewet; ook de AVG",
        "I read an article 3 weeks ago about the GDPR.",  # a newspaper article
        "The fine was set under Article 83 GDPR.",  # fines are not what went wrong
        "Article 8 ECHR and the GDPR",
    ],
)
def test_numbers_that_are_not_gdpr_articles(text):
    assert cited(text) == []


def test_a_cited_article_is_concluded_with_its_reason_and_category():
    result = triage(
        ComplaintInput(
            id="c",
            text="De AP stelt vast dat de gemeente artikel 32 AVG heeft geschonden.",
        )
    )
    assert 32 in result.articles
    reason = next(r for r in result.article_reasons if r.article == 32)
    fact = next(f for f in result.facts if f.id in reason.fact_ids)
    assert fact.kind == "cited_article"
    assert [e.text for e in fact.evidence] == ["32"]
    assert "security_breach" in result.categories


def test_a_citation_joins_the_reason_the_rules_already_give():
    result = triage(
        ComplaintInput(
            id="c",
            text="I made an access request under Article 15 GDPR two months ago and got no reply.",
        )
    )
    reasons = [r for r in result.article_reasons if r.article == 15]
    assert len(reasons) == 1
    assert reasons[0].rule_id == "art15.access"
    assert "citation.gdpr.15" in reasons[0].fact_ids
