"""Every kind of record a landlord can import, by the name the command line uses."""

from .people import PersonResource

RESOURCES = {
    "people": PersonResource,
}


def get_resource_class(name):
    try:
        return RESOURCES[name]
    except KeyError:
        known = ", ".join(sorted(RESOURCES))
        raise LookupError(f"There is no '{name}' import. Choose one of: {known}.") from None
