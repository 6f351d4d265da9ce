"""A worker stopped in the middle of a sign-up (a timeout, a restart) loses nothing and
halves nothing: the person, their answers and their place are one transaction, so either
all of it is saved or none, and the resident sending the form again gets one place."""

import pytest

from forms.models import EqualityMonitoring, Person, SignUp, SignUpFormPage
from tests.forms.conftest import sign_up_data

pytestmark = pytest.mark.django_db


class WorkerStopped(BaseException):
    """What gunicorn's stop does to a request in hand: not an Exception, so nothing in the
    app catches it."""


def test_a_sign_up_stopped_after_its_place_was_taken_leaves_nothing_half_saved(
    client, sign_up_page, monkeypatch, send_on_commit
):
    real = SignUpFormPage.save_submission

    def stopped_after_saving(self, *args, **kwargs):
        real(self, *args, **kwargs)  # the person and the place are written ...
        raise WorkerStopped  # ... and the worker dies before the commit

    monkeypatch.setattr(SignUpFormPage, "save_submission", stopped_after_saving)
    with pytest.raises(WorkerStopped):
        client.post(sign_up_page.url, sign_up_data())

    assert not Person.objects.exists()
    assert not SignUp.objects.exists()
    assert not EqualityMonitoring.objects.exists()

    monkeypatch.setattr(SignUpFormPage, "save_submission", real)
    response = send_on_commit(client, sign_up_page.url, sign_up_data())

    assert response.status_code == 302
    assert SignUp.objects.filter(page=sign_up_page, person__email="ben@example.com").count() == 1
    assert sign_up_page.places_left == 1
