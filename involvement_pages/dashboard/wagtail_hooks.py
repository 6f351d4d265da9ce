from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from . import urls, views

# The dashboard page and its menu item


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("involvement/dashboard/", include(urls, namespace="involvement_dashboard"))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_see_dashboard(request.user)


@hooks.register(INVOLVEMENT_MENU_HOOK)
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Dashboard"), reverse("involvement_dashboard:index"), icon_name="view", order=5
    )


# End of the dashboard page and its menu item
