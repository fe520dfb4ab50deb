# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The shared token cache (``token_cache: true``): one login per credential, reused by every task.

Layout: one directory (``RESTAUTH_CACHE_DIR``, default ``~/.cache/restauth``, mode
0700) holding a marker file (``.restauth-cache``, 0600) that says the cache made
or claimed the directory, a key file (``key``, 0600, unless ``RESTAUTH_CACHE_KEY``
gives the key), and per login one entry file (``restauth-<name>.entry``, 0600) and
one lock file (``restauth-<name>.lock``, 0600).

- The directory is used only when it is this user's and the cache made it (the
  marker), or it is empty or holds only files of the cache's own names (a
  directory of release 0.1.0): then it is claimed with the marker. Anything else
  (a shared ``/tmp``, a file, a directory of other files, one open to other
  users) is refused with the reason, never changed: the task logs in without
  the cache.
- Every file is opened without following symbolic links and used only when it
  is a regular file of this user that nobody else may read; a planted key is
  refused, a planted entry or lock is ignored, with a warning.
- ``<name>`` is an HMAC, under the cache key, of vendor, URL, user and auth
  type: the file name reveals none of them, and no secret is part of it.
- The entry is a header line and a Fernet token (AES-128-CBC with HMAC-SHA256,
  from ``cryptography``) holding the credential, its validity and a
  fingerprint: an HMAC of the login's secrets (password, API token...) under
  the cache key. An entry is only used when the fingerprint matches, so a
  changed password (or a wrong one) never reuses a login made with another.
- Entries are written to a temporary file and renamed, so a reader sees the
  old entry or the new one, never half of one. Whatever cannot be read,
  decrypted or parsed, or belongs to another name, is a miss and is replaced.
- A login is made under an exclusive ``flock`` of the lock file; a process that
  waited finds the entry its neighbour wrote and does not log in. The holder
  writes its process id in the lock file; a waiter gives up after the login's
  own ``timeout``, or at once when the holder is stopped or gone, and logs in
  by itself with a warning.
- Stale files are removed only in a marked directory, and only files of the
  cache's own names and headers, owned by this user.

Backends: this directory is the default. ``token_cache_url`` / ``RESTAUTH_CACHE_URL``
may name it (``file:///path``) or a Redis or Valkey server (``redis://``,
``rediss://``, ``unix://``; see ``_cache_redis``), which holds the same sealed
entries. ``BaseSlot`` is what both backends share: the entry's sealing, its
checks and its expiry; a backend adds where the bytes live and the lock.

Shared back-off: ``TokenCache.pacer(vendor, url)`` records a 429/503
``Retry-After`` for one vendor URL (a ``restauth-<name>.backoff`` file here), so
that other tasks, forks and jobs wait until then instead of adding to the burst.
A recorded pause is never longer than ``MAX_SHARED_WAIT`` seconds.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import errno
import hashlib
import hmac
import json
import os
import re
import socket
import stat
import tempfile
import time

from contextlib import contextmanager

try:
    import fcntl
    HAS_FCNTL = True
except ImportError:  # pragma: no cover - Windows has no flock; the controller is POSIX
    HAS_FCNTL = False


LOGOUT_ENV = 'RESTAUTH_CACHE_LOGOUT'
DIR_ENV = 'RESTAUTH_CACHE_DIR'
KEY_ENV = 'RESTAUTH_CACHE_KEY'
URL_ENV = 'RESTAUTH_CACHE_URL'
DEFAULT_DIR = os.path.join('~', '.cache', 'restauth')
KEY_FILE = 'key'
MARKER_FILE = '.restauth-cache'
MARKER_HEADER = b'restauth.enterprise token cache directory\n'
FILE_PREFIX = 'restauth-'
TEMPORARY_PREFIX = '.restauth-tmp-'
ENTRY_SUFFIX = '.entry'
LOCK_SUFFIX = '.lock'
BACKOFF_SUFFIX = '.backoff'
ENTRY_HEADER = b'restauth.enterprise token cache entry 1\n'
LOCK_HEADER = b'restauth.enterprise token cache lock pid='
BACKOFF_HEADER = b'restauth.enterprise token cache backoff until='
FORMAT = 1

#: The cache's own file names (``OWN_NAME``), and those release 0.1.0 wrote (an entry or lock without prefix, temporaries).
OWN_NAME = re.compile(r'^restauth-[0-9a-f]{64}\.(entry|lock|backoff)$')
LEGACY_NAME = re.compile(r'^([0-9a-f]{64}\.(entry|lock)|\.tmp-.+)$')
#: What a sealed entry of release 0.1.0 starts with (a Fernet token: version byte 0x80, base64url).
LEGACY_ENTRY_START = b'gAAAAA'

#: An entry is not handed out when it expires within this many seconds: the task using it needs time.
MARGIN = 60
#: How long an entry is used when the vendor does not say when the credential expires (a refused one heals anyway).
DEFAULT_LIFETIME = 600
#: How long a process waits for a neighbour's login when the login's ``timeout`` is not known.
LOCK_WAIT = 30
#: A waiter looks at the lock holder (stopped? gone?) only after this many seconds (the holder writes its pid first).
HOLDER_CHECK_AFTER = 0.5
#: Entry and lock files untouched for this long are removed when a new entry is stored.
STALE_AFTER = 2 * 24 * 3600
#: The longest pause one server's ``Retry-After`` imposes on the other tasks through the cache (seconds).
MAX_SHARED_WAIT = 60.0

_NOFOLLOW = getattr(os, 'O_NOFOLLOW', 0)
_CLOEXEC = getattr(os, 'O_CLOEXEC', 0)
_NONBLOCK = getattr(os, 'O_NONBLOCK', 0)


class CacheUnavailable(Exception):
    """The cache cannot be used here; the task goes on without it (the message says why)."""


class NotOurs(Exception):
    """A file in the cache directory is not one the cache may trust (the message says why, after the file's name)."""


def _fernet():
    """``(Fernet, InvalidToken)`` of ``cryptography``, imported only when the cache is used (tasks without it stay lighter)."""
    try:
        from cryptography.fernet import Fernet, InvalidToken
    except ImportError:
        raise CacheUnavailable('the Python library cryptography is not installed where the task runs')
    return Fernet, InvalidToken


def _b64(raw):
    return base64.urlsafe_b64encode(raw).decode('ascii')


def _digest(key, label, parts):
    """An HMAC-SHA256 (hex) under ``key`` of ``label`` and ``parts``, unambiguously encoded."""
    message = json.dumps([label] + [None if part is None else str(part) for part in parts], separators=(',', ':'))
    return hmac.new(key, message.encode('utf-8'), hashlib.sha256).hexdigest()


def file_digest(path):
    """SHA-256 of a file's content (for cache identities that depend on a certificate or key file); None when unreadable."""
    try:
        with open(path, 'rb') as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except (IOError, OSError):
        return None


def _euid():
    return os.geteuid() if hasattr(os, 'geteuid') else None


def _check_ours(info):
    """Raise ``NotOurs`` unless ``info`` (an ``fstat``/``lstat``) is a regular file of this user that only this user may read."""
    if not stat.S_ISREG(info.st_mode):
        raise NotOurs('is not a regular file')
    euid = _euid()
    if euid is not None and info.st_uid != euid:
        raise NotOurs('belongs to another user (uid %d)' % info.st_uid)
    if info.st_mode & 0o077:
        raise NotOurs('is open to other users (mode %04o)' % stat.S_IMODE(info.st_mode))


def _open_ours(path, flags=os.O_RDONLY, mode=0o600):
    """A file descriptor of ``path``, opened without following a symbolic link and checked with ``_check_ours``.

    ``OSError`` when it cannot be opened (``ENOENT``: missing), ``NotOurs`` when it is not the cache's.
    ``O_NONBLOCK`` keeps a planted FIFO from blocking the open; it changes nothing for a regular file.
    """
    try:
        fd = os.open(path, flags | _NOFOLLOW | _CLOEXEC | _NONBLOCK, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotOurs('is a symbolic link')
        raise
    try:
        _check_ours(os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_ours(path, limit=None):
    """The content of ``path`` (see ``_open_ours``), at most ``limit`` bytes."""
    fd = _open_ours(path)
    with os.fdopen(fd, 'rb') as handle:
        return handle.read() if limit is None else handle.read(limit)


class TokenCache:
    """The cache directory and the key protecting its entries (the directory backend; ``_cache_redis`` has the other)."""

    backend = 'directory'

    def __init__(self, directory, key_material):
        self.directory = directory
        self._name_key = hmac.new(key_material, b'restauth cache entry name', hashlib.sha256).digest()
        self._secret_key = hmac.new(key_material, b'restauth cache secret fingerprint', hashlib.sha256).digest()
        fernet_class, self.invalid_token = _fernet()
        self.fernet = fernet_class(_b64(hmac.new(key_material, b'restauth cache encryption', hashlib.sha256).digest()))

    @classmethod
    def from_environment(cls, environ=None, url=None, timeout=None):
        """The cache ``url`` (the ``token_cache_url`` option, else ``RESTAUTH_CACHE_URL``) names, by default this user's
        directory from ``RESTAUTH_CACHE_DIR`` and ``RESTAUTH_CACHE_KEY``; raises ``CacheUnavailable``.

        ``timeout`` bounds every exchange with a cache server (the login's own ``timeout`` option).
        """
        environ = os.environ if environ is None else environ
        url = url or environ.get(URL_ENV) or None
        directory = environ.get(DIR_ENV) or DEFAULT_DIR
        if url is not None:
            scheme = url.split('://', 1)[0].lower() if '://' in url else ''
            if scheme in ('redis', 'rediss', 'unix'):
                from ansible_collections.restauth.enterprise.plugins.module_utils._cache_redis import RedisTokenCache
                return RedisTokenCache.from_url(url, environ, timeout=timeout)
            if scheme != 'file' or not url[len('file://'):].startswith('/'):
                raise CacheUnavailable('token_cache_url %s is not one the cache knows: give file:///<directory>, redis://, rediss:// or unix://'
                                       % redact_url(url))
            directory = url[len('file://'):]
        _fernet()
        if not HAS_FCNTL:
            raise CacheUnavailable('file locks (fcntl) are not available on this system')
        directory = os.path.abspath(os.path.expanduser(directory))
        prepare_directory(directory)
        passphrase = environ.get(KEY_ENV)
        if passphrase:
            key_material = key_of_passphrase(passphrase)
        else:
            key_material = read_or_create_key(os.path.join(directory, KEY_FILE))
        return cls(directory, key_material)

    def name_of(self, label, parts):
        """The cache's name (an HMAC under the cache key) of ``parts``: it reveals none of them."""
        return _digest(self._name_key, label, parts)

    def slot(self, vendor, url, identity, secrets, wait=None, warn=None, about=None):
        """The place of one login: ``identity`` names it, ``secrets`` must match for an entry to be used.

        ``wait`` is how long a login waits for a neighbour's (the login's own ``timeout``); ``warn`` gets
        what the user should know (a planted file, a lock holder that does not finish). ``about`` (sealed
        with the entry) is what a purge needs to log the login out: see ``_cache_purge``; an entry that holds no
        login says so with ``about={'kind': ...}`` (a ``KIND_*`` other than ``KIND_LOGIN``).
        """
        name = self.name_of('name', [vendor, url.rstrip('/')] + list(identity))
        fingerprint = _digest(self._secret_key, name, secrets)
        slot = self.slot_class(self, name, fingerprint, wait=wait, warn=warn, vendor=vendor)
        # ``kind`` tells a purge what the entry holds: a login (the default) or data such as a negotiated API version.
        slot.about = {'kind': KIND_LOGIN}
        slot.about.update(about or {})
        slot.about.update(vendor=vendor, url=url.rstrip('/'))
        return slot

    def entries(self):
        """``(name, entry)`` of every entry this cache's key opens (a purge's view; entries of other keys stay unseen)."""
        try:
            names = sorted(os.listdir(self.directory))
        except OSError:
            return
        for file_name in names:
            if not (OWN_NAME.match(file_name) and file_name.endswith(ENTRY_SUFFIX)):
                continue
            name = file_name[len(FILE_PREFIX):-len(ENTRY_SUFFIX)]
            try:
                entry = self.unseal(_read_ours(os.path.join(self.directory, file_name)))
            except (IOError, OSError, NotOurs):
                continue
            if entry is not None and entry.get('name') == name and isinstance(entry.get('credential'), dict):
                yield name, entry

    def remove(self, name):
        """Remove the entry ``name``; True when it was there."""
        try:
            os.unlink(os.path.join(self.directory, FILE_PREFIX + name + ENTRY_SUFFIX))
        except OSError:
            return False
        return True

    def seal(self, entry):
        """The sealed bytes of ``entry`` (a dict): what either backend stores, never readable without the key."""
        return ENTRY_HEADER + self.fernet.encrypt(json.dumps(entry, separators=(',', ':')).encode('utf-8'))

    def unseal(self, content):
        """The dict sealed in ``content``, or None when it is not an entry sealed with this key."""
        if not isinstance(content, bytes) or not content.startswith(ENTRY_HEADER):
            return None
        try:
            entry = json.loads(self.fernet.decrypt(content[len(ENTRY_HEADER):]).decode('utf-8'))
        except (self.invalid_token, ValueError, TypeError, UnicodeError):
            return None
        return entry if isinstance(entry, dict) else None

    def pacer(self, vendor, url):
        """The shared back-off of ``vendor`` at ``url`` (see ``Pacer``)."""
        return FilePacer(os.path.join(self.directory, FILE_PREFIX + self.name_of('backoff', [vendor, url.rstrip('/')]) + BACKOFF_SUFFIX))

    def remove_stale(self, now=None):
        """Remove the cache's own files nobody touched for ``STALE_AFTER`` seconds (logins of other keys, old users).

        Only in a directory the cache marked, and only regular files of this user with the cache's names and headers.
        """
        now = time.time() if now is None else now
        try:
            if not _marker_valid(self.directory):
                return
        except NotOurs:
            return
        try:
            names = os.listdir(self.directory)
        except OSError:
            return
        for name in names:
            path = os.path.join(self.directory, name)
            try:
                info = os.lstat(path)
                if now - info.st_mtime <= STALE_AFTER or not _written_by_cache(name, path):
                    continue
                os.unlink(path)
            except (OSError, NotOurs):
                pass


def key_of_passphrase(passphrase):
    """The key material of a ``RESTAUTH_CACHE_KEY`` passphrase (every node given it derives the same key)."""
    return hashlib.sha256(passphrase.encode('utf-8')).digest()


def redact_url(url):
    """``url`` without the password it may hold (``redis://:secret@host`` -> ``redis://***@host``), for messages."""
    if not isinstance(url, str):
        return repr(url)
    return re.sub(r'(://)[^/@]*@', r'\1***@', url)


def _written_by_cache(name, path):
    """True when ``path`` (named ``name``) is a file the cache wrote: its name, owner, mode and first bytes say so."""
    if name.startswith(TEMPORARY_PREFIX):
        _read_ours(path, 0)
        return True
    if OWN_NAME.match(name):
        start = _read_ours(path, 64)
        if name.endswith(ENTRY_SUFFIX):
            return start.startswith(ENTRY_HEADER)
        if name.endswith(BACKOFF_SUFFIX):
            return start.startswith(BACKOFF_HEADER)
        return start == b'' or start.startswith(LOCK_HEADER)
    if LEGACY_NAME.match(name) and not name.startswith('.'):
        # Release 0.1.0: Fernet tokens as entries, empty lock files.
        start = _read_ours(path, 64)
        return start.startswith(LEGACY_ENTRY_START) if name.endswith(ENTRY_SUFFIX) else start == b''
    return False


def origin():
    """This machine, as entries record who made them (a purge or a replacement logs out only this machine's logins)."""
    return socket.gethostname()


#: What an entry holds (``about['kind']``, sealed with it): a login that a purge logs out, or a negotiated API version
#: (public data, no secret). Entries of earlier releases record no kind: see ``_cache_purge.kind_of``.
KIND_LOGIN = 'login'
KIND_API_VERSION = 'api_version'

#: What of a credential's data outlives its entry, for the next login (a refresh token the server may have rotated).
RESUME_FIELDS = ('refresh_token',)


class BaseSlot:
    """One login's entry, whatever the backend: its sealing, its checks and its expiry.

    A backend implements ``_fetch(kind)`` (the stored bytes of the entry, ``kind='entry'``, or of what outlives it,
    ``kind='resume'``; None when absent), ``_put(content, resume, valid_until, now)`` (``resume``: None or the sealed
    bytes of what outlives the entry and until when), ``_remove()`` and ``locked()``.
    """

    def __init__(self, cache, name, fingerprint, wait=None, warn=None, vendor=None):
        self.cache = cache
        self.name = name
        self.fingerprint = fingerprint
        self.wait = _seconds(wait)
        self.vendor = vendor
        self._warn = warn
        self._warned = set()
        self._given_up = False
        #: What a purge needs to log the login out (vendor, url, authenticator, TLS options), sealed with the entry.
        self.about = {}
        #: Log out the login an entry held when this machine made it and replaces it (token_cache_logout).
        self.logout_replaced = False

    def warn(self, message):
        """Tell the user once per slot and message (a task may read the entry several times)."""
        if self._warn is not None and message not in self._warned:
            self._warned.add(message)
            self._warn('%s: token_cache: %s' % (self.vendor, message) if self.vendor else 'token_cache: ' + message)

    def load(self, now=None):
        """The cached credential data (a dict), or None: missing, unreadable, foreign, another secret, or expiring."""
        entry = self._read()
        if entry is None:
            return None
        now = time.time() if now is None else now
        valid_until = entry.get('valid_until')
        if not isinstance(valid_until, (int, float)) or now >= valid_until - MARGIN:
            return None
        return entry.get('credential')

    def previous(self):
        """The credential data of the entry even when it expired (what it carries besides the token, such as a
        refresh token, may still serve the next login), or None."""
        entry = self._read() or self._read('resume')
        return entry.get('credential') if entry is not None else None

    def replaced(self):
        """The credential data of the entry about to be replaced, when ``logout_replaced`` and this machine made it; else None."""
        if not self.logout_replaced:
            return None
        entry = self._read() or self._read('resume')
        if entry is None or entry.get('origin') != origin() or not entry['credential'].get('token'):
            return None
        return entry['credential']

    def _read(self, kind='entry'):
        entry = self.cache.unseal(self._fetch(kind))
        if entry is None or entry.get('format') != FORMAT or entry.get('name') != self.name:
            return None
        if not hmac.compare_digest(str(entry.get('fingerprint')), self.fingerprint):
            return None
        if not isinstance(entry.get('credential'), dict):
            return None
        return entry

    def store(self, data, expires_at, now=None):
        """Write the credential ``data`` (as one whole entry); True when it was written."""
        now = time.time() if now is None else now
        valid_until = expires_at if expires_at is not None else now + DEFAULT_LIFETIME
        entry = {'format': FORMAT, 'name': self.name, 'fingerprint': self.fingerprint, 'stored_at': now,
                 'valid_until': valid_until, 'credential': data, 'origin': origin(), 'about': self.about}
        kept = dict((field, data[field]) for field in RESUME_FIELDS if data.get(field))
        # What outlives the entry, and until when: a refresh token for STALE_AFTER; with token_cache_logout
        # also the login itself until it expires, so that its replacement can log it out.
        until = now + STALE_AFTER if kept else valid_until
        if self.logout_replaced:
            kept = dict(data)
        resume = (self.cache.seal(dict(entry, credential=kept, about={})), until) if kept else None
        return self._put(self.cache.seal(entry), resume, valid_until, now)

    def replace(self, token, data):
        """Put the credential ``data`` in the entry when it still holds ``token``, keeping the entry's expiry;
        True when written (a renewed credential of the same login, such as a fresh XTAM XSRF token)."""
        entry = self._read()
        if entry is None or entry['credential'].get('token') != token:
            return False
        return self.store(data, entry.get('valid_until'))

    def drop(self, token, field='token'):
        """Remove the entry when its data still holds ``token`` in ``field`` (a neighbour may already have replaced it)."""
        entry = self._read()
        if entry is None or entry['credential'].get(field) != token:
            return False
        return self._remove()

    def _fetch(self, kind):
        raise NotImplementedError

    def _put(self, content, resume, valid_until, now):
        raise NotImplementedError

    def _remove(self):
        raise NotImplementedError

    def locked(self, wait=None, sleep=time.sleep):
        raise NotImplementedError


class CacheSlot(BaseSlot):
    """One login's entry in the cache directory: its file, and the file lock that serialises logins."""

    def __init__(self, cache, name, fingerprint, wait=None, warn=None, vendor=None):
        BaseSlot.__init__(self, cache, name, fingerprint, wait=wait, warn=warn, vendor=vendor)
        self.path = os.path.join(cache.directory, FILE_PREFIX + name + ENTRY_SUFFIX)
        self.lock_path = os.path.join(cache.directory, FILE_PREFIX + name + LOCK_SUFFIX)

    def _fetch(self, kind):
        if kind != 'entry':
            return None  # the expired entry file itself stays until it is replaced or stale
        try:
            return _read_ours(self.path)
        except NotOurs as exc:
            self.warn('ignored the cache entry %s: it %s, so the cache did not write it; this task logs in and replaces it' % (self.path, exc))
        except (IOError, OSError):
            pass
        return None

    def _put(self, content, resume, valid_until, now):
        try:
            # A rename replaces a planted file or link itself, never what a link points to.
            _write_atomically(self.path, content)
        except (IOError, OSError):
            return False
        self.cache.remove_stale(now)
        return True

    def _remove(self):
        try:
            os.unlink(self.path)
        except OSError:
            return False
        return True

    @contextmanager
    def locked(self, wait=None, sleep=time.sleep):
        """Hold the login lock of this slot; go on without it rather than fail the task (the value says which).

        A waiter gives up after ``wait`` seconds (default: the slot's, the login's ``timeout``), or as soon as
        the holder is stopped or gone; it then warns once, and later locks of this slot do not wait again.
        """
        wait = self.wait if wait is None else wait
        try:
            fd = _open_ours(self.lock_path, os.O_RDWR | os.O_CREAT)
        except NotOurs as exc:
            self.warn('ignored the lock file %s: it %s, so the cache did not write it; this task logs in without waiting for others'
                      % (self.lock_path, exc))
            yield False
            return
        except OSError:
            yield False
            return
        held = False
        try:
            held = self._acquire(fd, wait, sleep)
            if held:
                _write_holder(fd, os.getpid())
            yield held
        finally:
            if held:
                _write_holder(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _acquire(self, fd, wait, sleep):
        if self._given_up:
            wait = 0
        started = time.time()
        pause = 0.01
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except (IOError, OSError) as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    return False
            waited = time.time() - started
            reason = None
            if waited >= wait:
                reason = 'did not finish its login within %g seconds (the timeout option)' % wait
            elif waited >= HOLDER_CHECK_AFTER:
                reason = _holder_stuck(fd)
            if reason is not None:
                if not self._given_up:
                    self.warn('another task holding the login lock %s; this task logs in by itself' % reason)
                self._given_up = True
                return False
            sleep(min(pause, max(wait - waited, 0.01)))
            pause = min(pause * 2, 0.2)


TokenCache.slot_class = CacheSlot


class Pacer:
    """The shared back-off of one vendor URL: when the server asked everyone to come back (``Retry-After``).

    The transport asks ``pause(now)`` before each request and calls ``hold(seconds)`` when the server answers
    429 or 503 with a ``Retry-After``. Failing to read or write it never fails a request: the task then backs
    off on its own, as without the cache. A backend implements ``_until()`` and ``_hold_until(until, seconds)``.
    """

    def pause(self, now=None):
        """Seconds to wait before the next request (0 when nobody asked), at most ``MAX_SHARED_WAIT``."""
        now = time.time() if now is None else now
        try:
            until = self._until()
        except Exception:  # pylint: disable=broad-except  # the back-off is advice: a broken store must not fail a request
            return 0.0
        if until is None:
            return 0.0
        return max(0.0, min(until - now, MAX_SHARED_WAIT))

    def hold(self, seconds, now=None):
        """Record that the server asked for ``seconds`` of quiet (capped at ``MAX_SHARED_WAIT``); True when recorded."""
        now = time.time() if now is None else now
        try:
            seconds = min(float(seconds), MAX_SHARED_WAIT)
        except (TypeError, ValueError):
            return False
        if seconds <= 0:
            return False
        try:
            return bool(self._hold_until(now + seconds, seconds))
        except Exception:  # pylint: disable=broad-except  # see pause()
            return False

    def _until(self):
        raise NotImplementedError

    def _hold_until(self, until, seconds):
        raise NotImplementedError


class FilePacer(Pacer):
    """The back-off in the cache directory: one small file per vendor URL holding the time to wait for."""

    def __init__(self, path):
        self.path = path

    def _until(self):
        try:
            content = _read_ours(self.path, 100)
        except (IOError, OSError, NotOurs):
            return None
        if not content.startswith(BACKOFF_HEADER):
            return None
        try:
            return float(content[len(BACKOFF_HEADER):].strip())
        except ValueError:
            return None

    def _hold_until(self, until, seconds):
        current = self._until()
        if current is not None and current >= until:
            return True
        try:
            _write_atomically(self.path, BACKOFF_HEADER + ('%.3f\n' % until).encode('ascii'))
        except (IOError, OSError):
            return False
        return True


def _seconds(wait):
    """``wait`` as a positive number of seconds; ``LOCK_WAIT`` when it is not one."""
    try:
        wait = float(wait)
    except (TypeError, ValueError):
        return LOCK_WAIT
    return wait if wait > 0 else LOCK_WAIT


def _write_holder(fd, pid):
    """Write the lock holder's pid (0: none) over the lock file's content, at a fixed width."""
    try:
        os.pwrite(fd, LOCK_HEADER + b'%010d\n' % pid, 0)
    except OSError:
        pass


def _holder_stuck(fd):
    """Why the holder of the lock on ``fd`` will not finish (stopped, gone), or None when it may still be working."""
    try:
        content = os.pread(fd, 64, 0)
    except OSError:
        return None
    if not content.startswith(LOCK_HEADER):
        return None
    try:
        pid = int(content[len(LOCK_HEADER):].strip() or 0)
    except ValueError:
        return None
    if pid <= 0 or pid == os.getpid() or not os.path.isdir('/proc/self'):
        return None  # between two holders, or no /proc (not Linux): only the timeout applies
    # proc(5): the state is the first field after the command name in parentheses. A holder in another pid
    # namespace (a directory shared between containers) looks gone: the waiter then only logs in by itself.
    try:
        with open('/proc/%d/stat' % pid, 'rb') as handle:
            fields = handle.read().rsplit(b')', 1)[-1].split()
    except (IOError, OSError) as exc:
        if getattr(exc, 'errno', None) == errno.ENOENT:
            return '(process %d) is gone' % pid
        return None
    if fields and fields[0] in (b'T', b't'):
        return '(process %d) is stopped' % pid
    if fields and fields[0] in (b'Z', b'X'):
        return '(process %d) is gone' % pid
    return None


def _marker_valid(directory):
    """True when ``directory`` holds the cache's marker file; raises ``NotOurs`` for a marker the cache did not write."""
    try:
        content = _read_ours(os.path.join(directory, MARKER_FILE), len(MARKER_HEADER))
    except (IOError, OSError) as exc:
        if getattr(exc, 'errno', None) == errno.ENOENT:
            return False
        raise NotOurs('cannot be read: %s' % (exc.strerror or exc))
    if content != MARKER_HEADER:
        raise NotOurs('does not hold what the cache writes there')
    return True


def _claim(directory):
    """Write the marker into ``directory`` (of racing processes, one marker wins; a complete file either way)."""
    path = os.path.join(directory, MARKER_FILE)
    try:
        temporary = _temporary_file(path, MARKER_HEADER)
    except (IOError, OSError) as exc:
        raise CacheUnavailable('cannot write the marker file %s: %s' % (path, exc.strerror or exc))
    try:
        os.link(temporary, path)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise CacheUnavailable('cannot write the marker file %s: %s' % (path, exc.strerror or exc))
    finally:
        os.unlink(temporary)


def _refuse(directory, reason):
    return CacheUnavailable('the cache directory %s %s; set %s to a new directory of your own, the cache creates it' % (directory, reason, DIR_ENV))


def prepare_directory(directory):
    """Make sure ``directory`` is the cache's own: create and mark it, claim an empty one, or refuse (``CacheUnavailable``).

    An existing directory is changed only when it holds the cache's marker (its mode is then restricted to 0700):
    a shared directory, a file, or a directory of other files is refused and left as it is.
    """
    created = False
    try:
        os.makedirs(directory, 0o700)
        created = True
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise CacheUnavailable('cannot create the cache directory %s: %s' % (directory, exc.strerror or exc))
    try:
        info = os.stat(directory)
    except OSError as exc:
        raise CacheUnavailable('cannot read the cache directory %s: %s' % (directory, exc.strerror or exc))
    if not stat.S_ISDIR(info.st_mode):
        raise _refuse(directory, 'is not a directory')
    euid = _euid()
    if euid is not None and info.st_uid != euid:
        raise _refuse(directory, 'belongs to another user (uid %d)' % info.st_uid)
    try:
        marked = _marker_valid(directory)
    except NotOurs as exc:
        raise _refuse(directory, 'holds a marker file %s that the cache did not write (it %s)' % (MARKER_FILE, exc))
    if not marked and not created:
        _claimable(directory, info)
    if (created or marked) and info.st_mode & 0o077:
        # The cache made this directory (now or earlier): it may restrict it again.
        try:
            os.chmod(directory, 0o700)
        except OSError as exc:
            raise CacheUnavailable('cannot restrict the cache directory %s to its owner: %s' % (directory, exc.strerror or exc))
    if not marked:
        _claim(directory)
        try:
            marked = _marker_valid(directory)
        except NotOurs as exc:
            raise _refuse(directory, 'holds a marker file %s that the cache did not write (it %s)' % (MARKER_FILE, exc))
        if not marked:
            raise CacheUnavailable('the marker file of the cache directory %s vanished; is another program using it?' % directory)


def _claimable(directory, info):
    """Raise ``CacheUnavailable`` unless the existing, unmarked ``directory`` may become the cache's.

    It may when it is closed to other users and empty, or holds only files of the cache's own names, of this user
    (the directory of release 0.1.0, which had no marker).
    """
    if info.st_mode & 0o077:
        raise _refuse(directory, 'is open to other users (mode %04o) and was not created by the token cache' % stat.S_IMODE(info.st_mode))
    try:
        names = sorted(os.listdir(directory))
    except OSError as exc:
        raise CacheUnavailable('cannot read the cache directory %s: %s' % (directory, exc.strerror or exc))
    foreign = [name for name in names if not _cache_name(name)]
    if foreign:
        raise _refuse(directory, 'holds files the token cache did not write (%s)' % ', '.join(foreign[:3]))
    for name in names:
        try:
            _check_ours(os.lstat(os.path.join(directory, name)))
        except OSError as exc:
            if exc.errno == errno.ENOENT:
                continue  # a neighbour's temporary file, renamed or removed meanwhile
            raise CacheUnavailable('cannot read the cache directory %s: %s' % (directory, exc.strerror or exc))
        except NotOurs as exc:
            raise _refuse(directory, 'holds a file the token cache did not write (%s %s)' % (name, exc))
    if KEY_FILE in names:
        try:
            key = _key_of(_read_ours(os.path.join(directory, KEY_FILE), 100))
        except (IOError, OSError, NotOurs):
            key = None
        if key is None:
            # Not a key the cache wrote: the cache would replace it, so the directory is not the cache's.
            raise _refuse(directory, 'holds a file %s that is not a token cache key' % KEY_FILE)


def _key_of(raw):
    """The 32 key bytes of a key file's content, or None when it is not one."""
    try:
        key = base64.urlsafe_b64decode(raw.strip())
    except (ValueError, TypeError):
        return None
    return key if len(key) == 32 else None


def _cache_name(name):
    """True when ``name`` is one the cache gives its files (this release's, or 0.1.0's; a neighbour may be claiming the directory)."""
    return name in (KEY_FILE, MARKER_FILE) or name.startswith(TEMPORARY_PREFIX) or bool(OWN_NAME.match(name) or LEGACY_NAME.match(name))


def read_or_create_key(path):
    """The 32 key bytes in ``path``; a missing or malformed key file is (re)created 0600, a foreign one refused."""
    for _attempt in range(3):
        try:
            raw = _read_ours(path)
        except NotOurs as exc:
            raise CacheUnavailable('the cache key file %s %s, so the cache did not write it; remove it to let the cache make a new key'
                                   % (path, exc))
        except (IOError, OSError) as exc:
            if getattr(exc, 'errno', None) != errno.ENOENT:
                raise CacheUnavailable('cannot read the cache key file %s: %s' % (path, exc.strerror or exc))
            raw = None
        if raw is not None:
            key = _key_of(raw)
            if key is not None:
                return key
            # Corrupt: replaced, which also turns every entry it sealed into a miss.
            try:
                _write_atomically(path, _b64(os.urandom(32)).encode('ascii'))
            except (IOError, OSError) as exc:
                raise CacheUnavailable('cannot replace the malformed cache key file %s: %s' % (path, exc.strerror or exc))
            continue
        # First use: link a complete file into place, so that of racing processes exactly one key wins.
        try:
            temporary = _temporary_file(path, _b64(os.urandom(32)).encode('ascii'))
        except (IOError, OSError) as exc:
            raise CacheUnavailable('cannot create the cache key file %s: %s' % (path, exc.strerror or exc))
        try:
            os.link(temporary, path)
        except OSError as exc:
            if exc.errno != errno.EEXIST:
                raise CacheUnavailable('cannot create the cache key file %s: %s' % (path, exc.strerror or exc))
        finally:
            os.unlink(temporary)
    raise CacheUnavailable('the cache key file %s keeps changing; is another program writing it?' % path)


def _temporary_file(path, content):
    """A new 0600 file beside ``path`` holding ``content``; returns its name."""
    fd, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, 'wb') as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def _write_atomically(path, content):
    temporary = _temporary_file(path, content)
    try:
        os.rename(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
