"""Residents' forms draw their text boxes and drop-down lists in Python, the same HTML as
Django's widget templates, instead of through them.

The join form has some 25 questions; Django renders each select through a template that
includes one more template, and another for its attributes, for every option, which was a
quarter of the time the page took to serve. Radios and checkboxes are already drawn by our
own field template. Any other widget, or one with a template of its own, is rendered by
the site's form renderer (``FORM_RENDERER``) as before."""

from django.forms.renderers import BaseRenderer, get_default_renderer
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe


def _text(value):
    """``{{ value|stringformat:'s' }}`` in a template: the string, escaped unless safe."""
    shown = str(value)
    return shown if isinstance(value, SafeData) else conditional_escape(shown)


def _attrs(attrs):
    """Django's ``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _textarea(widget):
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>"
    )


def _option(option):
    return (
        f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>"
    )


def _select(widget):
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts.extend(f"\n  {_option(option)}\n" for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


DRAWN = {
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
    **{
        f"django/forms/widgets/{kind}.html": _input
        for kind in ("text", "email", "number", "url", "tel", "password", "search", "date")
    },
}
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class ResidentFormRenderer(BaseRenderer):
    """The site's form renderer, but text boxes and selects drawn in Python (see above)."""

    @property
    def form_template_name(self):
        return get_default_renderer().form_template_name

    @property
    def formset_template_name(self):
        return get_default_renderer().formset_template_name

    @property
    def field_template_name(self):
        return get_default_renderer().field_template_name

    def get_template(self, template_name):
        return get_default_renderer().get_template(template_name)

    def render(self, template_name, context, request=None):
        draw = DRAWN.get(template_name)
        widget = context.get("widget") if draw else None
        if widget is None or not _options_drawn_alike(widget):
            return get_default_renderer().render(template_name, context, request=request)
        return mark_safe(draw(widget))


def _options_drawn_alike(widget):
    return all(
        option.get("template_name") == OPTION_TEMPLATE
        for _name, options, _index in widget.get("optgroups", ())
        for option in options
    )
