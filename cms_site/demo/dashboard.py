"""The demo group's customer profile and satisfaction waves, from ``data/dashboard.json``.

Only what the seeds give is entered (see data/NOTES.md): Thirteen's "more than 32,000
homes" as the whole group's number of customers for the year the demo is loaded in. No
seed gives customers' shares by age, gender, ethnicity, disability, sexual orientation or
religion, nor a survey's TP06 to TP08 or BVPI 57 result with its sample size, so none is
made up: the dashboard then says what is missing. Create-if-missing by landlord and year,
and waves by name: a second run adds nothing.
"""

import datetime

from django.utils import timezone

from involvement_pages.dashboard.profiles import CustomerProfile, ProfileGroup, SatisfactionWave
from involvement_pages.snippets import Landlord
from involvement_pages.years import year_of

from .site import read


def load_dashboard(stdout=None):
    data = read("dashboard.json")
    year = year_of(timezone.localdate()).start.year
    profiles = sum(ensure_profile(row, year) for row in data["profiles"])
    waves = sum(ensure_wave(row) for row in data["waves"])
    if stdout and (profiles or waves):
        stdout.write(f"Dashboard: {profiles} customer profiles, {waves} satisfaction waves.")


def _landlord(slug):
    return Landlord.objects.filter(slug=slug).first() if slug else None


def ensure_profile(row, year):
    landlord = _landlord(row["landlord"])
    if CustomerProfile.objects.filter(landlord=landlord, year=year).exists():
        return 0
    profile = CustomerProfile.objects.create(
        landlord=landlord, year=year, customers=row["customers"], source=row["source"]
    )
    for group in row["groups"]:
        ProfileGroup.objects.create(profile=profile, **group)
    return 1


def ensure_wave(row):
    if SatisfactionWave.objects.filter(name=row["name"]).exists():
        return 0
    fields = {**row, "held_on": datetime.date.fromisoformat(row["held_on"])}
    fields["landlord"] = _landlord(row.get("landlord"))
    SatisfactionWave.objects.create(**fields)
    return 1
