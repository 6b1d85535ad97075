"""Reads of the status pages: what a complainant sees of their complaint, in plain words.

Every read takes a complaint that `access.py` already granted; nothing here looks a complaint
up by itself, except the representative body's list, which uses the one filter `access.py`
defines. What is left out on purpose:
* staff names and the reasons staff wrote in the status history (internal);
* internal notes (`cases.Note`), letters not marked visible to the complainant;
* the triage result until a person has confirmed the priority (`priority_confirmed`), and
  even then never the raw score: the three factors of the priority policy and the band, in
  words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from waakhond.cases import deadlines as rules
from waakhond.cases.explanation import localised
from waakhond.cases.models import Decision, Letter, Objection, RightsRequest
from waakhond.cases.selectors import complaint_current_decision
from waakhond.cases.selectors_deadlines import complaint_deadlines_public
from waakhond.cases.workflow import DECISION_OUTCOMES, LETTER_KINDS, OBJECTION_OUTCOMES, Outcome
from waakhond.intake.models import ComplainantMessage, Complaint, Lane, State, StatusChange

from .access import representative_complaints_filter
from .models import RepresentativeAccess

# States in which the complainant can still add information. After a decision the way to
# disagree is an objection; a closed or withdrawn file takes nothing more.
ACCEPTS_INFORMATION = frozenset(
    {
        State.RECEIVED,
        State.TRIAGED,
        State.IN_LANE,
        State.AWAITING_COMPLAINANT,
        State.SUSPENDED,
        State.OBJECTION,
        State.REFERRED,
    }
)
# States a complainant can withdraw from (Awb 4:1, 6:21): every state that is not final.
WITHDRAWABLE = frozenset(set(State) - {State.CLOSED, State.WITHDRAWN})


def page_language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _date(value: dt.date) -> str:
    return date_format(value, "j F Y")


# --- Timeline -----------------------------------------------------------------------------

# What a status change means for the complainant, by the state the case went to.
_COMPLAINT_SENTENCES = {
    State.RECEIVED: gettext_lazy("Wij hebben uw klacht ontvangen."),
    State.TRIAGED: gettext_lazy(
        "Uw klacht is voor het eerst beoordeeld: hoe ernstig en hoe dringend is die? Een "
        "medewerker kijkt daar nog naar."
    ),
    State.IN_LANE: gettext_lazy("Een medewerker behandelt uw klacht."),
    State.AWAITING_COMPLAINANT: gettext_lazy(
        "Wij hebben u om meer informatie gevraagd. Zolang wij op uw antwoord wachten, staat de "
        "termijn voor ons besluit stil."
    ),
    State.SUSPENDED: gettext_lazy(
        "De behandeling staat tijdelijk stil. De termijn voor ons besluit staat ook stil."
    ),
    State.DECIDED: gettext_lazy("Wij hebben een besluit genomen over uw klacht."),
    State.OBJECTION: gettext_lazy("Wij hebben uw bezwaar ontvangen."),
    State.CLOSED: gettext_lazy("Wij hebben het dossier van uw klacht gesloten."),
    State.WITHDRAWN: gettext_lazy("Uw klacht is ingetrokken. Wij behandelen hem niet verder."),
    State.REFERRED: gettext_lazy(
        "Wij hebben uw klacht doorgestuurd naar een andere toezichthouder. Wij houden u op de "
        "hoogte."
    ),
}
_RESUMED = gettext_lazy("De behandeling gaat weer verder.")
_OBJECTION_SENTENCES = {
    **_COMPLAINT_SENTENCES,
    State.DECIDED: gettext_lazy("Wij hebben beslist op uw bezwaar."),
    State.CLOSED: gettext_lazy("Wij hebben het dossier van uw bezwaar gesloten."),
    State.WITHDRAWN: gettext_lazy("Uw bezwaar is ingetrokken. Wij behandelen het niet verder."),
}


# The state of a case as the complainant reads it (the staff labels are internal shorthand).
STATE_WORDS = {
    State.RECEIVED: gettext_lazy("Ontvangen"),
    State.TRIAGED: gettext_lazy("Ontvangen en voor het eerst beoordeeld"),
    State.IN_LANE: gettext_lazy("In behandeling"),
    State.AWAITING_COMPLAINANT: gettext_lazy("Wij wachten op informatie van u"),
    State.SUSPENDED: gettext_lazy("Tijdelijk stilgelegd"),
    State.DECIDED: gettext_lazy("Besluit genomen"),
    State.OBJECTION: gettext_lazy("Bezwaar in behandeling"),
    State.CLOSED: gettext_lazy("Afgesloten"),
    State.WITHDRAWN: gettext_lazy("Ingetrokken"),
    State.REFERRED: gettext_lazy("Doorgestuurd naar een andere toezichthouder"),
}


def state_words(state: str) -> str:
    words = STATE_WORDS.get(state)
    return str(words) if words else state


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.datetime
    text: str


def _status_sentence(change: StatusChange, *, objection_case: bool) -> str:
    sentences = _OBJECTION_SENTENCES if objection_case else _COMPLAINT_SENTENCES
    # Coming back from waiting or a suspension is a resumption, whatever state it returns to.
    if change.from_state in {State.AWAITING_COMPLAINANT, State.SUSPENDED} and change.to_state in {
        State.TRIAGED,
        State.IN_LANE,
        State.OBJECTION,
    }:
        return str(_RESUMED)
    sentence = sentences.get(change.to_state)
    return str(sentence) if sentence else str(State(change.to_state).label)


def complaint_timeline(
    complaint: Complaint, *, objection_case: bool = False
) -> list[TimelineEntry]:
    """Status history and the complainant's own additions, oldest first, in plain words.

    Who made a change and the reason staff wrote are left out: both are internal.
    """
    entries = [
        TimelineEntry(change.created_at, _status_sentence(change, objection_case=objection_case))
        for change in StatusChange.objects.filter(complaint=complaint).order_by("id")
    ]
    for message in ComplainantMessage.objects.filter(complaint=complaint).prefetch_related(
        "attachments"
    ):
        count = len(message.attachments.all())
        if count:
            text = _("U heeft informatie toegevoegd, met %(count)d bestand(en).") % {"count": count}
        else:
            text = _("U heeft informatie toegevoegd.")
        entries.append(TimelineEntry(message.created_at, text))
    return sorted(entries, key=lambda entry: entry.when)


# --- The next deadline ----------------------------------------------------------------------


@dataclass(frozen=True)
class NextDeadline:
    key: str
    date: dt.date
    sentence: str
    explanation: str
    # The explanation comes in the complainant's chosen language, which may differ from the page.
    explanation_language: str
    basis: str


def _deadline_sentence(key: str, date: dt.date) -> str:
    when = _date(date)
    if key == "decision":
        return _(
            "Wij nemen uiterlijk op %(date)s een besluit (Algemene wet bestuursrecht, artikel "
            "4:13). Lukt dat niet, dan laten wij het u voor die datum weten."
        ) % {"date": when}
    if key.startswith("progress_notice"):
        return _(
            "Uiterlijk op %(date)s laten wij u weten hoe het met uw klacht staat (AVG, artikel "
            "78, lid 2)."
        ) % {"date": when}
    if key == "objection_period_end":
        return _(
            "Bent u het niet eens met het besluit? U kunt tot en met %(date)s bezwaar maken "
            "(Algemene wet bestuursrecht, artikel 6:7)."
        ) % {"date": when}
    if key == "objection_decision":
        return _(
            "Wij beslissen uiterlijk op %(date)s op uw bezwaar (Algemene wet bestuursrecht, "
            "artikel 7:10). Lukt dat niet, dan laten wij het u voor die datum weten."
        ) % {"date": when}
    if key == "controller_response":
        return _(
            "De organisatie moet uiterlijk op %(date)s antwoorden op uw verzoek (AVG, artikel 12, "
            "lid 3)."
        ) % {"date": when}
    return _("Volgende termijn: %(date)s.") % {"date": when}


def _relevant_keys(complaint: Complaint, *, objection_case: bool) -> tuple[str, ...]:
    """Which deadlines matter to the complainant now, most important first."""
    if complaint.state in {State.CLOSED, State.WITHDRAWN}:
        return ()
    if complaint.state == State.DECIDED:
        # After a decision only the objection period is left (none after a decision on an
        # objection: the next remedy is the court).
        return () if objection_case else ("objection_period_end",)
    if objection_case:
        return ("objection_decision",)
    if complaint.state == State.REFERRED:
        return ("progress_notice",)
    return ("decision", "progress_notice", "controller_response")


def complaint_next_deadline(
    complaint: Complaint, *, objection_case: bool = False, today: dt.date | None = None
) -> NextDeadline | None:
    """The deadline still ahead that matters most to the complainant now, with what it means.

    The keys are tried in order of importance (the decision before a progress notice); of the
    progress notices, the first one still ahead counts.
    """
    today = today or timezone.localdate()
    keys = _relevant_keys(complaint, objection_case=objection_case)
    if not keys:
        return None
    rows = [row for row in complaint_deadlines_public(complaint) if row["date"] >= today]
    row = None
    for key in keys:
        matching = [r for r in rows if r["key"] == key or r["key"].startswith(key + "_")]
        if matching:
            row = min(matching, key=lambda r: r["date"])
            break
    if row is None:
        return None
    return NextDeadline(
        key=row["key"],
        date=row["date"],
        sentence=_deadline_sentence(row["key"], row["date"]),
        explanation=row["explanation"],
        explanation_language=complaint.language or "nl",
        basis=row["basis"],
    )


# --- Triage reasons -------------------------------------------------------------------------

# The three factors of the authority's policy on prioritising complaints, as questions.
FACTOR_QUESTIONS = (
    ("affected", gettext_lazy("Hoe erg zijn de gevolgen voor de mensen om wie het gaat?")),
    ("societal", gettext_lazy("Hoe belangrijk is dit voor de samenleving?")),
    ("effective", gettext_lazy("Kunnen wij hier met ons optreden echt iets aan veranderen?")),
)
FACTOR_LEVELS = {
    "high": gettext_lazy("veel"),
    "medium": gettext_lazy("gemiddeld"),
    "low": gettext_lazy("weinig"),
}
BAND_SENTENCES = {
    "high": gettext_lazy("Wij geven uw klacht een hoge prioriteit."),
    "medium": gettext_lazy("Wij geven uw klacht een gemiddelde prioriteit."),
    "low": gettext_lazy(
        "Wij geven uw klacht een lage prioriteit. Dat betekent niet dat u ongelijk heeft. Het "
        "kan betekenen dat wij geen uitgebreid onderzoek doen. U krijgt altijd een besluit, met "
        "de redenen."
    ),
}


@dataclass(frozen=True)
class FactorReasons:
    question: str
    level: str
    reasons: list[str]


@dataclass(frozen=True)
class TriageReasons:
    band_sentence: str
    factors: list[FactorReasons]


def complaint_triage_reasons(
    complaint: Complaint, *, language: str | None = None
) -> TriageReasons | None:
    """The priority in words, once a person confirmed it; None before that (never the score)."""
    # Until a person has looked at it, the engine's reading is a suggestion and stays internal.
    if not complaint.priority_confirmed:
        return None
    record = complaint.current_triage
    result = record.result if record is not None and isinstance(record.result, dict) else {}
    priority = result.get("priority") if isinstance(result.get("priority"), dict) else {}
    raw_factors = priority.get("factors") if isinstance(priority.get("factors"), dict) else {}
    language = language or page_language()
    factors = []
    for key, question in FACTOR_QUESTIONS:
        factor = raw_factors.get(key) if isinstance(raw_factors.get(key), dict) else {}
        reasons = factor.get("reasons") if isinstance(factor.get("reasons"), list) else []
        texts = [t for t in (localised(r, language) for r in reasons) if t]
        level = FACTOR_LEVELS.get(factor.get("level"), "")
        if texts or level:
            factors.append(FactorReasons(question=str(question), level=str(level), reasons=texts))
    band_sentence = BAND_SENTENCES.get(complaint.band)
    if band_sentence is None and not factors:
        return None
    return TriageReasons(band_sentence=str(band_sentence or ""), factors=factors)


# --- Letters, decision, objection ----------------------------------------------------------


def complaint_letters(complaint: Complaint) -> QuerySet[Letter]:
    """The letters of this complaint the complainant may read (and download as PDF)."""
    return Letter.objects.filter(complaint=complaint, visible_to_complainant=True).order_by("id")


def complaint_letter(complaint: Complaint, letter_id: int) -> Letter | None:
    """One letter of this complaint that the complainant may read; None for any other."""
    return complaint_letters(complaint).filter(pk=letter_id).first()


def letter_label(letter: Letter, language: str | None = None) -> str:
    language = language or page_language()
    try:
        from waakhond.cases.workflow import LetterKind

        label = LETTER_KINDS[LetterKind(letter.kind)]
    except (KeyError, ValueError):
        return letter.subject
    return getattr(label, language)


def objection_link_of(complaint: Complaint) -> Objection | None:
    """The link to the decision this complaint objects to, when it is an objection case."""
    return Objection.objects.filter(case=complaint).select_related("decision__complaint").first()


def decision_of(complaint: Complaint) -> Decision | None:
    return complaint_current_decision(complaint)


def outcome_label(outcome: str, language: str | None = None) -> str:
    language = language or page_language()
    try:
        code = Outcome(outcome)
    except ValueError:
        return outcome
    info = DECISION_OUTCOMES.get(code) or OBJECTION_OUTCOMES.get(code)
    return getattr(info, language) if info else outcome


def outcome_open_to_objection(outcome: str) -> bool:
    try:
        info = DECISION_OUTCOMES.get(Outcome(outcome))
    except ValueError:
        # An outcome we do not know is treated as open to objection: no one loses a remedy.
        return True
    return info.open_to_objection if info else False


@dataclass(frozen=True)
class ObjectionChance:
    """Whether the complainant can object now, and if not, why (in plain words)."""

    allowed: bool
    period_end: dt.date | None = None
    explanation: str = ""
    existing: list[Complaint] = field(default_factory=list)


def objection_period_end(decision: Decision) -> dt.date:
    """The last day of the objection period (Awb 6:7, 6:8; Atw art. 1)."""
    # `today` only guards against a future date; the end of the period does not depend on it.
    return rules.objection_deadlines(decision.made_known_on, today=decision.made_known_on)[0].due


def objection_chance(
    complaint: Complaint, *, today: dt.date | None = None
) -> ObjectionChance | None:
    """None when there is no decision to object to; else whether an objection is possible."""
    today = today or timezone.localdate()
    decision = decision_of(complaint)
    if decision is None:
        return None
    existing = [
        link.case
        for link in Objection.objects.filter(decision=decision)
        .select_related("case")
        .order_by("id")
    ]
    # A decision on an objection is not open to a new objection; the next step is the court.
    if objection_link_of(complaint) is not None or not outcome_open_to_objection(decision.outcome):
        return ObjectionChance(
            allowed=False,
            existing=existing,
            explanation=_(
                "Tegen een beslissing op bezwaar kunt u niet opnieuw bezwaar maken. Bent u het er "
                "niet mee eens? Dan kunt u binnen zes weken in beroep gaan bij de rechtbank "
                "(Algemene wet bestuursrecht, artikel 8:1 en 6:7). Hoe dat gaat, staat in de brief."
            ),
        )
    period_end = objection_period_end(decision)
    if existing:
        return ObjectionChance(
            allowed=False,
            period_end=period_end,
            existing=existing,
            explanation=_("U heeft al bezwaar gemaakt tegen dit besluit."),
        )
    if complaint.state != State.DECIDED:
        return ObjectionChance(
            allowed=False,
            period_end=period_end,
            explanation=_("Dit dossier is gesloten. Bezwaar maken via deze pagina kan niet meer."),
        )
    if not rules.objection_in_time(decision.made_known_on, today):
        return ObjectionChance(
            allowed=False,
            period_end=period_end,
            explanation=_(
                "U kon bezwaar maken tot en met %(date)s. Die termijn van zes weken is voorbij "
                "(Algemene wet bestuursrecht, artikel 6:7). Had u een goede reden om te laat te "
                "zijn, bijvoorbeeld omdat u ziek was? Stuur ons dan een brief met uw bezwaar en "
                "die reden. Wij kijken dan of wij uw bezwaar toch behandelen (artikel 6:11)."
            )
            % {"date": _date(period_end)},
        )
    return ObjectionChance(allowed=True, period_end=period_end)


# --- Ask the organisation first: reopening --------------------------------------------------


@dataclass(frozen=True)
class ReopenChance:
    request: RightsRequest
    answer_due: dt.date
    allowed: bool


def reopen_chance(complaint: Complaint, *, today: dt.date | None = None) -> ReopenChance | None:
    """The complainant's request to the organisation, and whether its month has passed.

    Only in the lane "ask the organisation first", for a request the complainant said they
    sent and did not reopen yet. It may be reopened once the GDPR Art. 12(3) month is over.
    """
    today = today or timezone.localdate()
    if complaint.lane != Lane.ASK_ORGANISATION_FIRST or complaint.state in {
        State.DECIDED,
        State.CLOSED,
        State.WITHDRAWN,
    }:
        return None
    request = (
        RightsRequest.objects.filter(complaint=complaint, reopened_at=None)
        .exclude(sent_by_complainant_on=None)
        .order_by("-sent_by_complainant_on", "-id")
        .first()
    )
    if request is None:
        return None
    due = rules.controller_response_deadline(request.sent_by_complainant_on).due
    return ReopenChance(request=request, answer_due=due, allowed=today > due)


def request_awaiting_sent_date(complaint: Complaint) -> RightsRequest | None:
    """A request letter we gave the complainant, of which they have not yet said when they
    sent it (only in the lane "ask the organisation first", while the case is open)."""
    if complaint.lane != Lane.ASK_ORGANISATION_FIRST or complaint.state in {
        State.DECIDED,
        State.CLOSED,
        State.WITHDRAWN,
    }:
        return None
    return (
        RightsRequest.objects.filter(complaint=complaint, sent_by_complainant_on=None)
        .order_by("-id")
        .first()
    )


# --- The whole page -------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusPage:
    complaint: Complaint
    state_label: str
    timeline: list[TimelineEntry]
    next_deadline: NextDeadline | None
    triage: TriageReasons | None
    letters: list[Letter]
    decision: Decision | None
    decision_outcome: str
    objection: ObjectionChance | None
    original: Complaint | None  # for an objection case: the complaint it is about
    objection_cases: list[Complaint]
    reopen: ReopenChance | None
    request_to_send: RightsRequest | None
    can_add_information: bool
    can_withdraw: bool
    messages: list[ComplainantMessage]


def status_page(complaint: Complaint, *, today: dt.date | None = None) -> StatusPage:
    """Everything the status page shows, for a complaint the session may see."""
    today = today or timezone.localdate()
    language = page_language()
    link = objection_link_of(complaint)
    decision = decision_of(complaint)
    objection = objection_chance(complaint, today=today)
    return StatusPage(
        complaint=complaint,
        state_label=state_words(complaint.state),
        timeline=complaint_timeline(complaint, objection_case=link is not None),
        next_deadline=complaint_next_deadline(
            complaint, objection_case=link is not None, today=today
        ),
        triage=None if link is not None else complaint_triage_reasons(complaint, language=language),
        letters=list(complaint_letters(complaint)),
        decision=decision,
        decision_outcome=outcome_label(decision.outcome, language) if decision else "",
        objection=objection,
        original=link.decision.complaint if link is not None else None,
        objection_cases=objection.existing if objection is not None else [],
        reopen=reopen_chance(complaint, today=today),
        request_to_send=request_awaiting_sent_date(complaint),
        can_add_information=complaint.state in ACCEPTS_INFORMATION,
        can_withdraw=complaint.state in WITHDRAWABLE,
        messages=list(
            ComplainantMessage.objects.filter(complaint=complaint).prefetch_related("attachments")
        ),
    )


# --- Representative bodies ------------------------------------------------------------------


def representative_complaints(access: RepresentativeAccess) -> QuerySet[Complaint]:
    """The complaints this representative body filed (GDPR Art. 80), newest first."""
    return Complaint.objects.filter(**representative_complaints_filter(access)).order_by(
        "-received_at", "-id"
    )


@dataclass(frozen=True)
class RepresentativeRow:
    complaint: Complaint
    state: str


def representative_rows(access: RepresentativeAccess) -> list[RepresentativeRow]:
    return [
        RepresentativeRow(complaint=c, state=state_words(c.state))
        for c in representative_complaints(access)
    ]
