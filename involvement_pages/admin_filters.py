"""The pieces the admin's list filters are made of, shared by every Involvement list:
tick boxes for rows or choices, and yes/no questions about a condition."""

from django import forms

import django_filters


def tick_rows(queryset, label, **kwargs):
    return django_filters.ModelMultipleChoiceFilter(
        queryset=queryset, label=label, widget=forms.CheckboxSelectMultiple, **kwargs
    )


def tick_choices(choices, label, **kwargs):
    return django_filters.MultipleChoiceFilter(
        choices=choices, label=label, widget=forms.CheckboxSelectMultiple, **kwargs
    )


def yes_or_no(queryset, value, condition):
    """A yes/no filter's answer: the rows meeting ``condition`` (a Q), the rest, or all."""
    if value is None:
        return queryset
    return queryset.filter(condition) if value else queryset.exclude(condition)
