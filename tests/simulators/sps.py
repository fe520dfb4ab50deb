# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One Identity Safeguard for Privileged Sessions (SPS) REST API simulator.

Follows the protocol reference (sps.md) and the collection's interface choices (interface.md §6). Where the
reference marks a detail INFERRED or SEED-ONLY, or is silent, the choice made here says so in a comment.

Faults beyond the shared ``/__sim__/faults``, set through ``/__sim__/config``:
``fail_commits`` (the next n commits fail with 400 and leave the transaction open, as a real validation
failure does), ``fail_reads_after_commit`` (after the next successful commit, the next n configuration reads
answer 500: a commit that went through, then a read-back that failed), ``lock_holder`` (a name: another session holds the configuration lock), ``clock_offset``
(seconds added to the server's ``Date`` and cookie ``Expires``), ``logout_supported`` (DELETE
/api/authentication; the reference found no documented logout), ``login_redirect`` (a successful login answers
302 with a ``Location`` and the cookie, as the REST API Reference Guide describes, instead of 200).
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime
import email.utils
import functools
import hashlib
import hmac
import secrets
import threading
import time
import uuid
from typing import Any, Callable

from ._base import Reply, Request, Simulator, Token, Vendor, json_reply

DEMO_USER = "ansible"
SEED_USERS = {DEMO_USER: "Ansible-Passw0rd!", "admin": "admin-Passw0rd!", "jürgen": "Pässwörd-ü"}
# Certificates are mapped to users by their subject commonName (INFERRED: SPS maps a certificate to a user
# through the login method's settings; the exact rule is configurable on SPS).
SEED_CERTIFICATE_USERS = {"ansible-cert": DEMO_USER}
# INFERRED item shape (interface.md §6); api_key_access mirrors the login-method setting the docs name.
SEED_LOGIN_METHODS = [
    {"id": "local", "name": "Local database", "type": "password", "api_key_access": True},
    {"id": "ldap-corp", "name": "Corporate LDAP", "type": "password", "api_key_access": False},
    {"id": "certs", "name": "Client certificate", "type": "x509", "api_key_access": True},
]
SESSION_IDLE = 1200  # VERIFIED: a session times out after 20 minutes of inactivity
TRANSACTION_SECONDS = 1200  # INFERRED: meta.remaining_seconds of an open transaction
CONFIG = "/api/configuration"
API_KEYS_ADMIN = "aaa/local_database/api_keys"  # SEED-ONLY path, under /api/configuration
# VERIFIED singleton bodies (DOC-email, DOC-txn); values invented.
SEED_SINGLETONS = {
    "management/email": {
        "admin_address": "admin@example.com", "alerting_address": "alerts@example.com",
        "reporting_address": "reports@example.com", "sender_address": "sps@example.com",
        "smtp_auth": {"enabled": False}, "smtp_encryption": {"selection": "disabled"},
        "smtp_server": {"selection": "fqdn", "value": "smtp.example.com"},
    },
    "management/accounting": {"require_commitlog": False},
    "local_services/cluster": {"enabled": False, "listen_address": None},
}
SEED_LISTS = {
    "aaa/local_database/groups": [{"name": "admins", "members": ["admin"]}, {"name": "ops", "members": [DEMO_USER]}],
    "ssh/connections": [{"name": "jump", "active": True, "to": ["10.0.0.0/8"]}],
    "passwords": [],
    "private_keys": [],
}
# VERIFIED (REST API Reference Guide, "Passwords" / "Private keys"): write-only objects: POST creates one and answers
# its key; GET on the collection, PUT and DELETE are not permitted (405); GET of one key answers it without the secret.
WRITE_ONLY = frozenset({"passwords", "private_keys"})
# Recorded sessions of the audit search (DOC-audit: items {key, meta}, body only with ``fields``); values invented.
# Times are epoch seconds from 2026-01-01T00:00:00Z; end_time None: still active.
AUDIT_BASE = 1767225600
SEED_AUDIT_SESSIONS = [
    {"key": f"s{index:02d}", "protocol": protocol, "start_time": AUDIT_BASE + start, "end_time": None if end is None else AUDIT_BASE + end,
     "active": end is None, "user": {"name": user, "gateway_username": user}, "server": {"address": server, "port": port},
     "client": {"address": f"10.1.0.{index}"}, "verdict": "ACCEPT"}
    for index, (protocol, start, end, user, server, port) in enumerate([
        ("ssh", 0, 600, "alice", "10.0.0.5", 22), ("rdp", 300, 4000, "bob", "10.0.0.7", 3389),
        ("ssh", 3600, 3700, "alice", "10.0.0.6", 22), ("ssh", 7200, 9000, "carol", "10.0.0.5", 22),
        ("telnet", 7300, 7400, "bob", "10.0.0.9", 23), ("ssh", 10800, None, "alice", "10.0.0.5", 22),
        ("rdp", 14400, None, "dave", "10.0.0.7", 3389),
    ], start=1)
]
SEED_HEALTH = {  # VERIFIED member names (DOC-health); values invented
    "cpu": 3.5, "memory": 41.2, "disk": 23.0, "swap": 0.0, "load1": 0.12, "load5": 0.1, "load15": 0.08,
    "sessions": {"http": 0, "ica": 0, "mssql": 0, "rdp": 1, "ssh": 2, "telnet": 0, "vnc": 0}, "sessions_total": 3,
    "raid": {"status": {"status": "optimal", "detailed_status": "", "operation_progress": None}},
    "firmware": {"integrity": {"boot": "ok", "core": "ok"}, "tainted_files": {}},
}
BROWSER_MARK = "Mozilla"  # VERIFIED: SPS 7.5+ wants an X-Token from browser-like clients on writes
WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})


class SPSError(Exception):
    """An SPS error answered as ``{"error": {"type", "message", "details"}, "meta": {...}}``."""

    def __init__(self, status: int, kind: str, message: str, details: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.kind, self.message, self.details = status, kind, message, details or {}

    def reply(self, href: str) -> Reply:
        return json_reply(self.status, error_body(self.kind, self.message, href, self.details))


def error_body(kind: str, message: str, href: str, details: dict | None = None) -> dict[str, Any]:
    # VERIFIED envelope keys (error.type/message/details); meta.href/parent INFERRED.
    return {"error": {"type": kind, "message": message, "details": details or {}},
            "meta": {"href": href, "parent": href.rsplit("/", 1)[0] or "/api"}}


# INFERRED error types for statuses the reference has no name for (only 400/401/405 login types are SEED-ONLY).
ERROR_TYPES = {400: "InvalidRequest", 401: "AuthenticationFailure", 403: "Forbidden", 404: "NotFound",
               405: "MethodNotAllowed", 409: "Conflict", 411: "LengthRequired", 500: "InternalError",
               503: "ServiceUnavailable"}


class Caller:
    """Who made a request: a session (cookie) or an API key."""

    def __init__(self, username: str, login_method: str, session: Token | None = None, key_id: str | None = None) -> None:
        self.username = username
        self.login_method = login_method
        self.session = session
        self.key_id = key_id

    @property
    def owner(self) -> str:
        return self.session.value if self.session is not None else f"apikey:{self.key_id}"


def _api(handler: Callable[..., Reply]) -> Callable[..., Reply]:
    """Authenticate the caller (cookie first, then API key), slide the session, map SPSError to its reply."""

    @functools.wraps(handler)
    def wrapper(self: Sps, request: Request, **params: str) -> Reply:
        try:
            caller = self.caller(request)
            if request.method in WRITE_METHODS:
                self._check_browser(request)
            return handler(self, request, caller, **params)
        except SPSError as error:
            return error.reply(request.path)

    return wrapper


class Sps(Vendor):
    """SPS: password / X.509 / API-key login, login methods, API keys, configuration under transactions."""

    name = "sps"
    env_prefix = "SPS"
    demo_user = DEMO_USER
    request_client_cert = True
    length_required_methods = frozenset({"POST"})  # VERIFIED for POST /api/transaction; INFERRED for every POST
    DEFAULT_SETTINGS = {
        "token_lifetime": SESSION_IDLE,
        "users": dict(SEED_USERS),
        "certificate_users": dict(SEED_CERTIFICATE_USERS),
        "login_methods": copy.deepcopy(SEED_LOGIN_METHODS),
        "fail_commits": 0,
        "fail_reads_after_commit": 0,
        "lock_holder": None,
        "clock_offset": 0,
        "logout_supported": True,
        "login_redirect": False,
        "audit_page_cap": 500,
    }

    def __init__(self, simulator: Simulator) -> None:
        super().__init__(simulator)
        self._lock = threading.RLock()
        self._committed: dict[str, Any] = {}
        self._api_keys: dict[str, dict[str, Any]] = {}  # key id → {username, login_method, name, digest}
        self._transaction: dict[str, Any] | None = None  # {owner, working, keys, changes}
        self._failing_reads = 0  # configuration reads still to fail after a commit (fail_reads_after_commit)

    # ---- Vendor hooks -------------------------------------------------------------------------------

    def routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        routes = [
            ("GET", "/api/authentication", self.login),
            ("POST", "/api/authentication", self.login_wrong_method),
            ("PUT", "/api/authentication", self.login_wrong_method),
            ("DELETE", "/api/authentication", self.logout),
            ("GET", "/api/authentication/login_methods", self.login_methods),
            ("GET", "/api/info", self.info),
            ("GET", "/api/health_status", self.health_status),
            ("GET", "/api/audit/sessions", self.audit_sessions),
            ("GET", "/api/transaction", self.transaction_status),
            ("POST", "/api/transaction", self.transaction_open),
            ("PUT", "/api/transaction", self.transaction_close),
            ("DELETE", "/api/transaction", self.transaction_cancel),
            ("GET", "/api/transaction/changes", self.transaction_changes),
            ("GET", "/api/user/api_keys", self.own_keys),
            ("POST", "/api/user/api_keys", self.create_own_key),
            ("DELETE", "/api/user/api_keys/{key}", self.delete_own_key),
        ]
        # Configuration paths of any depth (the router matches a fixed number of segments).
        for depth in range(0, 6):
            pattern = "/api/configuration" + "".join(f"/{{p{index}}}" for index in range(depth))
            for method, handler in (("GET", self.config_get), ("PUT", self.config_put), ("POST", self.config_post),
                                    ("DELETE", self.config_delete)):
                routes.append((method, pattern, handler))
        return routes

    def error(self, status: int, message: str) -> Reply:
        return json_reply(status, error_body(ERROR_TYPES.get(status, "Error"), message, "/api"))

    def reset_state(self) -> None:
        with self._lock:
            self._committed = {"singletons": copy.deepcopy(SEED_SINGLETONS), "lists": {}}
            for path, items in SEED_LISTS.items():
                self._committed["lists"][path] = {_new_key(): copy.deepcopy(item) for item in items}
            self._api_keys = {}
            self._transaction = None
            self._failing_reads = 0

    def state(self) -> dict[str, Any]:
        with self._lock:
            transaction = None
            if self._transaction is not None:
                transaction = {"owner": self._transaction["owner_name"], "changes": copy.deepcopy(self._transaction["changes"])}
            return {"configuration": copy.deepcopy(self._committed),
                    "api_keys": {key: {k: v for k, v in item.items() if k != "digest"} for key, item in self._api_keys.items()},
                    "transaction": transaction}

    def check_setting(self, key: str, value: Any) -> Any:
        if key in ("users", "certificate_users"):
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise ValueError(f"'{key}' must be an object of strings")
            return dict(value)
        if key == "login_methods":
            if not isinstance(value, list) or not all(isinstance(item, dict) and item.get("id") for item in value):
                raise ValueError("'login_methods' must be a list of objects with an id")
            return copy.deepcopy(value)
        if key == "audit_page_cap":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError("'audit_page_cap' must be a positive integer")
            return value
        if key in ("fail_commits", "fail_reads_after_commit"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"'{key}' must be a non-negative integer")
            return value
        if key == "lock_holder":
            if value is not None and not isinstance(value, str):
                raise ValueError("'lock_holder' must be a string or null")
            return value
        if key == "clock_offset":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ValueError("'clock_offset' must be a number of seconds")
            return value
        if key in ("logout_supported", "login_redirect"):
            if not isinstance(value, bool):
                raise ValueError(f"'{key}' must be a boolean")
            return value
        return super().check_setting(key, value)

    def extra_env(self) -> dict[str, str]:
        return {"SPS_LOGIN_METHOD": "local"}

    # ---- replies carry the server's clock ------------------------------------------------------------

    def _now(self) -> float:
        return time.time() + self.sim.settings["clock_offset"]

    def _reply(self, status: int, data: Any, headers: dict[str, str] | None = None) -> Reply:
        return json_reply(status, data, {"Date": email.utils.formatdate(self._now(), usegmt=True), **(headers or {})})

    # ---- authentication -----------------------------------------------------------------------------

    def login(self, request: Request) -> Reply:
        try:
            username, method = self._authenticate(request)
        except SPSError as error:
            self.sim.counters.add("login_failures")
            return error.reply("/api/authentication")
        session = self.sim.tokens.issue(username, self.sim.settings["token_lifetime"], lambda *_: secrets.token_hex(20))
        session.data["login_method"] = method
        self.sim.counters.add("logins")
        lifetime = int(self.sim.settings["token_lifetime"])
        expires = email.utils.formatdate(self._now() + lifetime, usegmt=True)
        # VERIFIED cookie name; attributes INFERRED (sps.md §7). Expires is judged by the client's clock: a client
        # whose clock runs ahead of the server's by more than 20 minutes drops the cookie from its jar.
        cookie = f"session_id={session.value}; Path=/; Secure; HttpOnly; Max-Age={lifetime}; Expires={expires}"
        # VERIFIED: the login answer's meta carries remaining_seconds.
        body = {"meta": {"href": "/api/authentication", "next": "/api", "transaction": "/api/transaction",
                         "remaining_seconds": lifetime}}
        if self.sim.settings["login_redirect"]:
            return self._reply(302, body, {"Set-Cookie": cookie, "Location": "/api"})
        return self._reply(200, body, {"Set-Cookie": cookie})

    def _authenticate(self, request: Request) -> tuple[str, str]:
        kind = request.query.get("type")
        if kind not in (None, "password", "x509"):
            raise SPSError(400, "InvalidAuthenticationRequest", f"Unknown authentication type: {kind}")
        if kind is None:
            # INFERRED: without type, a Basic header means password; otherwise a client certificate is tried.
            kind = "password" if (request.header("Authorization") or "").startswith("Basic ") or not request.peer_cert else "x509"
        method = self._login_method(request.query.get("login_method"), kind)
        if kind == "x509":
            return self._certificate_user(request), method
        return self._password_user(request), method

    def _login_method(self, wanted: str | None, kind: str) -> str:
        methods = self.sim.settings["login_methods"]
        if wanted is None:
            # INFERRED: password logins default to the local database, certificates to the first x509 method.
            candidates = [m for m in methods if m.get("type") == kind and (kind != "password" or m["id"] == "local")]
            if not candidates:
                raise SPSError(400, "InvalidAuthenticationRequest", f"No {kind} login method is configured")
            return candidates[0]["id"]
        found = next((m for m in methods if m["id"] == wanted), None)
        if found is None:
            raise SPSError(400, "InvalidAuthenticationRequest", f"Unknown login method: {wanted}")
        if found.get("type") != kind:
            raise SPSError(400, "InvalidAuthenticationRequest", f"Login method {wanted} does not accept {kind} authentication")
        return wanted

    def _password_user(self, request: Request) -> str:
        scheme, _sep, encoded = (request.header("Authorization") or "").partition(" ")
        if scheme != "Basic" or not encoded:
            raise SPSError(400, "InvalidAuthenticationRequest", "Unable to authenticate: no valid credentials found.")
        try:
            # VERIFIED: credentials are UTF-8.
            username, sep, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, ValueError) as exc:
            raise SPSError(400, "InvalidAuthenticationRequest", "Unable to authenticate: no valid credentials found.") from exc
        if not sep:
            raise SPSError(400, "InvalidAuthenticationRequest", "Unable to authenticate: no valid credentials found.")
        secret = self.sim.settings["users"].get(username)
        if secret is None or not hmac.compare_digest(secret.encode("utf-8"), password.encode("utf-8")):
            raise SPSError(401, "AuthenticationFailure", "Authenticating the user with the given credentials has failed.")
        return username

    def _certificate_user(self, request: Request) -> str:
        name = request.peer_common_name()
        if name is None:
            raise SPSError(400, "InvalidAuthenticationRequest", "Unable to authenticate: no client certificate was presented.")
        username = self.sim.settings["certificate_users"].get(name)
        if username is None:
            raise SPSError(401, "AuthenticationFailure", f"The certificate of {name} is not mapped to a user.")
        return username

    def login_wrong_method(self, request: Request) -> Reply:
        self.sim.counters.add("login_failures")
        return SPSError(405, "MethodNotAllowed", "Use the GET method for authentication.").reply(request.path)

    @_api
    def logout(self, request: Request, caller: Caller) -> Reply:
        # INFERRED: no documented logout; optional here, and a client must tolerate 404/405.
        if not self.sim.settings["logout_supported"] or caller.session is None:
            return SPSError(405, "MethodNotAllowed", "Logout is not supported.").reply(request.path)
        with self._lock:
            if self._transaction is not None and self._transaction["owner"] == caller.owner:
                self._transaction = None  # INFERRED: ending the session cancels its transaction
        self.sim.tokens.revoke(caller.session.value)
        self.sim.counters.add("logouts")
        return self._reply(200, {"meta": {"href": "/api/authentication", "parent": "/api"}})

    def caller(self, request: Request) -> Caller:
        """The session of the ``session_id`` cookie (it wins, VERIFIED quirk 3), else ``Authorization: apikey``."""
        session_id = _cookie(request.header("Cookie") or "", "session_id")
        if session_id:
            session = self.sim.tokens.lookup(session_id)
            if session is None:
                raise SPSError(401, "AuthenticationFailure", "Authentication required: the session expired or is invalid.")
            session.expires_at = time.time() + self.sim.settings["token_lifetime"]  # sliding idle timeout (VERIFIED)
            return Caller(session.subject, session.data.get("login_method", "local"), session=session)
        scheme, _sep, value = (request.header("Authorization") or "").partition(" ")
        if scheme.lower() == "apikey" and value:
            digest = _digest(value.strip())
            with self._lock:
                for key_id, item in self._api_keys.items():
                    if hmac.compare_digest(item["digest"], digest):
                        return Caller(item["username"], item["login_method"], key_id=key_id)
            raise SPSError(401, "AuthenticationFailure", "The API key is not valid.")
        raise SPSError(401, "AuthenticationFailure", "Authentication required: log in at /api/authentication.")

    def _check_browser(self, request: Request) -> None:
        # VERIFIED behaviour (SPS 7.5+); the 403 status and type are INFERRED.
        if BROWSER_MARK in (request.header("User-Agent") or "") and not request.header("X-Token"):
            raise SPSError(403, "XTokenRequired", "Browser-like clients must send the X-Token header on writes.")

    def login_methods(self, _request: Request) -> Reply:
        return self._reply(200, {"login_methods": copy.deepcopy(self.sim.settings["login_methods"]),
                                 "meta": {"href": "/api/authentication/login_methods", "parent": "/api/authentication"}})

    @_api
    def info(self, _request: Request, _caller: Caller) -> Reply:
        return self._reply(200, {"key": "info", "body": {"firmware_version": "7.5.0", "version": "7.5.0-sim"},
                                 "meta": {"href": "/api/info", "parent": "/api"}})

    @_api
    def health_status(self, _request: Request, _caller: Caller) -> Reply:
        return self._reply(200, {"health_status": copy.deepcopy(SEED_HEALTH), "meta": {"href": "/api/health_status", "parent": "/api"}})

    @_api
    def audit_sessions(self, request: Request, _caller: Caller) -> Reply:
        """The session search (DOC-audit): q, start/end (sessions active in the window), fields, sort, limit/offset, meta.next."""
        query = request.query
        try:
            start, end = (_moment(query[name]) if query.get(name) else None for name in ("start", "end"))
            limit, offset = int(query.get("limit") or 500), int(query.get("offset") or 0)
        except ValueError as exc:
            raise SPSError(400, "InvalidRequest", f"Invalid search parameter: {exc}") from exc
        if limit < 1 or offset < 0:
            raise SPSError(400, "InvalidRequest", "limit must be positive and offset not negative.")
        terms = [term for term in (query.get("q") or "").split() if term != "AND"]  # CHOICE: terms are AND-ed
        found = [item for item in SEED_AUDIT_SESSIONS if _in_window(item, start, end) and all(_matches(item, term) for term in terms)]
        sort = query.get("sort")
        if sort:
            field = sort.lstrip("-+")
            found.sort(key=lambda item: (_dotted(item, field) is None, _dotted(item, field) or 0), reverse=sort.startswith("-"))
        fields = [field for field in (query.get("fields") or "").split(",") if field]
        size = min(limit, self.sim.settings["audit_page_cap"])  # INFERRED: a server may cap a page
        items = []
        for item in found[offset:offset + size]:
            entry = {"key": item["key"], "meta": {"href": f"/api/audit/sessions/{item['key']}"}}
            if fields:
                entry["body"] = _select(item, fields)
            items.append(entry)

        def page(at: int | None) -> str | None:
            if at is None:
                return None
            rest = "&".join(f"{name}={value}" for name, value in sorted(query.items()) if name not in ("offset", "limit"))
            return f"/api/audit/sessions?limit={size}&offset={at}" + (f"&{rest}" if rest else "")

        following = offset + size if offset + size < len(found) else None
        meta = {"href": "/api/audit/sessions", "parent": "/api/audit", "fields": fields, "limit": size, "offset": offset,
                "match_count": len(found), "first": page(0), "last": page(max(0, (len(found) - 1) // size * size)),
                "next": page(following), "previous": page(max(0, offset - size)) if offset else None}
        return self._reply(200, {"items": items, "meta": meta})

    # ---- API keys (self-service paths and shapes: interface.md §6 choices) --------------------------------

    @_api
    def own_keys(self, _request: Request, caller: Caller) -> Reply:
        with self._lock:
            items = [{"key": key, "body": {"name": item["name"]}, "meta": {"href": f"/api/user/api_keys/{key}"}}
                     for key, item in self._api_keys.items()
                     if item["username"] == caller.username and item["login_method"] == caller.login_method]
        return self._reply(200, {"items": items, "meta": {"href": "/api/user/api_keys", "parent": "/api/user"}})

    @_api
    def create_own_key(self, request: Request, caller: Caller) -> Reply:
        body = _json_object(request)
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SPSError(400, "InvalidRequest", "The API key needs a non-empty name.")
        if caller.username == "admin" and caller.login_method == "local":
            raise SPSError(403, "Forbidden", "The local admin user is not allowed to have an API key.")  # VERIFIED rule
        method = next((m for m in self.sim.settings["login_methods"] if m["id"] == caller.login_method), {})
        if not method.get("api_key_access"):
            raise SPSError(403, "Forbidden", f"API key access is not enabled for the login method {caller.login_method}.")
        token = base64.b64encode(secrets.token_bytes(32)).decode("ascii")  # VERIFIED: random base64 data
        key = str(uuid.uuid4())  # the docs' example keys are UUIDs
        with self._lock:
            self._api_keys[key] = {"username": caller.username, "login_method": caller.login_method,
                                   "name": name, "digest": _digest(token)}
        return self._reply(201, {"key": key, "body": {"name": name, "token": token},
                                 "meta": {"href": f"/api/user/api_keys/{key}", "parent": "/api/user/api_keys"}})

    @_api
    def delete_own_key(self, request: Request, caller: Caller, key: str) -> Reply:
        with self._lock:
            item = self._api_keys.get(key)
            if item is None or item["username"] != caller.username or item["login_method"] != caller.login_method:
                raise SPSError(404, "NotFound", f"No API key {key}")
            del self._api_keys[key]
        return self._reply(200, {"meta": {"href": request.path, "parent": "/api/user/api_keys"}})

    # ---- transactions ----------------------------------------------------------------------------------

    def _drop_orphaned_transaction(self) -> None:
        """A transaction whose session ended is cancelled (VERIFIED intent: SPS cancels the transaction when the
        session is terminated; the exact moment is INFERRED)."""
        with self._lock:
            if self._transaction is not None and self.sim.tokens.lookup(self._transaction["owner"]) is None:
                self._transaction = None

    def _transaction_body(self, caller: Caller) -> dict[str, Any]:
        self._drop_orphaned_transaction()
        with self._lock:
            mine = self._transaction is not None and self._transaction["owner"] == caller.owner
            changes = bool(mine and self._transaction["changes"])
            require = self._committed["singletons"].get("management/accounting", {}).get("require_commitlog")
        meta = {"href": "/api/transaction", "parent": "/api", "remaining_seconds": TRANSACTION_SECONDS if mine else 0,
                "changes": "/api/transaction/changes" if changes else None}
        return {"key": "transaction", "body": {"status": "open" if mine else "closed",
                                               "commit_message": "required" if require else "optional"}, "meta": meta}

    @_api
    def transaction_status(self, _request: Request, caller: Caller) -> Reply:
        return self._reply(200, self._transaction_body(caller))

    @_api
    def transaction_open(self, _request: Request, caller: Caller) -> Reply:
        self._open(caller)
        return self._reply(200, self._transaction_body(caller))

    def _open(self, caller: Caller) -> dict[str, Any]:
        if caller.session is None:
            raise SPSError(403, "Forbidden", "Transactions cannot be opened or committed with an API key.")  # SEED-ONLY
        self._drop_orphaned_transaction()
        with self._lock:
            holder = self.sim.settings["lock_holder"]
            if holder:
                raise SPSError(409, "ConfigurationLocked", f"The configuration is locked by {holder}.",
                               {"locked_by": holder})
            if self._transaction is not None and self._transaction["owner"] != caller.owner:
                other = self._transaction["owner_name"]
                raise SPSError(409, "ConfigurationLocked", f"The configuration is locked by another session of {other}.",
                               {"locked_by": other})
            if self._transaction is None:
                self._transaction = {"owner": caller.owner, "owner_name": caller.username,
                                     "working": copy.deepcopy(self._committed), "changes": [], "api_keys": []}
            return self._transaction

    @_api
    def transaction_close(self, request: Request, caller: Caller) -> Reply:
        body = _json_object(request)
        if body.get("status") != "commit":
            raise SPSError(400, "InvalidRequest", 'Send {"status": "commit"} to commit the transaction.')
        if caller.session is None:
            raise SPSError(403, "Forbidden", "Transactions cannot be opened or committed with an API key.")
        with self._lock:
            transaction = self._transaction
            if transaction is None or transaction["owner"] != caller.owner:
                return self._reply(200, self._transaction_body(caller))  # INFERRED: nothing open, nothing to do
            if self._transaction_body(caller)["body"]["commit_message"] == "required" and not body.get("commit_message"):
                raise SPSError(400, "CommitMessageRequired", "A commit message is required.")
            if self.sim.settings["fail_commits"] > 0:
                self.sim.settings["fail_commits"] -= 1
                # INFERRED type/details; the transaction stays open (sps.md 3.4).
                raise SPSError(400, "SemanticError", "Configuration is invalid",
                               {"errors": [{"path": change["path"], "message": "rejected by the simulator"}
                                           for change in transaction["changes"]]})
            self._committed = transaction["working"]
            for key in transaction["api_keys"]:
                self._api_keys.pop(key, None)
            self._transaction = None
            if self.sim.settings["fail_reads_after_commit"] > 0:
                self._failing_reads, self.sim.settings["fail_reads_after_commit"] = self.sim.settings["fail_reads_after_commit"], 0
        return self._reply(200, self._transaction_body(caller))

    @_api
    def transaction_cancel(self, _request: Request, caller: Caller) -> Reply:
        with self._lock:
            if self._transaction is not None and self._transaction["owner"] == caller.owner:
                self._transaction = None
        return self._reply(200, self._transaction_body(caller))

    @_api
    def transaction_changes(self, _request: Request, caller: Caller) -> Reply:
        with self._lock:
            mine = self._transaction is not None and self._transaction["owner"] == caller.owner
            changes = copy.deepcopy(self._transaction["changes"]) if mine else []
        return self._reply(200, {"changes": changes, "meta": {"href": "/api/transaction/changes", "parent": "/api/transaction"}})

    # ---- configuration --------------------------------------------------------------------------------

    def _view(self, caller: Caller) -> dict[str, Any]:
        """The configuration this caller sees: its own transaction's working copy, else the committed one."""
        if self._transaction is not None and self._transaction["owner"] == caller.owner:
            return self._transaction["working"]
        return self._committed

    @_api
    def config_get(self, request: Request, caller: Caller, **parts: str) -> Reply:
        path = _config_path(parts)
        with self._lock:
            if self._failing_reads > 0:
                self._failing_reads -= 1
                raise SPSError(500, "InternalError", "The configuration could not be read.")
            view = self._view(caller)
            parent, _sep, key = path.rpartition("/")
            if path in WRITE_ONLY:
                raise SPSError(405, "MethodNotAllowed", "The GET method is not permitted on this endpoint.")
            if parent in WRITE_ONLY and key in view["lists"][parent]:
                return self._reply(200, _object(path, key, {}))  # never the secret
            if path == "":
                areas = sorted({p.split("/")[0] for p in list(view["singletons"]) + list(view["lists"])} | {"aaa"})
                items = [{"key": area, "meta": {"href": f"{CONFIG}/{area}"}} for area in areas]
                return self._reply(200, {"items": items, "meta": {"href": CONFIG, "parent": "/api"}})
            if path == API_KEYS_ADMIN:
                return self._reply(200, self._admin_key_list(caller))
            if path.startswith(API_KEYS_ADMIN + "/"):
                key = path[len(API_KEYS_ADMIN) + 1:]
                item = self._api_keys.get(key)
                if item is None:
                    raise SPSError(404, "NotFound", f"No API key {key}")
                return self._reply(200, _object(f"{API_KEYS_ADMIN}/{key}", key, _key_body(item)))
            if path in view["singletons"]:
                return self._reply(200, _object(path, path.rsplit("/", 1)[-1], view["singletons"][path]))
            if path in view["lists"]:
                items = [{"key": key, "meta": {"href": f"{CONFIG}/{path}/{key}"}} for key in view["lists"][path]]
                meta = {"href": f"{CONFIG}/{path}", "parent": _parent(path), "transaction": "/api/transaction"}
                if "limit" in request.query:
                    # INFERRED paging: offset/limit slices the list and meta.next names the following page.
                    offset, limit = int(request.query.get("offset") or 0), int(request.query["limit"])
                    if offset + limit < len(items):
                        meta["next"] = f"{CONFIG}/{path}?offset={offset + limit}&limit={limit}"
                    items = items[offset:offset + limit]
                return self._reply(200, {"items": items, "meta": meta})
            if parent in view["lists"] and key in view["lists"][parent]:
                return self._reply(200, _object(path, key, view["lists"][parent][key]))
        raise SPSError(404, "NotFound", f"No such configuration object: {CONFIG}/{path}")

    def _admin_key_list(self, caller: Caller) -> dict[str, Any]:
        pending = self._transaction["api_keys"] if self._view(caller) is not self._committed else []
        items = [{"key": key, "body": _key_body(item), "meta": {"href": f"{CONFIG}/{API_KEYS_ADMIN}/{key}"}}
                 for key, item in self._api_keys.items() if key not in pending]
        return {"items": items, "meta": {"href": f"{CONFIG}/{API_KEYS_ADMIN}", "parent": f"{CONFIG}/aaa/local_database",
                                         "transaction": "/api/transaction"}}

    @_api
    def config_put(self, request: Request, caller: Caller, **parts: str) -> Reply:
        path = _config_path(parts)
        _refuse_write_only(path)
        body = _json_object(request)
        with self._lock:
            transaction = self._open(caller)  # VERIFIED: newer SPS opens a transaction on the first change
            view = transaction["working"]
            parent, _sep, key = path.rpartition("/")
            if path in view["singletons"]:
                old, view["singletons"][path] = view["singletons"][path], body
            elif parent in view["lists"] and key in view["lists"][parent]:
                old, view["lists"][parent][key] = view["lists"][parent][key], body
            else:
                raise SPSError(404, "NotFound", f"No such configuration object: {CONFIG}/{path}")
            transaction["changes"].append({"type": "replace", "path": f"{CONFIG}/{path}", "old_value": old, "new_value": body})
        return self._reply(200, {"key": key, "meta": {"href": f"{CONFIG}/{path}", "parent": _parent(path),
                                                      "transaction": "/api/transaction"}})

    @_api
    def config_post(self, request: Request, caller: Caller, **parts: str) -> Reply:
        path = _config_path(parts)
        body = _json_object(request)
        with self._lock:
            transaction = self._open(caller)
            view = transaction["working"]
            if path not in view["lists"]:
                raise SPSError(405 if path in view["singletons"] else 404,
                               "MethodNotAllowed" if path in view["singletons"] else "NotFound",
                               f"Cannot create objects at {CONFIG}/{path}")
            key = _new_key()
            view["lists"][path][key] = body
            transaction["changes"].append({"type": "create", "path": f"{CONFIG}/{path}/{key}", "new_value": body})
        return self._reply(201, {"key": key, "meta": {"href": f"{CONFIG}/{path}/{key}", "parent": f"{CONFIG}/{path}",
                                                      "transaction": "/api/transaction"}})

    @_api
    def config_delete(self, _request: Request, caller: Caller, **parts: str) -> Reply:
        path = _config_path(parts)
        _refuse_write_only(path)
        parent, _sep, key = path.rpartition("/")
        with self._lock:
            transaction = self._open(caller)
            if parent == API_KEYS_ADMIN:
                # SEED-ONLY: removing a key takes effect when the transaction is committed.
                if key not in self._api_keys or key in transaction["api_keys"]:
                    raise SPSError(404, "NotFound", f"No API key {key}")
                transaction["api_keys"].append(key)
                transaction["changes"].append({"type": "delete", "path": f"{CONFIG}/{path}",
                                               "old_value": _key_body(self._api_keys[key])})
                return self._reply(200, {"meta": {"href": f"{CONFIG}/{parent}", "parent": _parent(parent)}})
            view = transaction["working"]
            if parent not in view["lists"] or key not in view["lists"][parent]:
                raise SPSError(404, "NotFound", f"No such configuration object: {CONFIG}/{path}")
            old = view["lists"][parent].pop(key)
            transaction["changes"].append({"type": "delete", "path": f"{CONFIG}/{path}", "old_value": old})
        return self._reply(200, {"meta": {"href": f"{CONFIG}/{parent}", "parent": _parent(parent)}})


# ---- helpers ------------------------------------------------------------------------------------------------


def _config_path(parts: dict[str, str]) -> str:
    return "/".join(parts[f"p{index}"] for index in range(len(parts)))


def _moment(text: str) -> float:
    """Epoch seconds, or ISO 8601 (naive: UTC)."""
    try:
        return float(text)
    except ValueError:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return (moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)).timestamp()


def _in_window(item: dict[str, Any], start: float | None, end: float | None) -> bool:
    """CHOICE (interface.md §12): a session belongs to the window when it was active at some moment in it."""
    if end is not None and item["start_time"] > end:
        return False
    return start is None or item["end_time"] is None or item["end_time"] >= start


def _dotted(item: dict[str, Any], path: str) -> Any:
    value: Any = item
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _matches(item: dict[str, Any], term: str) -> bool:
    field, sep, wanted = term.partition(":")
    if sep:
        return str(_dotted(item, field)).lower() == wanted.lower()
    return any(term.lower() in str(value).lower() for value in _leaves(item))


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    return [value]


def _select(item: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """The requested fields only, nested as in the full session (``user.name`` → ``{"user": {"name": ...}}``)."""
    body: dict[str, Any] = {}
    for field in fields:
        parent, _sep, last = field.rpartition(".")
        container = _dotted(item, parent) if parent else item
        if not isinstance(container, dict) or last not in container:
            continue  # a field the session does not have is left out
        value = container[last]
        holder = body
        parts = field.split(".")
        for part in parts[:-1]:
            holder = holder.setdefault(part, {})
        holder[parts[-1]] = copy.deepcopy(value)
    return body


def _refuse_write_only(path: str) -> None:
    if path.rpartition("/")[0] in WRITE_ONLY or path in WRITE_ONLY:
        raise SPSError(405, "MethodNotAllowed", "Password and private key objects cannot be changed or deleted.")


def _parent(path: str) -> str:
    parent = path.rpartition("/")[0]
    return f"{CONFIG}/{parent}" if parent else CONFIG


def _object(path: str, key: str, body: dict[str, Any]) -> dict[str, Any]:
    href = f"{CONFIG}/{path}"
    return {"key": key, "body": copy.deepcopy(body),
            "meta": {"href": href, "parent": _parent(path), "first": href, "last": href, "transaction": "/api/transaction"}}


def _key_body(item: dict[str, Any]) -> dict[str, Any]:
    return {"login_method": item["login_method"], "name": item["name"], "username": item["username"]}


def _new_key() -> str:
    return secrets.token_hex(12)[:23]  # opaque keys like the docs' 103640099357f3b14f0529a


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()  # keys are kept hashed, never in clear (VERIFIED intent)


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            return value
    return None


def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = request.json()
    except ValueError as exc:
        raise SPSError(400, "InvalidRequest", f"The request body is not JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise SPSError(400, "InvalidRequest", "The request body must be a JSON object.")
    return body
