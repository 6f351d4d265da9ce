"""Residents' forms draw text boxes and selects in Python: the HTML must be Django's own,
byte for byte, bound or not, with awkward values escaped the same way."""

from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe

import pytest

from forms.forms import ResidentForm
from forms.widget_rendering import ResidentFormRenderer


class EveryWidget(forms.Form):
    name = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(required=False)
    age = forms.IntegerField(required=False)
    site = forms.URLField(required=False, assume_scheme="https")
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    when = forms.DateField(required=False, widget=forms.DateInput)
    address = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    area = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Choose an area"),
            ("north", "North & <East>"),
            ("south", mark_safe("<b>South</b>")),
        ],
    )
    grouped = forms.ChoiceField(
        choices=[("Tees", [("hart", "Hartlepool"), ("stock", "Stockton")]), ("other", "Other")]
    )
    several = forms.MultipleChoiceField(
        required=False, choices=[("a", "A"), ("b", "B")], widget=forms.SelectMultiple
    )
    either = forms.NullBooleanField(required=False)
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)


BOUND = {
    "name": 'Ann "Nan" <O\'Neil> & co',
    "email": "not an email",
    "age": "x",
    "address": "1 <High> Street\n&c",
    "area": "north",
    "grouped": "stock",
    "several": ["a", "b"],
    "either": "true",
    "hidden": "<h>",
}


@pytest.mark.parametrize("data", [None, BOUND], ids=["unbound", "bound"])
def test_every_widget_is_drawn_as_django_draws_it(data):
    form = EveryWidget(data, renderer=ResidentFormRenderer())
    form.is_valid()
    django_form = EveryWidget(data, renderer=get_default_renderer())
    django_form.is_valid()

    for field in form:
        for attrs in (None, {"class": "inv-input inv-input--error", "aria-describedby": "a b"}):
            assert field.as_widget(attrs=attrs) == django_form[field.name].as_widget(attrs=attrs)
    assert str(form.errors) == str(django_form.errors)


def test_residents_forms_use_it():
    assert isinstance(ResidentForm().renderer, ResidentFormRenderer)


def test_text_boxes_and_selects_need_no_template(monkeypatch):
    def no_template(*args, **kwargs):
        raise AssertionError("rendered through a template")

    monkeypatch.setattr(get_default_renderer(), "render", no_template)
    form = EveryWidget(BOUND, renderer=ResidentFormRenderer())

    for name in ("name", "email", "address", "area", "grouped", "several"):
        assert form[name].as_widget()
