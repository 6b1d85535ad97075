"""The page and form post that restrict a case or lift the restriction.

Thin: the form checks the shape, `services_restrict.case_restrict` checks the rules. Someone who
may not see the case gets a 404 (as if it did not exist); someone who may see it but not change
its access gets a 403.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from waakhond.accounts.access import PermissionDenied, can_restrict_case
from waakhond.accounts.decorators import staff_required
from waakhond.common.errors import ApplicationError, NotFound

from . import selectors
from .services.common import StaleCase, case_version
from .services_restrict import case_restrict


class RestrictForm(forms.Form):
    # What the person asked for, so a second submit of the same form is refused, not flipped.
    restricted = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("De reden komt in het auditlog."),
        error_messages={"required": gettext_lazy("Geef een reden op.")},
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)


def _complaint_or_404(user, reference):
    try:
        return selectors.complaint_detail(user=user, reference=reference)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@staff_required
@require_http_methods(["GET", "POST"])
def case_restrict_page(request, reference):
    complaint = _complaint_or_404(request.user, reference)
    if not can_restrict_case(request.user, complaint):
        raise DjangoPermissionDenied
    initial = {
        "restricted": "0" if complaint.restricted else "1",
        "version": case_version(complaint),
    }
    form = RestrictForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                complaint = case_restrict(
                    complaint=complaint,
                    actor=request.user,
                    restricted=form.cleaned_data["restricted"],
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"] or None,
                )
            except PermissionDenied as exc:
                raise DjangoPermissionDenied(exc.message) from exc
            except NotFound as exc:
                raise Http404(exc.message) from exc
            except (StaleCase, ApplicationError) as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    _("De toegang tot deze zaak is beperkt.")
                    if complaint.restricted
                    else _("De beperking van de toegang tot deze zaak is opgeheven."),
                )
                return redirect(reverse("cases:complaint", args=[complaint.reference]))
    context = {"complaint": complaint, "form": form}
    return render(request, "cases/restrict/restrict.html", context, status=status)
