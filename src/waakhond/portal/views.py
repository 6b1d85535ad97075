"""The complainant's status pages, reached through the private link given at filing.

Views stay thin: `access.py` decides what a session may see, `selectors.py` reads, services
write (portal services here; withdrawal and objection are case services). Every page is
`never_cache` and private; the link's token is never left in the address bar: `enter` checks
it, remembers the access in the session for that one reference and redirects.

Any failure to open a complaint -- wrong token, revoked token, unknown reference, a reference
this session was not given -- answers with the same 404 page.
"""

from __future__ import annotations

from django_ratelimit.core import is_ratelimited

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waakhond.cases.services.decisions import objection_open
from waakhond.cases.services.letters import letter_ensure_pdf
from waakhond.cases.services.withdrawal import case_withdraw
from waakhond.common.errors import ApplicationError, NotFound
from waakhond.intake.models import Complaint

from . import access, selectors
from .forms import (
    AddInformationForm,
    ObjectionForm,
    RequestSentForm,
    RevokeLinkForm,
    WithdrawForm,
)
from .services import (
    portal_add_information,
    portal_record_request_sent,
    portal_reopen_after_request,
    portal_revoke_link,
)

# Attempts to open a link: per client address, and per reference (whoever tries it). A real
# complainant opens their link a few times a day; a guesser needs billions of tries.
ENTER_RATE_PER_IP = "20/h"
ENTER_RATE_PER_REFERENCE = "20/h"


def _not_found(request: HttpRequest) -> HttpResponse:
    """The one answer for every link or page that does not open."""
    response = render(request, "portal/not_found.html", status=404)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _rate_limited(request: HttpRequest, *, reference: str | None) -> bool:
    """Count this attempt; True when the address or the reference has used up its attempts."""
    by_ip = is_ratelimited(
        request, group="portal.enter.ip", key="ip", rate=ENTER_RATE_PER_IP, increment=True
    )
    by_reference = reference is not None and is_ratelimited(
        request,
        group="portal.enter.reference",
        key=lambda group, request: reference,
        rate=ENTER_RATE_PER_REFERENCE,
        increment=True,
    )
    return by_ip or by_reference


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "portal/rate_limited.html", status=429)
    response["Retry-After"] = "3600"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _status_url(complaint: Complaint) -> str:
    return reverse("portal:status", args=[complaint.reference])


# --- Entering ---------------------------------------------------------------------------------


@never_cache
@require_GET
def enter(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    if _rate_limited(request, reference=reference):
        return _too_many(request)
    try:
        complaint = access.access_complaint_by_token(reference, token)
    except NotFound:
        return _not_found(request)
    # A new session key on every grant: nobody can plant a session and wait for it to be used.
    request.session.cycle_key()
    access.grant_complaint(request.session, complaint)
    response = redirect(_status_url(complaint))
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_GET
def representative_enter(request: HttpRequest, token: str) -> HttpResponse:
    if _rate_limited(request, reference=None):
        return _too_many(request)
    try:
        representative = access.access_representative_by_token(token)
    except NotFound:
        return _not_found(request)
    request.session.cycle_key()
    access.grant_representative(request.session, representative)
    response = redirect("portal:representative")
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_GET
def representative(request: HttpRequest) -> HttpResponse:
    body = access.session_representative(request.session)
    if body is None:
        return _not_found(request)
    return render(
        request,
        "portal/representative.html",
        {"body": body, "rows": selectors.representative_rows(body)},
    )


# --- The status page and its actions ----------------------------------------------------------


def _status_or_404(view):
    """Turn "not this session's" into the same 404 page as a wrong link."""

    def wrapped(request, reference, *args, **kwargs):
        try:
            complaint = access.access_complaint_in_session(request.session, reference)
        except NotFound:
            return _not_found(request)
        return view(request, complaint, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@never_cache
@require_GET
@_status_or_404
def status(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    page = selectors.status_page(complaint)
    return render(
        request,
        "portal/status.html",
        {"page": page, "complaint": complaint, "request_sent_form": RequestSentForm()},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_status_or_404
def add_information(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    if complaint.state not in selectors.ACCEPTS_INFORMATION:
        messages.error(request, _("U kunt aan dit dossier niets meer toevoegen."))
        return redirect(_status_url(complaint))
    form = AddInformationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            portal_add_information(
                complaint=complaint,
                text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Dank u. Wij hebben uw aanvulling ontvangen."))
            return redirect(_status_url(complaint))
    status_code = 400 if form.is_bound else 200
    return render(
        request,
        "portal/add_information.html",
        {"complaint": complaint, "form": form},
        status=status_code,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_status_or_404
def withdraw(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    if complaint.state not in selectors.WITHDRAWABLE:
        messages.error(request, _("Dit dossier is al gesloten. Intrekken is niet meer nodig."))
        return redirect(_status_url(complaint))
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_withdraw(
                complaint=complaint,
                by_complainant=True,
                actor=None,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Uw klacht is ingetrokken. Wij behandelen hem niet verder.")
            )
            return redirect(_status_url(complaint))
    return render(
        request,
        "portal/withdraw.html",
        {"complaint": complaint, "form": form},
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_status_or_404
def objection(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    chance = selectors.objection_chance(complaint)
    if chance is None:
        return redirect(_status_url(complaint))
    form = ObjectionForm(request.POST or None) if chance.allowed else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            link = objection_open(
                complaint=complaint,
                grounds=form.cleaned_data["grounds"],
                actor=None,
                by_complainant=True,
            )
        except ApplicationError as error:
            form.add_error("grounds" if error.field == "grounds" else None, error.message)
        else:
            return redirect("portal:objection_received", reference=link.case.reference)
    return render(
        request,
        "portal/objection.html",
        {"complaint": complaint, "chance": chance, "form": form},
        status=400 if form is not None and form.is_bound else 200,
    )


@never_cache
@require_GET
@_status_or_404
def objection_received(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The acknowledgement of an objection case (shown right after filing it, and after)."""
    page = selectors.status_page(complaint)
    if page.original is None:
        return redirect(_status_url(complaint))
    return render(request, "portal/objection_received.html", {"page": page, "complaint": complaint})


@never_cache
@require_GET
@_status_or_404
def letter_pdf(request: HttpRequest, complaint: Complaint, letter_id: int) -> HttpResponse:
    letter = selectors.complaint_letter(complaint, letter_id)
    if letter is None:
        return _not_found(request)
    # Letters made without a PDF (PDFs deferred) get theirs on first download.
    letter = letter_ensure_pdf(letter=letter)
    try:
        handle = letter.pdf.open("rb")
    except (FileNotFoundError, OSError):
        return _not_found(request)
    filename = f"{complaint.reference}-{letter.kind}-{letter.pk}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=filename)


@never_cache
@require_http_methods(["GET", "POST"])
@_status_or_404
def revoke_link(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The complainant turns their own link off (e.g. someone else saw it)."""
    form = RevokeLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        portal_revoke_link(complaint=complaint, actor=None, by_complainant=True)
        access.forget_complaint(request.session, complaint.reference)
        return render(request, "portal/link_revoked.html", {"reference": complaint.reference})
    return render(
        request,
        "portal/revoke_link.html",
        {"complaint": complaint, "form": form},
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_POST
@_status_or_404
def reopen(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    chance = selectors.reopen_chance(complaint)
    if chance is None or not chance.allowed:
        messages.error(
            request,
            _(
                "Heropenen kan pas als de organisatie een maand de tijd heeft gehad om te antwoorden."
            ),
        )
        return redirect(_status_url(complaint))
    try:
        portal_reopen_after_request(complaint=complaint, request=chance.request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Wij behandelen uw klacht weer. De organisatie heeft niet op tijd geantwoord."),
        )
    return redirect(_status_url(complaint))


@never_cache
@require_POST
@_status_or_404
def request_sent(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The complainant says on which day they sent the request letter to the organisation."""
    pending = selectors.request_awaiting_sent_date(complaint)
    form = RequestSentForm(request.POST)
    if pending is None:
        return redirect(_status_url(complaint))
    if form.is_valid():
        try:
            portal_record_request_sent(
                complaint=complaint, request=pending, sent_on=form.cleaned_data["sent_on"]
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Dank u. Wij hebben de datum genoteerd."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_status_url(complaint))
