"""The matcher: the word filter and the other shortcuts must never change what is found.

``Matcher.run`` (word filter, candidate cache, searched patterns tried at word starts) is
compared with ``Matcher.run_reference`` (every word start looked up) and with plain
``re.finditer`` per pattern, on the real rule files and on small made-up pattern sets that
exercise overlapping matches, optional groups, look-arounds and patterns without a literal start.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from waakhond.triage.rules import (
    Matcher,
    _after_assertions,
    _compile,
    _leading_group,
    _leading_literal,
    _non_word_class,
    _splits,
    _top_level_bar,
    _word_class,
    load_rules,
)
from waakhond.triage.text import _WORD, _words, detect_language

DEV = Path(__file__).resolve().parents[4] / "data" / "eval"


def _matcher(patterns: list[str]) -> Matcher:
    return Matcher([(("f", i), p) for i, p in enumerate(_compile(patterns, "test"))])


def _by_finditer(patterns: list[str], text: str) -> set[tuple[int, int, int]]:
    """What each pattern finds on its own: (pattern number, start, end), non-empty only."""
    out = set()
    for i, p in enumerate(patterns):
        for m in re.finditer(p, text):
            if m.end() > m.start():
                out.add((i, m.start(), m.end()))
    return out


def _found(matcher: Matcher, text: str) -> set[tuple[int, int, int]]:
    return {(key[1], s, e) for key, s, e in matcher.run(text)}


def _texts() -> list[str]:
    texts = []
    for name in ("dev_nl.jsonl", "dev_en.jsonl"):
        path = DEV / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"].lower())
    rng = random.Random(7)
    words = " ".join(texts).split() or ["ik", "heb", "een", "camera", "2014"]
    for _ in range(300):  # word salad with odd separators and characters
        parts = [rng.choice(words) for _ in range(rng.randint(0, 120))]
        seps = [rng.choice([" ", "  ", "\n", "-", "/", "(", "'", "’", ".", "", "İ"]) for _ in parts]
        texts.append("".join(a + b for a, b in zip(parts, seps, strict=True)))
    return texts + ["", " ", "a", "ik", "1", "12 mensen", "İk heb"]


def test_real_rules_same_as_reference():
    matcher = load_rules().matcher
    for text in _texts():
        assert matcher.run(text) == matcher.run_reference(text), text[:80]


# patterns starting at a word boundary (indexed), with overlaps between patterns and within one
PATTERNS = [
    r"\bcamera\w*",
    r"\bcamera's\b",
    r"\b(?:data )?process(?:ing|or) agreements?\b",
    r"\bprocessing\b",
    r"\b(?:in|uit)\s?klokken\b(?=[^.]{0,40}vinger)",
    r"\b(?:ge)?profileer\w*",
    r"\b(?:ai|a\.i\.)\b",
    r"\bik (?:\w+ ){0,3}(?:gevraagd|verzocht)\b",
    r"\bik\b",
    r"(?<!accessed )\billegal\w*(?! access)",
    r"\b(?:het|een) systeem (?:heeft |had )?(?:afgewezen|besloten)\b",
    r"\bde (?:de )?de\b",  # overlaps with itself
    r"\b(?:breach|leak)(?:es|s)?\b|\bdatalek\w*",  # a top-level alternation
    # searched patterns: no literal start; the first ones can only start at a word start
    r"\b\d{2,7}\s+(?:mensen|people)\b",
    r"\b\d+(?:[.,]\d+)?\s*miljoen\b",
    r"\b(?:al |ruim )?(?:\d{1,2}|twee|drie) jaar\b",
    r"verzoek\w* (?:gedaan|ingediend)\b",
    r"\w+@\w+",
    # optional characters and small classes, which the word filter splits into literals
    r"\be-?mails?\b",
    r"\bno[- ]contact\b",
    r"\blicen[cs]e\w*",
    r"\bre-?integra\w+",
]


@pytest.mark.parametrize(
    "text",
    [
        "de camera's en de camera filmen; camerabeelden",
        "a data processing agreement and a processor agreements, processing",
        "wij moeten inklokken met onze vingerafdruk, uit klokken ook",
        "ze hebben mij geprofileerd en profileren; ai en a.i. en aix",
        "ik heb het gevraagd. ik heb het nog eens echt verzocht ik",
        "illegal, illegally accessed illegal access, not accessed illegally",
        "het systeem heeft afgewezen en een systeem had besloten",
        "de de de de de de",
        "a breach, two breaches, the datalekken, leaks",
        "12 mensen, 1234567 people, 3,5 miljoen, 12345678 mensen",
        "al 3 jaar, ruim twee jaar, drie jaar, 123 jaar",
        "een verzoek gedaan, verzoeken ingediend; mail a@b",
        "",
        "12 mensen",
        "an e-mail, emails, e mail, email; no-contact, no contact, nocontact",
        "licence, license, licenses; re-integratie, reintegratie, re integratie",
        "\U0001d400camera \U0001d400 ik heb de camera's \U00010400e-mail",  # word characters beyond the BMP
    ],
)
def test_same_spans_as_each_pattern_alone(text):
    """Every pattern finds exactly what re.finditer finds with it alone, overlaps included."""
    assert _found(_matcher(PATTERNS), text) == _by_finditer(PATTERNS, text)


def test_random_texts_same_spans_as_each_pattern_alone():
    matcher = _matcher(PATTERNS)
    rng = random.Random(3)
    vocab = "de camera's processing agreement ik heb gevraagd illegal 12 mensen al twee jaar ai "
    vocab += "a.i. inklokken vinger systeem heeft afgewezen datalek breaches verzoek gedaan x@y"
    words = vocab.split()
    for _ in range(400):
        text = "".join(
            rng.choice(words) + rng.choice([" ", " ", ".", "-", "\n", "(", ""])
            for _ in range(rng.randint(0, 40))
        )
        assert _found(matcher, text) == _by_finditer(PATTERNS, text), text
        assert matcher.run(text) == matcher.run_reference(text), text


def test_searched_patterns_tried_at_word_starts():
    matcher = _matcher(PATTERNS)
    word_start = {matcher.scan[pos][2].regex.pattern for pos in matcher._word_scan_positions}
    assert r"\b\d{2,7}\s+(?:mensen|people)\b" in word_start
    assert r"\b(?:al |ruim )?(?:\d{1,2}|twee|drie) jaar\b" in word_start
    assert r"verzoek\w* (?:gedaan|ingediend)\b" not in word_start  # may start inside a word
    assert r"\w+@\w+" not in word_start


def test_splits_cover_the_pattern():
    assert _leading_literal(r"camera's\b") == ("camera's", r"\b")
    assert _leading_literal(r"agreements?\b") == ("agreement", r"s?\b")
    assert _leading_literal(r"a\.i\.") == ("a.i.", "")
    assert _leading_group(r"(?:ing|or) x") == (["ing", "or"], False, " x")
    assert _leading_group(r"(?:ge)?x") == (["ge"], True, "x")
    assert _leading_group(r"(?:ge)+x") is None
    assert _top_level_bar(r"a|b") and not _top_level_bar(r"(?:a|b)[|]\|")
    assert sorted(_splits(r"(?:ge)?profileer\w*")) == [
        ("geprofileer", r"\w*"),
        ("profileer", r"\w*"),
    ]
    assert sorted(_splits(r"(?:ai|a\.i\.)\b")) == [("a.i.", r"\b"), ("ai", r"\b")]
    # a literal of six characters or more is selective enough: later groups stay in the rest
    assert sorted(_splits(r"(?:data )?process(?:ing|or) agreements?\b")) == [
        ("data process", r"(?:ing|or) agreements?\b"),
        ("process", r"(?:ing|or) agreements?\b"),
    ]
    # an alternative without a literal keeps its rest, led by its first characters
    assert ("", r"\d{1,2} jaar") in _splits(r"(?:\d{1,2}|twee) jaar")
    assert _word_class(r"\d{1,2} jaar") == r"[\d]"
    assert _word_class(r"\s+x") == ""  # cannot start a word
    assert _word_class(r"\S+") is None  # partly word characters: cannot tell


def test_leading_look_arounds_are_set_aside():
    """A look-around before the first literal only narrows the matches: the literal still leads."""
    assert _after_assertions(r"(?<!geen )bezwaar\b") == (r"bezwaar\b", False)
    assert _after_assertions(r"(?<!in )(?<![)(] )\bbreach(?:es)?") == (r"breach(?:es)?", True)
    assert _after_assertions(r"\b(?!x)(?<=(?:a|b) )foo") == ("foo", True)
    assert _after_assertions(r"(?<!a\)b)\bc") == ("c", True)
    assert _after_assertions(r"(?<!unclosed") == (r"(?<!unclosed", False)
    patterns = [r"(?<!geen )\bbezwaar (?:gemaakt|ingediend)\b", r"(?<![)(] )\bbreach(?:es)?\b"]
    matcher = _matcher(patterns)
    assert all(lits for lits in matcher._literals.values())  # tried only after their literal
    for text in [
        "geen bezwaar gemaakt, wel bezwaar ingediend; (bezwaar gemaakt",
        "a breach, ( breaches, ) breach, breaches",
    ]:
        assert _found(matcher, text) == _by_finditer(patterns, text)
        assert matcher.run(text) == matcher.run_reference(text)


def test_optional_characters_and_small_classes_are_split():
    # while the literal is shorter than six characters, the next choice is split too
    assert sorted(_splits(r"e-?mails?\b")) == [
        ("e-mail", r"\b"),
        ("e-mails", r"\b"),
        ("email", r"\b"),
        ("emails", r"\b"),
    ]
    assert sorted(_splits(r"no[- ]contact\b")) == [("no contact", r"\b"), ("no-contact", r"\b")]
    assert sorted(_splits(r"licen[cs]e")) == [("licence", ""), ("license", "")]
    assert _splits(r"ab[a-z]c") == [("ab", "[a-z]c")]  # a range is left to the rest
    assert _splits(r"ab[^x]c") == [("ab", "[^x]c")]
    assert _splits(r"abc+d") == [("ab", "c+d")]  # only an optional character is split


def test_non_word_class_is_non_word_in_the_bmp():
    """The word filter's scanning class equals \\W in the BMP and takes every character beyond."""
    cls = re.compile(_non_word_class())
    for code in range(0x10000):
        ch = chr(code)
        assert bool(cls.match(ch)) == bool(re.match(r"\W", ch)), hex(code)
    assert cls.match("\U0001d400") and cls.match("\U0010fffd")


def test_split_alternatives_match_where_the_pattern_does():
    rng = random.Random(5)
    for pattern in PATTERNS[:12]:
        if not pattern.startswith(r"\b") or _top_level_bar(pattern):
            continue
        alternatives = [re.compile(re.escape(lit) + rest) for lit, rest in _splits(pattern[2:])]
        whole = re.compile(pattern[2:])
        for text in _texts()[:60] + ["data processor agreements", "geprofileerd"]:
            for i in {0, len(text)} | {rng.randrange(len(text) + 1) for _ in range(20)}:
                assert bool(whole.match(text, i)) == any(a.match(text, i) for a in alternatives)


def test_words_as_the_regular_expression():
    rng = random.Random(1)
    chars = "abcXYZ éëİ’'-_0123456789.,;:()\n\t\u00a0²½ß"
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 30)))
        assert sorted(_words(text)) == sorted(_WORD.findall(text))


def test_language_unchanged_on_mixed_text():
    assert detect_language("ik heb de gegevens niet gekregen, the data")[0] == "nl"
    assert detect_language("i have not received my data and the company")[0] == "en"
    assert detect_language("")[0] == "nl"


QUIRKY = [
    r"\b(?i:Gemeente)\b",  # a flagged group: indexed by "Gemeen", not embedded
    r"(?i)\bpolitie\w*",  # global flags: not embeddable
    r"\b(\w)\1\w*",  # a back-reference
    r"\b(?P<n>bsn)\b",  # a named group
    r"\bx\b",  # a one-character prefix
    r"\b\(x\)",  # starts with a non-word character
    r"\b(?:\d+|twee) (?:\w+ )?jaar\b",  # no literal for one alternative
    r"\bcamera\w*",
]


def test_quirky_patterns_same_as_reference():
    matcher = _matcher(QUIRKY)
    texts = _texts()[:200] + [
        "de Gemeente en de gemeente, Politie en politie, aabb, bsn, x, a x, (x), x",
        "twee jaar, 12 lange jaar, camera",
        "\U0001d400x \U0001d400bsn \U00010400camera x\U0001d400 (x)",  # beyond the BMP
    ]
    for text in texts + [t.upper() for t in texts]:
        assert matcher.run(text) == matcher.run_reference(text), text[:80]
