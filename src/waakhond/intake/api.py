"""The public intake API, version 1: file a complaint and read its status.

    POST /api/v1/complaints               file a complaint (JSON); 201, or 200 for a repeat
    GET  /api/v1/complaints/{reference}   its status, with the header X-Status-Token

Rules:
* The API files through `complaint_create`, the same service as the web form, after the same
  form (`ComplaintForm`, as `ComplaintCheckForm`) has checked the content, so both answer with
  the same messages.
* Every refusal is `{"errors": [{"field": ..., "message": ...}]}` with status 400 (bad input,
  unknown fields, wrong types, a body that is not JSON), 404 (status) or 429 (too many
  requests); messages follow Accept-Language, Dutch by default. Never a 422, never a 500.
* `Idempotency-Key`: the same key for the same complainant e-mail address returns the first
  complaint with status 200 and without token or status link: the token is shown once only.
* An unknown reference, a wrong token and a revoked token get the same 404 body.
* Requests are limited per client address (`WAAKHOND_API_RATE`, ninja's "N/unit" notation).
"""

import re
from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Header, NinjaAPI, Schema, Status
from ninja.conf import settings as ninja_settings
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.throttling import AnonRateThrottle
from pydantic import BeforeValidator, ConfigDict, StrictBool, StrictStr
from pydantic_core import PydanticCustomError

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from waakhond.common.errors import ApplicationError, NotFound

from .forms import ComplaintCheckForm
from .models import Channel, Complaint, State
from .selectors import access_complaint_by_status_token
from .services import complaint_create, submission_key_digest
from .tokens import status_url

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_string(value):
    """Dates come as "YYYY-MM-DD" strings only (no numbers, no date-times)."""
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("date_format", "date must be a string YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_string)]


class ClientRateThrottle(AnonRateThrottle):
    """Per client address, at the rate in `WAAKHOND_API_RATE` (read on each request).

    Without `NINJA_NUM_PROXIES` the address is the connection's own (REMOTE_ADDR): a client
    could otherwise dodge the limit by sending a made-up X-Forwarded-For header.
    """

    scope = "intake-api"

    def __init__(self):
        super().__init__(settings.WAAKHOND_API_RATE)

    def get_ident(self, request: HttpRequest) -> str | None:
        if ninja_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR")
        return super().get_ident(request)

    def allow_request(self, request: HttpRequest) -> bool:
        if self.rate != settings.WAAKHOND_API_RATE:
            self.rate = settings.WAAKHOND_API_RATE
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Waakhond",
    version="1",
    description=(
        "Public intake API of Waakhond, the complaint desk for GDPR complaints. File a "
        "complaint and follow it with the private status token you receive once. Errors are "
        '`{"errors": [{"field": ..., "message": ...}]}`; messages follow Accept-Language '
        "(nl by default, en)."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    throttle=[ClientRateThrottle()],
)


# --- Schemas --------------------------------------------------------------------------------


class ErrorItem(Schema):
    field: str | None = Field(
        None, description="The field the error is about; null for the request as a whole."
    )
    message: str = Field(..., description="A full sentence in the language of Accept-Language.")


class ErrorsOut(Schema):
    errors: list[ErrorItem]


class ComplaintIn(Schema):
    """A complaint as an API client sends it; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    description: StrictStr = Field(
        ...,
        min_length=1,
        max_length=settings.WAAKHOND_DESCRIPTION_MAX_CHARS,
        description="What happened, in the complainant's own words; not only whitespace.",
    )
    organisation_name: StrictStr = Field(..., min_length=1, max_length=300)
    complainant_name: StrictStr = Field(..., min_length=1, max_length=200)
    complainant_email: StrictStr = Field(
        ...,
        min_length=3,
        max_length=254,
        json_schema_extra={"format": "email"},
        description="An e-mail address.",
    )
    complainant_phone: StrictStr | None = Field(None, max_length=40)
    complainant_address: StrictStr | None = Field(None, max_length=500)
    representative: Literal["self", "other_person", "representative_body"] | None = Field(
        None,
        description=(
            "On whose behalf: self (default), other_person (then represented_person) or "
            "representative_body under GDPR Art. 80 (then representative_body; the authority "
            "asks for the mandate)."
        ),
    )
    represented_person: StrictStr | None = Field(None, max_length=200)
    representative_body: StrictStr | None = Field(None, max_length=200)
    started_on: IsoDate | None = Field(
        None, description="Since when (YYYY-MM-DD, not in the future)."
    )
    ongoing: StrictBool | None = None
    data_concerned: StrictStr | None = Field(None, max_length=2000)
    contacted_organisation: StrictBool | None = None
    contacted_on: IsoDate | None = Field(
        None, description="When the organisation was asked (YYYY-MM-DD)."
    )
    organisation_response: StrictStr | None = Field(None, max_length=5000)
    desired_outcome: StrictStr | None = Field(None, max_length=2000)
    language: Literal["nl", "en"] | None = Field(
        None, description="Language of our messages; default: the request's language."
    )


class ComplaintCreatedOut(Schema):
    reference: str = Field(..., examples=["WH-2026-000123"])
    status_url: str | None = Field(
        ...,
        description="The private status link; null when an Idempotency-Key repeat returned an earlier complaint.",
    )
    status_token: str | None = Field(
        ..., description="For X-Status-Token; given once only, null on an Idempotency-Key repeat."
    )
    received_at: datetime


class DeadlineOut(Schema):
    key: str
    date: date
    label: str


class ComplaintStatusOut(Schema):
    reference: str
    status: str
    status_label: str
    received_at: datetime
    next_deadline: DeadlineOut | None
    deadlines: list[DeadlineOut]


# --- Errors ---------------------------------------------------------------------------------


def _errors(request: HttpRequest, items: list[tuple[str | None, str]], status: int) -> HttpResponse:
    body = {"errors": [{"field": field, "message": message} for field, message in items]}
    return api.create_response(request, body, status=status)


def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("Dit veld is verplicht.")
    if kind == "extra_forbidden":
        return _("Dit veld kennen we niet. Laat het weg.")
    if kind in {"string_type", "string_unicode"}:
        return _("Geef hier tekst op.")
    if kind in {"bool_type", "bool_parsing"}:
        return _("Geef hier true of false op.")
    if kind in {"string_too_short", "string_pattern_mismatch"}:
        return _("Dit veld mag niet leeg zijn.")
    if kind == "string_too_long":
        return _("Deze tekst is te lang: hoogstens %(max)s tekens.") % {
            "max": ctx.get("max_length")
        }
    if kind in {"literal_error", "enum"}:
        return _("Kies een van deze waarden: %(expected)s.") % {
            # pydantic joins the last two with an English "or"; a list reads in any language.
            "expected": str(ctx.get("expected", "")).replace(" or ", ", ")
        }
    if kind.startswith("date") or kind == "date_format":
        return _("Geef een datum op als JJJJ-MM-DD, bijvoorbeeld 2025-03-31.")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("Stuur een JSON-object met de gegevens van de klacht.")
    return _("Deze waarde is ongeldig.")


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """ninja's 422 becomes our 400 with one translated message per field."""
    items: list[tuple[str | None, str]] = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("body", "payload", "field", ...) or ("header", "...") / ("path", "...")
        if location[:1] == ["body"]:
            location = location[2:]
        else:
            location = location[1:]
        items.append((".".join(location) or None, _pydantic_message(error)))
    return _errors(request, items, 400)


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return _errors(
        request,
        [(None, _("U heeft te veel verzoeken gestuurd. Probeer het over een minuut opnieuw."))],
        429,
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        # ninja raises this when the body is not JSON at all.
        return _errors(request, [(None, _("De inhoud van het verzoek is geen geldige JSON."))], 400)
    return _errors(request, [(None, str(exc))], exc.status_code)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _errors(request, [(None, _("Het verzoek is te groot."))], 400)


@api.exception_handler(SuspiciousOperation)
def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    return _errors(request, [(None, _("Dit verzoek kunnen we niet verwerken."))], 400)


@api.exception_handler(NotFound)
def on_not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return _not_found(request)


def _not_found(request: HttpRequest) -> HttpResponse:
    return _errors(
        request,
        [(None, _("Deze klacht bestaat niet, of de statuscode hoort er niet bij."))],
        404,
    )


# --- Endpoints ------------------------------------------------------------------------------


def _as_answer(value: bool | None) -> str:
    return {True: "yes", False: "no", None: ""}[value]


@api.post(
    "/complaints",
    response={201: ComplaintCreatedOut, 200: ComplaintCreatedOut, 400: ErrorsOut, 429: ErrorsOut},
    summary="File a complaint",
    tags=["complaints"],
)
def complaint_file(
    request: HttpRequest,
    payload: ComplaintIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        description=(
            "Optional. Repeating a request with the same key (and the same complainant e-mail) "
            "returns the first complaint with status 200, without status_token and status_url."
        ),
    ),
):
    """File a complaint. 201 with the reference and the one-time status token."""
    data = payload.model_dump(exclude_none=True)
    form_data = {
        **{k: v for k, v in data.items() if k not in {"ongoing", "contacted_organisation"}},
        "ongoing": _as_answer(payload.ongoing),
        "contacted_organisation": _as_answer(payload.contacted_organisation),
        "representative": payload.representative or "self",
        "language": payload.language or (get_language() or "nl")[:2],
    }
    form = ComplaintCheckForm(data=form_data, require_mandate=False)
    if not form.is_valid():
        items = [
            (None if field == "__all__" else field, str(message))
            for field, messages in form.errors.items()
            for message in messages
        ]
        return Status(400, {"errors": [{"field": f, "message": m} for f, m in items]})
    key = None
    if idempotency_key:
        key = submission_key_digest(
            "api", form.cleaned_data["complainant_email"].lower(), idempotency_key
        )
    try:
        filed = complaint_create(
            submission=form.to_submission(), channel=Channel.API, submission_key=key
        )
    except ApplicationError as error:
        return Status(400, {"errors": [{"field": error.field, "message": error.message}]})
    complaint = filed.complaint
    body = {
        "reference": complaint.reference,
        "status_url": status_url(complaint.reference, filed.status_token)
        if filed.status_token
        else None,
        "status_token": filed.status_token,
        "received_at": complaint.received_at,
    }
    return Status(200 if filed.duplicate_submit else 201, body)


@api.get(
    "/complaints/{reference}",
    response={200: ComplaintStatusOut, 404: ErrorsOut, 400: ErrorsOut, 429: ErrorsOut},
    summary="The status of a complaint",
    tags=["complaints"],
)
def complaint_status(
    request: HttpRequest,
    reference: str,
    x_status_token: str = Header(
        "",
        alias="X-Status-Token",
        description="The status token given when the complaint was filed.",
    ),
):
    """Status, date received and next deadline. Unknown reference or wrong token: the same 404."""
    complaint = access_complaint_by_status_token(
        reference=reference[:40], token=x_status_token[:200]
    )
    return Status(200, _status_body(complaint))


def _status_body(complaint: Complaint) -> dict:
    next_deadline = None
    if complaint.next_deadline:
        next_deadline = {
            "key": "decision",
            "date": complaint.next_deadline,
            "label": _("Uiterste datum voor een besluit op uw klacht"),
        }
    return {
        "reference": complaint.reference,
        "status": complaint.state,
        "status_label": str(State(complaint.state).label),
        "received_at": complaint.received_at,
        "next_deadline": next_deadline,
        # Filled by the cases module once a case has its full set of deadlines.
        "deadlines": [],
    }
