# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""TSWS login methods: the authToken password login, its expiry, and the table ``METHODS``.

Rule: one ``Authenticator`` per login method, chosen only through
``_auth.choose_authenticator`` over ``METHODS`` (a given ``token`` is reused by ``given``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re
import time

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    EXPIRY_MARGIN,
    AuthMethod,
    Authenticator,
    Credential,
    GivenCredential,
    choose_authenticator,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import AuthenticationError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import http_date
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.envelope import status_code, unwrap

LOGIN_REFUSED_HINT = ('the user name, password or tenant is wrong, or the user is deactivated (TSWS gives no token to the '
                      'local System user either); check username, password and tenant (or TRUESIGHT_USERNAME, '
                      'TRUESIGHT_PASSWORD, TRUESIGHT_TENANT)')

_ISO_RE = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$', re.IGNORECASE)


def authorization(token):
    return {'Authorization': '%s %s' % (protocol.AUTH_SCHEME, token)}


def token_headers(token):
    """The headers of validate and logout: a header named authToken (what those calls read) and Authorization."""
    return dict(authorization(token), **{protocol.TOKEN_HEADER: '%s %s' % (protocol.AUTH_SCHEME, token)})


def credential_for(token, expires_at=None):
    return Credential(token=token, headers=authorization(token), expires_at=expires_at)


def parse_expires(value):
    """The TSWS ``expires`` value as a POSIX timestamp, or None when it cannot be read.

    Documented forms: ``2018-01-18T13:08:18.000Z`` and, without a zone,
    ``2015-07-21T06:23:51`` (read as UTC). Epoch seconds or milliseconds, as a
    number or digits, are accepted too.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _epoch(value)
    text = str(value).strip()
    if re.match(r'^\d+(\.\d+)?$', text):
        return _epoch(float(text))
    match = _ISO_RE.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                                   tzinfo=_zone(zone))
    except ValueError:
        return None
    return moment.timestamp() + (float('0.' + fraction) if fraction else 0.0)


def _epoch(number):
    if number <= 0:
        return None
    return number / 1000.0 if number > protocol.EPOCH_MS_THRESHOLD else float(number)


def _zone(text):
    if not text or text.upper() == 'Z':
        return datetime.timezone.utc
    sign = -1 if text[0] == '-' else 1
    digits = text[1:].replace(':', '')
    return datetime.timezone(sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def expiry_at_login(expires, server_date=None, now=None):
    """When a token obtained now expires, on the local clock, and a warning when ``expires`` could not be trusted.

    The time left is measured against the server's own clock (its ``Date``
    header) when it sent one, so a controller whose clock is off does not
    misjudge the token. An ``expires`` that is missing, unreadable or not in
    the future (older TSWS releases sent the response time there) gives the
    shorter documented lifetime, one hour; a refused token still gets one new
    login either way.
    """
    now = time.time() if now is None else now
    when = parse_expires(expires)
    server_now = http_date(server_date)
    if when is not None:
        left = when - (server_now if server_now is not None else now)
        if left > EXPIRY_MARGIN:
            return now + left, None
        problem = 'is not in the future (%s)' % expires
    elif expires is None:
        problem = 'is missing'
    else:
        problem = 'cannot be read (%r)' % (expires,)
    warning = ('the login answer\'s "%s" field %s; the token is taken to last %d seconds, the shorter lifetime the '
               'TSWS documentation gives' % (protocol.EXPIRES_FIELD, problem, protocol.FALLBACK_LIFETIME))
    return now + protocol.FALLBACK_LIFETIME, warning


class TruesightPasswordLogin(Authenticator):
    """``POST /tsws/api/v10.1/token`` with JSON username, password and tenantName; the answer holds the authToken."""

    vendor = VENDOR
    method = 'password'

    def __init__(self, username, password, tenant=protocol.DEFAULT_TENANT, warn=None):
        self.username = username
        self.password = password
        self.tenant = tenant or protocol.DEFAULT_TENANT
        self.warn = warn or (lambda message: None)

    def validate(self):
        self.require(username=self.username, password=self.password)

    def login(self, client):
        body = {'username': self.username, 'password': self.password, protocol.TENANT_FIELD: self.tenant}
        response = client.post(protocol.LOGIN_PATH, json=body, authenticated=False)
        return self.credential_from(response)

    def credential_from(self, response, now=None):
        """The credential in a login answer, wrapped or flat; a refusal inside a 200 answer is an authentication error."""
        # Not Response.json(): its error quotes the body, and a login answer may hold the token in another shape.
        body = response.error_body()
        if body is None:
            raise _no_token(response)
        payload = unwrap(body)
        if not isinstance(payload, dict):
            raise _no_token(response, payload)
        envelope_code = status_code(body)
        if payload.get(protocol.AUTH_PASSED_FIELD) is False or (envelope_code is not None and not 200 <= envelope_code < 300):
            detail = body.get('statusMsg') or payload.get('status') or 'authPassed is false'
            raise AuthenticationError(
                'POST %s answered HTTP %s but refused the login: %s' % (protocol.LOGIN_PATH, response.status, detail),
                vendor=VENDOR, status=envelope_code or response.status, hint=LOGIN_REFUSED_HINT, vendor_message=detail,
            )
        token = payload.get(protocol.TOKEN_FIELD)
        if not isinstance(token, str) or not token.strip():
            raise _no_token(response, payload)
        expires_at, warning = expiry_at_login(payload.get(protocol.EXPIRES_FIELD), response.header('Date'), now)
        if warning:
            self.warn(warning)
        return credential_for(token.strip(), expires_at)

    def logout(self, client, credential):
        return release_token(client, credential.token)

    def secrets(self):
        return [self.password]

    def cache_identity(self):
        return (self.method, self.username, self.tenant), (self.password,)


def _no_token(response, payload=None):
    # Name the fields only: the answer may hold the token under another name.
    if isinstance(payload, dict):
        shape = 'its fields: %s' % (', '.join(sorted(str(key) for key in payload)) or 'none')
    elif payload is not None:
        shape = 'it is a JSON %s' % type(payload).__name__
    elif response.content.strip():
        shape = 'it is not JSON: a %d-byte body of type %s' % (len(response.content), response.header('Content-Type', 'none'))
    else:
        shape = 'the body is empty'
    return ResponseFormatError(
        'POST %s returned HTTP %s without an %s field in its answer (%s)'
        % (protocol.LOGIN_PATH, response.status, protocol.TOKEN_FIELD, shape),
        vendor=VENDOR, status=response.status,
        hint='check that url points at the TrueSight Presentation Server (https://host:port, without /tsws)',
    )


def release_token(client, token):
    """``DELETE /tsws/api/v10.1/token``; False when the server no longer knew the token (logged out or expired)."""
    response = client.delete(protocol.LOGOUT_PATH, authenticated=False, headers=token_headers(token), expect=(401,))
    return response.ok


def token_is_valid(client, token):
    """``GET /tsws/api/v10.1/token``: True for a live token, False for one the server refuses (401)."""
    response = client.get(protocol.VALIDATE_PATH, authenticated=False, headers=token_headers(token), expect=(401,))
    return response.ok


def _password(params, warn):
    return TruesightPasswordLogin(params.get('username'), params.get('password'), params.get('tenant'), warn=warn)


def _given(params, _dummy_method):
    """A given ``token`` is reused as it is: TSWS has one login method."""
    return GivenCredential(credential_for(params['token']), vendor=VENDOR)


#: The TSWS login methods (one: password); a given token is reused through ``_given``.
METHODS = (AuthMethod('password', _password, implied_by=('username', 'password')),)


def authenticator_for(params, warn=None):
    """The validated ``Authenticator`` the connection options in ``params`` ask for."""
    authenticator = choose_authenticator(METHODS, params, warn=warn, given=_given)
    authenticator.validate()
    return authenticator
