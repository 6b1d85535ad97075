"""Reads of the insights app: similar complaints, duplicate groups and patterns.

Every read that lists complaints narrows them with `accounts.access.complaints_visible_to`
when a viewer is given, so a restricted complaint never shows up in a panel or a pattern for
someone who may not open it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from waakhond.accounts.access import complaints_visible_to
from waakhond.intake.models import Complaint

from . import labels
from .features import MIN_SHARED_SCORE, SUMMARY_KINDS, feature_weight, unpipe
from .models import ComplaintFeature, ComplaintIndex, DuplicateGroup, Pattern, PatternMember, Signal

# How many of the most recent earlier complaints per shared fact are considered.
_RECENT_PER_FEATURE = 400


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def fact_label(entry_labels: dict, kind: str, value: str) -> str:
    """The rule's label of a fact in the current language, else a label from our tables."""
    found = (entry_labels or {}).get(kind, {}).get(value)
    if found and found.get(_lang()):
        return found[_lang()]
    table = {
        "vulnerable_group": labels.VULNERABLE_GROUPS,
        "special_category": labels.SPECIAL_CATEGORIES,
    }.get(kind, {})
    return labels.label(table, value)


def facts_summary(entry: ComplaintIndex) -> list[str]:
    """The labels of a complaint's facts (rule labels only: no words of the complainant)."""
    return _summary(entry.fact_labels)


def organisation_display(org_label: str, controller_type: str = "") -> str:
    if controller_type == "individual":
        return _("een particulier")
    return org_label or _("onbekende organisatie")


# --- Similar complaints -------------------------------------------------------------------


@dataclass(frozen=True)
class SimilarComplaint:
    complaint: Complaint
    score: float
    reasons: tuple[str, ...]
    same_group: bool = False


def _reason(feature: str, entry: ComplaintIndex) -> str:
    prefix, _sep, value = feature.partition(":")
    if prefix == "org":
        return _("Zelfde organisatie: %(name)s") % {"name": organisation_display(entry.org_label)}
    if prefix == "pr":
        return _("Zelfde praktijk: %(label)s") % {
            "label": fact_label(entry.fact_labels, "practice", value)
        }
    if prefix == "sc":
        return _("Zelfde bijzondere gegevens: %(label)s") % {
            "label": fact_label(entry.fact_labels, "special_category", value)
        }
    if prefix == "vg":
        return _("Zelfde kwetsbare groep: %(label)s") % {
            "label": fact_label(entry.fact_labels, "vulnerable_group", value)
        }
    if prefix == "sector":
        return _("Zelfde sector: %(label)s") % {"label": labels.label(labels.SECTORS, value)}
    return feature


def similar_complaints(
    complaint: Complaint, limit: int = 5, *, viewer=None
) -> list[SimilarComplaint]:
    """Earlier complaints that share the most facts with this one, and which facts.

    Ranked by the weighted facts they share (organisation, practice, special categories,
    vulnerable group, sector; see `features.FEATURE_WEIGHTS`), then by recency. A shared sector
    alone is not enough. Complaints of the same duplicate group are said to be so.
    """
    entry = ComplaintIndex.objects.filter(pk=complaint.pk).first()
    if entry is None:
        return []
    features = list(ComplaintFeature.objects.filter(entry=entry).values_list("feature", flat=True))
    if not features:
        return []
    scores: dict[int, float] = defaultdict(float)
    shared: dict[int, list[str]] = defaultdict(list)
    for feature in features:
        rows = (
            ComplaintFeature.objects.filter(feature=feature, received_at__lte=entry.received_at)
            .exclude(entry_id=entry.pk)
            .order_by("-received_at")
            .values_list("entry_id", flat=True)[:_RECENT_PER_FEATURE]
        )
        for other in rows:
            scores[other] += feature_weight(feature)
            shared[other].append(feature)
    ranked = sorted(
        (
            pk
            for pk, score in scores.items()
            if score > feature_weight("sector:x") and score >= MIN_SHARED_SCORE
        ),
        key=lambda pk: -scores[pk],
    )
    queryset = Complaint.objects.filter(pk__in=ranked[: limit * 4]).select_related("insights_index")
    if viewer is not None:
        queryset = complaints_visible_to(viewer, queryset)
    found = {c.pk: c for c in queryset}
    order = sorted(found, key=lambda pk: (-scores[pk], -found[pk].received_at.timestamp()))
    result = []
    for pk in order[:limit]:
        other = found[pk]
        weight_order = sorted(shared[pk], key=lambda f: -feature_weight(f))
        result.append(
            SimilarComplaint(
                complaint=other,
                score=scores[pk],
                reasons=tuple(_reason(f, entry) for f in weight_order),
                same_group=bool(entry.group_id and other.insights_index.group_id == entry.group_id),
            )
        )
    return result


@dataclass(frozen=True)
class GroupInfo:
    group: DuplicateGroup
    reason: str
    similarity: float | None
    matched_reference: str
    references: tuple[str, ...] = field(default_factory=tuple)


def duplicate_group_of(complaint: Complaint, *, viewer=None, limit: int = 10) -> GroupInfo | None:
    entry = (
        ComplaintIndex.objects.filter(pk=complaint.pk)
        .select_related("group", "group_matched")
        .first()
    )
    if entry is None or entry.group is None:
        return None
    members = Complaint.objects.filter(insights_index__group=entry.group).exclude(pk=complaint.pk)
    if viewer is not None:
        members = complaints_visible_to(viewer, members)
    references = tuple(members.order_by("received_at").values_list("reference", flat=True)[:limit])
    return GroupInfo(
        group=entry.group,
        reason=entry.get_group_reason_display(),
        similarity=entry.group_similarity,
        matched_reference=(entry.group_matched.reference if entry.group_matched else "") or "",
        references=references,
    )


# --- Patterns -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PatternText:
    title: str
    explanation: str


def _practice_context(context: str) -> str:
    kind, _sep, value = context.partition("-")
    if kind == "g":
        return _("bij %(group)s") % {"group": labels.label(labels.VULNERABLE_GROUPS, value)}
    return _("in de sector %(sector)s") % {"sector": labels.label(labels.SECTORS, value)}


def describe_pattern(pattern: Pattern) -> PatternText:
    """Title and a one-paragraph explanation, in the active language."""
    first = pattern.first_received_at.date().isoformat() if pattern.first_received_at else "–"
    last = pattern.last_received_at.date().isoformat() if pattern.last_received_at else "–"
    figures = {
        "count": pattern.member_count,
        "orgs": pattern.organisation_count,
        "first": first,
        "last": last,
        "recent": pattern.recent_count,
    }
    parts = pattern.key.split(":")
    if pattern.kind == Pattern.Kind.ORGANISATION:
        name = organisation_display(pattern.org_label)
        title = _("Klachten over %(name)s") % {"name": name}
        explanation = (
            _(
                "%(count)s klachten over dezelfde organisatie, ontvangen van %(first)s tot en met "
                "%(last)s; %(recent)s daarvan in de afgelopen periode. Verschillende schrijfwijzen "
                "van de naam zijn samengenomen."
            )
            % figures
        )
    elif pattern.kind == Pattern.Kind.PRACTICE:
        practice = labels.label(labels.PRACTICE_FAMILIES, parts[1] if len(parts) > 1 else "")
        context = _practice_context(parts[2] if len(parts) > 2 else "")
        title = _("%(practice)s %(context)s") % {
            "practice": practice[:1].upper() + practice[1:],
            "context": context,
        }
        explanation = (
            _(
                "%(count)s klachten over dezelfde praktijk bij %(orgs)s organisaties, ontvangen van "
                "%(first)s tot en met %(last)s. De triage vond in elke klacht deze praktijk en deze "
                "groep; samen wijzen ze op een werkwijze, niet op een enkel geval."
            )
            % figures
        )
    else:
        sector = labels.label(labels.SECTORS, parts[1] if len(parts) > 1 else "")
        topic = labels.label(labels.CATEGORIES, parts[2] if len(parts) > 2 else "")
        title = _("%(topic)s in de sector %(sector)s") % {
            "topic": topic[:1].upper() + topic[1:],
            "sector": sector,
        }
        explanation = (
            _(
                "%(count)s klachten over dit onderwerp in deze sector, bij %(orgs)s organisaties, "
                "ontvangen van %(first)s tot en met %(last)s; %(recent)s daarvan in de afgelopen periode."
            )
            % figures
        )
    return PatternText(title=title, explanation=explanation)


def threshold_text(pattern: Pattern) -> str:
    from .services import threshold_check

    check = threshold_check(pattern)
    if pattern.kind == Pattern.Kind.ORGANISATION:
        text = _("%(figure)s van %(threshold)s klachten in de afgelopen periode")
    elif pattern.kind == Pattern.Kind.PRACTICE:
        text = _("%(figure)s van %(threshold)s organisaties")
    else:
        text = _(
            "%(figure)s van %(threshold)s klachten bij genoeg organisaties in de afgelopen periode"
        )
    return text % {"figure": check.figure, "threshold": check.threshold}


def patterns_list(
    *, kind: str = "", signalled: bool = False, min_members: int | None = None, search: str = ""
):
    from . import conf

    queryset = Pattern.objects.filter(member_count__gte=min_members or conf.pattern_min_members())
    if kind in Pattern.Kind.values:
        queryset = queryset.filter(kind=kind)
    if signalled:
        queryset = queryset.filter(threshold_crossed=True)
    if search:
        queryset = queryset.filter(Q(org_label__icontains=search) | Q(key__icontains=search))
    return queryset.order_by("-threshold_crossed", "-organisation_count", "-member_count", "pk")


def open_signals(limit: int = 50):
    return (
        Signal.objects.filter(acknowledged_at__isnull=True)
        .select_related("pattern")
        # Widest first: the same practice at the most organisations is the likeliest policy
        # problem; then the most complaints; then the newest.
        .order_by("-pattern__organisation_count", "-pattern__member_count", "-raised_at", "-id")[
            :limit
        ]
    )


@dataclass(frozen=True)
class PatternOrganisation:
    label: str
    count: int
    first: object
    last: object


def pattern_organisations(pattern: Pattern, limit: int = 200) -> list[PatternOrganisation]:
    """The organisations of a pattern with their number of complaints: one grouped query."""
    rows = (
        PatternMember.objects.filter(pattern=pattern)
        .exclude(org_key="")
        .values("org_key")
        .annotate(
            n=Count("id"),
            first=Min("received_at"),
            last=Max("received_at"),
            label=Min("entry__org_label"),
        )
        .order_by("-n", "org_key")[:limit]
    )
    return [
        PatternOrganisation(
            label=organisation_display(r["label"]), count=r["n"], first=r["first"], last=r["last"]
        )
        for r in rows
    ]


@dataclass(frozen=True)
class PatternRow:
    """One line of a pattern's member list: a complaint, or a duplicate group as one line."""

    reference: str
    received_at: object
    organisation: str
    facts: tuple[str, ...]
    group_size: int = 0
    group_references: tuple[str, ...] = ()
    complaint: Complaint | None = None


def pattern_rows(
    pattern: Pattern, *, viewer=None, limit: int = 500
) -> tuple[list[PatternRow], int]:
    """The members of a pattern, oldest first, a duplicate group folded into one line (its
    first member, with the group's size); and the number of members the viewer may see."""
    members = Complaint.objects.filter(insights_index__pattern_memberships__pattern=pattern)
    if viewer is not None:
        members = complaints_visible_to(viewer, members)
    total = members.count()
    entries = (
        ComplaintIndex.objects.filter(
            pattern_memberships__pattern=pattern, complaint__in=members.values("pk")
        )
        .order_by("received_at", "pk")
        .values_list(
            "complaint__reference", "received_at", "org_label", "controller_type", "group_id"
        )
    )
    lines: list[list] = []
    group_line: dict[int, int] = {}
    group_refs: dict[int, list[str]] = defaultdict(list)
    for reference, received_at, org_label, controller_type, group_id in entries.iterator(
        chunk_size=5000
    ):
        if group_id:
            group_refs[group_id].append(reference or "")
            if group_id in group_line:
                continue
        if len(lines) >= limit:
            continue
        if group_id:
            group_line[group_id] = len(lines)
        lines.append(
            [
                reference or "",
                received_at,
                organisation_display(org_label, controller_type),
                group_id,
            ]
        )
    labels_of = dict(
        ComplaintIndex.objects.filter(
            complaint__reference__in=[line[0] for line in lines]
        ).values_list("complaint__reference", "fact_labels")
    )
    rows = []
    for reference, received_at, organisation, group_id in lines:
        refs = group_refs.get(group_id, []) if group_id else []
        rows.append(
            PatternRow(
                reference=reference,
                received_at=received_at,
                organisation=organisation,
                facts=tuple(_summary(labels_of.get(reference) or {})),
                group_size=len(refs) if len(refs) > 1 else 0,
                group_references=tuple(refs[1:]),
            )
        )
    return rows, total


def _summary(fact_labels: dict) -> list[str]:
    result = []
    for kind in SUMMARY_KINDS:
        for _value, text in sorted((fact_labels or {}).get(kind, {}).items()):
            label_text = text.get(_lang()) or text.get("nl") or ""
            if label_text and label_text not in result:
                result.append(label_text)
    return result


def pattern_member_references(pattern_ids: list[int], *, viewer=None) -> dict[int, list[str]]:
    members = Complaint.objects.all()
    if viewer is not None:
        members = complaints_visible_to(viewer, members)
    result: dict[int, list[str]] = defaultdict(list)
    for pattern_id, reference in (
        PatternMember.objects.filter(
            pattern_id__in=pattern_ids, entry__complaint__in=members.values("pk")
        )
        .order_by("pattern_id", "received_at", "entry_id")
        .values_list("pattern_id", "entry__complaint__reference")
        .iterator()
    ):
        result[pattern_id].append(reference or "")
    return result


def complaint_categories(entry: ComplaintIndex) -> list[str]:
    return [labels.label(labels.CATEGORIES, c) for c in unpipe(entry.categories)]
