"""The complaint form: the shape of what a complainant tells us, for the web and the API.

The same form validates the public web form and the JSON API (the API converts its JSON
booleans to the form's yes/no answers first), so both give the same, translated messages.
Rules checked here, besides each field's own limits:
* whitespace-only counts as empty (Django strips every text field);
* dates are not in the future; "asked the organisation on" is not before "since when" when
  both are given;
* acting for someone else needs that person's name; a representative body (GDPR Art. 80)
  needs the body's name and, on the web form, the mandate as an attachment;
* attachments: at most `WAAKHOND_ATTACHMENT_MAX_COUNT` files of at most
  `WAAKHOND_ATTACHMENT_MAX_BYTES` each, type checked by content (`attachments.py`).
HTML or script typed into any field is kept as plain text; templates always escape it.
"""

import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from waakhond.common.errors import ApplicationError

from .attachments import check_upload
from .models import Representative
from .services import AttachmentUpload, ComplaintSubmission, submission_key_digest

YES, NO, UNKNOWN = "yes", "no", "unknown"
_ANSWER_TO_BOOL = {YES: True, NO: False, UNKNOWN: None, "": None}
_SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


def _call(make_text) -> str:
    return make_text()


def lazy_text(make_text):
    """Text with numbers from the settings, translated when shown rather than at import."""
    return lazy(_call, str)(make_text)


def new_submission_key() -> str:
    """A one-time key rendered into each form, so a double submit finds the first complaint."""
    return secrets.token_urlsafe(32)


def validate_encodable(value: str) -> None:
    """Refuse text that cannot be stored (lone surrogates from broken clients)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            _("Deze tekst bevat tekens die we niet kunnen opslaan."), code="encoding"
        ) from None


def validate_not_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(
            _("Deze datum ligt in de toekomst. Kies vandaag of een eerdere datum."), code="future"
        )


def validate_phone(value: str) -> None:
    if value and not re.fullmatch(r"\+?[0-9 ()\-.]{6,30}", value):
        raise ValidationError(
            _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678 of +31 6 12345678."),
            code="phone",
        )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that takes several files; `clean` returns a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


def _text(
    label,
    *,
    max_length: int,
    required: bool = False,
    textarea: bool = False,
    help_text="",
    messages=None,
):
    widget = (
        forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 6})
        if textarea
        else forms.TextInput(attrs={"class": "utrecht-textbox"})
    )
    error_messages = {
        "max_length": _(
            "Deze tekst is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
        ),
    }
    error_messages.update(messages or {})
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
        error_messages=error_messages,
        validators=[validate_encodable],
    )


def _date(label, *, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(
            attrs={"class": "utrecht-textbox wh-date", "type": "date"}, format="%Y-%m-%d"
        ),
        help_text=help_text,
        validators=[validate_not_future],
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2025.")},
    )


def _choice(label, choices, *, required: bool, help_text="", messages=None):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages=messages or {"invalid_choice": _("Kies een van de mogelijkheden.")},
    )


class ComplaintForm(forms.Form):
    """Everything a complainant can tell us in one complaint.

    `require_mandate` is true on the web form: a representative body uploads its mandate
    there. Through the API a body cannot send files; the authority asks for the mandate later.
    """

    # Who complains
    complainant_name = _text(
        _("Uw naam"), max_length=200, required=True, messages={"required": _("Vul uw naam in.")}
    )
    complainant_email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("Hierheen sturen we de ontvangstbevestiging en later onze berichten."),
        widget=forms.EmailInput(attrs={"class": "utrecht-textbox", "autocomplete": "email"}),
        validators=[validate_encodable],
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
            "max_length": _("Dit e-mailadres is te lang: hoogstens %(limit_value)d tekens."),
        },
    )
    complainant_phone = forms.CharField(
        label=_("Uw telefoonnummer (niet verplicht)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox", "type": "tel", "autocomplete": "tel"}
        ),
        validators=[validate_encodable, validate_phone],
        error_messages={
            "max_length": _("Dit telefoonnummer is te lang: hoogstens %(limit_value)d tekens.")
        },
    )
    complainant_address = _text(
        _("Uw postadres (niet verplicht)"),
        max_length=500,
        textarea=True,
        help_text=_("Alleen als u liever post krijgt dan e-mail."),
    )
    language = _choice(
        _("In welke taal wilt u onze berichten?"),
        [("nl", _("Nederlands")), ("en", _("Engels"))],
        required=True,
        messages={
            "required": _("Kies de taal van onze berichten."),
            "invalid_choice": _("Kies Nederlands of Engels."),
        },
    )

    # On whose behalf
    representative = _choice(
        _("Voor wie dient u de klacht in?"),
        Representative.choices,
        required=True,
        messages={
            "required": _("Kies voor wie u de klacht indient."),
            "invalid_choice": _("Kies voor wie u de klacht indient."),
        },
    )
    represented_person = _text(
        _("Naam van de persoon voor wie u klaagt"),
        max_length=200,
        help_text=_("Alleen invullen als u klaagt voor iemand anders."),
    )
    representative_body = _text(
        _("Naam van uw organisatie"),
        max_length=200,
        help_text=_("Alleen invullen als u klaagt als belangenorganisatie (AVG artikel 80)."),
    )
    mandate = forms.FileField(
        label=_("Machtiging (bijlage)"),
        required=False,
        help_text=_("Een belangenorganisatie stuurt de machtiging of het mandaat mee."),
        widget=forms.FileInput(attrs={"class": "utrecht-textbox wh-file"}),
    )

    # The organisation
    organisation_name = _text(
        _("Over welke organisatie gaat uw klacht?"),
        max_length=300,
        required=True,
        help_text=_(
            "Bijvoorbeeld een gemeente, bedrijf of ziekenhuis. Staat de naam niet in de lijst? Typ hem dan zelf."
        ),
        messages={"required": _("Vul de naam van de organisatie in.")},
    )

    # What happened
    description = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=lazy_text(
            lambda: (
                gettext(
                    "Beschrijf in uw eigen woorden wat de organisatie met uw gegevens deed. "
                    "Hoogstens %(max)s tekens."
                )
                % {"max": settings.WAAKHOND_DESCRIPTION_MAX_CHARS}
            )
        ),
        max_length=settings.WAAKHOND_DESCRIPTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 10}),
        validators=[validate_encodable],
        error_messages={
            "required": _("Beschrijf wat er is gebeurd."),
            "max_length": _(
                "Uw beschrijving is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
    )
    started_on = _date(
        _("Sinds wanneer speelt dit? (niet verplicht)"), help_text=_("Een ongeveer-datum is goed.")
    )
    ongoing = _choice(
        _("Gebeurt het nog steeds?"),
        [(YES, _("Ja")), (NO, _("Nee")), (UNKNOWN, _("Weet ik niet"))],
        required=False,
    )
    data_concerned = _text(
        _("Om welke gegevens gaat het? (niet verplicht)"),
        max_length=2000,
        textarea=True,
        help_text=_("Bijvoorbeeld uw naam en adres, medische gegevens, camerabeelden of uw BSN."),
    )

    # Contact with the organisation
    contacted_organisation = _choice(
        _("Heeft u de organisatie zelf al benaderd?"),
        [(YES, _("Ja")), (NO, _("Nee"))],
        required=False,
    )
    contacted_on = _date(_("Wanneer heeft u de organisatie benaderd? (niet verplicht)"))
    organisation_response = _text(
        _("Wat antwoordde de organisatie? (niet verplicht)"), max_length=5000, textarea=True
    )

    # What they want
    desired_outcome = _text(
        _("Wat wilt u bereiken met uw klacht? (niet verplicht)"),
        max_length=2000,
        textarea=True,
        help_text=_("Bijvoorbeeld dat de organisatie uw gegevens verwijdert of ermee stopt."),
    )

    # Attachments
    attachments = MultipleFileField(
        label=_("Bijlagen (niet verplicht)"),
        required=False,
        help_text=lazy_text(
            lambda: (
                ngettext(
                    "Bijvoorbeeld brieven, e-mails of foto's: PDF, JPG, PNG, GIF, WebP, HEIC, Word, "
                    "Excel, OpenDocument of tekst. Hoogstens %(count)d bestand van hoogstens %(size)s.",
                    "Bijvoorbeeld brieven, e-mails of foto's: PDF, JPG, PNG, GIF, WebP, HEIC, Word, "
                    "Excel, OpenDocument of tekst. Hoogstens %(count)d bestanden van elk hoogstens "
                    "%(size)s.",
                    settings.WAAKHOND_ATTACHMENT_MAX_COUNT,
                )
                % {
                    "count": settings.WAAKHOND_ATTACHMENT_MAX_COUNT,
                    "size": filesizeformat(settings.WAAKHOND_ATTACHMENT_MAX_BYTES),
                }
            )
        ),
        widget=MultipleFileInput(attrs={"class": "utrecht-textbox wh-file"}),
    )

    submission_key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, require_mandate: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_mandate = require_mandate
        self._prepare_widgets()

    def _prepare_widgets(self) -> None:
        today = timezone.localdate().isoformat()
        for name in ("started_on", "contacted_on"):
            self.fields[name].widget.attrs["max"] = today
        self.fields["organisation_name"].widget.attrs.update(
            {"list": "organisation-suggestions", "autocomplete": "organization"}
        )
        self.fields["complainant_name"].widget.attrs["autocomplete"] = "name"
        self.fields["complainant_address"].widget.attrs.update(
            {"autocomplete": "street-address", "rows": 3}
        )
        self.fields["represented_person"].widget.attrs["autocomplete"] = "off"

    # --- Field checks ------------------------------------------------------------------

    def clean_submission_key(self) -> str:
        key = self.cleaned_data.get("submission_key") or ""
        # A key we did not make (tampered, truncated) is ignored rather than refused.
        return key if _SUBMISSION_KEY.match(key) else ""

    def clean_attachments(self) -> list[AttachmentUpload]:
        files = self.cleaned_data.get("attachments") or []
        limit = settings.WAAKHOND_ATTACHMENT_MAX_COUNT
        if len(files) > limit:
            raise ValidationError(
                ngettext(
                    "U koos %(chosen)d bestanden. U kunt hoogstens %(count)d bestand meesturen.",
                    "U koos %(chosen)d bestanden. U kunt hoogstens %(count)d bestanden meesturen.",
                    limit,
                )
                % {"chosen": len(files), "count": limit},
                code="too_many",
            )
        return self._check_files(files, purpose="evidence")

    def clean_mandate(self) -> AttachmentUpload | None:
        uploaded = self.cleaned_data.get("mandate")
        if not uploaded:
            return None
        checked = self._check_files([uploaded], purpose="mandate")
        return checked[0]

    def _check_files(self, files, *, purpose: str) -> list[AttachmentUpload]:
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append(check_upload(uploaded, purpose=purpose))
            except ApplicationError as error:
                errors.append(ValidationError(error.message, code="attachment"))
        if errors:
            raise ValidationError(errors)
        return checked

    def clean(self):
        data = super().clean()
        representative = data.get("representative")
        if representative == Representative.OTHER_PERSON and not data.get("represented_person"):
            self.add_error(
                "represented_person",
                _("Vul de naam in van de persoon voor wie u de klacht indient."),
            )
        if representative == Representative.REPRESENTATIVE_BODY:
            if not data.get("representative_body"):
                self.add_error("representative_body", _("Vul de naam van uw organisatie in."))
            if self.require_mandate and not data.get("mandate") and "mandate" not in self.errors:
                self.add_error(
                    "mandate", _("Stuur de machtiging mee waarmee u namens de betrokkenen klaagt.")
                )
        started_on, contacted_on = data.get("started_on"), data.get("contacted_on")
        if started_on and contacted_on and contacted_on < started_on:
            self.add_error(
                "contacted_on",
                _("Deze datum ligt vóór de datum waarop het begon. Controleer beide datums."),
            )
        return data

    # --- Result ------------------------------------------------------------------------

    def to_submission(self) -> ComplaintSubmission:
        data = self.cleaned_data
        representative = data["representative"]
        uploads = list(data.get("attachments") or [])
        if data.get("mandate") is not None and representative == Representative.REPRESENTATIVE_BODY:
            uploads.insert(0, data["mandate"])
        return ComplaintSubmission(
            description=data["description"],
            organisation_name=data["organisation_name"],
            complainant_name=data["complainant_name"],
            complainant_email=data["complainant_email"],
            complainant_phone=data.get("complainant_phone", ""),
            complainant_address=data.get("complainant_address", ""),
            language=data["language"],
            representative=representative,
            # Keep only the name that belongs to the chosen answer.
            represented_person=data.get("represented_person", "")
            if representative == Representative.OTHER_PERSON
            else "",
            representative_body=(
                data.get("representative_body", "")
                if representative == Representative.REPRESENTATIVE_BODY
                else ""
            ),
            started_on=data.get("started_on"),
            ongoing=_ANSWER_TO_BOOL[data.get("ongoing") or ""],
            data_concerned=data.get("data_concerned", ""),
            contacted_organisation=_ANSWER_TO_BOOL[data.get("contacted_organisation") or ""],
            contacted_on=data.get("contacted_on"),
            organisation_response=data.get("organisation_response", ""),
            desired_outcome=data.get("desired_outcome", ""),
            attachments=tuple(uploads),
        )

    def submission_key_digest(self) -> str | None:
        key = self.cleaned_data.get("submission_key")
        return submission_key_digest("web", key) if key else None

    # --- Rendering helpers -------------------------------------------------------------

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor id, message) for the error summary at the top of the page."""
        links = []
        for name, errors in self.errors.items():
            if name == "__all__":
                anchor = "complaint-form"
            else:
                bound = self[name]
                anchor = (
                    f"{bound.auto_id}_0"
                    if isinstance(bound.field.widget, forms.RadioSelect)
                    else bound.auto_id
                )
            links.extend((anchor, str(message)) for message in errors)
        return links


class _SharedFields(dict):
    """Fields a form uses as they are instead of deep-copying them for each instance."""

    def __deepcopy__(self, memo):
        return dict(self)


class ComplaintCheckForm(ComplaintForm):
    """`ComplaintForm` for checking data only (the API): the same fields, checks and messages.

    Such a form is never rendered, and checking does not change a field, so its fields are
    shared between requests rather than deep-copied for each one (a Django form copies its
    fields so that rendering may change them), and the widget settings for the page are left
    out.
    """

    def _prepare_widgets(self) -> None:
        pass


ComplaintCheckForm.base_fields = _SharedFields(ComplaintForm.base_fields)
