"""The `waakhond` command line.

waakhond triage IN.jsonl [-o OUT.jsonl]   triage complaints, no database needed
waakhond eval DATASET                      score the engine on a labelled set
waakhond manage COMMAND ...                Django's management commands
"""

import os
import sys

USAGE = __doc__


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(USAGE.strip())
        return 0
    command, rest = args[0], args[1:]
    if command in {"triage", "eval"}:
        from waakhond.triage.cli import main as triage_main

        return triage_main([command, *rest])
    if command == "manage":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        from django.core.management import execute_from_command_line

        execute_from_command_line(["waakhond manage", *rest])
        return 0
    print(f"waakhond: unknown command {command!r}\n\n{USAGE.strip()}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
