import pytest

from tests.involvement_pages.factories import AreaFactory, LandlordFactory, ServiceAreaFactory


@pytest.fixture
def demo_lists(db):
    """The landlords, areas and services a legacy file names."""
    tristar = LandlordFactory(name="Tristar Homes", slug="tristar-homes")
    LandlordFactory(name="Erimus Housing", slug="erimus-housing")
    AreaFactory(name="Stockton-on-Tees", slug="stockton-on-tees", landlord=tristar)
    AreaFactory(name="Middlesbrough", slug="middlesbrough")
    ServiceAreaFactory(name="Repairs and maintenance", slug="repairs")
    ServiceAreaFactory(name="Rent and money", slug="rent")


def csv_bytes(*lines, encoding="utf-8", newline="\r\n"):
    return (newline.join(lines) + newline).encode(encoding)
