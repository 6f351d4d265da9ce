"""Involved people's equality profile set against the customer profile (Gateshead's PI.3)."""


def representativeness_section(request, year, landlord=None):
    """The dashboard's representativeness :class:`Section`, or None when there is nothing."""
    return None
