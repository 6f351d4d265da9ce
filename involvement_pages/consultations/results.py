"""A consultation's answers summed up: counts and percentages per choice, free text listed.

Percentages are of every response, so a question some people skipped shows its "No answer"
row, and a tick-all-that-apply question's options can add up to more than 100%.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import FormBuilder

CHOICE_TYPES = {"radio", "dropdown"}
MULTIPLE_TYPES = {"checkboxes", "multiselect"}
YES_NO_TYPES = {"checkbox"}


@dataclass
class Row:
    label: str
    count: int
    percent: int
    former: bool = False  # an answer no longer among the question's options


@dataclass
class Question:
    name: str
    label: str
    field_type: str
    rows: list = field(default_factory=list)

    @property
    def is_counted(self):
        return bool(self.rows)

    @property
    def tick_all(self):
        return self.field_type in MULTIPLE_TYPES


def percent(count, total):
    """Whole-number percentage, rounded half up; 0 when there is nothing to divide by."""
    if not total:
        return 0
    return (200 * count + total) // (2 * total)


def _field_choices(form_field):
    """The options an editor wrote, split as the form builder splits them."""
    return [value for value, _label in FormBuilder([]).get_formatted_field_choices(form_field)]


def summarise(form_fields, answers):
    """[Question, ...] for ``form_fields`` in order, counting ``answers`` (form_data dicts).

    Free-text questions come back with no rows: their answers are listed, not counted.
    """
    answers = list(answers)
    total = len(answers)
    summary = []
    for form_field in form_fields:
        question = Question(form_field.clean_name, form_field.label, form_field.field_type)
        if form_field.field_type in CHOICE_TYPES | MULTIPLE_TYPES:
            question.rows = _count_choices(form_field, answers, total)
        elif form_field.field_type in YES_NO_TYPES:
            ticked = sum(1 for data in answers if data.get(form_field.clean_name) is True)
            question.rows = [
                Row(str(_("Ticked")), ticked, percent(ticked, total)),
                Row(str(_("Not ticked")), total - ticked, percent(total - ticked, total)),
            ]
        summary.append(question)
    return summary


def _count_choices(form_field, answers, total):
    counts = Counter()
    unanswered = 0
    for data in answers:
        value = data.get(form_field.clean_name)
        picked = value if isinstance(value, list) else [value]
        picked = [str(v) for v in picked if v not in (None, "")]
        if not picked:
            unanswered += 1
        counts.update(set(picked))
    choices = _field_choices(form_field)
    rows = [Row(choice, counts.pop(choice, 0), 0) for choice in choices]
    # Answers to options an editor has since renamed or removed are still counted, apart.
    rows += [Row(label, count, 0, former=True) for label, count in sorted(counts.items())]
    rows.append(Row(str(_("No answer")), unanswered, 0))
    for row in rows:
        row.percent = percent(row.count, total)
    return rows


def free_text_questions(form_fields):
    """The questions whose answers are read, not counted."""
    counted = CHOICE_TYPES | MULTIPLE_TYPES | YES_NO_TYPES
    return [f for f in form_fields if f.field_type not in counted]
