"""What each form page received, always tied to one person on the register.

``form_data`` holds only the answers to questions editors added; the register's own fields
live on :class:`Person` and equality answers in their own model, never in this JSON.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.models import AbstractFormSubmission

from ..choices import SignUpStatus
from .people import Person


class PersonSubmission(AbstractFormSubmission):
    """A form submission with the person it created or updated."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta(AbstractFormSubmission.Meta):
        abstract = True

    def get_data(self):
        # Wagtail's submissions list shows these columns beside the editors' questions.
        return {
            **super().get_data(),
            "person_name": self.person.name,
            "person_contact": self.person.contact,
        }


class RegisterSubmission(PersonSubmission):
    """A person's latest answers to a join form: joining again updates it, never adds one."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="register_entries"
    )

    class Meta(PersonSubmission.Meta):
        verbose_name = _("join form answers")
        verbose_name_plural = _("join form answers")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "person"], name="involvement_register_one_entry_per_page"
            )
        ]


class SignUp(PersonSubmission):
    """A place, or a place on the waiting list, for one opportunity or event."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="sign_ups"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SignUpStatus.choices,
        default=SignUpStatus.PLACE,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    # The one record that they came: the register's history and "involved this year" read
    # it, and nothing else stores attendance at a signed-up event.
    attended_on = models.DateField(
        _("came on"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The day they came. Leave blank if they have not come (yet)."),
    )

    class Meta(PersonSubmission.Meta):
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["submit_time", "pk"]
        constraints = [
            # One live sign-up per person per form, enforced by the database so a double
            # click or two tabs cannot take two places. A cancelled one allows signing up again.
            models.UniqueConstraint(
                fields=["page", "person"],
                condition=Q(status__in=[SignUpStatus.PLACE, SignUpStatus.WAITING]),
                name="involvement_signup_one_live_per_page",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display().lower()}"

    def clean(self):
        super().clean()
        if self.attended_on and self.attended_on > timezone.localdate():
            raise ValidationError({"attended_on": _("The date they came cannot be in the future.")})

    def validate_constraints(self, exclude=None):
        """Check the one-live-sign-up rule when an officer changes only the status.

        A form that edits the status alone would otherwise skip the rule (it names page
        and person) and the database would refuse the save with an error page.
        """
        try:
            super().validate_constraints(exclude=set(exclude or ()) - {"page", "person"})
        except ValidationError as exc:
            raise ValidationError(
                {
                    "status": _(
                        "This person already has a place or a waiting-list spot on "
                        "this form. Cancel that one before restoring this one."
                    )
                }
            ) from exc
