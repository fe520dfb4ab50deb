# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The shared token cache (``token_cache: true``): one login per credential, reused by every task.

Layout: one directory (``RESTAUTH_CACHE_DIR``, default ``~/.cache/restauth``, mode
0700) holding a key file (``key``, 0600, unless ``RESTAUTH_CACHE_KEY`` gives the
key), and per login one entry file (``<name>.entry``, 0600) and one lock file
(``<name>.lock``).

- ``<name>`` is an HMAC, under the cache key, of vendor, URL, user and auth
  type: the file name reveals none of them, and no secret is part of it.
- The entry is a Fernet token (AES-128-CBC with HMAC-SHA256, from
  ``cryptography``) holding the credential, its validity and a fingerprint: an
  HMAC of the login's secrets (password, API token...) under the cache key. An
  entry is only used when the fingerprint matches, so a changed password (or a
  wrong one) never reuses a login made with another.
- Entries are written to a temporary file and renamed, so a reader sees the
  old entry or the new one, never half of one. Whatever cannot be read,
  decrypted or parsed, or belongs to another name, is a miss and is replaced.
- A login is made under an exclusive ``flock`` of the lock file; a process that
  waited finds the entry its neighbour wrote and does not log in.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import errno
import hashlib
import hmac
import json
import os
import tempfile
import time

from contextlib import contextmanager

try:
    import fcntl
    HAS_FCNTL = True
except ImportError:  # pragma: no cover - Windows has no flock; the controller is POSIX
    HAS_FCNTL = False


DIR_ENV = 'RESTAUTH_CACHE_DIR'
KEY_ENV = 'RESTAUTH_CACHE_KEY'
DEFAULT_DIR = os.path.join('~', '.cache', 'restauth')
KEY_FILE = 'key'
ENTRY_SUFFIX = '.entry'
LOCK_SUFFIX = '.lock'
FORMAT = 1

#: An entry is not handed out when it expires within this many seconds: the task using it needs time.
MARGIN = 60
#: How long an entry is used when the vendor does not say when the credential expires (a refused one heals anyway).
DEFAULT_LIFETIME = 600
#: How long a process waits for a neighbour's login before logging in itself.
LOCK_WAIT = 120
#: Entry and lock files untouched for this long are removed when a new entry is stored.
STALE_AFTER = 2 * 24 * 3600


class CacheUnavailable(Exception):
    """The cache cannot be used here; the task goes on without it (the message says why)."""


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


class TokenCache:
    """The cache directory and the key protecting its entries."""

    def __init__(self, directory, key_material):
        self.directory = directory
        self._name_key = hmac.new(key_material, b'restauth cache entry name', hashlib.sha256).digest()
        self._secret_key = hmac.new(key_material, b'restauth cache secret fingerprint', hashlib.sha256).digest()
        fernet_class, self.invalid_token = _fernet()
        self.fernet = fernet_class(_b64(hmac.new(key_material, b'restauth cache encryption', hashlib.sha256).digest()))

    @classmethod
    def from_environment(cls, environ=None):
        """The cache of this user, from ``RESTAUTH_CACHE_DIR`` and ``RESTAUTH_CACHE_KEY``; raises ``CacheUnavailable``."""
        environ = os.environ if environ is None else environ
        _fernet()
        if not HAS_FCNTL:
            raise CacheUnavailable('file locks (fcntl) are not available on this system')
        directory = os.path.abspath(os.path.expanduser(environ.get(DIR_ENV) or DEFAULT_DIR))
        prepare_directory(directory)
        passphrase = environ.get(KEY_ENV)
        if passphrase:
            key_material = hashlib.sha256(passphrase.encode('utf-8')).digest()
        else:
            key_material = read_or_create_key(os.path.join(directory, KEY_FILE))
        return cls(directory, key_material)

    def slot(self, vendor, url, identity, secrets):
        """The place of one login: ``identity`` names it, ``secrets`` must match for an entry to be used."""
        name = _digest(self._name_key, 'name', [vendor, url.rstrip('/')] + list(identity))
        fingerprint = _digest(self._secret_key, name, secrets)
        return CacheSlot(self, name, fingerprint)

    def remove_stale(self, now=None):
        """Remove entry and lock files nobody touched for ``STALE_AFTER`` seconds (logins of other keys, old users)."""
        now = time.time() if now is None else now
        try:
            names = os.listdir(self.directory)
        except OSError:
            return
        for name in names:
            if not name.endswith((ENTRY_SUFFIX, LOCK_SUFFIX)):
                continue
            path = os.path.join(self.directory, name)
            try:
                if now - os.stat(path).st_mtime > STALE_AFTER:
                    os.unlink(path)
            except OSError:
                pass


class CacheSlot:
    """One login's entry in the cache: load, store, drop, and the lock that serialises logins."""

    def __init__(self, cache, name, fingerprint):
        self.cache = cache
        self.name = name
        self.fingerprint = fingerprint
        self.path = os.path.join(cache.directory, name + ENTRY_SUFFIX)
        self.lock_path = os.path.join(cache.directory, name + LOCK_SUFFIX)

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
        entry = self._read()
        return entry.get('credential') if entry is not None else None

    def _read(self):
        try:
            with open(self.path, 'rb') as handle:
                sealed = handle.read()
        except (IOError, OSError):
            return None
        try:
            entry = json.loads(self.cache.fernet.decrypt(sealed).decode('utf-8'))
        except (self.cache.invalid_token, ValueError, TypeError, UnicodeError):
            return None
        if not isinstance(entry, dict) or entry.get('format') != FORMAT or entry.get('name') != self.name:
            return None
        if not hmac.compare_digest(str(entry.get('fingerprint')), self.fingerprint):
            return None
        if not isinstance(entry.get('credential'), dict):
            return None
        return entry

    def store(self, data, expires_at, now=None):
        """Write the credential ``data`` atomically; True when it was written."""
        now = time.time() if now is None else now
        valid_until = expires_at if expires_at is not None else now + DEFAULT_LIFETIME
        entry = {'format': FORMAT, 'name': self.name, 'fingerprint': self.fingerprint, 'stored_at': now,
                 'valid_until': valid_until, 'credential': data}
        sealed = self.cache.fernet.encrypt(json.dumps(entry, separators=(',', ':')).encode('utf-8'))
        try:
            _write_atomically(self.path, sealed)
        except (IOError, OSError):
            return False
        self.cache.remove_stale(now)
        return True

    def drop(self, token):
        """Remove the entry when it still holds ``token`` (a neighbour may already have replaced it)."""
        entry = self._read()
        if entry is not None and entry['credential'].get('token') != token:
            return False
        try:
            os.unlink(self.path)
        except OSError:
            return False
        return True

    @contextmanager
    def locked(self, wait=LOCK_WAIT, sleep=time.sleep):
        """Hold the login lock of this slot; after ``wait`` seconds go on without it rather than fail the task."""
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            yield False
            return
        held = False
        try:
            deadline = time.time() + wait
            pause = 0.01
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    held = True
                    break
                except (IOError, OSError) as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK) or time.time() >= deadline:
                        break
                    sleep(pause)
                    pause = min(pause * 2, 0.2)
            yield held
        finally:
            if held:
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def prepare_directory(directory):
    """Create ``directory`` 0700, or check an existing one is this user's and tighten its mode."""
    try:
        os.makedirs(directory, 0o700)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise CacheUnavailable('cannot create the cache directory %s: %s' % (directory, exc.strerror or exc))
    try:
        info = os.stat(directory)
    except OSError as exc:
        raise CacheUnavailable('cannot read the cache directory %s: %s' % (directory, exc.strerror or exc))
    if hasattr(os, 'getuid') and info.st_uid != os.getuid():
        raise CacheUnavailable('the cache directory %s belongs to another user; set %s to a directory of your own' % (directory, DIR_ENV))
    if info.st_mode & 0o077:
        try:
            os.chmod(directory, 0o700)
        except OSError as exc:
            raise CacheUnavailable('cannot restrict the cache directory %s to its owner: %s' % (directory, exc.strerror or exc))


def read_or_create_key(path):
    """The 32 key bytes in ``path``; a missing or malformed key file is (re)created 0600."""
    for _attempt in range(3):
        try:
            with open(path, 'rb') as handle:
                raw = handle.read()
        except (IOError, OSError) as exc:
            if getattr(exc, 'errno', None) != errno.ENOENT:
                raise CacheUnavailable('cannot read the cache key file %s: %s' % (path, exc.strerror or exc))
            raw = None
        if raw is not None:
            try:
                key = base64.urlsafe_b64decode(raw.strip())
            except (ValueError, TypeError):
                key = b''
            if len(key) == 32:
                return key
            # Corrupt (or not ours): replaced, which also turns every entry it sealed into a miss.
            try:
                _write_atomically(path, _b64(os.urandom(32)).encode('ascii'))
            except (IOError, OSError) as exc:
                raise CacheUnavailable('cannot replace the malformed cache key file %s: %s' % (path, exc.strerror or exc))
            continue
        # First use: link a complete file into place, so that of racing processes exactly one key wins.
        temporary = _temporary_file(path, _b64(os.urandom(32)).encode('ascii'))
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
    fd, temporary = tempfile.mkstemp(prefix='.tmp-', dir=os.path.dirname(path))
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
