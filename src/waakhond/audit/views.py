"""The audit log viewer for auditors and administrators: search, the chain check, CSV export.

Views stay thin: the form checks the shape of the search, `can_view_audit_log` decides access,
the selectors read and `export.audit_log_export` records the export.
"""

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from waakhond.accounts.access import can_view_audit_log
from waakhond.accounts.decorators import staff_required

from .export import audit_log_export
from .forms import AuditSearchForm
from .selectors import AuditFilters, audit_events, audit_events_page
from .services import audit_chain_verify


def _require_audit_access(user) -> None:
    # Staff without the auditor or administrator role are told no; non-staff never get here.
    if not can_view_audit_log(user):
        raise PermissionDenied


def _render_invalid(request, form):
    context = {"form": form, "page_obj": None, "chain": audit_chain_verify(), "export_query": ""}
    return render(request, "audit/audit_log.html", context, status=400)


@staff_required
@require_GET
def audit_log(request):
    _require_audit_access(request.user)
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _render_invalid(request, form)
    filters = form.filters() if form.is_bound else AuditFilters()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": audit_events_page(filters=filters, page_number=request.GET.get("page") or 1),
        # The whole chain is checked on every visit, so an auditor sees a break at once.
        "chain": audit_chain_verify(),
        "export_query": query.urlencode(),
    }
    return render(request, "audit/audit_log.html", context)


@staff_required
@require_GET
def audit_log_export_csv(request):
    _require_audit_access(request.user)
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _render_invalid(request, form)
    filters = form.filters() if form.is_bound else AuditFilters()
    lines = audit_log_export(
        actor=request.user, filters=filters, queryset=audit_events(filters=filters)
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="waakhond-auditlog-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
