"""The search form of the audit log viewer; it only validates shape."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditEventType
from .selectors import AuditFilters


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("Medewerker"), required=False, max_length=150)
    event_type = forms.ChoiceField(
        label=_("Soort gebeurtenis"),
        required=False,
        choices=[("", _("Alle soorten"))] + list(AuditEventType.choices),
    )
    # Named `object_id` so a complaint page can link to `?object_id=<pk>`; a reference works too.
    object_id = forms.CharField(
        label=_("Kenmerk of nummer"),
        required=False,
        max_length=64,
        help_text=_("Een kenmerk zoals WH-2026-000042 of het nummer van een object."),
    )
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(label=_("Zoeken in de reden"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def filters(self) -> AuditFilters:
        """The search as the selector takes it; call after `is_valid()`."""
        data = self.cleaned_data
        return AuditFilters(
            actor=data.get("actor") or "",
            event_type=data.get("event_type") or "",
            object_ref=data.get("object_id") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            text=data.get("q") or "",
        )
