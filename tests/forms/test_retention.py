"""Retention: ``manage.py apply_retention`` removes what has passed its period, and only that."""

import datetime
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from dateutil.relativedelta import relativedelta

from forms.models import EqualityMonitoring, Person, RegisterSubmission, SignUp
from forms.retention import apply_retention_task
from importers.models import ImportRun
from involvement_pages.consultations.models import ConsultationResponse
from involvement_pages.expenses.models import ClaimStatus
from involvement_pages.panels.models import Membership
from tests.forms.factories import EqualityFactory, PersonFactory, SignUpFactory
from tests.involvement_pages.consultations.factories import (
    ConsultationPageFactory,
    ConsultationResponseFactory,
)
from tests.involvement_pages.money_factories import ExpenseClaimFactory
from tests.involvement_pages.panels.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def person_last_seen(when, **fields):
    """A person whose every date (joined, last change) is ``when``."""
    person = PersonFactory(date_joined=when.date(), **fields)
    Person.objects.filter(pk=person.pk).update(updated_at=when)
    return person


def people_cutoff():
    return timezone.now() - relativedelta(years=6)


@pytest.fixture
def people():
    cutoff = people_cutoff()
    return {
        "gone": person_last_seen(cutoff - DAY, name="Old Resident"),
        "recent": person_last_seen(cutoff + DAY, name="Recent Resident"),
    }


def test_a_dry_run_counts_what_would_go_without_names_and_removes_nothing(people):
    EqualityFactory(person=people["gone"])

    output = run("--dry-run")

    assert "Dry run: nothing was removed." in output
    assert "Inactive people (older than 6 years): 1 would go" in output
    assert "Old Resident" not in output
    assert Person.objects.count() == 2
    assert EqualityMonitoring.objects.count() == 1


def test_people_inactive_past_the_period_go_and_the_day_after_stays(people):
    EqualityFactory(person=people["gone"])

    output = run()

    assert "Retention applied." in output
    assert "Inactive people (older than 6 years): 1 removed" in output
    assert list(Person.objects.values_list("name", flat=True)) == ["Recent Resident"]
    assert not EqualityMonitoring.objects.exists()


def test_log_entries_naming_a_removed_person_go_with_them(people):
    person_type = ContentType.objects.get_for_model(Person)
    for person in people.values():
        ModelLogEntry.objects.create(
            content_type=person_type,
            label=person.name,
            action="wagtail.edit",
            object_id=str(person.pk),
            timestamp=timezone.now(),
        )

    run()

    assert list(ModelLogEntry.objects.values_list("label", flat=True)) == ["Recent Resident"]


def old_records(size):
    cutoff = people_cutoff()
    for n in range(size):
        person = person_last_seen(cutoff - DAY)
        EqualityFactory(person=person)
        log_entry(cutoff - DAY)
        if n < 2:
            # Each import run is one update, as it forgets its own stored file: not counted here.
            import_run(cutoff - DAY)
        if n % 2:
            signup = SignUpFactory(person=person, form_data={"q": "a"})
            SignUp.objects.filter(pk=signup.pk).update(submit_time=cutoff - DAY)
            MembershipFactory(
                person=person,
                start_date=datetime.date(2014, 4, 1),
                end_date=datetime.date(2015, 3, 31),
            )


def test_queries_grow_only_by_a_bounded_number_per_person_erased():
    """Each inactive person goes through erasure, as one who asked would: a few queries
    each, and the other kinds of data in a fixed number whatever their size."""
    counts = {}
    for size in (2, 12):
        old_records(size)
        with CaptureQueriesContext(connection) as queries:
            output = run()
        counts[size] = len(queries)
        assert f"Inactive people (older than 6 years): {size // 2} removed" in output
        assert f"{size // 2} still referenced: erased and kept as" in output
        assert f"Audit entries (older than 6 years): {size} removed" in output
        Person.objects.all().delete()

    assert (counts[12] - counts[2]) / 10 <= 40


def test_an_old_person_with_a_recent_sign_up_stays(people):
    signup = SignUpFactory(person=people["gone"])
    SignUp.objects.filter(pk=signup.pk).update(submit_time=people_cutoff() + DAY)

    run()

    assert Person.objects.count() == 2


def test_an_old_sign_up_is_kept_for_the_counts_and_its_person_erased(people):
    signup = SignUpFactory(person=people["gone"], form_data={"diet": "Halal"})
    SignUp.objects.filter(pk=signup.pk).update(submit_time=people_cutoff() - DAY)

    run()

    kept = SignUp.objects.get(pk=signup.pk)
    assert kept.form_data == {}
    assert (kept.person.name, kept.person.email) == ("Erased person", "")
    assert Person.objects.count() == 2


def test_a_person_still_referenced_by_an_old_membership_is_erased_and_the_membership_kept(
    people,
):
    gone = people["gone"]
    EqualityFactory(person=gone)
    membership = MembershipFactory(
        person=gone, start_date=datetime.date(2014, 4, 1), end_date=datetime.date(2015, 3, 31)
    )

    dry = run("--dry-run")
    assert "0 would go; 1 still referenced: would be erased and kept as" in dry
    assert Person.objects.get(pk=gone.pk).name == "Old Resident"

    output = run()

    assert "0 removed; 1 still referenced: erased and kept as \u201cErased person\u201d" in output
    person = Person.objects.get(pk=gone.pk)
    assert (person.name, person.email, person.address) == ("Erased person", "", "")
    assert person.erased_at is not None
    assert Membership.objects.get(pk=membership.pk).person_id == gone.pk
    assert not EqualityMonitoring.objects.filter(person=gone).exists()
    (entry,) = ModelLogEntry.objects.filter(object_id=str(gone.pk))
    assert entry.message == "Erased: inactive for longer than the retention period"
    assert entry.label == "Erased person"
    assert "Old Resident" not in run()  # a second run finds nobody new, and names nobody


def test_a_person_who_cannot_be_erased_yet_is_kept_and_counted(people):
    ExpenseClaimFactory(
        person=people["gone"],
        status=ClaimStatus.SUBMITTED,
        activity_date=datetime.date(2015, 6, 1),
        submitted_on=datetime.date(2015, 6, 3),
    )

    output = run()

    assert "1 kept: cannot be erased yet (an unpaid expense claim" in output
    assert Person.objects.get(pk=people["gone"].pk).name == "Old Resident"


def test_form_answers_are_cleared_after_the_period_and_the_sign_up_kept():
    cutoff = timezone.now() - relativedelta(months=24)
    person = PersonFactory()
    old = SignUpFactory(person=person, form_data={"access_needs": "Wheelchair user"})
    young = SignUpFactory(person=person, form_data={"access_needs": "Hearing loop"})
    SignUp.objects.filter(pk=old.pk).update(submit_time=cutoff - DAY)
    SignUp.objects.filter(pk=young.pk).update(submit_time=cutoff + DAY)

    dry = run("--dry-run")
    assert "Form answers (older than 24 months): 1 would go" in dry
    assert SignUp.objects.get(pk=old.pk).form_data != {}

    output = run()

    assert "Form answers (older than 24 months): 1 removed" in output
    assert SignUp.objects.get(pk=old.pk).form_data == {}
    assert SignUp.objects.get(pk=young.pk).form_data == {"access_needs": "Hearing loop"}
    assert RegisterSubmission.objects.count() == 0


def test_consultation_names_and_contacts_are_cleared_and_answers_kept(home):
    cutoff = timezone.now() - relativedelta(months=24)
    page = ConsultationPageFactory(parent=home)
    old = ConsultationResponseFactory(
        page=page,
        form_data={"comments": "More repairs"},
        respondent_name="Ann Old",
        respondent_contact="ann@example.com",
    )
    young = ConsultationResponseFactory(page=page, respondent_name="Bea New")
    ConsultationResponse.objects.filter(pk=old.pk).update(submit_time=cutoff - DAY)
    ConsultationResponse.objects.filter(pk=young.pk).update(submit_time=cutoff + DAY)

    output = run()

    assert "Consultation names and contacts (older than 24 months): 1 removed" in output
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.respondent_name, old.respondent_contact) == ("", "")
    assert old.form_data == {"comments": "More repairs"}
    assert young.respondent_name == "Bea New"


def import_run(started_at, **fields):
    run_ = ImportRun.objects.create(
        resource="people",
        file_name="people.csv",
        file_sha256="0" * 64,
        outcome=ImportRun.Outcome.PREVIEWED,
        new=3,
        report={
            "rows": [["new", "Ann Old"]],
            "samples": {"Name": ["Ann Old"]},
            "errors": [],
            "unknown_columns": ["Shoe size"],
        },
        **fields,
    )
    ImportRun.objects.filter(pk=run_.pk).update(started_at=started_at)
    return run_


def test_import_copies_are_stripped_after_the_period_and_their_summaries_kept():
    cutoff = timezone.now() - datetime.timedelta(days=30)
    old = import_run(cutoff - DAY)
    young = import_run(cutoff + DAY)

    output = run()

    assert "Import copies (older than 30 days): 1 removed" in output
    old.refresh_from_db()
    young.refresh_from_db()
    assert "rows" not in old.report
    assert "samples" not in old.report
    assert old.report["unknown_columns"] == ["Shoe size"]
    assert old.new == 3
    assert "rows" in young.report


def log_entry(when):
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        label="A person",
        action="wagtail.edit",
        object_id="0",
        timestamp=when,
    )


def test_audit_entries_are_pruned_after_the_period():
    cutoff = timezone.now() - relativedelta(years=6)
    log_entry(cutoff - DAY)
    young = log_entry(cutoff + DAY)

    dry = run("--dry-run")
    assert "Audit entries (older than 6 years): 1 would go" in dry
    assert ModelLogEntry.objects.count() == 2

    output = run()

    assert "Audit entries (older than 6 years): 1 removed" in output
    assert list(ModelLogEntry.objects.all()) == [young]


def test_a_period_of_none_keeps_that_kind_for_ever(settings, people):
    settings.INVOLVEMENT_RETENTION = {"inactive_people_years": None}

    output = run()

    assert "Inactive people (kept for ever): 0 removed" in output
    assert "Form answers (older than 24 months)" in output  # the other defaults stay
    assert Person.objects.count() == 2


def test_a_shorter_period_from_settings_is_used(settings):
    settings.INVOLVEMENT_RETENTION = {"audit_entries_years": 1}
    log_entry(timezone.now() - relativedelta(years=1) - DAY)

    assert "Audit entries (older than 1 year): 1 removed" in run()


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        ({"inactive_people_year": 6}, "unknown periods: inactive_people_year"),
        ({"form_answers_months": "24"}, "must be a whole number"),
        ({"import_copies_days": -1}, "must be a whole number"),
        ({"audit_entries_years": 2.5}, "must be a whole number"),
    ],
)
def test_a_mistaken_setting_stops_with_a_clear_message_and_removes_nothing(
    settings, people, periods, message
):
    settings.INVOLVEMENT_RETENTION = periods

    with pytest.raises(ImproperlyConfigured, match=message):
        run()

    assert Person.objects.count() == 2


def test_the_scheduled_task_applies_retention(people):
    result = apply_retention_task.call()

    assert "Inactive people (older than 6 years): 1 removed" in result
    assert Person.objects.count() == 1
