"""Events in the annual calendar of involvement: meetings, forums, roadshows, courses...

An event is one page however often it happens: a first date and times in local time, an
optional RFC 5545 rule for the rest, and changes to single dates (cancelled or moved).
Its dates are worked out by ``recurrence.py`` and stored in ``EventOccurrence`` when the
page is published, so the calendar and its feeds query dates instead of expanding rules.
"""

from datetime import datetime
from zoneinfo import available_timezones

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from forms.models import SignUpFormPage
from forms.signups import places_taken_of
from involvement_pages.blocks import BodyBlock
from involvement_pages.formats import govuk_date
from involvement_pages.models import page_link
from involvement_pages.page_cache import CachedPageMixin, places_of, shows
from involvement_pages.snippets import Area, Audience, SupportOption

from .. import feeds, recurrence, structured_data, wording
from ..choices import Booking, EventKind
from ..edit_panels import AdvancedRulePanel, repeat_panels
from ..forms import EventPageForm
from ..records import BookingForm, booking_text, where_text
from .venues import Venue

UPCOMING_DATES_SHOWN = 12
RULE_HELP = _(
    "Leave empty for a one-off event. Otherwise an RFC 5545 rule with an end, for example "
    "FREQ=MONTHLY;BYDAY=2TU;COUNT=11 (second Tuesday, 11 times), "
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE;COUNT=4 (quarterly), "
    "FREQ=WEEKLY;BYDAY=SA;UNTIL=20271127 (Saturdays until 27 November). "
    "docs/editing.md has more."
)
ADVANCED_RULE_HELP = _(
    "Only for patterns the choices under Repeats cannot make, such as every month but "
    "August: FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;COUNT=11. Choose "
    "“Another pattern” under Repeats to use it. Every rule needs COUNT (how many times) or "
    "UNTIL (the last date, as 20271231). docs/editing.md has more."
)


class EventPage(CachedPageMixin, RoutablePageMixin, Page):
    """One event or series in the calendar: when, where, who for, support and how to book."""

    page_ptr = page_link("involvement_event_page")

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two plain sentences shown in the calendar."),
    )
    kind = models.CharField(
        _("type of event"), max_length=30, choices=EventKind.choices, default=EventKind.MEETING
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    start_date = models.DateField(
        _("date"), help_text=_("For a series, the date of the first one.")
    )
    start_time = models.TimeField(_("start time"), help_text=_("UK time, for example 18:00."))
    end_time = models.TimeField(_("end time"))
    rrule = models.TextField(_("repeats"), blank=True, help_text=RULE_HELP)
    # Every landlord using this is in the UK; the zone is stored so feeds can say so.
    timezone = models.CharField(
        _("timezone"), max_length=60, default=recurrence.DEFAULT_ZONE, editable=False
    )
    opportunity = models.ForeignKey(
        "involvement_pages.OpportunityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("part of"),
        help_text=_("The way to get involved this event belongs to."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    location_details = models.CharField(
        _("where, if not at one venue"),
        max_length=200,
        blank=True,
        help_text=_("For example 'At each sheltered scheme: your scheme manager will tell you'."),
    )
    online = models.BooleanField(_("residents can join online"), default=False)
    online_details = models.TextField(
        _("how to join online"),
        blank=True,
        help_text=_("For example 'We email you a link when you book.'"),
    )
    online_url = models.URLField(
        _("public joining link"),
        blank=True,
        help_text=_("Only for links anyone may use, such as a live stream."),
    )
    all_areas = models.BooleanField(
        _("for people in all areas"),
        default=True,
        help_text=_("Untick to choose particular areas."),
    )
    areas = ParentalManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="+")
    audiences = ParentalManyToManyField(
        Audience, blank=True, related_name="+", verbose_name=_("who it is for")
    )
    support = ParentalManyToManyField(
        SupportOption, blank=True, related_name="+", verbose_name=_("support offered")
    )
    booking = models.CharField(
        _("booking"), max_length=20, choices=Booking.choices, default=Booking.OPEN
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty if there is no limit, or if residents book with a sign-up form: "
            "the form's number of places is used."
        ),
    )
    sign_up_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sign up page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The sign-up form residents fill in to book, if there is one. The event page "
            "links to it with the places left, and the form shows this event's dates and place."
        ),
    )

    base_form_class = EventPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("start_date"), FieldPanel("start_time"), FieldPanel("end_time")]
                ),
                *repeat_panels(heading=_("The pattern in words")),
            ],
            heading=_("When"),
        ),
        AdvancedRulePanel(
            [
                FieldPanel(
                    "rrule", heading=_("Rule (iCalendar RRULE)"), help_text=ADVANCED_RULE_HELP
                )
            ],
            heading=_("Advanced: repeating rule"),
            classname="collapsed",
        ),
        InlinePanel(
            "exceptions",
            heading=_("Cancelled or moved dates"),
            label=_("Change to one date"),
            help_text=_("Cancelled dates stay in the calendar, marked cancelled."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("location_details"),
                FieldPanel("online"),
                FieldPanel("online_details"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opportunity"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("all_areas"),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who it is for"),
        ),
        FieldPanel("support", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("booking"),
                PageChooserPanel("sign_up_page", page_type="involvement_forms.SignUpFormPage"),
                FieldPanel("capacity"),
            ],
            heading=_("Booking"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("location_details"),
        index.RelatedFields("venue", [index.SearchField("name"), index.SearchField("town")]),
        index.FilterField("kind"),
    ]
    parent_page_types = ["involvement_calendar.CalendarPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if self.timezone not in available_timezones():
            errors["timezone"] = _("This is not a time zone.")
        if self.rrule.strip() and self.start_date and self.start_time:
            self.rrule = recurrence.normalise(self.rrule)
            try:
                recurrence.check(self.rrule, datetime.combine(self.start_date, self.start_time))
            except recurrence.RecurrenceError as error:
                errors["rrule"] = str(error)
        if not (self.venue_id or self.location_details.strip() or self.online):
            errors["venue"] = _("Choose a venue, say where it happens, or tick 'join online'.")
        errors.update(self._booking_errors())
        if errors:
            raise ValidationError(errors)

    def _booking_errors(self):
        if not self.sign_up_page_id:
            return {}
        errors = {}
        if self.booking == Booking.OPEN:
            errors["sign_up_page"] = _(
                "A sign-up form is for booking: choose 'Booking needed' or 'By invitation "
                "only' above, or remove the form."
            )
        if self.capacity is not None:
            # Two numbers of places would disagree the day someone changes one of them.
            errors["capacity"] = _(
                "Leave this empty: residents book with the sign-up form, so its number of "
                "places is used. Change the number on the form."
            )
        return errors

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # Drafts save only a few fields; a full save is a publish or a new page, and its
        # field values are the ones residents see.
        if kwargs.get("update_fields") is None:
            self.store_occurrences()
        return result

    def changes(self):
        return [exception.as_change() for exception in self.exceptions.all()]

    def occurrences(self, since=None, until=None):
        """This event's dates, worked out from the page itself (so previews show drafts)."""
        return recurrence.expand(
            first_date=self.start_date,
            start_time=self.start_time,
            end_time=self.end_time,
            rule=self.rrule,
            zone=self.timezone,
            changes=self.changes(),
            since=since,
            until=until,
        )

    @transaction.atomic
    def store_occurrences(self):
        EventOccurrence.objects.filter(event=self).delete()
        EventOccurrence.objects.bulk_create(
            EventOccurrence(
                event=self,
                original_date=o.original_date,
                day=o.local_start.date(),
                start=o.start,
                end=o.end,
                original_start=o.original_start,
                status=o.status,
                note=o.note,
            )
            for o in self.occurrences()
        )

    def get_admin_display_title(self):
        """Editors keep a page per series per year, often with one title: the admin's lists
        and choosers say which is which ("Area Panel (from March 2027)")."""
        title = super().get_admin_display_title()
        if not self.start_date:
            return title
        if self.rrule:
            return gettext("%(title)s (from %(month)s)") % {
                "title": title,
                "month": format_date(self.start_date, "F Y"),
            }
        return gettext("%(title)s (%(date)s)") % {
            "title": title,
            "date": govuk_date(self.start_date),
        }

    def upcoming_occurrences(self):
        now = timezone.now()
        return [o for o in self.occurrences() if o.end >= now]

    @property
    def attendance(self):
        """'offline', 'online' or 'mixed', as schema.org's eventAttendanceMode counts it."""
        in_person = bool(self.venue_id or self.location_details.strip())
        if in_person and self.online:
            return "mixed"
        return "online" if self.online else "offline"

    @cached_property
    def sign_up_form(self):
        """The live sign-up form residents book with, if the event has one."""
        if not self.sign_up_page_id:
            return None
        shows(places_of(self.sign_up_page_id))
        forms = SignUpFormPage.objects.live().filter(pk=self.sign_up_page_id)
        return forms.annotate(places_taken=places_taken_of(OuterRef("pk"))).first()

    @property
    def places(self):
        """How many places there are (None: no limit); the form's, where it takes bookings."""
        form = self.sign_up_form
        return form.capacity if form is not None else self.capacity

    def booking_form(self, request=None):
        """Where to book and the places left, for an event that takes bookings."""
        form = self.sign_up_form
        if form is None or self.booking == Booking.OPEN:
            return None
        url = form.get_url(request)
        return BookingForm.counted(url, form.capacity, form.places_taken, form.waiting_list)

    @property
    def booking_text(self):
        return booking_text(self.booking, self.places)

    @property
    def where(self):
        venue = self.venue if self.venue_id else None
        return where_text(
            venue and venue.name, venue and venue.town, self.location_details, self.online
        )

    @property
    def location_text(self):
        """The full address for calendar apps, which open it in a map."""
        if self.venue_id:
            return ", ".join([self.venue.name, *self.venue.address_lines])
        return self.where

    @cached_property
    def opportunity_page(self):
        """The opportunity, if it is live: a link to a draft would be a dead end."""
        opportunity = self.opportunity
        return opportunity if opportunity is not None and opportunity.live else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        upcoming = self.upcoming_occurrences()
        next_occurrence = next((o for o in upcoming if not o.cancelled), None)
        context.update(
            upcoming=upcoming[:UPCOMING_DATES_SHOWN],
            more_dates=max(len(upcoming) - UPCOMING_DATES_SHOWN, 0),
            next_occurrence=next_occurrence,
            # A finished or wholly cancelled event takes no more bookings.
            booking_form=self.booking_form(request) if next_occurrence else None,
            json_ld=structured_data.event_json_ld(self, upcoming, request),
            ics_url=self.url + self.reverse_subpage("ics") if self.url else "",
            how_often=self.how_often,
        )
        return context

    @property
    def how_often(self):
        """The series in words for residents ("Every second Wednesday of the month, 12 times,
        until 8 December 2027"); "" for a one-off or a rule the calendar cannot use."""
        if not (self.rrule and self.start_date and self.start_time):
            return ""
        try:
            return wording.describe(self.rrule, datetime.combine(self.start_date, self.start_time))
        except recurrence.RecurrenceError:
            return ""

    @path("ics/", name="ics")
    def ics(self, request):
        """Every date of this event as an iCalendar file, to add to a calendar app."""
        return feeds.event_response(self, request)


class EventException(Orderable):
    """A single date of an event cancelled or moved, keyed by the date it was set for."""

    page = ParentalKey(
        EventPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="exceptions"
    )
    original_date = models.DateField(_("date it was set for"))
    cancelled = models.BooleanField(
        _("cancelled"), default=False, help_text=_("Tick to cancel. Leave unticked to move it.")
    )
    new_date = models.DateField(
        _("new date"), null=True, blank=True, help_text=_("If it moves to another day.")
    )
    new_start_time = models.TimeField(_("new start time"), null=True, blank=True)
    new_end_time = models.TimeField(_("new end time"), null=True, blank=True)
    note = models.CharField(
        _("message for residents"),
        max_length=200,
        blank=True,
        help_text=_("For example 'Moved because of the bank holiday'."),
    )

    panels = [
        FieldPanel("original_date"),
        FieldPanel("cancelled"),
        FieldRowPanel(
            [FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")],
            heading=_("Or moved to"),
        ),
        FieldPanel("note"),
    ]

    def clean(self):
        moved = self.new_date or self.new_start_time or self.new_end_time
        if self.cancelled and moved:
            raise ValidationError(_("Either cancel this date or move it, not both."))
        if not self.cancelled and not moved:
            raise ValidationError(_("Tick 'cancelled', or give the new date or time."))

    def as_change(self):
        return recurrence.Change(
            original_date=self.original_date,
            cancelled=self.cancelled,
            new_date=self.new_date,
            new_start_time=self.new_start_time,
            new_end_time=self.new_end_time,
            note=self.note,
        )


class EventOccurrence(models.Model):
    """One date of a published event, stored so calendar pages and feeds query dates."""

    STATUS_CHOICES = [
        (recurrence.SCHEDULED, _("Going ahead")),
        (recurrence.CANCELLED, _("Cancelled")),
        (recurrence.MOVED, _("Moved")),
    ]

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="stored_dates")
    original_date = models.DateField()
    day = models.DateField(db_index=True, help_text=_("The local date it happens on."))
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    original_start = models.DateTimeField()
    status = models.CharField(max_length=10, choices=STATUS_CHOICES)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start", "event_id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "original_date"], name="one_row_per_date")
        ]

    def __str__(self):
        return f"{self.event_id} on {self.day}"
