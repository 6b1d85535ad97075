"""Loading the rule files and evaluating their conditions.

The rules live as TOML data files in ``triage/rules/`` so that a lawyer can review them without
reading Python. This module reads them once per process (``load_rules()`` is cached), compiles
the regular expressions, and evaluates the small condition language shared by ``articles.toml``,
``dpia.toml``, ``focus_areas.toml`` and ``priority.toml``:

- a condition is a list of clauses, all of which must hold;
- a clause is ``alt | alt | ...``: it holds when one alternative holds;
- an alternative is ``lit & lit & ...``: it holds when all literals hold;
- a literal is a token (``kind:value``, ``kind:*``, ``rule:ID``, ``controller:public``, ...) that
  must be present in the complaint's token set, or ``!token`` that must be absent.

``RULES_VERSION`` is derived from the ``version`` keys of the files plus a short digest of their
bytes, so any edit to a rule file changes the version recorded on every result.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .text import fold

RULE_FILES = (
    "facts.toml",
    "organisations.toml",
    "municipality_aliases.toml",
    "articles.toml",
    "dpia.toml",
    "focus_areas.toml",
    "priority.toml",
    "municipalities.csv",
)

Alternative = tuple[frozenset[str], frozenset[str]]  # (tokens required, tokens excluded)
Clause = tuple[Alternative, ...]
Condition = tuple[Clause, ...]


def parse_clause(text: str) -> Clause:
    alternatives = []
    for alt in text.split("|"):
        pos, neg = [], []
        for lit in alt.split("&"):
            lit = lit.strip()
            if not lit:
                raise ValueError(f"empty literal in condition {text!r}")
            if lit.startswith("!"):
                neg.append(lit[1:].strip())
            else:
                pos.append(lit)
        alternatives.append((frozenset(pos), frozenset(neg)))
    return tuple(alternatives)


def parse_condition(clauses: list[str] | None) -> Condition:
    return tuple(parse_clause(c) for c in (clauses or []))


def clause_holds(clause: Clause, tokens: frozenset[str] | set[str]) -> bool:
    for pos, neg in clause:
        if pos.issubset(tokens) and neg.isdisjoint(tokens):
            return True
    return False


def holds(when: Condition, unless: Condition, tokens: frozenset[str] | set[str]) -> bool:
    """True when every ``when`` clause holds and no ``unless`` clause does.

    (``clause_holds`` written out: this runs for every rule of every complaint.)
    """
    for clause in when:
        for pos, neg in clause:
            if pos.issubset(tokens) and neg.isdisjoint(tokens):
                break
        else:
            return False
    for clause in unless:
        for pos, neg in clause:
            if pos.issubset(tokens) and neg.isdisjoint(tokens):
                return False
    return True


# A condition as ``holds_fast`` evaluates it: per clause, the tokens any one of which makes it
# hold (its alternatives of a single required token and nothing excluded, the common case), and
# its other alternatives.
FastClause = tuple[frozenset[str], tuple[Alternative, ...]]
FastCondition = tuple[FastClause, ...]


def fast_condition(condition: Condition) -> FastCondition:
    """``condition`` in the form ``holds_fast`` takes (the same clauses, grouped)."""
    out = []
    for clause in condition:
        single = [(pos, neg) for pos, neg in clause if len(pos) == 1 and not neg]
        out.append(
            (
                frozenset(tok for pos, _neg in single for tok in pos),
                tuple(alt for alt in clause if alt not in single),
            )
        )
    return tuple(out)


def holds_fast(when: FastCondition, unless: FastCondition, tokens: frozenset[str]) -> bool:
    """``holds`` for conditions given by ``fast_condition``: a clause whose single-token
    alternatives are all absent costs one set operation."""
    for any_of, others in when:
        if any_of.isdisjoint(tokens):
            for pos, neg in others:
                if pos <= tokens and neg.isdisjoint(tokens):
                    break
            else:
                return False
    for any_of, others in unless:
        if not any_of.isdisjoint(tokens):
            return False
        for pos, neg in others:
            if pos <= tokens and neg.isdisjoint(tokens):
                return False
    return True


try:
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre_parse  # type: ignore[no-redef]


def _parse(pattern: str) -> Any:
    try:
        return _sre_parse.parse(pattern)
    except re.error:
        return None


def _required_literal(pattern: str, parsed: Any = None) -> str | None:
    """The longest run of plain characters every match must contain, used as a cheap pre-filter.

    Only top-level literals count (they are mandatory in every match); a pattern without such a
    run of at least three characters is always run.
    """
    if parsed is None:
        parsed = _parse(pattern)
        if parsed is None:
            return None
    best = ""
    run: list[str] = []
    for op, arg in parsed:
        if str(op) == "LITERAL":
            run.append(chr(arg))
            continue
        if str(op) == "AT":
            continue  # \b between literals cannot occur inside a run we care about
        if len(run) > len(best):
            best = "".join(run)
        run = []
    if len(run) > len(best):
        best = "".join(run)
    return best if len(best) >= 3 else None


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    literal: str | None
    prefixes: frozenset[str] | None = None  # possible first 1-3 characters at a word start


PREFIX_LEN = 6
_MAX_PREFIXES = 400


def _word_start_prefixes(pattern: str, parsed: Any = None) -> frozenset[str] | None:
    """The strings (up to three characters) a match must start with, when it starts at a word start.

    Returns None when the pattern can start inside a word or its start cannot be bounded; such
    patterns are searched over the whole text instead (see ``Matcher``).
    """
    if parsed is None:
        parsed = _parse(pattern)
        if parsed is None:
            return None
    items = list(parsed)
    # the pattern must begin with \b (after look-behinds), so that matches start at word starts
    lead = [it for it in items if str(it[0]) not in ("ASSERT_NOT", "ASSERT")]
    if not lead or str(lead[0][0]) != "AT" or str(lead[0][1]) != "AT_BOUNDARY":
        return None

    def chars_of(op, arg):
        name = str(op)
        if name == "LITERAL":
            return {chr(arg)}
        if name == "IN":
            out: set[str] = set()
            for sub_op, sub_arg in arg:
                sname = str(sub_op)
                if sname == "LITERAL":
                    out.add(chr(sub_arg))
                elif sname == "RANGE" and sub_arg[1] - sub_arg[0] < 40:
                    out.update(chr(c) for c in range(sub_arg[0], sub_arg[1] + 1))
                else:
                    return None
            return out
        return None

    results: set[str] = set()

    def walk(seq: list, prefix: str) -> bool:
        if len(results) > _MAX_PREFIXES:
            return False
        if len(prefix) >= PREFIX_LEN or not seq:
            results.add(prefix)
            return True
        op, arg = seq[0]
        name = str(op)
        rest = seq[1:]
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            return walk(rest, prefix)
        chars = chars_of(op, arg)
        if chars is not None:
            return all(walk(rest, prefix + c) for c in chars)
        if name == "SUBPATTERN":
            return walk(list(arg[-1]) + rest, prefix)
        if name == "BRANCH":
            return all(walk(list(alt) + rest, prefix) for alt in arg[1])
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, _hi, sub = arg
            ok = walk(list(sub), prefix)  # at least the first repetition (prefix cut after it)
            if lo == 0:
                ok = ok and walk(rest, prefix)
            return ok
        results.add(prefix)  # \w, ., categories: the prefix stops here
        return True

    if not walk(items, "") or not results or "" in results or len(results) > _MAX_PREFIXES:
        return None
    return frozenset(results)


# ----------------------------------------------------------------------------- the word filter
#
# The matcher tries a pattern only at word starts whose first characters it may begin with. On
# ordinary prose that still means a regex call at most word starts (prefixes such as "ik " or
# "the" are common), so the matcher first finds, in one scan in C, the word starts where some
# pattern can match at all: one regular expression `\W(?=ALTERNATIVES)` over the text. It only
# has to be a superset test: at each word start it reports, the matcher runs exactly the
# per-pattern matching it would run at any word start, so the results are the same as trying
# every word start (``Matcher.run_reference``).
#
# A pattern is split into (literal, rest) alternatives such that it matches at a position if
# and only if some literal + rest does: "\b(?:data )?process(?:ing|or) agreements?" gives
# "data processing agreement" + "s?", "processor agreement" + "s?", .... The alternatives with a
# literal form a trie (one branch per character, so that a word start costs a few character
# comparisons); those without one ("\d{2,7} mensen") are led by a class of their possible first
# characters. Patterns that cannot be embedded in a larger expression (a back-reference, a named
# group, global flags) are represented by the prefixes the index has for them, which is also a
# superset test.

_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_QUANTIFIER = frozenset("?*+{")
_MAX_SPLITS = 128  # alternatives one pattern may expand to
_MAX_CLASS_CHOICES = 4  # a class of up to this many plain characters is split into them
_LONG_ENOUGH = 6  # a literal this long is selective enough; later groups stay in the rest
_UNSAFE_TO_EMBED = re.compile(r"\\[1-9]|\(\?P[<=]|\(\?\(|\(\?<[A-Za-z_]")
_WORD_CHAR = re.compile(r"\w")


def _skip_class(src: str, i: int) -> int:
    """Index just after the character class starting at ``src[i] == '['``."""
    j = i + 1
    if j < len(src) and src[j] == "^":
        j += 1
    if j < len(src) and src[j] == "]":
        j += 1
    while j < len(src) and src[j] != "]":
        j += 2 if src[j] == "\\" else 1
    return j + 1


def _structure(src: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """The positions of the ``(``, ``)`` and ``|`` of a regex source that group or alternate:
    escaped characters and character classes are skipped."""
    i = start
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(src, i)
            continue
        if c in "()|":
            yield i, c
        i += 1


def _top_level_bar(src: str) -> bool:
    """Whether ``src`` has an alternation outside any group (it must then be wrapped)."""
    depth = 0
    for _i, c in _structure(src):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0:
            return True
    return False


def _leading_literal(src: str) -> tuple[str, str]:
    """Split ``src`` into its leading run of unquantified literal characters and the rest."""
    out: list[str] = []
    i = 0
    while i < len(src):
        c = src[i]
        if c == "\\":
            if i + 1 >= len(src) or src[i + 1].isalnum() or src[i + 1] == "_":
                break  # \b, \w, \d, \1, ...: not a literal
            ch, width = src[i + 1], 2
        elif c in _SPECIAL:
            break
        else:
            ch, width = c, 1
        if i + width < len(src) and src[i + width] in _QUANTIFIER:
            break  # "s?" belongs to the rest
        out.append(ch)
        i += width
    return "".join(out), src[i:]


def _leading_group(src: str) -> tuple[list[str], bool, str] | None:
    """For ``src`` starting with a group ``(?:a|b)``: its alternatives, whether it is optional
    (``?`` or ``??``), and what follows it. None for any other start or a repeated group."""
    if not src.startswith("(?:"):
        return None
    depth, i, start = 1, 3, 3
    alts: list[str] = []
    for i, c in _structure(src, 3):  # i is read after the loop
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                alts.append(src[start:i])
                break
        elif depth == 1:
            alts.append(src[start:i])
            start = i + 1
    else:
        return None
    rest = src[i + 1 :]
    if rest[:2] == "?+" or rest[:1] in ("*", "+", "{"):
        return None
    if rest[:2] == "??":
        return alts, True, rest[2:]
    if rest[:1] == "?":
        return alts, True, rest[1:]
    return alts, False, rest


def _leading_choice(src: str) -> tuple[list[str], str] | None:
    """For ``src`` starting with a choice between a few sources: a group ``(?:a|b)``, a character
    made optional (``-?``), or a small class of plain characters (``[- ]``), perhaps optional:
    the sources ("" for none) and what follows. None for any other start or quantifier."""
    group = _leading_group(src)
    if group is not None:
        alts, optional, after = group
        return (alts + [""] if optional else alts), after
    if src.startswith("["):
        end = _skip_class(src, 0)
        parsed = _parse(src[:end])
        if parsed is None or len(parsed) != 1:
            return None
        op, arg = parsed[0]
        items = arg if str(op) == "IN" else [(op, arg)]
        if len(items) > _MAX_CLASS_CHOICES or any(str(op) != "LITERAL" for op, _ in items):
            return None  # a range, a category, a negated class or a large class
        alts = [re.escape(chr(c)) for _op, c in items]
    elif src.startswith("\\"):
        if len(src) < 2 or src[1].isalnum() or src[1] == "_":
            return None  # \b, \w, \d, ...: not a character
        alts, end = [src[:2]], 2
    elif src and src[0] not in _SPECIAL:
        alts, end = [src[0]], 1
    else:
        return None
    rest = src[end:]
    if rest[:2] == "??":
        return alts + [""], rest[2:]
    if rest[:2] == "?+" or rest[:1] in ("*", "+", "{"):
        return None
    if rest[:1] == "?":
        return alts + [""], rest[1:]
    return alts, rest


def _splits(src: str, budget: int = _MAX_SPLITS) -> list[tuple[str, str]]:
    """Alternatives (literal, rest) such that ``src`` matches at a position if and only if some
    ``literal + rest`` does; a literal may be empty.

    A leading choice (see ``_leading_choice``) is taken apart while the literal before it is
    short: ``e-?mail`` gives ``e-mail`` and ``email``, both more selective than ``e``."""
    lit, rest = _leading_literal(src)
    if len(lit) >= _LONG_ENOUGH:
        return [(lit, rest)]
    choice = _leading_choice(rest)
    if choice is None:
        return [(lit, rest)]
    alts, after = choice
    if len(alts) > budget:
        return [(lit, rest)]
    out: list[tuple[str, str]] = []
    for alt in alts:
        out.extend((lit + a, r) for a, r in _splits(alt + after, budget // len(alts)))
    return out


_CATEGORY_CLASS = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_NOT_SPACE": r"\S",
}
_WORD_CATEGORIES = frozenset({"CATEGORY_DIGIT", "CATEGORY_WORD"})  # within \w
_NON_WORD_CATEGORIES = frozenset({"CATEGORY_SPACE", "CATEGORY_NOT_WORD"})  # outside \w
_MAX_RANGE = 1000  # a wider range in a first-character class is not analysed

ClassItem = tuple[str, Any]  # ("chars", (first, last)) or ("category", name)


def _first_chars(seq: Any) -> tuple[list[ClassItem], bool] | None:
    """Class items that include every first character of a match of the parsed ``seq``, and
    whether ``seq`` can match without consuming anything; None when that cannot be told."""
    items: list[ClassItem] = []
    for op, arg in seq:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero-width
        if name == "LITERAL":
            items.append(("chars", (arg, arg)))
            return items, False
        if name == "IN":
            for sub_op, sub_arg in arg:
                sname = str(sub_op)
                if sname == "LITERAL":
                    items.append(("chars", (sub_arg, sub_arg)))
                elif sname == "RANGE":
                    items.append(("chars", tuple(sub_arg)))
                elif sname == "CATEGORY" and str(sub_arg) in _CATEGORY_CLASS:
                    items.append(("category", str(sub_arg)))
                else:
                    return None  # a negated class or something rarer
            return items, False
        if name == "SUBPATTERN":
            if arg[1] or arg[2]:
                return None  # a group with its own flags ("(?i:...)"): not analysed
            inner = _first_chars(arg[-1])
            if inner is None:
                return None
            items.extend(inner[0])
            if not inner[1]:
                return items, False
            continue
        if name == "BRANCH":
            nullable = False
            for alt in arg[1]:
                inner = _first_chars(alt)
                if inner is None:
                    return None
                items.extend(inner[0])
                nullable = nullable or inner[1]
            if not nullable:
                return items, False
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, _hi, sub = arg
            inner = _first_chars(sub)
            if inner is None:
                return None
            items.extend(inner[0])
            if lo > 0 and not inner[1]:
                return items, False
            continue
        return None  # any character, a back-reference, ...
    return items, True


def _word_class(src: str) -> str | None:
    """A class (regex source) holding every WORD character a match of ``src`` can start with;
    "" when it cannot start with one; None when that cannot be told (or it can match empty)."""
    parsed = _parse(src)
    if parsed is None:
        return None
    first = _first_chars(parsed)
    if first is None or first[1]:
        return None
    parts = []
    for kind, value in first[0]:
        if kind == "category":
            if value in _WORD_CATEGORIES:
                parts.append(_CATEGORY_CLASS[value])
            elif value not in _NON_WORD_CATEGORIES:
                return None  # \D, \S: partly word characters
            continue
        lo, hi = value
        if hi - lo > _MAX_RANGE:
            return None
        word = [bool(_WORD_CHAR.match(chr(c))) for c in range(lo, hi + 1)]
        if all(word):
            parts.append(
                re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
            )
        elif any(word):
            return None
    return "[" + "".join(sorted(set(parts))) + "]" if parts else ""


def _embeddable(pat: Pattern) -> bool:
    """Whether the pattern's source can be placed inside a larger regular expression."""
    src = pat.regex.pattern
    return (
        isinstance(src, str) and pat.regex.flags == re.UNICODE and not _UNSAFE_TO_EMBED.search(src)
    )


def _after_assertions(src: str) -> tuple[str, bool]:
    r"""``src`` without the ``\b`` and look-arounds it begins with, and whether a ``\b`` was
    among them. What is left matches wherever ``src`` does (and perhaps elsewhere)."""
    boundary = False
    while True:
        if src.startswith(r"\b"):
            boundary, src = True, src[2:]
        elif src.startswith(("(?=", "(?!", "(?<=", "(?<!")):
            depth, i = 0, 0
            for i, c in _structure(src):  # noqa: B007 - i is read after the loop
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        break
            else:
                return src, boundary  # unbalanced: leave it
            src = src[i + 1 :]
        else:
            return src, boundary


def _filter_parts(pat: Pattern) -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
    """The word filter's alternatives for a pattern tried at word starts only: literals (each
    starting with a word character) with their rests, and (class, rest) pairs for the
    alternatives without a literal. None when they cannot be built."""
    if not _embeddable(pat):
        return None
    src = pat.regex.pattern
    rest, boundary = _after_assertions(src)
    if boundary and not _top_level_bar(src):
        splits = _splits(rest)  # at a word start, \b holds; a look-around only narrows
    else:
        splits = [("", f"(?:{src})")]
    literal: list[tuple[str, str]] = []
    led: list[tuple[str, str]] = []
    for lit, rest in splits:
        if lit:
            if _WORD_CHAR.match(lit):  # a word start begins with a word character
                literal.append((lit, rest))
            continue
        cls = _word_class(rest)
        if cls is None:
            return None
        if cls:
            led.append((cls, rest))
    return literal, led


def _key_literals(pat: Pattern) -> list[tuple[str, str]]:
    """(literal, rest) alternatives admitting every word start where the index tries ``pat``:
    its prefixes, cut the way the index looks them up."""
    out = []
    for pre in pat.prefixes or ():
        if len(pre) >= PREFIX_LEN:
            out.append((pre, ""))
        elif len(pre) >= 3:
            out.append((pre[:3], ""))
        elif len(pre) == 2:
            out.append((pre, ""))
        else:  # a one-character key is only looked up (two characters) at the text's end
            out.append((pre, r"\Z"))
    return [(lit, rest) for lit, rest in out if _WORD_CHAR.match(lit)]


def _trie_source(entries: set[tuple[str, str]]) -> str:
    """One regex source that matches at a position iff some ``literal + rest`` matches there."""
    root: dict[str, Any] = {}
    for lit, rest in entries:
        node = root
        for ch in lit:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(rest)  # "" never clashes with a one-character key

    def emit(node: dict[str, Any]) -> tuple[str, int]:
        """The node's source and its number of top-level alternatives."""
        rests = node.get("", set())
        if "" in rests:
            return "", 1  # the literal alone suffices
        alts = [f"(?:{r})" if _top_level_bar(r) else r for r in sorted(rests)]
        for ch in sorted(k for k in node if k):
            sub, n_alts = emit(node[ch])
            alts.append(re.escape(ch) + (f"(?:{sub})" if n_alts > 1 else sub))
        return "|".join(alts), len(alts)

    return emit(root)[0]


def _class_led_source(cls: str, rests: list[str]) -> str:
    """ "[class](?<=(?=REST)(?s:.))": a first character of the class, then the rests tried from
    that character (one step back). Led by a class, the alternative is skipped cheaply where
    the word starts with another character."""
    return f"{cls}(?<=(?=(?:{'|'.join(f'(?:{r})' for r in sorted(set(rests)))}))(?s:.))"


def _word_start_class(pat: Pattern) -> str | None:
    r"""For a pattern whose every match starts at a word start (it begins with \b, perhaps after
    look-arounds, its first character is always a word character, and it never matches the
    empty string): a class of its possible first characters. Else None."""
    if not _embeddable(pat) or pat.regex.match("") is not None:
        return None
    parsed = _parse(pat.regex.pattern)
    if parsed is None or parsed.getwidth()[0] == 0:
        return None
    leading = []
    for op, arg in parsed:
        if str(op) not in ("AT", "ASSERT", "ASSERT_NOT"):
            break
        leading.append(str(arg))
    if "AT_BOUNDARY" not in leading:
        return None
    first = _first_chars(parsed)
    if first is None or first[1]:
        return None
    for kind, value in first[0]:  # every possible first character must be a word character
        if kind == "category" and value not in _WORD_CATEGORIES:
            return None
        if kind == "chars" and (
            value[1] - value[0] > _MAX_RANGE
            or not all(_WORD_CHAR.match(chr(c)) for c in range(value[0], value[1] + 1))
        ):
            return None
    return _word_class(pat.regex.pattern) or None


@lru_cache(maxsize=1)
def _non_word_class() -> str:
    r"""A class that holds what ``\W`` holds in the Basic Multilingual Plane, and every character
    beyond it (so word characters there too: the caller drops those).

    Written out as ranges it is tested with a table look-up; ``\W`` asks the Unicode database
    about every character of the text, which made that scan a good part of the word filter.
    """
    bmp = "".join(map(chr, range(0x10000)))
    words = "".join(rf"\u{m.start():04x}-\u{m.end() - 1:04x}" for m in re.finditer(r"\w+", bmp))
    return f"[^{words}]"


def _word_filter(
    literal: set[tuple[str, str]], led: dict[str, list[str]]
) -> re.Pattern[str] | None:
    """The word filter for these trie entries and class-led alternatives: a match at p means a
    word may start at p + 1 where one of them matches. None when there are none."""
    alternatives = [_trie_source(literal)] if literal else []
    alternatives += [_class_led_source(cls, rests) for cls, rests in sorted(led.items())]
    if not alternatives:
        return None
    return re.compile(_non_word_class() + "(?=" + "|".join(alternatives) + ")")


def _filtered_starts(word_filter: re.Pattern[str], lowered: str) -> list[int]:
    """The word starts of ``lowered`` the filter reports, in order."""
    starts = [hit.start() + 1 for hit in word_filter.finditer(lowered)]
    if not lowered.isascii():  # drop word characters beyond the BMP (see _non_word_class)
        starts = [
            i for i in starts if lowered[i - 1] <= "\uffff" or not _WORD_CHAR.match(lowered[i - 1])
        ]
    if lowered and _WORD_CHAR.match(lowered):
        starts.insert(0, 0)  # the filter needs a character before a word
    return starts


class Matcher:
    r"""Runs many patterns over a text fast.

    Patterns that start at a word boundary are indexed by their possible first characters and
    tried (anchored) only at word starts that begin that way. Other patterns are searched over
    the whole text, skipped when a literal they require is absent; those among them whose
    matches can only start at a word start (``\b\d+ mensen``) are tried like the indexed ones,
    at the word starts that can begin them, which gives the same matches as ``finditer``.

    A word start is visited only when the word filter (above) says some pattern can match
    there, and a pattern is tried there only when the word begins with one of its literals.
    Every match is reported as (key, start, end), those of the indexed patterns first (by
    position), then those of the searched patterns (pattern by pattern); per pattern, matches
    do not overlap (as with ``finditer``). ``run_reference`` is the same matcher without the
    word filter, one dictionary look-up per word start; it gives the same list and is kept to
    test the filter against.
    """

    _WORD_START = re.compile(r"\b\w")
    _CACHE_LIMIT = 50_000  # distinct keys remembered (bounds memory)

    def __init__(self, entries: list[tuple[Any, Pattern]]):
        self.index: dict[str, list[tuple[int, Any, Pattern]]] = {}
        self.scan: list[tuple[int, Any, Pattern]] = []
        literal: set[tuple[str, str]] = set()  # the word filter's trie entries
        led: dict[str, list[str]] = {}  # its class-led alternatives, by class
        # per indexed pattern: the literals one of which a word must begin with for a match
        self._literals: dict[int, tuple[str, ...] | None] = {}
        for n, (key, pat) in enumerate(entries):
            if not pat.prefixes:
                self.scan.append((n, key, pat))
                continue
            for pre in pat.prefixes:
                self.index.setdefault(pre, []).append((n, key, pat))
            parts = _filter_parts(pat)
            if parts is None:
                literal.update(_key_literals(pat))
                self._literals[n] = None
                continue
            literal.update(parts[0])
            for cls, rest in parts[1]:
                led.setdefault(cls, []).append(rest)
            self._literals[n] = None if parts[1] else tuple(sorted({lit for lit, _ in parts[0]}))
        # three tables so that each word start costs two or three look-ups: full-length prefixes,
        # shorter ones by their first three characters (the anchored match then decides), and
        # the few two-character ones ("ai", "in")
        self.full: dict[str, list[tuple[int, Any, Pattern]]] = {}
        self.mid: dict[str, list[tuple[int, Any, Pattern]]] = {}
        self.two: dict[str, list[tuple[int, Any, Pattern]]] = {}
        for pre, items in self.index.items():
            if len(pre) == PREFIX_LEN:
                self.full.setdefault(pre, []).extend(items)
            elif len(pre) >= 3:
                table = self.mid.setdefault(pre[:3], [])
                table.extend(x for x in items if x not in table)
            else:
                self.two.setdefault(pre, []).extend(items)
        self.starts3 = frozenset(k[:3] for k in self.full) | frozenset(self.mid)

        # searched patterns whose matches start at word starts: (position in self.scan,
        # class of first characters, the pattern), tried at the word filter's starts. One that
        # requires a literal and may begin with any word character ("\b\w*formulier") would
        # have the filter look at every word start; it gets a filter of its own instead, run
        # only when its literal is in the text.
        self.word_scan: list[tuple[int, re.Pattern[str], Pattern]] = []
        self.own_filter: dict[int, re.Pattern[str]] = {}
        for pos, (_n, _key, pat) in enumerate(self.scan):
            cls = _word_start_class(pat)
            if cls is None:
                continue
            parts = _filter_parts(pat)
            if parts is None:  # cannot happen for an embeddable pattern; kept whole to be safe
                parts = ([], [(cls, f"(?:{pat.regex.pattern})")])
            if pat.literal is not None and r"\w" in cls:
                own_led: dict[str, list[str]] = {}
                for c, rest in parts[1]:
                    own_led.setdefault(c, []).append(rest)
                own = _word_filter(set(parts[0]), own_led)
                if own is not None:
                    self.own_filter[pos] = own
                    continue
            literal.update(parts[0])
            for c, rest in parts[1]:
                led.setdefault(c, []).append(rest)
            self.word_scan.append((pos, re.compile(cls), pat))
        self._word_scan_positions = frozenset(
            [pos for pos, _cls, _pat in self.word_scan] + list(self.own_filter)
        )
        self._scan_by_char: dict[str, tuple[tuple[int, Any, Any], ...]] = {}
        self._cands: dict[str, tuple[tuple[int, Any, Any, tuple[str, ...] | None], ...]] = {}
        self.word_filter = _word_filter(literal, led)

    def _candidates(self, k6: str) -> tuple[tuple[int, Any, Any, tuple[str, ...] | None], ...]:
        """The indexed patterns to try at a word start beginning with ``k6`` (its first six
        characters), in table order, each once: (number, key, bound ``match``, literals)."""
        found = self._cands.get(k6)
        if found is None:
            seen: set[int] = set()
            merged = []
            for table in (
                self.full.get(k6),
                self.mid.get(k6[:3]),
                self.two.get(k6[:2]) if self.two else None,
            ):
                for n, key, pat in table or ():
                    if n in seen:  # a second try could never add a match
                        continue
                    seen.add(n)
                    lits = self._literals.get(n)
                    if lits is not None:
                        # literals up to six characters long are decided by k6 itself; only
                        # longer ones that agree with it are left to check in the text
                        if any(len(lit) <= len(k6) and k6.startswith(lit) for lit in lits):
                            lits = None
                        else:
                            lits = tuple(
                                lit for lit in lits if len(lit) > len(k6) and lit.startswith(k6)
                            )
                            if not lits:
                                continue  # the word begins with none of its literals
                    merged.append((n, key, pat.regex.match, lits))
            found = tuple(merged)
            if len(self._cands) >= self._CACHE_LIMIT:
                self._cands.clear()
            self._cands[k6] = found
        return found

    def _scans_for(self, ch: str) -> tuple[tuple[int, Any, Any], ...]:
        """The word-start searched patterns that can begin with ``ch``: (position in
        ``self.scan``, key, bound ``match``)."""
        found = self._scan_by_char.get(ch)
        if found is None:
            found = tuple(
                (pos, self.scan[pos][1], pat.regex.match)
                for pos, cls, pat in self.word_scan
                if cls.match(ch)
            )
            if len(self._scan_by_char) >= self._CACHE_LIMIT:
                self._scan_by_char.clear()
            self._scan_by_char[ch] = found
        return found

    def run(self, lowered: str) -> list[tuple[Any, int, int]]:
        if self.word_filter is None:
            return self.run_reference(lowered)
        out: list[tuple[Any, int, int]] = []
        last_end: dict[int, int] = {}
        cands_get = self._cands.get
        candidates = self._candidates
        starts = _filtered_starts(self.word_filter, lowered)
        startswith = lowered.startswith
        for i in starts:
            k6 = lowered[i : i + PREFIX_LEN]
            for n, key, match, lits in cands_get(k6) or candidates(k6):
                if lits is not None and not startswith(lits, i):
                    continue  # the word begins with none of the pattern's literals
                m = match(lowered, i)
                if m is not None:
                    end = m.end()
                    if end > i and last_end.get(n, -1) <= i:
                        out.append((key, i, end))
                        last_end[n] = end
        # the searched patterns that can match: their required literal is in the text
        present = [
            pos
            for pos, (_n, _key, pat) in enumerate(self.scan)
            if pat.literal is None or pat.literal in lowered
        ]
        if not present:
            return out
        found: dict[int, list[tuple[Any, int, int]]] = {}
        if not self._word_scan_positions.isdisjoint(present):
            active = set(present)
            scan_end: dict[int, int] = {}
            by_char_get = self._scan_by_char.get
            for i in starts:
                ch = lowered[i]
                scans = by_char_get(ch)
                if scans is None:
                    scans = self._scans_for(ch)
                for pos, key, match in scans:
                    if pos in active and scan_end.get(pos, -1) <= i:
                        m = match(lowered, i)
                        if m is not None:  # never empty (checked when built)
                            found.setdefault(pos, []).append((key, i, m.end()))
                            scan_end[pos] = m.end()
            for pos, own in self.own_filter.items():
                if pos not in active:
                    continue
                _n, key, pat = self.scan[pos]
                hits = []
                searched_to = 0
                for i in _filtered_starts(own, lowered):
                    if i >= searched_to:
                        m = pat.regex.match(lowered, i)
                        if m is not None:
                            hits.append((key, i, m.end()))
                            searched_to = m.end()
                found[pos] = hits
        for pos in present:
            if pos in self._word_scan_positions:
                out.extend(found.get(pos, ()))  # tried at every word start it can begin
                continue
            key, pat = self.scan[pos][1:]
            for m in pat.regex.finditer(lowered):
                if m.end() > m.start():
                    out.append((key, m.start(), m.end()))
        return out

    def run_reference(self, lowered: str) -> list[tuple[Any, int, int]]:
        """``run`` without the word filter: every word start is looked up in the tables, and
        every searched pattern is run with ``finditer``."""
        out: list[tuple[Any, int, int]] = []
        last_end: dict[int, int] = {}
        two = self.two
        starts3 = self.starts3
        for ws in self._WORD_START.finditer(lowered):
            i = ws.start()
            if lowered[i : i + 3] not in starts3 and (not two or lowered[i : i + 2] not in two):
                continue  # most words start nothing: one set look-up
            for cands in (
                self.full.get(lowered[i : i + PREFIX_LEN]),
                self.mid.get(lowered[i : i + 3]),
                two.get(lowered[i : i + 2]) if two else None,
            ):
                if not cands:
                    continue
                for n, key, pat in cands:
                    m = pat.regex.match(lowered, i)
                    if m is not None and m.end() > i and last_end.get(n, -1) <= i:
                        out.append((key, i, m.end()))
                        last_end[n] = m.end()
        for _n, key, pat in self.scan:
            if pat.literal is not None and pat.literal not in lowered:
                continue
            for m in pat.regex.finditer(lowered):
                if m.end() > m.start():
                    out.append((key, m.start(), m.end()))
        return out


@dataclass(frozen=True)
class FactRule:
    id: str
    kind: str
    value: Any
    label: dict[str, str]
    source: str
    patterns: tuple[Pattern, ...]
    extract: str | None


@dataclass(frozen=True)
class OrgRule:
    id: str
    name: str
    type: str
    sector: str
    main_establishment: str | None
    generic: bool
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class ConditionalRule:
    id: str
    when: Condition
    unless: Condition
    data: dict[str, Any]
    wanted: frozenset[str] = frozenset()  # tokens named positively in `when` (to cite facts)
    # ``when`` and ``unless`` as ``holds_fast`` takes them (derived, not compared)
    fast_when: FastCondition = field(init=False, repr=False, compare=False)
    fast_unless: FastCondition = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fast_when", fast_condition(self.when))
        object.__setattr__(self, "fast_unless", fast_condition(self.unless))


@dataclass(frozen=True)
class Rules:
    version: str
    facts: tuple[FactRule, ...]
    organisations: tuple[OrgRule, ...]
    municipalities: dict[str, str]  # lower-case name / alias / former name -> official name
    articles: tuple[ConditionalRule, ...]
    dpia: dict[str, Any]
    dpia_items: dict[str, tuple[ConditionalRule, ...]]
    dpia_applies: tuple[Condition, Condition]
    focus_periods: tuple[dict[str, Any], ...]
    priority: dict[str, Any]
    factor_rules: dict[str, tuple[ConditionalRule, ...]]
    matcher: Matcher  # fact rules (key ("f", index)) and organisation rules (key ("o", index))
    fact_position: dict[str, int]  # fact rule id -> its index (the matcher's key ("f", index))


def _compile(
    patterns: list[str], where: str, seen: dict[str, Pattern] | None = None
) -> tuple[Pattern, ...]:
    """Compile a rule's patterns; ``seen`` shares the work for a pattern used by several rules."""
    out = []
    for p in patterns:
        if seen is not None and p in seen:
            out.append(seen[p])
            continue
        src = fold(p)  # the text is folded too: "patiënt" in a rule also reads "patient"
        try:
            rx = re.compile(src)
        except re.error as exc:  # a broken rule file must fail loudly at start-up
            raise ValueError(f"bad pattern in {where}: {p!r}: {exc}") from exc
        parsed = _parse(src)  # parsed once for both analyses
        pat = Pattern(
            regex=rx,
            literal=_required_literal(src, parsed) if parsed is not None else None,
            prefixes=_word_start_prefixes(src, parsed) if parsed is not None else None,
        )
        if seen is not None:
            seen[p] = pat
        out.append(pat)
    return tuple(out)


def _cond_rule(raw: dict[str, Any]) -> ConditionalRule:
    when = parse_condition(raw.get("when"))
    wanted = frozenset(tok for clause in when for pos, _neg in clause for tok in pos)
    return ConditionalRule(
        id=str(raw["id"]),
        when=when,
        unless=parse_condition(raw.get("unless")),
        data=raw,
        wanted=wanted,
    )


def _read_bytes(name: str) -> bytes:
    return resources.files("waakhond.triage").joinpath("rules", name).read_bytes()


def _load_municipalities(csv_bytes: bytes, aliases: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    reader = csv.DictReader(csv_bytes.decode("utf-8").splitlines())
    for row in reader:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        names[fold(name.lower())] = name
        # "Bergen (NH.)" is also written "Bergen NH" or, ambiguously, "Bergen"; the bare form is
        # only added through municipality_aliases.toml where it is unambiguous.
        for alias in (row.get("aliases") or "").split("|"):
            if alias.strip():
                names[fold(alias.strip().lower())] = name
    official = set(names.values())
    for table in ("former", "everyday"):
        for alias, target in aliases.get(table, {}).items():
            if target not in official:
                raise ValueError(f"municipality alias {alias!r} points to unknown {target!r}")
            names.setdefault(fold(alias.lower()), target)
    return names


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile every rule file (once per process)."""
    raw_bytes = {name: _read_bytes(name) for name in RULE_FILES}
    compiled: dict[str, Pattern] = {}
    toml = {
        n: tomllib.loads(b.decode("utf-8")) for n, b in raw_bytes.items() if n.endswith(".toml")
    }

    facts = tuple(
        FactRule(
            id=r["id"],
            kind=r["kind"],
            value=r["value"],
            label=dict(r["label"]),
            source=r.get("source", ""),
            patterns=_compile(list(r.get("nl", [])) + list(r.get("en", [])), r["id"], compiled),
            extract=r.get("extract"),
        )
        for r in toml["facts.toml"]["rule"]
    )
    seen: set[str] = set()
    for f in facts:
        if f.id in seen:
            raise ValueError(f"duplicate fact rule id {f.id}")
        seen.add(f.id)

    orgs_raw = toml["organisations.toml"]
    organisations = tuple(
        OrgRule(
            id=o["id"],
            name=o["name"],
            type=o["type"],
            sector=o["sector"],
            main_establishment=o.get("main_establishment"),
            generic=generic,
            patterns=_compile(o["patterns"], o["id"], compiled),
        )
        for generic, key in ((False, "organisation"), (True, "generic"))
        for o in orgs_raw.get(key, [])
    )

    dpia = toml["dpia.toml"]
    dpia_items = {
        key: tuple(_cond_rule(i) for i in dpia.get(key, []))
        for key in ("ap_list", "art35_3", "wp248")
    }
    periods = []
    for p in toml["focus_areas.toml"]["period"]:
        periods.append(
            {
                "id": p["id"],
                "valid_from": p["valid_from"],
                "valid_to": p["valid_to"],
                "source": p.get("source", ""),
                "areas": tuple(_cond_rule(a) for a in p.get("area", [])),
            }
        )
    prio = toml["priority.toml"]
    factor_rules = {
        key: tuple(_cond_rule(r) for r in prio[key].get("rule", []))
        for key in ("affected", "societal", "effective")
    }

    digest = hashlib.sha256(b"".join(raw_bytes[n] for n in RULE_FILES)).hexdigest()[:8]
    base = toml["facts.toml"].get("version", "0")
    return Rules(
        version=f"{base}+{digest}",
        facts=facts,
        organisations=organisations,
        municipalities=_load_municipalities(
            raw_bytes["municipalities.csv"], toml["municipality_aliases.toml"]
        ),
        articles=tuple(_cond_rule(r) for r in toml["articles.toml"]["rule"]),
        dpia=dpia,
        dpia_items=dpia_items,
        dpia_applies=(
            parse_condition(dpia.get("applies_when")),
            parse_condition(dpia.get("applies_unless")),
        ),
        focus_periods=tuple(periods),
        priority=prio,
        factor_rules=factor_rules,
        matcher=Matcher(
            [(("f", i), p) for i, r in enumerate(facts) for p in r.patterns]
            + [(("o", i), p) for i, r in enumerate(organisations) for p in r.patterns]
        ),
        fact_position={r.id: i for i, r in enumerate(facts)},
    )
