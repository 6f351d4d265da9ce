"""Support rates are data on each support option, and the public pages print them from it."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from involvement_pages.money import rate
from involvement_pages.snippets import PaymentKind
from tests.involvement_pages.factories import OpportunityPageFactory, SupportOptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mileage():
    return SupportOptionFactory(
        name="Travel expenses",
        slug="travel-expenses",
        description="We pay back bus fares and petrol.",
        payment=PaymentKind.MILEAGE,
        rate=Decimal("0.40"),
    )


@pytest.fixture
def childcare():
    return SupportOptionFactory(
        name="Childcare costs",
        slug="childcare",
        payment=PaymentKind.CHILDCARE,
        rate=Decimal("7"),
    )


@pytest.fixture
def taxi():
    return SupportOptionFactory(
        name="Free taxi or lift",
        slug="taxi",
        description="We can book a taxi.",
        payment=PaymentKind.TAXI,
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [("0.40", "40p"), ("0.05", "5p"), ("7", "£7.00"), ("7.5", "£7.50"), ("1250", "£1,250.00")],
)
def test_rates_print_as_a_notice_would(value, shown):
    assert rate(Decimal(value)) == shown


def test_rated_options_say_their_rate_per_unit(mileage, childcare, taxi):
    assert mileage.rate_display == "40p a mile"
    assert childcare.rate_display == "£7.00 an hour"
    assert taxi.rate_display == ""
    assert mileage.name_with_rate == "Travel expenses (40p a mile)"
    assert taxi.name_with_rate == "Free taxi or lift"


def test_a_rated_option_without_a_rate_is_refused():
    option = SupportOptionFactory.build(name="Mileage", slug="m", payment=PaymentKind.MILEAGE)

    with pytest.raises(ValidationError) as refused:
        option.full_clean()

    assert "Enter the rate" in str(refused.value)


def test_a_rate_on_an_actual_cost_option_is_refused():
    option = SupportOptionFactory.build(
        name="Taxi", slug="t", payment=PaymentKind.TAXI, rate=Decimal("10")
    )

    with pytest.raises(ValidationError) as refused:
        option.full_clean()

    assert "Clear the rate" in str(refused.value)


def test_a_negative_rate_is_refused():
    option = SupportOptionFactory.build(
        name="Mileage", slug="m", payment=PaymentKind.MILEAGE, rate=Decimal("-0.40")
    )

    with pytest.raises(ValidationError):
        option.full_clean()


def test_opportunity_page_prints_rates_from_the_data(client, menu, mileage, childcare, taxi):
    page = OpportunityPageFactory(
        parent=menu, title="Scrutiny Panel", support=[mileage, childcare, taxi]
    )

    html = client.get(page.url).content.decode()

    assert "<strong>Travel expenses</strong>: 40p a mile. We pay back bus fares and petrol." in html
    assert "<strong>Childcare costs</strong>: £7.00 an hour</li>" in html
    assert "<strong>Free taxi or lift</strong>: We can book a taxi." in html


def test_a_changed_rate_shows_at_once(client, menu, mileage):
    page = OpportunityPageFactory(parent=menu, title="Scrutiny Panel", support=[mileage])
    mileage.rate = Decimal("0.45")
    mileage.save()

    html = client.get(page.url).content.decode()

    assert "45p a mile" in html
    assert "40p" not in html


def test_menu_cards_print_rates_from_the_data(client, menu, mileage, childcare, taxi):
    OpportunityPageFactory(parent=menu, title="Scrutiny Panel", support=[mileage, childcare, taxi])

    html = client.get(menu.url).content.decode()

    assert (
        "<dd>Childcare costs (£7.00 an hour), Free taxi or lift, Travel expenses (40p a mile)</dd>"
        in html
    )
