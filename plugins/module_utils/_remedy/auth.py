# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""AR System logins: the JWT password login, a given token, and the table ``METHODS`` that chooses between them."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import binascii
import json
import time

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    AuthMethod,
    Authenticator,
    Credential,
    GivenCredential,
    choose_authenticator,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import http_date
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.protocol import VENDOR


def jwt_expiry(token):
    """The ``exp`` claim of a JWT as a POSIX timestamp, or None when it cannot be read.

    The signature is not checked: the server does that; the collection only
    wants to know when to stop using the token.
    """
    parts = (token or '').split('.')
    if len(parts) != 3:
        return None
    payload = parts[1] + '=' * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode('ascii')).decode('utf-8'))
    except (ValueError, TypeError, binascii.Error, UnicodeError, RecursionError):
        return None
    exp = claims.get('exp') if isinstance(claims, dict) else None
    if isinstance(exp, (int, float)) and not isinstance(exp, bool):
        return float(exp)
    return None


def credential_for(token, lifetime=None, server_date=None, now=None):
    """The credential that carries ``token``; its expiry from the JWT, else ``lifetime`` from now.

    The JWT's ``exp`` is a time on the server's clock. When the login answer's
    ``Date`` header gives that clock, ``exp`` is moved onto the local clock by
    the difference between the two, so a controller whose clock runs ahead does
    not take a fresh token for an expiring one.
    """
    now = time.time() if now is None else now
    expires_at = jwt_expiry(token)
    server_now = http_date(server_date)
    if expires_at is not None and server_now is not None:
        # Date has whole seconds: the server's clock may be up to one second past it.
        expires_at -= server_now + 1 - now
    if expires_at is None and lifetime:
        expires_at = now + lifetime
    return Credential(token=token, headers=authorization(token), expires_at=expires_at)


def authorization(token):
    return {'Authorization': '%s %s' % (protocol.AUTH_SCHEME, token)}


class RemedyPasswordLogin(Authenticator):
    """``POST /api/jwt/login`` with a form body; the answer is the JWT as text."""

    vendor = VENDOR
    method = 'password'

    def __init__(self, username, password, auth_string=None):
        self.username = username
        self.password = password
        self.auth_string = auth_string

    def validate(self):
        # AR System accepts a blank password for users configured that way, so
        # only a password that was not given at all is missing.
        self.require(blank_ok=('password',), username=self.username, password=self.password)

    def login(self, client):
        form = {'username': self.username, 'password': self.password}
        if self.auth_string:
            form['authString'] = self.auth_string
        response = client.post(protocol.LOGIN_PATH, data=form, authenticated=False, headers={'Accept': 'text/plain, */*'})
        token = response.text.strip()
        if not token or ' ' in token or token.startswith(('{', '[', '<')):
            # Never quote the answer: it may hold the token in another shape.
            raise ResponseFormatError(
                'POST %s returned HTTP %s, but the login answer is not a JWT: %s'
                % (protocol.LOGIN_PATH, response.status, describe_login_answer(response)),
                vendor=VENDOR, status=response.status,
                hint='AR System answers a login with the bare JWT as text; check that url points at the AR System REST API '
                     '(jetty), not a mid-tier or a proxy page',
            )
        return credential_for(token, lifetime=protocol.TOKEN_LIFETIME, server_date=response.header('Date'))

    def logout(self, client, credential):
        return release_token(client, credential.token)

    def secrets(self):
        return [self.password]

    def cache_identity(self):
        return (self.method, self.username, self.auth_string), (self.password,)


def describe_login_answer(response):
    """What a login answer that holds no JWT looks like, without a word of its content (it may hold a secret)."""
    content_type = response.header('Content-Type', 'none')
    if not response.content.strip():
        return 'the body is empty'
    body = response.error_body()
    if isinstance(body, dict):
        return 'a JSON object with the fields %s' % (', '.join(sorted(str(key) for key in body)) or 'none')
    if body is not None:
        return 'a JSON %s' % type(body).__name__
    return 'a %d-byte body of type %s' % (len(response.content), content_type)


def release_token(client, token):
    """``POST /api/jwt/logout``; False when the server no longer knew the token (released or expired)."""
    response = client.post(protocol.LOGOUT_PATH, authenticated=False, headers=authorization(token), expect=(401,))
    return response.ok


def _password_login(params, _dummy=None):
    return RemedyPasswordLogin(params.get('username'), params.get('password'), params.get('auth_string'))


def _given_token(params, _dummy):
    return GivenCredential(credential_for(params['token']), vendor=VENDOR)


#: AR System has one login method; a given ``token`` (a JWT) replaces it.
METHODS = (AuthMethod('password', _password_login, implied_by=('username', 'password')),)


def authenticator(params, warn=None):
    """The ``Authenticator`` the connection options in ``params`` ask for, validated (no network)."""
    chosen = choose_authenticator(METHODS, params, warn=warn, given=_given_token)
    chosen.validate()
    return chosen
