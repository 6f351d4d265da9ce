"""The register (people, equality answers), what each form received, and the form pages."""

from ..site_settings import EqualityConsent
from .access_log import AccessLogEntry
from .pages import (
    RegisterFormField,
    RegisterFormPage,
    SignUpFormField,
    SignUpFormPage,
)
from .people import (
    Availability,
    CommunicationNeed,
    EqualityMonitoring,
    Person,
    SupportNeed,
    WayToTakePart,
)
from .submissions import RegisterSubmission, SignUp

__all__ = [
    "AccessLogEntry",
    "Availability",
    "CommunicationNeed",
    "EqualityConsent",
    "EqualityMonitoring",
    "Person",
    "RegisterFormField",
    "RegisterFormPage",
    "RegisterSubmission",
    "SignUp",
    "SignUpFormField",
    "SignUpFormPage",
    "SupportNeed",
    "WayToTakePart",
]
