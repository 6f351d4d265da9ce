"""Logging in as one of the staff roles, with the groups as a host's set-up command makes them."""

from django.contrib.auth.models import Group, Permission, User

from involvement_pages.groups import setup_groups


def staff(client, *groups, username=None, permissions=()):
    """A user in ``groups`` (plus any ``permissions`` by codename), logged in on ``client``.

    The groups are set up here, after the test's pages exist, as a host runs
    ``setup_involvement_groups`` after adding its menu and calendar pages.
    """
    setup_groups()
    user = User.objects.create_user(username or "-".join(groups).replace(" ", "-") or "staff")
    user.groups.set(Group.objects.filter(name__in=groups))
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__startswith="involvement_", codename__in=permissions
        )
    )
    client.force_login(user)
    return user
