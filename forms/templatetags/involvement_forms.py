"""Template helpers that render form fields the GOV.UK way, with our ``inv-`` classes."""

from django import template

register = template.Library()


def describedby(field, *extra):
    """The ids of a field's hint and error message, for aria-describedby."""
    ids = [*extra]
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def field_describedby(field):
    return describedby(field)


@register.simple_tag
def inv_widget(field, css_class):
    """A text input, textarea or select with its classes, error state and descriptions."""
    classes = [field.field.widget.attrs.get("class", ""), css_class]
    if field.errors:
        classes.append(f"{css_class}--error")
    attrs = {"class": " ".join(c for c in classes if c)}
    ids = describedby(field)
    if ids:
        attrs["aria-describedby"] = ids
    return field.as_widget(attrs=attrs)
