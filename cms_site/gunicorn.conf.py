"""gunicorn's settings for the demo host in production: `gunicorn -c cms_site/gunicorn.conf.py`.

Each value can be changed from the environment, so one file serves a small VM and a
container platform. docs/deploying.md explains the choices."""

import multiprocessing
import os

from django.db import connections

wsgi_app = "cms_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads let a worker serve pages while another request waits on the database or SMTP;
# two threads a core suit pages that spend much of their time in PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A request that runs this long is stuck; large imports run in the task worker, not here.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Load the site once in the master and fork each worker from it: a worker recycled below
# is ready in milliseconds, where importing Django and Wagtail again took a second or two,
# during which the other worker served alone and one request in a hundred waited (the
# cached pages' p99 of 200 to 800 ms in docs/benchmarks.md). A code change then needs a
# restart, not a HUP.
preload_app = True
# Recycle workers now and then so a slow leak in any library never grows without bound;
# not so often that a busy site recycles every few seconds (1,000 requests a second ran
# through 2,000 requests a worker in four).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
# Only the proxy on this machine may say which scheme and host a visitor used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"


def pre_fork(server, worker):
    """No worker may share a database connection the master opened while loading."""
    connections.close_all()
