"""The public intake pages: the complaint form, the acknowledgement, organisation suggestions.

Thin views: the form checks the shape, `complaint_create` files the complaint (the same service
as the API), an `ApplicationError` becomes a form error. After a successful post the browser is
redirected (POST/redirect/GET); the private status link travels to the acknowledgement page in
the session and is removed from it once shown.
"""

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from waakhond.common.errors import ApplicationError
from waakhond.organisations.selectors import organisation_suggestions as suggest_organisations

from .forms import ComplaintForm, new_submission_key
from .models import Channel, Representative
from .services import FiledComplaint, complaint_create
from .tokens import status_url

ACKNOWLEDGEMENT_SESSION_KEY = "intake_acknowledgement"


def _page_language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in {"nl", "en"} else "nl"


@never_cache
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """The complaint form; on success file the complaint and redirect to the acknowledgement."""
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                filed = complaint_create(
                    submission=form.to_submission(),
                    channel=Channel.WEB,
                    submission_key=form.submission_key_digest(),
                )
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                _remember_acknowledgement(request, filed)
                return redirect("intake:acknowledgement")
    else:
        form = ComplaintForm(
            initial={
                "language": _page_language(),
                "representative": Representative.SELF,
                "submission_key": new_submission_key(),
            }
        )
    return render(request, "intake/complaint_form.html", {"form": form})


def _remember_acknowledgement(request: HttpRequest, filed: FiledComplaint) -> None:
    complaint = filed.complaint
    previous = request.session.get(ACKNOWLEDGEMENT_SESSION_KEY) or {}
    if filed.duplicate_submit and previous.get("reference") == complaint.reference:
        return  # the first submit already left the link for the acknowledgement page
    request.session[ACKNOWLEDGEMENT_SESSION_KEY] = {
        "reference": complaint.reference,
        "email": complaint.complainant_email,
        "received_at": complaint.received_at.isoformat(),
        "next_deadline": complaint.next_deadline.isoformat() if complaint.next_deadline else None,
        "status_url": status_url(complaint.reference, filed.status_token)
        if filed.status_token
        else None,
        "duplicate": filed.duplicate_submit,
    }


@never_cache
@require_GET
def acknowledgement(request: HttpRequest) -> HttpResponse:
    """The reference, the private status link (shown once) and what happens next."""
    data = request.session.get(ACKNOWLEDGEMENT_SESSION_KEY)
    if not data:
        return redirect("intake:home")
    link = data.get("status_url")
    if link:
        # Shown once: a reload, the back button or a shared computer will not show it again.
        request.session[ACKNOWLEDGEMENT_SESSION_KEY] = {
            **data,
            "status_url": None,
            "link_shown": True,
        }
    context = {
        "reference": data["reference"],
        "email": data.get("email", ""),
        "received_at": datetime.fromisoformat(data["received_at"]),
        "next_deadline": date.fromisoformat(data["next_deadline"])
        if data.get("next_deadline")
        else None,
        "status_url": link,
        "link_shown_before": bool(data.get("link_shown")) and not link,
        "duplicate": data.get("duplicate", False),
    }
    response = render(request, "intake/acknowledgement.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def organisation_suggestions(request: HttpRequest) -> JsonResponse:
    """Names from the register for the form's datalist: `{"suggestions": [...]}`."""
    query = (request.GET.get("q") or "")[:100]
    response = JsonResponse({"suggestions": suggest_organisations(query)})
    response["Cache-Control"] = "public, max-age=300"
    return response
