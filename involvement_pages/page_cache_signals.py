"""What moves the page cache on: any change a public page could show.

Broad on purpose: passing over every cached page on a change costs one render each, while
a change missed would show residents a stale page until its copy expires.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from .page_cache import pages

UID = "involvement_pages:page_cache"
# The plugin's apps (panels, grants, sign-ups whose places show on events...); not the
# importers' own bookkeeping, which changes nothing shown. Any app's pages, snippets and
# site settings count too, the host's included.
SHOWN_APP_LABELS = ("involvement_",)
# Records no public page shows: a resident joining the register, answering a consultation
# or claiming expenses must not throw away every kept page (a busy day brings hundreds).
# A sign-up still does: places left show on events.
NEVER_SHOWN = {
    "involvement_forms.person",
    "involvement_forms.registersubmission",
    "involvement_forms.equalitymonitoring",
    "involvement_consultations.consultationresponse",
    "involvement_expenses.expenseclaim",
    "involvement_expenses.expenseline",
    "involvement_expenses.receipt",
}


def shown(model):
    label = model._meta.app_label
    if model._meta.label_lower in NEVER_SHOWN:
        return False
    return (
        label.startswith(SHOWN_APP_LABELS)
        or issubclass(model, (Page, Site, PageViewRestriction, BaseGenericSetting, BaseSiteSetting))
        or model in get_snippet_models()
    )


def _record_changed(sender, **kwargs):
    if shown(sender):
        pages.changed()


for name, signal in [
    ("published", page_published),
    ("unpublished", page_unpublished),
    ("moved", post_page_move),
]:
    signal.connect(pages.changed, dispatch_uid=f"{UID}:{name}")
post_save.connect(_record_changed, dispatch_uid=f"{UID}:saved")
post_delete.connect(_record_changed, dispatch_uid=f"{UID}:deleted")
