import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from forms.choices import SignUpStatus, Tenure
from forms.models import (
    EqualityMonitoring,
    Person,
    RegisterFormField,
    RegisterFormPage,
    SignUp,
    SignUpFormField,
    SignUpFormPage,
)


class RegisterFormPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegisterFormPage

    title = "Join the Customer Voice"
    slug = "join"
    privacy_notice_url = "https://thirteen.example/privacy"
    to_address = "involvement@thirteen.example"
    contact_details = "Call 01632 960 000"


class SignUpFormPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SignUpFormPage

    title = factory.Sequence(lambda n: f"Estate walkabout {n}")
    slug = factory.Sequence(lambda n: f"walkabout-{n}")
    privacy_notice_url = "https://thirteen.example/privacy"
    to_address = "involvement@thirteen.example"
    when = "Tuesday 9 March 2027, 10am to 12pm"
    where = "Hudson Quay, Middlesbrough"
    capacity = 10
    waiting_list = True


class RegisterFormFieldFactory(DjangoModelFactory):
    class Meta:
        model = RegisterFormField

    label = "What would make it easier to take part?"
    field_type = "singleline"
    required = False


class SignUpFormFieldFactory(DjangoModelFactory):
    class Meta:
        model = SignUpFormField

    label = "Do you have any dietary needs?"
    field_type = "singleline"
    required = False


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"resident{n}@example.com")
    phone = factory.Sequence(lambda n: f"07700900{n % 1000:03d}")
    tenure = Tenure.TENANT


class EqualityFactory(DjangoModelFactory):
    class Meta:
        model = EqualityMonitoring

    person = factory.SubFactory(PersonFactory)
    age_band = "35_44"
    gender = "prefer_not_to_say"
    consent_given_at = factory.Faker("date_time", tzinfo=__import__("datetime").UTC)
    consent_version = "equality-consent-2027-01"


class SignUpFactory(DjangoModelFactory):
    class Meta:
        model = SignUp

    page = factory.SubFactory(SignUpFormPageFactory)
    person = factory.SubFactory(PersonFactory)
    form_data = factory.Dict({})
    status = SignUpStatus.PLACE
