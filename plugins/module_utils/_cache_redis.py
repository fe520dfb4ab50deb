# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The token cache on a Redis or Valkey server (``token_cache_url: redis://...``), shared by every node and job.

- The server holds the same sealed entries as the cache directory (``_cache``):
  a Fernet token under a key derived from ``RESTAUTH_CACHE_KEY``, which is
  required here (every node must derive the same key, and the server must not
  hold it). Nobody who can read the server can read a token, a password or
  which vendor, URL or user an entry is for.
- Keys: ``restauth:v1:<name>`` (the entry; ``<name>`` is the cache's HMAC of
  vendor, URL, user and auth type), ``<key>:lock`` (the login lock),
  ``<key>:resume`` (only the refresh token of a credential that has one, sealed,
  kept for ``STALE_AFTER``: the server may rotate it; with ``token_cache_logout``
  the whole login until it expires, for its replacement to log it out) and
  ``restauth:v1:backoff:<name>`` (the shared back-off of one vendor URL).
- The entry expires in the server when the credential does, minus ``MARGIN``.
- The lock is ``SET <key>:lock <random> NX PX <wait>``; its holder alone
  releases it (a script compares the random value); a holder that dies leaves a
  lock that expires a second after the login's ``timeout``, and a waiter never
  waits longer than the ``timeout``: it then logs in by itself with a warning.
- The Redis password comes from the URL or ``RESTAUTH_CACHE_PASSWORD`` and is
  never part of a message. Every exchange is bounded by the login's ``timeout``
  (at most ``MAX_SOCKET_WAIT`` seconds each); a server that does not answer or
  refuses is warned about once and the task logs in without the cache.
- The ``redis`` Python client is imported only here, when this backend is used.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import time

from contextlib import contextmanager

from ansible_collections.restauth.enterprise.plugins.module_utils._cache import (
    KEY_ENV,
    MARGIN,
    URL_ENV,
    BaseSlot,
    CacheUnavailable,
    Pacer,
    TokenCache,
    key_of_passphrase,
    redact_url,
)

PASSWORD_ENV = 'RESTAUTH_CACHE_PASSWORD'
KEY_PREFIX = 'restauth:v1:'
#: No single exchange with the cache server waits longer than this (seconds), whatever the login's timeout.
MAX_SOCKET_WAIT = 5.0
#: The lock's script: delete it only when it still holds the holder's value.
RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
#: The back-off's script: move the time to wait for only forward.
HOLD_SCRIPT = ("local current = tonumber(redis.call('get', KEYS[1]) or '0') "
               "if current < tonumber(ARGV[1]) then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end return 0")


def _redis():
    """The ``redis`` module, imported only when this backend is used."""
    try:
        import redis
    except ImportError:
        raise CacheUnavailable('%s names a Redis server but the Python library redis is not installed where the task runs '
                               '(pip install redis)' % URL_ENV)
    return redis


class RedisTokenCache(TokenCache):
    """The token cache on one Redis or Valkey server."""

    backend = 'redis'

    def __init__(self, client, key_material, url, errors):
        TokenCache.__init__(self, None, key_material)
        self.client = client
        self.url = url
        self.errors = errors
        self.broken = None
        self._secret_words = []

    @classmethod
    def from_url(cls, url, environ=None, timeout=None):
        """The cache on the server of ``url``; raises ``CacheUnavailable`` (without the key, or without the client)."""
        environ = os.environ if environ is None else environ
        passphrase = environ.get(KEY_ENV)
        if not passphrase:
            raise CacheUnavailable('token_cache_url %s is a shared server, so the cache needs the key every node shares: set %s '
                                   '(the same secret on every node; the server never sees it)' % (redact_url(url), KEY_ENV))
        redis = _redis()
        wait = MAX_SOCKET_WAIT
        try:
            wait = max(0.1, min(float(timeout), MAX_SOCKET_WAIT))
        except (TypeError, ValueError):
            pass
        options = {'socket_timeout': wait, 'socket_connect_timeout': wait, 'retry_on_timeout': False}
        password = environ.get(PASSWORD_ENV)
        if password:
            options['password'] = password
        try:
            from redis.retry import Retry
            from redis.backoff import NoBackoff
            options['retry'] = Retry(NoBackoff(), 0)
        except ImportError:  # pragma: no cover - older clients do not retry on their own
            pass
        try:
            client = redis.Redis.from_url(url, **options)
        except (ValueError, TypeError) as exc:
            raise CacheUnavailable('token_cache_url %s cannot be used: %s' % (redact_url(url), type(exc).__name__))
        cache = cls(client, key_of_passphrase(passphrase), url, (redis.RedisError, OSError))
        cache._secret_words = [word for word in (password, client.connection_pool.connection_kwargs.get('password')) if word]
        return cache

    def key(self, name):
        return KEY_PREFIX + name

    def call(self, slot_or_none, what, *args):
        """``client.<what>(*args)``; on failure (server down, refused, slow) warn once and report None: no cache from then on."""
        if self.broken is None:
            try:
                return getattr(self.client, what)(*args)
            except self.errors as exc:
                self.broken = self._describe(exc)
        if slot_or_none is not None:
            # Once per slot, also when the back-off (which has no slot) met the failure first.
            slot_or_none.warn('the cache server %s cannot be used (%s); this task logs in without the cache' % (redact_url(self.url), self.broken))
        return None

    def _describe(self, exc):
        text = '%s: %s' % (type(exc).__name__, exc)
        for word in self._secret_words:
            text = text.replace(word, '***')
        return text[:200]

    def pacer(self, vendor, url):
        return RedisPacer(self, self.key('backoff:' + self.name_of('backoff', [vendor, url.rstrip('/')])))

    def remove_stale(self, now=None):
        """Nothing to do: the server expires every key itself."""

    def entries(self):
        keys = self.call(None, 'scan_iter', KEY_PREFIX + '*', 500)
        if keys is None:
            raise CacheUnavailable('the cache server %s cannot be used (%s)' % (redact_url(self.url), self.broken))
        try:
            names = sorted(key.decode('ascii')[len(KEY_PREFIX):] for key in keys)
        except self.errors as exc:
            raise CacheUnavailable('the cache server %s cannot be used (%s)' % (redact_url(self.url), self._describe(exc)))
        for name in names:
            if ':' in name:
                continue  # a lock, a kept refresh token or a back-off
            entry = self.unseal(self.call(None, 'get', self.key(name)))
            if entry is not None and entry.get('name') == name and isinstance(entry.get('credential'), dict):
                yield name, entry

    def remove(self, name):
        return bool(self.call(None, 'delete', self.key(name), self.key(name) + ':resume'))


class RedisSlot(BaseSlot):
    """One login's entry on the server, and the server-side lock that serialises logins across nodes."""

    def __init__(self, cache, name, fingerprint, wait=None, warn=None, vendor=None):
        BaseSlot.__init__(self, cache, name, fingerprint, wait=wait, warn=warn, vendor=vendor)
        self.key = cache.key(name)
        self.lock_key = self.key + ':lock'
        self.resume_key = self.key + ':resume'

    def _fetch(self, kind):
        return self.cache.call(self, 'get', self.key if kind == 'entry' else self.resume_key)

    def _put(self, content, resume, valid_until, now):
        lifetime = int((valid_until - MARGIN - now) * 1000)
        if lifetime <= 0:
            written = True  # it would not be handed out: nothing to keep but what outlives it
        else:
            written = self.cache.call(self, 'set', self.key, content, None, lifetime) is not None
        if resume is not None:
            sealed, until = resume
            self.cache.call(self, 'set', self.resume_key, sealed, None, max(int((until - now) * 1000), 1000))
        return bool(written) and self.cache.broken is None

    def _remove(self):
        return bool(self.cache.call(self, 'delete', self.key))

    @contextmanager
    def locked(self, wait=None, sleep=time.sleep):
        """Hold the login lock of this slot on the server; go on without it rather than fail the task (the value says which).

        The lock expires by itself a second after ``wait`` (the login's ``timeout``), so a holder that dies blocks
        nobody for longer; a waiter gives up after ``wait`` seconds, warns once and later locks do not wait again.
        """
        wait = self.wait if wait is None else wait
        token = os.urandom(16).hex()
        held = self._acquire(token, wait, sleep)
        try:
            yield held
        finally:
            if held:
                self.cache.call(self, 'eval', RELEASE_SCRIPT, 1, self.lock_key, token)

    def _acquire(self, token, wait, sleep):
        if self._given_up:
            return False
        # A second longer than a waiter waits: a slow holder makes waiters give up (and warn) before its lock lapses.
        lease = int((wait + 1) * 1000)
        started = time.time()
        pause = 0.01
        while True:
            taken = self.cache.call(self, 'set', self.lock_key, token, None, lease, True)
            if taken:
                return True
            if self.cache.broken is not None:
                return False
            waited = time.time() - started
            if waited >= wait:
                self.warn('another task holding the login lock %s did not finish its login within %g seconds (the timeout option); '
                          'this task logs in by itself' % (self.lock_key, wait))
                self._given_up = True
                return False
            sleep(min(pause, max(wait - waited, 0.01)))
            pause = min(pause * 2, 0.2)


RedisTokenCache.slot_class = RedisSlot


class RedisPacer(Pacer):
    """The back-off on the server: one key per vendor URL holding the time to wait for, expiring with it."""

    def __init__(self, cache, key):
        self.cache = cache
        self.key = key

    def _until(self):
        value = self.cache.call(None, 'get', self.key)
        return float(value) if value is not None else None

    def _hold_until(self, until, seconds):
        return self.cache.call(None, 'eval', HOLD_SCRIPT, 1, self.key, '%.3f' % until, int(seconds * 1000) + 1000) is not None
