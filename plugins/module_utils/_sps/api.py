# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The SPS REST API: the error description and hints, ``connect``, the ``SpsAPI`` calls and ``API_SPEC`` of sps_api.

The rule of this file: functions here are thin, one HTTP call each; the login is in ``auth``, the transaction
logic in ``transaction``, the state logic of the modules in ``resources``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from contextlib import nullcontext
from urllib.parse import urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec, ItemPages, offset_pages
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, get_or_none, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._paging import walk
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, OptionError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._sps import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.transaction import Transaction, refuse_pending, require_commit_rights
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.auth import SpsCertificateLogin, authenticator_for, end_session, session_is_live

_LOCK_HINT = ('another session holds the SPS configuration lock (an administrator editing in the web UI, or another '
              'automation run with an open transaction); wait until it commits or cancels its changes, then run again')
_SESSION_HINT = ('the session expired (SPS ends a session after 20 idle minutes) or was closed, or the API key was removed; '
                 'get a new session with restauth.enterprise.sps_token, or give credentials instead of token. If this '
                 'happens right after a successful login, check the clocks of both hosts (clock skew): the session '
                 'cookie is valid for 20 minutes as judged by both clocks')
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
    ('api_keys', 403): ('SPS refused the API key request, which has several causes: the built-in local admin user cannot have '
                        'API keys (log in as another user); the login method of the session may not allow API keys (check '
                        'its api_key_access in restauth.enterprise.sps_login_methods_info and give login_method for one that '
                        'does); otherwise the user lacks the REST server privilege (ask an SPS administrator)'),
    (protocol.ERROR_XTOKEN_REQUIRED, 403): ('SPS 7.5+ treats browser-like clients differently; a proxy probably replaced '
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
    where = 'any'
    if response.path.rstrip('/') == protocol.LOGIN_PATH:
        where = 'login'
    elif response.path.rstrip('/').startswith(protocol.OWN_API_KEYS_PATH):
        where = 'api_keys'
    hint = _HINTS.get((kind, response.status)) or _HINTS.get((where, response.status)) or _HINTS.get(('any', response.status))
    if message is None and hint is None:
        return None
    return ErrorInfo(message=message, code=kind, hint=hint)


def connect(params, warn=None, keep=False, anonymous=False):
    """An ``SpsAPI`` for the connection options in ``params`` (module params or validated lookup options).

    ``anonymous`` builds a client for the endpoints that need no credentials (the login methods list).
    """
    warn = warn or (lambda message: None)
    authenticator = None if anonymous else authenticator_for(params, warn)
    if authenticator is not None:
        authenticator.validate()
    cert = authenticator.cert() if isinstance(authenticator, SpsCertificateLogin) else None
    # Users copy https://sps/api from the REST API Reference Guide; the collection adds /api itself.
    params = dict(params, url=url_without_suffix(params.get('url'), protocol.API_ROOT, warn))
    client = connect_client(VENDOR, params, authenticator, keep=keep, describe_error=describe_error, warn=warn,
                            client_cert=cert)
    return SpsAPI(client)


# SPS lists: {"items": [...], "meta": {"href", "parent", ...}}; a page that goes on names meta.next.
_api_pages = offset_pages('items', 'meta', protocol.API_PAGE_SIZE, VENDOR)


def _api_write_context(api, method, path, params):
    """A configuration change is made in a transaction (opened, committed, rolled back on failure), unless
    ``transaction: none``; SPS applies no change under /api/configuration outside one (SPS REST API Reference
    Guide, "Change the configuration")."""
    where = urlsplit(path).path if '://' in path else '/api/%s' % path.lstrip('/')
    configuration = where.rstrip('/') == protocol.CONFIGURATION_PATH or where.startswith(protocol.CONFIGURATION_PATH + '/')
    if params.get('transaction') == 'auto' and configuration and method != 'GET' and not params.get('read_only'):
        return api.transaction('%s %s' % (method, where))
    return nullcontext()


#: sps_api: paths relative to url + /api.
API_SPEC = ApiSpec(connect, root=protocol.API_ROOT, pages=_api_pages, write_context=_api_write_context,
                   options=dict(transaction=dict(type='str', default='auto', choices=['auto', 'none'])))


def config_path(path):
    """``path`` relative to /api/configuration: a leading slash or /api/configuration/ prefix is accepted."""
    text = (path or '').strip().strip('/')
    prefix = protocol.CONFIGURATION_PATH.strip('/')
    if text == prefix:
        text = ''
    elif text.startswith(prefix + '/'):
        text = text[len(prefix) + 1:]
    if not text or any(part in ('', '.', '..') for part in text.split('/')):
        raise OptionError('path %r does not name an object or list under %s/' % (path, protocol.CONFIGURATION_PATH), vendor=VENDOR,
                          hint='give a path such as management/email or aaa/local_database/groups')
    return text


def config_url(path, key=None):
    url = '%s/%s' % (protocol.CONFIGURATION_PATH, '/'.join(path_part(part, 'path part', VENDOR) for part in path.split('/')))
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
        answer = self.client.get(protocol.LOGIN_METHODS_PATH, authenticated=False).json()
        methods = answer.get('login_methods') if isinstance(answer, dict) else None
        if not isinstance(methods, list):
            raise ResponseFormatError('GET %s returned no "login_methods" list' % protocol.LOGIN_METHODS_PATH, vendor=VENDOR)
        return methods

    # ---- API keys ----

    def own_api_keys(self):
        """The caller's own keys as ``{key_id, name}``."""
        return [{'key_id': item.get('key'), 'name': _body(item).get('name')}
                for item in _items(self.client.get(protocol.OWN_API_KEYS_PATH).json(), protocol.OWN_API_KEYS_PATH)]

    def create_own_api_key(self, name):
        """Create a key for the caller; return (key id, secret). The secret is shown only in this answer."""
        answer = self.client.post(protocol.OWN_API_KEYS_PATH, json={'name': name}).json()
        body = answer.get('body') if isinstance(answer, dict) else None
        secret = body.get(protocol.OWN_API_KEY_SECRET_FIELD) if isinstance(body, dict) else None
        if not isinstance(answer, dict) or not answer.get('key') or not secret:
            raise ResponseFormatError('POST %s answered without "key" and "body.%s"' % (protocol.OWN_API_KEYS_PATH, protocol.OWN_API_KEY_SECRET_FIELD),
                                      vendor=VENDOR, hint='the self-service API key endpoint is an INFERRED protocol choice; '
                                      'see plugins/module_utils/_sps/protocol.py')
        return answer['key'], secret

    def all_api_keys(self):
        """Every user's keys from the admin list, as ``{key_id, name, username, login_method}`` (never a secret)."""
        keys = []
        for item in _items(self.client.get(protocol.ADMIN_API_KEYS_PATH).json(), protocol.ADMIN_API_KEYS_PATH):
            body = _body(item)
            keys.append({'key_id': item.get('key'), 'name': body.get('name'), 'username': body.get('username'),
                         'login_method': body.get('login_method')})
        return keys

    def delete_api_key(self, key_id):
        """Remove a key through the admin endpoint (call inside a ``Transaction``)."""
        self.client.delete('%s/%s' % (protocol.ADMIN_API_KEYS_PATH, path_part(key_id, 'API key id', VENDOR)))

    # ---- configuration ----

    def get_config(self, path, key=None, missing_ok=False):
        response = get_or_none(self.client, config_url(path, key)) if missing_ok else self.client.get(config_url(path, key))
        if response is None:
            return None
        return _object_answer(response, config_url(path, key))

    def list_bodies(self, path, listing):
        """``(key, body)`` of every item of a list; configuration lists carry no bodies, so each is fetched."""
        found = []
        for item in _items(listing, config_url(path)):
            body = item.get('body')
            if not isinstance(body, dict):
                body = (self.get_config(path, item.get('key')) or {}).get('body')
            found.append((item.get('key'), body if isinstance(body, dict) else {}))
        return found

    def put_config(self, path, body, key=None):
        self.client.put(config_url(path, key), json=body)

    def create_config(self, path, body):
        answer = self.client.post(config_url(path), json=body).json()
        if not isinstance(answer, dict) or not answer.get('key'):
            raise ResponseFormatError('POST %s answered without the "key" of the new object' % config_url(path), vendor=VENDOR)
        return answer['key']

    def delete_config(self, path, key):
        self.client.delete(config_url(path, key))

    # ---- status and audit ----

    def info(self):
        """The ``GET /api/info`` answer (firmware version and more)."""
        return _object_answer(self.client.get(protocol.INFO_PATH), protocol.INFO_PATH)

    def health_status(self):
        """The ``GET /api/health_status`` answer."""
        return _object_answer(self.client.get(protocol.HEALTH_PATH), protocol.HEALTH_PATH)

    def audit_sessions(self, query, limit=None):
        """The recorded sessions matching ``query`` (the search parameters), every page or the first ``limit`` items."""
        return walk(ItemPages(self.client, VENDOR, protocol.AUDIT_SESSIONS_PATH, query, protocol.AUDIT_PAGE_SIZE, 'items', 'meta'), limit)

    def logout(self):
        """End the session in use (``sps_token`` state=absent); False when SPS no longer knew it."""
        response = end_session(self.client, self.login())
        if response.status in (404, 405):
            raise APIError('DELETE %s answered HTTP %s: this server offers no logout' % (protocol.LOGOUT_PATH, response.status),
                           vendor=VENDOR, status=response.status,
                           hint='the session ends by itself after 20 idle minutes; leave out the sps_token task with state=absent')
        return response.ok

    def session_is_live(self):
        return session_is_live(self.client, self.login())

    def transaction(self, purpose, commit_message=None):
        return Transaction(self, purpose, commit_message)

    def refuse_pending_transaction(self, purpose):
        refuse_pending(self, purpose)

    def require_transactions(self, purpose):
        require_commit_rights(self, purpose)


def _body(item):
    """The ``body`` of a key/body/meta item, or an empty dict when it has none."""
    body = item.get('body')
    return body if isinstance(body, dict) else {}


def _object_answer(response, path):
    """The JSON object of ``response``; anything else is named by its type only (a configuration body may hold passwords)."""
    answer = response.json()
    if not isinstance(answer, dict):
        raise ResponseFormatError('GET %s returned a JSON %s, not an object' % (path, type(answer).__name__), vendor=VENDOR)
    return answer


def _items(answer, path):
    items = answer.get('items') if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise ResponseFormatError('GET %s returned no "items" list' % path, vendor=VENDOR)
    return [item for item in items if isinstance(item, dict)]
