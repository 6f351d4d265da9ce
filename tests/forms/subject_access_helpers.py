"""A person with something in every part of a subject access export, and reading the zip."""

import csv
import datetime
import io
import json
import zipfile

from forms.models import CommunicationNeed, RegisterSubmission
from importers.models import ImportedRecord
from tests.forms.factories import (
    EqualityFactory,
    PersonFactory,
    RegisterFormPageFactory,
    SignUpFactory,
    SignUpFormPageFactory,
)
from tests.involvement_pages.consultations.factories import (
    ConsultationPageFactory,
    ConsultationResponseFactory,
)
from tests.involvement_pages.money_factories import ExpenseClaimFactory, ExpenseLineFactory
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
)


def full_person(menu, home, option, *, n=1, email="ada@example.com", **fields):
    """A person with ``n`` records in every section."""
    person = PersonFactory(
        name=fields.pop("name", "Ada Lovelace"),
        email=email,
        date_of_birth=datetime.date(1961, 5, 17),
        legacy_reference=fields.pop("legacy_reference", "CV-0042"),
        **fields,
    )
    need, _ = CommunicationNeed.objects.get_or_create(
        slug="large-print", defaults={"name": "Large print"}
    )
    person.communication_needs.add(need)
    EqualityFactory(person=person, gender="woman")
    join = RegisterFormPageFactory(parent=menu, slug=f"join-{person.pk}")
    RegisterSubmission.objects.create(
        page=join, person=person, form_data={"hopes": "Better repairs"}
    )
    consultation = ConsultationPageFactory(parent=home, ask_for_contact=True)
    for i in range(n):
        SignUpFactory(
            person=person,
            page=SignUpFormPageFactory(parent=menu),
            form_data={"dietary": "Vegetarian"},
            attended_on=datetime.date(2025, 3, 1 + i),
        )
        panel = PanelFactory()
        MembershipFactory(person=person, panel=panel)
        meeting = MeetingFactory(
            panel=panel, attendees=[person], date=datetime.date(2025, 6, 1 + i)
        )
        claim = ExpenseClaimFactory(person=person, meeting=meeting)
        ExpenseLineFactory(claim=claim, option=option, note="Bus to the civic centre")
        GrantApplicationFactory(applicant_person=person, project=f"Community garden {i}")
        ConsultationResponseFactory(
            page=consultation,
            respondent_name="Ada",
            respondent_contact=email.upper(),
            form_data={"comments": "Fix the lifts"},
        )
        ImportedRecord.objects.create(
            resource="people",
            reference=f"OLD-{person.pk}-{i}",
            fingerprint="x",
            object_id=person.pk,
            label="Ada Lovelace",
        )
    return person


def read_zip(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def json_rows(files, slug):
    return json.loads(files[f"{slug}.json"])


def csv_rows(files, slug):
    return list(csv.DictReader(io.StringIO(files[f"{slug}.csv"].lstrip("\ufeff"))))
