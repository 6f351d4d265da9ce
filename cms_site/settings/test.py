"""The test suite: fast hashing, local memory cache, mail kept in django.core.mail.outbox."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Query counts and rendering are what most tests measure: pages are kept whole only in the
# tests of the page cache itself (tests/involvement_pages/test_page_cache.py).
INVOLVEMENT_PAGE_CACHE_SECONDS = 0
