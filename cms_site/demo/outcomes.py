"""The demo "You said, we did" page and the changes it lists, from ``data/outcomes.json``.

Each change is one the seeds report as made because residents asked (each row names its
seed in ``source``), told under the demo group's merged names (see data/NOTES.md). Dates
are months before the day the demo is loaded, in the seeds' order, so the counts per year
always show the last few years. Create-if-missing by headline: a second run adds nothing.
"""

from django.utils import timezone

from dateutil.relativedelta import relativedelta

from cms_site.models import HomePage
from involvement_pages.consultations.models import ConsultationPage
from involvement_pages.models import OpportunityPage
from involvement_pages.outcomes.models import Outcome, YouSaidWeDidPage
from involvement_pages.panels.models import Panel
from involvement_pages.scrutiny.models import ScrutinyReview
from involvement_pages.snippets import Landlord, ServiceArea

from .site import ensure_child, read

TEXT_FIELDS = ("title", "said", "did", "evidence_url")


def load_outcomes(stdout=None):
    home = HomePage.objects.first()
    if home is None:
        return
    data = read("outcomes.json")
    ensure_child(
        home,
        YouSaidWeDidPage,
        slug="you-said-we-did",
        title=data["page"]["title"],
        intro=data["page"]["intro"],
        search_description=data["page"]["search_description"],
        show_in_menus=True,
    )
    added = ensure_outcomes(data["outcomes"], timezone.localdate())
    if stdout:
        stdout.write(f"You said, we did: {added} changes added.")


def ensure_outcomes(rows, today):
    lookups = {
        "service_area": {s.slug: s for s in ServiceArea.objects.all()},
        "panel": {p.slug: p for p in Panel.objects.all()},
        "opportunity": {p.slug: p for p in OpportunityPage.objects.all()},
        "landlord": {landlord.slug: landlord for landlord in Landlord.objects.all()},
        "review": {review.slug: review for review in ScrutinyReview.objects.all()},
        "consultation": {page.slug: page for page in ConsultationPage.objects.all()},
    }
    existing = set(Outcome.objects.values_list("title", flat=True))
    added = 0
    for row in rows:
        if row["title"] in existing:
            continue
        outcome = Outcome(
            **{name: row.get(name, "") for name in TEXT_FIELDS},
            # A name in the data that the demo lacks is a mistake: fail loudly (KeyError).
            **{name: lookups[name][row[name]] if row.get(name) else None for name in lookups},
            date=today - relativedelta(months=row["months_ago"]),
            published=row.get("published", True),
        )
        outcome.full_clean()  # the demo keeps the same rules as the admin
        outcome.save()
        added += 1
    return added
