"""Opportunities (menu rows) and events, imported as published Wagtail pages.

Pages are created under the site's menu or calendar page and published with a revision,
so editors find them in the page explorer with their history, like pages made by hand.
"""

import re
from datetime import time
from html import unescape

from django.core.exceptions import ValidationError
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.rich_text import RichText

from forms.spreadsheet import escape_formula
from involvement_pages.calendar.models.events import EventPage
from involvement_pages.calendar.models.page import CalendarPage
from involvement_pages.calendar.models.venues import Venue
from involvement_pages.models import InvolvementMenuPage, OpportunityPage

from .. import values
from ..columns import Column
from ..widgets import NamedObjectWidget, TextWidget
from .panels import REFERENCE, OneByOne

TIME_RE = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


class TimeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, time):
            return value
        raw = values.text(value).lower().replace(" ", "")
        if not raw:
            return None
        match = TIME_RE.match(raw)
        if not match:
            raise ValueError(
                gettext("'%(value)s' is not a time. Write times like 18:00 or 6pm.")
                % {"value": raw[:20]}
            )
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if half == "pm" and hour < 12:
            hour += 12
        if half == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise ValueError(gettext("'%(value)s' is not a real time.") % {"value": raw})
        return time(hour, minute)

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


class ParagraphsWidget(TextWidget):
    """Plain paragraphs (blank lines between) in a file; a StreamField of paragraphs on the page."""

    def __init__(self, **kwargs):
        super().__init__(multiline=True, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        return [("paragraph", RichText(f"<p>{escape(p.strip())}</p>")) for p in _paragraphs(text)]

    def render(self, value, obj=None, **kwargs):
        paragraphs = [
            _plain(block.value.source) for block in value or [] if block.block_type == "paragraph"
        ]
        return escape_formula("\n\n".join(paragraphs))


class RichParagraphsWidget(ParagraphsWidget):
    """Plain paragraphs in a file; rich text on the page."""

    def clean(self, value, row=None, **kwargs):
        text = TextWidget.clean(self, value, row, **kwargs)
        return "".join(f"<p>{escape(p.strip())}</p>" for p in _paragraphs(text))

    def render(self, value, obj=None, **kwargs):
        paragraphs = re.findall(r"<p>(.*?)</p>", value or "", re.S)
        return escape_formula("\n\n".join(_plain(p) for p in paragraphs))


def _plain(html):
    """Rich text as the words a reader sees, entities and all, for a spreadsheet cell."""
    return unescape(strip_tags(str(html))).strip()


def _paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text or "") if p.strip()]


class PageResource(OneByOne):
    parent_model = None

    class Meta(OneByOne.Meta):
        abstract = True
        clean_model_instances = False

    def check_columns(self, fields):
        if not self.parent_model.objects.live().exists():
            label = self.parent_model._meta.verbose_name
            return [
                gettext("Publish a %(page)s first: imported pages go under it.") % {"page": label}
            ]
        return []

    def import_extra(self, instance, row):
        # Parental many-to-many values go on the page before it is saved, so its
        # revision (what editors open) holds them too.
        for name, objects in (instance._pending_m2m or {}).items():
            getattr(instance, name).set(objects)
        try:
            instance.clean()
        except ValidationError as exc:
            return exc.update_error_dict({})
        return {}

    def save_instance(self, instance, is_create, row, **kwargs):
        if self.validate_only:
            return
        if is_create:
            parent = self.parent_model.objects.live().first()
            instance.slug = _free_slug(parent, instance.title)
            parent.add_child(instance=instance)
        instance.save_revision(user=self.user if getattr(self.user, "pk", None) else None).publish()
        self.reference_ids[instance._legacy_reference] = instance.pk

    def after_batch_saved(self, instances, created):
        """Pages carry their many-to-many values themselves (see import_extra)."""


def _free_slug(parent, title):
    base = slugify(title)[:200] or "imported"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class OpportunityResource(PageResource):
    name = "opportunities"
    record_words = ("opportunity",)
    label = _("Opportunities (the menu of involvement)")
    description = _("One row a way to get involved; published under the menu page.")
    parent_model = InvolvementMenuPage
    columns = [
        REFERENCE,
        Column("title", "Title", ("Name", "Opportunity"), required=True),
        Column("summary", "Summary", ("Short description",), required=True),
        Column("body", "Description", ("Body", "Details")),
        Column("level", "Level", ("Level of involvement",), required=True),
        Column("tier", "Tier", ("Strategic operational local",), required=True),
        Column("status", "Status"),
        Column("commitment", "Kind of commitment", ("Commitment",), required=True),
        Column("time_commitment", "Time commitment", ("Time", "Time needed")),
        Column("service_areas", "Service areas", ("Services",)),
        Column("all_areas", "All areas", ("Everywhere",)),
        Column("areas", "Areas"),
        Column("audiences", "Who can take part", ("Who", "Audience", "Eligibility")),
        Column("formats", "Formats", ("How", "Format")),
        Column("support", "Support offered", ("Support",)),
        Column("skills_and_training", "Skills and training", ("Training",)),
        Column("how_to_join", "How to join", ("To join",)),
        Column("contact_email", "Contact email", ("Email",)),
        Column("contact_phone", "Contact phone", ("Phone",)),
    ]
    field_widgets = {"body": ParagraphsWidget, "how_to_join": RichParagraphsWidget}

    class Meta(PageResource.Meta):
        model = OpportunityPage


class EventResource(PageResource):
    name = "events"
    record_words = ("event",)
    label = _("Events (the calendar)")
    description = _("One row an event or a repeating series; published under the calendar page.")
    parent_model = CalendarPage
    columns = [
        REFERENCE,
        Column("title", "Title", ("Event", "Name"), required=True),
        Column("summary", "Summary", ("Short description",), required=True),
        Column("kind", "Kind", ("Type",)),
        Column("start_date", "Date", ("Start date", "First date"), required=True),
        Column("start_time", "Start time", ("Start", "From"), required=True),
        Column("end_time", "End time", ("End", "To", "Finish"), required=True),
        Column("rrule", "Repeats", ("RRULE", "Recurrence")),
        Column("opportunity", "Opportunity"),
        Column("venue", "Venue", ("Place", "Location")),
        Column("location_details", "Location details", ("Room",)),
        Column("online", "Online", ("Can join online",)),
        Column("online_details", "Online details", ("How to join online",)),
        Column("online_url", "Online link", ("Link", "URL")),
        Column("all_areas", "All areas"),
        Column("areas", "Areas"),
        Column("audiences", "Who it is for", ("Who", "Audience")),
        Column("support", "Support offered", ("Support",)),
        Column("booking", "Booking"),
        Column("capacity", "Capacity", ("Places",)),
    ]
    field_widgets = {
        "start_time": TimeWidget,
        "end_time": TimeWidget,
        "opportunity": lambda: NamedObjectWidget(OpportunityPage, name_field="title"),
        "venue": lambda: NamedObjectWidget(Venue),
    }

    class Meta(PageResource.Meta):
        model = EventPage
