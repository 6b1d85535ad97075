"""Writes of the insights app: indexing complaints, linking duplicates, keeping patterns and
signals current, sector reports and API tokens.

Indexing (`insights_index_complaint`) runs after triage and is idempotent: a complaint whose
index row reflects its current triage record is left alone, so a catch-up run
(`insights_index_pending`) can index "everything not yet indexed" as often as it likes. It
never raises into the triage path when called through the task.

What one indexing does, in one transaction:
    1. the text profile (`similarity.profile`): MinHash signature and LSH band buckets;
    2. the organisation key: the register entry matched at intake, else the register entry
       the name matches after cleaning, else the cleaned name itself (so "gem. Dronten",
       "Dronten gemeente" and "gemeente dronten (Flevoland)" are one organisation);
    3. duplicates: a complaint with the same words joins the earlier one's group; else the
       candidates sharing an LSH bucket (one indexed query) are compared by exact Jaccard;
       and the same complainant about the same organisation with a similar text is a double
       submission. Complaints whose text is not worth comparing are never grouped;
    4. the facts for "similar complaints" and the pattern memberships, and a signal to team
       leads when a pattern crosses its threshold.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from waakhond.accounts.access import can_make_sector_report, can_view_dashboards, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.intake.models import Complaint
from waakhond.organisations.models import Organisation
from waakhond.organisations.selectors import normalise_name, organisation_match

from . import conf, similarity
from .features import (
    ComplaintFacts,
    facts_from_triage,
    pattern_keys,
    pipe,
    similarity_features,
    unpipe,
)
from .models import (
    ApiToken,
    ComplaintFeature,
    ComplaintIndex,
    DuplicateGroup,
    LshBucket,
    Pattern,
    PatternMember,
    Signal,
)

logger = logging.getLogger(__name__)

# Bump when what the index derives changes; every complaint then becomes pending again.
INDEX_VERSION = 1
# Candidates compared exactly per duplicate group, and ungrouped candidates at most.
_REPRESENTATIVES_PER_GROUP = 3
_MAX_UNGROUPED_CANDIDATES = 30
_MAX_DOUBLE_SUBMISSION_CANDIDATES = 20


# --- Organisations ------------------------------------------------------------------------

_NOISE_WORDS = {
    "gemeente",
    "gem",
    "gemeentehuis",
    "stadhuis",
    "municipality",
    "city",
    "stad",
    "of",
    "the",
    "de",
    "het",
}
_CUT = re.compile(r",| - | afdeling | afd | team | sociale dienst$")


def organisation_key_for_name(name: str) -> str:
    """A name cleaned to what identifies the organisation: register normalisation, then
    no department after a comma and no 'gemeente' or articles at either end."""
    text = normalise_name(name)
    text = _CUT.split(f"{text} ")[0].strip()
    words = text.split()
    while words and words[0] in _NOISE_WORDS:
        words.pop(0)
    while words and words[-1] in _NOISE_WORDS:
        words.pop()
    return " ".join(words)[:150]


class OrganisationResolver:
    """Finds the organisation key of a complaint. With `preload`, the register is read once
    (bulk indexing); otherwise each lookup is an indexed read of the register."""

    def __init__(self, *, preload: bool = False):
        self._names: dict[int, str] = {}
        self._by_key: dict[str, tuple[int, str]] | None = None
        if preload:
            self._by_key = {}
            for pk, name, search_names in Organisation.objects.order_by("name").values_list(
                "pk", "name", "search_names"
            ):
                self._names[pk] = name
                for key in search_names.split("|"):
                    if key:
                        self._by_key.setdefault(key, (pk, name))

    def _match(self, name: str) -> tuple[int, str] | None:
        if not name:
            return None
        if self._by_key is not None:
            return self._by_key.get(normalise_name(name))
        organisation = organisation_match(name)
        return (organisation.pk, organisation.name) if organisation else None

    def _name_of(self, pk: int) -> str:
        if pk not in self._names:
            self._names[pk] = (
                Organisation.objects.filter(pk=pk).values_list("name", flat=True).first() or ""
            )
        return self._names[pk]

    def resolve(
        self, *, organisation_id: int | None, typed_name: str, facts: ComplaintFacts
    ) -> tuple[str, str]:
        """(key, label). Empty for a private person or when no organisation is named."""
        if facts.controller_type == "individual":
            return "", ""
        if organisation_id:
            return f"r{organisation_id}", self._name_of(organisation_id)
        for name in (typed_name, organisation_key_for_name(typed_name), facts.controller_name):
            found = self._match(name)
            if found:
                return f"r{found[0]}", found[1]
        for name in (typed_name, facts.controller_name):
            cleaned = organisation_key_for_name(name)
            if cleaned:
                return f"n:{cleaned}", (name or "").strip()[:300]
        return "", ""


_resolver_cache: dict = {}


def cached_resolver() -> OrganisationResolver:
    """The preloaded register, read again only when the register has changed."""
    stamp = tuple(Organisation.objects.aggregate(n=Count("id"), changed=Max("updated_at")).values())
    if _resolver_cache.get("stamp") != stamp:
        _resolver_cache["stamp"] = stamp
        _resolver_cache["resolver"] = OrganisationResolver(preload=True)
    return _resolver_cache["resolver"]


def email_hash(email: str) -> str:
    """A keyed hash of the e-mail address: recognises the same complainant, reveals nothing."""
    normalised = (email or "").strip().lower()
    if not normalised:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


# --- Preparing one complaint (no writes) --------------------------------------------------


@dataclass
class _Prepared:
    complaint_id: int
    received_at: object
    triage_record_id: int | None
    profile: similarity.TextProfile
    email_hash: str
    org_key: str
    org_label: str
    facts: ComplaintFacts
    features: list[str]
    pattern_keys: list[str]


def _prepare(
    *,
    complaint_id: int,
    received_at,
    description: str,
    email: str,
    organisation_id: int | None,
    organisation_name: str,
    sector: str,
    controller_type: str,
    triage_record_id: int | None,
    result: dict | None,
    resolver: OrganisationResolver,
) -> _Prepared:
    facts = facts_from_triage(result, sector=sector, controller_type=controller_type)
    org_key, org_label = resolver.resolve(
        organisation_id=organisation_id, typed_name=organisation_name, facts=facts
    )
    return _Prepared(
        complaint_id=complaint_id,
        received_at=received_at,
        triage_record_id=triage_record_id,
        profile=similarity.profile(description),
        email_hash=email_hash(email),
        org_key=org_key,
        org_label=org_label,
        facts=facts,
        features=similarity_features(
            org_key=org_key, controller_type=facts.controller_type, facts=facts
        ),
        pattern_keys=pattern_keys(
            org_key=org_key,
            controller_type=facts.controller_type,
            families=facts.families,
            groups=facts.groups,
            sector=facts.sector,
            categories=facts.categories,
        ),
    )


def _entry_fields(p: _Prepared, now) -> dict:
    return {
        "indexed_at": now,
        "index_version": INDEX_VERSION,
        "triage_record_id": p.triage_record_id,
        "received_at": p.received_at,
        "token_count": p.profile.token_count,
        "worth_comparing": p.profile.worth_comparing,
        "text_hash": p.profile.text_hash,
        "signature": p.profile.signature,
        "email_hash": p.email_hash,
        "org_key": p.org_key,
        "org_label": p.org_label,
        "controller_type": p.facts.controller_type,
        "sector": p.facts.sector,
        "practices": pipe(p.facts.practices),
        "families": pipe(p.facts.families),
        "groups": pipe(p.facts.groups),
        "specials": pipe(p.facts.specials),
        "categories": pipe(p.facts.categories),
        "fact_labels": p.facts.labels,
    }


# --- Duplicates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Match:
    entry_id: int
    group_id: int | None
    similarity: float
    reason: str


def _best_matches(
    profile: similarity.TextProfile,
    candidates: Iterable[tuple[int, int | None, int]],
    texts: dict[int, str],
    *,
    threshold: float,
    reason: str,
    own_text: str = "",
) -> list[_Match]:
    """Candidates at or above the threshold: exact shingle Jaccard, or word Jaccard for a
    double submission (`own_text` given)."""
    matches = []
    for entry_id, group_id, _hits in candidates:
        text = texts.get(entry_id)
        if text is None:
            continue
        if own_text:
            score = similarity.word_jaccard(own_text, text)
        else:
            score = similarity.jaccard(
                profile.shingles, similarity.shingles(similarity.tokens(text))
            )
        if score >= threshold:
            matches.append(_Match(entry_id, group_id, round(score, 4), reason))
    return matches


def _representatives(
    rows: Iterable[tuple[int, int | None, int]],
) -> list[tuple[int, int | None, int]]:
    """A few candidates per duplicate group (its members are alike) and the best ungrouped."""
    by_group: dict[int, list] = defaultdict(list)
    ungrouped = []
    for row in rows:
        (by_group[row[1]] if row[1] else ungrouped).append(row)
    chosen = []
    for members in by_group.values():
        chosen.extend(sorted(members, key=lambda r: (-r[2], r[0]))[:_REPRESENTATIVES_PER_GROUP])
    chosen.extend(sorted(ungrouped, key=lambda r: (-r[2], r[0]))[:_MAX_UNGROUPED_CANDIDATES])
    return chosen


def _descriptions(ids: Iterable[int]) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(Complaint.objects.filter(pk__in=ids).values_list("pk", "description"))


def _find_duplicates(
    entry: ComplaintIndex, p: _Prepared, description: str
) -> tuple[list[_Match], bool]:
    """The matches of a complaint among indexed ones, and whether it needs its own buckets."""
    profile = p.profile
    matches: list[_Match] = []
    needs_buckets = True
    same_words = list(
        ComplaintIndex.objects.filter(text_hash=profile.text_hash, worth_comparing=True)
        .exclude(pk=entry.pk)
        .order_by("received_at", "pk")
        .values_list("pk", "group_id")[:1]
    )
    if same_words:
        # The same words as an indexed complaint: its buckets already stand for this text.
        matches.append(
            _Match(
                same_words[0][0], same_words[0][1], 1.0, ComplaintIndex.LinkReason.NEAR_IDENTICAL
            )
        )
        needs_buckets = False
    else:
        rows = list(
            LshBucket.objects.filter(bucket__in=profile.buckets)
            .exclude(entry_id=entry.pk)
            .values("entry_id", "entry__group_id")
            .annotate(hits=Count("id"))
            .values_list("entry_id", "entry__group_id", "hits")
        )
        candidates = _representatives(rows)
        matches.extend(
            _best_matches(
                profile,
                candidates,
                _descriptions(c[0] for c in candidates),
                threshold=similarity.DUPLICATE_THRESHOLD,
                reason=ComplaintIndex.LinkReason.NEAR_IDENTICAL,
            )
        )
    if p.email_hash and p.org_key:
        known = {m.entry_id for m in matches}
        same_person = [
            (pk, group_id, 0)
            for pk, group_id in ComplaintIndex.objects.filter(
                email_hash=p.email_hash, org_key=p.org_key, worth_comparing=True
            )
            .exclude(pk=entry.pk)
            .order_by("-received_at")
            .values_list("pk", "group_id")[:_MAX_DOUBLE_SUBMISSION_CANDIDATES]
            if pk not in known
        ]
        matches.extend(
            _best_matches(
                profile,
                same_person,
                _descriptions(c[0] for c in same_person),
                threshold=similarity.DOUBLE_SUBMISSION_THRESHOLD,
                reason=ComplaintIndex.LinkReason.DOUBLE_SUBMISSION,
                own_text=description,
            )
        )
    return matches, needs_buckets


def _join_group(entry: ComplaintIndex, matches: list[_Match]) -> DuplicateGroup:
    """Put `entry` in the group of its best match; merge the groups of all its matches."""
    primary = max(
        matches, key=lambda m: (m.reason == ComplaintIndex.LinkReason.NEAR_IDENTICAL, m.similarity)
    )
    group_ids = sorted({m.group_id for m in matches if m.group_id})
    if group_ids:
        group = DuplicateGroup.objects.select_for_update().get(pk=group_ids[0])
        others = group_ids[1:]
        if others:
            ComplaintIndex.objects.filter(group_id__in=others).update(group=group)
            DuplicateGroup.objects.filter(pk__in=others).delete()
    else:
        group = DuplicateGroup.objects.create()
    # Matched complaints that were in no group join it too (the first of a new group).
    loose = [m.entry_id for m in matches if not m.group_id]
    if loose:
        ComplaintIndex.objects.filter(pk__in=loose, group__isnull=True).update(
            group=group, group_reason=ComplaintIndex.LinkReason.FIRST
        )
    entry.group = group
    entry.group_reason = primary.reason
    entry.group_matched_id = primary.entry_id
    entry.group_similarity = primary.similarity
    entry.save(update_fields=["group", "group_reason", "group_matched", "group_similarity"])
    if len(group_ids) == 1 and not loose:
        # Joining one existing group: count the member in instead of recounting thousands.
        same_person = (
            ComplaintIndex.objects.filter(group=group)
            .exclude(email_hash=entry.email_hash)
            .exclude(pk=entry.pk)
        )
        DuplicateGroup.objects.filter(pk=group.pk).update(
            size=F("size") + 1,
            first_received_at=Coalesce(
                Least("first_received_at", Value(entry.received_at)), Value(entry.received_at)
            ),
            last_received_at=Coalesce(
                Greatest("last_received_at", Value(entry.received_at)), Value(entry.received_at)
            ),
            kind=DuplicateGroup.Kind.CAMPAIGN
            if group.kind == DuplicateGroup.Kind.CAMPAIGN or same_person.exists()
            else DuplicateGroup.Kind.DOUBLE_SUBMISSION,
            updated_at=timezone.now(),
        )
    else:
        _refresh_groups([group.pk])
    return group


def _refresh_groups(group_ids: Iterable[int]) -> None:
    rows = (
        ComplaintIndex.objects.filter(group_id__in=list(group_ids))
        .values("group_id")
        .annotate(
            size=Count("pk"),
            first=Min("received_at"),
            last=Max("received_at"),
            people=Count("email_hash", distinct=True),
        )
    )
    for row in rows:
        DuplicateGroup.objects.filter(pk=row["group_id"]).update(
            size=row["size"],
            first_received_at=row["first"],
            last_received_at=row["last"],
            kind=(
                DuplicateGroup.Kind.DOUBLE_SUBMISSION
                if row["people"] == 1
                else DuplicateGroup.Kind.CAMPAIGN
            ),
            updated_at=timezone.now(),
        )


def _leave_group(entry: ComplaintIndex) -> None:
    group_id = entry.group_id
    if not group_id:
        return
    entry.group = None
    entry.group_reason = ""
    entry.group_matched = None
    entry.group_similarity = None
    entry.save(update_fields=["group", "group_reason", "group_matched", "group_similarity"])
    remaining = ComplaintIndex.objects.filter(group_id=group_id).count()
    if remaining < 2:
        ComplaintIndex.objects.filter(group_id=group_id).update(
            group=None, group_reason="", group_matched=None
        )
        DuplicateGroup.objects.filter(pk=group_id).delete()
    else:
        _refresh_groups([group_id])


# --- Patterns and signals -----------------------------------------------------------------


def _pattern_kind(key: str) -> str:
    return {"org": Pattern.Kind.ORGANISATION, "practice": Pattern.Kind.PRACTICE}.get(
        key.split(":", 1)[0], Pattern.Kind.SECTOR
    )


def _ensure_patterns(keys: dict[str, str]) -> dict[str, int]:
    """Pattern ids for keys (key -> organisation label), creating the missing ones."""
    existing = dict(Pattern.objects.filter(key__in=list(keys)).values_list("key", "pk"))
    missing = [
        Pattern(kind=_pattern_kind(k), key=k, org_label=keys[k] if k.startswith("org:") else "")
        for k in keys
        if k not in existing
    ]
    if missing:
        Pattern.objects.bulk_create(missing, ignore_conflicts=True)
        existing = dict(Pattern.objects.filter(key__in=list(keys)).values_list("key", "pk"))
    return existing


def _aggregates(queryset, since):
    return queryset.values("pattern_id").annotate(
        n=Count("id"),
        first=Min("received_at"),
        last=Max("received_at"),
        orgs=Count("org_key", distinct=True, filter=~Q(org_key="")),
        recent=Count("id", filter=Q(received_at__gte=since)),
        recent_orgs=Count(
            "org_key", distinct=True, filter=Q(received_at__gte=since) & ~Q(org_key="")
        ),
    )


@dataclass(frozen=True)
class ThresholdCheck:
    rule: str
    figure: int
    threshold: int

    @property
    def crossed(self) -> bool:
        return self.figure >= self.threshold


def threshold_check(pattern: Pattern) -> ThresholdCheck:
    """The rule of a pattern's kind and where the pattern stands against it (see `conf`)."""
    if pattern.kind == Pattern.Kind.ORGANISATION:
        return ThresholdCheck(
            Signal.Rule.ORGANISATION_VOLUME, pattern.recent_count, conf.org_min_complaints()
        )
    if pattern.kind == Pattern.Kind.PRACTICE:
        return ThresholdCheck(
            Signal.Rule.PRACTICE_SPREAD,
            pattern.organisation_count,
            conf.practice_min_organisations(),
        )
    # A sector topic needs both enough complaints and enough organisations in the window.
    enough_organisations = pattern.recent_organisation_count >= conf.sector_min_organisations()
    return ThresholdCheck(
        Signal.Rule.SECTOR_TREND,
        pattern.recent_count if enough_organisations else 0,
        conf.sector_min_complaints(),
    )


def _apply_thresholds(patterns: Iterable[Pattern], now) -> int:
    """Set the threshold state; raise a signal for each pattern that newly crosses it.

    A signal is raised once; after a team lead has acknowledged it, again only when the
    figure has doubled since.
    """
    raised = 0
    patterns = list(patterns)
    last_signal = {}
    crossing = [p for p in patterns if threshold_check(p).crossed]
    if crossing:
        for s in Signal.objects.filter(pattern__in=crossing).order_by(
            "pattern_id", "raised_at", "id"
        ):
            last_signal[s.pattern_id] = s
    for pattern in patterns:
        check = threshold_check(pattern)
        pattern.threshold_crossed = check.crossed
        if not check.crossed:
            continue
        if pattern.threshold_crossed_at is None:
            pattern.threshold_crossed_at = now
        previous = last_signal.get(pattern.pk)
        if previous is not None and (
            previous.acknowledged_at is None or check.figure < 2 * previous.figure
        ):
            continue
        Signal.objects.create(
            pattern=pattern,
            rule=check.rule,
            raised_at=now,
            figure=check.figure,
            threshold=check.threshold,
        )
        raised += 1
    return raised


def _refresh_patterns(pattern_ids: Iterable[int], now) -> None:
    ids = list(set(pattern_ids))
    if not ids:
        return
    since = now - timedelta(days=conf.window_days())
    figures = {
        row["pattern_id"]: row
        for row in _aggregates(PatternMember.objects.filter(pattern_id__in=ids), since)
    }
    patterns = list(Pattern.objects.filter(pk__in=ids))
    for pattern in patterns:
        _set_figures(pattern, figures.get(pattern.pk))
    _apply_thresholds(patterns, now)
    Pattern.objects.bulk_update(patterns, _PATTERN_FIGURE_FIELDS + ["updated_at"])


_PATTERN_FIGURE_FIELDS = [
    "member_count",
    "organisation_count",
    "recent_count",
    "recent_organisation_count",
    "first_received_at",
    "last_received_at",
    "threshold_crossed",
    "threshold_crossed_at",
    "org_label",
]


def _set_figures(pattern: Pattern, row: dict | None) -> None:
    row = row or {}
    pattern.member_count = row.get("n", 0)
    pattern.organisation_count = row.get("orgs", 0)
    pattern.recent_count = row.get("recent", 0)
    pattern.recent_organisation_count = row.get("recent_orgs", 0)
    pattern.first_received_at = row.get("first")
    pattern.last_received_at = row.get("last")
    pattern.updated_at = timezone.now()


def _add_to_patterns(entry: ComplaintIndex, pattern_ids: list[int], p: _Prepared, now) -> None:
    """Count a new member into its patterns without re-aggregating them: one indexed read for
    all its patterns and an UPDATE per kind of change, so a pattern of thousands costs no more
    than a small one. The "recent" figures only grow here; the nightly `patterns_rebuild` lets
    old complaints age out of them."""
    if not pattern_ids:
        return
    since = now - timedelta(days=conf.window_days())
    recent = p.received_at >= since
    seen: dict[int, dict] = {}
    if p.org_key:
        seen = {
            row["pattern_id"]: row
            for row in PatternMember.objects.filter(pattern_id__in=pattern_ids, org_key=p.org_key)
            .exclude(entry=entry)
            .values("pattern_id")
            .annotate(n=Count("id"), recent=Count("id", filter=Q(received_at__gte=since)))
        }
    changes: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pattern_id in pattern_ids:
        row = seen.get(pattern_id, {"n": 0, "recent": 0})
        new_org = int(bool(p.org_key) and row["n"] == 0)
        new_recent_org = int(bool(p.org_key) and recent and row["recent"] == 0)
        changes[(new_org, new_recent_org)].append(pattern_id)
    for (new_org, new_recent_org), ids in changes.items():
        Pattern.objects.filter(pk__in=ids).update(
            member_count=F("member_count") + 1,
            organisation_count=F("organisation_count") + new_org,
            recent_count=F("recent_count") + int(recent),
            recent_organisation_count=F("recent_organisation_count") + new_recent_org,
            first_received_at=Coalesce(
                Least("first_received_at", Value(p.received_at)), Value(p.received_at)
            ),
            last_received_at=Coalesce(
                Greatest("last_received_at", Value(p.received_at)), Value(p.received_at)
            ),
            updated_at=now,
        )
    patterns = list(Pattern.objects.filter(pk__in=pattern_ids))
    before = {pt.pk: (pt.threshold_crossed, pt.threshold_crossed_at) for pt in patterns}
    _apply_thresholds(patterns, now)
    for pattern in patterns:
        if before[pattern.pk] != (pattern.threshold_crossed, pattern.threshold_crossed_at):
            Pattern.objects.filter(pk=pattern.pk).update(
                threshold_crossed=pattern.threshold_crossed,
                threshold_crossed_at=pattern.threshold_crossed_at,
            )


def _set_memberships(entry: ComplaintIndex, p: _Prepared, now, *, new_entry: bool = False) -> None:
    if new_entry:
        ids = _ensure_patterns({k: p.org_label for k in p.pattern_keys})
        PatternMember.objects.bulk_create(
            [
                PatternMember(
                    pattern_id=pid, entry=entry, org_key=p.org_key, received_at=p.received_at
                )
                for pid in ids.values()
            ],
            ignore_conflicts=True,
        )
        _add_to_patterns(entry, list(ids.values()), p, now)
        return
    current = dict(
        PatternMember.objects.filter(entry=entry).values_list("pattern__key", "pattern_id")
    )
    wanted = set(p.pattern_keys)
    gone = [pid for key, pid in current.items() if key not in wanted]
    new = {k: p.org_label for k in wanted if k not in current}
    ids = _ensure_patterns(new) if new else {}
    if gone:
        PatternMember.objects.filter(entry=entry, pattern_id__in=gone).delete()
    kept = [pid for key, pid in current.items() if key in wanted]
    changed_org = list(
        PatternMember.objects.filter(entry=entry, pattern_id__in=kept)
        .exclude(org_key=p.org_key)
        .values_list("pattern_id", flat=True)
    )
    if changed_org:
        PatternMember.objects.filter(entry=entry, pattern_id__in=changed_org).update(
            org_key=p.org_key
        )
    PatternMember.objects.bulk_create(
        [
            PatternMember(pattern_id=pid, entry=entry, org_key=p.org_key, received_at=p.received_at)
            for pid in ids.values()
        ],
        ignore_conflicts=True,
    )
    if not current:
        # A complaint indexed for the first time: count it in.
        _add_to_patterns(entry, list(ids.values()), p, now)
    else:
        # A re-triaged complaint: recount the patterns it left, joined or changed in.
        _refresh_patterns([*gone, *ids.values(), *changed_org], now)


# --- Indexing -----------------------------------------------------------------------------


def _prepare_complaint(complaint: Complaint, resolver: OrganisationResolver) -> _Prepared:
    record = complaint.current_triage
    return _prepare(
        complaint_id=complaint.pk,
        received_at=complaint.received_at,
        description=complaint.description,
        email=complaint.complainant_email,
        organisation_id=complaint.organisation_id,
        organisation_name=complaint.organisation_name,
        sector=complaint.sector,
        controller_type=complaint.controller_type,
        triage_record_id=complaint.current_triage_id,
        result=record.result if record is not None else None,
        resolver=resolver,
    )


def insights_index_complaint(*, complaint: Complaint) -> ComplaintIndex:
    """Index one complaint (see the module docstring); a second call is a no-op."""
    with transaction.atomic():
        complaint = (
            Complaint.objects.select_for_update(of=("self",))
            .select_related("current_triage")
            .get(pk=complaint.pk)
        )
        entry = ComplaintIndex.objects.filter(pk=complaint.pk).first()
        if (
            entry is not None
            and entry.index_version == INDEX_VERSION
            and entry.triage_record_id == complaint.current_triage_id
        ):
            return entry
        now = timezone.now()
        p = _prepare_complaint(complaint, cached_resolver())
        new_entry = entry is None
        text_changed = (
            new_entry
            or entry.text_hash != p.profile.text_hash
            or entry.index_version != INDEX_VERSION
        )
        if new_entry:
            entry = ComplaintIndex(complaint_id=complaint.pk, **_entry_fields(p, now))
        else:
            for name, value in _entry_fields(p, now).items():
                setattr(entry, name, value)
        entry.save(force_insert=new_entry)
        if text_changed:
            if not new_entry:
                LshBucket.objects.filter(entry=entry).delete()
                _leave_group(entry)
            needs_buckets = False
            if p.profile.worth_comparing:
                matches, needs_buckets = _find_duplicates(entry, p, complaint.description)
                if matches:
                    _join_group(entry, matches)
            if needs_buckets:
                LshBucket.objects.bulk_create(
                    [LshBucket(entry=entry, bucket=b) for b in p.profile.buckets]
                )
            if entry.has_buckets != needs_buckets:
                entry.has_buckets = needs_buckets
                ComplaintIndex.objects.filter(pk=entry.pk).update(has_buckets=needs_buckets)
        if not new_entry:
            ComplaintFeature.objects.filter(entry=entry).delete()
        ComplaintFeature.objects.bulk_create(
            [
                ComplaintFeature(entry=entry, feature=f[:200], received_at=p.received_at)
                for f in p.features
            ]
        )
        _set_memberships(entry, p, now, new_entry=new_entry)
    return entry


def pending_complaint_ids(limit: int | None = None) -> list[int]:
    """Complaints not indexed yet, indexed by an older version, or triaged again since."""
    queryset = (
        Complaint.objects.annotate(
            index_version=F("insights_index__index_version"),
            indexed_triage=F("insights_index__triage_record_id"),
        )
        .filter(
            Q(index_version__isnull=True)
            | ~Q(index_version=INDEX_VERSION)
            | (
                Q(current_triage_id__isnull=False)
                & (Q(indexed_triage__isnull=True) | ~Q(indexed_triage=F("current_triage_id")))
            )
        )
        .order_by("received_at", "pk")
        .values_list("pk", flat=True)
    )
    return list(queryset[:limit] if limit else queryset)


@dataclass(frozen=True)
class IndexReport:
    indexed: int
    failed: int


def insights_index_pending(*, limit: int | None = None) -> IndexReport:
    """Index every complaint that needs it, one by one (each in its own transaction)."""
    indexed = failed = 0
    for complaint in Complaint.objects.filter(pk__in=pending_complaint_ids(limit)).order_by(
        "received_at", "pk"
    ):
        try:
            insights_index_complaint(complaint=complaint)
            indexed += 1
        except Exception:  # one bad complaint must not stop the catch-up of the others
            logger.exception("Could not index complaint %s", complaint.pk)
            failed += 1
    return IndexReport(indexed=indexed, failed=failed)


def insights_index_all(*, batch_size: int = 2000, progress=None) -> IndexReport:
    """Rebuild the whole index from the complaints and their triage, in one pass.

    The same rules as `insights_index_complaint`, with the candidates held in an in-memory
    LSH index (datasketch) instead of read from the database, and rows written in bulk.
    Patterns are rebuilt afterwards (`patterns_rebuild`).
    """
    resolver = OrganisationResolver(preload=True)
    now = timezone.now()
    lsh = similarity.new_lsh()
    by_hash: dict[str, int] = {}
    by_person: dict[tuple[str, str], list[int]] = defaultdict(list)
    texts: dict[int, str] = {}
    group_of: dict[int, int] = {}  # entry -> local group number
    groups: dict[int, list[int]] = {}
    links: dict[int, _Match] = {}
    next_group = 0
    indexed = 0

    with transaction.atomic():
        PatternMember.objects.all().delete()
        ComplaintFeature.objects.all().delete()
        LshBucket.objects.all().delete()
        ComplaintIndex.objects.all().delete()
        DuplicateGroup.objects.all().delete()

        queryset = Complaint.objects.order_by("received_at", "pk").values_list(
            "pk",
            "received_at",
            "description",
            "complainant_email",
            "organisation_id",
            "organisation_name",
            "sector",
            "controller_type",
            "current_triage_id",
            "current_triage__result",
        )
        batch: list[_Prepared] = []

        def flush():
            entries, buckets, features = [], [], []
            for p in batch:
                entries.append(ComplaintIndex(complaint_id=p.complaint_id, **_entry_fields(p, now)))
                entries[-1].has_buckets = p.complaint_id in needs_buckets
                if entries[-1].has_buckets:
                    buckets.extend(
                        LshBucket(entry_id=p.complaint_id, bucket=b) for b in p.profile.buckets
                    )
                features.extend(
                    ComplaintFeature(
                        entry_id=p.complaint_id, feature=f[:200], received_at=p.received_at
                    )
                    for f in p.features
                )
            ComplaintIndex.objects.bulk_create(entries, batch_size=1000)
            _bulk_insert(
                LshBucket, ["entry_id", "bucket"], [(b.entry_id, b.bucket) for b in buckets]
            )
            _bulk_insert(
                ComplaintFeature,
                ["entry_id", "feature", "received_at"],
                [(f.entry_id, f.feature, f.received_at) for f in features],
            )
            batch.clear()

        needs_buckets: set[int] = set()
        for row in queryset.iterator(chunk_size=batch_size):
            (
                pk,
                received_at,
                description,
                email,
                org_id,
                org_name,
                sector,
                ctype,
                record_id,
                result,
            ) = row
            p = _prepare(
                complaint_id=pk,
                received_at=received_at,
                description=description,
                email=email,
                organisation_id=org_id,
                organisation_name=org_name,
                sector=sector,
                controller_type=ctype,
                triage_record_id=record_id,
                result=result,
                resolver=resolver,
            )
            batch.append(p)
            indexed += 1
            if progress:
                progress(indexed)
            profile = p.profile
            if not profile.worth_comparing:
                if len(batch) >= batch_size:
                    flush()
                continue
            matches: list[_Match] = []
            if profile.text_hash in by_hash:
                first = by_hash[profile.text_hash]
                matches.append(
                    _Match(
                        first, group_of.get(first), 1.0, ComplaintIndex.LinkReason.NEAR_IDENTICAL
                    )
                )
            else:
                by_hash[profile.text_hash] = pk
                needs_buckets.add(pk)
                found = [(key, group_of.get(key), 1) for key in lsh.query(profile.minhash)]
                matches.extend(
                    _best_matches(
                        profile,
                        _representatives(found),
                        texts,
                        threshold=similarity.DUPLICATE_THRESHOLD,
                        reason=ComplaintIndex.LinkReason.NEAR_IDENTICAL,
                    )
                )
                best = max((m.similarity for m in matches), default=0.0)
                # A text its group already stands for closely need not be a candidate itself.
                if best < 0.9:
                    lsh.insert(pk, profile.minhash, check_duplication=False)
                    texts[pk] = description
            if p.email_hash and p.org_key:
                known = {m.entry_id for m in matches}
                person = [
                    (k, group_of.get(k), 0)
                    for k in by_person[(p.email_hash, p.org_key)][
                        -_MAX_DOUBLE_SUBMISSION_CANDIDATES:
                    ]
                    if k not in known
                ]
                matches.extend(
                    _best_matches(
                        profile,
                        person,
                        {k: texts.get(k) or _descriptions([k])[k] for k, _g, _h in person},
                        threshold=similarity.DOUBLE_SUBMISSION_THRESHOLD,
                        reason=ComplaintIndex.LinkReason.DOUBLE_SUBMISSION,
                        own_text=description,
                    )
                )
                by_person[(p.email_hash, p.org_key)].append(pk)
            if matches:
                primary = max(
                    matches,
                    key=lambda m: (
                        m.reason == ComplaintIndex.LinkReason.NEAR_IDENTICAL,
                        m.similarity,
                    ),
                )
                local = sorted({group_of[m.entry_id] for m in matches if m.entry_id in group_of})
                if local:
                    target = local[0]
                    for other in local[1:]:
                        for member in groups.pop(other):
                            group_of[member] = target
                            groups[target].append(member)
                else:
                    next_group += 1
                    target = next_group
                    groups[target] = []
                for m in matches:
                    if m.entry_id not in group_of:
                        group_of[m.entry_id] = target
                        groups[target].append(m.entry_id)
                        links[m.entry_id] = _Match(
                            m.entry_id, None, 0.0, ComplaintIndex.LinkReason.FIRST
                        )
                group_of[pk] = target
                groups[target].append(pk)
                links[pk] = primary
            if len(batch) >= batch_size:
                flush()
        flush()

        # Duplicate groups: created now that every member is known.
        local_ids = list(groups)
        created = DuplicateGroup.objects.bulk_create(
            [DuplicateGroup() for _ in local_ids], batch_size=1000
        )
        if created and created[0].pk is None:  # backends that do not return ids
            created = list(DuplicateGroup.objects.order_by("-pk")[: len(local_ids)])[::-1]
        db_group = {local: group.pk for local, group in zip(local_ids, created, strict=True)}
        updates = []
        for entry_id, local in group_of.items():
            link = links[entry_id]
            first = link.reason == ComplaintIndex.LinkReason.FIRST
            updates.append(
                (
                    db_group[local],
                    str(link.reason),
                    None if first else link.entry_id,
                    None if first else link.similarity,
                    entry_id,
                )
            )
        if updates:
            table = connection.ops.quote_name(ComplaintIndex._meta.db_table)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table} SET group_id = %s, group_reason = %s, group_matched_id = %s, "  # noqa: S608
                    "group_similarity = %s WHERE complaint_id = %s",
                    updates,
                )
        _refresh_groups(db_group.values())
    return IndexReport(indexed=indexed, failed=0)


def _bulk_insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert many rows: COPY on PostgreSQL, batched inserts elsewhere."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # noqa: S608 (names from the model)
                for row in rows:
                    copy.write_row(row)
        return
    model.objects.bulk_create(
        [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2000
    )


# --- Rebuilding patterns ------------------------------------------------------------------


def _figures_of(pattern: Pattern) -> tuple:
    return tuple(getattr(pattern, name) for name in _PATTERN_FIGURE_FIELDS)


def _write_figures(patterns: list[Pattern], now) -> None:
    """One parameterised UPDATE per changed pattern, sent as a batch (no giant CASE)."""
    if not patterns:
        return
    table = connection.ops.quote_name(Pattern._meta.db_table)
    columns = [*_PATTERN_FIGURE_FIELDS, "updated_at"]
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    rows = [[*_figures_of(pt), now, pt.pk] for pt in patterns]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)  # noqa: S608 (names from the model)


@dataclass(frozen=True)
class RebuildReport:
    patterns: int
    memberships: int
    signals_raised: int


def patterns_rebuild(*, actor=None) -> RebuildReport:
    """Recompute every pattern's members and figures from the index; raise due signals.

    Patterns keep their id (and so their signals and links) when their key still has members;
    patterns left without members and without signals are removed.
    """
    now = timezone.now()
    since = now - timedelta(days=conf.window_days())
    with transaction.atomic():
        rows = ComplaintIndex.objects.order_by("received_at", "pk").values_list(
            "pk",
            "org_key",
            "org_label",
            "controller_type",
            "families",
            "groups",
            "sector",
            "categories",
            "received_at",
        )
        labels: dict[str, str] = {}
        members: list[tuple[str, int, str, object]] = []
        for (
            pk,
            org_key,
            org_label,
            ctype,
            families,
            groups,
            sector,
            categories,
            received_at,
        ) in rows.iterator(chunk_size=5000):
            for key in pattern_keys(
                org_key=org_key,
                controller_type=ctype,
                families=unpipe(families),
                groups=unpipe(groups),
                sector=sector,
                categories=unpipe(categories),
            ):
                members.append((key, pk, org_key, received_at))
                if key not in labels:
                    labels[key] = org_label if key.startswith("org:") else ""
        ids = dict(Pattern.objects.values_list("key", "pk"))
        missing = [
            Pattern(kind=_pattern_kind(k), key=k, org_label=labels[k])
            for k in labels
            if k not in ids
        ]
        Pattern.objects.bulk_create(missing, batch_size=2000, ignore_conflicts=True)
        if missing:
            ids = dict(Pattern.objects.values_list("key", "pk"))
        PatternMember.objects.all().delete()
        _bulk_insert(
            PatternMember,
            ["pattern_id", "entry_id", "org_key", "received_at"],
            [(ids[key], pk, org_key, received_at) for key, pk, org_key, received_at in members],
        )
        figures = {
            row["pattern_id"]: row for row in _aggregates(PatternMember.objects.all(), since)
        }
        Pattern.objects.filter(
            ~Exists(PatternMember.objects.filter(pattern=OuterRef("pk")))
        ).filter(~Exists(Signal.objects.filter(pattern=OuterRef("pk")))).delete()
        patterns = list(Pattern.objects.all())
        before = {pattern.pk: _figures_of(pattern) for pattern in patterns}
        for pattern in patterns:
            _set_figures(pattern, figures.get(pattern.pk))
            if pattern.key in labels and labels[pattern.key]:
                pattern.org_label = labels[pattern.key]
        raised = _apply_thresholds(patterns, now)
        _write_figures([pt for pt in patterns if _figures_of(pt) != before[pt.pk]], now)
        if actor is not None:
            record_event(
                actor=actor,
                event_type=AuditEventType.PATTERN_REBUILT,
                data={"patterns": len(patterns), "memberships": len(members), "signals": raised},
            )
    return RebuildReport(patterns=len(patterns), memberships=len(members), signals_raised=raised)


# --- Staff actions ------------------------------------------------------------------------


def signal_acknowledge(*, signal: Signal, actor) -> Signal:
    """A team lead has seen a signal and taken it up; it leaves the dashboard."""
    require(can_view_dashboards(actor))
    with transaction.atomic():
        signal = Signal.objects.select_for_update().get(pk=signal.pk)
        if signal.acknowledged_at is not None:
            return signal
        signal.acknowledged_at = timezone.now()
        signal.acknowledged_by = actor
        signal.save(update_fields=["acknowledged_at", "acknowledged_by"])
        record_event(
            actor=actor,
            event_type=AuditEventType.PATTERN_SIGNAL_ACKNOWLEDGED,
            obj=signal,
            data={"pattern": signal.pattern.key, "rule": signal.rule, "figure": signal.figure},
        )
    return signal


def sector_report_create(*, pattern: Pattern, actor, language: str = "nl") -> bytes:
    """The sector report of a pattern as a PDF (no personal data of complainants); logged."""
    from .reports import render_sector_report

    require(can_make_sector_report(actor))
    pdf, references = render_sector_report(pattern=pattern, viewer=actor, language=language)
    with transaction.atomic():
        record_event(
            actor=actor,
            event_type=AuditEventType.PATTERN_REPORTED,
            obj=pattern,
            data={"pattern": pattern.key, "complaints": len(references), "language": language},
        )
    return pdf


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user, name: str, actor=None) -> tuple[ApiToken, str]:
    """A new token for `user` (who must be allowed to see patterns); returns it once."""
    require(can_view_dashboards(user))
    token = "whp_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        api_token = ApiToken.objects.create(
            name=name[:100], user=user, token_hash=hash_api_token(token), prefix=token[4:10]
        )
        record_event(
            actor=actor or user,
            event_type=AuditEventType.API_TOKEN_CREATED,
            obj=api_token,
            data={"name": api_token.name, "user": user.get_username(), "prefix": api_token.prefix},
        )
    return api_token, token


def api_token_authenticate(token: str):
    """The user of a valid, unrevoked token who may still see patterns; else None."""
    if not token:
        return None
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_api_token(token), revoked_at__isnull=True)
        .first()
    )
    if api_token is None or not can_view_dashboards(api_token.user):
        return None
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
    return api_token.user
