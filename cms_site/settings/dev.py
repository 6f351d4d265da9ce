"""Local development: debug on, a fixed throwaway key, mail printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Where `make run` serves the demo.
WAGTAILADMIN_BASE_URL = WAGTAILADMIN_BASE_URL or "http://127.0.0.1:8000"  # noqa: F405
