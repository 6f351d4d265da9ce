"""The three staff roles, named once for every app to declare what each may reach.

Each app lists, on its ``AppConfig``, the permissions each role needs there
(``involvement_roles``) and the page types editors look after
(``involvement_editor_pages``); ``manage.py setup_involvement_groups`` gathers them.
This module imports no models, so an ``apps.py`` can use it.
"""

EDITORS = "Communications editors"
OFFICERS = "Involvement officers"
EQUALITY = "Equality data"
CRUD = ("add", "change", "delete", "view")


def crud(*models, actions=CRUD):
    """The codenames of ``actions`` on each model: crud("panel") -> ("add_panel", ...)."""
    return tuple(f"{action}_{model}" for model in models for action in actions)
