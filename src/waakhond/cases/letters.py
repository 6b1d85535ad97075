"""Letters: the facts of a case as placeholders, strict rendering of a template, and the PDF.

Why this module exists: an administrator edits the texts of letters (`LetterTemplate`), so a
text can be wrong. This module makes sure a wrong text is refused when it is saved and never
produces a half-made letter: rendering is strict (an unknown placeholder is an error, not an
empty string), and the context holds plain strings only, so a template can reach no more than
the facts listed here.

The placeholders (Django template syntax, `{{ case.reference }}`):

    case.*        reference, received_on, organisation, complainant_name, complainant_address,
                  complainant_email, representative_body, lane, handler, status_url
    deadlines.*   decision (the decision date now in force), progress_notice (the next one)
    decision.*    outcome, reasons, factor_affected, factor_significance, factor_effective,
                  decided_on, made_known_on, objection_deadline
    objection.*   received_on, grounds, contested_reference, contested_decision_on, decision_due
    authority.*   name, address, email, website
    extra.*       text (what the handler wrote for this letter), new_due_on, right,
                  target_name, reply_by
    today, letter_title, remedy_clause

`remedy_clause` is the legal remedy, written by the code, not by the template: for a decision
the objection clause (six weeks, Awb 6:7 and 6:8, how and where, what to include per Awb 6:5);
for a decision on an objection the appeal clause (Awb 6:7, 8:1, 8:7). A decision template must
contain `{{ remedy_clause }}`, and a rendered decision letter that lacks the clause is refused.

Allowed template tags: the built-in ones except those that reach outside the context (`load`,
`include`, `extends`, `block`, `url`, `debug`, `ssi`, `csrf_token`).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.template import Context, Engine, Template, TemplateSyntaxError, VariableDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint

from . import deadlines as rules
from .workflow import DECISION_OUTCOMES, LANES, LETTER_KINDS, OBJECTION_OUTCOMES, LetterKind

LANGUAGES = ("nl", "en")


def authority(language: str) -> dict[str, str]:
    """The authority that sends the letters, in the letter's language, from the settings
    `WAAKHOND_AUTHORITY_NAME`, `WAAKHOND_AUTHORITY_ADDRESS` and `WAAKHOND_AUTHORITY_WEBSITE`
    (each a dict per language; see docs/settings.md)."""
    lang = "en" if language == "en" else "nl"

    def pick(setting: dict[str, str]) -> str:
        return setting.get(lang) or setting.get("nl", "")

    return {
        "name": pick(settings.WAAKHOND_AUTHORITY_NAME),
        "address": pick(settings.WAAKHOND_AUTHORITY_ADDRESS),
        "email": "",
        "website": pick(settings.WAAKHOND_AUTHORITY_WEBSITE),
    }


CASE_FIELDS = (
    "reference",
    "received_on",
    "organisation",
    "complainant_name",
    "complainant_address",
    "complainant_email",
    "representative_body",
    "lane",
    "handler",
    "status_url",
)
DEADLINE_FIELDS = ("decision", "progress_notice")
DECISION_FIELDS = (
    "outcome",
    "reasons",
    "factor_affected",
    "factor_significance",
    "factor_effective",
    "decided_on",
    "made_known_on",
    "objection_deadline",
)
OBJECTION_FIELDS = (
    "received_on",
    "grounds",
    "contested_reference",
    "contested_decision_on",
    "decision_due",
)
AUTHORITY_FIELDS = ("name", "address", "email", "website")
EXTRA_FIELDS = ("text", "new_due_on", "right", "target_name", "reply_by")

#: Who each kind of letter is addressed to (`Letter.Recipient`).
RECIPIENTS = {
    LetterKind.ACKNOWLEDGEMENT: "complainant",
    LetterKind.INFORMATION_REQUEST: "complainant",
    LetterKind.PROGRESS_NOTICE: "complainant",
    # Written for the complainant, who sends it to the organisation themselves.
    LetterKind.REQUEST_LETTER: "complainant",
    LetterKind.ORGANISATION_LETTER: "organisation",
    LetterKind.REFERRAL: "complainant",
    LetterKind.DECISION: "complainant",
    LetterKind.OBJECTION_ACKNOWLEDGEMENT: "complainant",
    LetterKind.OBJECTION_DECISION: "complainant",
    LetterKind.OBJECTION_DEFERRAL: "complainant",
}

DECISION_KINDS = frozenset({LetterKind.DECISION, LetterKind.OBJECTION_DECISION})

_FORBIDDEN_TAGS = re.compile(
    r"{%-?\s*(load|include|extends|block|url|debug|ssi|csrf_token)\b", re.IGNORECASE
)
_REMEDY_PLACEHOLDER = re.compile(r"{{\s*remedy_clause\s*}}")


class UnknownPlaceholder(Exception):
    """Raised while rendering when a template names a placeholder that does not exist."""


class _Strict(str):
    """`string_if_invalid` that raises instead of printing an empty string.

    Django formats `string_if_invalid` with the variable's name when it contains "%s"; this
    value claims to, and raises on formatting. `{% if missing %}` still reads as false.
    """

    def __contains__(self, item: object) -> bool:
        return item == "%s"

    def __mod__(self, name: object) -> str:
        raise UnknownPlaceholder(str(name))


_ENGINE = Engine(string_if_invalid=_Strict("<invalid>"), autoescape=False, debug=False)


class LetterTemplateError(ApplicationError):
    """A letter template that does not render; the message names what is wrong."""


@dataclass(frozen=True)
class RenderedText:
    subject: str
    body: str


# --- Rendering ------------------------------------------------------------------------------


def _unclosed(source: str) -> bool:
    """True when a "{{" or "{%" is not closed: Django would print it as plain text."""
    from django.template.base import Lexer, TokenType

    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.TEXT and any(
            mark in token.contents for mark in ("{{", "}}", "{%", "%}")
        ):
            return True
    return False


def _render_one(source: str, context: dict, *, part: str, field: str) -> str:
    if _unclosed(source):
        raise LetterTemplateError(
            _(
                "De %(part)s is geen geldig sjabloon: een plaatshouder of opdracht is niet goed "
                "geopend of afgesloten ({{ … }} of {%% … %%})."
            )
            % {"part": part},
            field=field,
        )
    if _FORBIDDEN_TAGS.search(source):
        raise LetterTemplateError(
            _(
                "De %(part)s gebruikt een opdracht die in briefsjablonen niet is toegestaan "
                "(load, include, extends, block, url, debug, ssi of csrf_token)."
            )
            % {"part": part},
            field=field,
        )
    try:
        return Template(source, engine=_ENGINE).render(Context(context, autoescape=False))
    except UnknownPlaceholder as exc:
        raise LetterTemplateError(
            _(
                "De %(part)s noemt een plaatshouder die niet bestaat: {{ %(name)s }}. Kies een "
                "van de plaatshouders uit de lijst."
            )
            % {"part": part, "name": exc.args[0]},
            field=field,
        ) from exc
    except VariableDoesNotExist as exc:
        raise LetterTemplateError(
            _("De %(part)s noemt een plaatshouder die niet bestaat: %(detail)s.")
            % {"part": part, "detail": exc},
            field=field,
        ) from exc
    except TemplateSyntaxError as exc:
        raise LetterTemplateError(
            _("De %(part)s is geen geldig sjabloon: %(detail)s.") % {"part": part, "detail": exc},
            field=field,
        ) from exc
    except Exception as exc:  # a filter failing on a value; refuse rather than half-render
        raise LetterTemplateError(
            _("De %(part)s kon niet worden gemaakt: %(detail)s.") % {"part": part, "detail": exc},
            field=field,
        ) from exc


def render_text(*, kind: str, subject: str, body: str, context: dict) -> RenderedText:
    """Render a template's subject and body strictly; refuse a decision letter without its
    remedy clause."""
    rendered_subject = " ".join(
        _render_one(subject, context, part=_("onderwerpregel"), field="subject").split()
    )
    rendered_body = _render_one(body, context, part=_("brieftekst"), field="body").strip() + "\n"
    clause = context.get("remedy_clause", "")
    if kind in DECISION_KINDS and (not clause or clause not in rendered_body):
        raise LetterTemplateError(
            _(
                "Een besluit moet de rechtsmiddelenclausule bevatten. Zet {{ remedy_clause }} in "
                "de brieftekst, buiten een voorwaarde."
            ),
            field="body",
        )
    return RenderedText(subject=rendered_subject[:300], body=rendered_body)


def check_template(*, kind: str, language: str, subject: str, body: str) -> None:
    """Refuse a template that would not render for a real case (called when it is saved)."""
    if kind not in {item.value for item in LetterKind}:
        raise LetterTemplateError(_("Onbekende soort brief: %(kind)s.") % {"kind": kind})
    if language not in LANGUAGES:
        raise LetterTemplateError(_("Kies de taal nl of en."))
    if kind in DECISION_KINDS and not _REMEDY_PLACEHOLDER.search(body):
        raise LetterTemplateError(
            _(
                "Een besluit moet de rechtsmiddelenclausule bevatten: zet {{ remedy_clause }} in de brieftekst."
            ),
            field="body",
        )
    render_text(kind=kind, subject=subject, body=body, context=sample_context(kind, language))


# --- The context -----------------------------------------------------------------------------


def _blank() -> dict:
    return {
        "case": dict.fromkeys(CASE_FIELDS, ""),
        "deadlines": dict.fromkeys(DEADLINE_FIELDS, ""),
        "decision": dict.fromkeys(DECISION_FIELDS, ""),
        "objection": dict.fromkeys(OBJECTION_FIELDS, ""),
        "authority": dict.fromkeys(AUTHORITY_FIELDS, ""),
        "extra": dict.fromkeys(EXTRA_FIELDS, ""),
        "today": "",
        "letter_title": "",
        "remedy_clause": "",
    }


def format_date(value: dt.date | None, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return date_format(value, "j F Y")


def sample_context(kind: str, language: str) -> dict:
    """Every placeholder filled with its own name, for checking and previewing a template."""
    context = _blank()
    for group in ("case", "deadlines", "decision", "objection", "authority", "extra"):
        context[group] = {name: f"[{group}.{name}]" for name in context[group]}
    context["today"] = "[today]"
    context["letter_title"] = _label(kind, language)
    if kind in DECISION_KINDS:
        context["remedy_clause"] = remedy_clause(
            kind=kind,
            language=language,
            deadline=None,
            reference="[case.reference]",
            status_url="[case.status_url]",
        )
    return context


def _label(kind: str, language: str) -> str:
    label = LETTER_KINDS.get(LetterKind(kind))
    if label is None:
        return kind
    return label.en if language == "en" else label.nl


def letter_context(
    complaint: Complaint, *, kind: str, language: str, extra: dict | None = None
) -> dict:
    """The facts of the case as plain strings, in `language`."""
    from .selectors import complaint_current_decision
    from .selectors_deadlines import complaint_deadlines, objection_link_of

    context = _blank()
    lang = "en" if language == "en" else "nl"
    lane = LANES.get(complaint.lane) if complaint.lane else None
    handler = complaint.assigned_to
    context["case"].update(
        reference=complaint.reference or "",
        received_on=format_date(timezone.localdate(complaint.received_at), lang),
        organisation=complaint.organisation_name,
        complainant_name=complaint.complainant_name,
        complainant_address=complaint.complainant_address,
        complainant_email=complaint.complainant_email,
        representative_body=complaint.representative_body,
        lane=(lane.en if lang == "en" else lane.nl) if lane else "",
        handler=(handler.get_full_name() or handler.get_username()) if handler else "",
        status_url=f"{settings.WAAKHOND_BASE_URL}/status/",
    )
    context["authority"].update(authority(lang))
    context["today"] = format_date(timezone.localdate(), lang)
    context["letter_title"] = _label(kind, lang)

    try:
        found = {d.key: d for d in complaint_deadlines(complaint)}
    except rules.DeadlineError:
        found = {}
    if "decision" in found:
        context["deadlines"]["decision"] = format_date(found["decision"].due, lang)
    progress = [
        d for key, d in found.items() if key.startswith("progress_notice") and d.met_on is None
    ]
    if progress:
        context["deadlines"]["progress_notice"] = format_date(progress[0].due, lang)

    link = objection_link_of(complaint)
    if link is not None:
        context["objection"].update(
            received_on=format_date(link.received_on, lang),
            grounds=link.grounds,
            contested_reference=link.decision.complaint.reference or "",
            contested_decision_on=format_date(link.decision.decided_on, lang),
            decision_due=format_date(
                found["objection_decision"].due if "objection_decision" in found else None, lang
            ),
        )

    decision = complaint_current_decision(complaint)
    if decision is not None:
        outcomes = {**DECISION_OUTCOMES, **OBJECTION_OUTCOMES}
        info = outcomes.get(decision.outcome)
        factors = decision.factors or {}
        objection_end = rules.objection_deadlines(
            decision.made_known_on, today=max(decision.made_known_on, timezone.localdate())
        )[0]
        context["decision"].update(
            outcome=(info.en if lang == "en" else info.nl) if info else decision.outcome,
            reasons=decision.reasons,
            factor_affected=factors.get("affected", ""),
            factor_significance=factors.get("significance", ""),
            factor_effective=factors.get("effective", ""),
            decided_on=format_date(decision.decided_on, lang),
            made_known_on=format_date(decision.made_known_on, lang),
            objection_deadline=format_date(objection_end.due, lang),
        )
        if kind in DECISION_KINDS:
            context["remedy_clause"] = remedy_clause(
                kind=kind,
                language=lang,
                deadline=objection_end.due,
                reference=complaint.reference or "",
                status_url=context["case"]["status_url"],
            )

    for key, value in (extra or {}).items():
        if key not in EXTRA_FIELDS:
            raise ApplicationError(_("Onbekend veld voor de brief: %(key)s.") % {"key": key})
        if isinstance(value, dt.date):
            value = format_date(value, lang)
        context["extra"][key] = "" if value is None else str(value)
    return context


def remedy_clause(
    *, kind: str, language: str, deadline: dt.date | None, reference: str, status_url: str
) -> str:
    """The legal remedy against a decision, written out in full (Awb 6:5, 6:7, 6:8, 8:1, 8:7)."""
    lang = "en" if language == "en" else "nl"
    sender = authority(lang)
    when = format_date(deadline, lang) if deadline else ("[datum]" if lang == "nl" else "[date]")
    if kind == LetterKind.OBJECTION_DECISION:
        if lang == "en":
            return (
                "Appeal to the court\n"
                "If you do not agree with this decision on your objection, you may lodge an "
                "appeal with the administrative court (rechtbank) within six weeks of the day "
                f"after this decision was made known, that is by {when} at the latest "
                "(Articles 6:7, 6:8 and 8:1 of the General Administrative Law Act, Awb). The "
                "court competent is the district court of the district where you live "
                "(Article 8:7 Awb). Send the court a signed notice of appeal with your name and "
                "address, the date, a copy of this decision and the reasons why you do not agree "
                "(Article 6:5 Awb). The court charges a court fee."
            )
        return (
            "Beroep bij de rechter\n"
            "Bent u het niet eens met deze beslissing op uw bezwaar? Dan kunt u binnen zes weken "
            "na de dag waarop deze beslissing bekend is gemaakt beroep instellen bij de "
            f"bestuursrechter, dus uiterlijk op {when} (artikelen 6:7, 6:8 en 8:1 van de "
            "Algemene wet bestuursrecht, Awb). U stelt beroep in bij de rechtbank in het "
            "arrondissement waar u woont (artikel 8:7 Awb). Stuur de rechtbank een ondertekend "
            "beroepschrift met uw naam en adres, de datum, een kopie van deze beslissing en de "
            "redenen waarom u het er niet mee eens bent (artikel 6:5 Awb). De rechtbank "
            "vraagt griffierecht."
        )
    if lang == "en":
        return (
            "Objection\n"
            "If you do not agree with this decision, you may lodge an objection (bezwaar) within "
            "six weeks of the day after this decision was made known, that is by "
            f"{when} at the latest (Articles 6:7 and 6:8 of the General Administrative Law Act, "
            f"Awb). You can object online through your personal status page ({status_url}, with "
            "the private link you received when you filed your complaint), or by letter to the "
            f"{sender['name']}, {sender['address']}. Please include your name and address, "
            f"the date, the reference {reference} of this decision and the reasons why you do not "
            "agree, and sign your letter (Article 6:5 Awb). Objecting is free of charge."
        )
    return (
        "Bezwaar maken\n"
        "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag waarop dit "
        f"besluit bekend is gemaakt bezwaar maken, dus uiterlijk op {when} (artikelen 6:7 en 6:8 "
        "van de Algemene wet bestuursrecht, Awb). U kunt bezwaar maken via uw persoonlijke "
        f"statuspagina ({status_url}, met de link die u kreeg toen u uw klacht indiende) of met "
        f"een brief aan de {sender['name']}, {sender['address']}. Vermeld in uw "
        f"bezwaarschrift uw naam en adres, de datum, het kenmerk {reference} van dit besluit en "
        "waarom u het er niet mee eens bent, en onderteken het (artikel 6:5 Awb). Bezwaar maken "
        "is kosteloos."
    )


# --- PDF -------------------------------------------------------------------------------------

_PDFS_DEFERRED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "waakhond_letter_pdfs_deferred", default=False
)


@contextlib.contextmanager
def pdfs_deferred() -> Iterator[None]:
    """Letters made inside this block are stored without their PDF; it is made on first need
    (download or e-mail, `services.letters.letter_ensure_pdf`).

    For bulk work only (the demo loader makes hundreds of letters, and WeasyPrint takes about a
    second each). Everywhere else a letter is made with its PDF or not at all.
    """
    token = _PDFS_DEFERRED.set(True)
    try:
        yield
    finally:
        _PDFS_DEFERRED.reset(token)


def pdfs_are_deferred() -> bool:
    return _PDFS_DEFERRED.get()


def letter_html(
    *,
    complaint: Complaint,
    subject: str,
    body: str,
    language: str,
    recipient: str,
    dated: dt.date | None = None,
) -> str:
    lang = "en" if language == "en" else "nl"
    with translation.override(lang):
        return render_to_string(
            "cases/handling/letter_pdf.html",
            {
                "complaint": complaint,
                "subject": subject,
                "body": body,
                "language": lang,
                "recipient": recipient,
                "authority": authority(lang),
                "date": format_date(dated or timezone.localdate(), lang),
            },
        )


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint, imported late: it is slow to import and only needed here."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.SRC_DIR)).write_pdf()


def letter_pdf(
    *,
    complaint: Complaint,
    subject: str,
    body: str,
    language: str,
    recipient: str,
    dated: dt.date | None = None,
) -> bytes:
    """The letter as PDF bytes; a failure is refused, so no letter is stored without its PDF."""
    html = letter_html(
        complaint=complaint,
        subject=subject,
        body=body,
        language=language,
        recipient=recipient,
        dated=dated,
    )
    try:
        pdf = html_to_pdf(html)
    except Exception as exc:
        raise ApplicationError(
            _("De PDF van de brief kon niet worden gemaakt: %(detail)s") % {"detail": exc}
        ) from exc
    if not pdf or not pdf.startswith(b"%PDF"):
        raise ApplicationError(_("De PDF van de brief kon niet worden gemaakt."))
    return pdf
