from io import StringIO

from wagtail.models import Page, Revision

import pytest

from cms_site.demo import register as forms_demo
from forms.models import EqualityMonitoring, Person, SignUp, SignUpFormPage
from involvement_pages.calendar.models import EventPage
from involvement_pages.models import InvolvementMenuPage, OpportunityPage

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Revision, Person, SignUp, EqualityMonitoring)
    }


def test_a_second_run_changes_nothing(demo_site):
    before = counts()

    forms_demo.load_demo(StringIO())

    assert counts() == before


def test_the_join_form_is_at_get_involved_join_and_the_customer_voice_links_to_it(
    client, demo_site
):
    response = client.get("/get-involved/join/")
    customer_voice = OpportunityPage.objects.get(slug="customer-voice")

    assert response.status_code == 200
    assert "Join the Customer Voice" in response.content.decode()
    assert customer_voice.sign_up_page.url == "/get-involved/join/"
    assert 'href="/get-involved/join/"' in client.get(customer_voice.url).content.decode()


def test_sign_up_forms_one_nearly_full_and_one_full_with_a_waiting_list(client, demo_site):
    # The forms under the menu; the grants page has application forms of its own.
    menu = InvolvementMenuPage.objects.get()
    forms = {page.slug: page for page in SignUpFormPage.objects.descendant_of(menu)}

    talent = forms["talent-school-middlesbrough"]
    editorial = forms["editorial-panel-waiting-list"]

    assert len(forms) >= 4
    assert talent.places_left == 1
    assert "1 of 16" in client.get(talent.url).content.decode()
    assert editorial.is_full
    assert SignUp.objects.filter(page=editorial, status="waiting").count() == 2
    assert "Join the waiting list</button>" in client.get(editorial.url).content.decode()
    # Each form is reached from its opportunity, or from the event it books (the Stockton
    # Talent School form of the history demo).
    from_opportunities = set(
        OpportunityPage.objects.filter(sign_up_page__in=forms.values()).values_list(
            "sign_up_page_id", flat=True
        )
    )
    from_events = set(
        EventPage.objects.filter(sign_up_page__in=forms.values()).values_list(
            "sign_up_page_id", flat=True
        )
    )
    assert {page.pk for page in forms.values()} == from_opportunities | from_events


def test_the_register_is_clearly_fictional_and_spread_across_landlords_and_areas(demo_site):
    people = Person.objects.all()

    assert 30 <= people.count() <= 60
    assert people.values("landlord").distinct().count() >= 5
    assert people.values("area").distinct().count() >= 8
    for person in people:
        assert person.name.endswith(("Example", "Sample"))
        assert person.email == "" or person.email.endswith("@example.com")
        assert person.phone.startswith("07700900")
        assert person.postcode.startswith("ZZ99")
    assert EqualityMonitoring.objects.exists()


def test_talent_school_is_booked_from_its_event_and_the_form_shows_that_event(client, demo_site):
    form = SignUpFormPage.objects.get(slug="talent-school-middlesbrough")
    (event,) = EventPage.objects.filter(sign_up_page=form)

    event_html = client.get(event.url).content.decode()
    form_html = client.get(form.url).content.decode()

    assert f'<a class="inv-button" href="{form.url}">' in event_html
    assert "1 place left." in event_html
    assert f'<a href="{event.url}">Talent School course in Middlesbrough</a>' in form_html
    assert "Middlesbrough Resident Resource Centre" in form_html
    assert "confidence with money" not in form_html  # the topic is the event's to give
    assert event.capacity is None  # the form's 16 places are the only number


def test_the_home_page_menu_and_one_off_ways_to_take_part_offer_joining(client, demo_site):
    join = '<a class="inv-button inv-button--secondary" href="/get-involved/join/">'

    for url in ("/", "/get-involved/", "/get-involved/satisfaction-surveys/"):
        html = client.get(url).content.decode()
        assert join + "Join the Customer Voice</a>" in html, url
    # The Customer Voice's own page has the form as its own "Sign up" button instead.
    assert join not in client.get("/get-involved/customer-voice/").content.decode()
