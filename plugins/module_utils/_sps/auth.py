# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""SPS logins: one authenticator per method (password, X.509 certificate, API key), the session helpers and ``METHODS``."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import ssl
import time

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    AuthMethod,
    Authenticator,
    Credential,
    GivenCredential,
    basic_authorization,
    basic_secrets,
    choose_authenticator,
    method_name,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._cache import file_digest
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import require_file
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import http_date
from ansible_collections.restauth.enterprise.plugins.module_utils._sps import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.protocol import VENDOR


def clock_skew(response, now=None):
    """Seconds the server's ``Date`` is ahead of the local clock (negative: behind), or None without a Date."""
    server = http_date(response.header('Date'))
    if server is None:
        return None
    now = time.time() if now is None else now
    return server - now


def warn_on_clock_skew(response, warn, now=None):
    skew = clock_skew(response, now)
    if skew is None or abs(skew) <= protocol.CLOCK_SKEW_WARNING:
        return skew
    warn('SPS: clock skew of %d seconds: the SPS server clock (Date: %s) is %s this host\'s clock. The session_id cookie '
         'is valid for 20 minutes and SPS and most clients judge it by their own clocks: this collection sends the cookie '
         'explicitly and keeps working, but curl, browsers or ansible.builtin.uri with a cookie jar may drop it, so a '
         'login looks successful while later calls fail, and sessions may seem to end early. Synchronise both clocks (NTP).'
         % (abs(skew), response.header('Date'), 'ahead of' if skew > 0 else 'behind'))
    return skew


def session_credential(session_id, lifetime=protocol.SESSION_IDLE):
    """The credential that carries an SPS session: the ``session_id`` cookie, sent explicitly."""
    expires_at = time.time() + lifetime if lifetime else None
    return Credential(token=session_id, cookies={protocol.SESSION_COOKIE: session_id}, expires_at=expires_at)


def api_key_credential(api_key):
    return Credential(token=api_key, headers={'Authorization': '%s %s' % (protocol.API_KEY_SCHEME, api_key)})


class _SessionLogin(Authenticator):
    """``GET /api/authentication``; the ``session_id`` cookie of the answer is the credential."""

    vendor = VENDOR

    def __init__(self, login_method=None, warn=None):
        self.login_method = login_method
        self.warn = warn or (lambda message: None)

    def login_request(self):
        """(query parameters, headers) of the login request."""
        raise NotImplementedError

    def login(self, client):
        params, headers = self.login_request()
        response = client.get(protocol.LOGIN_PATH, params=params, headers=headers, authenticated=False,
                              expect=protocol.LOGIN_REDIRECT_STATUSES)
        warn_on_clock_skew(response, self.warn)
        # Read from the Set-Cookie header, not a cookie jar: a jar judges Expires by the local clock and
        # silently drops the cookie when this host's clock runs ahead of the server's.
        session_id = response.cookies().get(protocol.SESSION_COOKIE)
        if not response.ok and not session_id:
            # A redirect without the session: a web page or a proxy answered, not the REST API.
            raise client.error_for(response)
        if not session_id:
            raise ResponseFormatError(
                'GET %s returned HTTP %s but set no %s cookie' % (protocol.LOGIN_PATH, response.status, protocol.SESSION_COOKIE),
                vendor=VENDOR, status=response.status,
                hint='check that url is the SPS web interface address with management access enabled, not a proxy page',
            )
        return session_credential(session_id)

    def logout(self, client, credential):
        return end_session(client, credential).ok


def end_session(client, credential):
    """``DELETE /api/authentication`` with the session of ``credential``: the answer (401: the session had ended).

    INFERRED: no documented logout; servers without one answer 404/405, and the session then ends after 20 idle minutes.
    """
    return client.request('DELETE', protocol.LOGOUT_PATH, authenticated=False, headers=credential.request_headers(),
                          expect=protocol.LOGOUT_UNSUPPORTED)


def session_is_live(client, credential):
    """Whether SPS still accepts the session of ``credential``: one read of ``/api/transaction`` (401: it ended)."""
    return client.get(protocol.TRANSACTION_PATH, authenticated=False, headers=credential.request_headers(), expect=(401,)).ok


class SpsPasswordLogin(_SessionLogin):
    """HTTP Basic (UTF-8) on ``GET /api/authentication``, with an optional login method."""

    method = 'password'

    def __init__(self, username, password, login_method=None, warn=None):
        super(SpsPasswordLogin, self).__init__(login_method, warn)
        self.username = username
        self.password = password

    def validate(self):
        self.require(username=self.username, password=self.password)

    def login_request(self):
        # INFERRED choice: type=password is sent only together with login_method (both forms are used in the field).
        params = {'login_method': self.login_method, 'type': 'password'} if self.login_method else None
        # UTF-8 encoded, as SPS requires (VERIFIED).
        return params, {'Authorization': basic_authorization(self.username, self.password)}

    def secrets(self):
        return basic_secrets(self.username, self.password)

    def cache_identity(self):
        return (self.method, self.username, self.login_method), (self.password,)


class SpsCertificateLogin(_SessionLogin):
    """``GET /api/authentication?type=x509`` with the client certificate in the TLS handshake, no Authorization."""

    method = 'x509'

    def __init__(self, client_cert, client_key=None, login_method=None, warn=None):
        super(SpsCertificateLogin, self).__init__(login_method, warn)
        self.client_cert = client_cert
        self.client_key = client_key

    def validate(self):
        self.require(client_cert=self.client_cert)
        require_file('client_cert', self.client_cert, VENDOR)
        require_file('client_key', self.client_key, VENDOR)
        try:
            ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_cert_chain(self.client_cert, self.client_key)
        except (ssl.SSLError, OSError) as exc:
            raise OptionError(
                'cannot use the client certificate %s: %s' % (self.client_cert, exc.__class__.__name__ if not str(exc) else exc),
                vendor=VENDOR,
                hint='client_cert must be a PEM certificate and client_key its unencrypted PEM private key '
                     '(or client_cert a PEM file holding both)',
            )

    def cert(self):
        """The ``cert`` argument of requests: a path, or (certificate, key)."""
        return (self.client_cert, self.client_key) if self.client_key else self.client_cert

    def login_request(self):
        params = {'type': 'x509'}
        if self.login_method:
            params['login_method'] = self.login_method
        return params, None

    def cache_identity(self):
        # The files' content is what logs in: a renewed certificate or key is another login.
        paths = [os.path.abspath(path) for path in (self.client_cert, self.client_key) if path]
        return [self.method, self.login_method] + paths, [file_digest(path) for path in paths]


class SpsApiKey(GivenCredential):
    """``Authorization: apikey <key>`` on every request; no login and nothing to release."""

    method = 'api_key'

    def __init__(self, api_key):
        super(SpsApiKey, self).__init__(api_key_credential(api_key), vendor=VENDOR)
        self.api_key = api_key

    def validate(self):
        self.require(api_key=self.api_key)

    def secrets(self):
        return [self.api_key]


def _password(params, warn):
    return SpsPasswordLogin(params.get('username'), params.get('password'), params.get('login_method'), warn)


def _x509(params, warn):
    return SpsCertificateLogin(params.get('client_cert'), params.get('client_key'), params.get('login_method'), warn)


def _api_key(params, warn):
    return SpsApiKey(params.get('api_key'))


def _given(params, name):
    """A given ``token`` is a session id, whatever method the other options name."""
    return GivenCredential(session_credential(params['token'], lifetime=None), vendor=VENDOR)


#: The login methods; without auth_type: api_key when api_key is given, then x509 when client_cert is, else password.
METHODS = (
    AuthMethod('api_key', _api_key, implied_by=('api_key',)),
    AuthMethod('x509', _x509, implied_by=('client_cert',)),
    AuthMethod('password', _password),
)


def auth_type_of(params):
    """The login method the connection options ask for (``_auth.method_name`` over ``METHODS``)."""
    return method_name(METHODS, params)


def authenticator_for(params, warn=None):
    """The ``Authenticator`` the connection options ask for (``_auth.choose_authenticator`` over ``METHODS``)."""
    return choose_authenticator(METHODS, params, warn=warn, given=_given)
