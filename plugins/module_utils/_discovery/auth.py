# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""BMC Discovery logins: an expiring token from ``POST /api/token``, or a token the user holds (a permanent API token).

Both are sent as ``Authorization: Bearer <token>``. ``METHODS`` is the table
``_auth.choose_authenticator`` picks from: ``token`` when the option is set, else ``password``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    AuthMethod,
    Authenticator,
    Credential,
    GivenCredential,
    choose_authenticator,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.protocol import VENDOR


def authorization(token):
    return {'Authorization': '%s %s' % (protocol.AUTH_SCHEME, token)}


def credential_for(token, expires_at=None):
    return Credential(token=token, headers=authorization(token), expires_at=expires_at)


def lifetime(value):
    """Seconds an ``expires_in`` value gives, or the INFERRED default when it is missing or unreadable."""
    if isinstance(value, bool):
        return protocol.TOKEN_LIFETIME
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return protocol.TOKEN_LIFETIME
    return seconds if seconds > 0 else protocol.TOKEN_LIFETIME


class DiscoveryPasswordLogin(Authenticator):
    """``POST /api/token`` with the form ``grant_type=password&username=…&password=…``; the answer's access_token."""

    vendor = VENDOR
    method = 'password'
    #: What a purge of the token cache reports for this login (see protocol.LOGOUT_PATH).
    no_logout = ('BMC Discovery documents no logout or revoke call: the cached token from %s was removed from the cache, '
                 'but it stays valid at the appliance until it expires' % protocol.TOKEN_PATH)

    def __init__(self, username, password):
        self.username = username
        self.password = password

    def validate(self):
        self.require(username=self.username, password=self.password)

    def login(self, client):
        started = time.time()
        response = client.post(protocol.TOKEN_PATH, authenticated=False,
                               data={'grant_type': protocol.GRANT_TYPE, 'username': self.username, 'password': self.password})
        body = response.error_body()
        token = body.get(protocol.TOKEN_FIELD) if isinstance(body, dict) else None
        if not isinstance(token, str) or not token.strip():
            # Name the fields only: the answer may hold the token under another name.
            shape = ('its fields: %s' % (', '.join(sorted(str(key) for key in body)) or 'none')) if isinstance(body, dict) \
                else ('a %d-byte body that is not a JSON object' % len(response.content))
            raise ResponseFormatError('POST %s returned HTTP %s without an %s (%s)' % (protocol.TOKEN_PATH, response.status, protocol.TOKEN_FIELD, shape),
                                      vendor=VENDOR, status=response.status,
                                      hint='check that url points at the Discovery appliance (https://appliance, without /api)')
        return Credential(token=token.strip(), headers=authorization(token.strip()),
                          expires_at=started + lifetime(body.get(protocol.EXPIRES_FIELD)), issued_at=started)

    def secrets(self):
        return [self.password]

    def cache_identity(self):
        return (self.method, self.username), (self.password,)


def _password(params, _warn):
    return DiscoveryPasswordLogin(params.get('username'), params.get('password'))


def _given(params, _warn):
    return GivenCredential(credential_for(params['token'].strip()), vendor=VENDOR)


#: The login methods, chosen through _auth.choose_authenticator: a given token wins, else the password login.
METHODS = (
    AuthMethod('token', _given, implied_by=('token',)),
    AuthMethod('password', _password),
)


def authenticator_for(params, warn=None):
    authenticator = choose_authenticator(METHODS, params, warn)
    authenticator.validate()
    return authenticator
