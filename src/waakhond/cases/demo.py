"""The demo desk at work: takes the demo queue through realistic case handling.

Why this module exists: a queue of 300 freshly triaged complaints shows nothing of deadlines,
workload or decisions. After the demo complaints are filed and triaged, this walks the older part
of the queue through the real services, as the demo team would have done: the handler
(`behandelaar`) takes cases, the team lead (`teamleider`) assigns and reviews, the intake officer
(`intake`) chooses lanes at the front door.

Rules of the walk (per complaint, by its age in days at loading, `created_at - received_at`)
    * older than ~120 days: most are decided, with outcomes that fit the lane (not investigated
      for lack of priority with the three factors, a request letter for "ask the organisation
      first", an organisation letter and its answer for a quick intervention, referrals to the
      lead authority for cross-border ones, tips recorded, out of scope with a referral letter);
      a few investigations still run and a couple are withdrawn; a decided case whose objection
      period has passed is closed, as the daily run would do;
    * 8 weeks to 120 days: about half decided; the running ones mostly wait for the complainant
      (an open suspension), a few are left overdue, one has a notice of default;
    * younger: assigned to `behandelaar` (some through the team lead) with a lane, a few with an
      extension notice or a suspension, quick decisions on tips and out-of-scope complaints;
      the youngest are still unassigned (some with a lane chosen by the intake officer);
    * one decided case has an objection whose decision is deferred (Awb 7:10(3)); another had
      its objection upheld, was reopened by the team lead and decided again.

Dates: services that take a date are back-dated (`case_decide(decided_on=)`, suspension start
and end, objection receipt, notice of default); services without one (taking, lanes, letters,
referrals, withdrawals) carry today's date. Which plan a complaint gets depends only on its own
submission key, so the walk is repeatable.

Idempotent: only complaints still as triage left them (triaged, no lane, nobody assigned) are
touched, so a second run finds nothing to do. Letters are made without their PDF (made on first
download, `letters.pdfs_deferred`) and e-mail stays queued (`messages.delivery_held`), so the
fictional complainants get no mail and loading stays fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Channel, Complaint, State

from . import deadlines as rules
from .letters import pdfs_deferred
from .models import Letter, OrganisationContact, Referral
from .selectors_deadlines import cases_at_risk, complaint_deadlines
from .services import assignment, deadline_records, decisions, lanes, transitions, withdrawal
from .services import letters as letter_services
from .services import organisation_contacts as contacts
from .services.messages import delivery_held
from .workflow import Lane, LetterKind, Outcome

DEMO_USERS = ("teamleider", "behandelaar", "intake")
OLD_DAYS = 120
DECISION_DAYS = 56


@dataclass
class CaseworkSummary:
    counts: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    at_risk: int = 0
    overdue: int = 0
    seconds: float = 0.0
    skipped_reason: str = ""

    def lines(self) -> list[str]:
        if self.skipped_reason:
            return [f"Demo casework: {self.skipped_reason}"]
        c = self.counts
        if not c["handled"]:
            return [
                "Demo casework: already done (no untouched demo complaint left to handle); "
                f"{self.at_risk} case(s) at risk, {self.overdue} overdue."
            ]
        outcomes = ", ".join(f"{key} {n}" for key, n in sorted(self.outcomes.items()))
        lines = [
            f"Demo casework: {c['handled']} complaints handled in {self.seconds:.1f} s "
            f"(e-mail held in the queue, letter PDFs made on first download).",
            f"  decided {c['decided']} ({outcomes}); closed {c['closed']}; "
            f"withdrawn {c['withdrawn']}",
            f"  still running: in a lane {c['running']}, waiting for the complainant "
            f"{c['awaiting']}, suspended {c['suspended']}, referred to a lead authority "
            f"{c['referred_open']}",
            f"  letters: request {c['request_letter']}, to the organisation "
            f"{c['organisation_letter']} (answers {c['answer']}), referral {c['referral']}, "
            f"progress notices {c['progress_notice']}; extension notices {c['extension']}, "
            f"notices of default {c['default_notice']}",
            f"  objections {c['objection']} (deferred {c['objection_deferred']}, upheld and "
            f"decided again {c['redecided']})",
            f"  assigned to behandelaar {c['assigned_handler']}, to teamleider "
            f"{c['assigned_lead']}; lane chosen by intake {c['lane_by_intake']}; left "
            f"unassigned {c['unassigned']}",
            f"  deadlines now: {self.at_risk} case(s) at risk, {self.overdue} overdue",
        ]
        if self.problems:
            lines.append(f"  {len(self.problems)} complaint(s) could not be handled:")
            lines.extend(f"    {problem}" for problem in self.problems[:10])
        return lines


# --- Texts -----------------------------------------------------------------------------------

REASONS = {
    Outcome.NOT_INVESTIGATED_PRIORITY: (
        "Wij hebben uw klacht zorgvuldig bekeken en gewogen volgens onze prioriteringsregels. "
        "Wij stellen geen onderzoek in; hieronder leest u per factor waarom.",
        "We have looked at your complaint carefully and weighed it under our priority policy. "
        "We will not investigate; below you can read why, factor by factor.",
    ),
    Outcome.REJECTED_NO_INFRINGEMENT: (
        "De organisatie heeft uw verzoek alsnog binnen de termijn beantwoord en de gevraagde "
        "gegevens verstrekt. Wij zien geen overtreding van de AVG.",
        "The organisation has answered your request within the period after all and provided "
        "the data you asked for. We see no infringement of the GDPR.",
    ),
    Outcome.INTERVENTION_SUCCESSFUL: (
        "Na onze brief heeft de organisatie haar werkwijze aangepast en dat schriftelijk "
        "bevestigd. Verder optreden is niet nodig.",
        "After our letter the organisation changed its practice and confirmed this in writing. "
        "No further action is needed.",
    ),
    Outcome.INFRINGEMENT_ESTABLISHED: (
        "Ons onderzoek laat zien dat de organisatie persoonsgegevens verwerkte zonder geldige "
        "grondslag. Wij hebben haar een last onder dwangsom opgelegd.",
        "Our investigation shows that the organisation processed personal data without a "
        "lawful basis. We have imposed an order subject to a penalty.",
    ),
    Outcome.REFERRED: (
        "De leidende toezichthouder heeft op uw klacht beslist; wij nemen die uitkomst over en "
        "sturen u het besluit.",
        "The lead authority has decided on your complaint; we adopt that outcome and send you "
        "the decision.",
    ),
    Outcome.OUT_OF_SCOPE: (
        "Uw klacht gaat niet over de verwerking van persoonsgegevens waarop wij toezien. Wij "
        "hebben u verwezen naar de instantie die er wel over gaat.",
        "Your complaint is not about a processing of personal data that we supervise. We have "
        "referred you to the body that is competent.",
    ),
    Outcome.TIP_RECORDED: (
        "Wij hebben uw melding vastgelegd als signaal. Wij gebruiken signalen om te bepalen "
        "waar wij toezicht houden; een afzonderlijk onderzoek stellen wij niet in.",
        "We have recorded your report as a signal. We use signals to decide where to supervise; "
        "we will not open a separate investigation.",
    ),
    Outcome.NOT_CONSIDERED_INCOMPLETE: (
        "Wij hebben u om aanvullende informatie gevraagd, maar die hebben wij niet ontvangen. "
        "Wij behandelen uw klacht daarom niet verder (artikel 4:5 Awb).",
        "We asked you for further information but did not receive it. We therefore do not "
        "consider your complaint further (Article 4:5 Awb).",
    ),
    Outcome.OBJECTION_UPHELD: (
        "Bij de heroverweging blijkt dat wij de ernst van de verwerking te laag hebben "
        "ingeschat. Het bezwaar is gegrond; wij behandelen de klacht opnieuw.",
        "On reconsideration we underestimated how serious the processing is. The objection is "
        "upheld; we will handle the complaint again.",
    ),
}
FACTORS = {
    "affected": "Beperkt: het gaat om één bericht zonder gevoelige gegevens.",
    "significance": "Klein: wij zien geen patroon bij deze organisatie of in de sector.",
    "effective": "Een onderzoek kost veel en levert weinig op; de organisatie heeft al hersteld.",
}
LEAD_AUTHORITIES = (
    "Data Protection Commission (Ierland)",
    "CNIL (Frankrijk)",
    "Datatilsynet (Noorwegen)",
    "Bayerisches Landesamt für Datenschutzaufsicht (Duitsland)",
)
QUESTIONS = "Wilt u ons een kopie sturen van uw verzoek aan de organisatie en van haar antwoord?"

#: The outcome a demo decision takes in each lane, by how the complaint's dice fall.
LANE_OUTCOMES: dict[str, tuple[tuple[float, Outcome], ...]] = {
    Lane.OUT_OF_SCOPE: ((1.0, Outcome.OUT_OF_SCOPE),),
    Lane.TIP: ((1.0, Outcome.TIP_RECORDED),),
    Lane.ASK_ORGANISATION_FIRST: (
        (0.8, Outcome.REJECTED_NO_INFRINGEMENT),
        (1.0, Outcome.NOT_CONSIDERED_INCOMPLETE),
    ),
    Lane.QUICK_INTERVENTION: (
        (0.5, Outcome.INTERVENTION_SUCCESSFUL),
        (0.8, Outcome.NOT_INVESTIGATED_PRIORITY),
        (1.0, Outcome.REJECTED_NO_INFRINGEMENT),
    ),
    Lane.INVESTIGATE: (
        (0.6, Outcome.NOT_INVESTIGATED_PRIORITY),
        (0.8, Outcome.INFRINGEMENT_ESTABLISHED),
        (1.0, Outcome.REJECTED_NO_INFRINGEMENT),
    ),
    Lane.REFER_LEAD_AUTHORITY: ((1.0, Outcome.REFERRED),),
}


def _dice(complaint: Complaint, salt: str) -> float:
    """A number in [0, 1) fixed for this complaint and purpose."""
    key = f"{complaint.submission_key or complaint.pk}:{salt}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") / 2**64


def _age(complaint: Complaint) -> int:
    return max(0, (complaint.created_at - complaint.received_at).days)


def _text(complaint: Complaint, pair: tuple[str, str]) -> str:
    return pair[1] if complaint.language == "en" else pair[0]


# --- The walk --------------------------------------------------------------------------------


class _Desk:
    """The demo team and what it did, for one run."""

    def __init__(self, users: dict, today: dt.date, summary: CaseworkSummary) -> None:
        self.lead = users["teamleider"]
        self.handler = users["behandelaar"]
        self.intake = users["intake"]
        self.today = today
        self.summary = summary
        self.count = summary.counts
        self.special_done: set[str] = set()

    # Small steps, each one service call on a freshly read complaint.

    def fresh(self, complaint: Complaint) -> Complaint:
        return Complaint.objects.select_related("assigned_to").get(pk=complaint.pk)

    def received_on(self, complaint: Complaint) -> dt.date:
        return timezone.localdate(complaint.received_at)

    def assign(self, complaint: Complaint) -> object:
        """Who works on the case; returns that user."""
        roll = _dice(complaint, "assign")
        if roll < 0.6:
            assignment.case_take(complaint=complaint, actor=self.handler)
            self.count["assigned_handler"] += 1
            return self.handler
        if roll < 0.85:
            assignment.case_assign(
                complaint=complaint,
                assignee=self.handler,
                actor=self.lead,
                reason="Verdeling van de week.",
            )
            self.count["assigned_handler"] += 1
            return self.handler
        assignment.case_take(complaint=complaint, actor=self.lead)
        self.count["assigned_lead"] += 1
        return self.lead

    def lane(self, complaint: Complaint, actor) -> str:
        lane = complaint.lane_suggested or Lane.INVESTIGATE
        lanes.case_set_lane(complaint=self.fresh(complaint), lane=lane, actor=actor)
        return lane

    def letter(self, complaint: Complaint, actor, kind: str, **extra) -> Letter:
        letter = letter_services.letter_create(
            complaint=self.fresh(complaint), kind=kind, actor=actor, extra=extra or None
        )
        self.count[kind] += 1
        return letter

    def step(self, complaint: Complaint, actor, *keys: str) -> None:
        for key in keys:
            lanes.case_step_done(complaint=self.fresh(complaint), step=key, actor=actor)

    def decide(self, complaint: Complaint, actor, outcome: Outcome, decided_on: dt.date) -> None:
        decisions.case_decide(
            complaint=self.fresh(complaint),
            actor=actor,
            outcome=outcome,
            reasons=_text(complaint, REASONS[outcome]),
            factors=FACTORS if outcome == Outcome.NOT_INVESTIGATED_PRIORITY else None,
            decided_on=decided_on,
        )
        self.count["decided"] += 1
        self.summary.outcomes[outcome.value] += 1

    def decision_day(
        self, complaint: Complaint, *, earliest: int = 12, latest: int = 70
    ) -> dt.date:
        """A realistic decision date: mostly within eight weeks, some late."""
        age = _age(complaint)
        span = max(1, min(latest, age - 1) - earliest)
        days = earliest + int(_dice(complaint, "decided_on") * span)
        return min(self.received_on(complaint) + dt.timedelta(days=days), self.today)

    # What each lane needs before its decision.

    def prepare(self, complaint: Complaint, actor, lane: str) -> None:
        if lane == Lane.OUT_OF_SCOPE:
            self.letter(
                complaint, actor, LetterKind.REFERRAL, target_name="Autoriteit Consument & Markt"
            )
            self.step(complaint, actor, "assess_competence", "choose_referral", "send_referral")
        elif lane == Lane.TIP:
            self.step(complaint, actor, "record_signal")
        elif lane == Lane.ASK_ORGANISATION_FIRST:
            right = ("access", "erasure", "objection", "rectification")[
                int(_dice(complaint, "right") * 4)
            ]
            self.letter(complaint, actor, LetterKind.REQUEST_LETTER, right=right)
            self.step(complaint, actor, "send_request_letter")
        elif lane == Lane.QUICK_INTERVENTION:
            letter = self.letter(
                complaint,
                actor,
                LetterKind.ORGANISATION_LETTER,
                text="Wij vragen u uw werkwijze binnen vier weken aan te passen.",
            )
            contact = OrganisationContact.objects.get(letter=letter)
            contacts.organisation_answer_record(
                contact=contact,
                actor=actor,
                answer="Wij hebben onze werkwijze aangepast en de gegevens van klager verwijderd.",
                received_on=self.today,
            )
            self.count["answer"] += 1
            self.step(complaint, actor, "send_organisation_letter", "record_answer")
        elif lane == Lane.INVESTIGATE:
            self.step(complaint, actor, "plan", "weigh_priority")
        elif lane == Lane.REFER_LEAD_AUTHORITY:
            lanes.case_refer(
                complaint=self.fresh(complaint),
                actor=actor,
                target=Referral.Target.LEAD_AUTHORITY,
                target_name=LEAD_AUTHORITIES[int(_dice(complaint, "lead") * 4)],
                reason="Grensoverschrijdende verwerking; de hoofdvestiging is elders in de EU "
                "(artikel 56 AVG).",
            )
            self.step(complaint, actor, "identify_lead", "transfer")

    def outcome_for(self, complaint: Complaint, lane: str) -> Outcome:
        roll = _dice(complaint, "outcome")
        for threshold, outcome in LANE_OUTCOMES[lane]:
            if roll < threshold:
                return outcome
        return LANE_OUTCOMES[lane][-1][1]

    def maybe_close(self, complaint: Complaint, decided_on: dt.date) -> None:
        """Closed once the objection period has passed, as the daily run would do."""
        period_end = rules.objection_deadlines(decided_on, today=self.today)[0].due
        if self.today <= period_end:
            return
        transitions.case_transition(
            complaint=self.fresh(complaint), to_state=State.CLOSED, actor=self.lead
        )
        self.count["closed"] += 1

    def progress_notice_if_due(self, complaint: Complaint, actor) -> None:
        if _age(complaint) >= 85:
            self.letter(complaint, actor, LetterKind.PROGRESS_NOTICE)

    def wait_for_complainant(self, complaint: Complaint, actor, *, started_after: int) -> None:
        deadline_records.case_suspend(
            complaint=self.fresh(complaint),
            actor=actor,
            request_information=True,
            questions=QUESTIONS,
            starts_on=self.received_on(complaint) + dt.timedelta(days=started_after),
        )
        self.count["awaiting"] += 1

    # Plans by age.

    def handle(self, complaint: Complaint) -> None:
        age = _age(complaint)
        if age > DECISION_DAYS:
            self.handle_older(complaint, age)
        elif age > 10:
            self.handle_recent(complaint, age)
        else:
            self.handle_newest(complaint)

    def handle_older(self, complaint: Complaint, age: int) -> None:
        actor = self.assign(complaint)
        lane = self.lane(complaint, actor)
        roll = _dice(complaint, "plan")
        share_decided = 0.85 if age > OLD_DAYS else 0.5
        if roll < 0.015:
            withdrawal.case_withdraw(
                complaint=self.fresh(complaint),
                by_complainant=False,
                actor=actor,
                reason="De klager belde: de organisatie heeft alles hersteld.",
            )
            self.count["withdrawn"] += 1
            return
        if lane == Lane.REFER_LEAD_AUTHORITY:
            self.prepare(complaint, actor, lane)
            if roll < 0.5:
                self.progress_notice_if_due(complaint, actor)
                self.count["referred_open"] += 1
                return
            decided_on = self.decision_day(complaint)
            self.decide(complaint, actor, Outcome.REFERRED, decided_on)
            self.maybe_close(complaint, decided_on)
            return
        runs_on = roll >= share_decided and lane in {
            Lane.INVESTIGATE,
            Lane.QUICK_INTERVENTION,
        }
        if runs_on:
            self.run_on(complaint, actor, lane, age)
            return
        if "objection_deferred" not in self.special_done and age > OLD_DAYS:
            self.special_done.add("objection_deferred")
            self.objection_deferred(complaint, actor, lane)
            return
        if "redecided" not in self.special_done and age > OLD_DAYS and lane == Lane.INVESTIGATE:
            self.special_done.add("redecided")
            self.objection_upheld_and_redecided(complaint, actor)
            return
        decided_on = self.decision_day(complaint)
        if _dice(complaint, "information") < 0.08 and age > 40:
            # Information was asked and came in before the decision: the clock stood still.
            start = self.received_on(complaint) + dt.timedelta(days=8)
            self.wait_for_complainant(complaint, actor, started_after=8)
            self.count["awaiting"] -= 1
            deadline_records.case_resume(
                complaint=self.fresh(complaint),
                actor=actor,
                ends_on=start + dt.timedelta(days=9),
            )
            decided_on = max(decided_on, start + dt.timedelta(days=10))
        self.prepare(complaint, actor, lane)
        self.decide(complaint, actor, self.outcome_for(complaint, lane), decided_on)
        self.maybe_close(complaint, decided_on)

    def run_on(self, complaint: Complaint, actor, lane: str, age: int) -> None:
        """An investigation or intervention that is still going on."""
        if lane == Lane.QUICK_INTERVENTION:
            letter = self.letter(
                complaint,
                actor,
                LetterKind.ORGANISATION_LETTER,
                text="Wij vragen u uw werkwijze binnen vier weken aan te passen.",
            )
            contact = OrganisationContact.objects.get(letter=letter)
            contacts.organisation_follow_up_set(
                contact=contact, actor=actor, follow_up_on=self.today, reason="Termijn verstreken."
            )
        else:
            self.step(complaint, actor, "plan", "gather")
        self.progress_notice_if_due(complaint, actor)
        self.count["running"] += 1
        roll = _dice(complaint, "running")
        if roll < 0.12:
            # Left overdue on purpose; one of them got a notice of default.
            if "default_notice" not in self.special_done:
                due = next(
                    d.due
                    for d in complaint_deadlines(self.fresh(complaint), today=self.today)
                    if d.key == "decision"
                )
                if due + dt.timedelta(days=3) <= self.today:
                    self.special_done.add("default_notice")
                    deadline_records.case_register_default_notice(
                        complaint=self.fresh(complaint),
                        actor=actor,
                        received_on=due + dt.timedelta(days=3),
                    )
                    self.count["default_notice"] += 1
            return
        self.count["running"] -= 1
        started_after = 25 + int(_dice(complaint, "start") * 28)  # 25 .. 52 days after receipt
        self.wait_for_complainant(complaint, actor, started_after=started_after)

    def objection_deferred(self, complaint: Complaint, actor, lane: str) -> None:
        decided_on = self.today - dt.timedelta(days=35)
        self.prepare(complaint, actor, lane)
        self.decide(complaint, actor, self.outcome_for(complaint, lane), decided_on)
        link = decisions.objection_open(
            complaint=self.fresh(complaint),
            actor=self.intake,
            grounds="Ik ben het niet eens met het besluit: de organisatie gaat gewoon door.",
            received_on=self.today - dt.timedelta(days=28),
            reason="Per post ontvangen.",
        )
        self.count["objection"] += 1
        deadline_records.objection_defer(
            complaint=link.case,
            actor=self.lead,
            weeks=6,
            reason="Wij willen eerst de organisatie horen over de gronden van het bezwaar.",
        )
        self.count["objection_deferred"] += 1

    def objection_upheld_and_redecided(self, complaint: Complaint, actor) -> None:
        first = self.today - dt.timedelta(days=60)
        self.prepare(complaint, actor, Lane.INVESTIGATE)
        self.decide(complaint, actor, Outcome.NOT_INVESTIGATED_PRIORITY, first)
        link = decisions.objection_open(
            complaint=self.fresh(complaint),
            actor=None,
            by_complainant=True,
            grounds="De gevolgen voor mij zijn veel ernstiger dan het besluit zegt.",
            received_on=self.today - dt.timedelta(days=50),
        )
        self.count["objection"] += 1
        case = link.case
        assignment.case_assign(complaint=self.fresh(case), assignee=self.lead, actor=self.lead)
        decisions.case_decide(
            complaint=self.fresh(case),
            actor=self.lead,
            outcome=Outcome.OBJECTION_UPHELD,
            reasons=_text(complaint, REASONS[Outcome.OBJECTION_UPHELD]),
            decided_on=self.today - dt.timedelta(days=20),
        )
        transitions.case_transition(
            complaint=self.fresh(complaint),
            to_state=State.IN_LANE,
            actor=self.lead,
            reason="Bezwaar gegrond; de klacht wordt opnieuw behandeld.",
        )
        self.step(complaint, actor, "gather", "findings")
        self.decide(
            complaint, actor, Outcome.INFRINGEMENT_ESTABLISHED, self.today - dt.timedelta(days=5)
        )
        self.count["redecided"] += 1

    def handle_recent(self, complaint: Complaint, age: int) -> None:
        actor = self.assign(complaint)
        lane = self.lane(complaint, actor)
        roll = _dice(complaint, "plan")
        if lane in {Lane.TIP, Lane.OUT_OF_SCOPE} and roll < 0.5:
            decided_on = self.decision_day(complaint, earliest=3, latest=age - 1)
            self.prepare(complaint, actor, lane)
            self.decide(complaint, actor, self.outcome_for(complaint, lane), decided_on)
            self.maybe_close(complaint, decided_on)
            return
        if lane == Lane.ASK_ORGANISATION_FIRST:
            self.prepare(complaint, actor, lane)
        elif lane == Lane.QUICK_INTERVENTION:
            self.letter(
                complaint,
                actor,
                LetterKind.ORGANISATION_LETTER,
                text="Wij vragen u uw werkwijze binnen vier weken aan te passen.",
                reply_by=self.today + dt.timedelta(days=28),
            )
            self.step(complaint, actor, "send_organisation_letter")
        elif lane == Lane.REFER_LEAD_AUTHORITY:
            self.prepare(complaint, actor, lane)
            self.count["referred_open"] += 1
            return
        if lane in {Lane.INVESTIGATE, Lane.QUICK_INTERVENTION} and age >= 40 and roll < 0.45:
            decided_on = self.decision_day(complaint, earliest=30, latest=age - 1)
            if lane == Lane.QUICK_INTERVENTION:
                self.record_answer(complaint, actor)
            self.decide(complaint, actor, self.outcome_for(complaint, lane), decided_on)
            self.maybe_close(complaint, decided_on)
            return
        if lane in {Lane.INVESTIGATE, Lane.QUICK_INTERVENTION} and age >= 30 and roll < 0.85:
            due = next(
                d.due
                for d in complaint_deadlines(self.fresh(complaint), today=self.today)
                if d.key == "decision"
            )
            deadline_records.case_extend(
                complaint=self.fresh(complaint),
                actor=actor,
                new_due_on=due + dt.timedelta(weeks=6),
                reason="Wij wachten nog op stukken van de organisatie.",
            )
            self.count["extension"] += 1
        elif roll > 0.93 and age > 20:
            deadline_records.case_suspend(
                complaint=self.fresh(complaint),
                actor=actor,
                reason="Op verzoek van de klager, die eerst zelf met de organisatie praat.",
                starts_on=self.today - dt.timedelta(days=5),
            )
            self.count["suspended"] += 1
            return
        self.count["running"] += 1

    def record_answer(self, complaint: Complaint, actor) -> None:
        contact = OrganisationContact.objects.filter(complaint=complaint).order_by("id").last()
        contacts.organisation_answer_record(
            contact=contact,
            actor=actor,
            answer="Wij hebben onze werkwijze aangepast en de gegevens van klager verwijderd.",
            received_on=self.today,
        )
        self.count["answer"] += 1
        self.step(complaint, actor, "record_answer")

    def handle_newest(self, complaint: Complaint) -> None:
        if _dice(complaint, "newest") < 0.3 and complaint.lane_suggested:
            lanes.case_set_lane(
                complaint=complaint, lane=complaint.lane_suggested, actor=self.intake
            )
            self.count["lane_by_intake"] += 1
        else:
            self.count["unassigned"] += 1


def untouched_demo_complaints():
    """Demo complaints exactly as triage left them: the ones the walk may still handle."""
    return Complaint.objects.filter(
        channel=Channel.DEMO, state=State.TRIAGED, assigned_to=None, lane=""
    ).order_by("received_at", "id")


def demo_casework_run(
    *, today: dt.date | None = None, progress: Callable[[str], None] | None = None
) -> CaseworkSummary:
    """Walk the untouched demo complaints through case handling (module docstring)."""
    summary = CaseworkSummary()
    started = time.monotonic()
    today = today or timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_USERS)}
    missing = [name for name in DEMO_USERS if name not in users]
    if missing:
        summary.skipped_reason = f"demo accounts missing ({', '.join(missing)}); nothing done."
        return summary
    desk = _Desk(users, today, summary)
    candidates = list(untouched_demo_complaints().select_related("assigned_to"))
    newest = {c.pk for c in candidates if _age(c) <= 10}
    # The newest complaints are left untouched on purpose; on a later run they are not
    # handled again, so only the first run (nothing touched yet) looks at them.
    first_run = not (
        Complaint.objects.filter(channel=Channel.DEMO).exclude(assigned_to=None, lane="").exists()
    )
    with pdfs_deferred(), delivery_held():
        for complaint in candidates:
            if complaint.pk in newest and not first_run:
                continue
            try:
                # One transaction per complaint: handled as planned, or not at all.
                with transaction.atomic():
                    desk.handle(complaint)
            except ApplicationError as exc:
                summary.problems.append(f"{complaint.reference}: {exc.message}")
            summary.counts["handled"] += 1
            if progress and summary.counts["handled"] % 50 == 0:
                progress(f"  ... {summary.counts['handled']} complaints handled")
    items = cases_at_risk(today=today)
    summary.overdue = sum(1 for item in items if item.overdue)
    summary.at_risk = len(items) - summary.overdue
    summary.seconds = time.monotonic() - started
    return summary
