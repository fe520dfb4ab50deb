# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""xMatters logins: one authenticator per method (HTTP Basic with a password or an API key, OAuth) and ``METHODS``."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    AuthMethod,
    Authenticator,
    Credential,
    GivenCredential,
    MissingOptionError,
    basic_authorization,
    basic_secrets,
    choose_authenticator,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.protocol import VENDOR

REFRESH_REFUSED_HINT = ('the refresh token was refused: it expired, was revoked, or was already used (the server may hand out a new '
                        'refresh token at each refresh, and the old one then works no more). Get a new one with '
                        'restauth.enterprise.xmatters_oauth_token and username and password, give username and password '
                        'with it so the module can log in, and turn on token_cache to keep the newest refresh token')
URL_HINT = 'check that url points at the xMatters instance, for example https://acme.xmatters.com'


def bearer_credential(access_token, expires_at=None):
    return Credential(token=access_token, headers={'Authorization': 'Bearer %s' % access_token}, expires_at=expires_at)


class OAuthCredential(Credential):
    """An access token and what came with it: the refresh token, its type and lifetime."""

    def __init__(self, access_token, refresh_token=None, token_type='bearer', expires_in=None, expires_at=None):
        super(OAuthCredential, self).__init__(token=access_token, headers={'Authorization': 'Bearer %s' % access_token},
                                              expires_at=expires_at)
        self.refresh_token = refresh_token
        self.token_type = token_type
        self.expires_in = expires_in

    def secrets(self):
        values = super(OAuthCredential, self).secrets()
        if self.refresh_token:
            values.append(self.refresh_token)
        return values

    def dump(self):
        return dict(super(OAuthCredential, self).dump(), refresh_token=self.refresh_token, token_type=self.token_type,
                    expires_in=self.expires_in)


class XmattersBasic(Authenticator):
    """HTTP Basic with a password, or with an API key as user name and its secret as password.

    There is no login request: the credential is the Authorization header itself.
    """

    vendor = VENDOR
    method = 'basic'
    # Sending the same user and password again cannot help: a 401 is reported (with the SSO
    # explanation) instead of a second attempt.
    can_login = False

    def __init__(self, username, password):
        self.username = username
        self.password = password
        #: an API key login (the key as user name): no SSO rule can refuse it
        self.api_key = str(username or '').startswith(protocol.API_KEY_PREFIX)

    def validate(self):
        self.require(username=self.username, password=self.password)

    def login(self, client):
        return Credential(headers={'Authorization': basic_authorization(self.username, self.password)})

    def secrets(self):
        return basic_secrets(self.username, self.password)


class XmattersOAuth(Authenticator):
    """OAuth: an access token from ``POST /api/xm/1/oauth2/token``, password grant or refresh-token grant.

    A new access token is obtained shortly before the current one expires and once when the server
    refuses it (the client drops the credential and asks ``login`` again). A refresh token, given or
    obtained, is used first; when it is refused and a password is known, the password grant follows.
    ``access_token`` is a token the user already holds: it is used first and refreshed like any other.
    """

    vendor = VENDOR
    method = 'oauth'

    def __init__(self, client_id, username=None, password=None, refresh_token=None, access_token=None, warn=None):
        self.client_id = client_id
        self.username = username
        self.password = password
        self.refresh_token = refresh_token
        self.given_refresh_token = refresh_token
        self.pending = bearer_credential(access_token) if access_token else None
        self.warn = warn or (lambda message: None)
        #: set by ``connect`` when the token cache keeps the newest refresh token for later tasks
        self.cached = False
        #: False where the new refresh token is the task's result (xmatters_oauth_token): nothing to warn about
        self.warn_rotation = True

    def validate(self):
        if not self.client_id:
            raise MissingOptionError('the OAuth login', ['client_id'], VENDOR,
                                     hint='client_id is the OAuth client id shown in xMatters under Workflows > OAuth')
        if not self.refresh_token:
            self.require(username=self.username, password=self.password)

    def login(self, client):
        if self.pending is not None:
            credential, self.pending = self.pending, None
            return credential
        if self.refresh_token:
            used = self.refresh_token
            try:
                credential = self._grant(client, protocol.GRANT_REFRESH, refresh_token=used)
            except APIError as exc:
                # A revoked or unknown refresh token: the password, when known, gets a new one. A busy or
                # failing server is no reason to drop a good refresh token.
                if exc.status in protocol.GRANT_REFUSED_STATUSES:
                    # The SSO explanation of a refused password does not fit a refused refresh token.
                    exc.hint = REFRESH_REFUSED_HINT
                if not self.password or exc.status not in protocol.GRANT_REFUSED_STATUSES:
                    raise
                self.refresh_token = None
            else:
                if self.warn_rotation and used == self.given_refresh_token and credential.refresh_token != used:
                    self._warn_spent()
                return credential
        return self._grant(client, protocol.GRANT_PASSWORD, username=self.username, password=self.password)

    def _warn_spent(self):
        if self.cached:
            keep = ('the token cache keeps the new one for the next tasks of this controller; elsewhere (another controller, '
                    'a run without token_cache) the given one is refused')
        else:
            keep = ('keep the new one: turn on token_cache (the cache then keeps the newest for later tasks), or get it from the '
                    'refresh_token result of restauth.enterprise.xmatters_oauth_token and store it in place of the old one')
        self.warn('%s: the server answered the refresh with a new refresh token, so the refresh_token given to this task is spent '
                  'and will be refused next time; %s' % (VENDOR, keep))

    def _grant(self, client, grant_type, **fields):
        form = dict(fields, grant_type=grant_type, client_id=self.client_id)
        started = time.time()
        response = client.post(protocol.TOKEN_PATH, data=form, authenticated=False)
        # Not Response.json(): its error quotes the body, and a token answer may hold a token in another shape.
        body = response.error_body()
        if body is None:
            shape = ('it is not JSON: a %d-byte body of type %s' % (len(response.content), response.header('Content-Type', 'none'))
                     if response.content.strip() else 'the body is empty')
            raise ResponseFormatError('POST %s answered HTTP %s without an access_token field (%s)' % (protocol.TOKEN_PATH, response.status, shape),
                                      vendor=VENDOR, status=response.status, hint=URL_HINT)
        credential = oauth_credential(body, started)
        if credential.refresh_token:
            self.refresh_token = credential.refresh_token
        else:
            credential.refresh_token = self.refresh_token
        return credential

    def secrets(self):
        return [value for value in (self.password, self.given_refresh_token, self.refresh_token) if value]

    def cache_identity(self):
        return (self.method, self.client_id, self.username), (self.password, self.given_refresh_token)

    def resume(self, data):
        if data.get('refresh_token'):
            self.refresh_token = data['refresh_token']

    def restore(self, data):
        credential = OAuthCredential(data['token'], refresh_token=data.get('refresh_token'), token_type=data.get('token_type') or 'bearer',
                                     expires_in=data.get('expires_in'), expires_at=data.get('expires_at'))
        if credential.refresh_token:
            # The newest refresh token renews the cached access token when it expires.
            self.refresh_token = credential.refresh_token
        return credential


def oauth_credential(body, started):
    """The ``OAuthCredential`` of a token endpoint answer; ``started`` is when the request left."""
    token = body.get('access_token') if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        # Name the fields only: the answer may hold the token under another name.
        shape = ('its fields: %s' % (', '.join(sorted(str(key) for key in body)) or 'none') if isinstance(body, dict)
                 else 'it is a JSON %s' % type(body).__name__)
        raise ResponseFormatError('POST %s answered without an access_token field (%s)' % (protocol.TOKEN_PATH, shape), vendor=VENDOR,
                                  hint=URL_HINT)
    token_type = str(body.get('token_type') or 'bearer')
    if token_type.lower() != 'bearer':
        raise ResponseFormatError('POST %s answered a %r token; only bearer tokens are supported' % (protocol.TOKEN_PATH, token_type),
                                  vendor=VENDOR)
    expires_in = body.get('expires_in')
    if not isinstance(expires_in, (int, float)) or isinstance(expires_in, bool) or expires_in <= 0:
        expires_in = protocol.TOKEN_LIFETIME
    return OAuthCredential(token, refresh_token=body.get('refresh_token') or None, token_type=token_type,
                           expires_in=int(expires_in), expires_at=started + expires_in)


def _can_refresh(params):
    """Whether an OAuth login can renew a token: a client_id with a refresh token or a password."""
    return bool(params.get('client_id') and (params.get('refresh_token') or params.get('password')))


def _oauth(params, warn):
    # A given access token is used first when the login can renew it (``_given`` leaves it to this builder).
    return XmattersOAuth(params.get('client_id'), params.get('username'), params.get('password'), params.get('refresh_token'),
                         access_token=params.get('token') if _can_refresh(params) else None, warn=warn)


def _basic(params, warn):
    return XmattersBasic(params.get('username'), params.get('password'))


def _given(params, name):
    """A given ``token``: reused as it is, unless the OAuth login can renew it (then the OAuth login takes it)."""
    if name == 'oauth' and _can_refresh(params):
        return None
    return GivenCredential(bearer_credential(params['token']), vendor=VENDOR)


#: The login methods: oauth when client_id or refresh_token is set, else basic (the default, last).
METHODS = (
    AuthMethod('oauth', _oauth, implied_by=('client_id', 'refresh_token')),
    AuthMethod('basic', _basic),
)


def authenticator_for(params, warn=None):
    """The ``Authenticator`` the connection options ask for (``_auth.choose_authenticator`` over ``METHODS``)."""
    return choose_authenticator(METHODS, params, warn=warn, given=_given)
