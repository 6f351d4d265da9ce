"""Production: refuses to start without a secret key; secure cookies, HSTS, static files
served by WhiteNoise. docs/deploying.md lists the environment it reads."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production will not start without it.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind the proxy docs/deploying.md sets up, every request comes from the proxy's address:
# unless its forwarded header is trusted, the sign-up rate limit counts all residents as one.
INVOLVEMENT_TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER") or None
INVOLVEMENT_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
# WhiteNoise serves the collected static files (`manage.py collectstatic`) from the app
# itself, compressed and with far-future cache headers, so no separate static host is
# needed; a proxy or CDN in front may cache them for as long as it likes.
MIDDLEWARE = [
    *MIDDLEWARE[:1],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
