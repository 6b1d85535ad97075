"""Scoring the engine on labelled data: precision, recall and F1 per field, label and language.

Two kinds of dataset:

- a labelled JSONL file: each line has ``text`` (and the form fields the engine reads) plus any
  of the output field names as labels: ``articles``, ``categories``, ``special_categories``,
  ``vulnerable_groups`` (sets), and ``lane``, ``language``, ``controller.type``,
  ``controller.sector``, ``priority.band``, ``dpia.likely_required`` (single values; nested ones
  may be given as ``{"controller": {"type": ...}}`` or with the dotted key);
- the public TSV of fines (``gdpr_violations.tsv``): the ``summary`` is the text, after masking
  article numbers and amounts (the summaries often name the answer, "a violation of Art. 5");
  ``article_violated`` is parsed with a tolerant regex; categories are derived honestly from the
  labelled articles (and paragraph letters of Art. 5) and the ``type`` column only — never from
  the summary, which would be circular. Categories that only the text could reveal (cameras,
  direct marketing, biometrics) therefore have no gold label there and are left out of that score.

Set fields are scored per label (a label present or absent per example) and micro-/macro-averaged;
single-value fields are scored as one-label classification (micro F1 equals accuracy). Only
examples that carry a label for a field count for that field.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .articles import ART5_LETTER_CATEGORY, ARTICLE_CATEGORY
from .engine import triage
from .types import ComplaintInput

SET_FIELDS = ("articles", "categories", "special_categories", "vulnerable_groups")
SINGLE_FIELDS = (
    "lane",
    "language",
    "controller.type",
    "controller.sector",
    "priority.band",
    "dpia.likely_required",
)

# ------------------------------------------------------------------ the public TSV

_ART = re.compile(
    r"\bart(?:icle)?s?\.?\s*(\d{1,2})\b((?:\s*\(\s*\d+\s*\))?(?:\s*(?:lit\.?\s*)?\(?[a-f]\))?)",
    re.I,
)
_MASK_ART = re.compile(
    r"\b(?:art(?:icle)?s?|§)\.?\s*\d{1,2}(?:\.\d+)?(?:\s*\(\s*\d+\s*\))*(?:\s*(?:lit\.?\s*)?\(?[a-f]\)(?!\w))?"
    r"(?:\s*(?:,|and|&)\s*\d{1,2}(?:\s*\(\s*\d+\s*\))*)*",
    re.I,
)
_CURRENCY = r"(?:€|£|\$|eur(?:os?)?|pln|huf|ron|czk|sek|dkk|nok|bgn|gbp|hrk|lei|zloty|pounds?|kn)"
_MASK_AMOUNT = re.compile(
    rf"{_CURRENCY}\s*\d[\d.,\s]*(?:\s*(?:million|mln|m|k|thousand|billion))?\b|"
    rf"\b\d[\d.,]*(?:\s*(?:million|mln|thousand|billion))?\s*{_CURRENCY}(?!\w)",
    re.I,
)
_MASK_PERCENT = re.compile(r"\b\d+(?:[.,]\d+)?\s*%")

# The categories a labelled article implies: the engine's own map (articles.py), except that a
# fine for Art. 12 is a transparency finding and Art. 27 is not scored on the fines table
LABEL_CATEGORY = {
    **{n: c for n, c in ARTICLE_CATEGORY.items() if n != 27},
    12: "transparency",
}
TSV_CATEGORY_SCOPE = frozenset(LABEL_CATEGORY.values()) | frozenset(ART5_LETTER_CATEGORY.values())

TYPE_CATEGORY = (
    ("information security", "security_breach"),
    ("data breach", "security_breach"),
    ("information obligation", "transparency"),
    ("lawful basis", "lawful_basis"),
    ("data protection officer", "dpo"),
    ("cooperat", "other"),
)


def mask_summary(text: str) -> str:
    """Hide article numbers and fine amounts that would give the answer away."""
    text = _MASK_ART.sub("[article]", text)
    text = _MASK_AMOUNT.sub("[amount]", text)
    return _MASK_PERCENT.sub("[share]", text)


def parse_articles(raw: str) -> tuple[list[int], set[str]]:
    """Article numbers in a free-form ``article_violated`` cell, plus categories they imply."""
    arts: set[int] = set()
    cats: set[str] = set()
    for m in _ART.finditer(raw):
        n = int(m.group(1))
        if not 1 <= n <= 99:
            continue
        arts.add(n)
        if n == 5:
            letter = re.search(r"\(?([a-f])\)", m.group(2) or "")
            cats.add(ART5_LETTER_CATEGORY[letter.group(1)] if letter else "lawful_basis")
        elif n in LABEL_CATEGORY:
            cats.add(LABEL_CATEGORY[n])
    return sorted(arts), cats


def read_violations_tsv(text: str) -> Iterator[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    for row in reader:
        summary = html.unescape(row.get("summary") or "").strip()
        arts, cats = parse_articles(row.get("article_violated") or "")
        if not summary or not arts:
            continue
        kind = (row.get("type") or "").lower()
        for needle, cat in TYPE_CATEGORY:
            if needle in kind:
                cats.add(cat)
        yield {
            "id": f"tsv-{row.get('id')}",
            "text": mask_summary(summary),
            "language": "en",
            "articles": arts,
            "categories": sorted(cats),
            # only these categories can be told from the labels; others are not scored here
            "categories_scope": sorted(TSV_CATEGORY_SCOPE),
        }


# ------------------------------------------------------------------ scoring


def get_field(d: dict[str, Any], name: str) -> Any:
    if name in d:
        return d[name]
    cur: Any = d
    for part in name.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class FieldScore:
    n: int = 0
    labels: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def add(self, gold: set[str], pred: set[str]) -> None:
        self.n += 1
        for lbl in gold | pred:
            c = self.labels[lbl]
            if lbl in gold and lbl in pred:
                c.tp += 1
            elif lbl in pred:
                c.fp += 1
            else:
                c.fn += 1

    def summary(self) -> dict[str, Any]:
        micro = Counts(
            tp=sum(c.tp for c in self.labels.values()),
            fp=sum(c.fp for c in self.labels.values()),
            fn=sum(c.fn for c in self.labels.values()),
        )
        per_label = {}
        for lbl in sorted(self.labels, key=str):
            p, r, f = self.labels[lbl].prf()
            c = self.labels[lbl]
            per_label[lbl] = {
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(f, 3),
                "support": c.tp + c.fn,
                "predicted": c.tp + c.fp,
            }
        # macro over labels that occur in the gold data
        gold_labels = [lbl for lbl, c in self.labels.items() if c.tp + c.fn > 0]
        macro = (
            [
                sum(self.labels[lb].prf()[i] for lb in gold_labels) / len(gold_labels)
                for i in range(3)
            ]
            if gold_labels
            else [0.0, 0.0, 0.0]
        )
        p, r, f = micro.prf()
        return {
            "n": self.n,
            "micro": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)},
            "macro": {
                "precision": round(macro[0], 3),
                "recall": round(macro[1], 3),
                "f1": round(macro[2], 3),
            },
            "labels": per_label,
        }


def _as_set(value: Any, name: str) -> set[str]:
    if value is None:
        return set()
    if name in SET_FIELDS:
        return {str(v) for v in value}
    return {json.dumps(value) if isinstance(value, bool) else str(value)}


def evaluate(examples: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Score triage on labelled examples; returns {"overall": {...}, "by_language": {...}}."""
    overall: dict[str, FieldScore] = defaultdict(FieldScore)
    by_lang: dict[str, dict[str, FieldScore]] = defaultdict(lambda: defaultdict(FieldScore))
    n = 0
    for ex in examples:
        n += 1
        # the gold language is a label here, not a hint from the form
        inp = {k: v for k, v in ex.items() if k != "language"}
        inp.setdefault("id", str(n))
        result = triage(ComplaintInput.from_dict(inp)).to_dict()
        lang = ex.get("language") or result["language"]
        for name in SET_FIELDS + SINGLE_FIELDS:
            gold = get_field(ex, name)
            if gold is None:
                continue
            if name == "priority.band" and isinstance(ex.get("priority"), dict):
                gold = ex["priority"].get("band")
            if gold is None:
                continue
            pred = get_field(result, name)
            g, p = _as_set(gold, name), _as_set(pred, name)
            if name == "categories" and ex.get("categories_scope") is not None:
                p &= set(ex["categories_scope"])
            overall[name].add(g, p)
            by_lang[lang][name].add(g, p)
    return {
        "examples": n,
        "overall": {k: v.summary() for k, v in overall.items()},
        "by_language": {
            lang: {k: v.summary() for k, v in fs.items()} for lang, fs in sorted(by_lang.items())
        },
    }


def format_report(report: dict[str, Any], per_label: bool = True) -> str:
    lines = [f"examples: {report['examples']}"]

    def block(title: str, fields: dict[str, Any]) -> None:
        lines.append("")
        lines.append(f"== {title}")
        lines.append(
            f"{'field':<24}{'n':>6}{'micro P':>9}{'micro R':>9}{'micro F1':>10}{'macro F1':>10}"
        )
        for name in SET_FIELDS + SINGLE_FIELDS:
            if name not in fields:
                continue
            s = fields[name]
            lines.append(
                f"{name:<24}{s['n']:>6}{s['micro']['precision']:>9.3f}{s['micro']['recall']:>9.3f}"
                f"{s['micro']['f1']:>10.3f}{s['macro']['f1']:>10.3f}"
            )
        if per_label:
            for name in SET_FIELDS + SINGLE_FIELDS:
                if name not in fields:
                    continue
                lines.append(f"  -- {name}: label, P, R, F1, support, predicted")
                for lbl, m in fields[name]["labels"].items():
                    lines.append(
                        f"     {lbl:<28}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}"
                        f"{m['support']:>7}{m['predicted']:>7}"
                    )

    block("all languages", report["overall"])
    for lang, fields in report["by_language"].items():
        block(f"language {lang}", fields)
    return "\n".join(lines)
