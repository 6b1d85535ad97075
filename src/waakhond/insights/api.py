"""The patterns API: `GET /api/v1/patterns` for staff systems, with a bearer token.

Tokens are made with `waakhond manage create_api_token --user USERNAME --name NAME` and belong
to a member of staff who may see the dashboards (team lead or auditor). The router is built by
`build_router()`; the project mounts it on the public API under `/patterns`.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Query, Router, Schema
from ninja.security import HttpBearer

from django.utils import translation

from .selectors import (
    describe_pattern,
    pattern_member_references,
    pattern_organisations,
    patterns_list,
    threshold_text,
)
from .services import api_token_authenticate


class StaffToken(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class PatternOut(Schema):
    id: int
    kind: str
    key: str
    title: str
    explanation: str
    title_en: str
    explanation_en: str
    member_count: int
    organisation_count: int
    organisations: list[str]
    first_received_at: datetime | None
    last_received_at: datetime | None
    threshold_crossed: bool
    threshold: str
    members: list[str]


class PatternList(Schema):
    count: int
    results: list[PatternOut]


class PatternFilters(Schema):
    kind: str = ""
    signalled: bool = False
    min_members: int | None = None
    limit: int = 100
    offset: int = 0


def build_router() -> Router:
    router = Router(tags=["patterns"], auth=StaffToken())

    @router.get("", response=PatternList, url_name="patterns")
    def list_patterns(request, filters: Query[PatternFilters]):
        """Patterns across complaints, with the references of their members (oldest first)."""
        queryset = patterns_list(
            kind=filters.kind, signalled=filters.signalled, min_members=filters.min_members
        )
        limit = max(1, min(filters.limit, 500))
        patterns = list(queryset[filters.offset : filters.offset + limit])
        references = pattern_member_references([p.pk for p in patterns], viewer=request.auth)
        results = []
        for pattern in patterns:
            with translation.override("nl"):
                nl = describe_pattern(pattern)
                threshold = threshold_text(pattern)
                organisations = [o.label for o in pattern_organisations(pattern)]
            with translation.override("en"):
                en = describe_pattern(pattern)
            results.append(
                PatternOut(
                    id=pattern.pk,
                    kind=pattern.kind,
                    key=pattern.key,
                    title=nl.title,
                    explanation=nl.explanation,
                    title_en=en.title,
                    explanation_en=en.explanation,
                    member_count=pattern.member_count,
                    organisation_count=pattern.organisation_count,
                    organisations=organisations,
                    first_received_at=pattern.first_received_at,
                    last_received_at=pattern.last_received_at,
                    threshold_crossed=pattern.threshold_crossed,
                    threshold=threshold,
                    members=references.get(pattern.pk, []),
                )
            )
        return {"count": queryset.count(), "results": results}

    return router
