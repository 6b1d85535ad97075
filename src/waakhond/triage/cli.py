"""Command line for the triage engine (needs no database).

    python -m waakhond.triage.cli triage IN.jsonl [-o OUT.jsonl]
    python -m waakhond.triage.cli eval DATASET [--json] [--no-labels]

``triage`` reads one JSON object per line (``id``, ``text``, optionally ``organisation`` and the
form's other answers, see ``ComplaintInput``) and writes one result per line. ``-`` means
standard input or output. A bad line gets a message on standard error with its line number and
is skipped; the exit code is then 1. A progress bar is shown only when standard error is a
terminal. ``eval`` scores the engine on a labelled JSONL file or on the public TSV of fines
(see ``evaluation.py``). The top-level ``waakhond`` command calls ``main()``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from .engine import triage
from .evaluation import evaluate, format_report, read_violations_tsv
from .types import ComplaintInput


@contextmanager
def _open_in(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdin
    else:
        with open(path, encoding="utf-8", errors="replace") as f:
            yield f


@contextmanager
def _open_out(path: str | None) -> Iterator[IO[str]]:
    if path in (None, "-"):
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8") as f:
            yield f


def _progress(lines: Any, desc: str) -> Any:
    if not sys.stderr.isatty():
        return lines
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency, but the engine runs without it
        return lines
    return tqdm(lines, desc=desc, unit=" complaints", file=sys.stderr)


def _cmd_triage(args: argparse.Namespace) -> int:
    bad = 0
    done = 0
    with _open_in(args.input) as src, _open_out(args.output) as out:
        for lineno, line in enumerate(_progress(src, "triage"), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("a line must be a JSON object")
                complaint = ComplaintInput.from_dict(data)
                result = triage(complaint)
            except (ValueError, TypeError, KeyError) as exc:
                bad += 1
                print(f"line {lineno}: skipped: {exc}", file=sys.stderr)
                continue
            out.write(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=False) + "\n")
            done += 1
    if bad:
        print(f"{done} complaints triaged, {bad} lines skipped.", file=sys.stderr)
        return 1
    return 0


def _read_dataset(path: str) -> tuple[list[dict[str, Any]], int]:
    with _open_in(path) as f:
        content = f.read()
    first = content.lstrip()[:200]
    if path.endswith(".tsv") or (
        first and not first.startswith("{") and "\t" in first.splitlines()[0]
    ):
        return list(read_violations_tsv(content)), 0
    examples, bad = [], 0
    for lineno, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            ex = json.loads(line)
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
                raise ValueError("needs a JSON object with a 'text' string")
        except ValueError as exc:
            bad += 1
            print(f"line {lineno}: skipped: {exc}", file=sys.stderr)
            continue
        ex.setdefault("id", str(lineno))
        examples.append(ex)
    return examples, bad


def _cmd_eval(args: argparse.Namespace) -> int:
    try:
        examples, bad = _read_dataset(args.dataset)
    except OSError as exc:
        print(f"cannot read {args.dataset}: {exc}", file=sys.stderr)
        return 2
    report = evaluate(_progress(examples, "eval"))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_report(report, per_label=not args.no_labels))
    return 1 if bad else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="waakhond", description="Triage GDPR complaints.")
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("triage", help="triage complaints from a JSONL file")
    t.add_argument("input", help="JSONL file with id, text, ...; '-' for standard input")
    t.add_argument("-o", "--output", default="-", help="output JSONL file; '-' for standard output")
    t.set_defaults(func=_cmd_triage)
    e = sub.add_parser("eval", help="score the engine on a labelled JSONL file or the public TSV")
    e.add_argument("dataset", help="labelled JSONL file, or gdpr_violations.tsv")
    e.add_argument("--json", action="store_true", help="print machine-readable JSON")
    e.add_argument("--no-labels", action="store_true", help="leave out the per-label lines")
    e.set_defaults(func=_cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
