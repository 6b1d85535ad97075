"""The team leads' and management's pages: dashboards, patterns, signals, the sector report,
the capacity forecast and CSV exports. Thin views: access through `accounts.access`, reads
through `dashboards` and `selectors`, writes through `services`."""

from __future__ import annotations

import csv
import datetime as dt
from functools import wraps

from django.contrib import messages
from django.db.models import Count, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from waakhond.accounts.access import can_make_sector_report, can_view_dashboards
from waakhond.accounts.decorators import staff_required
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint

from . import charts, dashboards, forecast, labels
from .forms import ForecastForm
from .models import Pattern, Signal
from .selectors import (
    describe_pattern,
    open_signals,
    pattern_organisations,
    pattern_rows,
    patterns_list,
    threshold_text,
)
from .services import sector_report_create, signal_acknowledge


def dashboards_required(view):
    """Staff who may see the dashboards (team leads, auditors); others get a 404."""

    @staff_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_view_dashboards(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _filter_context(filters: dashboards.Filters) -> dict:
    return {
        "filters": filters,
        "sectors": [(code, label) for code, label in labels.SECTORS.items() if code],
        "lanes": [(code, label) for code, label in labels.LANES.items() if code],
        "querystring": filters.querystring(),
    }


def _charts(tables) -> list[dict]:
    return [{"table": t, "svg": charts.render(t)} for t in tables]


@dashboards_required
@require_GET
def dashboard(request):
    filters = dashboards.Filters.from_query(request.GET)
    context = {
        **_filter_context(filters),
        "page": "overview",
        "figures": dashboards.key_figures(filters),
        "signals": [(s, describe_pattern(s.pattern)) for s in open_signals(limit=10)],
        "top_patterns": [(p, describe_pattern(p)) for p in patterns_list(signalled=True)[:8]],
        "overdue": dashboards.overdue_list(filters),
        "deadline_state": dashboards.deadline_state,
    }
    return render(request, "insights/dashboard.html", context)


_PAGE_TITLES = {
    "intake": gettext_lazy("Instroom"),
    "backlog": gettext_lazy("Werkvoorraad en termijnen"),
    "outcomes": gettext_lazy("Tijdigheid en uitkomsten"),
}


@dashboards_required
@require_GET
def dashboard_page(request, page: str):
    if page not in dashboards.PAGES:
        raise Http404
    filters = dashboards.Filters.from_query(request.GET)
    tables = [fn(filters) for fn in dashboards.PAGES[page]]
    context = {
        **_filter_context(filters),
        "page": page,
        "title": _PAGE_TITLES[page],
        "charts": _charts(tables),
    }
    return render(request, "insights/dashboard_page.html", context)


@dashboards_required
@require_GET
def export_csv(request, table_id: str):
    fn = dashboards.TABLE_IDS.get(table_id)
    if fn is None:
        raise Http404
    filters = dashboards.Filters.from_query(request.GET)
    table = fn(filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="waakhond-{table_id}-{filters.date_from}-{filters.date_to}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response)
    for row in table.csv_rows():
        # A cell starting with = + - @ would run as a formula in a spreadsheet; quote it.
        writer.writerow(
            [
                f"'{c}" if str(c)[:1] and str(c)[0] in "=+-@" and not _is_number(c) else c
                for c in row
            ]
        )
    return response


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


@dashboards_required
@require_GET
def patterns(request):
    kind = request.GET.get("kind", "")
    signalled = request.GET.get("signalled") == "1"
    search = (request.GET.get("q") or "").strip()[:100]
    queryset = patterns_list(kind=kind, signalled=signalled, search=search)
    rows = [(p, describe_pattern(p), threshold_text(p)) for p in queryset[:200]]
    return render(
        request,
        "insights/patterns.html",
        {
            "page": "patterns",
            "rows": rows,
            "total": queryset.count(),
            "kind": kind,
            "signalled": signalled,
            "search": search,
            "kinds": Pattern.Kind.choices,
        },
    )


@dashboards_required
@require_GET
def pattern_detail(request, pk: int):
    pattern = get_object_or_404(Pattern, pk=pk)
    rows, total = pattern_rows(pattern, viewer=request.user, limit=500)
    return render(
        request,
        "insights/pattern_detail.html",
        {
            "page": "patterns",
            "pattern": pattern,
            "text": describe_pattern(pattern),
            "threshold": threshold_text(pattern),
            "organisations": pattern_organisations(pattern),
            "rows": rows,
            "total": total,
            "signals": pattern.signals.all()[:20],
            "can_report": can_make_sector_report(request.user),
        },
    )


@dashboards_required
@require_GET
def sector_report(request, pk: int):
    pattern = get_object_or_404(Pattern, pk=pk)
    language = "en" if (get_language() or "nl").startswith("en") else "nl"
    try:
        pdf = sector_report_create(pattern=pattern, actor=request.user, language=language)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("insights:pattern", pk=pattern.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="sectorrapport-patroon-{pattern.pk}.pdf"'
    )
    return response


@dashboards_required
@require_POST
def signal_done(request, pk: int):
    signal = get_object_or_404(Signal, pk=pk)
    try:
        signal_acknowledge(signal=signal, actor=request.user)
        messages.success(request, _("Het signaal is afgehandeld."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("insights:dashboard")


def _lane_of():
    # The lane set on the case, else the one the triage suggested, else quick intervention.
    return Coalesce(
        NullIf("lane", Value("")), NullIf("lane_suggested", Value("")), Value("quick_intervention")
    )


def forecast_inputs(hours_per_week: dict, hours_per_case: dict) -> list[forecast.LaneInput]:
    """The intake of the last weeks and today's open complaints, per lane, from the database."""
    day = timezone.localdate()
    since = timezone.now() - dt.timedelta(weeks=forecast.INTAKE_WEEKS)
    intake = dict(
        Complaint.objects.filter(received_at__gte=since)
        .annotate(lane_eff=_lane_of())
        .values("lane_eff")
        .annotate(n=Count("id"))
        .values_list("lane_eff", "n")
    )
    backlog: dict[str, list] = {}
    rows = (
        Complaint.objects.exclude(state__in=dashboards.CLOSED_STATES)
        .annotate(lane_eff=_lane_of())
        .values("lane_eff", "next_deadline")
        .annotate(n=Count("id"))
    )
    for row in rows:
        due = row["next_deadline"]
        weeks = (due - day).days // 7 if due else forecast.DECISION_WEEKS
        backlog.setdefault(row["lane_eff"], []).append((weeks, float(row["n"])))
    return [
        forecast.LaneInput(
            lane=lane,
            hours_per_week=hours_per_week[lane],
            hours_per_case=hours_per_case[lane],
            weekly_intake=intake.get(lane, 0) / forecast.INTAKE_WEEKS,
            backlog=tuple(backlog.get(lane, [])),
        )
        for lane in forecast.DEFAULT_HOURS_PER_WEEK
    ]


@dashboards_required
@require_GET
def capacity_forecast(request):
    form = ForecastForm(request.GET or None)
    values = form.cleaned_data if form.is_bound and form.is_valid() else form.defaults()
    hours_per_week = {lane: values[f"hours_{lane}"] for lane in forecast.DEFAULT_HOURS_PER_WEEK}
    hours_per_case = {lane: values[f"case_{lane}"] for lane in forecast.DEFAULT_HOURS_PER_CASE}
    lanes = forecast_inputs(hours_per_week, hours_per_case)
    results = forecast.scenarios(lanes)
    today = timezone.localdate()
    week_labels = [
        (today + dt.timedelta(weeks=w + 1)).isoformat() for w in range(forecast.HORIZON_WEEKS)
    ]

    def scenario_name(delta: int) -> str:
        if delta == 0:
            return _("zoals ingevuld")
        if delta > 0:
            return _("%(n)s behandelaar(s) meer") % {"n": delta}
        return _("%(n)s behandelaar(s) minder") % {"n": -delta}

    svg = charts.render_lines(
        _("Verwachte werkvoorraad de komende %(weeks)s weken") % {"weeks": forecast.HORIZON_WEEKS},
        week_labels,
        [(scenario_name(r.handlers_delta), r.backlog) for r in results],
        y_label=_("open klachten"),
    )
    context = {
        "page": "forecast",
        "form": form,
        "svg": svg,
        "results": [(scenario_name(r.handlers_delta), r) for r in results],
        "lanes": [(labels.label(labels.LANES, lane.lane), lane) for lane in lanes],
        "total_hours": sum(hours_per_week.values()),
        "weeks": forecast.HORIZON_WEEKS,
        "intake_weeks": forecast.INTAKE_WEEKS,
        "decision_weeks": forecast.DECISION_WEEKS,
        "hours_per_handler": forecast.HOURS_PER_HANDLER,
        "week_labels": week_labels,
    }
    return render(request, "insights/forecast.html", context)
