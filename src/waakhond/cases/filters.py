"""The queue's filters (django-filter). Every filter narrows an already access-checked queryset."""

import django_filters

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from waakhond.intake.models import Band, State, TriageStatus

from . import labels

NOT_TRIAGED = "none"
ALL_STATES = "all"
# Without a state filter the queue shows open complaints: finished ones are out of the way.
FINISHED_STATES = (State.CLOSED, State.WITHDRAWN)


class ComplaintQueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken op kenmerk of organisatie"), method="filter_text")
    band = django_filters.ChoiceFilter(
        label=_("Prioriteit"),
        choices=[*Band.choices, (NOT_TRIAGED, _("Nog niet beoordeeld"))],
        empty_label=_("Alle prioriteiten"),
        method="filter_band",
    )
    organisation = django_filters.CharFilter(label=_("Organisatie"), method="filter_organisation")
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=list(labels.SECTORS.items()), empty_label=_("Alle sectoren")
    )
    category = django_filters.ChoiceFilter(
        label=_("Categorie"),
        choices=list(labels.CATEGORIES.items()),
        empty_label=_("Alle categorieën"),
        method="filter_category",
    )
    state = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*State.choices, (ALL_STATES, _("Alle, ook afgesloten"))],
        empty_label=_("Openstaand"),
        method="filter_state",
    )
    triage_status = django_filters.ChoiceFilter(
        label=_("Triage"), choices=TriageStatus.choices, empty_label=_("Alle")
    )

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(organisation_name__icontains=value)
            | Q(organisation__name__icontains=value)
        )

    def filter_band(self, queryset, name, value):
        if value == NOT_TRIAGED:
            return queryset.filter(band="")
        return queryset.filter(band=value)

    def filter_organisation(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # What the complainant typed, or the register entry it was linked to.
        return queryset.filter(
            Q(organisation_name__icontains=value) | Q(organisation__name__icontains=value)
        )

    def filter_category(self, queryset, name, value):
        # category_tags reads "|access_rights|erasure|": the bars make the match exact.
        return queryset.filter(category_tags__contains=f"|{value}|")

    def filter_state(self, queryset, name, value):
        if value == ALL_STATES:
            return queryset
        return queryset.filter(state=value)

    @property
    def qs(self):
        queryset = super().qs
        # The default view of the queue (no state chosen) leaves out finished complaints.
        if not self.is_bound or not (self.form.cleaned_data or {}).get("state"):
            queryset = queryset.exclude(state__in=FINISHED_STATES)
        return queryset
