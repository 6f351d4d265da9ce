"""Full web addresses for links read away from our pages: in emails, calendar feeds,
structured data, the sitemap and printed leaflets.

Where a request is being answered, a link names the scheme and host the visitor used, as
Django's ``request.build_absolute_uri`` gives them (so ``ALLOWED_HOSTS``,
``USE_X_FORWARDED_HOST`` and ``SECURE_PROXY_SSL_HEADER`` apply as they do everywhere
else). Work done after the request (an email sent by a task) carries that request's
*origin* with it. With no request at all, the address is the one configured: the Wagtail
Site the page belongs to (its hostname and port), or ``WAGTAILADMIN_BASE_URL`` while that
Site still names an address only the server itself can reach, as Wagtail's first Site,
``localhost`` port 80, does. Links into the admin take ``WAGTAILADMIN_BASE_URL`` first:
the admin may live on a host of its own. docs/installing.md says what a landlord sets.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page, Site

LOCAL_NAMES = {"localhost", "localhost.localdomain"}


def is_local(hostname):
    """Whether ``hostname`` is one only the server itself can reach (so no use in an email)."""
    name = (hostname or "").strip("[]").lower()
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def admin_base_url():
    """``WAGTAILADMIN_BASE_URL`` without its trailing slash; "" when it is not set."""
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", None) or "").rstrip("/")


def configured_origin(root_url=None):
    """The start of a link built with no request, for a site whose Site record gives
    ``root_url`` (the default site's when None)."""
    if root_url is None:
        site = Site.objects.filter(is_default_site=True).first()
        root_url = site.root_url if site is not None else ""
    base = admin_base_url()
    if root_url and not (base and is_local(urlsplit(root_url).hostname)):
        return root_url
    return base or root_url


def origin_of(url):
    """``scheme://host[:port]`` of a full address; "" for a relative one."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def absolute_url(target, request=None, *, origin=None):
    """The full address of ``target``: a page, or a path from the site's root ("/calendar/").

    ``origin`` is the scheme and host a request used (see ``request_origin``), for work done
    after that request; with neither, the configured address. "" for a page that cannot be
    reached (not routable, or under no site).
    """
    if isinstance(target, Page):
        if request is not None:
            # Relative when the page is on the site this request is for; otherwise Wagtail
            # names the page's own site, and the visitor's host would be the wrong one.
            url = target.get_url(request)
            return request.build_absolute_uri(url) if url else ""
        parts = target.get_url_parts()
        if parts is None or parts[2] is None:
            return ""
        _site_id, root_url, path = parts
        return (origin or configured_origin(root_url)) + path
    if request is not None:
        return request.build_absolute_uri(target)
    return (origin or configured_origin()) + target


def request_origin(page, request):
    """The origin to hand to a task that will link to ``page`` after ``request`` is over."""
    return origin_of(absolute_url(page, request))


def admin_url(path, request=None, *, origin=None):
    """The full address of an admin ``path`` ("/admin/..."), for officers' emails."""
    base = admin_base_url()
    return base + path if base else absolute_url(path, request, origin=origin)
