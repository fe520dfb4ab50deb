# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The connection edge: from a module's or lookup's options to a ready ``HTTPClient``.

``connect_client`` checks the files the options name, builds the client with
its ``AuthSession`` and plugs in the token cache slot; ``VendorAPI`` is what
every vendor's API object offers; ``get_or_none`` is the read that answers
None when the object does not exist.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from urllib.parse import urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import AuthSession
from ansible_collections.restauth.enterprise.plugins.module_utils._cache import CacheUnavailable, TokenCache
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import HTTPClient


class VendorAPI:
    """What every vendor's API object offers the modules and lookups: its client, the credential in use, release.

    The lookups rely on ``login()`` and ``close()``; each vendor adds its own calls.
    """

    def __init__(self, client):
        self.client = client

    def login(self):
        """The credential in use: a new login, or the one given (a token, an API key)."""
        return self.client.auth.current(self.client)

    def close(self):
        """Release what the task's own login obtained; return the errors met doing so."""
        return self.client.close()


def get_or_none(client, path, not_missing=None, **kwargs):
    """GET ``path``: its ``Response``, or None when the server answers 404 (the object does not exist).

    Any other failure raises as every request does. ``not_missing(error)``
    tells a 404 that does not mean "no such object" (Remedy answers 404 for a
    form that does not exist too): when it returns True, the 404's error is
    raised instead of None returned. ``kwargs`` go to ``client.get``.
    """
    response = client.get(path, expect=(404,), **kwargs)
    if response.status != 404:
        return response
    if not_missing is not None:
        error = client.error_for(response)
        if not_missing(error):
            raise error
    return None


def require_file(option, path, vendor):
    """Fail before any request when the file named by ``option`` does not exist."""
    if path and not os.path.isfile(path):
        raise OptionError('%s %s is not a readable file' % (option, path), vendor=vendor,
                          hint='give the path of a PEM file on the node that runs the task')


def url_without_suffix(url, suffix, warn):
    """``url`` without a trailing ``suffix`` the collection adds itself (users copy base URLs from API docs).

    ``suffix`` is one path or a tuple of them (the longest that matches is removed). The warning names the
    URL to give. A URL that ``check_url`` will refuse (a password in it, a bad port) is left as it is, unmentioned.
    """
    try:
        parts = urlsplit(url) if isinstance(url, str) else None
    except ValueError:
        parts = None
    if parts is None or '@' in parts.netloc or parts.query or parts.fragment:
        return url
    path = parts.path.rstrip('/')
    for one in sorted((suffix,) if isinstance(suffix, str) else suffix, key=len, reverse=True):
        if path.endswith(one):
            base = url.rstrip('/')[:-len(one)]
            warn('url ends with %s; the collection adds the API paths itself, so %s was removed from %s: give url %s'
                 % (one, one, url, base))
            return base
    return url


def connect_client(vendor, params, authenticator, keep=False, **kwargs):
    """An ``HTTPClient`` built from the common connection options in ``params``.

    ``keep`` leaves a credential obtained by login valid when the client is
    closed (the token modules and the lookup hand it to the user). Without an
    ``authenticator`` the client sends no credentials (anonymous endpoints).
    """
    ca_path = params.get('ca_path')
    require_file('ca_path', ca_path, vendor)
    client = HTTPClient(
        vendor, params.get('url'), auth=AuthSession(authenticator, keep=keep) if authenticator is not None else None,
        validate_certs=params.get('validate_certs', True), ca_path=ca_path,
        timeout=params.get('timeout', 30), retries=params.get('retries', 3), allow_http=params.get('allow_http', False),
        **kwargs
    )
    identity = authenticator.cache_identity() if params.get('token_cache') and authenticator is not None else None
    if identity is not None:
        # Only a login is cached (not a given token); the same cache then also holds the shared back-off.
        cache = open_cache(vendor, params, client.warn, timeout=client.timeout)
        if cache is not None:
            names, secrets = identity
            # What a purge needs to log this login out (see _cache_purge), sealed with the entry.
            about = {'authenticator': '%s:%s' % (type(authenticator).__module__, type(authenticator).__name__),
                     'ca_path': params.get('ca_path'), 'validate_certs': params.get('validate_certs', True)}
            # A login waits at most the login's own timeout for a neighbour's login before logging in itself.
            slot = cache.slot(vendor, client.base_url, names, secrets, wait=client.timeout, warn=client.warn, about=about)
            slot.logout_replaced = bool(params.get('token_cache_logout'))
            client.auth.cache = slot
            client.pacer = cache.pacer(vendor, client.base_url)
    return client


def open_cache(vendor, params, warn, environ=None, timeout=None):
    """The token cache that ``token_cache_url`` (or ``RESTAUTH_CACHE_URL``) names, or None when it cannot be used (warned)."""
    try:
        return TokenCache.from_environment(environ, url=params.get('token_cache_url'), timeout=timeout)
    except CacheUnavailable as exc:
        warn('%s: token_cache is on but the cache cannot be used (%s); the task logs in without it' % (vendor, exc))
        return None
