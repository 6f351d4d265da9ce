"""What moves the page cache on: any change a public page could show.

Broad on purpose: passing over every cached page on a change costs one render each, while
a change missed would show residents a stale page until its copy expires. Only the records
residents make all day are narrower: a sign-up passes over the pages that show its form's
places, and the annual report; joining the register passes over the annual report alone.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from .page_cache import RECORDS, moved_on, pages, places_of

UID = "involvement_pages:page_cache"
# The plugin's apps (panels, grants, meetings...); not the
# importers' own bookkeeping, which changes nothing shown. Any app's pages, snippets and
# site settings count too, the host's included.
SHOWN_APP_LABELS = ("involvement_",)
# Records that only the annual report's live figures show, besides the places left on a
# sign-up's form: a resident joining the register, signing up, answering a consultation or
# claiming expenses must not throw away every kept page (a busy day brings hundreds).
RECORDS_SHOWN_BY_COUNTS = {
    "involvement_forms.person",
    "involvement_forms.registersubmission",
    "involvement_forms.signup",
    "involvement_forms.equalitymonitoring",
    "involvement_consultations.consultationresponse",
    "involvement_expenses.expenseclaim",
    "involvement_expenses.expenseline",
    "involvement_expenses.receipt",
}


def shown(model):
    return (
        model._meta.app_label.startswith(SHOWN_APP_LABELS)
        or issubclass(model, (Page, Site, PageViewRestriction, BaseGenericSetting, BaseSiteSetting))
        or model in get_snippet_models()
    )


def _record_changed(sender, instance, **kwargs):
    label = sender._meta.label_lower
    if label == "involvement_forms.signup":
        moved_on(RECORDS, places_of(instance.page_id))
    elif label in RECORDS_SHOWN_BY_COUNTS:
        moved_on(RECORDS)
    elif shown(sender):
        pages.changed()


for name, signal in [
    ("published", page_published),
    ("unpublished", page_unpublished),
    ("moved", post_page_move),
]:
    signal.connect(pages.changed, dispatch_uid=f"{UID}:{name}")
post_save.connect(_record_changed, dispatch_uid=f"{UID}:saved")
post_delete.connect(_record_changed, dispatch_uid=f"{UID}:deleted")
