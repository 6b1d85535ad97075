"""Pages and form posts of case handling: the panel on the complaint page, workload, deadlines
at risk, letter templates.

Views are thin: a form checks the shape, the service checks the rules. A refusal
(`ApplicationError`, including a stale form) is shown on the case's handling page with the
form as it was filled in, so nothing typed is lost; success goes back to the complaint page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from waakhond.accounts.access import (
    PermissionDenied,
    access_complaint,
    can_assign_case,
    can_manage_letter_templates,
    can_take_case,
    can_view_deadlines_at_risk,
    can_view_letter_templates,
    can_view_workload,
    can_work_on_case,
    case_roles_for,
)
from waakhond.accounts.decorators import staff_required
from waakhond.common.errors import ApplicationError, NotFound
from waakhond.intake.models import Complaint, State

from . import handling_forms as f
from .letters import LANGUAGES
from .models import Letter, LetterTemplate, Note, OrganisationContact, OutgoingMessage, StepDone
from .selectors import complaint_current_decision, complaint_decisions
from .selectors_deadlines import cases_at_risk, complaint_deadline_overview, objection_link_of
from .selectors_workload import workload_per_handler, workload_per_lane
from .services import (
    assignment,
    deadline_records,
    decisions,
    lanes,
    notes,
    organisation_contacts,
    transitions,
)
from .services import letters as letter_services
from .services import messages as message_services
from .services.common import StaleCase, case_version
from .services.transitions import PAUSED, return_state
from .workflow import (
    DECISION_OUTCOMES,
    LETTER_KINDS,
    OBJECTION_OUTCOMES,
    LetterKind,
    allowed_transitions,
)

#: Actions of the table and the form that carries each on the panel.
ACTION_FORMS = {
    "request_information": "request_information",
    "suspend": "suspend",
    "assign_lane": "lane",
    "change_lane": "lane",
    "refer": "refer",
    "decide": "decide",
    "decide_objection": "decide",
    "record_referral_outcome": "decide",
    "information_received": "resume",
    "resume": "resume",
    "close": "transition",
    "reopen": "transition",
    "record_withdrawal": "transition",
    "record_objection": "objection",
}


def _lang() -> str:
    return "en" if (translation.get_language() or "nl").startswith("en") else "nl"


def _case_or_404(user, reference) -> Complaint:
    try:
        return access_complaint(
            user, reference, queryset=Complaint.objects.select_related("assigned_to")
        )
    except NotFound as exc:
        raise Http404 from exc


def complaint_url(complaint: Complaint) -> str:
    """The complaint page when the queue's app provides it, else the handling page."""
    try:
        return reverse("cases:complaint", args=[complaint.reference]) + "#handling"
    except NoReverseMatch:
        return reverse("handling:case", args=[complaint.reference])


# --- The panel ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionButton:
    action: str
    to_state: str
    label: str
    form: str
    reason_required: bool


_ACTION_LABELS = {
    "request_information": (
        "Informatie vragen aan de klager",
        "Ask the complainant for information",
    ),
    "suspend": ("Termijn opschorten", "Suspend the period"),
    "assign_lane": ("Behandelspoor kiezen", "Choose a lane"),
    "change_lane": ("Ander behandelspoor", "Change lane"),
    "refer": ("Doorverwijzen", "Refer"),
    "decide": ("Besluit nemen", "Decide"),
    "decide_objection": ("Beslissen op bezwaar", "Decide on the objection"),
    "record_referral_outcome": (
        "Uitkomst doorverwijzing vastleggen",
        "Record the referral's outcome",
    ),
    "information_received": (
        "Informatie ontvangen: termijn loopt weer",
        "Information received: restart the clock",
    ),
    "resume": ("Opschorting beëindigen", "End the suspension"),
    "close": ("Zaak afsluiten", "Close the case"),
    "reopen": ("Zaak heropenen", "Reopen the case"),
    "record_withdrawal": ("Intrekking vastleggen", "Record a withdrawal"),
    "record_objection": ("Bezwaar vastleggen", "Record an objection"),
}


def _buttons(complaint: Complaint, roles: list[str]) -> list[ActionButton]:
    lang = _lang()
    seen: dict[str, ActionButton] = {}
    back = return_state(complaint) if complaint.state in PAUSED else None
    for role in roles:
        for row in allowed_transitions(complaint.state, role):
            if row.action not in ACTION_FORMS or row.action in seen:
                continue
            if row.action == "information_received" and row.to_state != back:
                continue
            nl, en = _ACTION_LABELS[row.action]
            seen[row.action] = ActionButton(
                action=row.action,
                to_state=row.to_state.value,
                label=en if lang == "en" else nl,
                form=ACTION_FORMS[row.action],
                reason_required=row.reason_required,
            )
    return list(seen.values())


def _outcome_choices(complaint: Complaint) -> list[tuple[str, str]]:
    lang = _lang()
    infos = {**DECISION_OUTCOMES, **OBJECTION_OUTCOMES}
    return [
        (outcome.value, infos[outcome].en if lang == "en" else infos[outcome].nl)
        for outcome in decisions.allowed_outcomes(complaint)
    ]


def _letter_choices(complaint: Complaint) -> list[tuple[str, str]]:
    lang = _lang()
    kinds = [
        kind
        for kind in letter_services.allowed_letter_kinds(complaint)
        if kind
        not in (
            LetterKind.DECISION,
            LetterKind.OBJECTION_DECISION,
            LetterKind.OBJECTION_ACKNOWLEDGEMENT,
            # Made by the deferral itself (`objection_defer`), with the new date.
            LetterKind.OBJECTION_DEFERRAL,
        )
    ]
    return [
        (kind.value, LETTER_KINDS[kind].en if lang == "en" else LETTER_KINDS[kind].nl)
        for kind in kinds
    ]


def panel_context(complaint: Complaint, user, bound: dict | None = None) -> dict:
    """Everything the handling panel shows, for this user's roles on this case."""
    bound = bound or {}
    lang = _lang()
    version = case_version(complaint)
    roles = case_roles_for(user, complaint)
    initial = {"version": version}

    def form(name, cls, **kwargs):
        return bound.get(name) or cls(
            initial={**initial, **kwargs.pop("initial", {})}, auto_id=f"h-{name}-%s", **kwargs
        )

    overview = complaint_deadline_overview(complaint)
    done = {
        s.step: s for s in StepDone.objects.filter(complaint=complaint).select_related("done_by")
    }
    steps = [
        {"key": step.key, "label": step.en if lang == "en" else step.nl, "done": done.get(step.key)}
        for step in lanes.steps_of(complaint)
    ]
    letters = list(
        Letter.objects.filter(complaint=complaint).prefetch_related("messages").order_by("id")
    )
    kinds = {k.value: (v.en if lang == "en" else v.nl) for k, v in LETTER_KINDS.items()}
    link = objection_link_of(complaint)
    decision = complaint_current_decision(complaint)
    outcome_infos = {**DECISION_OUTCOMES, **OBJECTION_OUTCOMES}
    earlier_decisions = [
        {
            "decision": d,
            "label": getattr(outcome_infos.get(d.outcome), lang, d.outcome),
        }
        for d in complaint_decisions(complaint)
        if d.superseded_at is not None
    ]
    objection_cases = []
    if decision is not None:
        objection_cases = [o.case for o in decision.objections.select_related("case")]
    works = can_work_on_case(user, complaint)
    today = timezone.localdate()

    def contact_form(name, cls, contact, **initial_values):
        given = bound.get(name)
        if given is not None and str(given.data.get("contact")) == str(contact.pk):
            return given
        return cls(
            initial={**initial, "contact": contact.pk, **initial_values},
            auto_id=f"h-{name}-{contact.pk}-%s",
        )

    contacts = [
        {
            "contact": contact,
            "follow_up_status": (
                ""
                if contact.follow_up_on is None
                else ("due" if contact.follow_up_on <= today else "planned")
            ),
            "answer_form": contact_form(
                "organisation_answer", f.OrganisationAnswerForm, contact, received_on=today
            ),
            "follow_up_form": contact_form(
                "organisation_follow_up",
                f.FollowUpForm,
                contact,
                follow_up_on=contact.follow_up_on,
            ),
        }
        for contact in OrganisationContact.objects.filter(complaint=complaint)
        .select_related("letter")
        .order_by("id")
    ]
    return {
        "complaint": complaint,
        "version": version,
        "roles": roles,
        "works": works,
        "lane_label": complaint.get_lane_display() if complaint.lane else "",
        "deadlines": overview,
        "buttons": _buttons(complaint, roles),
        "can_take": can_take_case(user, complaint),
        "can_assign": can_assign_case(user, complaint),
        "steps": steps,
        "letters": [
            {"letter": letter, "kind_label": kinds.get(letter.kind, letter.kind)}
            for letter in letters
        ],
        "failed_messages": list(
            OutgoingMessage.objects.filter(
                complaint=complaint,
                status__in=[OutgoingMessage.Status.FAILED, OutgoingMessage.Status.GAVE_UP],
            ).order_by("id")
        ),
        "notes": list(
            Note.objects.filter(complaint=complaint).select_related("author").order_by("id")
        ),
        "decision": decision,
        "earlier_decisions": earlier_decisions,
        "decision_outcome": (
            {**DECISION_OUTCOMES, **OBJECTION_OUTCOMES}.get(decision.outcome) if decision else None
        ),
        "objection_link": link,
        "objection_cases": objection_cases,
        "organisation_contacts": contacts,
        "can_change_contacts": works and complaint.state not in {State.CLOSED, State.WITHDRAWN},
        "can_defer_objection": works
        and link is not None
        and not link.deferral_weeks
        and complaint.state in {State.OBJECTION, State.AWAITING_COMPLAINANT, State.SUSPENDED},
        "forms": {
            "transition": form("transition", f.TransitionForm),
            "lane": form(
                "lane", f.LaneForm, initial={"lane": complaint.lane or complaint.lane_suggested}
            ),
            "request_information": form("request_information", f.RequestInformationForm),
            "suspend": form("suspend", f.SuspendOtherForm),
            "resume": form("resume", f.ResumeForm),
            "extend": form("extend", f.ExtendForm),
            "default_notice": form("default_notice", f.DefaultNoticeForm),
            "decide": form("decide", f.DecisionForm, outcomes=_outcome_choices(complaint)),
            "refer": form("refer", f.ReferForm),
            "objection": form(
                "objection", f.ObjectionRecordForm, initial={"received_on": timezone.localdate()}
            ),
            "letter": form(
                "letter",
                f.LetterForm,
                initial={"language": complaint.language},
                kinds=_letter_choices(complaint),
            ),
            "assign": form("assign", f.AssignForm),
            "objection_defer": form("objection_defer", f.ObjectionDeferForm),
            "note": form("note", f.NoteForm),
        },
        "can_extend": works
        and complaint.state
        in {
            State.RECEIVED,
            State.TRIAGED,
            State.IN_LANE,
            State.AWAITING_COMPLAINANT,
            State.SUSPENDED,
        }
        and link is None,
        "can_register_default": works
        and complaint.state
        in {
            State.RECEIVED,
            State.TRIAGED,
            State.IN_LANE,
            State.AWAITING_COMPLAINANT,
            State.SUSPENDED,
        }
        and link is None
        and not complaint.default_notices.exists(),
        "bound": bound,
    }


# --- Posting ---------------------------------------------------------------------------------------


def _refused(request, complaint: Complaint, name: str, form, error: ApplicationError | None = None):
    """Show the handling page again with the form as filled in and the reason it was refused."""
    if error is not None:
        if error.field and error.field in form.fields:
            form.add_error(error.field, error.message)
        else:
            form.add_error(None, error.message)
    status = 409 if isinstance(error, StaleCase) else 400
    context = {
        "complaint": complaint,
        "handling_bound": {name: form},
        "refused_form": form,
        "stale": isinstance(error, StaleCase),
    }
    return render(request, "cases/handling/case.html", context, status=status)


def _post(request, reference: str, name: str, form_class, call, success: str, **form_kwargs):
    complaint = _case_or_404(request.user, reference)
    if callable(form_kwargs.get("kwargs_for")):
        form_kwargs = form_kwargs["kwargs_for"](complaint)
    form = form_class(request.POST, auto_id=f"h-{name}-%s", **form_kwargs)
    if not form.is_valid():
        return _refused(request, complaint, name, form)
    try:
        call(complaint, form)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(exc.message) from exc
    except NotFound as exc:
        raise Http404 from exc
    except ApplicationError as exc:
        fresh = Complaint.objects.select_related("assigned_to").get(pk=complaint.pk)
        return _refused(request, fresh, name, form, exc)
    messages.success(request, success)
    return redirect(complaint_url(complaint))


def _version(form) -> str | None:
    return form.cleaned_data.get("version") or None


@staff_required
@require_POST
def transition(request, reference):
    def call(complaint, form):
        transitions.case_transition(
            complaint=complaint,
            to_state=form.cleaned_data["to_state"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=_version(form),
        )

    return _post(
        request, reference, "transition", f.TransitionForm, call, _("De status is gewijzigd.")
    )


@staff_required
@require_POST
def take(request, reference):
    def call(complaint, form):
        assignment.case_take(
            complaint=complaint, actor=request.user, expected_version=_version(form)
        )

    return _post(request, reference, "take", f.VersionedForm, call, _("U behandelt deze zaak nu."))


@staff_required
@require_POST
def assign(request, reference):
    def call(complaint, form):
        assignment.case_assign(
            complaint=complaint,
            assignee=form.cleaned_data["assignee"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=_version(form),
        )

    return _post(request, reference, "assign", f.AssignForm, call, _("De zaak is toegewezen."))


@staff_required
@require_POST
def lane(request, reference):
    def call(complaint, form):
        lanes.case_set_lane(
            complaint=complaint,
            lane=form.cleaned_data["lane"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=_version(form),
        )

    return _post(
        request, reference, "lane", f.LaneForm, call, _("Het behandelspoor is vastgelegd.")
    )


@staff_required
@require_POST
def step(request, reference):
    def call(complaint, form):
        lanes.case_step_done(
            complaint=complaint,
            step=form.cleaned_data["step"],
            actor=request.user,
            note=form.cleaned_data["note"],
            expected_version=_version(form),
        )

    return _post(request, reference, "step", f.StepForm, call, _("De stap is afgerond."))


@staff_required
@require_POST
def suspend(request, reference):
    def call(complaint, form):
        data = form.cleaned_data
        deadline_records.case_suspend(
            complaint=complaint,
            actor=request.user,
            reason=data.get("reason", ""),
            starts_on=data["starts_on"],
            request_information=data["request_information"],
            questions=data.get("questions", ""),
            reply_by=data.get("reply_by"),
            expected_version=_version(form),
        )

    if request.POST.get("request_information") == "1":
        return _post(
            request,
            reference,
            "request_information",
            f.RequestInformationForm,
            call,
            _("De vraag gaat naar de klager; de termijn staat stil."),
        )
    return _post(
        request, reference, "suspend", f.SuspendOtherForm, call, _("De termijn staat stil.")
    )


@staff_required
@require_POST
def resume(request, reference):
    def call(complaint, form):
        deadline_records.case_resume(
            complaint=complaint,
            actor=request.user,
            ends_on=form.cleaned_data["ends_on"],
            expected_version=_version(form),
        )

    return _post(request, reference, "resume", f.ResumeForm, call, _("De termijn loopt weer."))


@staff_required
@require_POST
def extend(request, reference):
    def call(complaint, form):
        deadline_records.case_extend(
            complaint=complaint,
            actor=request.user,
            new_due_on=form.cleaned_data["new_due_on"],
            reason=form.cleaned_data["reason"],
            expected_version=_version(form),
        )

    return _post(
        request,
        reference,
        "extend",
        f.ExtendForm,
        call,
        _("De nieuwe beslisdatum is vastgelegd en de klager krijgt bericht."),
    )


@staff_required
@require_POST
def default_notice(request, reference):
    def call(complaint, form):
        deadline_records.case_register_default_notice(
            complaint=complaint,
            actor=request.user,
            received_on=form.cleaned_data["received_on"],
            expected_version=_version(form),
        )

    return _post(
        request,
        reference,
        "default_notice",
        f.DefaultNoticeForm,
        call,
        _("De ingebrekestelling is vastgelegd."),
    )


@staff_required
@require_POST
def decide(request, reference):
    def call(complaint, form):
        data = form.cleaned_data
        decisions.case_decide(
            complaint=complaint,
            actor=request.user,
            outcome=data["outcome"],
            reasons=data["reasons"],
            factors={
                "affected": data["factor_affected"],
                "significance": data["factor_significance"],
                "effective": data["factor_effective"],
            },
            expected_version=_version(form),
        )

    return _post(
        request,
        reference,
        "decide",
        f.DecisionForm,
        call,
        _("Het besluit is genomen; de besluitbrief gaat naar de klager."),
        kwargs_for=lambda complaint: {"outcomes": _outcome_choices(complaint)},
    )


@staff_required
@require_POST
def refer(request, reference):
    def call(complaint, form):
        data = form.cleaned_data
        lanes.case_refer(
            complaint=complaint,
            actor=request.user,
            target=data["target"],
            target_name=data["target_name"],
            reason=data["reason"],
            expected_version=_version(form),
        )

    return _post(request, reference, "refer", f.ReferForm, call, _("De zaak is doorverwezen."))


@staff_required
@require_POST
def objection(request, reference):
    def call(complaint, form):
        data = form.cleaned_data
        decisions.objection_open(
            complaint=complaint,
            actor=request.user,
            grounds=data["grounds"],
            received_on=data["received_on"],
            posted_on=data["posted_on"],
            advisory_committee=data["advisory_committee"],
            reason=data["reason"],
        )

    return _post(
        request,
        reference,
        "objection",
        f.ObjectionRecordForm,
        call,
        _(
            "Het bezwaar is vastgelegd als nieuwe zaak; de ontvangstbevestiging gaat naar de klager."
        ),
    )


@staff_required
@require_POST
def objection_defer(request, reference):
    def call(complaint, form):
        deadline_records.objection_defer(
            complaint=complaint,
            actor=request.user,
            weeks=form.cleaned_data["weeks"],
            reason=form.cleaned_data["reason"],
            expected_version=_version(form),
        )

    return _post(
        request,
        reference,
        "objection_defer",
        f.ObjectionDeferForm,
        call,
        _("De beslissing op het bezwaar is verdaagd; de bezwaarmaker krijgt een brief."),
    )


def _contact_of(complaint: Complaint, contact_id) -> OrganisationContact:
    contact = OrganisationContact.objects.filter(pk=contact_id, complaint=complaint).first()
    if contact is None:
        raise Http404
    return contact


@staff_required
@require_POST
def organisation_answer(request, reference):
    def call(complaint, form):
        data = form.cleaned_data
        organisation_contacts.organisation_answer_record(
            contact=_contact_of(complaint, data["contact"]),
            actor=request.user,
            answer=data["answer"],
            received_on=data["received_on"],
            expected_version=_version(form),
        )

    return _post(
        request,
        reference,
        "organisation_answer",
        f.OrganisationAnswerForm,
        call,
        _("Het antwoord van de organisatie is vastgelegd."),
    )


@staff_required
@require_POST
def organisation_follow_up(request, reference):
    def call(complaint, form):
        data = form.cleaned_data
        organisation_contacts.organisation_follow_up_set(
            contact=_contact_of(complaint, data["contact"]),
            actor=request.user,
            follow_up_on=data["follow_up_on"],
            reason=data["reason"],
            expected_version=_version(form),
        )

    return _post(
        request,
        reference,
        "organisation_follow_up",
        f.FollowUpForm,
        call,
        _("De controledatum is vastgelegd."),
    )


@staff_required
@require_POST
def letter_create(request, reference):
    def call(complaint, form):
        letter_services.letter_create(
            complaint=complaint,
            kind=form.cleaned_data["kind"],
            actor=request.user,
            language=form.cleaned_data["language"] or None,
            extra=form.extra(),
        )

    return _post(
        request,
        reference,
        "letter",
        f.LetterForm,
        call,
        _("De brief is gemaakt. Controleer de PDF en verstuur hem daarna."),
        kwargs_for=lambda complaint: {"kinds": _letter_choices(complaint)},
    )


def _letter_of(complaint: Complaint, letter_id: int) -> Letter:
    letter = Letter.objects.filter(pk=letter_id, complaint=complaint).first()
    if letter is None:
        raise Http404
    return letter


@staff_required
@require_POST
def letter_send(request, reference, letter_id):
    def call(complaint, form):
        letter_services.letter_send(
            letter=_letter_of(complaint, letter_id), actor=request.user, to=form.cleaned_data["to"]
        )

    return _post(
        request,
        reference,
        "letter_send",
        f.LetterSendForm,
        call,
        _("De brief staat klaar om te worden verzonden."),
    )


@staff_required
@require_GET
def letter_pdf(request, reference, letter_id):
    complaint = _case_or_404(request.user, reference)
    letter = _letter_of(complaint, letter_id)
    if not letter.pdf:
        try:
            letter = letter_services.letter_ensure_pdf(letter=letter)
        except ApplicationError as exc:
            raise Http404 from exc
    return FileResponse(
        letter.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"{complaint.reference}-{letter.kind}-{letter.pk}.pdf",
    )


@staff_required
@require_POST
def message_retry(request, reference, message_id):
    complaint = _case_or_404(request.user, reference)
    message = OutgoingMessage.objects.filter(pk=message_id, complaint=complaint).first()
    if message is None:
        raise Http404
    try:
        result = message_services.message_retry(message=message, actor=request.user)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(complaint_url(complaint))
    if result.status == OutgoingMessage.Status.SENT:
        messages.success(request, _("Het bericht is verzonden."))
    else:
        messages.error(
            request,
            _("Het bericht kon weer niet worden verzonden: %(error)s")
            % {"error": result.last_error},
        )
    return redirect(complaint_url(complaint))


@staff_required
@require_POST
def note_add(request, reference):
    def call(complaint, form):
        notes.case_note_add(complaint=complaint, actor=request.user, text=form.cleaned_data["text"])

    return _post(request, reference, "note", f.NoteForm, call, _("De notitie is toegevoegd."))


# --- Pages ------------------------------------------------------------------------------------------


@staff_required
@require_GET
def case(request, reference):
    """The handling panel on a page of its own (also where a refused form is shown again)."""
    complaint = _case_or_404(request.user, reference)
    return render(request, "cases/handling/case.html", {"complaint": complaint})


@staff_required
@require_GET
def workload(request):
    if not can_view_workload(request.user):
        raise Http404
    return render(
        request,
        "cases/handling/workload.html",
        {
            "per_handler": workload_per_handler(user=request.user),
            "per_lane": workload_per_lane(user=request.user),
        },
    )


@staff_required
@require_GET
def at_risk(request):
    if not can_view_deadlines_at_risk(request.user):
        raise Http404
    return render(
        request, "cases/handling/at_risk.html", {"items": cases_at_risk(user=request.user)}
    )


@staff_required
@require_GET
def letter_templates(request):
    if not can_view_letter_templates(request.user):
        raise Http404
    lang = _lang()
    found = {(t.kind, t.language): t for t in LetterTemplate.objects.all()}
    rows = [
        {
            "kind": kind.value,
            "label": label.en if lang == "en" else label.nl,
            "templates": [(language, found.get((kind.value, language))) for language in LANGUAGES],
        }
        for kind, label in LETTER_KINDS.items()
    ]
    return render(
        request,
        "cases/handling/letter_templates.html",
        {"rows": rows, "can_edit": can_manage_letter_templates(request.user)},
    )
