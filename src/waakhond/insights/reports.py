"""The sector report of a pattern: a PDF a team lead can send on (WeasyPrint).

It lists the practice, the organisations and the complaints by reference, date and the labels
of the facts the triage found. It holds no personal data of complainants: no names, e-mail or
postal addresses, phone numbers, and no quotation of what they wrote (free text may name
people), only the rules' own labels. Complaints about a private person are shown as such,
without the person's name.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Pattern
from .selectors import describe_pattern, pattern_organisations, pattern_rows

MAX_REPORT_ROWS = 1000


def render_sector_report(
    *, pattern: Pattern, viewer, language: str = "nl"
) -> tuple[bytes, list[str]]:
    from weasyprint import HTML

    with translation.override(language):
        rows, total = pattern_rows(pattern, viewer=viewer, limit=MAX_REPORT_ROWS)
        html = render_to_string(
            "insights/sector_report.html",
            {
                "pattern": pattern,
                "text": describe_pattern(pattern),
                "organisations": pattern_organisations(pattern),
                "rows": rows,
                "total": total,
                "shown": len(rows),
                "made_on": timezone.localdate(),
                "language": language,
            },
        )
    pdf = HTML(string=html).write_pdf()
    return pdf, [r.reference for r in rows]
