# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The authentication contract shared by every vendor.

A ``Credential`` is what a request must carry (headers, cookies) and until when.
An ``Authenticator`` is one way of obtaining it (one class per vendor auth method):
``validate`` checks options without the network, ``login`` obtains a credential,
``logout`` releases one. An ``AuthSession`` holds the current credential of one
client: it logs in lazily, renews an expired credential, drops one the server
refused, and on release logs out only what it obtained itself.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import time

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    OptionError,
    RestAuthError,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._options import missing_text

# A credential is renewed this many seconds before it expires, so a request
# does not leave with a token that dies on the way.
EXPIRY_MARGIN = 30


def basic_authorization(username, password):
    """The ``Authorization`` value of HTTP Basic: ``Basic base64(username:password)``, the pair UTF-8 encoded."""
    raw = ('%s:%s' % (username, password)).encode('utf-8')
    return 'Basic %s' % base64.b64encode(raw).decode('ascii')


def basic_secrets(username, password):
    """What of a Basic login must never be shown: the password and the encoded pair (it decodes to the password)."""
    if not password:
        return []
    return [password, basic_authorization(username, password).split(' ', 1)[1]]


class Credential:
    """What an authenticated request carries.

    ``token`` is the value a user would pass back in the ``token`` option (the
    JWT, the session id...). ``headers`` and ``cookies`` are sent as they are.
    ``expires_at`` is a POSIX timestamp on the local clock, or None when the
    vendor does not say. ``issued_at`` is when it was obtained (local clock),
    when known: a short-lived credential is then renewed within the last quarter
    of its life rather than ``EXPIRY_MARGIN`` seconds before its end, which
    could be before it was even used.
    """

    def __init__(self, token=None, headers=None, cookies=None, expires_at=None, issued_at=None):
        self.token = token
        self.headers = dict(headers or {})
        self.cookies = dict(cookies or {})
        self.expires_at = expires_at
        self.issued_at = issued_at

    def expired(self, margin=EXPIRY_MARGIN, now=None):
        if self.expires_at is None:
            return False
        now = time.time() if now is None else now
        if self.issued_at is not None:
            margin = min(margin, max(0.0, self.expires_at - self.issued_at) / 4)
        return now >= self.expires_at - margin

    def request_headers(self):
        """The headers to send, cookies folded into one ``Cookie`` header.

        Cookies are sent explicitly rather than through a cookie jar so that a
        controller clock that runs ahead cannot make the jar drop them.
        """
        headers = dict(self.headers)
        if self.cookies:
            headers['Cookie'] = '; '.join('%s=%s' % item for item in sorted(self.cookies.items()))
        return headers

    def secrets(self):
        values = [self.token]
        values.extend(self.cookies.values())
        return [value for value in values if value]

    def dump(self):
        """This credential as JSON-ready data, for the token cache (``Authenticator.restore`` reads it back)."""
        return {'token': self.token, 'headers': self.headers, 'cookies': self.cookies, 'expires_at': self.expires_at,
                'issued_at': self.issued_at}


class Authenticator:
    """One way of authenticating to one vendor. Subclasses set the class attributes."""

    #: the vendor's display name, used in messages
    vendor = None
    #: a short name of the method (password, token, api_key...)
    method = None
    #: False for methods that reuse a given credential and cannot obtain a new one
    can_login = True

    def validate(self):
        """Raise ``OptionError`` when the options cannot work. No network."""

    def login(self, client):
        """Obtain a new ``Credential`` through ``client`` (unauthenticated requests only)."""
        raise NotImplementedError

    def logout(self, client, credential):
        """Release ``credential``. Return True when the server released it."""
        return False

    def rejects(self, response):
        """True when ``response`` means the credential is no longer accepted."""
        return response.status == 401

    def refresh(self, client, credential, response):
        """A renewed ``credential`` when ``response`` is a refusal it cures without a new login, else None.

        Only for a refusal that surely left the request unprocessed (the client then sends it once more).
        XTAM: a write refused for a stale XSRF token, cured by asking whoami for a fresh one.
        """
        return None

    def secrets(self):
        """The secret option values of this method (masked in any message)."""
        return []

    def cache_identity(self):
        """``(identity, secrets)`` naming this login in the token cache, or None when it cannot be cached.

        ``identity`` (user, auth type, options that change the session) names
        the entry; ``secrets`` (password, API token...) must match for an entry
        to be used. Only methods that log in are cached.
        """
        return None

    def resume(self, data):
        """Take from the cached ``data`` of an expired credential what the next login can use (a refresh token)."""

    def restore(self, data):
        """The ``Credential`` of cached ``data`` (what ``Credential.dump`` wrote)."""
        return Credential(token=data.get('token'), headers=data.get('headers'), cookies=data.get('cookies'),
                          expires_at=data.get('expires_at'), issued_at=data.get('issued_at'))

    def require(self, blank_ok=(), **options):
        """Fail with one message naming every missing option (None, or empty unless listed in ``blank_ok``)."""
        missing = sorted(name for name, value in options.items()
                         if value is None or (value == '' and name not in blank_ok))
        if missing:
            raise MissingOptionError('the %s login' % self.method, missing, self.vendor)


class MissingOptionError(OptionError):
    """Options a login needs are not set: the message names where each can be set (option, environment variable).

    ``in_lookup()`` is the same error worded for a lookup, which reads keywords and variables instead of module options.
    """

    def __init__(self, what, missing, vendor, hint='set them, or give a token obtained earlier', lookup=False):
        self.what, self.missing, self.lookup = what, tuple(missing), lookup
        super(MissingOptionError, self).__init__(
            '%s needs %s: %s' % (what, ', '.join(self.missing), missing_text(vendor, self.missing, lookup)),
            vendor=vendor, hint=hint)

    def in_lookup(self):
        return MissingOptionError(self.what, self.missing, self.vendor, hint=self.hint, lookup=True)


class GivenCredential(Authenticator):
    """A credential the user already holds (the ``token`` option): no login happens."""

    method = 'token'
    can_login = False

    def __init__(self, credential, vendor=None):
        self.credential = credential
        self.vendor = vendor

    def login(self, client):
        return self.credential

    def secrets(self):
        return self.credential.secrets()


class AuthMethod:
    """One row of a vendor's authenticator table.

    ``name`` is the ``auth_type`` value, ``build(params, warn)`` returns the
    ``Authenticator``, and ``implied_by`` names the options whose presence
    selects this method when ``auth_type`` is not given.
    """

    def __init__(self, name, build, implied_by=()):
        self.name = name
        self.build = build
        self.implied_by = tuple(implied_by)


def method_name(methods, params):
    """The login method ``params`` ask for, decided the same way for every vendor.

    ``auth_type`` when given; else the first row of ``methods`` one of whose
    ``implied_by`` options is set; else the last row (the vendor's default).
    """
    names = [method.name for method in methods]
    wanted = params.get('auth_type')
    if wanted:
        if wanted not in names:
            raise OptionError('auth_type %s is not one of %s' % (wanted, ', '.join(names)))
        return wanted
    for method in methods:
        if any(params.get(option) for option in method.implied_by):
            return method.name
    return names[-1]


def choose_authenticator(methods, params, warn=None, given=None):
    """The ``Authenticator`` for ``params`` from a vendor's table of ``AuthMethod`` rows.

    When the ``token`` option is set and ``given`` is a function, ``given(params, name)``
    is asked first (``name`` is the method the other options ask for): it returns the
    authenticator that reuses the token, or None to let the method's own builder take it.
    """
    name = method_name(methods, params)
    if params.get('token') and given is not None:
        chosen = given(params, name)
        if chosen is not None:
            return chosen
    return [method for method in methods if method.name == name][0].build(params, warn)


class AuthSession:
    """The current credential of one client.

    The client asks ``current()`` before each authenticated request and calls
    ``refused()`` when the server answered that the credential is not accepted
    (only when ``can_renew``); the next ``current()`` then logs in once more.
    Whether to retry, and only once, is the client's decision.

    A credential about to expire is renewed by ``current()``; the one it
    replaces is logged out then, when the task obtained it. A credential that
    seems expired as soon as it is obtained (a clock or lifetime the collection
    misjudges) is used until the server refuses it, so that no request logs in
    before it is sent.

    With a ``cache`` slot (``token_cache``), a credential is first looked up in
    the cache; a login happens under the slot's lock and its result is stored
    for the next task. A credential shared through the cache is never logged
    out by the task: others rely on it.
    """

    def __init__(self, authenticator, keep=False, cache=None):
        self.authenticator = authenticator
        self.keep = keep
        self.cache = cache
        self._credential = None
        self._logged_in = False
        self._shared = False
        self._spent = []
        self._trusted = None
        self._errors = []

    @property
    def can_renew(self):
        return self.authenticator.can_login

    def current(self, client):
        credential = self._credential
        if credential is not None and (not self.can_renew or credential is self._trusted or not credential.expired()):
            return credential
        replaced, replaced_own = credential, self._owned()
        credential = self._obtain(client)
        self._credential = credential
        self._trusted = credential if credential.expired() else None
        if replaced is not None and replaced_own and replaced.token != credential.token:
            self._logout(client, replaced)
        return credential

    def _owned(self):
        """Whether the current credential is this task's own to log out."""
        return self._credential is not None and self._logged_in and not self._shared and not self.keep

    def _logout(self, client, credential):
        self._spent.append(credential)
        try:
            self.authenticator.logout(client, credential)
        except RestAuthError as exc:
            self._errors.append(exc)

    def _obtain(self, client):
        if self.cache is None or not self.can_renew:
            return self._login(client)
        credential = self._from_cache()
        if credential is not None:
            return credential
        with self.cache.locked():
            # A neighbour holding the lock may have logged in meanwhile.
            credential = self._from_cache()
            if credential is not None:
                return credential
            previous = self.cache.previous()
            if previous is not None:
                # The expired entry may hold the newest refresh token (the server may rotate them).
                self.authenticator.resume(previous)
            replaced = self.cache.replaced()  # with token_cache_logout: the login of this machine that the new one replaces
            credential = self._login(client)
            self._shared = self.cache.store(credential.dump(), credential.expires_at)
        if replaced is not None and replaced.get('token') != credential.token:
            try:
                self._logout(client, self.authenticator.restore(replaced))
            except (KeyError, TypeError, ValueError, AttributeError):
                pass
        return credential

    def _from_cache(self):
        data = self.cache.load()
        if data is None:
            return None
        try:
            credential = self.authenticator.restore(data)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        self._logged_in = False
        self._shared = True
        return credential

    def _login(self, client):
        started = time.time()
        credential = self.authenticator.login(client)
        if credential.issued_at is None:
            credential.issued_at = started
        self._logged_in = self.can_renew
        self._shared = False
        return credential

    def refreshed(self, client, credential, response):
        """The credential to send a refused request with once more, when the authenticator cures the refusal
        without a new login (``Authenticator.refresh``); None otherwise. It replaces ``credential``, also in the cache."""
        if credential is not self._credential:
            return None
        fresh = self.authenticator.refresh(client, credential, response)
        if fresh is None:
            return None
        if fresh.expires_at is None and fresh.issued_at is None:
            fresh.expires_at, fresh.issued_at = credential.expires_at, credential.issued_at
        self._spent.append(credential)
        self._credential = fresh
        if self._trusted is credential:
            self._trusted = fresh
        if self.cache is not None and self._shared:
            with self.cache.locked():
                self.cache.replace(credential.token, fresh.dump())
        return fresh

    def refused(self, credential):
        """The server no longer accepts ``credential``: the next ``current()`` logs in again."""
        if credential is self._credential:
            self._spent.append(credential)
            self._credential = None
            if self.cache is not None and self._shared:
                with self.cache.locked():
                    self.cache.drop(credential.token)
                self._shared = False

    def release(self, client):
        """Log out what this session obtained, unless it is kept for later tasks or shared through the cache.

        Returns the errors met (a failed logout must not fail the task that did
        the real work; the caller turns them into warnings).
        """
        errors, self._errors = self._errors, []
        if not self._owned():
            return errors
        credential, self._credential = self._credential, None
        try:
            self.authenticator.logout(client, credential)
        except RestAuthError as exc:
            errors.append(exc)
        return errors

    def secrets(self):
        values = list(self.authenticator.secrets())
        for credential in [self._credential] + self._spent:
            if credential is not None:
                values.extend(credential.secrets())
        return values
