"""Builds the demo landlord group's site from the data files in ``data/``.

The files hold facts taken from published involvement strategies (see data/NOTES.md).
Loading is create-if-missing: a second run changes nothing, and pages an editor has
changed are left alone.
"""

import json
from pathlib import Path

from django.utils.html import escape
from django.utils.text import slugify

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from cms_site.models import HomePage
from involvement_pages.models import InvolvementMenuPage, OpportunityPage
from involvement_pages.site_settings import ContactDetails
from involvement_pages.snippets import (
    Area,
    Audience,
    Landlord,
    ParticipationFormat,
    ServiceArea,
    SupportOption,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# The address `make run` serves; Wagtail's migrations make the first Site localhost:80.
DEMO_HOSTNAME, DEMO_PORT = "127.0.0.1", 8000
WAGTAIL_FIRST_SITE = ("localhost", 80)


def read(name):
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return json.load(f)


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def body_stream(paragraphs):
    return [("paragraph", RichText(paragraphs_html([p]))) for p in paragraphs]


def ensure_snippets(model, rows, **resolvers):
    """Create each row missing by slug; return {slug: instance} for every row.

    ``resolvers`` turn a row's reference (a landlord's slug, say) into an instance.
    """
    existing = {obj.slug: obj for obj in model.objects.all()}
    for row in rows:
        if row["slug"] not in existing:
            fields = {k: v for k, v in row.items() if _is_field(model, k)}
            for key, resolve in resolvers.items():
                fields[key] = resolve(row.get(key))
            existing[row["slug"]] = model.objects.create(**fields)
    return existing


def _is_field(model, name):
    return any(f.name == name for f in model._meta.concrete_fields)


def ensure_home(site_data):
    """The demo HomePage at the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for welcome in root.get_children().filter(content_type__model="page", slug="home"):
            if not welcome.get_children().exists():
                welcome.delete()
        root.refresh_from_db()  # django-treebeard 4 (Wagtail 7.0-7.2) keeps the old numchild
        home = HomePage(
            title=site_data["title"],
            slug="home",
            intro=site_data["intro"],
            body=body_stream(site_data["body"]),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=DEMO_HOSTNAME,
            port=DEMO_PORT,
            root_page=home,
            is_default_site=True,
            site_name=site_data["site_name"],
        )
    else:
        changed = False
        if site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site_data["site_name"]
            changed = True
        if (site.hostname, site.port) == WAGTAIL_FIRST_SITE:
            # Links in emails sent without a request come from the Site: make them reach
            # the demo. A Site someone has set is left alone.
            site.hostname, site.port = DEMO_HOSTNAME, DEMO_PORT
            changed = True
        if changed:
            site.save()
    ensure_contact_details(site_data["contact"])
    return home


def ensure_contact_details(contact):
    """The team's (fictional) contact details for the footer and emails, unless already set."""
    site = Site.objects.get(is_default_site=True)
    ContactDetails.objects.get_or_create(site=site, defaults=contact)


def ensure_child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def load_menu(stdout=None):
    """The menu of involvement: lists, the menu page and every opportunity."""
    site_data = read("site.json")
    data = read("menu.json")
    group = data["group"]
    landlords = ensure_snippets(Landlord, group["landlords"])
    areas = ensure_snippets(Area, data["areas"], landlord=landlords.get)
    services = ensure_snippets(ServiceArea, data["service_areas"])
    support = ensure_snippets(SupportOption, data["support_options"])
    audiences = {a.slug: a for a in Audience.objects.all()}
    formats = {f.slug: f for f in ParticipationFormat.objects.all()}

    home = ensure_home(site_data)
    menu, _ = ensure_child(
        home,
        InvolvementMenuPage,
        slug="get-involved",
        title=site_data["menu"]["title"],
        intro=site_data["menu"]["intro"],
        search_description=site_data["menu"]["intro"],
        show_in_menus=True,
    )
    created = 0
    for row in data["opportunities"]:
        page = OpportunityPage(
            title=row["title"],
            summary=row["summary"],
            search_description=row["summary"],
            body=body_stream(row["body"]),
            level=row["level"],
            tier=row["tier"],
            status=row["status"],
            commitment=row["commitment"],
            time_commitment=row["time_commitment"],
            all_areas=row["areas"] == "all",
            skills_and_training=row["skills_and_training"],
            how_to_join=paragraphs_html([row["how_to_join"]]),
            contact_email=group["contact_email"],
            contact_phone=group["contact_phone"],
        )
        page.service_areas = [services[s] for s in row["service_areas"]]
        page.areas = [] if row["areas"] == "all" else [areas[s] for s in row["areas"]]
        page.audiences = [audiences[s] for s in row["audiences"]]
        page.formats = [formats[s] for s in row["formats"]]
        page.support = [support[s] for s in row["support"]]
        slug = row.get("slug") or slugify(row["title"])
        if not OpportunityPage.objects.child_of(menu).filter(slug=slug).exists():
            page.slug = slug
            menu.add_child(instance=page)
            page.save_revision().publish()
            created += 1
    if stdout:
        stdout.write(f"Menu of involvement: {created} opportunities added.")
    return menu
