# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One Identity Safeguard for Privileged Sessions: logins, SPS errors, API keys and configuration transactions."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import os
import ssl
import time

from contextlib import nullcontext
from urllib.parse import urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec, offset_pages
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    Authenticator,
    Credential,
    GivenCredential,
    basic_authorization,
    basic_secrets,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._cache import file_digest
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, get_or_none, require_file
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, http_date, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    REDACTED,
    APIError,
    NotFoundError,
    OptionError,
    ResponseFormatError,
    RestAuthError,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._options import SPS
from ansible_collections.restauth.enterprise.plugins.module_utils._protocol_choices import Sps
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601

VENDOR = SPS.title
AUTH_TYPES = ('password', 'x509', 'api_key')

# Field names whose values sps_config masks in its diff and result (bodies may carry passwords or keys).
DEFAULT_SECRET_KEYS = ('password', 'passphrase', 'secret', 'token', 'private_key', 'api_key', 'plain', 'key_passphrase')

_LOCK_HINT = ('another session holds the SPS configuration lock (an administrator editing in the web UI, or another '
              'automation run with an open transaction); wait until it commits or cancels its changes, then run again')
_SESSION_HINT = ('the session expired (SPS ends a session after 20 idle minutes) or was closed, or the API key was removed; '
                 'get a new session with restauth.enterprise.sps_token, or give credentials instead of token. If this '
                 'happens right after a successful login, check the clocks of both hosts (clock skew): the session '
                 'cookie is valid for 20 minutes as judged by both clocks')
_PENDING_HINT = ('an earlier task on this session probably failed to commit and to roll back its change. Review the change '
                 '(GET /api/transaction/changes with this session), then discard it (DELETE /api/transaction with this '
                 'session, for example with ansible.builtin.uri) or commit it yourself; or use another session (log in '
                 'again instead of giving token, or clear the token cache): SPS cancels the transaction only when its '
                 'session ends')
_API_KEY_COMMIT_HINT = ('use auth_type: password (username and password) or auth_type: x509 (client_cert and client_key) '
                        'for tasks that change the configuration; API keys can read, and create or remove their own keys')
_HINTS = {
    ('login', 400): ('SPS found no usable credentials in the login request: with auth_type password give username and '
                     'password; with auth_type x509 the client certificate did not reach SPS (check client_cert and '
                     'client_key, and that no TLS-terminating proxy sits in between); check login_method against '
                     'restauth.enterprise.sps_login_methods_info'),
    ('login', 401): ('SPS refused the credentials: check username and password (or SPS_USERNAME / SPS_PASSWORD) and that '
                     'the user may log in with this login_method; for auth_type x509, that the certificate is mapped to '
                     'an SPS user'),
    ('login', 405): ('SPS accepts only GET for the login; url probably points at something that is not the SPS REST API '
                     '(a proxy or a web page), or a proxy changed the request method'),
    ('any', 401): _SESSION_HINT,
    ('any', 405): 'SPS does not allow this HTTP method on this path; check path (for sps_config, an object or a list)',
    ('any', 409): _LOCK_HINT,
    ('any', 411): 'SPS wants a Content-Length on this request; a proxy may have removed it',
    ('any', 403): ('the user lacks the REST server privilege or the privilege for this part of SPS (web UI and REST '
                   'privileges are the same); ask an SPS administrator'),
    (Sps.ERROR_XTOKEN_REQUIRED, 403): ('SPS 7.5+ treats browser-like clients differently; a proxy probably replaced '
                                       'the User-Agent of the collection with a browser one'),
}


def describe_error(response):
    """Read an SPS error body ``{"error": {"type", "message", "details"}, "meta": {...}}``."""
    body = response.error_body()
    kind = message = None
    if isinstance(body, dict) and isinstance(body.get('error'), dict):
        error = body['error']
        kind = error.get('type') if isinstance(error.get('type'), str) else None
        text = error.get('message')
        message = '%s: %s' % (kind, text) if kind and text else (text or kind)
        details = error.get('details')
        problems = details.get('errors') if isinstance(details, dict) else None
        if isinstance(problems, list) and problems:
            message = '%s (%s)' % (message, '; '.join(
                '%s: %s' % (p.get('path'), p.get('message')) if isinstance(p, dict) else str(p) for p in problems))
    where = 'login' if response.path.rstrip('/') == Sps.LOGIN_PATH else 'any'
    hint = _HINTS.get((kind, response.status)) or _HINTS.get((where, response.status)) or _HINTS.get(('any', response.status))
    if message is None and hint is None:
        return None
    return ErrorInfo(message=message, code=kind, hint=hint)


def clock_skew(response, now=None):
    """Seconds the server's ``Date`` is ahead of the local clock (negative: behind), or None without a Date."""
    server = http_date(response.header('Date'))
    if server is None:
        return None
    now = time.time() if now is None else now
    return server - now


def warn_on_clock_skew(response, warn, now=None):
    skew = clock_skew(response, now)
    if skew is None or abs(skew) <= Sps.CLOCK_SKEW_WARNING:
        return skew
    warn('SPS: clock skew of %d seconds: the SPS server clock (Date: %s) is %s this host\'s clock. The session_id cookie '
         'is valid for 20 minutes and SPS and most clients judge it by their own clocks: this collection sends the cookie '
         'explicitly and keeps working, but curl, browsers or ansible.builtin.uri with a cookie jar may drop it, so a '
         'login looks successful while later calls fail, and sessions may seem to end early. Synchronise both clocks (NTP).'
         % (abs(skew), response.header('Date'), 'ahead of' if skew > 0 else 'behind'))
    return skew


def session_credential(session_id, lifetime=Sps.SESSION_IDLE):
    """The credential that carries an SPS session: the ``session_id`` cookie, sent explicitly."""
    expires_at = time.time() + lifetime if lifetime else None
    return Credential(token=session_id, cookies={Sps.SESSION_COOKIE: session_id}, expires_at=expires_at)


def api_key_credential(api_key):
    return Credential(token=api_key, headers={'Authorization': '%s %s' % (Sps.API_KEY_SCHEME, api_key)})


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
        response = client.get(Sps.LOGIN_PATH, params=params, headers=headers, authenticated=False)
        warn_on_clock_skew(response, self.warn)
        # Read from the Set-Cookie header, not a cookie jar: a jar judges Expires by the local clock and
        # silently drops the cookie when this host's clock runs ahead of the server's.
        session_id = response.cookies().get(Sps.SESSION_COOKIE)
        if not session_id:
            raise ResponseFormatError(
                'GET %s returned HTTP %s but set no %s cookie' % (Sps.LOGIN_PATH, response.status, Sps.SESSION_COOKIE),
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
    return client.request('DELETE', Sps.LOGOUT_PATH, authenticated=False, headers=credential.request_headers(),
                          expect=Sps.LOGOUT_UNSUPPORTED)


def session_is_live(client, credential):
    """Whether SPS still accepts the session of ``credential``: one read of ``/api/transaction`` (401: it ended)."""
    return client.get(Sps.TRANSACTION_PATH, authenticated=False, headers=credential.request_headers(), expect=(401,)).ok


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


def auth_type_of(params):
    """The ``auth_type`` option, or the default the contract gives: api_key, then x509, then password."""
    if params.get('auth_type'):
        return params['auth_type']
    if params.get('api_key'):
        return 'api_key'
    if params.get('client_cert'):
        return 'x509'
    return 'password'


def authenticator_for(params, warn=None):
    if params.get('token'):
        return GivenCredential(session_credential(params['token'], lifetime=None), vendor=VENDOR)
    auth_type = auth_type_of(params)
    if auth_type == 'api_key':
        return SpsApiKey(params.get('api_key'))
    if auth_type == 'x509':
        return SpsCertificateLogin(params.get('client_cert'), params.get('client_key'), params.get('login_method'), warn)
    return SpsPasswordLogin(params.get('username'), params.get('password'), params.get('login_method'), warn)


def connect(params, warn=None, keep=False, anonymous=False):
    """An ``SpsAPI`` for the connection options in ``params`` (module params or validated lookup options).

    ``anonymous`` builds a client for the endpoints that need no credentials (the login methods list).
    """
    warn = warn or (lambda message: None)
    authenticator = None if anonymous else authenticator_for(params, warn)
    if authenticator is not None:
        authenticator.validate()
    cert = authenticator.cert() if isinstance(authenticator, SpsCertificateLogin) else None
    client = connect_client(VENDOR, params, authenticator, keep=keep, describe_error=describe_error, warn=warn,
                            client_cert=cert)
    return SpsAPI(client)


# The page size of sps_api paginate when the query gives no limit (INFERRED: SPS documents no default).
API_PAGE_SIZE = 100


# SPS lists: {"items": [...], "meta": {"href", "parent", ...}}; a page that goes on names meta.next.
_api_pages = offset_pages('items', 'meta', API_PAGE_SIZE, VENDOR)


def _api_write_context(api, method, path, params):
    """A configuration change is made in a transaction (opened, committed, rolled back on failure), unless
    ``transaction: none``; SPS applies no change under /api/configuration outside one (SPS REST API Reference
    Guide, "Change the configuration")."""
    where = urlsplit(path).path if '://' in path else '/api/%s' % path.lstrip('/')
    configuration = where.rstrip('/') == Sps.CONFIGURATION_PATH or where.startswith(Sps.CONFIGURATION_PATH + '/')
    if params.get('transaction') == 'auto' and configuration and method != 'GET' and not params.get('read_only'):
        return api.transaction('%s %s' % (method, where))
    return nullcontext()


#: sps_api: paths relative to url + /api.
API_SPEC = ApiSpec(connect, root='/api', pages=_api_pages, write_context=_api_write_context,
                   options=dict(transaction=dict(type='str', default='auto', choices=['auto', 'none'])))


def config_path(path):
    """``path`` relative to /api/configuration: a leading slash or /api/configuration/ prefix is accepted."""
    text = (path or '').strip().strip('/')
    prefix = Sps.CONFIGURATION_PATH.strip('/')
    if text == prefix:
        text = ''
    elif text.startswith(prefix + '/'):
        text = text[len(prefix) + 1:]
    if not text or any(part in ('', '.', '..') for part in text.split('/')):
        raise OptionError('path %r does not name an object or list under %s/' % (path, Sps.CONFIGURATION_PATH), vendor=VENDOR,
                          hint='give a path such as management/email or aaa/local_database/groups')
    return text


def _config_url(path, key=None):
    url = '%s/%s' % (Sps.CONFIGURATION_PATH, '/'.join(path_part(part, 'path part', VENDOR) for part in path.split('/')))
    if key is not None:
        url = '%s/%s' % (url, path_part(key, 'key', VENDOR))
    return url


class SpsAPI(VendorAPI):
    """What the SPS REST API offers the modules."""

    #: the session was found without an open transaction by this task (see ``refuse_pending_transaction``)
    pending_checked = False

    @property
    def auth_type(self):
        return self.client.auth.authenticator.method

    def login_methods(self):
        answer = self.client.get(Sps.LOGIN_METHODS_PATH, authenticated=False).json()
        methods = answer.get('login_methods') if isinstance(answer, dict) else None
        if not isinstance(methods, list):
            raise ResponseFormatError('GET %s returned no "login_methods" list' % Sps.LOGIN_METHODS_PATH, vendor=VENDOR)
        return methods

    # ---- API keys ----

    def own_api_keys(self):
        """The caller's own keys as ``{key_id, name}``."""
        return [{'key_id': item.get('key'), 'name': _body(item).get('name')}
                for item in _items(self.client.get(Sps.OWN_API_KEYS_PATH).json(), Sps.OWN_API_KEYS_PATH)]

    def create_own_api_key(self, name):
        """Create a key for the caller; return (key id, secret). The secret is shown only in this answer."""
        answer = self.client.post(Sps.OWN_API_KEYS_PATH, json={'name': name}).json()
        body = answer.get('body') if isinstance(answer, dict) else None
        secret = body.get(Sps.OWN_API_KEY_SECRET_FIELD) if isinstance(body, dict) else None
        if not isinstance(answer, dict) or not answer.get('key') or not secret:
            raise ResponseFormatError('POST %s answered without "key" and "body.%s"' % (Sps.OWN_API_KEYS_PATH, Sps.OWN_API_KEY_SECRET_FIELD),
                                      vendor=VENDOR, hint='the self-service API key endpoint is an INFERRED protocol choice; '
                                      'see plugins/module_utils/_protocol_choices.py')
        return answer['key'], secret

    def all_api_keys(self):
        """Every user's keys from the admin list, as ``{key_id, name, username, login_method}`` (never a secret)."""
        keys = []
        for item in _items(self.client.get(Sps.ADMIN_API_KEYS_PATH).json(), Sps.ADMIN_API_KEYS_PATH):
            body = _body(item)
            keys.append({'key_id': item.get('key'), 'name': body.get('name'), 'username': body.get('username'),
                         'login_method': body.get('login_method')})
        return keys

    def delete_api_key(self, key_id):
        """Remove a key through the admin endpoint (call inside a ``Transaction``)."""
        self.client.delete('%s/%s' % (Sps.ADMIN_API_KEYS_PATH, path_part(key_id, 'API key id', VENDOR)))

    # ---- configuration ----

    def get_config(self, path, key=None, missing_ok=False):
        response = get_or_none(self.client, _config_url(path, key)) if missing_ok else self.client.get(_config_url(path, key))
        if response is None:
            return None
        answer = response.json()
        if not isinstance(answer, dict):
            # The type only: a configuration body may hold passwords.
            raise ResponseFormatError('GET %s returned a JSON %s, not an object' % (_config_url(path, key), type(answer).__name__),
                                      vendor=VENDOR)
        return answer

    def list_bodies(self, path, listing):
        """``(key, body)`` of every item of a list; configuration lists carry no bodies, so each is fetched."""
        found = []
        for item in _items(listing, _config_url(path)):
            body = item.get('body')
            if not isinstance(body, dict):
                body = (self.get_config(path, item.get('key')) or {}).get('body')
            found.append((item.get('key'), body if isinstance(body, dict) else {}))
        return found

    def put_config(self, path, body, key=None):
        self.client.put(_config_url(path, key), json=body)

    def create_config(self, path, body):
        answer = self.client.post(_config_url(path), json=body).json()
        if not isinstance(answer, dict) or not answer.get('key'):
            raise ResponseFormatError('POST %s answered without the "key" of the new object' % _config_url(path), vendor=VENDOR)
        return answer['key']

    def delete_config(self, path, key):
        self.client.delete(_config_url(path, key))

    def logout(self):
        """End the session in use (``sps_token`` state=absent); False when SPS no longer knew it."""
        response = end_session(self.client, self.login())
        if response.status in (404, 405):
            raise APIError('DELETE %s answered HTTP %s: this server offers no logout' % (Sps.LOGOUT_PATH, response.status),
                           vendor=VENDOR, status=response.status,
                           hint='the session ends by itself after 20 idle minutes; leave out the sps_token task with state=absent')
        return response.ok

    def session_is_live(self):
        return session_is_live(self.client, self.login())

    def transaction(self, purpose, commit_message=None):
        return Transaction(self, purpose, commit_message)

    def session_outlives_task(self):
        """True when the session is not this task's alone: given in ``token``, kept, or shared through the token cache."""
        auth = self.client.auth
        return not auth.authenticator.can_login or auth.keep or auth.cache is not None

    def transaction_status(self):
        """``(status, changes)`` of the session's transaction: ``open`` or ``closed``, and the pending changes
        as ``"<type> <path>"`` (values left out: they may hold secrets), or None when they could not be read."""
        answer = self.client.get(Sps.TRANSACTION_PATH).json()
        status = None
        if isinstance(answer, dict):
            # SPS 7+ answers body.status; SPS 5.x and 6.x answered transaction.status.
            for holder in (answer.get('body'), answer.get('transaction')):
                if isinstance(holder, dict) and isinstance(holder.get('status'), str):
                    status = holder['status']
                    break
        if status is None:
            raise ResponseFormatError('GET %s answered without the status of the transaction' % Sps.TRANSACTION_PATH, vendor=VENDOR)
        if status == 'closed':
            return status, []
        try:
            listed = self.client.get(Sps.TRANSACTION_CHANGES_PATH).json()
        except RestAuthError:
            return status, None
        changes = listed.get('changes') if isinstance(listed, dict) else None
        if not isinstance(changes, list):
            return status, None
        return status, ['%s %s' % (change.get('type'), change.get('path')) for change in changes if isinstance(change, dict)]

    def refuse_pending_transaction(self, purpose):
        """Fail when the session already holds an open transaction: this task would read its pending changes as the
        configuration, and commit them with its own. Checked once per task (API keys hold no transaction)."""
        if self.pending_checked or self.auth_type == 'api_key':
            return
        status, changes = self.transaction_status()
        if status != 'closed':
            if changes is None:
                listed = 'its changes could not be listed'
            elif changes:
                listed = 'pending: %s' % '; '.join(changes)
            else:
                listed = 'no change pending'
            raise RestAuthError('refusing %s: the session already has an open configuration transaction that this task did not '
                                'open (status %s, %s). Nothing was changed, so that this task neither builds on those changes '
                                'nor commits them with its own' % (purpose, status, listed), vendor=VENDOR, hint=_PENDING_HINT)
        self.pending_checked = True

    def require_transactions(self, purpose):
        """Fail before any change when the login cannot commit (API keys)."""
        if self.auth_type == 'api_key':
            raise OptionError('%s needs a configuration transaction, and API keys cannot open or commit SPS configuration '
                              'transactions (auth_type api_key)' % purpose, vendor=VENDOR, hint=_API_KEY_COMMIT_HINT)


def _body(item):
    """The ``body`` of a key/body/meta item, or an empty dict when it has none."""
    body = item.get('body')
    return body if isinstance(body, dict) else {}


def _items(answer, path):
    items = answer.get('items') if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise ResponseFormatError('GET %s returned no "items" list' % path, vendor=VENDOR)
    return [item for item in items if isinstance(item, dict)]


class Transaction:
    """An SPS configuration transaction as a context manager.

    Entering opens it (``POST /api/transaction``; an API-key login fails before that). Leaving the block
    normally commits (``PUT {"status": "commit"}``); an exception in the block, or a failed commit, rolls
    it back (``DELETE /api/transaction``) so that nothing half-applied stays pending, and the error is
    raised with what happened to the transaction added to its message.
    """

    def __init__(self, api, purpose, commit_message=None):
        self.api = api
        self.client = api.client
        self.purpose = purpose
        self.commit_message = commit_message
        self.opened = False
        self.committed = False
        self.rolled_back = False

    def __enter__(self):
        self.api.require_transactions(self.purpose)
        self.api.refuse_pending_transaction(self.purpose)
        try:
            # An explicit empty body: SPS answers 411 to a POST without Content-Length (VERIFIED).
            self.client.post(Sps.TRANSACTION_PATH, data=b'', headers={'Content-Type': 'application/json'})
        except RestAuthError as error:
            if error.status == Sps.LOCK_CONFLICT_STATUS:
                error.message = 'cannot open a configuration transaction for %s: %s' % (self.purpose, error.message)
            raise
        self.opened = True
        return self

    def commit(self):
        body = dict(Sps.COMMIT_BODY)
        if self.commit_message:
            body[Sps.COMMIT_MESSAGE_FIELD] = self.commit_message
        self.client.put(Sps.TRANSACTION_PATH, json=body)
        self.committed = True

    def rollback(self):
        """``DELETE /api/transaction``; return the error met, or None when the transaction was rolled back."""
        try:
            self.client.delete(Sps.TRANSACTION_PATH)
        except RestAuthError as error:
            return error
        self.rolled_back = True
        return None

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is None:
            try:
                self.commit()
            except RestAuthError as error:
                error.message = 'committing the transaction for %s failed: %s' % (self.purpose, error.message)
                self._after_rollback(error)
                raise
            return False
        if isinstance(exc, RestAuthError):
            self._after_rollback(exc)
        else:
            self.rollback()
        return False

    def _after_rollback(self, error):
        failure = self.rollback()
        if failure is None:
            error.message += '. The transaction was rolled back (DELETE %s): nothing was applied' % Sps.TRANSACTION_PATH
            return
        # A later transaction of this task must look again: this one may still be open.
        self.api.pending_checked = False
        error.message += '. Rolling the transaction back failed too (%s): the change is pending in SPS, not applied' % failure.message
        if self.api.session_outlives_task():
            error.message += (', in a session that stays open after this task (given in token, or shared through the token '
                              'cache), and it keeps the configuration locked. The next task on that session refuses to run '
                              'until the transaction is gone: discard it with DELETE %s on that session'
                              ' (or let the session end)' % Sps.TRANSACTION_PATH)
        else:
            error.message += ('. The session was this task\'s own and nothing else uses it: SPS cancels its transaction when '
                              'the session ends (this task tries to log it out; at the latest after 20 idle minutes), and until then the '
                              'configuration stays locked')


# ---- state logic of the modules ----


def deep_merge(current, wanted):
    """``current`` with ``wanted`` laid over it: nested objects merge, everything else is replaced."""
    merged = copy.deepcopy(current) if isinstance(current, dict) else {}
    for key, value in wanted.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def mask(value, secret_keys):
    """A copy of ``value`` with the values of ``secret_keys`` replaced by a mask, at any depth."""
    if isinstance(value, dict):
        return dict((k, REDACTED if k in secret_keys and v not in (None, '') else mask(v, secret_keys)) for k, v in value.items())
    if isinstance(value, list):
        return [mask(item, secret_keys) for item in value]
    return value


def secret_values(value, secret_keys):
    """Every string held under one of ``secret_keys`` in ``value`` (for Ansible's no_log masking)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in secret_keys and isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item):
                found.append(str(item))
            else:
                found.extend(secret_values(item, secret_keys))
    elif isinstance(value, list):
        for item in value:
            found.extend(secret_values(item, secret_keys))
    return found


class ConfigResource(Resource):
    """One configuration object of ``sps_config``: a singleton, an item of a list (found by ``match`` or ``key``,
    or named by its own path), brought to ``body`` (laid over it with ``merge``, or replacing it) in a transaction.

    An object here is ``{'key', 'body', 'list'}``: ``list`` is the path of the list the item belongs to, None
    for an object written at ``path`` itself (a singleton, or an item named by its path). SPS ``PUT`` replaces
    the whole object, so an update sends the complete new body (SPS REST API Reference Guide, "Change the
    configuration").
    """

    vendor = VENDOR
    module = 'sps_config'
    kind = 'item'
    body_key = 'body'
    id_key = 'key'
    none_leaves = False     # a null in body is a field emptied on purpose, as SPS stores it

    def __init__(self, api, params):
        super(ConfigResource, self).__init__(api, params)
        self.path = config_path(params['path'])
        self.secret_keys = frozenset(params.get('secret_keys') or DEFAULT_SECRET_KEYS)
        self.item_key = params.get('key')       # the key of the object meant, once known
        self.current = None                     # the one match, for ``wanted`` (replace) and the purpose

    def given_id(self):
        return self.item_key

    def label(self):
        return _config_url(self.path, self.params.get('key'))

    def written_name(self, obj):
        key = self.object_id(obj) if obj is not None else None
        return _config_url(obj['list'], key) if obj is not None and obj.get('list') else self.label()

    def purpose(self, action):
        if action == 'create':
            return 'creating an item in %s' % _config_url(self.path)
        current = self.current or {}
        where = _config_url(current['list'], current['key']) if current.get('list') else self.label()
        return '%s %s' % ('deleting' if action == 'delete' else 'changing', where)

    def target(self, current):
        """The whole body to send: ``body`` laid over ``current`` (merge) or ``body`` alone."""
        body = self.params.get('body') or {}
        return deep_merge(current, body) if self.params.get('merge', True) else copy.deepcopy(body)

    def wanted(self):
        if self.current is None:
            return deep_merge(self.params.get('match') or {}, self.params.get('body') or {})
        target = self.target(self.current['body'])
        # With replace, a field the body leaves out is one the object must lose.
        return dict(dict((field, None) for field in self.current['body']), **target)

    def find(self):
        key, match, absent = self.params.get('key'), self.params.get('match'), self.params.get('state') == 'absent'
        self.label()  # refuse a path part or key such as '..' before any request
        self.api.refuse_pending_transaction('%s %s' % ('deleting' if absent else 'changing', self.label()))
        if key is not None:
            found = self.api.get_config(self.path, key, missing_ok=True)
            return self._found([_object(found, key, self.path)] if found is not None else [])
        listing = self.api.get_config(self.path, missing_ok=True)
        if listing is not None and 'items' in listing:
            if not match:
                raise OptionError(('state=absent on a list needs match or key to know which item to delete' if absent else
                                   '%s is a list: give match (the body fields that identify the item) or key' % self.label()),
                                  vendor=VENDOR, hint='for example match: {name: ops}')
            return self._found([{'key': item_key, 'body': body, 'list': self.path} for item_key, body in self.api.list_bodies(self.path, listing)
                                if all(body.get(name) == value for name, value in match.items())])
        if listing is not None and not absent:
            if match:
                raise OptionError('match applies to list paths, and %s is a single object' % self.label(), vendor=VENDOR)
            # A singleton, or an item of a list named by its path: PUT replaces it at that path either way.
            return self._found([_object(listing, listing.get('key'), None)])
        item = self._item_of_list()
        if item is None:
            if listing is None:
                raise NotFoundError('%s does not exist' % self.label(), vendor=VENDOR, status=404,
                                    hint='check path: an object, a list, or an item of a list under %s/' % Sps.CONFIGURATION_PATH)
            raise OptionError('%s is a single object and cannot be deleted; give the path of a list with key or match, or the '
                              'path of an item of a list' % self.label(), vendor=VENDOR)
        if match:
            raise OptionError('match applies to list paths, and %s is an item' % self.label(), vendor=VENDOR)
        if listing is None and not absent:
            raise NotFoundError('%s has no item with key %s' % (_config_url(item[0]), item[1]), vendor=VENDOR, status=404,
                                hint='give the path of the list with match to create the item')
        # An item named by its own path, to delete from its list (already gone: nothing to do).
        self.item_key = item[1]
        return self._found([_object(listing, item[1], item[0])] if listing is not None else [])

    def _found(self, matches):
        self.current = matches[0] if len(matches) == 1 else None
        return matches

    def _item_of_list(self):
        """``(list path, key)`` when ``self.path`` names an item of a list (its parent is a list), else None."""
        parent, _sep, key = self.path.rpartition('/')
        if not parent:
            return None
        listing = self.api.get_config(parent, missing_ok=True)
        if listing is None or 'items' not in listing:
            return None
        return parent, key

    def view(self, obj):
        return obj['body']

    def object_id(self, obj):
        return obj.get('key')

    def output(self, obj):
        return mask(obj['body'], self.secret_keys)

    def guard(self, action, current, changes):
        self.api.require_transactions(self.purpose(action))

    def writing(self, action):
        return self.api.transaction(self.purpose(action), self.params.get('commit_message'))

    def create(self, wanted):
        key = self.api.create_config(self.path, wanted)
        return {'key': key, 'body': wanted, 'list': self.path}

    def update(self, current, changes):
        self.api.put_config(current.get('list') or self.path, self.target(current['body']), current['key'] if current.get('list') else None)

    def delete(self, current):
        self.api.delete_config(current['list'], current['key'])

    def read_back(self, action, current, written, changes):
        obj = written if current is None else current
        where = obj.get('list') or self.path
        key = obj['key'] if obj.get('list') else None
        after = self.api.get_config(where, key, missing_ok=current is None)
        return {'key': obj['key'], 'body': (after or {}).get('body', self.predict(current, changes)['body']), 'list': obj.get('list')}

    def predict(self, current, changes):
        if current is None:
            return {'key': None, 'body': changes, 'list': self.path}
        return dict(current, body=self.target(current['body']))

    def diff(self, before, after, current, changes, obj=None):
        return {'before': mask(before, self.secret_keys), 'after': mask(after, self.secret_keys)}

    def ambiguous(self, matches):
        match = json.dumps(self.params.get('match'), sort_keys=True)
        return ('%d items of %s match %s, and sps_config changes one item' % (len(matches), _config_url(self.path), match),
                'add fields to match so that it identifies one item, or give key')

    def missing(self):
        return ('%s has no item with key %s' % (_config_url(self.path), self.item_key), 'leave key out and give match to create the item')


def _object(answer, key, list_path):
    body = answer.get('body')
    return {'key': key, 'body': body if isinstance(body, dict) else {}, 'list': list_path}


class ApiKeyResource(Resource):
    """The caller's own API key by name (created through the self-service list), or keys of any user removed
    through the administrators' list inside a configuration transaction (``sps_api_key``).

    Several keys may share a name: state=present is satisfied by one of them, state=absent removes them all.
    """

    vendor = VENDOR
    module = 'sps_api_key'
    kind = 'API key'
    body_key = 'api_key'    # the secret of a key just created; SPS shows it only in the answer to the creation
    id_key = 'key_id'
    ids_key = 'key_ids'
    many = True

    def given_id(self):
        # A key named by id is only removed, never created: present always works by name.
        return self.params.get('key_id') if self.params.get('state') == 'absent' else None

    def label(self):
        key_id, name = self.params.get('key_id'), self.params.get('name')
        return 'the API key(s) %s' % (key_id or 'named %s' % name)

    def wanted(self):
        return {'name': self.params.get('name')}

    def extra(self):
        return {'name': self.params.get('name'), 'api_key': None}

    def find(self):
        params = self.params
        if params.get('state') != 'absent':
            return [key for key in self.api.own_api_keys() if key['name'] == params['name']]
        # Before the admin list is read: it shows what the session's own pending transaction made of it.
        self.api.refuse_pending_transaction('removing %s' % self.label())
        return [key for key in self.api.all_api_keys()
                if all(params.get(option) is None or key[field] == params[option]
                       for option, field in (('key_id', 'key_id'), ('name', 'name'), ('owner', 'username')))]

    def view(self, obj):
        return dict((field, value) for field, value in obj.items() if field != 'api_key')

    def object_id(self, obj):
        return obj.get('key_id')

    def output(self, obj):
        return obj.get('api_key')

    def guard(self, action, current, changes):
        if action == 'delete':
            self.api.require_transactions('removing %s' % self.label())

    def writing(self, action):
        # Keys of the logged-in user are created outside a transaction; removals go through the configuration.
        return self.api.transaction('removing %s' % self.label()) if action == 'delete' else nullcontext()

    def create(self, wanted):
        key_id, secret = self.api.create_own_api_key(wanted['name'])
        return {'key_id': key_id, 'name': wanted['name'], 'api_key': secret}

    def read_back(self, action, current, written, changes):
        return written

    def delete(self, current):
        self.api.delete_api_key(current['key_id'])

    def predict(self, current, changes):
        return {'key_id': None, 'name': changes.get('name')}

    def diff(self, before, after, current, changes, obj=None):
        # The keys of that name before and after, with ids, names and owners; never a secret.
        if isinstance(before, list):
            return {'before': {'api_keys': before}, 'after': {'api_keys': []}}
        if changes:
            return {'before': {'api_keys': []}, 'after': {'api_keys': [{'key_id': obj.get('key_id'), 'name': obj.get('name')}]}}
        kept = [self.view(obj)] if obj is not None else []
        return {'before': {'api_keys': kept}, 'after': {'api_keys': kept}}


class SessionResource(TokenResource):
    """The SPS session of ``sps_token`` (the rules are ``_resource.run_token``): a given session is proven by one
    read of ``/api/transaction``; state=absent ends it with ``DELETE /api/authentication``."""

    vendor = VENDOR
    can_log_out = True

    def refusal(self):
        if not self.given_token() and auth_type_of(self.params) == 'api_key':
            return OptionError('an API key needs no login, so there is no session token to get', vendor=VENDOR,
                               hint='give api_key to the other SPS modules directly, or use auth_type password or x509 here')
        return None

    def validate(self):
        self.api.client.get(Sps.TRANSACTION_PATH)

    def logout(self):
        return self.api.logout()

    def is_live(self):
        return self.api.session_is_live()

    def output(self, credential):
        return {'token': credential.token, 'expires_at': iso8601(credential.expires_at)}
