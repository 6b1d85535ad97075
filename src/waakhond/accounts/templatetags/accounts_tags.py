"""Template helpers for the account pages (login, two-factor setup)."""

from django import forms, template

register = template.Library()

_CLASSES = {
    forms.Select: "utrecht-select",
    forms.RadioSelect: "",
    forms.CheckboxInput: "utrecht-checkbox",
}


@register.filter
def nlds_widget(field):
    """Render a bound field's widget with the NL Design System class for its kind."""
    widget = field.field.widget
    css = next((c for kind, c in _CLASSES.items() if isinstance(widget, kind)), "utrecht-textbox")
    attrs = {}
    if css:
        attrs["class"] = " ".join(filter(None, [widget.attrs.get("class", ""), css]))
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}_helptext")
    if field.errors:
        describedby.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    return field.as_widget(attrs=attrs)
