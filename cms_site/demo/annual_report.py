"""The demo annual report to tenants for the last full financial year, at
/annual-report-<year>/ (/annual-report-2025/ for 2025/26).

Its words follow the seeds' annual reporting: Thirteen's "annual report to tenants,
reviewed by Thirteen Customer Council" and six-monthly reports to boards; WNWHL's annual
report "following consultation with customers and staff, on the effective implementation
of the Customer Involvement Framework"; Paradigm's "annual reporting of involvement
outcome to staff, customers and third parties" so that "customers are reassured that
involvement is taken seriously". The figures are not written here: the page counts them
from the demo's records. Created if missing by slug: a second run adds nothing.
"""

import datetime
import json

from django.utils import timezone

from cms_site.models import HomePage
from involvement_pages.dashboard.annual_report import AnnualReportPage
from involvement_pages.years import start_month, year_of

from .site import ensure_child


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def heading(text):
    return {"type": "heading", "value": text}


BODY = [
    heading("Why we publish this report"),
    paragraph(
        "Every year we tell our customers how their involvement has changed our services. "
        "Thirteen Customer Council reviewed this report before we published it, and we asked "
        "customers and staff what they thought of how the Customer Involvement Framework is "
        "working."
    ),
    paragraph(
        "You should never have to wonder whether taking part made a difference. This page "
        "says what we counted, what changed, and how close we are to our targets."
    ),
    {"type": "figures", "value": {"heading": "The year in numbers"}},
    heading("What we are aiming for"),
    paragraph(
        "Our Customer Voice register should hold at least one in ten of our customers. We "
        "want every customer to be able to take part at least once a year, in the way that "
        "suits them: at a meeting, online, by phone or by post."
    ),
    paragraph(
        "Thirteen Scrutiny Panel reviews three services a year and reports its findings and "
        "recommendations to the Board. Customer Service Investigators carry out about twelve "
        "short pieces of scrutiny a year."
    ),
    {"type": "representation", "value": {"heading": "Who takes part"}},
    paragraph(
        "We compare the people who take part with all our customers, by age, gender, "
        "ethnicity and disability. Where a group is under-represented, we go out to meet "
        "it: at roadshows, through partners in the community, and with Young Voices."
    ),
    heading("How we report during the year"),
    paragraph(
        "Our Boards and Thirteen Customer Council receive a report every six months on the "
        "progress of the Customer Involvement Strategy. Every change residents asked for is "
        "on our 'You said, we did' page."
    ),
]


def load_annual_report(stdout=None):
    home = HomePage.objects.first()
    if home is None:
        return
    # The last financial year to have ended: its figures no longer change.
    year = year_of(timezone.localdate()).start.year - 1
    period = year_of(datetime.date(year, start_month(), 1))
    page, created = ensure_child(
        home,
        AnnualReportPage,
        slug=f"annual-report-{year}",
        title=f"Customer involvement annual report {period.label}",
        year=year,
        intro=(
            "How Thirteen's customers shaped our homes and services this year, and what we "
            "did with what you told us."
        ),
        body=json.dumps(BODY),
        search_description=(
            f"Thirteen Group's report to tenants on customer involvement in {period.label}."
        ),
    )
    if stdout and created:
        stdout.write(f"Annual report: {page.url_path} added.")
