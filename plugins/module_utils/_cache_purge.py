# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The purge of the token cache (``restauth.enterprise.token_cache``, ``state: absent``).

Every entry the cache's key opens (directory or server) carries, sealed with
it, what logging it out needs: the vendor, the URL, the TLS options of the task
that logged in, and which ``Authenticator`` class of the collection made it.
A purge logs each selected login out through that class's own ``logout`` (the
vendor's logout call; a method without one, such as xMatters OAuth, only forgets
it; an ``Authenticator`` whose vendor documents no logout says why in its
``no_logout`` text, which the result shows) and removes the entry. An entry that
holds no login (``about['kind']``, such as the API version BMC Discovery
negotiated) is removed without a logout. The result lists each vendor and URL
once. Entries sealed with another key are not readable and stay where they are.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import Authenticator
from ansible_collections.restauth.enterprise.plugins.module_utils._cache import KIND_API_VERSION, KIND_LOGIN
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import RestAuthError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import HTTPClient
# The vendors whose authenticators an entry may name: imported so that they travel with the token_cache module.
from ansible_collections.restauth.enterprise.plugins.module_utils import _vendors  # noqa: F401 pylint: disable=unused-import

#: Only the collection's own authenticators are ever loaded from an entry.
OWN_PACKAGE = 'ansible_collections.restauth.enterprise.plugins.module_utils.'


def authenticator_of(about):
    """An instance of the ``Authenticator`` class an entry names (for ``restore`` and ``logout`` only), or None."""
    module_name, _dot, class_name = str(about.get('authenticator') or '').partition(':')
    if not module_name.startswith(OWN_PACKAGE) or not class_name:
        return None
    try:
        found = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError):
        return None  # made by another release of the collection
    if not isinstance(found, type) or not issubclass(found, Authenticator):
        return None
    # restore() and logout() use only the credential and the client: no option is needed.
    return found.__new__(found)


def kind_of(entry):
    """What ``entry`` holds: the ``kind`` recorded with it (``_cache.KIND_*``).

    An entry of an earlier release records none: it is a login when it names an authenticator or carries a token,
    headers or cookies, else data (the API version BMC Discovery negotiated is the only such entry those releases wrote).
    """
    about = entry.get('about') or {}
    kind = about.get('kind')
    if isinstance(kind, str) and kind:
        return kind
    data = entry.get('credential') or {}
    if about.get('authenticator') or any(data.get(field) for field in ('token', 'headers', 'cookies')):
        return KIND_LOGIN
    return KIND_API_VERSION if KIND_API_VERSION in data else 'data'


def purge(cache, vendor_title=None, url=None, check_mode=False, ca_path=None, validate_certs=None, timeout=30, warn=None):
    """Log out and remove the entries of ``cache`` for ``vendor_title`` and ``url`` (None: every one).

    Returns one dict per vendor and URL: ``vendor``, ``url``, ``removed`` (what each of its entries held: ``login``,
    ``api_version``), ``logged_out`` (the server released every cached login of it) and, when it did not, ``note``
    (why). An entry that holds no login (a negotiated API version) is removed without a logout or a warning.
    ``ca_path``/``validate_certs`` replace the TLS options recorded with the entry when given.
    """
    warn = warn or (lambda message: None)
    servers = {}
    for name, entry in list(cache.entries()):
        about = entry.get('about') or {}
        if vendor_title is not None and about.get('vendor') != vendor_title:
            continue
        if url is not None and str(about.get('url') or '').rstrip('/') != url.rstrip('/'):
            continue
        server = servers.setdefault((about.get('vendor'), about.get('url')), {'removed': [], 'outcomes': []})
        kind = kind_of(entry)
        server['removed'].append(kind)
        if check_mode:
            continue
        if kind == KIND_LOGIN:
            server['outcomes'].append(_logout(about, entry['credential'], ca_path, validate_certs, timeout, warn))
        cache.remove(name)
    found = []
    for (vendor, where), server in servers.items():
        result = {'vendor': vendor, 'url': where, 'removed': sorted(server['removed'], key=lambda kind: (kind != KIND_LOGIN, kind)),
                  'logged_out': bool(server['outcomes']) and all(done for done, _note in server['outcomes'])}
        notes = sorted(set(note for done, note in server['outcomes'] if not done and note))
        if not check_mode and not result['logged_out']:
            result['note'] = '; '.join(notes) if notes else 'no login was cached for this server, only data (%s)' % ', '.join(sorted(set(server['removed'])))
        found.append(result)
    return found


def _logout(about, data, ca_path, validate_certs, timeout, warn):
    """``(logged_out, note)``: whether the server released the login, and why not when it did not."""
    authenticator = authenticator_of(about)
    vendor = about.get('vendor') or 'token_cache'
    if authenticator is None or not about.get('url'):
        warn('%s: a cached login of %s was removed without logging it out: the cache does not say how' % (vendor, about.get('url')))
        return False, 'the cache did not record how to log this login out'
    no_logout = getattr(authenticator, 'no_logout', None)
    if no_logout:
        return False, no_logout
    if type(authenticator).logout is Authenticator.logout:
        return False, 'the collection has no logout for this login method: the login stays valid until it expires'
    client = None
    try:
        credential = authenticator.restore(data)
        client = HTTPClient(vendor, about['url'], validate_certs=about.get('validate_certs', True) if validate_certs is None else validate_certs,
                            ca_path=ca_path or about.get('ca_path'), timeout=timeout, retries=1, warn=warn)
        if authenticator.logout(client, credential):
            return True, None
        return False, 'the server did not confirm the logout (the login may have expired, or been logged out elsewhere)'
    except RestAuthError as exc:
        warn('%s: logging out a cached login of %s failed (%s); the entry was removed anyway' % (vendor, about['url'], exc))
        return False, 'the logout failed: %s' % exc
    except (KeyError, TypeError, ValueError, AttributeError):
        warn('%s: a cached login of %s could not be read back to log it out; the entry was removed' % (vendor, about['url']))
        return False, 'the cached login could not be read back to log it out'
    finally:
        if client is not None:
            client.session.close()
