"""Every sentence residents read can be translated: with a pseudo-language active, the main
content of the menu, an opportunity, the calendar and the join form holds no English
except what editors typed.

The pseudo-language swaps each letter of every message for an accented look-alike
("Where" becomes "Ŵĥéŕé"), keeping placeholders and HTML as they are, so text that never
went through gettext is the only plain ASCII left on the page.
"""

import re
from datetime import datetime, time, timedelta
from html.parser import HTMLParser

from django.utils import timezone, translation
from django.utils.translation import trans_real

from wagtail.models import Page

import pytest

from forms import site_settings as consent
from forms.models import Availability, CommunicationNeed, SupportNeed, WayToTakePart
from importers.widgets import ChoiceWidget
from involvement_pages.calendar.models import EventException, Venue
from involvement_pages.calendar.models.events import EventPage
from involvement_pages.calendar.recurrence import RecurrenceError, check
from involvement_pages.formats import govuk_date
from involvement_pages.grants.models import ApplicationStatus
from involvement_pages.models import OpportunityPage
from involvement_pages.snippets import Audience, ParticipationFormat, ServiceArea, SupportOption
from tests.forms.factories import (
    RegisterFormFieldFactory,
    RegisterFormPageFactory,
    SignUpFormPageFactory,
)
from tests.involvement_pages.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.involvement_pages.factories import OpportunityPageFactory, SupportOptionFactory

pytestmark = pytest.mark.django_db

PSEUDO = "qps-ploc"  # the code Windows uses for its own pseudo-locale
LOOK_ALIKES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçďéƒĝĥíĵķĺɱñóþʠŕšţúṽŵẋýžÁƁÇĎÉƑĜĤÍĴĶĹḾÑÓÞɊŔŠŢÚṼŴẊÝŽ",
)
# Placeholders (%-style and the {label} of format_lazy), tags and entities stay as they
# are, or the page would break.
KEPT = re.compile(r"(%\(\w+\)[sdif]|%[sdif%]|\{\w*\}|<[^>]*>|&#?\w+;)")
ENGLISH = re.compile(r"[A-Za-z]+")
ADDRESSES = re.compile(r"\b(?:https?|webcal|mailto|tel):\S+")


def pseudo(message):
    parts = KEPT.split(message)
    return "".join(p if i % 2 else p.translate(LOOK_ALIKES) for i, p in enumerate(parts))


class PseudoTranslation(trans_real.DjangoTranslation):
    """Django's translation object, answering every message in the pseudo-language."""

    def gettext(self, message):
        # pgettext sends "context\x04message"; the context is not shown.
        return pseudo(message.rpartition(trans_real.CONTEXT_SEPARATOR)[2]) if message else ""

    def ngettext(self, singular, plural, number):
        return self.gettext(singular if number == 1 else plural)


@pytest.fixture
def pseudo_language():
    trans_real._translations[PSEUDO] = PseudoTranslation(PSEUDO)
    try:
        with translation.override(PSEUDO):
            yield
    finally:
        del trans_real._translations[PSEUDO]


class MainText(HTMLParser):
    """The text nodes inside <main>, leaving out scripts and styles."""

    def __init__(self):
        super().__init__()
        self.depth, self.skipping, self.nodes = 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag == "main" or self.depth:
            self.depth += tag not in {"br", "input", "img", "meta", "link", "hr"}
        self.skipping = tag in {"script", "style"}

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        self.skipping = False

    def handle_data(self, data):
        if self.depth and not self.skipping and data.strip():
            self.nodes.append(data.strip())


REGISTER_OPTIONS = (Availability, WayToTakePart, CommunicationNeed, SupportNeed)


def editors_words():
    """Everything editors typed or can reword, as data: page titles, summaries, names."""
    words = list(Page.objects.values_list("title", flat=True))
    for model, fields in (
        (OpportunityPage, ("summary", "time_commitment", "skills_and_training", "contact_email")),
        (EventPage, ("summary",)),
        (Venue, ("name", "address", "town", "postcode")),
        (SupportOption, ("name", "description")),
        (ServiceArea, ("name",)),
        (Audience, ("name",)),
        (ParticipationFormat, ("name",)),
        (EventException, ("note",)),
        # The register's options are rows a landlord can reword, not the form's own text.
        *(
            (model, ("name",))
            for model in (Availability, WayToTakePart, CommunicationNeed, SupportNeed)
        ),
    ):
        for row in model.objects.values_list(*fields):
            words += [value for value in row if value]
    for page in Page.objects.specific():
        words += [getattr(page, "intro", "") or ""]
    # The consent wording is a site setting editors keep; until they save it, its default.
    words.append(consent.DEFAULT_TEXT)
    return sorted({w for w in words if w}, key=len, reverse=True)


def untranslated(html, editors):
    """Text nodes of <main> that still hold English once ``editors``' words are taken out."""
    parser = MainText()
    parser.feed(html)
    assert parser.nodes, "the page has no <main> content"
    found = []
    for node in parser.nodes:
        rest = ADDRESSES.sub(" ", node)
        for words in editors:
            rest = rest.replace(words, " ")
        if ENGLISH.search(rest):
            found.append(node)
    return found


@pytest.fixture
def opportunity(menu):
    childcare = SupportOptionFactory(
        name="Childcare", slug="childcare", description="Paid at £7 an hour"
    )
    sign_up = SignUpFormPageFactory(parent=menu)
    return OpportunityPageFactory(
        parent=menu,
        title="Customer Council",
        support=[childcare],
        formats=list(ParticipationFormat.objects.all()[:2]),
        audiences=list(Audience.objects.all()[:2]),
        skills_and_training="Chairing meetings, reading budgets.",
        contact_email="involvement@thirteen.example",
        contact_phone="01632 960 000",
        sign_up_page=sign_up,
    )


@pytest.fixture
def calendar(home, opportunity):
    calendar = CalendarPageFactory(parent=home)
    first = timezone.localdate() + timedelta(days=3)
    EventPageFactory(
        parent=calendar,
        title="Customer Council meeting",
        opportunity=opportunity,
        start_date=first,
        rrule="FREQ=WEEKLY;COUNT=4",
        support=list(SupportOption.objects.all()),
        exceptions=[
            EventException(original_date=first, cancelled=True, note="The hall is closed."),
            EventException(
                original_date=first + timedelta(days=7),
                new_start_time=time(10),
                new_end_time=time(12, 30),
            ),
        ],
    )
    EventPageFactory(parent=calendar, title="Estate walkabout", start_date=first)
    return calendar


def test_the_pseudo_language_reaches_django_and_our_own_messages(pseudo_language):
    assert translation.gettext("Upcoming events") == "Úþçóɱíñĝ éṽéñţš"
    assert not ENGLISH.search(govuk_date(timezone.localdate()))


def test_the_menu_is_all_translatable(client, menu, opportunity, pseudo_language):
    OpportunityPageFactory(parent=menu, title="Newsletter panel")

    response = client.get(menu.url, {"support": "childcare"})

    assert response.status_code == 200
    assert untranslated(response.content.decode(), editors_words()) == []


def test_an_opportunity_is_all_translatable(client, calendar, opportunity, pseudo_language):
    response = client.get(opportunity.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Customer Council meeting" in html, "the calendar's next dates are shown too"
    assert untranslated(html, editors_words()) == []


def test_the_calendar_is_all_translatable(client, calendar, pseudo_language):
    response = client.get(calendar.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "The hall is closed." in html, "a cancelled date is listed"
    assert untranslated(html, editors_words()) == []


def test_an_event_is_all_translatable(client, calendar, pseudo_language):
    event = EventPage.objects.get(title="Customer Council meeting")

    response = client.get(event.url)

    assert response.status_code == 200
    assert untranslated(response.content.decode(), editors_words()) == []


def test_the_join_form_is_all_translatable(client, menu, pseudo_language):
    join = RegisterFormPageFactory(parent=menu)

    response = client.get(join.url)

    assert response.status_code == 200
    assert untranslated(response.content.decode(), editors_words()) == []


def test_an_editors_recurrence_error_is_translated_dates_and_all(pseudo_language):
    with pytest.raises(RecurrenceError) as error:
        check("FREQ=MONTHLY;BYDAY=1MO;COUNT=2", datetime(2027, 1, 12, 17, 30))

    assert "2027" in str(error.value), "the start date is named"
    assert not ENGLISH.search(str(error.value))


def test_an_import_file_keeps_its_english_labels_whatever_the_admins_language(pseudo_language):
    status = ChoiceWidget(ApplicationStatus.choices)

    assert status.clean("Not eligible") == ApplicationStatus.INELIGIBLE
    assert status.render(ApplicationStatus.REVIEW_DUE) == "6-month review due"


def test_the_check_finds_english_that_was_never_marked():
    html = "<main><h1>Ŵĥéŕé</h1><p>Customer Council</p><p>Ţíɱé: Meets monthly</p></main>"

    assert untranslated(html, ["Customer Council"]) == ["Ţíɱé: Meets monthly"]


def test_the_join_forms_error_messages_are_all_translatable(client, menu, pseudo_language):
    join = RegisterFormPageFactory(parent=menu)
    # An editor's own required question gets "Answer the question: {label}" when missed.
    RegisterFormFieldFactory(page=join, label="Which estate do you live on?", required=True)

    response = client.post(join.url, {})

    html = response.content.decode()
    assert "Which estate do you live on?" in html
    assert "{label}" not in html
    assert untranslated(html, [*editors_words(), "Which estate do you live on?"]) == []
