"""Settings the panels read, with their defaults; a host sets only what it changes.

INVOLVEMENT_PANEL_RULES
    The membership rules (see ``involvement_pages.panels.models``), overridden key by key:
    ``{"one_corporate_group": False}`` turns that rule off and keeps the others.
"""

from django.conf import settings

DEFAULTS = {
    "INVOLVEMENT_PANEL_RULES": {
        "one_corporate_group": True,
        "board_not_on_scrutiny": True,
        "board_kinds": ["board"],
        "scrutiny_kinds": [
            "customer_council",
            "scrutiny_panel",
            "complaints_panel",
            "youth_panel",
        ],
        # Co-opted members bring skills, not a landlord's voice, so they do not fill a quota.
        "quota_excludes_roles": ["co_opted"],
    },
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def panel_rules():
    """The rules in force: the defaults, overridden key by key by the host's setting."""
    return {**DEFAULTS["INVOLVEMENT_PANEL_RULES"], **get("INVOLVEMENT_PANEL_RULES")}
