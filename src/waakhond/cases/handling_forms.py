"""Forms of case handling. They check the shape only; the services check the rules.

Every form that changes a case carries the case's version (`version`, hidden), so that a form
made before someone else's change is refused by the service (stale form).
"""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from waakhond.accounts.roles import CASE_HANDLER, TEAM_LEAD
from waakhond.intake.models import Lane, State

from .letters import LANGUAGES
from .models import Referral, RightsRequest

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, *, required=False, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": _("Vul een datum in als dag-maand-jaar.")},
    )


class VersionedForm(forms.Form):
    """Carries the version of the case the form was made for."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, dt.date) and not EARLIEST <= value <= LATEST:
                self.add_error(
                    name, _("Deze datum valt buiten het bereik dat wij kunnen verwerken.")
                )
        return cleaned


REASON = dict(
    label=_("Reden"),
    required=False,
    max_length=4000,
    widget=forms.Textarea(attrs={"rows": 3}),
)


class TransitionForm(VersionedForm):
    to_state = forms.ChoiceField(choices=State.choices, widget=forms.HiddenInput)
    reason = forms.CharField(**REASON)


class LaneForm(VersionedForm):
    lane = forms.ChoiceField(label=_("Behandelspoor"), choices=Lane.choices)
    reason = forms.CharField(
        **{
            **REASON,
            "help_text": _(
                "Verplicht als u een ander spoor kiest dan de triage voorstelt, en bij elke wijziging van spoor."
            ),
        }
    )


class StepForm(VersionedForm):
    step = forms.CharField(max_length=64, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=2000)


class SuspendForm(VersionedForm):
    """Stop the clock: ask the complainant for information, or suspend on another ground."""

    request_information = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    questions = forms.CharField(
        label=_("Welke informatie heeft u nodig?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reply_by = date_field(_("Antwoord graag uiterlijk"))
    reason = forms.CharField(**REASON)
    starts_on = date_field(_("Termijn staat stil vanaf"), help_text=_("Leeg: vandaag."))


class RequestInformationForm(SuspendForm):
    """Awb 4:5 and 4:15(1): the questions go to the complainant in a letter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})["request_information"] = "1"
        super().__init__(*args, **kwargs)
        del self.fields["reason"]
        self.fields["questions"].required = True


class SuspendOtherForm(SuspendForm):
    """Awb 4:15(2): suspension on another ground, with a reason."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})["request_information"] = "0"
        super().__init__(*args, **kwargs)
        del self.fields["questions"]
        del self.fields["reply_by"]
        self.fields["reason"].required = True


class ResumeForm(VersionedForm):
    ends_on = date_field(_("Termijn loopt weer vanaf"), help_text=_("Leeg: vandaag."))


class ExtendForm(VersionedForm):
    new_due_on = date_field(_("Nieuwe beslisdatum"), required=True)
    reason = forms.CharField(
        label=_("Waarom lukt het niet binnen de termijn?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DefaultNoticeForm(VersionedForm):
    received_on = date_field(_("Ingebrekestelling ontvangen op"), required=True)


class DecisionForm(VersionedForm):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=())
    reasons = forms.CharField(
        label=_("Motivering in gewone woorden"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    factor_affected = forms.CharField(
        label=_("Factor a: hoe ernstig wordt de klager geraakt?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    factor_significance = forms.CharField(
        label=_("Factor b: wat is het maatschappelijk belang?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    factor_effective = forms.CharField(
        label=_("Factor c: kunnen wij effectief en efficiënt optreden?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = list(outcomes)


class ReferForm(VersionedForm):
    target = forms.ChoiceField(label=_("Naar"), choices=Referral.Target.choices)
    target_name = forms.CharField(label=_("Naam van de instantie"), max_length=200)
    reason = forms.CharField(**{**REASON, "required": True})


class ObjectionRecordForm(forms.Form):
    grounds = forms.CharField(
        label=_("Gronden van het bezwaar"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    received_on = date_field(_("Ontvangen op"), required=True)
    posted_on = date_field(_("Op de post gedaan op"), help_text=_("Alleen bij een brief."))
    advisory_committee = forms.BooleanField(
        label=_("Een adviescommissie hoort het bezwaar (Awb 7:13)"), required=False
    )
    reason = forms.CharField(
        label=_("Hoe kwam het bezwaar binnen?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("received_on", "posted_on"):
            value = cleaned.get(name)
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(
                    name, _("Deze datum valt buiten het bereik dat wij kunnen verwerken.")
                )
        return cleaned


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort brief"), choices=())
    language = forms.ChoiceField(
        label=_("Taal"), choices=[(code, code.upper()) for code in LANGUAGES], required=False
    )
    text = forms.CharField(
        label=_("Tekst voor deze brief"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Komt op de plaats van {{ extra.text }} in het sjabloon."),
    )
    reply_by = date_field(_("Antwoord uiterlijk"))
    right = forms.ChoiceField(
        label=_("Recht (bij een verzoekbrief)"),
        choices=[("", "–"), *RightsRequest.Right.choices],
        required=False,
    )
    target_name = forms.CharField(
        label=_("Naar wie (bij een verwijzing)"), max_length=200, required=False
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)

    def extra(self) -> dict:
        data = self.cleaned_data
        extra = {"text": data.get("text") or ""}
        if data.get("reply_by"):
            extra["reply_by"] = data["reply_by"]
        if data.get("right"):
            extra["right"] = data["right"]
        if data.get("target_name"):
            extra["target_name"] = data["target_name"]
        return extra


class LetterSendForm(forms.Form):
    to = forms.EmailField(label=_("E-mailadres (bij een brief aan de organisatie)"), required=False)


def assignable_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[CASE_HANDLER, TEAM_LEAD])
        .distinct()
        .order_by("username")
    )


class AssignForm(VersionedForm):
    assignee = forms.ModelChoiceField(
        label=_("Toewijzen aan"), queryset=get_user_model().objects.none()
    )
    reason = forms.CharField(**REASON)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users()
        self.fields["assignee"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OrganisationAnswerForm(VersionedForm):
    """Quick intervention: what the organisation answered to the letter."""

    contact = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Antwoord van de organisatie"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    received_on = date_field(_("Antwoord ontvangen op"), required=True)


class FollowUpForm(VersionedForm):
    """Quick intervention: the day the handler checks that the organisation complied."""

    contact = forms.IntegerField(widget=forms.HiddenInput)
    follow_up_on = date_field(_("Controledatum"), required=True)
    reason = forms.CharField(**REASON)


class ObjectionDeferForm(VersionedForm):
    """Awb 7:10(3): defer the decision on an objection once, by at most six weeks."""

    weeks = forms.IntegerField(
        label=_("Aantal weken"),
        min_value=1,
        max_value=52,
        help_text=_("Ten hoogste zes weken, één keer (artikel 7:10, derde lid, Awb)."),
    )
    reason = forms.CharField(
        label=_("Waarom is meer tijd nodig?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
