# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared machinery of the vendor REST API simulators.

A ``Simulator`` holds one vendor's behaviour (a ``Vendor`` subclass) plus what every vendor needs: routing,
counters, tokens, queued faults and delays, settings and the ``/__sim__/`` control path. ``serve()`` puts it
behind an HTTPS listener (and optionally a plain-HTTP one) on a loopback address and returns a
``SimulatorHandle``.
"""

from __future__ import annotations

import copy
import ipaddress
import json
import os
import re
import secrets
import shutil
import socket
import socketserver
import ssl
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional, Union
from urllib.parse import parse_qs, unquote

import trustme

from .control import CONTROL_PATH, SimulatorControl

CONTROL_PREFIX = CONTROL_PATH + "/"
DEFAULT_TOKEN_LIFETIME = 3600
REDACTED = "<redacted>"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
HANDSHAKE_TIMEOUT = 10
IDLE_TIMEOUT = 60
LOOPBACK_NAMES = {"localhost": "127.0.0.1"}

Body = Union[None, bytes, str, dict, list]
Reply = tuple  # (status: int, headers: dict[str, str | list[str]], body: Body)
Handler = Callable[..., Reply]


# --------------------------------------------------------------------------------------------------
# Requests and replies


class Request:
    """What a vendor handler sees of one HTTP request."""

    def __init__(self, method: str, target: str, headers: Any, body: bytes, is_tls: bool,
                 peer_cert: dict | None = None) -> None:
        path, _sep, query = target.partition("?")
        self.method = method
        self.path = path  # as received, still percent-encoded
        self.segments = _segments(path)
        self.query = {name: values[-1] for name, values in parse_qs(query, keep_blank_values=True).items()}
        self.headers = headers  # an http.client.HTTPMessage: case-insensitive .get()
        self.body = body
        self.is_tls = is_tls
        # The client certificate the TLS peer presented and the CA verified (``ssl.getpeercert()`` form), or None.
        self.peer_cert = peer_cert or None
        # Whether the request said how long its body is (Content-Length or chunked), for vendors that answer 411.
        self.length_given = headers.get("Content-Length") is not None or \
            "chunked" in (headers.get("Transfer-Encoding") or "").lower()

    def peer_common_name(self) -> str | None:
        """The commonName of the verified client certificate, or None."""
        for rdn in (self.peer_cert or {}).get("subject", ()):
            for name, value in rdn:
                if name == "commonName":
                    return value
        return None

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)

    def form(self) -> dict[str, str]:
        """The body parsed as ``application/x-www-form-urlencoded`` (last value wins)."""
        parsed = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {name: values[-1] for name, values in parsed.items()}

    def json(self) -> Any:
        """The body parsed as JSON; raises ``ValueError`` when it is empty or not JSON."""
        return json.loads(self.body.decode("utf-8"))


def _segments(path: str) -> list[str]:
    # Split before decoding so that an encoded "/" (%2F) stays inside its segment; "+" is not a space in a path.
    segments = [unquote(segment) for segment in path.split("/")[1:]]
    if len(segments) > 1 and segments[-1] == "":
        segments.pop()  # some clients add a trailing slash (e.g. ".../entry/HPD%3AIncidentInterface/?q=...")
    return segments


def json_reply(status: int, data: Any, headers: dict[str, str] | None = None) -> Reply:
    return status, dict(headers or {}), data


def reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Simulated status"


def _encode(body: Body, headers: dict[str, str]) -> tuple[bytes, str | None]:
    """Serialise a reply body; return the bytes and the Content-Type to send (None when there is no body)."""
    content_type = next((value for name, value in headers.items() if name.lower() == "content-type"), None)
    if body is None:
        return b"", content_type
    if isinstance(body, bytes):
        return body, content_type or "application/octet-stream"
    if isinstance(body, str):
        return body.encode("utf-8"), content_type or "text/plain; charset=UTF-8"
    return json.dumps(body).encode("utf-8"), content_type or "application/json"


# --------------------------------------------------------------------------------------------------
# Routing


class Router:
    """Method + path pattern → handler. Patterns match percent-decoded segments:
    ``/api/arsys/{version:v1|v1.0}/entry/{form}`` captures ``version`` (one of the listed values) and ``form``."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, list[tuple[str | None, frozenset | None]], Handler]] = []

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append((method.upper(), [_compile_part(part) for part in pattern.strip("/").split("/")], handler))

    def resolve(self, method: str, segments: list[str]) -> tuple[Handler | None, dict[str, str], list[str]]:
        """Return (handler, captured parameters, methods allowed on the path when the method did not match)."""
        allowed = []
        for route_method, parts, handler in self._routes:
            params = _match(parts, segments)
            if params is None:
                continue
            if route_method == method:
                return handler, params, []
            allowed.append(route_method)
        return None, {}, allowed


def _compile_part(part: str) -> tuple[str | None, frozenset | None]:
    """A literal segment → (None, {literal}); ``{name}`` → (name, None); ``{name:a|b}`` → (name, {a, b})."""
    if part.startswith("{") and part.endswith("}"):
        name, _sep, choices = part[1:-1].partition(":")
        return name, frozenset(choices.split("|")) if choices else None
    return None, frozenset({part})


def _match(parts: list[tuple[str | None, frozenset | None]], segments: list[str]) -> dict[str, str] | None:
    if len(parts) != len(segments):
        return None
    params = {}
    for (name, choices), segment in zip(parts, segments):
        if segment == "" or (choices is not None and segment not in choices):
            return None
        if name is not None:
            params[name] = segment
    return params


# --------------------------------------------------------------------------------------------------
# Counters, tokens, queued faults and delays (all thread-safe)


class Counters:
    NAMES = ("logins", "login_failures", "logouts")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, int] = {}
        self._requests: dict[str, int] = {}
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._values = dict.fromkeys(self.NAMES, 0)
            self._requests = {}

    def add(self, name: str) -> None:
        with self._lock:
            self._values[name] += 1

    def request(self, method: str, path: str) -> None:
        key = f"{method} {path}"
        with self._lock:
            self._requests[key] = self._requests.get(key, 0) + 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {**self._values, "requests": dict(self._requests)}


@dataclass
class Token:
    value: str
    subject: str
    issued_at: float
    expires_at: float
    data: dict = field(default_factory=dict)  # vendor extras

    def expired(self, now: float) -> bool:
        return now >= self.expires_at


class TokenStore:
    """Issued tokens by value. A revoked token is forgotten; an expired one is kept (it is still "known")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, Token] = {}

    def issue(self, subject: str, lifetime: float, make_value: Callable[[float, float], str] | None = None) -> Token:
        """Issue a token; ``make_value(issued_at, expires_at)`` builds its text (default: random)."""
        now = time.time()
        expires_at = now + lifetime
        value = make_value(now, expires_at) if make_value else secrets.token_urlsafe(32)
        token = Token(value, subject, now, expires_at)
        with self._lock:
            self._tokens[value] = token
        return token

    def lookup(self, value: str) -> Token | None:
        """The token if it is known and not expired, else None."""
        with self._lock:
            token = self._tokens.get(value)
        return token if token is not None and not token.expired(time.time()) else None

    def revoke(self, value: str) -> bool:
        with self._lock:
            return self._tokens.pop(value, None) is not None

    def expire_all(self) -> int:
        """Expire every live token; return how many were live."""
        now = time.time()
        with self._lock:
            live = [token for token in self._tokens.values() if not token.expired(now)]
            for token in live:
                token.expires_at = now
        return len(live)

    def active(self) -> int:
        now = time.time()
        with self._lock:
            return sum(1 for token in self._tokens.values() if not token.expired(now))


@dataclass
class Fault:
    """A canned answer for the next ``count`` matching vendor requests.

    ``after``: the request is processed first (as by a gateway that passed it on and then lost the answer),
    and the fault is what the client gets back.
    """

    status: int
    count: int = 1
    path: Optional[str] = None
    method: Optional[str] = None
    headers: dict = field(default_factory=dict)
    body: Any = None
    after: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fault:
        _check_keys(data, {"status", "count", "path", "method", "retry_after", "body", "headers", "after"})
        status = data.get("status")
        if not _is_int(status) or not 100 <= status <= 599:
            raise ValueError("'status' must be an integer between 100 and 599")
        headers = data.get("headers") or {}
        if not isinstance(headers, dict) or not all(isinstance(value, str) for value in headers.values()):
            raise ValueError("'headers' must be an object of strings")
        headers = dict(headers)
        if data.get("retry_after") is not None:
            headers["Retry-After"] = _retry_after(data["retry_after"])
        if not isinstance(data.get("after", False), bool):
            raise ValueError("'after' must be true or false")
        return cls(status, *_rule_scope(data), headers=headers, body=data.get("body"), after=data.get("after", False))

    def matches(self, method: str, path: str) -> bool:
        return _in_scope(self, method, path)


@dataclass
class Delay:
    """Hold the next ``count`` matching vendor responses for ``seconds``."""

    seconds: float
    count: int = 1
    path: Optional[str] = None
    method: Optional[str] = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Delay:
        _check_keys(data, {"seconds", "count", "path", "method"})
        seconds = data.get("seconds")
        if not _is_number(seconds) or not 0 <= seconds <= 300:
            raise ValueError("'seconds' must be a number between 0 and 300")
        return cls(seconds, *_rule_scope(data))

    def matches(self, method: str, path: str) -> bool:
        return _in_scope(self, method, path)


class RuleQueue:
    """Queued faults or delays, consumed in order; each rule applies to its next ``count`` matching requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list = []

    def add(self, rule: Fault | Delay) -> int:
        with self._lock:
            self._rules.append(rule)
            return len(self._rules)

    def take(self, method: str, path: str) -> Fault | Delay | None:
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    rule.count -= 1
                    if rule.count == 0:
                        self._rules.remove(rule)
                    return rule
        return None

    def clear(self) -> None:
        with self._lock:
            self._rules = []


def _check_keys(data: dict[str, Any], known: set[str]) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown key(s): {', '.join(unknown)}")


def _rule_scope(data: dict[str, Any]) -> tuple[int, str | None, str | None]:
    count, path, method = data.get("count", 1), data.get("path"), data.get("method")
    if not _is_int(count) or count < 1:
        raise ValueError("'count' must be a positive integer")
    if path is not None and (not isinstance(path, str) or not path.startswith("/")):
        raise ValueError("'path' must be a string starting with '/'")
    if method is not None and not isinstance(method, str):
        raise ValueError("'method' must be a string")
    return count, path, method.upper() if method else None


def _in_scope(rule: Fault | Delay, method: str, path: str) -> bool:
    return (rule.method is None or rule.method == method) and (rule.path is None or path.startswith(rule.path))


def _retry_after(value: Any) -> str:
    if isinstance(value, str):
        return value
    if _is_number(value) and value >= 0:
        return str(int(value)) if float(value).is_integer() else str(value)
    raise ValueError("'retry_after' must be a non-negative number or a string")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --------------------------------------------------------------------------------------------------
# Vendors


class Vendor:
    """Base class of a vendor simulator. Subclasses set the class attributes and override the hooks they need."""

    name = ""  # registry key, e.g. "remedy"
    env_prefix = ""  # e.g. "REMEDY" → REMEDY_URL, REMEDY_CA_PATH, …
    DEFAULT_SETTINGS: dict[str, Any] = {}  # vendor settings beyond token_lifetime (deep-copied per simulator)
    secret_headers: frozenset = frozenset()  # request headers to redact in last_headers, besides SECRET_HEADERS
    secret_query: frozenset = frozenset()  # query parameters whose values the verbose log redacts (a key in a URL)
    request_client_cert = False  # the TLS listener asks for an optional client certificate (signed by the CA)
    length_required_methods: frozenset = frozenset()  # methods answered 411 without Content-Length or chunked body
    demo_user: str | None = None  # the user whose credentials the CLI writes to the env file (see demo_credentials)

    def __init__(self, simulator: Simulator) -> None:
        self.sim = simulator

    def routes(self) -> list[tuple[str, str, Handler]]:
        """(method, pattern, handler) triples; handlers are called as ``handler(request, **captured)``."""
        return []

    def error(self, status: int, message: str) -> Reply:
        """A generic error in the vendor's style: unknown routes, wrong methods, crashes, faults without a body."""
        return json_reply(status, {"message": message, "code": status, "transient": status in TRANSIENT_STATUSES})

    def plain_http(self, request: Request) -> Reply | None:  # pylint: disable=unused-argument
        """Answer a request that arrived on the plain-HTTP listener before routing (None: route it normally)."""
        return None

    def reset_state(self) -> None:
        """Restore the seed data."""

    def state(self) -> dict[str, Any]:
        """A JSON-able dump of the vendor's data."""
        return {}

    def check_setting(self, key: str, value: Any) -> Any:  # pylint: disable=unused-argument
        """Validate (and normalise) a vendor setting; raise ValueError when it is not acceptable."""
        return value

    def demo_credentials(self) -> tuple[str, str] | None:
        """The user and password the CLI writes to the env file: ``demo_user`` if the ``users`` setting has it, else the
        first user. A user's entry is its password or a dict with a ``password``."""
        users = self.sim.settings.get("users") if self.demo_user is not None else None
        if not users:
            return None
        name = self.demo_user if self.demo_user in users else next(iter(users))
        entry = users[name]
        return name, entry["password"] if isinstance(entry, dict) else entry

    def extra_env(self) -> dict[str, str]:
        """More ``<PREFIX>_*`` variables for the CLI's env file."""
        return {}

    def controls(self) -> dict[tuple[str, str], Callable[[dict[str, Any]], dict[str, Any]]]:
        """More control endpoints: ``(method, name)`` → ``action(payload)`` answering a JSON-able dict."""
        return {}


# --------------------------------------------------------------------------------------------------
# The simulator core (no sockets)


class Simulator:
    """One vendor's behaviour plus the shared machinery; ``handle()`` turns a Request into a Reply."""

    def __init__(self, vendor_class: type[Vendor], settings: dict[str, Any], verbose: bool = False) -> None:
        self.verbose = verbose
        self.url = ""  # the HTTPS base URL, set once the listener is bound
        self.counters = Counters()
        self.tokens = TokenStore()
        self.faults = RuleQueue()
        self.delays = RuleQueue()
        self._headers_lock = threading.Lock()
        self._last_headers: dict[str, str] = {}
        self.settings = {"token_lifetime": DEFAULT_TOKEN_LIFETIME, **copy.deepcopy(vendor_class.DEFAULT_SETTINGS)}
        self.vendor = vendor_class(self)
        self.configure(settings)
        self._initial_settings = copy.deepcopy(self.settings)
        self.router = Router()
        for method, pattern, handler in self.vendor.routes():
            self.router.add(method, pattern, handler)
        self.vendor.reset_state()

    def log(self, message: str) -> None:
        if self.verbose:
            for name in self.vendor.secret_query:
                message = re.sub(rf"([?&]{re.escape(name)}=)[^&#\s\"]*", rf"\1{REDACTED}", message)
            sys.stderr.write(f"[{self.vendor.name}-sim] {message}\n")

    def configure(self, settings: dict[str, Any]) -> list[str]:
        unknown = sorted(set(settings) - set(self.settings))
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        checked = {key: self._check_setting(key, value) for key, value in settings.items()}
        self.settings.update(checked)
        return sorted(checked)

    def _check_setting(self, key: str, value: Any) -> Any:
        if key == "token_lifetime":
            if not _is_number(value) or value <= 0:
                raise ValueError("'token_lifetime' must be a positive number of seconds")
            return value
        return self.vendor.check_setting(key, value)

    def handle(self, request: Request) -> Reply:
        if request.path.startswith(CONTROL_PREFIX):
            return self._control(request)
        self.counters.request(request.method, request.path)
        self._record_headers(request.headers)
        delay = self.delays.take(request.method, request.path)
        if delay is not None:
            time.sleep(delay.seconds)
        fault = self.faults.take(request.method, request.path)
        if fault is None:
            return self._vendor_reply(request)
        if fault.after:
            self._vendor_reply(request)
        return self._fault_reply(fault)

    def _vendor_reply(self, request: Request) -> Reply:
        if request.method in self.vendor.length_required_methods and not request.length_given:
            return self.vendor.error(411, "Length Required")
        if not request.is_tls:
            reply = self.vendor.plain_http(request)
            if reply is not None:
                return reply
        handler, params, allowed = self.router.resolve(request.method, request.segments)
        if handler is None and allowed:
            status, headers, body = self.vendor.error(405, f"Method {request.method} not allowed")
            return status, {**headers, "Allow": ", ".join(allowed)}, body
        if handler is None:
            return self.vendor.error(404, f"No resource at {request.path}")
        try:
            return handler(request, **params)
        except Exception as exc:  # pylint: disable=broad-exception-caught  # a simulator bug must answer, not hang
            self.log(f"handler crashed on {request.method} {request.path}: {exc!r}")
            return self.vendor.error(500, "Internal simulator error")

    def _fault_reply(self, fault: Fault) -> Reply:
        if fault.body is None:
            status, headers, body = self.vendor.error(fault.status, reason(fault.status))
            return status, {**headers, **fault.headers}, body
        return fault.status, dict(fault.headers), fault.body

    def _record_headers(self, headers: Any) -> None:
        secret = SECRET_HEADERS | self.vendor.secret_headers
        recorded: dict[str, str] = {}
        for name, value in headers.items():
            name = name.lower()
            recorded[name] = f"{recorded[name]}, {value}" if name in recorded else value
        with self._headers_lock:
            self._last_headers = {name: REDACTED if name in secret else value for name, value in recorded.items()}

    # ---- control path -------------------------------------------------------------------------

    def _control(self, request: Request) -> Reply:
        actions = {
            ("GET", "counters"): lambda payload: self.counters_snapshot(),
            ("GET", "state"): lambda payload: self.state(),
            ("POST", "reset"): self._control_reset,
            ("POST", "faults"): lambda payload: {"queued": self.faults.add(Fault.from_json(payload))},
            ("POST", "delay"): lambda payload: {"queued": self.delays.add(Delay.from_json(payload))},
            ("POST", "expire-tokens"): lambda payload: {"expired": self.tokens.expire_all()},
            ("POST", "config"): lambda payload: {"configured": self.configure(payload)},
            **self.vendor.controls(),
        }
        action = actions.get((request.method, request.path[len(CONTROL_PREFIX):]))
        if action is None:
            return json_reply(404, {"error": f"unknown control endpoint: {request.method} {request.path}"})
        try:
            return json_reply(200, action(_control_payload(request)))
        except ValueError as exc:
            return json_reply(400, {"error": str(exc)})

    def _control_reset(self, payload: dict[str, Any]) -> dict[str, Any]:
        _check_keys(payload, {"state"})
        self.counters.reset()
        self.faults.clear()
        self.delays.clear()
        with self._headers_lock:
            self._last_headers = {}
        if payload.get("state"):
            self.settings = copy.deepcopy(self._initial_settings)
            self.vendor.reset_state()
        return self.counters_snapshot()

    def counters_snapshot(self) -> dict[str, Any]:
        return {**self.counters.snapshot(), "active_tokens": self.tokens.active()}

    def state(self) -> dict[str, Any]:
        with self._headers_lock:
            last_headers = dict(self._last_headers)
        return {**self.vendor.state(), "last_headers": last_headers}


def _control_payload(request: Request) -> dict[str, Any]:
    if not request.body.strip():
        return {}
    try:
        payload = request.json()
    except ValueError as exc:
        raise ValueError(f"the body is not JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise ValueError("the body must be a JSON object")
    return payload


# --------------------------------------------------------------------------------------------------
# HTTP(S) listeners


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every reply carries Content-Length
    server_version = "restauth-simulator"
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid Nagle + delayed-ACK stalls

    def version_string(self) -> str:
        return self.server_version  # no Python version in the Server header

    def _dispatch(self) -> None:
        listener: _Listener = self.server  # type: ignore[assignment]
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._send(*listener.simulator.vendor.error(400, "Unreadable request body"))
            return
        peer_cert = self.connection.getpeercert() if listener.ssl_context is not None else None
        request = Request(self.command, self.path, self.headers, body, listener.ssl_context is not None, peer_cert)
        self._send(*listener.simulator.handle(request))

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _dispatch

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():  # trailer fields, up to the empty line
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()  # the CRLF after each chunk

    def _send(self, status: int, headers: dict[str, str], body: Body) -> None:
        payload, content_type = _encode(body, headers)
        # A vendor may send its own Date (e.g. to simulate a server clock that differs from the client's).
        own_date = next((value for name, value in headers.items() if name.lower() == "date"), None)
        self.log_request(status)
        self.send_response_only(status)
        self.send_header("Server", self.version_string())
        self.send_header("Date", own_date or self.date_time_string())
        if content_type and payload:
            self.send_header("Content-Type", content_type)
        if status >= 200 and status not in (204, 304):
            self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            if name.lower() not in ("content-type", "date"):
                # A list sends the header once per value (several Set-Cookie headers, for one).
                for item in value if isinstance(value, list) else [value]:
                    self.send_header(name, item)
        self.end_headers()
        if payload and status not in (204, 304):
            self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # pylint: disable=redefined-builtin  # stdlib signature
        self.server.simulator.log(format % args)  # type: ignore[attr-defined]


class _Listener(ThreadingHTTPServer):
    """One listening socket. TLS is negotiated in the worker thread, so a stalled handshake cannot block accept()."""

    daemon_threads = True

    def __init__(self, host: str, port: int, simulator: Simulator, ssl_context: ssl.SSLContext | None) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.simulator = simulator
        self.ssl_context = ssl_context
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._closing = False
        super().__init__((host, port), _RequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would call socket.getfqdn(), a DNS lookup that can take seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    @property
    def port(self) -> int:
        return self.server_address[1]

    def finish_request(self, request: Any, client_address: Any) -> None:
        connection = self._secure(request)
        if connection is None:
            return
        self._track(connection)
        try:
            super().finish_request(connection, client_address)
        finally:
            self._untrack(connection)
            if connection is not request:
                self.shutdown_request(connection)

    def _secure(self, request: socket.socket) -> socket.socket | None:
        if self.ssl_context is None:
            return request
        request.settimeout(HANDSHAKE_TIMEOUT)
        try:
            return self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            self.simulator.log(f"TLS handshake failed: {exc}")  # e.g. a client that does not trust our CA
            return None

    def _track(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.add(connection)
            closing = self._closing
        if closing:
            _hard_shutdown(connection)

    def _untrack(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.discard(connection)

    def close_connections(self) -> None:
        """Unblock handler threads waiting on idle keep-alive connections."""
        with self._connections_lock:
            self._closing = True
            connections = list(self._connections)
        for connection in connections:
            _hard_shutdown(connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        self.simulator.log(f"connection error from {client_address}: {sys.exc_info()[1]!r}")


def _hard_shutdown(connection: socket.socket) -> None:
    try:
        # The plain socket method, also for an SSLSocket: it must not touch the TLS state another thread is using.
        socket.socket.shutdown(connection, socket.SHUT_RDWR)
    except OSError:
        pass


class CertificateAuthority:
    """A throw-away CA (trustme) and one server certificate for the loopback names. Share one between vendors
    so that a single ``ca.pem`` verifies all of them."""

    def __init__(self) -> None:
        self._ca = trustme.CA(organization_name="restauth simulators")
        self._server_cert = self._ca.issue_cert("127.0.0.1", "localhost", "::1")

    def write(self, directory: str) -> str:
        path = os.path.join(directory, "ca.pem")
        self._ca.cert_pem.write_to_path(path)
        return path

    def server_context(self, client_cert: bool = False) -> ssl.SSLContext:
        """The listener's TLS context; ``client_cert`` asks for an optional client certificate signed by this CA."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        self._server_cert.configure_cert(context)
        if client_cert:
            context.verify_mode = ssl.CERT_OPTIONAL
            self._ca.configure_trust(context)
        return context

    def issue_client_cert(self, common_name: str, directory: str) -> tuple[str, str]:
        """A client certificate for ``common_name`` signed by this CA; returns the (certificate, key) PEM paths."""
        leaf = self._ca.issue_cert(f"{common_name.lower().replace(' ', '-')}.client.invalid", common_name=common_name)
        stem = os.path.join(directory, "client-" + "".join(c if c.isalnum() else "_" for c in common_name))
        leaf.cert_chain_pems[0].write_to_path(stem + ".crt")
        leaf.private_key_pem.write_to_path(stem + ".key")
        return stem + ".crt", stem + ".key"


def loopback_address(host: str) -> str:
    """The IP literal to bind; refuse anything that is not a loopback address."""
    address = LOOPBACK_NAMES.get(host.lower(), host)
    try:
        is_loopback = ipaddress.ip_address(address).is_loopback
    except ValueError:
        is_loopback = False
    if not is_loopback:
        raise ValueError(f"refusing to bind {host!r}: the simulators listen on loopback addresses only")
    return address


def _url(scheme: str, host: str, port: int) -> str:
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


class SimulatorHandle:
    """A running simulator: ``url``, ``http_url`` (or None), ``ca_path``, ``control``, ``stop()``; a context manager."""

    def __init__(self, simulator: Simulator, listeners: list[_Listener], ca_path: str, owned_dir: str | None,
                 ca: CertificateAuthority | None = None) -> None:
        self.simulator = simulator
        self.ca = ca
        self._listeners = listeners
        self._threads = [threading.Thread(target=listener.serve_forever, kwargs={"poll_interval": 0.05},
                                          name=f"{simulator.vendor.name}-sim-{listener.port}", daemon=True)
                         for listener in listeners]
        self._owned_dir = owned_dir
        self._stopped = False
        host = listeners[0].server_address[0]
        self.url = _url("https", host, listeners[0].port)
        self.http_url = _url("http", host, listeners[1].port) if len(listeners) > 1 else None
        self.ca_path = ca_path
        self.control = SimulatorControl(self.url, ca_path)
        simulator.url = self.url
        for thread in self._threads:
            thread.start()

    @property
    def vendor(self) -> Vendor:
        return self.simulator.vendor

    def issue_client_cert(self, common_name: str, directory: str | None = None) -> tuple[str, str]:
        """A client certificate from the simulator's CA (written beside ``ca.pem`` unless ``directory``)."""
        return self.ca.issue_client_cert(common_name, directory or os.path.dirname(self.ca_path))

    def env(self) -> dict[str, str]:
        """``<PREFIX>_URL``, ``_CA_PATH``, ``_USERNAME``, ``_PASSWORD``, ``_HTTP_URL``, ``_SIM_CONTROL``, … for scripts."""
        prefix = self.vendor.env_prefix
        values = {f"{prefix}_URL": self.url, f"{prefix}_CA_PATH": self.ca_path}
        credentials = self.vendor.demo_credentials()
        if credentials:
            values[f"{prefix}_USERNAME"], values[f"{prefix}_PASSWORD"] = credentials
        if self.http_url:
            values[f"{prefix}_HTTP_URL"] = self.http_url
        values[f"{prefix}_SIM_CONTROL"] = self.control.url
        values.update(self.vendor.extra_env())
        return values

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        for listener in self._listeners:
            listener.shutdown()
            listener.close_connections()
            listener.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._owned_dir:
            shutil.rmtree(self._owned_dir, ignore_errors=True)

    def __enter__(self) -> SimulatorHandle:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()


def serve(vendor_class: type[Vendor], *, host: str = "127.0.0.1", port: int = 0, http_port: int | None = None,
          state_dir: str | None = None, ca: CertificateAuthority | None = None, verbose: bool = False,
          **settings: Any) -> SimulatorHandle:
    """Start ``vendor_class`` on ``host`` (loopback only). ``port=0`` picks a free port; ``http_port=None`` means
    no plain-HTTP listener (0: a free port). ``state_dir`` receives ``ca.pem`` (default: a temporary directory
    removed by ``stop()``). Other keyword arguments are settings (``token_lifetime`` and the vendor's own)."""
    address = loopback_address(host)
    simulator = Simulator(vendor_class, settings, verbose)
    ca = ca or CertificateAuthority()
    listeners = [_Listener(address, port, simulator, ca.server_context(client_cert=vendor_class.request_client_cert))]
    try:
        if http_port is not None:
            listeners.append(_Listener(address, http_port, simulator, None))
    except OSError:
        listeners[0].server_close()
        raise
    owned_dir = None if state_dir else tempfile.mkdtemp(prefix=f"{vendor_class.name}-sim-")
    directory = state_dir or owned_dir
    os.makedirs(directory, exist_ok=True)
    return SimulatorHandle(simulator, listeners, ca.write(directory), owned_dir, ca)
