"""Satisfaction with involvement over survey waves (TP06 to TP08; BVPI 57 for older waves)."""


def satisfaction_section(request, year, landlord=None):
    """The dashboard's satisfaction :class:`Section`, or None when there is nothing."""
    return None
