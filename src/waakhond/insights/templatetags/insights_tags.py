"""`{% load insights_tags %}{% similar_panel complaint %}` shows the similar-complaints panel on a
case page without the cases app importing insights (templates load tags by name)."""

from django import template
from django.urls import NoReverseMatch, reverse

from ..selectors import duplicate_group_of, similar_complaints

register = template.Library()

# The case page's URL name, tried in order; without one, references are shown without a link.
CASE_URL_NAMES = ("cases:complaint", "cases:detail", "cases:case")


@register.simple_tag
def case_url(reference: str) -> str:
    for name in CASE_URL_NAMES:
        try:
            return reverse(name, args=[reference])
        except NoReverseMatch:
            continue
    return ""


@register.inclusion_tag("insights/similar_panel.html", takes_context=True)
def similar_panel(context, complaint, limit=5):
    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {
        "complaint": complaint,
        "similar": similar_complaints(complaint, limit=limit, viewer=viewer),
        "group": duplicate_group_of(complaint, viewer=viewer),
        "request": request,
    }
