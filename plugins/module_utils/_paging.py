# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""One walker over paged lists, whatever the server answers.

``walk(paging, limit)`` reads pages until the list ends, ``limit`` items came,
or a bound is reached; it owns what every paged read needs: the absolute bound
on pages (``MAX_PAGES``), the tighter bound a first page's total gives, the
end at an empty page, and clear errors for an answer without its list and for
paging that does not end. A ``Paging`` says how one list pages:
``OffsetPaging`` (offset and limit parameters, for servers that cap a page
below the limit asked for) and ``LinkPaging`` (each page names the next one;
the link must stay on the configured server, which ``HTTPClient.url_for``
checks). A vendor subclasses one of them with its field names and hints only.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import ResponseFormatError

# A bound on the pages of one list whatever the server says.
MAX_PAGES = 10000


def page_bound(total, first_page):
    """How many pages a walk may read: what a first page's ``total`` needs at the first page's size, two more for
    items added meanwhile, and never more than ``MAX_PAGES``."""
    if isinstance(total, int) and not isinstance(total, bool) and total >= 0 and first_page > 0:
        return min(MAX_PAGES, -(-total // first_page) + 2)
    return MAX_PAGES


class Paging:
    """How one list pages. A request is a ``(path, params)`` pair; one ``Paging`` serves one walk.

    ``list_field`` is the field of a page that holds the items, ``noun`` what
    messages call them, ``total_field`` the field of the first page that
    counts the whole list (None: the server does not say), ``endless_hint``
    the hint of the error for paging that does not end.
    """

    list_field = 'data'
    noun = 'items'
    total_field = None
    endless_hint = None

    def __init__(self, client, vendor, path, params=None, page_size=100):
        self.client = client
        self.vendor = vendor
        self.path = path
        self.params = dict(params or {})
        self.page_size = page_size

    def item(self, raw):
        """One item of a page as the caller wants it (a vendor checks or reshapes it here)."""
        return raw

    def first(self, limit):
        """The request for the first page."""
        raise NotImplementedError

    def fetch(self, request):
        """The decoded page ``request`` asks for (default: a GET; a vendor may POST or unwrap the answer)."""
        return self.client.get(request[0], params=request[1]).json()

    def check(self, request, batch):
        """Refuse a page that repeats what came before (nothing by default)."""

    def following(self, page, batch, request, count, limit):
        """The request for the page after ``page``, or None when ``page`` is the last."""
        raise NotImplementedError

    def endless(self, pages, count, total):
        """What the error says when pages still follow at the bound."""
        return 'still had %s to give after %d pages (%d %s)' % (self.noun, pages, count, self.noun)


class OffsetPaging(Paging):
    """Pages asked for by ``offset`` and ``limit``.

    A server may cap the items of one call below the ``limit`` asked for, so a
    short page is not the last one by itself: paging stops at a page the server
    calls the last (``said_more``), or, when it says nothing, at a page shorter
    than the largest before it (that is the server's cap); an empty page ends
    the list too. ``key(item)``, when a vendor defines it, names an item: a
    page that brings no item not seen before means the server ignores the offset.
    """

    key = None

    def __init__(self, client, vendor, path, params=None, page_size=100):
        super(OffsetPaging, self).__init__(client, vendor, path, params, page_size)
        self.largest = 0
        self.seen = set()

    def said_more(self, page):
        """True or False when ``page`` says whether more follow, None when it says nothing."""
        return None

    def request(self, offset, count, limit):
        want = self.page_size if limit is None else min(self.page_size, limit - count)
        return self.path, dict({'offset': offset, 'limit': want}, **self.params)

    def first(self, limit):
        return self.request(0, 0, limit)

    def check(self, request, batch):
        if self.key is None:
            return
        keys = set(self.key(item) for item in batch)  # pylint: disable=not-callable
        if batch and not keys - self.seen:
            raise ResponseFormatError(
                'GET %s returned the same %s again for offset %d' % (urlsplit(request[0]).path, self.noun, request[1]['offset']),
                vendor=self.vendor, hint='the server seems to ignore the offset parameter; set limit to read one page only',
            )
        self.seen.update(keys)

    def following(self, page, batch, request, count, limit):
        more = self.said_more(page)
        if more is None:
            more = len(batch) >= self.largest
        if not more:
            return None
        self.largest = max(self.largest, len(batch))
        return self.request(request[1]['offset'] + len(batch), count, limit)


class LinkPaging(Paging):
    """Pages that name the next one (``next_link``); the first is asked for by ``offset`` 0 and ``limit``.

    A server-relative link is resolved against the configured server; an
    absolute one must stay on it (``HTTPClient.url_for`` refuses others). A
    link named twice stops the walk.
    """

    total_field = 'total'

    def __init__(self, client, vendor, path, params=None, page_size=100):
        super(LinkPaging, self).__init__(client, vendor, path, params, page_size)
        self.seen = set()

    def next_link(self, page):
        """The link to the page after ``page``, or None."""
        raise NotImplementedError

    def first(self, limit):
        return self.path, dict(self.params, offset=0, limit=self.page_size)

    def following(self, page, batch, request, count, limit):
        link = self.next_link(page)
        if not link:
            return None
        if link in self.seen:
            raise ResponseFormatError('GET %s pointed to the page %s twice' % (urlsplit(request[0]).path, link), vendor=self.vendor,
                                      hint='the server seems to ignore the offset parameter')
        self.seen.add(link)
        return self.resolve(link), None

    def resolve(self, link):
        if '://' in link:
            return link
        parts = urlsplit(self.client.base_url)
        return '%s://%s%s' % (parts.scheme, parts.netloc, link)

    def endless(self, pages, count, total):
        return 'still pointed to a next page after %d pages and %d %s (the first page gave a total of %s)' % (pages, count, self.noun, total)


def walk(paging, limit=None):
    """Every item of the list ``paging`` describes, or its first ``limit`` items.

    Each page read on brings at least one item (an empty page ends the list),
    so ``limit`` items need at most ``limit`` pages; no walk reads more than
    ``MAX_PAGES``, nor more than a first page's total needs (``page_bound``).
    """
    items = []
    pages = 0
    most = MAX_PAGES if limit is None else min(MAX_PAGES, limit)
    total = None
    request = paging.first(limit)
    while True:
        page = paging.fetch(request)
        pages += 1
        raw = page.get(paging.list_field) if isinstance(page, dict) else None
        if not isinstance(raw, list):
            raise ResponseFormatError('GET %s returned no "%s" list' % (urlsplit(request[0]).path, paging.list_field), vendor=paging.vendor)
        batch = [paging.item(entry) for entry in raw]
        if pages == 1 and paging.total_field:
            total = page.get(paging.total_field)
            most = min(most, page_bound(total, len(batch)))
        paging.check(request, batch)
        items.extend(batch)
        if not batch or (limit is not None and len(items) >= limit):
            break
        request = paging.following(page, batch, request, len(items), limit)
        if request is None:
            break
        if pages >= most:
            raise ResponseFormatError(
                'GET %s %s; the collection stops there rather than read pages without end' % (paging.path, paging.endless(pages, len(items), total)),
                vendor=paging.vendor, hint=paging.endless_hint,
            )
    return items[:limit] if limit is not None else items
