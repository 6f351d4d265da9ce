"""Run under the minimal host's settings: migrate, publish a menu, fetch it."""

import django
from django.core.management import call_command

django.setup()

from django.test import Client  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402

from involvement_pages.models import InvolvementMenuPage, OpportunityPage  # noqa: E402

call_command("check", fail_level="WARNING")
call_command("migrate", verbosity=0)
root = Page.get_first_root_node()
menu = (
    root.get_children()
    .first()
    .add_child(instance=InvolvementMenuPage(title="Have your say", slug="have-your-say"))
)
menu.add_child(
    instance=OpportunityPage(
        title="Estate walkabouts",
        summary="Walk your estate with us.",
        level="giving_views",
        tier="local",
        commitment="one_off",
    )
)
Site.objects.update(hostname="testserver")
response = Client().get("/have-your-say/?level=giving_views")
assert response.status_code == 200, response.status_code
assert "Estate walkabouts" in response.content.decode()
assert "a landlord's own site" in response.content.decode()  # the host's own base.html
print("minimal host OK")
