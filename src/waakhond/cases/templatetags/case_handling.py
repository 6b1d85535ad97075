"""`{% handling_panel_context as h %}`: what the handling panel shows for the current user.

The panel (`cases/handling/panel.html`) is included in the complaint page with one line and
needs only `complaint` and `request` in the context; a refused form passed as
`handling_bound` is shown again as it was filled in.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def handling_panel_context(context):
    from waakhond.cases.handling_views import panel_context

    request = context["request"]
    return panel_context(context["complaint"], request.user, context.get("handling_bound"))


@register.filter
def handling_widget(field):
    """Render a form field's widget with the NL Design System class and its ARIA links."""
    kind = field.widget_type
    classes = {
        "textarea": "utrecht-textarea",
        "select": "utrecht-select",
        "checkbox": "utrecht-checkbox",
        "radioselect": "",
    }.get(kind, "utrecht-textbox")
    attrs = {"class": classes} if classes else {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.field.required and kind not in ("checkbox", "radioselect"):
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping, key):
    """`{{ forms|get_item:name }}`: a dict value by a key held in a variable."""
    if not mapping:
        return None
    return mapping.get(key)
