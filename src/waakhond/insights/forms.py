from django import forms
from django.utils.translation import gettext_lazy as _

from . import forecast, labels


class ForecastForm(forms.Form):
    """Hours per week and hours per complaint, per lane; defaults in `forecast`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lane, hours in forecast.DEFAULT_HOURS_PER_WEEK.items():
            name = labels.label(labels.LANES, lane)
            self.fields[f"hours_{lane}"] = forms.FloatField(
                label=_("Uren per week: %(lane)s") % {"lane": name},
                min_value=0,
                max_value=100000,
                initial=hours,
            )
            self.fields[f"case_{lane}"] = forms.FloatField(
                label=_("Uren per klacht: %(lane)s") % {"lane": name},
                min_value=0.05,
                max_value=10000,
                initial=forecast.DEFAULT_HOURS_PER_CASE[lane],
            )

    def defaults(self) -> dict:
        return {name: field.initial for name, field in self.fields.items()}

    def lane_rows(self):
        """(lane label, hours field, per-case field) for the form's table layout."""
        return [
            (labels.label(labels.LANES, lane), self[f"hours_{lane}"], self[f"case_{lane}"])
            for lane in forecast.DEFAULT_HOURS_PER_WEEK
        ]
