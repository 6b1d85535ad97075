"""Text helpers: length-preserving lower-casing, language detection, input limits.

Rules match lower-cased text, but evidence must point into the original text, so lower-casing
must keep every character at its offset (``"İ".lower()`` has two characters; such characters
are left as they are). Language detection counts common Dutch and English function words: no
downloaded model, deterministic, and good enough to choose between two languages.
"""

from __future__ import annotations

import re
from itertools import repeat

MAX_TEXT_CHARS = 200_000  # longer texts are triaged on their first 200,000 characters

NL_WORDS = frozenset(
    """de het een en van ik je jij u we wij zij ze hij is zijn was waren heb hebt heeft hebben
    niet geen wel ook maar als dat die dit deze om op aan met voor naar bij uit over tot door
    mijn mij me ons onze hun hen er nog al dan toen omdat want of wordt worden werd werden
    zou zouden moet moeten kan kunnen mag mogen wil willen gaat gaan sinds zonder tegen na
    nooit steeds altijd wat wie waar hoe waarom heel erg gemeente gegevens""".split()
)
EN_WORDS = frozenset(
    """the a an and of i you we they he she it is are was were have has had not no but if that
    this these those to on at with for from by about my me our us their them there still when
    because or be been being would should must can could may will do does did what who where
    how why very company data which its than into after without""".split()
)
# Both counts in one sum: a Dutch function word adds 1, an English one 2**32 (some are both).
_EN_UNIT = 1 << 32
_LANGUAGE_WORDS = {w: (w in NL_WORDS) + _EN_UNIT * (w in EN_WORDS) for w in NL_WORDS | EN_WORDS}
_WORD = re.compile(r"[^\W\d_]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


# typographic apostrophes and quotes read as the plain ones ("couldn’t", "the individual’s"),
# and accented vowels as plain ones: Dutch is often typed without its diacritics ("patient",
# "geinformeerd", "beeindigd"). One character for one, so that offsets stay the same; the rule
# patterns are folded the same way when they are compiled (``fold``), so a rule may be written
# with or without the accents.
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        **{c: "a" for c in "àáâä"},
        **{c: "e" for c in "èéêë"},
        **{c: "i" for c in "ìíîï"},
        **{c: "o" for c in "òóôö"},
        **{c: "u" for c in "ùúûü"},
    }
)


def fold(text: str) -> str:
    """``text`` with typographic quotes and accented vowels made plain, one character for one."""
    return text if text.isascii() else text.translate(_FOLD)


def lower_preserving(text: str) -> str:
    """Lower-case ``text`` without changing its length or any character's offset; typographic
    apostrophes and accented vowels become plain ones (see ``fold``)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return fold(low)


def clean_input(text: str) -> str:
    """Bound the input size and replace characters that cannot be encoded (lone surrogates).

    Offsets in the result are offsets in the text the engine saw; for inputs within the limit and
    without lone surrogates that is the input itself.
    """
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


# every ASCII character that is not a letter, as a space: what separates words in ASCII text
_ASCII_NON_LETTERS = {c: " " for c in range(128) if not chr(c).isalpha()}


def _words(text: str) -> list[str]:
    """The words (runs of letters) of ``text``, as ``_WORD.findall(text)`` but in another order.

    ASCII punctuation and digits become spaces, so that splitting on whitespace gives the words;
    a token that still holds a character other than a letter (only possible outside ASCII) goes
    through the regular expression.
    """
    spaced = text.translate(_ASCII_NON_LETTERS)
    tokens = spaced.split()
    if spaced.isascii():
        return tokens
    words = [t for t in tokens if t.isalpha()]
    if len(words) < len(tokens):
        words += _WORD.findall(" ".join([t for t in tokens if not t.isalpha()]))
    return words


def detect_language(lowered: str, hint: str | None = None) -> tuple[str, float]:
    """Return ("nl" | "en", certainty 0-1) from function-word counts; the hint breaks ties."""
    words = _words(lowered[:3000])  # the first few hundred words decide
    both = sum(map(_LANGUAGE_WORDS.get, words, repeat(0, len(words))))
    nl, en = both % _EN_UNIT, both // _EN_UNIT
    total = nl + en
    fallback = hint if hint in ("nl", "en") else "nl"
    if total == 0:
        return fallback, 0.0
    if nl == en:
        return fallback, 0.5
    lang = "nl" if nl > en else "en"
    certainty = max(nl, en) / total
    # few words give little certainty
    certainty *= min(1.0, total / 8)
    return lang, round(certainty, 3)
