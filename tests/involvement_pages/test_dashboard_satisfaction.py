"""Satisfaction survey waves: a trend with the sample beside each figure, and what changed."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory

import pytest

from involvement_pages.dashboard.profiles import SatisfactionWave
from involvement_pages.dashboard.satisfaction import satisfaction_section
from involvement_pages.years import year_of
from tests.involvement_pages.factories import LandlordFactory

YEAR = year_of(datetime.date(2026, 6, 1))


def wave(name, held_on, sample_size=400, landlord=None, method="postal", **figures):
    return SatisfactionWave.objects.create(
        name=name,
        held_on=held_on,
        sample_size=sample_size,
        landlord=landlord,
        method=method,
        **{key: Decimal(value) for key, value in figures.items()},
    )


def percents(figures):
    return [Decimal(figure) for figure in figures.split()]


def section_for(officer, landlord=None, year=YEAR):
    request = RequestFactory().get("/admin/involvement/dashboard/")
    request.user = officer
    return satisfaction_section(request, year, landlord)


def rendered(section):
    request = RequestFactory().get("/")
    return render_to_string(section.template, section.context, request)


@pytest.mark.django_db
def test_the_trend_runs_oldest_first_with_the_sample_beside_each_figure(officer):
    wave("TSM 2025/26", datetime.date(2026, 3, 31), 612, tp06="63.8", tp07="70.1", tp08="75.0")
    wave("TSM 2024/25", datetime.date(2025, 3, 31), 580, tp06="61.0", tp07="70.1", tp08="76.2")
    wave("Next year's", datetime.date(2027, 6, 30), 500, tp06="70.0")  # after the year
    table = section_for(officer).tables[0]
    assert table.chart == "line"
    assert table.headers == [
        "Survey",
        "Survey date",
        "Landlord",
        "Method",
        "Number who answered",
        "TP06: listens to views and acts upon them (%)",
        "TP07: keeps tenants informed (%)",
        "TP08: treats tenants fairly and with respect (%)",
    ]
    assert table.rows == [
        ["TSM 2024/25", "31 Mar 2025", "Whole group", "Post", 580, *percents("61.0 70.1 76.2")],
        ["TSM 2025/26", "31 Mar 2026", "Whole group", "Post", 612, *percents("63.8 70.1 75.0")],
    ]


@pytest.mark.django_db
def test_a_plain_sentence_compares_the_latest_wave_with_the_one_before(officer):
    wave("TSM 2024/25", datetime.date(2025, 3, 31), 580, tp06="61.0", tp07="70.1", tp08="76.2")
    wave("TSM 2025/26", datetime.date(2026, 3, 31), 612, tp06="63.8", tp07="70.1", tp08="75.0")
    html = rendered(section_for(officer))
    assert "The latest survey is TSM 2025/26, which closed on 31 March 2026: 612 people" in html
    assert (
        "TP06: listens to views and acts upon them: 63.8% in TSM 2025/26 (612 answered), "
        "up 2.8 points from 61.0% in TSM 2024/25 (580 answered)."
    ) in html
    assert "TP07: keeps tenants informed: 70.1% in TSM 2025/26 (612 answered), the same" in html
    assert "down 1.2 points from 76.2%" in html


@pytest.mark.django_db
def test_a_small_sample_is_to_be_treated_with_care(officer):
    wave("Involved tenants survey", datetime.date(2026, 2, 1), 62, tp06="81.0")
    section = section_for(officer)
    warning = "Only 62 people answered Involved tenants survey: treat its figures with care."
    assert warning in rendered(section)
    assert warning in section.tables[0].notes
    assert "nothing to compare it with yet" in rendered(section)


@pytest.mark.django_db
def test_older_waves_show_bvpi_57_and_a_landlord_sees_only_its_own(officer):
    erimus = LandlordFactory(name="Erimus Housing")
    wave("STATUS 2005", datetime.date(2005, 11, 30), 1100, landlord=erimus, bvpi57="56.0")
    wave("TSM 2025/26", datetime.date(2026, 3, 31), 300, landlord=erimus, tp06="60.0")
    wave("Group TSM", datetime.date(2026, 3, 31), 900, tp06="65.0")
    table = section_for(officer, erimus).tables[0]
    assert "Landlord" not in table.headers
    assert table.headers[-2:] == [
        "TP06: listens to views and acts upon them (%)",
        "BVPI 57: opportunities to take part (%)",
    ]
    assert [row[0] for row in table.rows] == ["STATUS 2005", "TSM 2025/26"]
    html = rendered(section_for(officer, erimus))
    assert (
        "TSM 2025/26 and STATUS 2005 asked different questions, so they cannot be compared" in html
    )


@pytest.mark.django_db
def test_for_the_whole_group_only_waves_of_the_same_landlord_are_compared(officer):
    erimus = LandlordFactory(name="Erimus Housing")
    wave("Group TSM 2024/25", datetime.date(2025, 3, 31), 900, tp06="60.0")
    wave("Erimus TSM 2025/26", datetime.date(2026, 1, 31), 300, landlord=erimus, tp06="70.0")
    wave("Group TSM 2025/26", datetime.date(2026, 3, 31), 950, tp06="62.5")
    html = rendered(section_for(officer))
    assert "62.5% in Group TSM 2025/26 (950 answered), up 2.5 points from 60.0%" in html
    assert "from 70.0%" not in html


@pytest.mark.django_db
def test_no_section_without_waves(officer):
    assert section_for(officer) is None


def test_a_figure_is_a_percentage():
    entered = SatisfactionWave(
        name="TSM", held_on=datetime.date(2026, 3, 31), method="online", sample_size=0
    )
    entered.tp06 = Decimal("101.0")
    with pytest.raises(ValidationError) as error:
        entered.full_clean()
    assert {"tp06", "sample_size"} <= set(error.value.message_dict)
