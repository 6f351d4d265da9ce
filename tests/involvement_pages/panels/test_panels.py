"""The seeds' panel rules, refused and allowed, as an officer meets them in the admin."""

import datetime
import html

from django.urls import reverse
from django.utils import timezone

import pytest

from involvement_pages.panels.models import Membership, Panel, PanelKind, PanelStatus, Role
from involvement_pages.years import year_of
from tests.involvement_pages.factories import AreaFactory
from tests.involvement_pages.panels.factories import (
    LandlordFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

ADD_MEMBERSHIP = "wagtailsnippets_involvement_panels_membership:add"
ONE_CORPORATE = "A person can sit on only one corporate group at a time"
BOARD_RULE = "Board members who are customers do not sit on scrutiny groups"
APRIL_2025 = datetime.date(2025, 4, 1)


@pytest.fixture
def tristar():
    return LandlordFactory(name="Tristar Homes", slug="tristar-homes")


@pytest.fixture
def erimus():
    return LandlordFactory(name="Erimus Housing", slug="erimus-housing")


@pytest.fixture
def council(tristar, erimus):
    return PanelFactory(
        name="Customer Council",
        kind=PanelKind.CUSTOMER_COUNCIL,
        corporate=True,
        landlords=[tristar, erimus],
    )


@pytest.fixture
def scrutiny(tristar, erimus):
    return PanelFactory(
        name="Scrutiny Panel",
        kind=PanelKind.SCRUTINY_PANEL,
        corporate=True,
        landlords=[tristar, erimus],
        min_members_per_landlord=2,
        status=PanelStatus.RECRUITING,
    )


@pytest.fixture
def board(tristar, erimus):
    # Not corporate here, so the Board rule is tested on its own.
    return PanelFactory(name="Group Board", kind=PanelKind.BOARD, landlords=[tristar, erimus])


@pytest.fixture
def ada(tristar):
    return PersonFactory(name="Ada Lovelace", landlord=tristar)


def add_membership(client, person, panel, **fields):
    data = {
        "person": person.pk,
        "panel": panel.pk,
        "role": Role.MEMBER,
        "representing_landlord": "",
        "start_date": "2026-01-05",
        "end_date": "",
        **fields,
    }
    response = client.post(reverse(ADD_MEMBERSHIP), data)
    return response, html.unescape(response.content.decode())


# One corporate group at a time ------------------------------------------------------


def test_second_corporate_group_is_refused_with_the_reason(client, officer, ada, council, scrutiny):
    MembershipFactory(person=ada, panel=council, start_date=APRIL_2025)

    response, page = add_membership(client, ada, scrutiny)

    assert response.status_code == 200
    assert ONE_CORPORATE in page
    assert "Ada Lovelace already sits on Customer Council, a corporate group" in page
    assert not Membership.objects.filter(panel=scrutiny).exists()


def test_second_corporate_group_is_allowed_once_the_first_has_ended(
    client, officer, ada, council, scrutiny
):
    MembershipFactory(
        person=ada, panel=council, start_date=APRIL_2025, end_date=datetime.date(2025, 12, 31)
    )

    response, _ = add_membership(client, ada, scrutiny, start_date="2026-01-05")

    assert response.status_code == 302
    assert Membership.objects.get(panel=scrutiny).person == ada


def test_a_corporate_group_and_a_local_group_together_are_allowed(client, officer, ada, council):
    MembershipFactory(person=ada, panel=council)
    area_panel = PanelFactory(name="Stockton Area Panel", kind=PanelKind.AREA_PANEL)

    response, _ = add_membership(client, ada, area_panel)

    assert response.status_code == 302


def test_a_future_corporate_membership_that_overlaps_is_refused(
    client, officer, ada, council, scrutiny
):
    MembershipFactory(person=ada, panel=council, start_date=datetime.date(2030, 1, 1))

    _, page = add_membership(client, ada, scrutiny, start_date="2026-01-05", end_date="")

    assert ONE_CORPORATE in page


def test_landlord_can_turn_the_corporate_rule_off(
    client, officer, ada, council, scrutiny, settings
):
    settings.INVOLVEMENT_PANEL_RULES = {"one_corporate_group": False}
    MembershipFactory(person=ada, panel=council)

    response, _ = add_membership(client, ada, scrutiny)

    assert response.status_code == 302


# Board members who are customers are not on scrutiny groups -------------------------


def test_board_member_joining_a_scrutiny_group_is_refused(client, officer, ada, board, scrutiny):
    MembershipFactory(person=ada, panel=board)

    _, page = add_membership(client, ada, scrutiny)

    assert BOARD_RULE in page
    assert "Ada Lovelace is a Board member (Group Board" in page
    assert not Membership.objects.filter(panel=scrutiny).exists()


def test_scrutiny_member_joining_the_board_is_refused(client, officer, ada, board, scrutiny):
    MembershipFactory(person=ada, panel=scrutiny)

    _, page = add_membership(client, ada, board)

    assert "sits on Scrutiny Panel, a scrutiny group" in page
    assert not Membership.objects.filter(panel=board).exists()


def test_board_member_may_join_a_service_development_group(client, officer, ada, board):
    MembershipFactory(person=ada, panel=board)
    policy_group = PanelFactory(name="ASB policy group", kind=PanelKind.TASK_AND_FINISH)

    response, _ = add_membership(client, ada, policy_group)

    assert response.status_code == 302


def test_landlord_can_choose_which_kinds_count_as_scrutiny(
    client, officer, ada, board, scrutiny, settings
):
    settings.INVOLVEMENT_PANEL_RULES = {"scrutiny_kinds": ["complaints_panel"]}
    MembershipFactory(person=ada, panel=board)

    response, _ = add_membership(client, ada, scrutiny)

    assert response.status_code == 302


# Other checks on a membership -------------------------------------------------------


def test_the_same_person_twice_on_one_panel_is_refused(client, officer, ada, council):
    MembershipFactory(person=ada, panel=council)

    _, page = add_membership(client, ada, council)

    assert "Ada Lovelace is already a member of Customer Council" in page
    assert Membership.objects.filter(panel=council).count() == 1


def test_representing_a_landlord_the_panel_does_not_cover_is_refused(client, officer, ada, council):
    other = LandlordFactory(name="Tees Valley Housing", slug="tees-valley-housing")

    _, page = add_membership(client, ada, council, representing_landlord=other.pk)

    assert "Customer Council does not cover Tees Valley Housing" in page


def test_representing_landlord_defaults_to_the_persons_own(client, officer, ada, council, tristar):
    add_membership(client, ada, council)

    assert Membership.objects.get(panel=council).representing_landlord == tristar


def test_end_date_before_start_date_is_refused(client, officer, ada, council):
    _, page = add_membership(client, ada, council, start_date="2026-02-01", end_date="2026-01-01")

    assert "The end date must be on or after the start date." in page


def test_a_missing_person_is_a_form_error_not_a_crash(client, officer, council):
    response = client.post(
        reverse(ADD_MEMBERSHIP), {"panel": council.pk, "role": "member", "start_date": "x"}
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


# Minimum members from each landlord ---------------------------------------------------


def fill(panel, landlord, count, **fields):
    for _ in range(count):
        MembershipFactory(panel=panel, representing_landlord=landlord, **fields)


def test_shortfall_names_each_landlord_below_the_minimum(scrutiny, tristar, erimus):
    fill(scrutiny, tristar, 1)
    fill(scrutiny, erimus, 2)

    assert Panel.objects.with_shortfall().get() == scrutiny
    from involvement_pages.panels.models import shortfall_text, shortfalls

    found = shortfalls([Panel.objects.prefetch_related("landlords").get()])
    assert shortfall_text(found[scrutiny.pk]) == "Tristar Homes 1 of 2"


def test_co_opted_and_former_members_do_not_fill_the_minimum(scrutiny, tristar, erimus):
    fill(scrutiny, erimus, 2)
    fill(scrutiny, tristar, 1)
    fill(scrutiny, tristar, 1, role=Role.CO_OPTED)
    fill(scrutiny, tristar, 1, end_date=datetime.date(2025, 12, 31))

    assert list(Panel.objects.with_shortfall()) == [scrutiny]
    fill(scrutiny, tristar, 1)
    assert not Panel.objects.with_shortfall().exists()


def panel_form(panel, **fields):
    data = {
        "name": panel.name,
        "slug": panel.slug,
        "kind": panel.kind,
        "status": panel.status,
        "corporate": "on" if panel.corporate else "",
        "level": panel.level,
        "tier": panel.tier,
        "landlords": [landlord.pk for landlord in panel.landlords.all()],
        "min_members_per_landlord": panel.min_members_per_landlord or "",
        "all_areas": "on",
        "target_meetings_a_year": "",
        "delegated_budget": "",
        **fields,
    }
    return {k: v for k, v in data.items() if v != ""}


def edit_panel(client, panel, **fields):
    url = reverse("wagtailsnippets_involvement_panels_panel:edit", args=[panel.pk])
    response = client.post(url, panel_form(panel, **fields))
    return response, html.unescape(response.content.decode())


def test_panel_below_its_minimum_cannot_be_made_active(client, officer, scrutiny, tristar, erimus):
    fill(scrutiny, tristar, 1)
    fill(scrutiny, erimus, 2)

    response, page = edit_panel(client, scrutiny, status=PanelStatus.ACTIVE)

    assert response.status_code == 200
    assert "It cannot be Active yet" in page
    assert "has Tristar Homes 1 of 2" in page
    scrutiny.refresh_from_db()
    assert scrutiny.status == PanelStatus.RECRUITING


def test_full_panel_can_be_made_active(client, officer, scrutiny, tristar, erimus):
    fill(scrutiny, tristar, 2)
    fill(scrutiny, erimus, 2)

    response, _ = edit_panel(client, scrutiny, status=PanelStatus.ACTIVE)

    assert response.status_code == 302
    scrutiny.refresh_from_db()
    assert scrutiny.status == PanelStatus.ACTIVE


def test_a_minimum_needs_landlords_to_count_from(client, officer):
    panel = PanelFactory(name="Complaints Panel", kind=PanelKind.COMPLAINTS_PANEL)

    _, page = edit_panel(client, panel, min_members_per_landlord=2)

    assert "Tick the landlords the panel covers" in page


# Residents' associations --------------------------------------------------------------


def test_recognition_is_only_for_residents_associations(client, officer, council):
    _, page = edit_panel(client, council, recognised_on="2025-06-01")

    assert "Only residents' associations are recognised." in page


def test_next_support_visit_is_due_a_year_after_the_last(client, officer):
    tara = PanelFactory(name="Ayresome TARA", kind=PanelKind.RESIDENTS_ASSOCIATION)

    response, _ = edit_panel(
        client,
        tara,
        meets_recognition_criteria="on",
        recognised_on="2024-05-01",
        last_support_visit="2026-03-10",
    )

    assert response.status_code == 302
    tara.refresh_from_db()
    assert tara.next_support_visit_due == datetime.date(2027, 3, 10)


def test_recognition_needs_the_criteria_met(client, officer):
    tara = PanelFactory(name="Ayresome TARA", kind=PanelKind.RESIDENTS_ASSOCIATION)

    _, page = edit_panel(client, tara, recognised_on="2024-05-01")

    assert "A group is recognised only when it meets the recognition criteria." in page


# The panel list and its page ------------------------------------------------------------


LIST = "wagtailsnippets_involvement_panels_panel:list"


def test_panel_list_shows_members_meetings_against_target_and_shortfall(
    client, officer, scrutiny, tristar, erimus
):
    Panel.objects.filter(pk=scrutiny.pk).update(target_meetings_a_year=10)
    fill(scrutiny, tristar, 1)
    fill(scrutiny, erimus, 2)
    MeetingFactory(panel=scrutiny, date=datetime.date.today())
    MeetingFactory(panel=scrutiny, date=datetime.date(2020, 1, 1))  # not this year

    page = html.unescape(client.get(reverse(LIST)).content.decode())

    assert "Scrutiny Panel" in page
    assert "Tristar Homes 1 of 2" in page
    assert ">3<" in page.replace(" ", "").replace("\n", "")  # members today
    assert "1 of 10" in page


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"kind": "scrutiny_panel"}, "Scrutiny Panel", "Customer Council"),
        ({"status": "recruiting"}, "Scrutiny Panel", "Customer Council"),
        ({"shortfall": "true"}, "Scrutiny Panel", "Customer Council"),
        ({"q": "council"}, "Customer Council", "Scrutiny Panel"),
    ],
)
def test_panel_list_filters(client, officer, scrutiny, council, params, shown, hidden):
    response = client.get(reverse(LIST), params)

    page = response.content.decode()
    assert shown in page
    assert hidden not in page


def test_panel_list_filters_by_area_including_panels_for_all_areas(client, officer):
    hartlepool = AreaFactory(name="Hartlepool", slug="hartlepool")
    stockton = AreaFactory(name="Stockton", slug="stockton")
    local = PanelFactory(name="Hartlepool Area Panel", all_areas=False)
    local.areas.set([hartlepool])
    PanelFactory(name="Stockton Area Panel", all_areas=False).areas.set([stockton])
    PanelFactory(name="Group-wide Forum", all_areas=True)

    page = client.get(reverse(LIST), {"area": hartlepool.pk}).content.decode()

    assert "Hartlepool Area Panel" in page
    assert "Group-wide Forum" in page
    assert "Stockton Area Panel" not in page


def test_panel_list_filters_by_landlord(client, officer, council, tristar):
    PanelFactory(name="Care and Support Steering Group", landlords=[LandlordFactory()])

    page = client.get(reverse(LIST), {"landlord": tristar.pk}).content.decode()

    assert "Customer Council" in page
    assert "Steering Group" not in page


def test_panel_page_lists_members_and_meetings(client, officer, council, ada):
    MembershipFactory(person=ada, panel=council, role=Role.CHAIR)
    MembershipFactory(
        panel=council,
        person=PersonFactory(name="Former Member"),
        end_date=datetime.date(2025, 12, 1),
    )
    MeetingFactory(panel=council, date=datetime.date(2026, 5, 12), attendees=[ada])

    url = reverse("wagtailsnippets_involvement_panels_panel:inspect", args=[council.pk])
    page = client.get(url).content.decode()

    assert "Ada Lovelace" in page
    assert "Chair" in page
    assert "Former Member" in page
    assert "12 May 2026" in page


# Meetings -----------------------------------------------------------------------------


def test_meeting_attendees_must_be_members_on_the_day(client, officer, council, ada):
    MembershipFactory(person=ada, panel=council, start_date=datetime.date(2026, 6, 1))

    response = client.post(
        reverse("wagtailsnippets_involvement_panels_meeting:add"),
        {"panel": council.pk, "date": "2026-05-12", "attendees": [ada.pk], "notes_link": ""},
    )

    page = html.unescape(response.content.decode())
    assert "Not members of Customer Council on 12 May 2026: Ada Lovelace" in page


def test_meeting_with_members_is_saved_with_its_attendees(client, officer, council, ada):
    MembershipFactory(person=ada, panel=council)

    response = client.post(
        reverse("wagtailsnippets_involvement_panels_meeting:add"),
        {"panel": council.pk, "date": "2026-05-12", "attendees": [ada.pk], "notes_link": ""},
    )

    assert response.status_code == 302
    assert list(council.meetings.get().attendees.all()) == [ada]


def test_recording_a_meeting_from_the_panel_offers_only_its_members(client, officer, council, ada):
    MembershipFactory(person=ada, panel=council)
    MembershipFactory(person=PersonFactory(name="Someone Elsewhere"))

    url = reverse("wagtailsnippets_involvement_panels_meeting:add") + f"?panel={council.pk}"
    page = client.get(url).content.decode()

    assert "Ada Lovelace" in page
    assert "Someone Elsewhere" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "no-such-kind"},
        {"area": "abc", "landlord": "-1"},
        {"shortfall": "maybe"},
        {"p": "999999"},
        {"q": "\x00<script>alert(1)</script>" + "x" * 10_000},
    ],
)
def test_odd_panel_list_queries_are_answered_not_crashed(client, officer, council, params):
    response = client.get(reverse(LIST), params)

    assert response.status_code in (200, 404)
    assert "<script>alert(1)" not in response.content.decode()


def test_html_in_a_panel_name_is_shown_as_text(client, officer):
    PanelFactory(name="<b>Bold</b> & Co panel")

    page = client.get(reverse(LIST)).content.decode()

    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co panel" in page


@pytest.mark.parametrize(
    ("answer", "expected"), [("true", {"Ada Current"}), ("false", {"Bo Former"}), ("", None)]
)
def test_the_membership_list_answers_current_yes_no_or_either(
    client, officer, council, answer, expected
):
    MembershipFactory(panel=council, person=PersonFactory(name="Ada Current"))
    MembershipFactory(
        panel=council,
        person=PersonFactory(name="Bo Former"),
        end_date=datetime.date(2025, 12, 31),
    )
    url = reverse("wagtailsnippets_involvement_panels_membership:list")

    page = client.get(url, {"current": answer}).content.decode()

    shown = {name for name in ("Ada Current", "Bo Former") if name in page}
    assert shown == (expected or {"Ada Current", "Bo Former"})


def test_the_meeting_list_answers_this_year(client, officer, council):
    today, long_ago = datetime.date.today(), datetime.date(datetime.date.today().year - 3, 6, 1)
    MeetingFactory(panel=council, date=today)
    MeetingFactory(panel=council, date=long_ago)
    url = reverse("wagtailsnippets_involvement_panels_meeting:list")

    this_year = client.get(url, {"this_year": "true"}).context["object_list"]
    not_this_year = client.get(url, {"this_year": "false"}).context["object_list"]

    assert [m.date for m in this_year] == [today]
    assert [m.date for m in not_this_year] == [long_ago]


def test_panel_page_counts_the_meetings_it_lists(client, officer, council):
    today = timezone.localdate()
    start = year_of(today).start
    held = [start + datetime.timedelta(days=n) for n in range(0, (today - start).days + 1, 30)]
    for day in held:
        MeetingFactory(panel=council, date=day)
    MeetingFactory(panel=council, date=start - datetime.timedelta(days=40))  # last year
    MeetingFactory(panel=council, date=today + datetime.timedelta(days=20))  # planned

    url = reverse("wagtailsnippets_involvement_panels_panel:inspect", args=[council.pk])
    page = client.get(url).content.decode()
    held_section = page[page.index('id="meetings-heading"') : page.index("<h3>Planned</h3>")]

    assert f"{len(held)} held so far in" in page
    assert held_section.count("<tr>") - 1 == len(held)  # less the heading row
    assert (today + datetime.timedelta(days=20)).strftime("%-d %B %Y") in page
    assert "All meetings, including earlier years" in page
