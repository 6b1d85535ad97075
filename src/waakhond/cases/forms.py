from django import forms
from django.utils.translation import gettext_lazy as _

from waakhond.intake.models import Band


class PriorityForm(forms.Form):
    """Confirm the suggested priority or choose another one; the service requires a reason for
    an override (it knows the suggestion), the form only checks the shape."""

    band = forms.ChoiceField(label=_("Prioriteit"), choices=Band.choices)
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht als u de voorgestelde prioriteit aanpast."),
    )
