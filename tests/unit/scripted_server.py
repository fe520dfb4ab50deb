# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A loopback HTTP(S) server that answers from a script, for unit tests of the client.

Each ``reply()`` queues one answer; the server records every request it gets.
``drop=True`` closes the connection without answering (the request reached the
server), ``delay`` sleeps before answering (to provoke read timeouts).
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import trustme


class Recorded:
    def __init__(self, method, path, headers, body):
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode('utf-8'))


class ScriptedServer:
    def __init__(self, tls=False, tmp_path=None):
        self.script = []
        self.requests = []
        self.lock = threading.Lock()
        self.ca_path = None
        self.httpd = ThreadingHTTPServer(('127.0.0.1', 0), self._handler())
        self.httpd.daemon_threads = True
        scheme = 'http'
        if tls:
            ca = trustme.CA()
            cert = ca.issue_cert('127.0.0.1', 'localhost')
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            cert.configure_cert(context)
            self.ca_path = str(tmp_path / 'scripted-ca.pem')
            ca.cert_pem.write_to_path(self.ca_path)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = 'https'
        self.url = '%s://127.0.0.1:%d' % (scheme, self.httpd.server_address[1])
        # A short poll interval: shutdown() waits for the next poll, and the default 0.5 s
        # would cost every test that stops a server half a second.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={'poll_interval': 0.02}, daemon=True)
        self.thread.start()

    def reply(self, status=200, body=b'', headers=None, delay=0.0, drop=False, times=1):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode('utf-8')
            headers = dict({'Content-Type': 'application/json'}, **(headers or {}))
        elif isinstance(body, str):
            body = body.encode('utf-8')
        for _dummy in range(times):
            self.script.append(dict(status=status, body=body, headers=headers or {}, delay=delay, drop=drop))
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def _next(self):
        with self.lock:
            if self.script:
                return self.script.pop(0)
        return dict(status=500, body=b'unscripted request', headers={}, delay=0.0, drop=False)

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length) if length else b''
                with server.lock:
                    server.requests.append(Recorded(self.command, self.path, dict(self.headers), body))
                answer = server._next()
                if answer['delay']:
                    time.sleep(answer['delay'])
                if answer['drop']:
                    self.close_connection = True
                    self.connection.close()
                    return
                if any(name.lower() == 'date' for name in answer['headers']):
                    self.send_response_only(answer['status'])  # the script's own Date replaces the default one
                else:
                    self.send_response(answer['status'])
                for name, value in answer['headers'].items():
                    self.send_header(name, value)
                self.send_header('Content-Length', str(len(answer['body'])))
                self.end_headers()
                self.wfile.write(answer['body'])

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        return Handler
