#!/usr/bin/env bash
# Requests a second under load: the demo site under gunicorn (2 workers, production settings,
# PostgreSQL and Redis), beside a bare Wagtail page from `wagtail start` served the same way in
# the same run, which is the floor every ratio is measured against.
#
# Each page: wrk -t2 -c8, a warm-up, then a measured run; req/s, p50 and p99, and its ratio
# to the floor. Pages are measured uncached (PAGE_CACHE_SECONDS=0) and with the page cache.
# Targets (issue 16): uncached, every page at least half the floor's req/s; cached at least
# 1,000 req/s; p99 under 250 ms at 8 connections.
#
# Needs: wrk (apt-get install wrk), PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and
# Redis on 127.0.0.1:6379. Run: bench/load.sh   (SECONDS_EACH=20 WARMUP=5 by default;
# LARGE_MENU=no leaves out the menu at 2,000 opportunities, whose building takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PY:-$ROOT/.venv/bin/python}
BIN=$(dirname "$PY")
SECONDS_EACH=${SECONDS_EACH:-20}
WARMUP=${WARMUP:-5}
LARGE_MENU=${LARGE_MENU:-yes}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
SITE_PORT=8101
FLOOR_PORT=8102
WORK=$(mktemp -d)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 2; }

psql_admin() { psql "$PG/postgres" -q -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }

export DJANGO_SECRET_KEY="bench-only-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export ALLOWED_HOSTS=127.0.0.1
export WAGTAILADMIN_BASE_URL=http://127.0.0.1:$SITE_PORT
export SECURE_SSL_REDIRECT=false
export DATABASE_URL=$PG/bench_load
export REDIS_URL=redis://127.0.0.1:6379/3
export DB_CONN_MAX_AGE=60
export DJANGO_SETTINGS_MODULE=cms_site.settings.production
# No mail server runs here: the emails loading the demo sends (outcomes) go nowhere.
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

echo "Building the demo site on PostgreSQL (not timed)..." >&2
psql_admin 'DROP DATABASE IF EXISTS bench_load WITH (FORCE)'
psql_admin 'CREATE DATABASE bench_load'
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo -v 0 >/dev/null
"$PY" manage.py collectstatic --noinput -v 0
redis-cli -n 3 flushdb >/dev/null

echo "Building the floor: a bare site from wagtail start (not timed)..." >&2
mkdir "$WORK/floor"
(cd "$WORK" && env -u DJANGO_SETTINGS_MODULE "$BIN/wagtail" start floor "$WORK/floor" >/dev/null)
cat > "$WORK/floor/floor/settings/local.py" <<EOF
SECRET_KEY = "$DJANGO_SECRET_KEY"
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "bench_floor",
    "USER": "postgres", "HOST": "127.0.0.1", "PORT": "5432", "CONN_MAX_AGE": 60}}
STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EOF
psql_admin 'DROP DATABASE IF EXISTS bench_floor WITH (FORCE)'
psql_admin 'CREATE DATABASE bench_floor'
(cd "$WORK/floor" && DJANGO_SETTINGS_MODULE=floor.settings.production \
    "$PY" manage.py migrate --noinput -v 0)

# gunicorn with the site's own config file, two workers as on a small VM.
start_site() {
    PAGE_CACHE_SECONDS=$1 WEB_CONCURRENCY=2 GUNICORN_BIND=127.0.0.1:$SITE_PORT \
        GUNICORN_ACCESS_LOG=/dev/null "$BIN/gunicorn" -c cms_site/gunicorn.conf.py \
        2>>"$WORK/site.log" &
    SITE_PID=$!
    PIDS+=("$SITE_PID")
    wait_for "http://127.0.0.1:$SITE_PORT/"
}

stop_site() { kill "$SITE_PID"; wait "$SITE_PID" 2>/dev/null || true; }

wait_for() {
    for _ in $(seq 100); do
        curl -sf -o /dev/null "$1" && return 0
        sleep 0.2
    done
    echo "Nothing answered at $1" >&2
    exit 1
}

# "req/s p50_ms p99_ms" for one URL.
measure() {
    wrk -t2 -c8 -d"${WARMUP}s" "$1" >/dev/null
    wrk -t2 -c8 -d"${SECONDS_EACH}s" --latency "$1" | awk '
        function ms(v) {
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /s$/) return v * 1000
            return v
        }
        / 50%/ { p50 = ms($2) }
        / 99%/ { p99 = ms($2) }
        /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { bad = $NF }
        END {
            if (bad) { print "non-2xx responses: " bad > "/dev/stderr"; exit 1 }
            printf "%.0f %.1f %.1f\n", rps, p50, p99
        }'
}

report() {  # name mode "rps p50 p99"
    read -r rps p50 p99 <<<"$3"
    ratio=$(awk -v a="$rps" -v b="$FLOOR_RPS" 'BEGIN { printf "%.2f", a / b }')
    printf "| %-30s | %-8s | %7s | %7s | %7s | %5s |\n" "$1" "$2" "$rps" "$p50" "$p99" "$ratio"
}

(cd "$WORK/floor" && DJANGO_SETTINGS_MODULE=floor.settings.production \
    "$BIN/gunicorn" floor.wsgi:application -w 2 -b 127.0.0.1:$FLOOR_PORT \
    2>>"$WORK/floor.log") &
PIDS+=("$!")
wait_for "http://127.0.0.1:$FLOOR_PORT/"

start_site 0
site_url() { "$PY" manage.py shell -c "$1" 2>/dev/null | tail -1; }
OPPORTUNITY=$(site_url "from involvement_pages.models import OpportunityPage; print(OpportunityPage.objects.live().order_by('path').first().url)")
EVENT=$(site_url "from involvement_pages.calendar.models.events import EventPage; print(EventPage.objects.live().order_by('path').first().url)")
declare -a PAGES=(
    "home|/"
    "menu|/get-involved/"
    "menu, filtered|/get-involved/?level=giving_views&area=hartlepool"
    "menu, searched|/get-involved/?q=panel"
    "opportunity|$OPPORTUNITY"
    "calendar|/calendar/"
    "event|$EVENT"
    "calendar feed|/calendar/feed/"
    "join form|/get-involved/join/"
)

FLOOR=$(measure "http://127.0.0.1:$FLOOR_PORT/")
read -r FLOOR_RPS _ <<<"$FLOOR"
echo
echo "Load: wrk -t2 -c8, ${SECONDS_EACH} s after ${WARMUP} s warm-up; gunicorn 2 workers, production settings, PostgreSQL, Redis; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf "| %-30s | %-8s | %7s | %7s | %7s | %5s |\n" page cache "req/s" "p50 ms" "p99 ms" "floor"
echo "|---|---|---:|---:|---:|---:|"
report "bare Wagtail page (the floor)" "none" "$FLOOR"

run_pages() {  # mode
    for entry in "${PAGES[@]}"; do
        report "${entry%%|*}" "$1" "$(measure "http://127.0.0.1:$SITE_PORT${entry#*|}")"
    done
}
run_pages uncached
stop_site
start_site 300
run_pages cached
stop_site

if [ "$LARGE_MENU" = yes ]; then
echo "Adding opportunities up to 2,000 (not timed)..." >&2
# bench/ goes last on the path: its calendar.py must not hide Python's calendar module.
"$PY" -c "
import sys; sys.path.append('bench')
import django; django.setup()
import menu; menu.build()" >/dev/null
redis-cli -n 3 flushdb >/dev/null
start_site 0
report "menu, 2,000 opportunities" uncached "$(measure "http://127.0.0.1:$SITE_PORT/get-involved/")"
stop_site
start_site 300
report "menu, 2,000 opportunities" cached "$(measure "http://127.0.0.1:$SITE_PORT/get-involved/")"
stop_site
fi
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

psql_admin 'DROP DATABASE IF EXISTS bench_load WITH (FORCE)'
psql_admin 'DROP DATABASE IF EXISTS bench_floor WITH (FORCE)'
