"""Every kind of record a landlord can import, by the name the command line uses."""

from django.utils.translation import gettext

from .grants import GrantApplicationResource, GrantFundResource, GrantRoundResource
from .pages import EventResource, OpportunityResource
from .panels import MeetingResource, MembershipResource, PanelResource
from .people import PersonResource

RESOURCES = {
    resource.name: resource
    for resource in (
        PersonResource,
        PanelResource,
        MembershipResource,
        MeetingResource,
        GrantFundResource,
        GrantRoundResource,
        GrantApplicationResource,
        OpportunityResource,
        EventResource,
    )
}


def get_resource_class(name):
    try:
        return RESOURCES[name]
    except KeyError:
        known = ", ".join(sorted(RESOURCES))
        raise LookupError(
            gettext("There is no '%(name)s' import. Choose one of: %(known)s.")
            % {"name": name, "known": known}
        ) from None
