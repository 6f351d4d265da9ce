from django.core.cache import cache

import pytest

from tests.forms.factories import RegisterFormPageFactory, SignUpFormPageFactory


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test starts with no form posts counted against its address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def join_page(menu):
    return RegisterFormPageFactory(parent=menu)


@pytest.fixture
def sign_up_page(menu):
    return SignUpFormPageFactory(parent=menu, capacity=2)


@pytest.fixture
def send_on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (emails) as the request finishes, as in production."""

    def post(client, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return post


def join_data(**overrides):
    data = {
        "name": "Ada Example",
        "email": "ada@example.com",
        "phone": "",
        "tenure": "tenant",
    }
    data.update(overrides)
    return data


def sign_up_data(**overrides):
    data = {"name": "Ben Example", "email": "ben@example.com", "phone": ""}
    data.update(overrides)
    return data
