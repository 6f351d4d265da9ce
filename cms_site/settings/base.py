"""Settings shared by every environment; each reads the environment, never a file of secrets."""

import os
from importlib.util import find_spec
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

# The database task backend: django-tasks-db (the worker extra) where it is installed; it needs
# django-tasks 0.12, so Wagtail 7.3 or newer. Older django-tasks carries its own copy.
TASKS_DB_APP = (
    "django_tasks_db" if find_spec("django_tasks_db") else "django_tasks.backends.database"
)

INSTALLED_APPS = [
    "cms_site",
    "involvement_pages",
    "involvement_pages.calendar",
    "involvement_pages.panels",
    "involvement_pages.grants",
    "involvement_pages.scrutiny",
    "involvement_pages.action_plans",
    "involvement_pages.outcomes",
    "involvement_pages.consultations",
    "involvement_pages.expenses",
    "involvement_pages.budget",
    "involvement_pages.dashboard",
    "forms",
    "importers",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "import_export",
    "django_tasks",
    TASKS_DB_APP,
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "involvement_pages.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "cms_site.urls"

# Content Security Policy (django-csp): the public pages load scripts, styles, fonts and
# images from this site only, with no inline script or style, so an injected <script> or
# style attribute does nothing. Wagtail's admin needs inline code, so it is left out.
# CSP_EXTRA_SOURCES adds hosts (a CDN or media host) to every directive but frames; embedded
# videos need CSP_FRAME_SOURCES (for example "https://www.youtube-nocookie.com").
# The admin's own address is allowed too: the editors' user bar on public pages loads its
# script and styles from there.
_CSP_EXTRA = [
    *os.environ.get("CSP_EXTRA_SOURCES", "").split(),
    *os.environ.get("WAGTAILADMIN_BASE_URL", "").split()[:1],
]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'", *_CSP_EXTRA],
        "script-src": ["'self'", *_CSP_EXTRA],
        "style-src": ["'self'", *_CSP_EXTRA],
        "img-src": ["'self'", "data:", *_CSP_EXTRA],
        "font-src": ["'self'", *_CSP_EXTRA],
        "frame-src": os.environ.get("CSP_FRAME_SOURCES", "").split() or ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms_site.wsgi.application"

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Sign-ups from several threads at once: take SQLite's write lock when a transaction
    # starts and wait for it, rather than fail part way with "database is locked". The
    # write-ahead log lets pages be read while a sign-up is written, and commits without
    # waiting for the disk each time (a crash can lose the last moment, never corrupt).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler spends over a second compiling the dashboard's counts over
    # the whole register, which then run in tens of milliseconds: short queries like ours
    # never repay it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url):
    """The shared cache. Redis down costs speed, never a page: every cache call answers
    "nothing kept" and is logged (django-redis's IGNORE_EXCEPTIONS), so Wagtail's own
    cached lookups fall back to the database, and a Redis that does not answer is given
    up on within a second rather than holding a worker."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Shared by every worker when REDIS_URL is set, so per-address counters agree.
if os.environ.get("REDIS_URL"):
    CACHES = {"default": redis_cache(os.environ["REDIS_URL"])}

# Background work. Sign-up emails and Wagtail's own tasks run at once, inside the request.
# Imports of large files go to the "imports" backend: at once as well unless IMPORT_WORKER is
# "true", when they wait in the database for `manage.py db_worker --backend imports`
# (docs/importing.md, "Large files and the worker").
# ENQUEUE_ON_COMMIT: the apps enqueue after the commit themselves, where it matters; django-tasks
# up to 0.9 (Wagtail 7.0-7.2) would wait for a commit again, one that never comes inside a
# test's transaction. Later versions enqueue at once and ignore the key.
IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {
    "default": {"BACKEND": IMMEDIATE_TASKS, "ENQUEUE_ON_COMMIT": False},
    "imports": {
        "BACKEND": (
            f"{TASKS_DB_APP}.DatabaseBackend"
            if os.environ.get("IMPORT_WORKER", "") == "true"
            else IMMEDIATE_TASKS
        ),
        "ENQUEUE_ON_COMMIT": False,
    },
}
# Whole public pages kept for anonymous visitors (involvement_pages/page_cache.py); 0 keeps
# none, as the load benchmark does to measure pages uncached.
INVOLVEMENT_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Files with more rows than this are checked and imported as "imports" tasks behind a
# progress page; smaller ones are handled in the request.
INVOLVEMENT_IMPORT_BACKGROUND_ROWS = int(os.environ.get("IMPORT_BACKGROUND_ROWS", "5000"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "involvement@localhost")

WAGTAIL_SITE_NAME = "Thirteen Group: get involved"
# Wagtail's database backend; on SQLite it searches only the words typed (Wagtail #13227).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "involvement_pages.search_backend"}}
# The admin's address, for officers' emails, and every link sent while the default Site is
# still "localhost". No default here: a fixed one sent production's officers to a
# developer's machine; unset, `manage.py check --deploy` warns (wagtailadmin.W003).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
