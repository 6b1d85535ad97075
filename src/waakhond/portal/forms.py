"""The complainant's forms: check the shape of what was sent, nothing more.

Uploaded files are checked by content with the intake's `check_upload`, the same check as at
filing, so a file refused there is refused here with the same message.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from waakhond.common.errors import ApplicationError
from waakhond.intake.attachments import check_upload
from waakhond.intake.forms import MultipleFileField, MultipleFileInput
from waakhond.intake.services import AttachmentUpload


def _described(field_name: str, *, help_text: bool) -> dict:
    ids = [f"id_{field_name}_helptext"] if help_text else []
    return {"aria-describedby": " ".join(ids)} if ids else {}


class AddInformationForm(forms.Form):
    text = forms.CharField(
        label=_("Wat wilt u toevoegen?"),
        help_text=_(
            "Bijvoorbeeld wat er sinds uw klacht is gebeurd, of het antwoord op onze vraag."
        ),
        required=False,
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea", "rows": 8, **_described("text", help_text=True)}
        ),
    )
    attachments = MultipleFileField(
        label=_("Bestanden (niet verplicht)"),
        help_text=_(
            "PDF, foto (JPG, PNG, GIF, WebP of HEIC), Word, Excel, OpenDocument of platte tekst."
        ),
        required=False,
        widget=MultipleFileInput(
            attrs={"class": "utrecht-textbox wh-file", **_described("attachments", help_text=True)}
        ),
    )

    def clean_text(self) -> str:
        text = (self.cleaned_data.get("text") or "").strip()
        if len(text) > settings.WAAKHOND_DESCRIPTION_MAX_CHARS:
            raise ValidationError(
                _("Uw tekst is te lang. Gebruik hoogstens %(max)d tekens.")
                % {"max": settings.WAAKHOND_DESCRIPTION_MAX_CHARS}
            )
        return text

    def clean_attachments(self) -> list[AttachmentUpload]:
        files = self.cleaned_data.get("attachments") or []
        limit = settings.WAAKHOND_ATTACHMENT_MAX_COUNT
        if len(files) > limit:
            raise ValidationError(
                _("U kunt hoogstens %(max)d bestanden tegelijk meesturen.") % {"max": limit}
            )
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append(check_upload(uploaded))
            except ApplicationError as error:
                errors.append(ValidationError(error.message, code="attachment"))
        if errors:
            raise ValidationError(errors)
        return checked

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("text") and not cleaned.get("attachments"):
            self.add_error("text", _("Schrijf wat u wilt toevoegen, of kies een bestand."))
        return cleaned


class WithdrawForm(forms.Form):
    """The confirmation step: withdrawing cannot be undone, so it is asked for explicitly."""

    confirm = forms.BooleanField(
        label=_("Ja, ik trek mijn klacht in. Ik weet dat dit niet terug te draaien is."),
        required=True,
        error_messages={"required": _("Vink het vakje aan als u uw klacht echt wilt intrekken.")},
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
    )
    reason = forms.CharField(
        label=_("Waarom trekt u uw klacht in? (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 4}),
    )


class ObjectionForm(forms.Form):
    grounds = forms.CharField(
        label=_("Waarom bent u het niet eens met het besluit?"),
        help_text=_(
            "Schrijf in uw eigen woorden wat er volgens u niet klopt. U mag later meer sturen."
        ),
        max_length=settings.WAAKHOND_DESCRIPTION_MAX_CHARS,
        error_messages={"required": _("Schrijf op waarom u het niet eens bent met het besluit.")},
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea", "rows": 10, **_described("grounds", help_text=True)}
        ),
    )


class RevokeLinkForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, zet mijn link uit."),
        required=True,
        error_messages={"required": _("Vink het vakje aan als u uw link wilt uitzetten.")},
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
    )


class RequestSentForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Op welke dag heeft u de brief verstuurd?"),
        help_text=_("Bijvoorbeeld 14-3-2026."),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": _("Vul de dag in waarop u de brief verstuurde."),
            "invalid": _("Vul een datum in, bijvoorbeeld 14-3-2026."),
        },
        widget=forms.DateInput(
            attrs={
                "class": "utrecht-textbox",
                "type": "date",
                **_described("sent_on", help_text=True),
            }
        ),
    )
