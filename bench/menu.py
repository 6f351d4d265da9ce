"""Menu of involvement at 2,000 opportunities: median server time and queries per request.

Target (issue 3): at most 12 queries and a median under 50 ms per request on SQLite.
Run: .venv/bin/python bench/menu.py
"""

import json

from _harness import ENGINE, main, measure_get, setup_django

OPPORTUNITIES = 2_000
CASES = {
    "unfiltered": "/get-involved/",
    "filtered": "/get-involved/?level=giving_views&support=childcare&support=travel-expenses"
    "&area=hartlepool&page=2",
    "search": "/get-involved/?q=panel",
}


def build():
    from django.core.management import call_command
    from django.test import override_settings

    from involvement_pages.choices import Commitment, Level, Tier
    from involvement_pages.models import InvolvementMenuPage, OpportunityPage
    from involvement_pages.snippets import Area, SupportOption

    menu = InvolvementMenuPage.objects.get()
    support = list(SupportOption.objects.all())
    areas = list(Area.objects.all())
    levels, tiers = Level.values, Tier.values
    existing = OpportunityPage.objects.count()
    with override_settings(
        WAGTAILSEARCH_BACKENDS={
            "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
        }
    ):
        for n in range(OPPORTUNITIES - existing):
            page = OpportunityPage(
                title=f"Estate panel {n}",
                summary="Look at how your estate is run and tell us what to change.",
                level=levels[n % 4],
                tier=tiers[n % 3],
                commitment=Commitment.values[n % 3],
                time_commitment="Meets quarterly",
                all_areas=n % 2 == 0,
            )
            page.support = support[n % 5 : n % 5 + 4]
            page.areas = [] if n % 2 == 0 else areas[n % len(areas) : n % len(areas) + 1]
            menu.add_child(instance=page)
    call_command("update_index", verbosity=0)
    assert OpportunityPage.objects.count() == OPPORTUNITIES


def run_case(name, db):
    setup_django(db)
    from django.test import Client

    print(json.dumps({"case": name, **measure_get(Client(), CASES[name])}))


if __name__ == "__main__":
    main(
        __file__,
        "menu",
        build,
        run_case,
        CASES,
        f"Menu of involvement, {OPPORTUNITIES} opportunities, {ENGINE} "
        "(target: <= 12 queries, median < 50 ms)",
        ["case", "median_ms", "queries", "bytes"],
    )
