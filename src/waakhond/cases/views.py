"""The back office pages: the queue, a complaint with its triage explanation, the priority
decision and attachment downloads. Views stay thin: access and reads go through `selectors`
(which use `waakhond.accounts.access`), writes through `waakhond.intake.services`."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from waakhond.accounts.access import (
    PermissionDenied,
    can_change_priority,
    can_restrict_case,
    can_view_audit_log,
)
from waakhond.accounts.decorators import staff_required
from waakhond.common.errors import ApplicationError, NotFound
from waakhond.intake.services import attachment_log_view, complaint_log_view, complaint_set_priority

from . import selectors
from .explanation import explanation_build
from .forms import PriorityForm


def _complaint_or_404(user, reference):
    try:
        return selectors.complaint_detail(user=user, reference=reference)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@staff_required
@require_GET
def queue(request):
    queue_page = selectors.complaint_queue_page(
        user=request.user, params=request.GET, page_number=request.GET.get("page") or 1
    )
    return render(request, "cases/queue.html", {"queue": queue_page, "page_obj": queue_page.page})


def _render_complaint(request, complaint, *, form, status=200):
    triage_record = complaint.current_triage
    explanation = explanation_build(
        triage_record.result if triage_record else None, text=complaint.description
    )
    context = {
        "complaint": complaint,
        "explanation": explanation if triage_record else None,
        "highlighted_text": explanation.highlighted_text,
        "attachments": selectors.complaint_attachments(complaint=complaint),
        "complainant_messages": selectors.complaint_complainant_messages(complaint=complaint),
        "history": selectors.complaint_history(complaint=complaint),
        "can_change_priority": can_change_priority(request.user),
        "form": form,
        # Panels other apps add to this page, configured in settings (e.g. similar complaints).
        "extra_panels": settings.WAAKHOND_COMPLAINT_PAGE_PANELS,
        "can_restrict": can_restrict_case(request.user, complaint),
        "audit_events": (
            selectors.complaint_audit_events(complaint=complaint)
            if can_view_audit_log(request.user)
            else None
        ),
    }
    return render(request, "cases/complaint.html", context, status=status)


@staff_required
@require_GET
def complaint(request, reference):
    complaint = _complaint_or_404(request.user, reference)
    complaint_log_view(complaint=complaint, actor=request.user)
    form = PriorityForm(initial={"band": complaint.band or complaint.band_suggested})
    return _render_complaint(request, complaint, form=form)


@staff_required
@require_POST
def complaint_priority(request, reference):
    complaint = _complaint_or_404(request.user, reference)
    if not can_change_priority(request.user):
        raise DjangoPermissionDenied
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            complaint_set_priority(
                complaint=complaint,
                actor=request.user,
                band=form.cleaned_data["band"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("De prioriteit is vastgelegd."))
            return redirect(reverse("cases:complaint", args=[complaint.reference]))
    return _render_complaint(request, complaint, form=form, status=400)


@staff_required
@require_GET
def attachment(request, reference, attachment_id):
    complaint = _complaint_or_404(request.user, reference)
    item = selectors.complaint_attachment(complaint=complaint, attachment_id=attachment_id)
    if item is None:
        raise Http404
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    attachment_log_view(complaint=complaint, attachment=item, actor=request.user)
    # Always a download, never shown inline: a file from the public is not our page.
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
