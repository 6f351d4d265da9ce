"""Places, the waiting list and cancelling: who gets a place when a form fills up or frees up.

Each decision about one form's places runs with that page's row locked, so two residents
taking the last place at the same moment cannot both get it.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.models import Page

from .choices import SignUpStatus
from .links import submission_token
from .models.submissions import SignUp

LIVE = (SignUpStatus.PLACE, SignUpStatus.WAITING)
CANCEL_SALT = "involvement_forms.cancel"


class SignUpsClosed(Exception):
    """The form is full and keeps no waiting list."""


def lock_page(page):
    # SQLite has no row locks: its write lock, taken when the transaction began
    # (transaction_mode IMMEDIATE), already serialises this.
    if connection.features.has_select_for_update:
        Page.objects.select_for_update().filter(pk=page.pk).values_list("pk", flat=True).first()


def holding_places():
    """Sign-ups that hold a place: what counts against a form's places."""
    return SignUp.objects.filter(status=SignUpStatus.PLACE)


def places_taken(page):
    return holding_places().filter(page=page).count()


def places_taken_of(page_id):
    """``places_taken`` as an expression, for annotating rows that name a form's id
    (``OuterRef("sign_up_page_id")``): one query for a list, not one per row."""
    taken = (
        holding_places()
        .filter(page_id=page_id)
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(taken, output_field=IntegerField()), Value(0))


@transaction.atomic(savepoint=False)
def sign_up(page, person, answers, *, new_person=False):
    """The person's live sign-up for this page, made now if they had none: (sign_up, created).

    ``new_person`` says the person was created in this transaction, so has no sign-up yet.
    """
    if page.capacity is not None:
        lock_page(page)  # only a count of places needs one decision at a time
    if not new_person:
        existing = SignUp.objects.filter(page=page, person=person, status__in=LIVE).first()
        if existing is not None:
            return existing, False
    if page.capacity is None or places_taken(page) < page.capacity:
        status = SignUpStatus.PLACE
    elif page.waiting_list:
        status = SignUpStatus.WAITING
    else:
        raise SignUpsClosed
    try:
        with transaction.atomic():
            return SignUp.objects.create(
                page=page, person=person, form_data=answers, status=status
            ), True
    except IntegrityError:
        return SignUp.objects.get(page=page, person=person, status__in=LIVE), False


def waiting_position(signup):
    """1 for the first person waiting, and so on."""
    return (
        SignUp.objects.filter(
            page_id=signup.page_id, status=SignUpStatus.WAITING, submit_time__lte=signup.submit_time
        )
        .exclude(submit_time=signup.submit_time, pk__gt=signup.pk)
        .count()
    )


@transaction.atomic
def cancel(page, signup_id):
    """Cancel a sign-up and give its place to the first person waiting.

    Returns (sign_up, promoted): ``promoted`` lists the sign-ups that got a place.
    Cancelling twice changes nothing the second time.
    """
    lock_page(page)
    signup = SignUp.objects.select_for_update().get(pk=signup_id, page=page)
    if signup.status == SignUpStatus.CANCELLED:
        return signup, []
    had_place = signup.status == SignUpStatus.PLACE
    _set_status(signup, SignUpStatus.CANCELLED)
    return signup, fill_places(page) if had_place else []


@transaction.atomic
def fill_places(page, passing_over=None):
    """Give every free place to the people waiting, first come first served.

    Called when a place is freed (a resident's cancel link, an officer's change of status)
    and when an editor adds places. ``passing_over`` is a sign-up an officer has just put
    on the waiting list, who should not get their place straight back. Returns the
    sign-ups that got a place, in order.
    """
    lock_page(page)
    waiting = (
        SignUp.objects.select_for_update()
        .filter(page=page, status=SignUpStatus.WAITING)
        .exclude(pk=getattr(passing_over, "pk", None))
        .order_by("submit_time", "pk")
    )
    if page.capacity is not None:
        free = page.capacity - places_taken(page)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for signup in promoted:
        _set_status(signup, SignUpStatus.PLACE)
    return promoted


def _set_status(signup, status):
    signup.status = status
    signup.status_changed_at = timezone.now()
    signup.save(update_fields=["status", "status_changed_at", "updated_at"])


def cancel_token(signup):
    """A link token naming one sign-up on one page; it cannot be guessed or altered."""
    return submission_token(signup, CANCEL_SALT)
