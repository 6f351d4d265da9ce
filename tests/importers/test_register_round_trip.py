"""An officer's download of the register imports back with the importer, unchanged."""

import datetime

from django.forms.models import model_to_dict
from django.urls import reverse

import pytest

from forms.choices import ContactMethod, HowHeard, Tenure
from forms.models import Availability, CommunicationNeed, Person, SupportNeed, WayToTakePart
from forms.models.people import PERSON_COLUMNS
from importers.engine import run_import
from tests.forms.factories import PersonFactory
from tests.involvement_pages.factories import AreaFactory, LandlordFactory, ServiceAreaFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

OFFICERS = "Involvement officers"
MANY_ANSWERS = (
    "interests",
    "ways_to_take_part",
    "availability",
    "communication_needs",
    "support_needs",
)


def everything_held():
    return {
        person.pk: {
            **model_to_dict(person),
            **{
                name: sorted(item.pk for item in getattr(person, name).all())
                for name in MANY_ANSWERS
            },
        }
        for person in Person.objects.order_by("pk")
    }


def test_the_registers_download_imports_back_unchanged_with_every_column_known(client):
    tristar = LandlordFactory(name="Tristar Homes", slug="tristar-homes")
    ada = PersonFactory(
        name='=HYPERLINK("http://evil.example")',
        email="ada@example.com",
        phone="07700900123",  # as forms and the importer store it
        mobile="07700900124",
        landline="01632960002",
        date_of_birth=datetime.date(1956, 2, 29),
        address="1 Hudson Quay\nMiddlesbrough",
        postcode="TS3 6AS",
        contact_method=ContactMethod.TEXT,
        tenure=Tenure.HOUSING_REGISTER,
        landlord=tristar,
        area=AreaFactory(name="Stockton-on-Tees", slug="stockton-on-tees"),
        skills="Minutes; chairing",
        language="Polish",
        other_needs="-a ramp at the door",
        how_heard=HowHeard.MAGAZINE,
        date_joined=datetime.date(2024, 2, 29),
        is_active=False,
        legacy_reference="T001",
    )
    ada.interests.set([ServiceAreaFactory(name="Repairs and maintenance", slug="repairs")])
    ada.ways_to_take_part.set(WayToTakePart.objects.all()[:2])
    ada.availability.set(Availability.objects.all()[:1])
    ada.communication_needs.set(CommunicationNeed.objects.filter(slug__in=["interpreter", "bsl"]))
    ada.support_needs.set(SupportNeed.objects.all()[:1])
    bo = PersonFactory(name="Bo Without A Reference", email="", phone="01632960001")
    held = everything_held()
    staff(client, OFFICERS)

    response = client.get(reverse("involvement_register:index"), {"export": "csv"})
    report = run_import("people", response.content, "register.csv", dry_run=False)

    assert [(row.reference, list(row.changes)) for row in report.rows] == [
        ("T001", []),
        (f"ID-{bo.pk}", []),
    ]
    assert report.error_list() == []
    assert report.unknown_columns == []
    assert report.counts == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}
    assert response.content.decode("utf-8-sig").splitlines()[0] == ",".join(PERSON_COLUMNS.values())
    assert everything_held() == held
    assert "29/02/1956" in response.content.decode("utf-8-sig")
