"""The sitemap search engines read, with every address on the host they asked on."""

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .links import absolute_url


class Sitemap(WagtailSitemap):
    """Wagtail's sitemap of every live, public page, served with the request's scheme and
    host instead of the Site record's (which is ``http://localhost`` until someone edits it).

    Pages give their own entries (``get_sitemap_urls``) from their Site record; an entry on
    the site being served is moved to the request's origin, one on another site is left.
    Wire it with Wagtail's view: ``path("sitemap.xml", sitemap, {"sitemaps": {"wagtail":
    Sitemap}})``.
    """

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        if self.request is None:
            return urls
        root_url = self.get_wagtail_site().root_url
        for entry in urls:
            location = entry.get("location") or ""
            if location == root_url or location.startswith(root_url + "/"):
                entry["location"] = absolute_url(location[len(root_url) :] or "/", self.request)
        return urls


def with_subpages(page, urls, route, entries):
    """A routable page's own sitemap ``urls`` followed by one entry for each of its
    sub-pages under ``route``; ``entries`` gives (the route's argument, lastmod or None).
    A page with no address of its own (private, not routable) lists none."""
    if not urls:
        return urls
    base = urls[0]["location"]
    for argument, lastmod in entries:
        entry = {"location": base + page.reverse_subpage(route, args=[argument])}
        if lastmod is not None:
            entry["lastmod"] = lastmod
        urls.append(entry)
    return urls
