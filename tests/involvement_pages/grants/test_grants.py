"""Fund arithmetic, the status flow and review dates, as officers meet them in the admin."""

import datetime
import html
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from involvement_pages.grants.models import ApplicationStatus, GrantApplication, fund_balances
from involvement_pages.grants.models import funds as grants
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    GrantFundFactory,
    GrantRoundFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

S = ApplicationStatus
DECIDED = datetime.date(2025, 9, 15)
EDIT = "wagtailsnippets_involvement_grants_grantapplication:edit"
ADD = "wagtailsnippets_involvement_grants_grantapplication:add"


@pytest.fixture
def chest():
    """Paradigm's Community Chest: £5,000 a year, £3,750 of it already awarded."""
    grant_round = GrantRoundFactory(
        fund__name="Community Chest", fund__slug="community-chest", budget=Decimal("5000")
    )
    award(grant_round, Decimal("3750"))
    return grant_round


def award(grant_round, amount, **fields):
    fields = {"status": S.AWARDED, "decision_date": DECIDED, **fields}
    return GrantApplicationFactory(
        round=grant_round, amount_requested=amount, amount_awarded=amount, **fields
    )


def form_data(application, **fields):
    data = {
        "applicant_group": "",
        "applicant_name": application.applicant_name,
        "applicant_person": "",
        "project": application.project,
        "description": "",
        "amount_requested": application.amount_requested,
        "fund": application.fund_id,
        "round": application.round_id or "",
        "received_on": application.received_on.isoformat(),
        "status": application.status,
        "amount_awarded": application.amount_awarded or "",
        "decision_date": application.decision_date.isoformat() if application.decision_date else "",
        "deciding_panel": "",
        "notes": "",
        "outcome_evaluation": application.outcome_evaluation,
        **fields,
    }
    return {k: v for k, v in data.items() if v not in ("", None)}


def save(client, application, **fields):
    response = client.post(reverse(EDIT, args=[application.pk]), form_data(application, **fields))
    application.refresh_from_db()
    return response, html.unescape(response.content.decode())


def eligible(grant_round, amount="2000"):
    return GrantApplicationFactory(
        round=grant_round, amount_requested=Decimal(amount), status=S.ELIGIBLE
    )


# Money left ---------------------------------------------------------------------------


def test_left_is_budget_minus_awards(chest):
    balance = fund_balances([chest.fund])[chest.pk]

    assert (balance.budget, balance.awarded, balance.left) == (
        Decimal("5000"),
        Decimal("3750"),
        Decimal("1250"),
    )
    assert balance.left_display == "£1,250"


def test_award_over_what_is_left_is_refused_and_says_how_much_is_left(client, officer, chest):
    application = eligible(chest, "2000")

    response, page = save(
        client, application, status=S.AWARDED, amount_awarded="2000", decision_date="2025-09-20"
    )

    assert response.status_code == 200
    assert (
        "This award of £2,000 is more than is left in Community Chest 2025/26: £1,250 left "
        "(budget £5,000, awarded £3,750)." in page
    )
    assert application.status == S.ELIGIBLE
    assert application.amount_awarded is None


def test_award_of_exactly_what_is_left_is_allowed(client, officer, chest):
    application = eligible(chest, "1250")

    response, _ = save(
        client, application, status=S.AWARDED, amount_awarded="1250", decision_date="2025-09-20"
    )

    assert response.status_code == 302
    assert application.status == S.AWARDED
    assert fund_balances([chest.fund])[chest.pk].left == 0


def test_declined_and_pending_applications_do_not_spend_money(chest):
    GrantApplicationFactory(round=chest, status=S.DECLINED, decision_date=DECIDED)
    GrantApplicationFactory(round=chest, status=S.ELIGIBLE, amount_requested=Decimal("4000"))

    assert fund_balances([chest.fund])[chest.pk].left == Decimal("1250")


@pytest.fixture
def pb_rounds():
    """Participatory budgeting: two rounds of £1,000 each, unspent money carried over."""
    fund = GrantFundFactory(name="Community funding", budget_period="round", carry_over=True)
    spring = GrantRoundFactory(
        fund=fund,
        name="Spring 2025",
        opens=datetime.date(2025, 3, 1),
        closes=datetime.date(2025, 4, 15),
        budget=Decimal("1000"),
    )
    autumn = GrantRoundFactory(
        fund=fund,
        name="Autumn 2025",
        opens=datetime.date(2025, 10, 1),
        closes=datetime.date(2025, 11, 15),
        budget=Decimal("1000"),
    )
    return spring, autumn


def test_unspent_money_carries_over_to_the_next_round(pb_rounds):
    spring, autumn = pb_rounds
    award(spring, Decimal("600"))

    balance = fund_balances([spring.fund])[autumn.pk]

    assert (balance.carried_in, balance.available, balance.left) == (
        Decimal("400"),
        Decimal("1400"),
        Decimal("1400"),
    )


def test_carried_over_money_can_be_awarded_but_no_more(client, officer, pb_rounds):
    spring, autumn = pb_rounds
    award(spring, Decimal("600"))
    first, second = eligible(autumn, "1400"), eligible(autumn, "1")

    response, _ = save(
        client, first, status=S.AWARDED, amount_awarded="1400", decision_date="2025-12-01"
    )
    assert response.status_code == 302

    _, page = save(client, second, status=S.AWARDED, amount_awarded="1", decision_date="2025-12-01")
    assert "£0 left (budget £1,000, carried over £400, awarded £1,400)" in page


def test_without_carry_over_a_round_has_only_its_own_budget(pb_rounds):
    spring, autumn = pb_rounds
    spring.fund.carry_over = False
    spring.fund.save()
    award(spring, Decimal("600"))

    assert fund_balances([spring.fund])[autumn.pk].left == Decimal("1000")


def test_a_late_award_cannot_take_money_a_later_round_already_spent(client, officer, pb_rounds):
    spring, autumn = pb_rounds
    award(spring, Decimal("600"))
    award(autumn, Decimal("1400"))
    late = eligible(spring, "100")

    _, page = save(client, late, status=S.AWARDED, amount_awarded="100", decision_date="2025-12-01")

    assert "This award would leave Autumn 2025 overspent by £100" in page
    assert late.status == S.ELIGIBLE


def test_nothing_can_be_awarded_before_a_budget_is_set(client, officer):
    grant_round = GrantRoundFactory(budget=None, name="2025/26")
    application = eligible(grant_round, "100")

    _, page = save(
        client, application, status=S.AWARDED, amount_awarded="100", decision_date="2025-09-20"
    )

    assert "2025/26 of" in page
    assert "has no budget set yet" in page


def test_a_budget_cannot_be_cut_below_what_is_awarded(chest):
    chest.budget = Decimal("3000")

    with pytest.raises(ValidationError, match="£3,750 has already been awarded from 2025/26"):
        chest.full_clean()


def test_an_award_refused_while_saving_is_a_form_error_not_a_crash(
    client, officer, chest, monkeypatch
):
    """Two officers award at once: the form checked out, the money went before the save."""
    application = eligible(chest, "1000")
    real = grants.award_problem
    calls = []

    def spent_meanwhile(app):
        calls.append(app)
        return real(app) if len(calls) == 1 else "Someone else has just spent it."

    monkeypatch.setattr(grants, "award_problem", spent_meanwhile)

    response, page = save(
        client, application, status=S.AWARDED, amount_awarded="1000", decision_date="2025-09-20"
    )

    assert response.status_code == 200
    assert "Someone else has just spent it." in page
    assert application.status == S.ELIGIBLE


# Status flow --------------------------------------------------------------------------


def test_an_application_cannot_skip_the_eligibility_check(client, officer, chest):
    application = GrantApplicationFactory(round=chest, amount_requested=Decimal("100"))

    _, page = save(
        client, application, status=S.AWARDED, amount_awarded="100", decision_date="2025-09-20"
    )

    assert (
        "An application that is Received can move to Eligible or Not eligible, not Awarded." in page
    )
    assert application.status == S.RECEIVED


@pytest.mark.parametrize(
    ("start", "end", "extra"),
    [
        (S.RECEIVED, S.ELIGIBLE, {}),
        (S.RECEIVED, S.INELIGIBLE, {}),
        (S.INELIGIBLE, S.ELIGIBLE, {}),
        (S.ELIGIBLE, S.DECLINED, {"decision_date": "2025-09-20"}),
    ],
)
def test_each_step_of_the_flow_is_allowed(client, officer, chest, start, end, extra):
    application = GrantApplicationFactory(round=chest, status=start)

    response, _ = save(client, application, status=end, **extra)

    assert response.status_code == 302
    assert application.status == end


def test_a_declined_application_is_final(client, officer, chest):
    application = GrantApplicationFactory(round=chest, status=S.DECLINED, decision_date=DECIDED)

    _, page = save(client, application, status=S.ELIGIBLE)

    assert "This application is Declined: that is final." in page


def test_an_award_needs_an_amount_and_a_decision_date(client, officer, chest):
    application = eligible(chest, "100")

    _, page = save(client, application, status=S.AWARDED)

    assert "Enter the amount awarded." in page
    assert "Enter the date the award was decided." in page


def test_an_award_cannot_be_more_than_was_asked_for(client, officer, chest):
    application = eligible(chest, "100")

    _, page = save(
        client, application, status=S.AWARDED, amount_awarded="150", decision_date="2025-09-20"
    )

    assert "The award cannot be more than was asked for (£100)." in page


def test_a_declined_application_has_no_award(client, officer, chest):
    application = eligible(chest, "100")

    _, page = save(
        client, application, status=S.DECLINED, amount_awarded="50", decision_date="2025-09-20"
    )

    assert "Clear the amount awarded" in page


def test_evaluation_needs_the_outcome(client, officer, chest):
    application = award(chest, Decimal("100"))

    _, page = save(client, application, status=S.EVALUATED)

    assert "Enter what the project achieved." in page
    response, _ = save(
        client, application, status=S.EVALUATED, outcome_evaluation="Twelve new members."
    )
    assert response.status_code == 302


def test_a_decision_cannot_be_dated_in_the_future(client, officer, chest):
    application = eligible(chest, "100")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)

    _, page = save(client, application, status=S.DECLINED, decision_date=tomorrow.isoformat())

    assert "The decision date cannot be in the future." in page


# Review dates -------------------------------------------------------------------------


def test_review_is_due_six_months_after_the_award(client, officer, chest):
    application = eligible(chest, "100")

    save(client, application, status=S.AWARDED, amount_awarded="100", decision_date="2025-08-31")

    assert application.review_due_on == datetime.date(2026, 2, 28)


def test_reviews_due_filter_lists_awards_whose_review_has_come(client, officer, chest):
    GrantApplication.objects.all().delete()
    award(chest, Decimal("100"), project="Due for review")
    award(
        chest,
        Decimal("100"),
        project="Already evaluated",
        status=S.EVALUATED,
        outcome_evaluation="Done.",
    )
    recent = datetime.date.today() - datetime.timedelta(days=10)
    award(chest, Decimal("100"), project="Awarded last week", decision_date=recent)

    url = reverse("wagtailsnippets_involvement_grants_grantapplication:list")
    page = client.get(url, {"reviews_due": "true"}).content.decode()

    assert "Due for review" in page
    assert "Already evaluated" not in page
    assert "Awarded last week" not in page


# Other checks ---------------------------------------------------------------------------


def test_only_awards_can_be_published(client, officer, chest):
    application = eligible(chest, "100")

    _, page = save(client, application, published="on")

    assert "Only awards are published." in page


def test_the_year_is_found_from_the_date_received(client, officer, chest):
    person = PersonFactory(name="Resident Applicant")
    data = {
        "applicant_person": person.pk,
        "project": "Street party",
        "amount_requested": "250",
        "fund": chest.fund_id,
        "received_on": "2025-10-01",
        "status": S.RECEIVED,
    }

    response = client.post(reverse(ADD), data)

    assert response.status_code == 302
    assert GrantApplication.objects.get(project="Street party").round == chest


def test_a_date_no_year_covers_is_explained(client, officer, chest):
    data = {
        "applicant_name": "Friends of Albert Park",
        "project": "Bulbs",
        "amount_requested": "250",
        "fund": chest.fund_id,
        "received_on": "2019-10-01",
        "status": S.RECEIVED,
    }

    page = html.unescape(client.post(reverse(ADD), data).content.decode())

    assert "No year or round of Community Chest covers 1 October 2019." in page


def test_an_application_needs_someone_applying(client, officer, chest):
    data = {
        "project": "Bulbs",
        "amount_requested": "250",
        "fund": chest.fund_id,
        "received_on": "2025-10-01",
        "status": S.RECEIVED,
    }

    page = html.unescape(client.post(reverse(ADD), data).content.decode())

    assert "Enter the group or organisation applying, or choose the person applying." in page


def test_a_year_with_applications_cannot_be_removed_from_its_fund(client, officer, chest):
    fund = chest.fund
    data = nested_form_data(
        {
            "name": fund.name,
            "slug": fund.slug,
            "budget_period": fund.budget_period,
            "accepting_applications": "on",
            "rounds": inline_formset(
                [
                    {
                        "id": chest.pk,
                        "name": chest.name,
                        "opens": "2025-04-01",
                        "closes": "2026-03-31",
                        "budget": "5000",
                        "DELETE": "1",
                    }
                ],
                initial=1,
            ),
        }
    )
    url = reverse("wagtailsnippets_involvement_grants_grantfund:edit", args=[fund.pk])

    page = html.unescape(client.post(url, data).content.decode())

    assert "2025/26 has 1 application, so it cannot be removed." in page
    assert fund.rounds.count() == 1


def test_a_fund_with_applications_is_not_deleted(client, officer, chest):
    url = reverse("wagtailsnippets_involvement_grants_grantfund:delete", args=[chest.fund_id])

    response = client.post(url, follow=True)

    assert "has grant applications, so it cannot be deleted" in html.unescape(
        response.content.decode()
    )
    assert chest.fund.__class__.objects.filter(pk=chest.fund_id).exists()


def test_fund_list_shows_the_money_left_this_year(client, officer):
    today = datetime.date.today()
    grant_round = GrantRoundFactory(
        fund__name="Community Engagement Fund",
        name="This year",
        opens=today - datetime.timedelta(days=30),
        closes=today + datetime.timedelta(days=30),
        budget=Decimal("90300"),
    )
    award(grant_round, Decimal("300"), decision_date=today)

    url = reverse("wagtailsnippets_involvement_grants_grantfund:list")
    page = client.get(url).content.decode()

    assert "£90,300" in page
    assert "£90,000" in page


def test_an_application_page_shows_money_in_pounds_and_plain_answers(client, officer, chest):
    application = award(chest, Decimal("1200.50"), project="Benches", published=True)

    url = reverse(
        "wagtailsnippets_involvement_grants_grantapplication:inspect", args=[application.pk]
    )
    page = client.get(url).content.decode()

    assert "£1,200.50" in page
    assert "Yes" in page
    assert "True" not in page


def test_fund_list_adds_up_with_the_money_carried_over(client, officer):
    today = datetime.date.today()
    fund = GrantFundFactory(name="Community funding", budget_period="round", carry_over=True)
    last = GrantRoundFactory(
        fund=fund,
        name="Last round",
        opens=today - datetime.timedelta(days=200),
        closes=today - datetime.timedelta(days=150),
        budget=Decimal("1000"),
    )
    GrantRoundFactory(
        fund=fund,
        name="This round",
        opens=today - datetime.timedelta(days=10),
        closes=today + datetime.timedelta(days=30),
        budget=Decimal("2000"),
    )
    award(last, Decimal("600"), decision_date=today - datetime.timedelta(days=160))

    page = client.get(reverse("wagtailsnippets_involvement_grants_grantfund:list")).content
    cells = [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", page.decode(), re.S)]

    assert "Carried over" in page.decode()
    assert [c for c in cells if c.startswith("£")] == ["£2,000", "£400", "£0", "£2,400"]


def test_application_list_shows_the_review_date_as_a_date(client, officer, chest):
    application = award(chest, Decimal("500"), decision_date=datetime.date.today())

    url = reverse("wagtailsnippets_involvement_grants_grantapplication:list")
    page = client.get(url).content.decode()

    assert application.review_due_on.strftime("%-d %b %Y") in page
    assert "Just now" not in page
