"""The triage explanation is read defensively and the evidence is highlighted safely."""

import pytest

from waakhond.cases.explanation import evidence_spans, explanation_build, highlight_evidence

from .factories import DESCRIPTION, triage_result


class TestHighlightEvidence:
    def test_a_span_is_wrapped_in_a_mark(self):
        assert highlight_evidence("wij filmen alles", [(4, 10)]) == (
            'wij <mark class="wh-evidence">filmen</mark> alles'
        )

    def test_overlapping_spans_become_one_mark(self):
        html = highlight_evidence("abcdefghij", [(2, 6), (4, 8), (0, 1)])
        assert (
            html == '<mark class="wh-evidence">a</mark>b<mark class="wh-evidence">cdefgh</mark>ij'
        )

    def test_a_span_inside_another_adds_nothing(self):
        assert (
            highlight_evidence("abcdef", [(1, 5), (2, 3)])
            == 'a<mark class="wh-evidence">bcde</mark>f'
        )

    def test_touching_spans_are_merged(self):
        assert (
            highlight_evidence("abcdef", [(0, 2), (2, 4)])
            == '<mark class="wh-evidence">abcd</mark>ef'
        )

    def test_html_in_the_text_stays_escaped_inside_and_outside_marks(self):
        text = '<script>alert("x")</script> en <b>vet</b>'
        vet = text.index("vet")
        html = highlight_evidence(text, [(0, 8), (vet, vet + 3)])
        assert "<script>" not in html
        assert "<b>" not in html
        assert html.startswith(
            '<mark class="wh-evidence">&lt;script&gt;</mark>alert(&quot;x&quot;)'
        )
        assert '&lt;b&gt;<mark class="wh-evidence">vet</mark>&lt;/b&gt;' in html

    def test_no_spans_gives_the_escaped_text(self):
        assert highlight_evidence("a < b", []) == "a &lt; b"

    def test_spans_outside_the_text_are_clipped(self):
        assert highlight_evidence("abc", [(-5, 1), (2, 99)]) == (
            '<mark class="wh-evidence">a</mark>b<mark class="wh-evidence">c</mark>'
        )


class TestEvidenceSpans:
    @pytest.mark.parametrize(
        "evidence",
        [
            {"start": 5, "end": 3, "text": ""},  # reversed
            {"start": 0, "end": 999, "text": ""},  # past the end
            {"start": "0", "end": "2"},  # not numbers
            {"start": True, "end": 2},  # a boolean is not an offset
            {"start": 0, "end": 3, "text": "xyz"},  # words from another field
            "not a dict",
        ],
    )
    def test_invalid_evidence_is_dropped(self, evidence):
        assert evidence_spans("abcdef", [evidence]) == []

    def test_valid_evidence_is_kept(self):
        assert evidence_spans("abcdef", [{"start": 1, "end": 3, "text": "bc"}]) == [(1, 3)]


class TestExplanationBuild:
    def test_a_full_result_gives_factors_facts_articles_and_version(self):
        explanation = explanation_build(triage_result("high"), text=DESCRIPTION, language="nl")
        assert explanation.band == "high"
        assert explanation.score == 85
        assert [f.key for f in explanation.factors] == ["affected", "societal", "effective"]
        assert explanation.factors[0].reasons == ("Jarenlang gefilmd.",)
        assert [f.label for f in explanation.facts][:1] == ["Camera-opnamen"]
        assert explanation.facts[0].words == ("filmt",)
        assert explanation.articles[0].reference == "35(1)"
        assert explanation.articles[0].facts == ("Camera-opnamen", "Mensen in de bijstand")
        assert explanation.dpia.likely_required is True
        assert explanation.engine_version == "0.1.0"
        assert explanation.has_highlights
        assert '<mark class="wh-evidence">filmt</mark>' in explanation.highlighted_text

    def test_reasons_follow_the_language(self):
        explanation = explanation_build(triage_result("high"), text=DESCRIPTION, language="en")
        assert explanation.factors[0].reasons == ("Filmed for years.",)
        assert explanation.facts[0].label == "Camera recording"

    def test_a_missing_language_falls_back_to_the_other(self):
        result = triage_result("high")
        result["lane_reasons"] = [{"nl": "", "en": "Only English."}]
        assert explanation_build(result, text=DESCRIPTION, language="nl").lane_reasons == (
            "Only English.",
        )

    @pytest.mark.parametrize(
        "result",
        [
            None,
            {},
            [],
            "garbage",
            {"priority": None, "facts": None, "dpia": "yes", "controller": 3},
            {"priority": {"factors": {"affected": "high"}}, "facts": [None, {"evidence": [None]}]},
            {"article_reasons": [{"reason": None}], "articles": ["x", 9]},
            {"confidence": "high", "version": None, "categories": None},
        ],
    )
    def test_a_broken_or_partial_result_never_raises(self, result):
        explanation = explanation_build(
            result, text="Een klacht <b>zonder</b> feiten.", language="nl"
        )
        assert "&lt;b&gt;" in explanation.highlighted_text

    def test_only_article_numbers_are_shown_when_reasons_are_missing(self):
        explanation = explanation_build({"articles": [15, "x"]}, text="", language="nl")
        assert [a.reference for a in explanation.articles] == ["15"]
