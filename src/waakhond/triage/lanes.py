"""Lane suggestion and the Art. 12(3) clock for rights requests.

The lane is decided by the first rule that applies, in this order:

1. ``out_of_scope`` — the complaint is about the AP itself (Awb ch. 9: its complaints
   coordinator, then the National Ombudsman); or names no personal data or no facts at all;
   or concerns a private person acting in a purely personal or household capacity
   (GDPR Art. 2(2)(c)). A neighbour's camera that films only the neighbour's own property is
   household; one that also films the street, a garden or a door of others is not
   (CJEU C-212/13 Ryneš), and goes on down the list. A court acting in its judicial capacity
   (a published judgment, a hearing, a case file) is outside the AP's reach (GDPR Art. 55(3)).
2. ``refer_lead_authority`` — the controller's main establishment is in another EU member state,
   so that authority leads (GDPR Art. 56(1)); the AP passes the complaint on.
3. ``tip`` — the complainant says it is not about their own data and no representative body
   files it (AP intake rules: a tip gets no individual investigation).
4. ``ask_organisation_first`` — a rights complaint (access, erasure, rectification, objection)
   where the organisation was not asked first, or was asked less than one month before intake
   (GDPR Art. 12(3)); not when the complaint also describes a practice ranked high. Also a
   rights complaint (no practice alleged besides the request) against a public body that has
   decided, or failed to decide in time, when no objection or notice of default is mentioned: under UAVG Art. 34 that decision is an Awb
   decision, so objection comes first (Rb. Rotterdam 2022:5657). And any complaint below the
   high band whose complainant says they have not yet approached the organisation: the AP asks
   every complainant to do that first.
5. ``investigate`` — the band is high, or medium with factor a at least medium and a practice
   or an employer reading employees' communications (not only a rights request) that factor c
   does not rule out.
6. ``quick_intervention`` — everything else: a letter, a call or mediation.

The Art. 12(3) clock: the request date comes from the form (``contacted_on``) or from the
text ("op 3 maart 2025", "12/01/2025", "twee maanden geleden", "3 weeks ago"); the period ends
one calendar month later (the same day number, or the month's last day). Without any date the
status is ``unknown`` and the engine asks for more information rather than guessing.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .types import Text

RIGHTS_CATEGORIES = frozenset({"access_rights", "erasure", "rectification", "objection"})
RIGHTS_TOKENS = frozenset(
    {
        "issue:access",
        "issue:erasure",
        "issue:rectification",
        "issue:objection",
        "issue:restriction",
        "issue:portability",
    }
)

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
}
_NUM = {
    "een": 1,
    "één": 1,
    "a": 1,
    "an": 1,
    "one": 1,
    "twee": 2,
    "two": 2,
    "drie": 3,
    "three": 3,
    "vier": 4,
    "four": 4,
    "vijf": 5,
    "five": 5,
    "zes": 6,
    "six": 6,
    "zeven": 7,
    "seven": 7,
    "acht": 8,
    "eight": 8,
    "negen": 9,
    "nine": 9,
    "tien": 10,
    "ten": 10,
    "paar": 2,
    "couple of": 2,
    "few": 3,
    "several": 3,
    "enkele": 3,
    "ruim een": 1,
    "over een": 1,
}
_UNIT_DAYS = {
    "dag": 1,
    "dagen": 1,
    "day": 1,
    "days": 1,
    "week": 7,
    "weken": 7,
    "weeks": 7,
    "maand": 30,
    "maanden": 30,
    "month": 30,
    "months": 30,
    "jaar": 365,
    "year": 365,
    "years": 365,
}
_MONTH_RX = "|".join(MONTHS)
_NUM_RX = r"\d{1,3}|" + "|".join(sorted(_NUM, key=len, reverse=True))


def _word_start(first: str) -> str:
    r"""``first`` (one character or class, a word character) at the start of a word.

    ``\b`` followed by a word character means "no word character just before it". Written as
    a look-behind after that first character, the pattern starts with a literal or a class, so
    the regex engine skips quickly to the places where a match can begin (a pattern led by
    ``\b`` is tried at every position of the text). The matches are the same.
    """
    return rf"{first}(?<!\w{first})"


_D = _word_start(r"\d")
# "\b(?:19|20)\d\d" and "\b(januari|...)" with the word start moved after the first character
_YEAR_AT_WORD = rf"(?:{_word_start('1')}9|{_word_start('2')}0)\d\d"
_MONTH_AT_WORD = "|".join(_word_start(m[0]) + m[1:] for m in MONTHS)
_ABS_NUMERIC = re.compile(rf"({_D}\d?)[-/.](\d{{1,2}})[-/.]((?:19|20)\d\d)\b")
_ISO = re.compile(rf"({_YEAR_AT_WORD})-(\d{{2}})-(\d{{2}})\b")
_ABS_WORDS = re.compile(rf"({_D}\d?)(?:st|nd|rd|th|e)?\s+({_MONTH_RX})(?:\s+((?:19|20)\d\d))?\b")
_ABS_WORDS_EN = re.compile(
    rf"({_MONTH_AT_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
)
_RELATIVE = re.compile(
    rf"\b({_NUM_RX})\s+(dagen|dag|weken|week|maanden|maand|jaar|days|day|weeks|months|month|years|year)\s+(?:geleden|ago)\b"
)
_LAST = re.compile(
    r"\b(?:vorige|afgelopen|last)\s+(week|maand|month|jaar|year)\b|\b(gisteren|yesterday|eergisteren)\b"
)
# Words without which a pattern cannot match: when none occurs, its scan is skipped.
_MONTH_WORDS = tuple(MONTHS)
_LAST_WORDS = ("vorige", "afgelopen", "last", "gisteren", "yesterday", "eergisteren")
_HAS_DIGIT = re.compile(r"\d")
# What every match of _ABS_NUMERIC holds, found much faster than a match: "-2025", "/1998"
_NUMERIC_DATE_END = re.compile(r"[-/.](?:19|20)\d\d")


def _matches_at_words(
    rx: re.Pattern[str], lowered: str, words: tuple[str, ...]
) -> list[re.Match[str]]:
    """``rx.finditer(lowered)`` for a pattern whose every match starts where one of ``words``
    starts: only those places are tried (leftmost first, each match resumes after the last)."""
    starts: set[int] = set()
    for w in words:
        i = lowered.find(w)
        while i >= 0:
            starts.add(i)
            i = lowered.find(w, i + 1)
    out: list[re.Match[str]] = []
    pos = 0
    for i in sorted(starts):
        if i < pos:
            continue
        m = rx.match(lowered, i)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def add_one_month(d: date) -> date:
    """The same day one calendar month later, or the last day of that month (Art. 12(3))."""
    year, month = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def dates_in_text(lowered: str, received_on: date) -> list[date]:
    """Dates the text mentions, on or before the intake date (relative ones counted back from it)."""
    found: list[date] = []

    def add(y: int, m: int, d: int) -> None:
        try:
            day = date(y, m, d)
        except ValueError:
            return
        if day <= received_on:
            found.append(day)

    digits = _HAS_DIGIT.search(lowered) is not None
    months = tuple(m for m in _MONTH_WORDS if m in lowered) if digits else ()
    if digits and "-" in lowered:
        for m in _ISO.finditer(lowered):
            add(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if digits and _NUMERIC_DATE_END.search(lowered):
        for m in _ABS_NUMERIC.finditer(lowered):
            add(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if months:
        for m in _ABS_WORDS.finditer(lowered):
            month, day_no = MONTHS[m.group(2)], int(m.group(1))
            if m.group(3):
                add(int(m.group(3)), month, day_no)
            else:  # "op 3 maart": the last 3 March on or before the intake date
                later = (month, day_no) > (received_on.month, received_on.day)
                add(received_on.year - 1 if later else received_on.year, month, day_no)
        for m in _matches_at_words(_ABS_WORDS_EN, lowered, months):
            add(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    relative = _RELATIVE.finditer(lowered) if ("geleden" in lowered or " ago" in lowered) else ()
    for m in relative:
        n_raw = m.group(1)
        n = int(n_raw) if n_raw.isdigit() else _NUM.get(n_raw, 1)
        found.append(received_on - timedelta(days=n * _UNIT_DAYS[m.group(2)]))
    for m in _matches_at_words(_LAST, lowered, _LAST_WORDS):
        unit = m.group(1) or ""
        days = {"week": 7, "maand": 30, "month": 30, "jaar": 365, "year": 365}.get(unit, 0)
        if m.group(2):
            days = 2 if m.group(2) == "eergisteren" else 1
        found.append(received_on - timedelta(days=days))
    return found


def request_status(
    tokens: frozenset[str], contacted_on: date | None, lowered: str, received_on: date
) -> tuple[str, date | None]:
    """Status of a rights request: not_asked | pending | passed | answered | unknown, and the deadline."""
    if contacted_on is not None:
        deadline = add_one_month(contacted_on)
        return ("passed" if received_on > deadline else "pending"), deadline
    asked = "prior_request:*" in tokens
    if "no_prior_request:*" in tokens or not asked:
        return "not_asked", None
    if not RIGHTS_TOKENS.intersection(tokens):
        return "unknown", None  # the clock only matters for a rights request
    dates = dates_in_text(lowered, received_on)
    if dates:
        deadline = add_one_month(min(dates))
        if received_on > deadline:
            return "passed", deadline
        if "response:refused" in tokens:
            return "answered", deadline
        return "pending", deadline
    if "response:refused" in tokens:
        return "answered", None
    if "response:none" in tokens and ("duration:any" in tokens or "ongoing:*" in tokens):
        return "passed", None  # "I have been waiting for months", "still no answer"
    return "unknown", None


def _r(nl: str, en: str) -> Text:
    return {"nl": nl, "en": en}


def suggest_lane(
    tokens: frozenset[str],
    categories: tuple[str, ...],
    band: str,
    affected: str,
    effective: str,
    status: str,
    has_facts: bool,
) -> tuple[str, list[Text]]:
    if "about_ap:*" in tokens:
        return "out_of_scope", [
            _r(
                "De klacht gaat over de AP zelf; die wordt behandeld door de klachtencoördinator van de AP en daarna de Nationale ombudsman (Awb hoofdstuk 9).",
                "The complaint is about the AP itself; its complaints coordinator handles it, then the National Ombudsman (Awb chapter 9).",
            )
        ]
    if "judicial_capacity:*" in tokens:
        return "out_of_scope", [
            _r(
                "Een gerecht in zijn rechterlijke functie valt buiten het toezicht van de AP (art. 55 lid 3 AVG); de klager kan zich tot het gerecht wenden.",
                "A court acting in its judicial capacity is outside the AP's supervision (GDPR Art. 55(3)); the complainant can turn to the court.",
            )
        ]
    if not has_facts:
        return "out_of_scope", [
            _r(
                "De tekst noemt geen verwerking van persoonsgegevens; vraag de klager om meer informatie.",
                "The text names no processing of personal data; ask the complainant for more information.",
            )
        ]
    if "no_personal_data:*" in tokens and not any(
        t.startswith(("practice:", "issue:", "special_category:")) for t in tokens
    ):
        return "out_of_scope", [
            _r(
                "Het lijkt niet om persoonsgegevens of privacy te gaan.",
                "It does not seem to be about personal data or privacy.",
            )
        ]
    household = "household:*" in tokens and "controller:individual" in tokens
    beyond_home = any(
        t in tokens
        for t in (
            "practice:publication",
            "rule:issue.excessive",
            "public_space:*",
            "others_property:*",
            "practice:sharing_third_party",
        )
    )
    if household and not beyond_home:
        return "out_of_scope", [
            _r(
                "Een privépersoon die gegevens alleen voor huishoudelijke of persoonlijke doeleinden verwerkt, valt buiten de AVG (art. 2 lid 2 onder c).",
                "A private person processing data only for household or personal purposes is outside the GDPR (Art. 2(2)(c)).",
            )
        ]
    if "lead_authority:foreign" in tokens:
        return "refer_lead_authority", [
            _r(
                "De organisatie heeft haar hoofdvestiging in een andere EU-lidstaat; de toezichthouder daar is leidend (art. 56 lid 1 AVG).",
                "The organisation's main establishment is in another EU member state; that authority is the lead authority (GDPR Art. 56(1)).",
            )
        ]
    if "not_own_data:*" in tokens and "representative:representative_body" not in tokens:
        return "tip", [
            _r(
                "De melding gaat niet over de eigen gegevens van de melder: een tip, die wordt gebruikt voor toezicht maar niet individueel onderzocht.",
                "The report is not about the reporter's own data: a tip, used for supervision but not investigated individually.",
            )
        ]
    rights = RIGHTS_CATEGORIES.intersection(categories)
    if rights and status in ("not_asked", "pending") and band != "high":
        if status == "not_asked":
            why = _r(
                "Een verzoek over rechten moet eerst bij de organisatie zelf worden gedaan; dat is niet gebleken.",
                "A rights request must first be made to the organisation itself; that has not been shown.",
            )
        else:
            why = _r(
                "De organisatie heeft een maand om te antwoorden (art. 12 lid 3 AVG); die termijn was bij ontvangst nog niet verstreken.",
                "The organisation has one month to answer (GDPR Art. 12(3)); that period had not passed on the intake date.",
            )
        return "ask_organisation_first", [why]
    if "no_prior_request:*" in tokens and band != "high":
        # the AP asks every complainant to raise the matter with the organisation (or its DPO)
        # first, not only for rights requests (priority-policy.md, "voordat u een klacht indient")
        return "ask_organisation_first", [
            _r(
                "De klager heeft de organisatie (of haar functionaris gegevensbescherming) nog niet benaderd; de AP vraagt dat eerst te doen.",
                "The complainant has not yet approached the organisation (or its data protection officer); the AP asks them to do that first.",
            )
        ]
    practices = any(
        t.startswith("practice:") and t not in ("practice:*", "practice:direct_marketing")
        for t in tokens
    )
    if (
        rights
        and status in ("passed", "answered")
        and band != "high"
        and not practices
        and "controller:public" in tokens
        and "awb_objection:*" not in tokens
    ):
        return "ask_organisation_first", [
            _r(
                "Een besluit (of het uitblijven daarvan) van een bestuursorgaan op een verzoek over rechten is een besluit in de zin van de Awb (art. 34 UAVG): eerst bezwaar maken of het orgaan in gebreke stellen.",
                "A public body's decision (or failure to decide) on a rights request is an administrative decision (UAVG Art. 34): the complainant first lodges an objection or a notice of default.",
            )
        ]
    # what needs establishing: a practice, or an employer reading its employees' communications
    # (not only a rights request, handled above; special categories alone are not enough,
    # "special categories at scale" already raise the band)
    processing = practices or (
        "vulnerable_group:employees" in tokens and "data_type:communications" in tokens
    )
    if band == "high" or (
        band == "medium" and affected != "low" and processing and effective != "low"
    ):
        return "investigate", [
            _r(
                f"Prioriteitsband {band}: de gevolgen voor betrokkenen en de maatschappelijke betekenis rechtvaardigen onderzoek.",
                f"Priority band {band}: the effect on people and the societal significance warrant an investigation.",
            )
        ]
    reasons = [
        _r(
            "Een brief, telefoongesprek of bemiddeling bij de organisatie kan dit naar verwachting oplossen.",
            "A letter, call or mediation with the organisation can be expected to resolve this.",
        )
    ]
    if household:
        reasons.append(
            _r(
                "Een camera van een privépersoon die ook de openbare weg of andermans eigendom filmt valt onder de AVG (HvJ EU C-212/13 Ryneš).",
                "A private person's camera that also films public space or others' property falls under the GDPR (CJEU C-212/13 Ryneš).",
            )
        )
    return "quick_intervention", reasons
