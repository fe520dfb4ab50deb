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
it) and removes the entry. Entries sealed with another key are not readable and
stay where they are.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import Authenticator
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


def purge(cache, vendor_title=None, url=None, check_mode=False, ca_path=None, validate_certs=None, timeout=30, warn=None):
    """Log out and remove the entries of ``cache`` for ``vendor_title`` and ``url`` (None: every one).

    Returns one dict per selected entry: ``vendor``, ``url``, ``logged_out`` (the server released it).
    ``ca_path``/``validate_certs`` replace the TLS options recorded with the entry when given.
    """
    warn = warn or (lambda message: None)
    found = []
    for name, entry in list(cache.entries()):
        about = entry.get('about') or {}
        if vendor_title is not None and about.get('vendor') != vendor_title:
            continue
        if url is not None and str(about.get('url') or '').rstrip('/') != url.rstrip('/'):
            continue
        result = {'vendor': about.get('vendor'), 'url': about.get('url'), 'logged_out': False}
        if not check_mode:
            result['logged_out'] = _logout(about, entry['credential'], ca_path, validate_certs, timeout, warn)
            cache.remove(name)
        found.append(result)
    return found


def _logout(about, data, ca_path, validate_certs, timeout, warn):
    authenticator = authenticator_of(about)
    vendor = about.get('vendor') or 'token_cache'
    if authenticator is None or not about.get('url'):
        warn('%s: a cached login of %s was removed without logging it out: the cache does not say how' % (vendor, about.get('url')))
        return False
    client = None
    try:
        credential = authenticator.restore(data)
        client = HTTPClient(vendor, about['url'], validate_certs=about.get('validate_certs', True) if validate_certs is None else validate_certs,
                            ca_path=ca_path or about.get('ca_path'), timeout=timeout, retries=1, warn=warn)
        return bool(authenticator.logout(client, credential))
    except RestAuthError as exc:
        warn('%s: logging out a cached login of %s failed (%s); the entry was removed anyway' % (vendor, about['url'], exc))
    except (KeyError, TypeError, ValueError, AttributeError):
        warn('%s: a cached login of %s could not be read back to log it out; the entry was removed' % (vendor, about['url']))
    finally:
        if client is not None:
            client.session.close()
    return False
