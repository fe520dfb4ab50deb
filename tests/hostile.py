# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A hostile HTTPS server on loopback, for tests of what the client does with bad answers.

It speaks just enough HTTP/1.1 over raw sockets to misbehave in ways a
well-behaved server library will not: echo the request back in an error
page, drip the body one byte at a time, close the connection mid-body, send
damaged gzip, huge bodies, deeply nested JSON or odd headers. Every request
is recorded (method, path, headers, body) in ``requests``.

``HostileServer(behaviour, tmp_path)``: ``behaviour`` is the name of one of
the ``answer_*`` methods (``echo``, ``drip``, ``cut``, ``gzip``, ``huge``,
``deep``, ``retry_after``, ``next_bad_port``). It can be changed at run time
with ``server.behaviour = ...``. ``python tests/hostile.py BEHAVIOUR DIR``
runs one in the foreground and prints its URL and CA path.
"""

from __future__ import annotations

import json
import socket
import ssl
import sys
import threading
import time

import trustme


class Request:
    def __init__(self, method, path, headers, body):
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body


class HostileServer:

    def __init__(self, behaviour, tmp_path, size=5 * 1024 * 1024, drip_every=2.0):
        self.behaviour = behaviour
        self.size = size
        self.drip_every = drip_every
        self.requests = []
        self.connections = 0
        self.lock = threading.Lock()
        ca = trustme.CA()
        cert = ca.issue_cert('127.0.0.1', 'localhost')
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(self.context)
        self.ca_path = str(tmp_path / 'hostile-ca.pem')
        ca.cert_pem.write_to_path(self.ca_path)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(16)
        self.url = 'https://127.0.0.1:%d' % self.listener.getsockname()[1]
        self._stopped = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def stop(self):
        self._stopped = True
        try:
            self.listener.close()
        except OSError:
            pass

    def _accept(self):
        while not self._stopped:
            try:
                sock, _dummy = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock):
        try:
            conn = self.context.wrap_socket(sock, server_side=True)
        except (OSError, ssl.SSLError):
            sock.close()
            return
        try:
            conn.settimeout(30)
            reader = conn.makefile('rb')
            while True:
                request = self._read_request(reader)
                if request is None:
                    return
                with self.lock:
                    self.requests.append(request)
                if not getattr(self, 'answer_' + self.behaviour)(conn, request):
                    return
        except (OSError, ssl.SSLError, ValueError):
            return
        finally:
            try:
                conn.close()
            except OSError:
                pass

    @staticmethod
    def _read_request(reader):
        line = reader.readline(65536)
        if not line.strip():
            return None
        method, path = line.decode('latin-1').split()[:2]
        headers = {}
        while True:
            line = reader.readline(65536).decode('latin-1')
            if line in ('\r\n', '\n', ''):
                break
            name, _dummy, value = line.partition(':')
            headers[name.strip()] = value.strip()
        length = int(headers.get('Content-Length') or 0)
        body = reader.read(length) if length else b''
        return Request(method, path, headers, body)

    @staticmethod
    def _head(status, headers, length=None):
        lines = ['HTTP/1.1 %s Hostile' % status]
        for name, value in headers:
            lines.append('%s: %s' % (name, value))
        if length is not None:
            lines.append('Content-Length: %d' % length)
        return ('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1')

    def _send(self, conn, status, body, headers=()):
        conn.sendall(self._head(status, list(headers), len(body)) + body)
        return True

    # Each answer_* returns True to keep the connection open for the next request.

    def answer_echo(self, conn, request):
        """401 with an HTML page that shows the request body and headers as received (a debug error page)."""
        # The body first: error messages quote only the start of a page.
        page = ('<html><body><h1>Login failed</h1><pre>%s\n%s %s\n%s</pre></body></html>' % (
            request.body.decode('utf-8', errors='replace'), request.method, request.path,
            '\n'.join('%s: %s' % item for item in request.headers.items()))).encode('utf-8')
        return self._send(conn, 401, page, [('Content-Type', 'text/html')])

    def answer_echo_json(self, conn, request):
        """400 with a JSON error that quotes the request body (JSON-escaped) and headers."""
        body = json.dumps({'error': 'bad request', 'error_description': 'could not use %s' % request.body.decode('utf-8', errors='replace'),
                           'headers': request.headers, 'messageText': request.body.decode('utf-8', errors='replace'),
                           'statusMsg': 'rejected %s' % request.body.decode('utf-8', errors='replace'),
                           'responseMsg': ' '.join('%s=%s' % item for item in request.headers.items())}).encode('utf-8')
        return self._send(conn, 400, body, [('Content-Type', 'application/json')])

    def answer_drip(self, conn, request):
        """200 with a JSON body of which one byte comes every ``drip_every`` seconds."""
        body = b'{"data": "' + b'x' * 1000 + b'"}'
        conn.sendall(self._head(200, [('Content-Type', 'application/json')], len(body)))
        for index in range(len(body)):
            if self._stopped:
                return False
            conn.sendall(body[index:index + 1])
            time.sleep(self.drip_every)
        return False

    def answer_cut(self, conn, request):
        """200 that promises 1000 bytes and closes the connection after 10."""
        conn.sendall(self._head(200, [('Content-Type', 'application/json')], 1000) + b'{"data": [')
        return False

    def answer_gzip(self, conn, request):
        """200 with Content-Encoding: gzip and a body that is not gzip."""
        return self._send(conn, 200, b'this is not gzip at all' * 10, [('Content-Type', 'application/json'), ('Content-Encoding', 'gzip')])

    def answer_huge(self, conn, request):
        """200 with a JSON body of ``size`` bytes, sent in pieces."""
        conn.sendall(self._head(200, [('Content-Type', 'application/json')], self.size))
        piece = b' ' * 65536
        left = self.size - 2
        conn.sendall(b'[')
        try:
            while left > 0:
                conn.sendall(piece[:min(left, len(piece))])
                left -= len(piece)
            conn.sendall(b']')
        except OSError:
            pass
        return False

    def answer_deep(self, conn, request):
        """200 with JSON nested 100,000 lists deep."""
        return self._send(conn, 200, b'[' * 100000 + b']' * 100000, [('Content-Type', 'application/json')])

    def answer_retry_after(self, conn, request):
        """503 with ``Retry-After: ²`` (the byte 0xB2, which HTTP libraries read as Latin-1: '²'.isdigit() is True)."""
        return self._send(conn, 503, b'{}', [('Content-Type', 'application/json'), ('Retry-After', '\u00b2')])

    def answer_next_bad_port(self, conn, request):
        """A page of results whose next link has the port 99999 (xMatters style ``links.next``)."""
        body = json.dumps({'count': 1, 'total': 2, 'data': [{'id': 'g1', 'targetName': 'g1'}],
                           'links': {'self': request.path, 'next': 'https://127.0.0.1:99999/x'}}).encode('utf-8')
        return self._send(conn, 200, body, [('Content-Type', 'application/json')])


if __name__ == '__main__':
    import pathlib
    server = HostileServer(sys.argv[1], pathlib.Path(sys.argv[2]))
    print(server.url, server.ca_path, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
