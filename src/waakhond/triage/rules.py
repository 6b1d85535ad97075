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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

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
    """True when every ``when`` clause holds and no ``unless`` clause does."""
    for c in when:
        if not clause_holds(c, tokens):
            return False
    for c in unless:
        if clause_holds(c, tokens):
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
# pattern can match at all: a single regular expression `\W(?=TRIE)` where TRIE is every
# word-start pattern, written as a trie of its leading literal characters followed by the rest
# of the pattern. It only has to be a superset test: at each word start it reports, the
# matcher runs exactly the per-pattern matching it would run at any word start, so results are
# the same as trying every word start.
#
# A pattern is split into (literal, rest) alternatives such that the pattern matches at a
# position if and only if some literal + rest does: "\b(?:data )?process(?:ing|or) agreement"
# gives "data processing agreement", "processor agreement", .... Patterns that cannot be written
# this way (a back-reference, a named group, global flags, no literal start) are represented by
# the prefixes the index already has for them, which is also a superset test.

_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_QUANTIFIER = frozenset("?*+{")
_MAX_SPLITS = 64  # literal alternatives one pattern may expand to
_LONG_ENOUGH = 6  # a literal this long is selective enough; later groups stay in the rest
_UNSAFE_TO_EMBED = re.compile(r"\\[1-9]|\(\?P[<=]|\(\?\(|\(\?<[A-Za-z_]")


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


def _top_level_bar(src: str) -> bool:
    """Whether ``src`` has an alternation outside any group (it must then be wrapped)."""
    depth, i = 0, 0
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(src, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
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
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(src, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                alts.append(src[start:i])
                break
        elif c == "|" and depth == 1:
            alts.append(src[start:i])
            start = i + 1
        i += 1
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


def _literal_splits(src: str, budget: int = _MAX_SPLITS) -> list[tuple[str, str]] | None:
    """Alternatives (literal, rest) such that ``src`` matches at a position if and only if some
    ``literal + rest`` does, each with a non-empty literal; None when that cannot be done."""
    lit, rest = _leading_literal(src)
    if len(lit) >= _LONG_ENOUGH:
        return [(lit, rest)]
    group = _leading_group(rest)
    if group is None:
        return [(lit, rest)] if lit else None
    alts, optional, after = group
    if optional:
        alts = alts + [""]
    out: list[tuple[str, str]] = []
    for alt in alts:
        tails = _literal_splits(alt + after, budget)
        if tails is None or len(out) + len(tails) > budget:
            return [(lit, rest)] if lit else None
        out.extend((lit + t_lit, t_rest) for t_lit, t_rest in tails)
    return out


def _trie_source(entries: set[tuple[str, str]]) -> str:
    """One regex source that matches at a position iff some ``literal + rest`` matches there."""
    root: dict[str, Any] = {}
    for lit, rest in entries:
        node = root
        for ch in lit:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(rest)  # "" never clashes with a one-character key

    def emit(node: dict[str, Any]) -> str:
        rests = node.get("", set())
        if "" in rests:
            return ""  # the literal alone suffices
        alts = [f"(?:{r})" if _top_level_bar(r) else r for r in sorted(rests)]
        for ch in sorted(k for k in node if k):
            sub = emit(node[ch])
            alts.append(re.escape(ch) + (f"(?:{sub})" if _top_level_bar(sub) else sub))
        return "|".join(alts)

    return emit(root)


def _filter_entries(pat: Pattern) -> list[tuple[str, str]]:
    """(literal, rest) alternatives for the word filter; each literal starts with a word character.

    Falls back to the pattern's indexed prefixes (literal, nothing after), cut the way the index
    looks them up, which admits every word start where the index would try the pattern.
    """
    src = pat.regex.pattern
    splits = None
    if (
        isinstance(src, str)
        and pat.regex.flags == re.UNICODE
        and not _UNSAFE_TO_EMBED.search(src)
        and src.startswith(r"\b")
        and not _top_level_bar(src)
    ):
        splits = _literal_splits(src[2:])
    if splits is None:
        splits = []
        for pre in pat.prefixes or ():
            if len(pre) >= PREFIX_LEN:
                splits.append((pre, ""))
            elif len(pre) >= 3:
                splits.append((pre[:3], ""))
            elif len(pre) == 2:
                splits.append((pre, ""))
            else:  # a one-character key is only looked up (two characters) at the text's end
                splits.append((pre, r"\Z"))
    # a match found by the index starts at a word start, i.e. with a word character
    return [(lit, rest) for lit, rest in splits if _WORD_CHAR.match(lit)]


_WORD_CHAR = re.compile(r"\w")


class Matcher:
    """Runs many patterns over a text fast.

    Patterns that start at a word boundary are indexed by their possible first characters and
    tried (anchored) only at word starts that begin that way, and only at the word starts where
    the word filter (above) says some pattern can match; other patterns are searched over the
    whole text, skipped when a literal they require is absent. Every match is reported as (key,
    start, end); per pattern, matches do not overlap (as with ``finditer``). ``run_reference``
    is the same matcher without the word filter (one dictionary look-up per word start); it
    gives the same list and is kept to test the filter against.
    """

    _WORD_START = re.compile(r"\b\w")

    def __init__(self, entries: list[tuple[Any, Pattern]]):
        self.index: dict[str, list[tuple[int, Any, Pattern]]] = {}
        self.scan: list[tuple[int, Any, Pattern]] = []
        filter_entries: set[tuple[str, str]] = set()
        for n, (key, pat) in enumerate(entries):
            if pat.prefixes:
                for pre in pat.prefixes:
                    self.index.setdefault(pre, []).append((n, key, pat))
                filter_entries.update(_filter_entries(pat))
            else:
                self.scan.append((n, key, pat))
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
        # the word filter: a match at p means a word starts at p + 1 where a pattern may match
        self.word_filter = (
            re.compile(r"\W(?=" + _trie_source(filter_entries) + ")") if filter_entries else None
        )

    def _try_at(
        self, lowered: str, i: int, out: list[tuple[Any, int, int]], last_end: dict[int, int]
    ) -> None:
        """Try every indexed pattern the tables give for the word start ``i``."""
        two = self.two
        for cands in (
            self.full.get(lowered[i : i + PREFIX_LEN]),
            self.mid.get(lowered[i : i + 3]),
            two.get(lowered[i : i + 2]) if two else None,
        ):
            if not cands:
                continue
            for n, key, pat in cands:
                m = pat.regex.match(lowered, i)
                if m is not None:
                    end = m.end()
                    if end > i and last_end.get(n, -1) <= i:
                        out.append((key, i, end))
                        last_end[n] = end

    def _scan(self, lowered: str, out: list[tuple[Any, int, int]]) -> None:
        for _n, key, pat in self.scan:
            if pat.literal is not None and pat.literal not in lowered:
                continue
            for m in pat.regex.finditer(lowered):
                if m.end() > m.start():
                    out.append((key, m.start(), m.end()))

    def run(self, lowered: str) -> list[tuple[Any, int, int]]:
        if self.word_filter is None:
            return self.run_reference(lowered)
        out: list[tuple[Any, int, int]] = []
        last_end: dict[int, int] = {}
        try_at = self._try_at
        if lowered and _WORD_CHAR.match(lowered):
            try_at(lowered, 0, out, last_end)  # the filter needs a character before a word
        for hit in self.word_filter.finditer(lowered):
            try_at(lowered, hit.start() + 1, out, last_end)
        self._scan(lowered, out)
        return out

    def run_reference(self, lowered: str) -> list[tuple[Any, int, int]]:
        """``run`` without the word filter: every word start is looked up in the tables."""
        out: list[tuple[Any, int, int]] = []
        last_end: dict[int, int] = {}
        two = self.two
        starts3 = self.starts3
        for ws in self._WORD_START.finditer(lowered):
            i = ws.start()
            if lowered[i : i + 3] not in starts3 and (not two or lowered[i : i + 2] not in two):
                continue  # most words start nothing: one set look-up
            self._try_at(lowered, i, out, last_end)
        self._scan(lowered, out)
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


def _compile(
    patterns: list[str], where: str, seen: dict[str, Pattern] | None = None
) -> tuple[Pattern, ...]:
    """Compile a rule's patterns; ``seen`` shares the work for a pattern used by several rules."""
    out = []
    for p in patterns:
        if seen is not None and p in seen:
            out.append(seen[p])
            continue
        try:
            rx = re.compile(p)
        except re.error as exc:  # a broken rule file must fail loudly at start-up
            raise ValueError(f"bad pattern in {where}: {p!r}: {exc}") from exc
        parsed = _parse(p)  # parsed once for both analyses
        pat = Pattern(
            regex=rx,
            literal=_required_literal(p, parsed) if parsed is not None else None,
            prefixes=_word_start_prefixes(p, parsed) if parsed is not None else None,
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
        names[name.lower()] = name
        # "Bergen (NH.)" is also written "Bergen NH" or, ambiguously, "Bergen"; the bare form is
        # only added through municipality_aliases.toml where it is unambiguous.
        for alias in (row.get("aliases") or "").split("|"):
            if alias.strip():
                names[alias.strip().lower()] = name
    official = set(names.values())
    for table in ("former", "everyday"):
        for alias, target in aliases.get(table, {}).items():
            if target not in official:
                raise ValueError(f"municipality alias {alias!r} points to unknown {target!r}")
            names.setdefault(alias.lower(), target)
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
            patterns=_compile(
                list(r.get("nl", [])) + list(r.get("en", [])), r["id"], compiled
            ),
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
    )
