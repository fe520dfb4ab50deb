# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""BMC Discovery calls: the error reader and its hints, ``connect``, the API version, and ``DiscoveryAPI``.

The rule of this file: functions here are thin, one HTTP call each (the search
pages are one call per page through ``_paging.walk``); what a module decides
lives in ``resources``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import time

from urllib.parse import urlencode, urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec
from ansible_collections.restauth.enterprise.plugins.module_utils._cache import KIND_API_VERSION, CacheUnavailable, TokenCache
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, get_or_none, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import NotFoundError, OptionError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._paging import Paging, walk
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.auth import authenticator_for

LOGIN_REFUSED_HINT = ('the user name or password is wrong, or the user is deactivated or locked (no token is given to the local '
                      'System user either); check username and password (or DISCOVERY_USERNAME, DISCOVERY_PASSWORD)')
TOKEN_REFUSED_HINT = ('the token is not accepted: a token from /api/token expired, or the user that owns the token was deactivated '
                      'or deleted; get a new one with restauth.enterprise.discovery_token, or give username and password '
                      'instead of token so the module can log in')
HTTPS_HINT = ('the appliance serves its REST API over HTTPS only (over plain HTTP it answers only /api/about); '
              'use an https:// url')
PERMISSION_HINT = ('the user lacks a permission for this call; every REST call needs the %s permission, and each call the '
                   'permission of its action in the user interface (for example to change the credential vault or start a run)'
                   % protocol.API_ACCESS_PERMISSION)
TRANSIENT_HINT = 'the appliance says the failure is temporary (transient); try again later'
_VERSION_RE = re.compile(r'^\d+(\.\d+)*$')


def is_transient(response):
    """Whether an error answer carries ``"transient": true`` (VERIFIED field; retried like a 503 by the client)."""
    body = response.error_body()
    return isinstance(body, dict) and body.get(protocol.TRANSIENT_FIELD) is True


def describe_error(response):
    """Read ``{message, code, transient}`` and add the hint for 401, 403 and transient failures."""
    body = response.error_body()
    message = code = None
    if isinstance(body, dict):
        text = body.get(protocol.MESSAGE_FIELD)
        message = text.strip() if isinstance(text, str) and text.strip() else None
        code = body.get(protocol.CODE_FIELD)
    hint = None
    if response.status == 401:
        hint = LOGIN_REFUSED_HINT if response.path.rstrip('/') == protocol.TOKEN_PATH else TOKEN_REFUSED_HINT
    elif response.status == 403:
        plain = urlsplit(response.url).scheme == 'http' or message == protocol.HTTP_FORBIDDEN_MESSAGE
        hint = HTTPS_HINT if plain else PERMISSION_HINT
    elif is_transient(response):
        hint = TRANSIENT_HINT
    if message is None and hint is None:
        return None
    return ErrorInfo(message=message, code=code, hint=hint)


def version_key(text):
    """``"1.10"`` as ``(1, 10)``, so versions compare numerically; None for a value that is not a version."""
    text = str(text).strip().lstrip('vV')
    if not _VERSION_RE.match(text):
        return None
    return tuple(int(part) for part in text.split('.'))


def highest_version(versions):
    """The highest of ``versions`` by numeric compare ("1.10" beats "1.9"), or None."""
    known = [(version_key(value), str(value).strip().lstrip('vV')) for value in versions or () if version_key(value) is not None]
    return max(known)[1] if known else None


def check_version(value):
    """The ``api_version`` option as the path wants it (``1.14``; a leading ``v`` is dropped), or None."""
    if value is None or str(value).strip() == '':
        return None
    if version_key(value) is None:
        raise OptionError('api_version %r is not a version such as 1.14' % (value,), vendor=VENDOR,
                          hint='give one of the api_versions GET /api/about lists, or leave api_version unset to use the highest')
    return str(value).strip().lstrip('vV')


def version_slot(url, warn, timeout, cache_url=None):
    """The token cache entry holding the api_version negotiated for ``url`` (no secret: the version is public), or None.

    ``cache_url`` is the ``token_cache_url`` option: the version lives in the cache the login uses.
    """
    try:
        cache = TokenCache.from_environment(url=cache_url, timeout=timeout)
    except CacheUnavailable as exc:
        warn('%s: token_cache is on but the cache cannot be used (%s); the task asks /api/about itself' % (VENDOR, exc))
        return None
    # The kind tells a purge of the cache that this entry holds no login (nothing to log out).
    return cache.slot(VENDOR, url, (KIND_API_VERSION,), (), wait=timeout, warn=warn, about={'kind': KIND_API_VERSION})


def connect(params, warn=None, keep=False):
    """A ``DiscoveryAPI`` for the connection options in ``params`` (module params or validated lookup options)."""
    warn = warn or (lambda message: None)
    params = dict(params)
    params['url'] = url_without_suffix(params.get('url'), '/api', warn)
    version = check_version(params.get('api_version'))
    authenticator = authenticator_for(params, warn)
    client = connect_client(VENDOR, params, authenticator, keep=keep, describe_error=describe_error, warn=warn, transient=is_transient)
    slot = version_slot(client.base_url, warn, client.timeout, params.get('token_cache_url')) if params.get('token_cache') and version is None else None
    return DiscoveryAPI(client, version, slot)


def _rows(body, path):
    """The first result set of a search answer (a JSON array of result sets; a bare object is read as one)."""
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return body[0]
    if isinstance(body, dict):
        return body
    if isinstance(body, list) and not body:
        return {'results': [], 'headings': [], 'count': 0}
    raise ResponseFormatError('POST or GET %s returned no result set' % path, vendor=VENDOR)


class SearchPages(Paging):
    """The rows of one search: pages asked for by ``results_id`` and ``offset=next_offset`` until ``next_offset`` is absent.

    A query whose GET would be longer than ``MAX_GET_LENGTH`` goes by POST with JSON ``{"query"}`` (the paging
    parameters stay in the URL). ``first_set`` is the first page, for the headings and the kind.
    """

    list_field = 'results'
    noun = 'rows'
    total_field = 'count'
    endless_hint = 'narrow the query, or give limit'

    def __init__(self, client, path, query, params=None, page_size=protocol.PAGE_SIZE):
        super(SearchPages, self).__init__(client, VENDOR, path, params, min(page_size, protocol.PAGE_SIZE))
        self.query = query
        longest = dict(self.params, query=query, limit=self.page_size, offset=0, results_id='x' * 40)
        length = len(client.url_for(path)) + 1 + len(urlencode(longest))
        self.by_post = length > protocol.MAX_GET_LENGTH
        self.first_set = None
        self.offsets = set()

    def first(self, limit):
        return self.path, dict(self.params, limit=self.size(0, limit))

    def size(self, count, limit):
        return self.page_size if limit is None else max(1, min(self.page_size, limit - count))

    def fetch(self, request):
        path, params = request
        if self.by_post:
            response = self.client.post(path, params=params, json={'query': self.query})
        else:
            response = self.client.get(path, params=dict(params, query=self.query))
        page = _rows(response.json(), urlsplit(path).path)
        if self.first_set is None:
            self.first_set = page
        return page

    def following(self, page, batch, request, count, limit):
        offset = page.get('next_offset')
        if offset is None or isinstance(offset, bool):
            return None
        if offset in self.offsets or not isinstance(offset, int):
            raise ResponseFormatError('%s %s named the next offset %r again' % ('POST' if self.by_post else 'GET', urlsplit(self.path).path, offset),
                                      vendor=VENDOR, hint='the appliance seems to ignore the offset; give limit to read one page')
        self.offsets.add(offset)
        params = dict(request[1], offset=offset, limit=self.size(count, limit))
        if page.get('results_id'):
            params['results_id'] = page['results_id']
        return request[0], params


def api_pages(api, path, query):
    """``discovery_api`` ``paginate``: every row of a ``results_id``/``next_offset`` list (``query`` holds the search)."""
    query = dict(query)
    search = query.pop('query', None)
    size = int(query.pop('limit', protocol.PAGE_SIZE))
    return walk(SearchPages(api.client, path, search, query, size))


class DiscoveryAPI(VendorAPI):
    """What the Discovery REST API offers the modules, below ``/api/v<api_version>``.

    With a ``version_cache`` (``token_cache: true``, no ``api_version``) every request of the client goes through
    ``_request``: until an answer below the cached version proves the appliance still serves it, a 404 there makes it
    read ``/api/about`` once (see ``protocol.STALE_VERSION_STATUS``) and replace a version no longer listed.
    """

    def __init__(self, client, api_version=None, version_cache=None):
        super(DiscoveryAPI, self).__init__(client)
        self._version = api_version
        self.version_cache = version_cache
        #: True while the version in the paths is the cached one and no answer below it proved it is served.
        self._unproven = False
        #: ``(old root, new root)`` once a stale version was replaced: paths built before (the next search page) move too.
        self._moved = None
        if version_cache is not None:
            # Every caller (the search pages, discovery_api, the inventory) sends through the client: checked there.
            self._send = client.request
            client.request = self._request

    def about(self):
        """``GET /api/about``, which needs no token."""
        return self.client.get(protocol.ABOUT_PATH, authenticated=False).json()

    def served_versions(self):
        """The ``api_versions`` that ``GET /api/about`` lists (a list of strings, maybe empty)."""
        about = self.about()
        versions = about.get(protocol.VERSIONS_FIELD) if isinstance(about, dict) else None
        return [str(version) for version in versions] if isinstance(versions, list) else []

    def negotiate(self, versions):
        """The highest of ``versions``, kept in the cache when there is one."""
        version = highest_version(versions)
        if version is None:
            raise ResponseFormatError('GET %s listed no api_versions' % protocol.ABOUT_PATH, vendor=VENDOR,
                                      hint='set api_version, or check that url points at the appliance')
        if self.version_cache is not None:
            self.version_cache.store({KIND_API_VERSION: version}, time.time() + protocol.VERSION_CACHE_SECONDS)
        return version

    @property
    def api_version(self):
        """The version in every path: the option, else the cached one, else the highest ``/api/about`` lists."""
        if self._version is None:
            cached = self.version_cache.load() if self.version_cache is not None else None
            version = check_version(cached.get(KIND_API_VERSION)) if isinstance(cached, dict) and cached.get(KIND_API_VERSION) else None
            self._unproven = version is not None
            self._version = version if version is not None else self.negotiate(self.served_versions())
        return self._version

    def _request(self, method, path, **kwargs):
        """``HTTPClient.request``, minding a cached version the appliance may no longer serve (an upgrade, a downgrade).

        A read that met the 404 is sent once more below the re-negotiated version; a write is not (it fails saying
        so), since no public source says the appliance refuses an unknown version before it processes the request.
        """
        if self._moved is not None and urlsplit(path).path.startswith(self._moved[0]):
            path = path.replace(self._moved[0], self._moved[1], 1)
        if not self._unproven:
            return self._send(method, path, **kwargs)
        expect = tuple(kwargs.pop('expect', None) or ())
        response = self._send(method, path, expect=expect + (protocol.STALE_VERSION_STATUS,), **kwargs)
        stale, old_root = self._version, self.root() + '/'
        where = urlsplit(path).path
        if not where.startswith(old_root):
            pass  # not below the version (/api/token, /api/about): proves nothing
        elif response.ok:
            self._unproven = False
        elif response.status == protocol.STALE_VERSION_STATUS and self._replace_stale_version():
            method = method.upper()
            self._moved = (old_root, self.root() + '/')
            if method == 'GET' or (method == 'POST' and where.rstrip('/') == old_root + protocol.SEARCH_PATH.lstrip('/')):
                return self._send(method, path.replace(old_root, self.root() + '/', 1), expect=expect, **kwargs)
            raise NotFoundError('%s %s failed with HTTP %s: the appliance no longer serves API version %s, which the token cache held'
                                % (method, response.path, response.status, stale), vendor=VENDOR, status=response.status,
                                hint='the version was re-negotiated with GET %s (now %s) and the cache holds the new one; the %s was '
                                     'not sent again, as the appliance does not say whether it processed it: check on the '
                                     'appliance, then run the task again' % (protocol.ABOUT_PATH, self._version, method))
        if not response.ok and response.status not in expect:
            raise self.client.error_for(response)
        return response

    def _replace_stale_version(self):
        """After a 404 below the cached version: True when ``/api/about`` no longer lists it and it was replaced (once)."""
        self._unproven = False
        stale = self._version
        served = self.served_versions()
        if version_key(stale) in [version_key(version) for version in served]:
            return False  # still served: the 404 is the object's or the endpoint's
        self.version_cache.drop(stale, field=KIND_API_VERSION)
        self._version = self.negotiate(served)
        self.client.warn('%s: the appliance no longer serves API version %s, which the token cache held; the tasks now use %s '
                         '(the highest GET %s lists)' % (VENDOR, stale, self._version, protocol.ABOUT_PATH))
        return True

    def root(self):
        return protocol.API_ROOT % self.api_version

    def path(self, relative, *ids):
        """``relative`` below the API root, each of ``ids`` one encoded path segment."""
        parts = [self.root() + relative] + [path_part(value, 'id', VENDOR) for value in ids]
        return '/'.join(parts)

    def search(self, query, limit=None, fmt='object'):
        """Every row of ``query`` (at most ``limit``) and the first page's result set (headings, kind, count)."""
        params = {'format': 'object'} if fmt == 'object' else {}
        pages = SearchPages(self.client, self.path(protocol.SEARCH_PATH), query, params)
        rows = walk(pages, limit)
        return rows, pages.first_set or {}

    def status(self):
        return self.client.get(self.path(protocol.STATUS_PATH)).json()

    def set_status(self, status):
        return self.client.request('PATCH', self.path(protocol.STATUS_PATH), json={'status': status}).error_body()

    def runs(self):
        """The unfinished runs (``GET /discovery/runs``)."""
        body = self.client.get(self.path(protocol.RUNS_PATH)).json()
        if not isinstance(body, list):
            raise ResponseFormatError('GET %s returned no list of runs' % protocol.RUNS_PATH, vendor=VENDOR)
        return [run for run in body if isinstance(run, dict)]

    def run(self, run_id):
        """One run (its one-item list read), or None when the appliance no longer knows it."""
        response = get_or_none(self.client, self.path(protocol.RUNS_PATH, run_id))
        if response is None:
            return None
        body = response.json()
        if isinstance(body, list):
            body = body[0] if body else None
        return body if isinstance(body, dict) else None

    def start_run(self, ranges, label, scan_level):
        return self.client.post(self.path(protocol.RUNS_PATH), json={'ranges': list(ranges), 'label': label, 'scan_level': scan_level}).json()

    def cancel_run(self, run_id):
        return self.client.request('PATCH', self.path(protocol.RUNS_PATH, run_id), json={'cancelled': True}).error_body()

    def credentials(self):
        body = self.client.get(self.path(protocol.CREDENTIALS_PATH)).json()
        if not isinstance(body, list):
            raise ResponseFormatError('GET %s returned no list of credentials' % protocol.CREDENTIALS_PATH, vendor=VENDOR)
        return [item for item in body if isinstance(item, dict)]

    def credential(self, uuid):
        response = get_or_none(self.client, self.path(protocol.CREDENTIALS_PATH, uuid))
        return response.json() if response is not None else None

    def create_credential(self, fields):
        return self.client.post(self.path(protocol.CREDENTIALS_PATH), json=fields).error_body()

    def update_credential(self, uuid, fields):
        return self.client.request('PATCH', self.path(protocol.CREDENTIALS_PATH, uuid), json=fields).error_body()

    def delete_credential(self, uuid):
        response = self.client.delete(self.path(protocol.CREDENTIALS_PATH, uuid), expect=(404,))
        return response.status != 404


#: discovery_api: paths relative to url + /api/v<api_version>; the Bearer header is the login's.
API_SPEC = ApiSpec(connect, root=lambda api: api.root(), pages=api_pages)
