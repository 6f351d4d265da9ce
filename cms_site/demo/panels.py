"""Demo panels, members and a year of meetings; then the grants (``demo_grants.py``).

Panels and funds come from ``data/panels.json`` (the seeds' real structures). Members
are the fictional people of the forms app's demo register, topped up with more fictional
people where a panel needs them; every membership passes the same rule checks as the admin.
Dates are relative to the day the demo is loaded, so meetings and decisions are always
"the last year". Create-if-missing: a second run changes nothing.
"""

import datetime

from django.utils import timezone

from dateutil.relativedelta import relativedelta

from forms.choices import ContactMethod, Tenure
from forms.models import Person
from involvement_pages.models import OpportunityPage
from involvement_pages.panels.models import Meeting, Membership, Panel, PanelKind, Role, panel_rules
from involvement_pages.snippets import Area, Landlord

from .grants import load_grants
from .site import read

# The four partner landlords: Thirteen's standing groups hold "at least 2 tenants from each of
# the 4 partner landlords", so "all" in panels.json means these, not Care and Support.
PARTNERS = ["erimus-housing", "tees-valley-housing", "housing-hartlepool", "tristar-homes"]

# The seeds name no residents' association, so these three are invented, to show recognition.
TARAS = [
    {
        "slug": "elm-court-tara",
        "name": "Elm Court Tenants' and Residents' Association",
        "landlords": ["tristar-homes"],
        "areas": ["stockton-on-tees"],
        "recognised_years_ago": 3,
        "visit_months_ago": 5,
    },
    {
        "slug": "laburnum-road-residents-association",
        "name": "Laburnum Road Residents' Association",
        "landlords": ["housing-hartlepool"],
        "areas": ["hartlepool"],
        "recognised_years_ago": 6,
        "visit_months_ago": 14,  # its annual visit is overdue
    },
    {
        "slug": "sycamore-walk-tara",
        "name": "Sycamore Walk TARA",
        "landlords": ["erimus-housing"],
        "areas": ["middlesbrough"],
        "recognised_years_ago": None,  # working towards recognition
        "visit_months_ago": 2,
    },
]

# How many members each panel gets: a number per landlord ("each") or in all ("total").
SEATS = {
    "thirteen-boards": {"total": 3},
    "customer-council": {"each": 2},
    # One Tristar Homes seat is empty: the panel is recruiting, and the list shows the gap.
    "scrutiny-panel": {"each": 2, "short": {"tristar-homes": 1}},
    "designated-complaints-panel": {"each": 2},
    "young-voices": {"total": 5},
    "care-and-support-steering-group": {"total": 3},
    "editorial-panel": {"total": 4},
    "community-chest-panel": {"total": 5},
    "leaseholder-forum": {"total": 6},
}
DEFAULT_SEATS = {"total": 4}
ROLES = [Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY]
TARA_ROLES = [Role.CHAIR, Role.SECRETARY, Role.TREASURER]

# Extra fictional people, in the forms demo's style: "Example"/"Sample" surnames,
# example.com, Ofcom's 07700 900xxx drama numbers and ZZ99 postcodes.
EXTRA_FIRST_NAMES = [
    "Agnes", "Barry", "Carys", "Dennis", "Elaine", "Frank", "Gwen", "Harold", "Iris", "Jack",
    "Kath", "Len", "Maureen", "Norman", "Olive", "Pete", "Rita", "Stan", "Tina", "Vera",
    "Walter", "Yvonne", "Amir", "Bex", "Cyril", "Dina", "Errol", "Flo", "Gus", "Hilda",
]  # fmt: skip


def load_panels(stdout=None):
    today = timezone.localdate()
    data = read("panels.json")
    landlords = {landlord.slug: landlord for landlord in Landlord.objects.all()}
    panels = ensure_panels(data["panels"], landlords, today)
    people_before = Person.objects.count()
    members = ensure_memberships(panels, landlords, today)
    meetings = ensure_meetings(panels.values(), today)
    funds, applications = load_grants(data["funds"], panels, today)
    if stdout:
        stdout.write(
            f"Panels and grants: {len(panels)} panels, {members} memberships "
            f"({Person.objects.count() - people_before} more fictional people), "
            f"{meetings} meetings, {len(funds)} funds, {applications} applications added."
        )


# Panels


def ensure_panels(rows, landlords, today):
    areas = {area.slug: area for area in Area.objects.all()}
    opportunities = {page.slug: page for page in OpportunityPage.objects.all()}
    panels = {panel.slug: panel for panel in Panel.objects.all()}
    for row in [*rows, *(tara_row(t, today) for t in TARAS)]:
        if row["slug"] in panels:
            continue
        fields = {k: row[k] for k in PANEL_FIELDS if k in row}
        panel = Panel(**fields, opportunity=opportunities.get(row.get("opportunity")))
        panel.all_areas = row["areas"] == "all"
        panel.full_clean(exclude=["opportunity"])
        panel.save()
        slugs = PARTNERS if row["landlords"] == "all" else row["landlords"]
        panel.landlords.set([landlords[s] for s in slugs if s in landlords])
        if not panel.all_areas:
            panel.areas.set([areas[s] for s in row["areas"] if s in areas])
        panels[panel.slug] = panel
    return panels


PANEL_FIELDS = (
    "slug",
    "name",
    "kind",
    "corporate",
    "level",
    "tier",
    "meeting_frequency",
    "target_meetings_a_year",
    "time_commitment",
    "delegated_budget",
    "terms_of_reference",
    "status",
    "min_members_per_landlord",
    "meets_recognition_criteria",
    "recognised_on",
    "last_support_visit",
)


def tara_row(tara, today):
    years = tara["recognised_years_ago"]
    return {
        "slug": tara["slug"],
        "name": tara["name"],
        "kind": PanelKind.RESIDENTS_ASSOCIATION,
        "corporate": False,
        "level": "influencing_decisions",
        "tier": "local",
        "landlords": tara["landlords"],
        "areas": tara["areas"],
        "meeting_frequency": "Monthly committee; annual general meeting",
        "target_meetings_a_year": 12,
        "time_commitment": "An evening a month",
        "terms_of_reference": "A residents' association run by its members for the homes "
        "around it: it raises local issues with the landlord, runs activities and "
        "applies for funding.",
        "status": "active" if years else "recruiting",
        "meets_recognition_criteria": bool(years),
        "recognised_on": today - relativedelta(years=years) if years else None,
        "last_support_visit": today - relativedelta(months=tara["visit_months_ago"]),
    }


# Members


class PeoplePool:
    """Register people by landlord, each handed out once per kind of seat."""

    def __init__(self, landlords, joined_by):
        self.landlords = landlords
        self.joined_by = joined_by
        self.extra = 0
        people = Person.objects.filter(is_active=True).select_related("landlord")
        self.by_landlord = {}
        for person in people.order_by("phone"):
            self.by_landlord.setdefault(person.landlord_id, []).append(person)
        self.corporate = set()  # one corporate group each
        self.board = set()  # Board members stay off scrutiny groups

    def take(self, panel, landlord, used):
        """A person from ``landlord`` (any, if None) who may sit on ``panel``."""
        scrutiny = panel.kind in panel_rules()["scrutiny_kinds"]
        if landlord:
            candidates = self.by_landlord.get(landlord.pk, [])
        else:
            candidates = [
                p for pk in sorted(self.by_landlord, key=str) for p in self.by_landlord[pk]
            ]
        for person in candidates:
            if person.pk in used:
                continue
            if panel.corporate and person.pk in self.corporate:
                continue
            if scrutiny and person.pk in self.board:
                continue
            return self._claim(panel, person)
        return self._claim(panel, self._new_person(landlord or self.landlords[PARTNERS[0]]))

    def _claim(self, panel, person):
        if panel.corporate:
            self.corporate.add(person.pk)
        if panel.kind == PanelKind.BOARD:
            self.board.add(person.pk)
        return person

    def _new_person(self, landlord):
        n = Person.objects.filter(phone__startswith="07700900").count()
        first = EXTRA_FIRST_NAMES[self.extra % len(EXTRA_FIRST_NAMES)]
        surname = "Sample" if self.extra % 2 else "Example"
        self.extra += 1
        area = Area.objects.filter(landlord=landlord).order_by("pk").first()
        person = Person.objects.create(
            name=f"{first} {surname}",
            email=f"{first.lower()}.{surname.lower()}.{n}@example.com",
            phone=f"07700900{500 + n:03d}",
            postcode=f"ZZ99 {n % 9 + 1}PN",
            contact_method=ContactMethod.EMAIL,
            tenure=Tenure.TENANT,
            landlord=landlord,
            area=area,
            date_joined=self.joined_by,
        )
        self.by_landlord.setdefault(landlord.pk, []).append(person)
        return person


def ensure_memberships(panels, landlords, today):
    if Membership.objects.filter(panel__in=panels.values()).exists():
        return 0
    started = today - relativedelta(years=1, months=2)
    pool = PeoplePool(landlords, joined_by=started - relativedelta(months=1))
    # Boards first, so no Board member is later put on a scrutiny group.
    order = sorted(panels.values(), key=lambda p: (p.kind != PanelKind.BOARD, p.name))
    added = 0
    for panel in order:
        added += seat_members(panel, pool, started, today)
    return added


def seat_members(panel, pool, started, today):
    seats = SEATS.get(panel.slug, DEFAULT_SEATS)
    covered = list(panel.landlords.order_by("pk"))
    if "each" in seats:
        wanted = [
            landlord
            for landlord in covered
            for _ in range(seats["each"] - seats.get("short", {}).get(landlord.slug, 0))
        ]
    else:
        wanted = [covered[n % len(covered)] if covered else None for n in range(seats["total"])]
    roles = TARA_ROLES if panel.kind == PanelKind.RESIDENTS_ASSOCIATION else ROLES
    used = set()
    for n, landlord in enumerate(wanted):
        person = pool.take(panel, landlord, used)
        used.add(person.pk)
        membership = Membership(
            person=person,
            panel=panel,
            role=roles[n] if n < len(roles) else Role.MEMBER,
            representing_landlord=landlord,
            start_date=today
            if panel.kind == PanelKind.TASK_AND_FINISH
            else max(started, person.date_joined),
        )
        membership.full_clean()  # the demo keeps the same rules as the admin
        membership.save()
    return len(wanted)


def ensure_meetings(panels, today):
    """A year of meetings as often as each panel promises, attended by most members."""
    added = 0
    already = set(Meeting.objects.values_list("panel_id", flat=True))
    for panel in panels:
        target = panel.target_meetings_a_year
        if panel.pk in already or not target or panel.kind == PanelKind.TASK_AND_FINISH:
            continue  # the task and finish group starts next year
        members = list(panel.memberships.all())
        step = 365 / target
        for k in range(target):
            day = today - datetime.timedelta(days=round(step * k) + 3)
            present = [
                m.person_id for i, m in enumerate(members) if m.is_current(day) and (i + k) % 5
            ]
            if not present:
                continue
            meeting = Meeting.objects.create(
                panel=panel,
                date=day,
                notes_link=f"https://thirteen.example/minutes/{panel.slug}/{day.isoformat()}",
            )
            meeting.attendees.set(present)
            added += 1
    return added
