# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Xton Access Manager (XTAM) REST API simulator, with its federated sign-in (CAS) on the same origin.

Follows Xton's public examples and the choices marked in plugins/module_utils/_xtam/protocol.py.
The application lives under ``/xtam`` and CAS under ``/cas``, as on a default XTAM Tomcat. Where the reference
marks a detail INFERRED, or is silent, the choice made here says so in a comment.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hmac
import itertools
import json
import secrets
import threading
import time
from typing import Any, Callable
from urllib.parse import quote, urlsplit

from ._base import Reply, Request, Simulator, Token, Vendor, json_reply, reason

APP = "/xtam"
CAS = "/cas"
DEMO_USER = "demo"
SEED_USERS = {DEMO_USER: "Demo-Passw0rd!", "auditor": "Audit-Passw0rd!"}
DEMO_API_TOKEN = "xtam-demo-api-token-7Jq2"
# API tokens: value → owner, enabled, expires_at (POSIX time or None). VERIFIED that tokens can be disabled and expire.
SEED_API_TOKENS = {
    DEMO_API_TOKEN: {"user": DEMO_USER, "enabled": True, "expires_at": None},
    "xtam-disabled-token": {"user": DEMO_USER, "enabled": False, "expires_at": None},
    "xtam-expired-token": {"user": DEMO_USER, "enabled": True, "expires_at": 1000000000},
}
TICKET_LIFETIME = 10  # seconds; service tickets are short-lived and single-use (VERIFIED); the value is INFERRED
SESSION_COOKIE = "JSESSIONID"
XSRF_COOKIE = "XSRF-TOKEN"
XSRF_HEADER = "X-XSRF-TOKEN"
MODIFYING = frozenset({"POST", "PUT", "DELETE", "PATCH"})
ROOT_FOLDER = "i-Root0000001"
SEED_FOLDERS = [
    {"id": ROOT_FOLDER, "name": "Root", "description": "", "parent": None},
    {"id": "i-2Zh30SUCq7c", "name": "Servers", "description": "Unix hosts", "parent": ROOT_FOLDER},
    {"id": "i-3Apps000001", "name": "Applications", "description": "", "parent": ROOT_FOLDER},
]
SEED_RECORD_TYPES = [  # ids from the Xton example (VERIFIED form); names from the reference; the list path and "fields" are a CHOICE
    {"id": "i-83XfwpNvCHy", "name": "Unix Host", "fields": [{"name": "Host"}, {"name": "Port"}, {"name": "User"}, {"name": "Password"}]},
    {"id": "i-4SecretType", "name": "Secret", "fields": [{"name": "Secret"}]},
    {"id": "i-5CertType01", "name": "Certificate", "fields": [{"name": "Certificate"}, {"name": "Private Key"}]},
]
SEED_RECORDS = [
    {"id": "i-2qhyGh2UB0V", "name": "db01 root", "description": "Database server", "folder": "i-2Zh30SUCq7c",
     "type": "i-83XfwpNvCHy", "custom": {"Host": "db01.example.com", "Port": "22", "User": "root", "Password": "s3cr3t-db01"}},
    {"id": "i-3AbCdEf0001", "name": "api-key", "description": "", "folder": "i-3Apps000001",
     "type": "i-4SecretType", "custom": {"Secret": "k3y-Of-The-Api"}},
]
SEED_USER_INFO = {  # the user JSON: firstName/lastName VERIFIED, the rest INFERRED
    DEMO_USER: {"firstName": "Demo", "lastName": "User", "email": "demo.user@example.com"},
    "auditor": {"firstName": "Audrey", "lastName": "Auditor", "email": "auditor@example.com"},
}


class XtamError(Exception):
    """A Spring-Boot-style error answer (INFERRED shape: timestamp, status, error, message, path)."""

    def __init__(self, status: int, message: str, headers: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _app_call(modifying_checked: bool = True) -> Callable[[Callable[..., Reply]], Callable[..., Reply]]:
    """Require a session (or Basic), enforce XSRF on modifying calls, and answer XtamError in the Spring style."""

    def decorate(handler: Callable[..., Reply]) -> Callable[..., Reply]:
        @functools.wraps(handler)
        def wrapper(self: Xtam, request: Request, **params: str) -> Reply:
            try:
                session, new_cookies = self.authenticate(request)
                if modifying_checked and request.method in MODIFYING:
                    self.check_xsrf(request, session, by_basic=bool(new_cookies))
                status, headers, body = handler(self, request, session, **params)
            except XtamError as error:
                return self._error_reply(error, request)
            if request.method in MODIFYING and status < 400:
                self._count_write(request)
            if new_cookies:
                headers = dict(headers)
                headers["Set-Cookie"] = new_cookies + list(headers.get("Set-Cookie", []))
            return status, headers, body

        return wrapper

    return decorate


class Xtam(Vendor):
    """XTAM: Basic or CAS sign-in, JSESSIONID + XSRF-TOKEN cookies, folders and records with a JSON-string custom."""

    name = "xtam"
    env_prefix = "XTAM"
    demo_user = DEMO_USER
    DEFAULT_SETTINGS = {"users": dict(SEED_USERS), "api_tokens": json.loads(json.dumps(SEED_API_TOKENS)),
                        "federated_only": False, "xsrf_protection": True, "xsrf_cookie": True}
    secret_headers = frozenset({"token", XSRF_HEADER.lower()})

    def __init__(self, simulator: Simulator) -> None:
        super().__init__(simulator)
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._tickets: dict[str, tuple[str, str, float]] = {}  # ST → (user, service, expires_at)
        self._tgts: dict[str, str] = {}  # TGT → user
        self._folders: dict[str, dict[str, Any]] = {}
        self._records: dict[str, dict[str, Any]] = {}
        self._xsrf_refused = 0
        self._tickets_refused = 0
        self._xsrf_sessions: dict[str, str] = {}  # XSRF token → the session it was issued with
        self._writes: dict[str, int] = {}  # "METHOD path" → modifying calls processed (not refused)

    # ---- Vendor hooks -------------------------------------------------------------------------------

    def routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        rest = APP + "/rest"
        return [
            ("GET", APP, self.app_root),
            ("POST", APP + "/logout", self.logout),
            ("GET", rest + "/user/whoami", self.whoami),
            ("GET", rest + "/folder/root", self.folder_root),
            ("GET", rest + "/folder/list/{folder_id}", self.folder_list),
            ("POST", rest + "/folder/create/{parent_id}", self.folder_create),
            ("GET", rest + "/folder/get/{folder_id}", self.folder_get),
            ("POST", rest + "/folder/update/{folder_id}", self.folder_update),
            ("DELETE", rest + "/folder/delete/{folder_id}", self.folder_delete),
            ("GET", rest + "/recordType/list", self.record_types),
            ("GET", rest + "/record/get/{record_id}", self.record_get),
            ("GET", rest + "/record/unlock/{record_id}", self.record_unlock),
            ("POST", rest + "/record/new/{folder_id}/{type_id}", self.record_new),
            ("POST", rest + "/record/update/{record_id}", self.record_update),
            ("DELETE", rest + "/record/delete/{record_id}", self.record_delete),
            ("GET", CAS + "/login", self.cas_login),
            ("POST", CAS + "/v1/tickets", self.cas_tgt),
            ("POST", CAS + "/v1/tickets/{tgt}", self.cas_st),
        ]

    def error(self, status: int, message: str) -> Reply:
        return json_reply(status, _spring_error(status, message, ""))

    def reset_state(self) -> None:
        with self._lock:
            self._tickets = {}
            self._tgts = {}
            self._xsrf_refused = 0
            self._tickets_refused = 0
            self._xsrf_sessions = {}
            self._writes = {}
            self._folders = {folder["id"]: dict(folder) for folder in SEED_FOLDERS}
            self._records = {}
            for record in SEED_RECORDS:
                self._records[record["id"]] = {
                    "id": record["id"], "name": record["name"], "description": record["description"],
                    "folder": record["folder"], "recordType": self._record_type(record["type"]),
                    "custom": json.dumps(record["custom"]),  # stored and returned as a JSON string (VERIFIED)
                }

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {"folders": json.loads(json.dumps(self._folders)), "records": json.loads(json.dumps(self._records)),
                    "xsrf_refused": self._xsrf_refused, "tickets_refused": self._tickets_refused, "writes": dict(self._writes)}

    def controls(self) -> dict[tuple[str, str], Callable[[dict[str, Any]], dict[str, Any]]]:
        return {("POST", "expire-xsrf"): self._expire_xsrf}

    def _expire_xsrf(self, payload: dict[str, Any]) -> dict[str, Any]:  # pylint: disable=unused-argument
        """Make the XSRF token of every live session stale (Xton's FAQ: the tokens are "relatively short lived")."""
        with self._lock:
            sessions = [self.sim.tokens.lookup(value) for value in self._xsrf_sessions.values()]
            self._xsrf_sessions = {}
        stale = [session for session in sessions if session is not None and session.data.get("xsrf")]
        for session in stale:
            session.data["xsrf"] = None
        return {"expired": len(stale)}

    def _count_write(self, request: Request) -> None:
        key = f"{request.method} {request.path}"
        with self._lock:
            self._writes[key] = self._writes.get(key, 0) + 1

    def check_setting(self, key: str, value: Any) -> Any:
        if key == "users":
            if not isinstance(value, dict) or not value or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise ValueError("'users' must be a non-empty object mapping user names to passwords")
            return dict(value)
        if key == "api_tokens":
            if not isinstance(value, dict) or not all(
                    isinstance(item, dict) and isinstance(item.get("user"), str) for item in value.values()):
                raise ValueError("'api_tokens' must map token values to objects with a 'user'")
            return {name: {"user": item["user"], "enabled": bool(item.get("enabled", True)),
                           "expires_at": item.get("expires_at")} for name, item in value.items()}
        if key in ("federated_only", "xsrf_protection", "xsrf_cookie"):
            if not isinstance(value, bool):
                raise ValueError(f"'{key}' must be true or false")
            return value
        return super().check_setting(key, value)

    def extra_env(self) -> dict[str, str]:
        # The application path is part of the XTAM url (VERIFIED); CAS sits beside it at /cas.
        return {"XTAM_URL": self.sim.url + APP, "XTAM_API_TOKEN": DEMO_API_TOKEN}

    # ---- sessions, Basic and XSRF ---------------------------------------------------------------------

    def _new_session(self, user: str) -> tuple[Token, list[str]]:
        session = self.sim.tokens.issue(user, self.sim.settings["token_lifetime"])
        self._new_xsrf(session)
        self.sim.counters.add("logins")
        return session, [f"{SESSION_COOKIE}={session.value}; Path={APP}; Secure; HttpOnly"]

    def _new_xsrf(self, session: Token) -> str:
        session.data["xsrf"] = secrets.token_hex(16)
        with self._lock:
            self._xsrf_sessions[session.data["xsrf"]] = session.value
        return session.data["xsrf"]

    def authenticate(self, request: Request) -> tuple[Token, list[str]]:
        """The session of the request: its JSESSIONID cookie, else HTTP Basic (which opens a session)."""
        cookies = _cookies(request)
        session = self.sim.tokens.lookup(cookies.get(SESSION_COOKIE, ""))
        if session is not None:
            return session, []
        user = self._basic_user(request)
        if user is not None:
            return self._new_session(user)
        if request.header("Authorization", "").startswith("Basic "):
            self.sim.counters.add("login_failures")
        if self.sim.settings["federated_only"]:
            # INFERRED: when only federated sign-in is allowed, an unauthenticated (or expired) call is sent to the
            # CAS login page; otherwise it gets 401.
            service = quote(self.sim.url + APP + "/", safe="")
            raise XtamError(302, "Authentication required", {"Location": f"{self.sim.url}{CAS}/login?service={service}"})
        raise XtamError(401, "Full authentication is required to access this resource",
                        {"WWW-Authenticate": 'Basic realm="XTAM"'})

    def _basic_user(self, request: Request) -> str | None:
        header = request.header("Authorization", "")
        if not header.startswith("Basic ") or self.sim.settings["federated_only"]:
            return None
        try:
            username, _sep, password = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        secret = self.sim.settings["users"].get(username)
        return username if secret is not None and hmac.compare_digest(secret.encode(), password.encode()) else None

    def check_xsrf(self, request: Request, session: Token, by_basic: bool = False) -> None:
        """XSRF on a modifying call; 403 when it fails.

        The header is required. The XSRF cookie is not: Xton's own examples send the header alone with Basic
        on each call, and XTAM accepts that. When the cookie is sent it must equal the header (INFERRED, Spring
        CookieCsrfTokenRepository). The header must be the token of the request's session, or, for a Basic request
        without a session cookie (``by_basic``), of a live session of the same user (INFERRED).
        With the ``xsrf_protection`` setting off (Xton's FAQ speaks of the protection being "enabled"), nothing is checked.
        """
        if not self.sim.settings["xsrf_protection"]:
            return
        header = request.header(XSRF_HEADER) or ""
        cookie = _cookies(request).get(XSRF_COOKIE)
        if by_basic:
            with self._lock:
                owner = self.sim.tokens.lookup(self._xsrf_sessions.get(header, ""))
            expected = header if owner is not None and owner.subject == session.subject else ""
        else:
            expected = session.data.get("xsrf") or ""  # None once stale (expire-xsrf)
        if not (header and expected and hmac.compare_digest(header, expected) and (cookie is None or hmac.compare_digest(header, cookie))):
            with self._lock:
                self._xsrf_refused += 1
            raise XtamError(403, "Invalid CSRF Token 'null' was found on the request parameter '_csrf' or header 'X-XSRF-TOKEN'."
                            if not header else "Invalid CSRF Token was found on the request header 'X-XSRF-TOKEN'.")

    def _error_reply(self, error: XtamError, request: Request) -> Reply:
        if 300 <= error.status < 400:
            return error.status, dict(error.headers), None
        return json_reply(error.status, _spring_error(error.status, error.message, request.path), error.headers)

    # ---- the application root: service tickets and logout ---------------------------------------------

    def app_root(self, request: Request) -> Reply:
        """``GET /xtam/?ticket=ST-...``: validate the single-use ticket and open a session (VERIFIED flow)."""
        ticket = request.query.get("ticket")
        if ticket is None:
            return 200, {"Content-Type": "text/html"}, "<html><title>XTAM</title></html>"
        with self._lock:
            entry = self._tickets.pop(ticket, None)
        if entry is None or entry[2] < time.time() or entry[1] != self.sim.url + APP + "/":
            with self._lock:
                self._tickets_refused += 1
            self.sim.counters.add("login_failures")
            # INFERRED: the CAS client filter answers an invalid ticket with 401.
            return json_reply(401, _spring_error(401, f"Ticket '{ticket}' not recognized", request.path))
        _session, cookies = self._new_session(entry[0])
        # INFERRED: after validation XTAM redirects to the app root without the ticket.
        return 302, {"Location": self.sim.url + APP + "/", "Set-Cookie": cookies}, None

    def logout(self, request: Request) -> Reply:
        """``POST /xtam/logout`` (INFERRED, Spring default): end the session, XSRF required, redirect to CAS logout."""
        session = self.sim.tokens.lookup(_cookies(request).get(SESSION_COOKIE, ""))
        if session is None:
            return json_reply(401, _spring_error(401, "No session", request.path))
        try:
            self.check_xsrf(request, session)
        except XtamError as error:
            return self._error_reply(error, request)
        self.sim.tokens.revoke(session.value)
        self.sim.counters.add("logouts")
        return 302, {"Location": self.sim.url + CAS + "/logout",
                     "Set-Cookie": [f"{SESSION_COOKIE}=; Path={APP}; Max-Age=0", f"{XSRF_COOKIE}=; Path={APP}; Max-Age=0"]}, None

    # ---- CAS -------------------------------------------------------------------------------------------

    def cas_login(self, request: Request) -> Reply:
        """``GET /cas/login?service=...`` with a ``token`` header → 302 to the service with a ticket (seed flow)."""
        service = request.query.get("service", "")
        value = request.header("token")
        if value is None:
            return 200, {"Content-Type": "text/html"}, "<html><title>CAS - Central Authentication Service</title></html>"
        api_token = self.sim.settings["api_tokens"].get(value)
        now = time.time()
        if api_token is None or not api_token["enabled"] or (api_token["expires_at"] is not None and api_token["expires_at"] <= now):
            self.sim.counters.add("login_failures")
            return json_reply(401, _spring_error(401, "Authentication token is invalid, disabled or expired", request.path))
        if not service:
            return json_reply(400, _spring_error(400, "service is required", request.path))
        ticket = self._issue_ticket(api_token["user"], service)
        return 302, {"Location": f"{service}{'&' if '?' in service else '?'}ticket={ticket}"}, None

    def _issue_ticket(self, user: str, service: str) -> str:
        ticket = f"ST-{next(self._ids)}-{secrets.token_urlsafe(20)}"
        with self._lock:
            self._tickets[ticket] = (user, service, time.time() + TICKET_LIFETIME)
        return ticket

    def cas_tgt(self, request: Request) -> Reply:
        """CAS REST: ``POST /cas/v1/tickets`` username/password → 201 + Location of the TGT (VERIFIED)."""
        form = request.form()
        secret = self.sim.settings["users"].get(form.get("username", ""))
        if secret is None or not hmac.compare_digest(secret.encode(), form.get("password", "").encode()):
            self.sim.counters.add("login_failures")
            return json_reply(401, _spring_error(401, "Authentication failed", request.path))
        tgt = f"TGT-{next(self._ids)}-{secrets.token_urlsafe(20)}"
        with self._lock:
            self._tgts[tgt] = form["username"]
        return 201, {"Location": f"{self.sim.url}{CAS}/v1/tickets/{tgt}"}, None

    def cas_st(self, request: Request, tgt: str) -> Reply:
        """CAS REST: ``POST /cas/v1/tickets/{TGT}`` service → 200 with the ST as text (VERIFIED)."""
        with self._lock:
            user = self._tgts.get(tgt)
        if user is None:
            return json_reply(404, _spring_error(404, "TGT not found", request.path))
        return 200, {"Content-Type": "text/plain"}, self._issue_ticket(user, request.form().get("service", ""))

    # ---- REST --------------------------------------------------------------------------------------------

    @_app_call()
    def whoami(self, request: Request, session: Token) -> Reply:  # pylint: disable=unused-argument
        # whoami (re)sets the XSRF cookie for the session (VERIFIED, Xton FAQ: the only function that does). Not
        # when the protection is off, nor with the ``xsrf_cookie`` setting off (a proxy that drops the Set-Cookie):
        # the session then has a token that nothing delivers. A stale token is replaced by a new one (INFERRED: the
        # FAQ says whoami generates the token and that tokens are short-lived).
        info = SEED_USER_INFO.get(session.subject, {"firstName": session.subject, "lastName": "", "email": ""})
        user = {"id": f"i-user-{session.subject}", "userName": session.subject, **info}
        if not (self.sim.settings["xsrf_protection"] and self.sim.settings["xsrf_cookie"]):
            return 200, {}, user
        xsrf = session.data.get("xsrf") or self._new_xsrf(session)
        return 200, {"Set-Cookie": [f"{XSRF_COOKIE}={xsrf}; Path={APP}; Secure"]}, user

    @_app_call()
    def folder_root(self, request: Request, session: Token) -> Reply:  # pylint: disable=unused-argument
        return json_reply(200, self._folder_json(self._folder(ROOT_FOLDER)))

    @_app_call()
    def folder_list(self, request: Request, session: Token, folder_id: str) -> Reply:  # pylint: disable=unused-argument
        self._folder(folder_id)
        with self._lock:
            folders = [{"id": f["id"], "name": f["name"], "description": f["description"], "folder": True}
                       for f in self._folders.values() if f["parent"] == folder_id]
            records = [{"id": r["id"], "name": r["name"], "recordType": r["recordType"]}
                       for r in self._records.values() if r["folder"] == folder_id]
        return json_reply(200, folders + records)

    @_app_call()
    def folder_create(self, request: Request, session: Token, parent_id: str) -> Reply:  # pylint: disable=unused-argument
        _require_content_type(request, "application/json")  # folder create takes JSON (VERIFIED)
        self._folder(parent_id)
        body = _json_object(request)
        if not body.get("name"):
            raise XtamError(400, "name is required")
        folder = {"id": self._new_id(), "name": str(body["name"]), "description": str(body.get("description") or ""), "parent": parent_id}
        with self._lock:
            self._folders[folder["id"]] = folder
        return json_reply(200, self._folder_json(folder))

    @_app_call()
    def folder_get(self, request: Request, session: Token, folder_id: str) -> Reply:  # pylint: disable=unused-argument
        return json_reply(200, self._folder_json(self._folder(folder_id)))  # path a CHOICE, like update and delete

    @_app_call()
    def folder_update(self, request: Request, session: Token, folder_id: str) -> Reply:  # pylint: disable=unused-argument
        _require_content_type(request, "application/json")  # a CHOICE: JSON like folder create
        body = _json_object(request)
        with self._lock:
            folder = self._folder(folder_id)
            if "name" in body:
                if not body["name"]:
                    raise XtamError(400, "name must not be empty")
                folder["name"] = str(body["name"])
            if "description" in body:
                folder["description"] = str(body["description"] or "")
        return json_reply(200, self._folder_json(folder))

    @_app_call()
    def folder_delete(self, request: Request, session: Token, folder_id: str) -> Reply:  # pylint: disable=unused-argument
        with self._lock:
            self._folder(folder_id)
            if folder_id == ROOT_FOLDER:
                raise XtamError(400, "The root folder cannot be deleted")
            held = [f for f in self._folders.values() if f["parent"] == folder_id] + [r for r in self._records.values() if r["folder"] == folder_id]
            if held:  # a CHOICE: only an empty folder is deleted
                raise XtamError(400, f"Folder {folder_id} is not empty")
            del self._folders[folder_id]
        return json_reply(200, {"id": folder_id, "deleted": True})

    @_app_call()
    def record_types(self, request: Request, session: Token) -> Reply:  # pylint: disable=unused-argument
        return json_reply(200, json.loads(json.dumps(SEED_RECORD_TYPES)))

    @_app_call()
    def record_get(self, request: Request, session: Token, record_id: str) -> Reply:  # pylint: disable=unused-argument
        # A CHOICE (see _xtam/protocol.py): the plain read carries no secrets, so no custom at all.
        record = self._record(record_id)
        return json_reply(200, {key: value for key, value in record.items() if key != "custom"})

    @_app_call()
    def record_unlock(self, request: Request, session: Token, record_id: str) -> Reply:  # pylint: disable=unused-argument
        return json_reply(200, dict(self._record(record_id)))  # custom as a JSON string (VERIFIED)

    @_app_call()
    def record_new(self, request: Request, session: Token, folder_id: str, type_id: str) -> Reply:  # pylint: disable=unused-argument
        _require_content_type(request, "application/x-www-form-urlencoded")  # record create takes a form (VERIFIED)
        self._folder(folder_id)
        record_type = self._record_type(type_id)
        form = request.form()
        if not form.get("name"):
            raise XtamError(400, "name is required")
        record = {"id": self._new_id(), "name": form["name"], "description": form.get("description", ""),
                  "folder": folder_id, "recordType": record_type, "custom": _custom_string(form.get("custom", "{}"))}
        with self._lock:
            self._records[record["id"]] = record
        return json_reply(200, {key: value for key, value in record.items() if key != "custom"})

    @_app_call()
    def record_update(self, request: Request, session: Token, record_id: str) -> Reply:  # pylint: disable=unused-argument
        _require_content_type(request, "application/x-www-form-urlencoded")  # INFERRED: like create
        form = request.form()
        with self._lock:
            record = self._record(record_id)
            if "name" in form:
                if not form["name"]:
                    raise XtamError(400, "name must not be empty")
                record["name"] = form["name"]
            if "description" in form:
                record["description"] = form["description"]
            if "custom" in form:
                record["custom"] = _custom_string(form["custom"])  # INFERRED: the whole custom is replaced
        return json_reply(200, {key: value for key, value in record.items() if key != "custom"})

    @_app_call()
    def record_delete(self, request: Request, session: Token, record_id: str) -> Reply:  # pylint: disable=unused-argument
        with self._lock:
            self._record(record_id)
            del self._records[record_id]
        return json_reply(200, {"id": record_id, "deleted": True})  # INFERRED answer

    # ---- data helpers -----------------------------------------------------------------------------------

    def _new_id(self) -> str:
        return f"i-sim{next(self._ids):08d}"

    def _folder(self, folder_id: str) -> dict[str, Any]:
        with self._lock:
            folder = self._folders.get(folder_id)
        if folder is None:
            raise XtamError(404, f"Folder {folder_id} not found")
        return folder

    def _record(self, record_id: str) -> dict[str, Any]:
        with self._lock:
            record = self._records.get(record_id)
        if record is None:
            raise XtamError(404, f"Record {record_id} not found")
        return record

    @staticmethod
    def _record_type(type_id: str) -> dict[str, str]:
        """The type as a record carries it: its id and name (INFERRED)."""
        for item in SEED_RECORD_TYPES:
            if item["id"] == type_id:
                return {"id": item["id"], "name": item["name"]}
        raise XtamError(404, f"Record type {type_id} not found")

    @staticmethod
    def _folder_json(folder: dict[str, Any]) -> dict[str, Any]:
        return {"id": folder["id"], "name": folder["name"], "description": folder["description"], "folder": True}


def _cookies(request: Request) -> dict[str, str]:
    cookies = {}
    for part in (request.header("Cookie") or "").split(";"):
        name, sep, value = part.strip().partition("=")
        if sep:
            cookies[name] = value
    return cookies


def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = request.json()
    except ValueError as exc:
        raise XtamError(400, f"JSON parse error: {exc}") from exc
    if not isinstance(body, dict):
        raise XtamError(400, "a JSON object is required")
    return body


def _require_content_type(request: Request, expected: str) -> None:
    given = (request.header("Content-Type") or "").split(";")[0].strip().lower()
    if given != expected:
        raise XtamError(415, f"Content type '{given or 'none'}' not supported; expected {expected}")


def _custom_string(raw: str) -> str:
    """``custom`` must be a JSON object encoded as a string; it is stored as that string (VERIFIED)."""
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise XtamError(400, f"custom is not valid JSON: {exc.msg}") from exc
    if not isinstance(value, dict):
        raise XtamError(400, "custom must be a JSON object")
    return raw


def _spring_error(status: int, message: str, path: str) -> dict[str, Any]:
    return {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000+00:00", time.gmtime()), "status": status,
            "error": reason(status), "message": message, "path": urlsplit(path).path}
