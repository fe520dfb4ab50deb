# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""BMC Discovery (ADDM) REST API simulator.

Follows the protocol reference (bmc.md part B, field_evidence.md §7) and the collection's choices (interface.md §12
Discovery rows): ``GET /api/about`` without a token, ``POST /api/token`` (form) giving an expiring ``access_token``,
permanent tokens, ``Authorization: Bearer`` with the capital B (12.3+), errors ``{message, code, transient}``, the
plain-HTTP 403 face, search with ``results_id``/``next_offset`` paging (at most 100 rows a page; a GET longer than
8190 characters gets 414), runs, the credential vault and ``/discovery`` status. Where the reference is silent the
choice made here says so.
"""

from __future__ import annotations

import copy
import hmac
import re
import secrets
import threading
import time
import uuid
from typing import Any, Callable
from urllib.parse import urlencode

from ._base import Reply, Request, Simulator, Vendor, json_reply

DEMO_USER = "apiuser"
# "api_access": the permission every REST call needs (403 without it: INFERRED from BMC's permission text);
# "active": a deactivated user gets 401 at login and with its tokens (VERIFIED 401 cause).
SEED_USERS = {
    DEMO_USER: {"password": "Api-Passw0rd!", "api_access": True, "active": True},
    "viewer": {"password": "View-Passw0rd!", "api_access": False, "active": True},
    "leaver": {"password": "Gone-Passw0rd!", "api_access": True, "active": False},
    "System": {"password": "System-Passw0rd!", "api_access": True, "active": True},
}
SYSTEM_USER = "System"  # VERIFIED: no token is generated for the local System user
# Permanent tokens from the Users page (VERIFIED: they never expire; the same token for the same user).
SEED_PERMANENT = {"perm-apiuser-6f1c2d9e8b7a": DEMO_USER, "perm-leaver-0a1b2c3d": "leaver"}
# "1.10" after "1.9": a client that compares versions as text picks the wrong one.
SEED_VERSIONS = ["1.0", "1.1", "1.2", "1.9", "1.10"]
OS = [("Ubuntu Linux", "22.04", "UNIX"), ("Red Hat Enterprise Linux", "9.2", "UNIX"), ("Windows Server", "2022", "Windows")]
OPEN_OVER_HTTP = (["api", "about"], ["api", "version"])  # VERIFIED: the only endpoints answered over plain HTTP
MAX_GET_TARGET = 8190  # CHOICE (interface §12): a longer GET gets 414
PAGE_LIMIT = 100  # CHOICE (interface §12): at most 100 rows a page
RESULT_SETS = 200  # how many search result sets are kept (the oldest is dropped)

MSG_UNAUTHORIZED = "Unauthorized"  # bmc.md B.4 suggestion (INFERRED text)
MSG_BAD_CREDENTIALS = "Invalid username or password"  # INFERRED text
MSG_FORBIDDEN = "Permission denied"  # bmc.md B.4 suggestion (INFERRED text)
MSG_HTTP = "Access forbidden"  # VERIFIED text of the plain-HTTP face

_QUERY_RE = re.compile(r"^\s*search\s+(\w+)(?:\s+where\s+(\w+)\s*=\s*['\"]([^'\"]*)['\"])?(?:\s+show\s+(.+?))?\s*$",
                       re.IGNORECASE | re.DOTALL)


class DiscoveryError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def make_hosts(count: int) -> list[dict[str, Any]]:
    hosts = []
    for number in range(1, count + 1):
        os_type, os_version, os_class = OS[number % len(OS)]
        hosts.append({"#id": f"{number:032x}", "name": f"host{number:04d}", "os_type": os_type, "os_version": os_version,
                      "os_class": os_class, "ip_addr": f"10.{number // 65536}.{number // 256 % 256}.{number % 256}"})
    return hosts


class Discovery(Vendor):
    """BMC Discovery: token login, version negotiation, search, runs, vault credentials, /discovery status."""

    name = "discovery"
    env_prefix = "DISCOVERY"
    demo_user = DEMO_USER
    DEFAULT_SETTINGS = {"users": copy.deepcopy(SEED_USERS), "permanent_tokens": dict(SEED_PERMANENT),
                        "api_versions": list(SEED_VERSIONS), "strict_bearer": True, "expires_in": True,
                        "hosts": 12, "run_seconds": 3600}

    def __init__(self, simulator: Simulator) -> None:
        super().__init__(simulator)
        self._lock = threading.Lock()
        self._hosts: list[dict[str, Any]] = []
        self._results: dict[str, dict[str, Any]] = {}
        self._runs: dict[str, dict[str, Any]] = {}
        self._credentials: dict[str, dict[str, Any]] = {}
        self._status = "running"

    # ---- Vendor hooks -------------------------------------------------------------------------------

    def routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        api = "/api/{version}"
        return [
            ("GET", "/api/about", self.about),
            ("GET", "/api/version", self.about),
            ("POST", "/api/token", self.login),
            ("GET", api + "/data/search", self._authorized(self.search)),
            ("POST", api + "/data/search", self._authorized(self.search)),
            ("GET", api + "/discovery", self._authorized(self.get_status)),
            ("PATCH", api + "/discovery", self._authorized(self.set_status)),
            ("GET", api + "/discovery/runs", self._authorized(self.list_runs)),
            ("POST", api + "/discovery/runs", self._authorized(self.start_run)),
            ("GET", api + "/discovery/runs/{run_id}", self._authorized(self.get_run)),
            ("PATCH", api + "/discovery/runs/{run_id}", self._authorized(self.patch_run)),
            ("GET", api + "/vault/credentials", self._authorized(self.list_credentials)),
            ("POST", api + "/vault/credentials", self._authorized(self.create_credential)),
            ("GET", api + "/vault/credentials/{cred_id}", self._authorized(self.get_credential)),
            ("PATCH", api + "/vault/credentials/{cred_id}", self._authorized(self.patch_credential)),
            ("PUT", api + "/vault/credentials/{cred_id}", self._authorized(self.put_credential)),
            ("DELETE", api + "/vault/credentials/{cred_id}", self._authorized(self.delete_credential)),
        ]

    def plain_http(self, request: Request) -> Reply | None:
        return None if request.segments in OPEN_OVER_HTTP else self.error(403, MSG_HTTP)

    def reset_state(self) -> None:
        with self._lock:
            self._hosts = make_hosts(self.sim.settings["hosts"])
            self._results = {}
            self._runs = {}
            self._credentials = {}
            self._status = "running"
            self._store_credential({"label": "seed-ssh", "types": ["ssh"], "username": "scanner", "password": "Seed-Secret-1",
                                    "ip_range": "10.0.0.0/8", "enabled": True, "description": "seed"})

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {"credentials": copy.deepcopy(list(self._credentials.values())), "runs": copy.deepcopy(list(self._runs.values())),
                    "status": self._status, "result_sets": len(self._results)}

    def check_setting(self, key: str, value: Any) -> Any:
        if key == "users":
            if not isinstance(value, dict) or not all(isinstance(user, dict) and isinstance(user.get("password"), str) for user in value.values()):
                raise ValueError("'users' must map user names to objects with a 'password' (and 'api_access', 'active')")
            return {name: {"api_access": True, "active": True, **user} for name, user in value.items()}
        if key == "permanent_tokens":
            if not isinstance(value, dict) or not all(isinstance(user, str) for user in value.values()):
                raise ValueError("'permanent_tokens' must map tokens to user names")
            return dict(value)
        if key == "api_versions":
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ValueError("'api_versions' must be a list of strings")
            return list(value)
        if key in ("strict_bearer", "expires_in"):
            if not isinstance(value, bool):
                raise ValueError(f"'{key}' must be true or false")
            return value
        if key in ("hosts", "run_seconds"):
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ValueError(f"'{key}' must be a non-negative number")
            if key == "hosts":
                with self._lock:
                    self._hosts = make_hosts(int(value))
            return value
        return super().check_setting(key, value)

    # ---- authentication -----------------------------------------------------------------------------

    def about(self, request: Request) -> Reply:
        # VERIFIED shape (Tideway README and mock); needs no token.
        return json_reply(200, {"api_versions": list(self.sim.settings["api_versions"]), "component": "REST API",
                                "product": "BMC Discovery", "version": "12.5", "product_version": "25.2.00"})

    def login(self, request: Request) -> Reply:
        # VERIFIED form (fortisoar connector): grant_type=password&username&password. A JSON body is accepted too (bmc.md B.2).
        fields = request.form()
        if not fields and request.body.strip().startswith(b"{"):
            try:
                body = request.json()
            except ValueError:
                body = {}
            fields = {key: value for key, value in body.items() if isinstance(value, str)} if isinstance(body, dict) else {}
        username, password = fields.get("username"), fields.get("password")
        if fields.get("grant_type", "password") != "password" or not username or password is None:
            return self.error(400, "grant_type=password, username and password are required")
        user = self.sim.settings["users"].get(username)
        if (username == SYSTEM_USER or user is None or not user["active"]
                or not hmac.compare_digest(user["password"].encode(), password.encode())):
            self.sim.counters.add("login_failures")
            return self.error(401, MSG_BAD_CREDENTIALS)
        lifetime = self.sim.settings["token_lifetime"]
        token = self.sim.tokens.issue(username, lifetime, lambda issued, expires: "exp-" + secrets.token_urlsafe(24))
        self.sim.counters.add("logins")
        answer = {"access_token": token.value, "token_type": "bearer"}  # token_type: INFERRED (OAuth2 style)
        if self.sim.settings["expires_in"]:
            answer["expires_in"] = int(lifetime)
        return json_reply(200, answer)

    def session(self, request: Request, version: str) -> str:
        """The user of the request's token; the API version must be one the appliance lists.

        INFERRED (no public source gives the answer for a version the appliance does not serve): 404, before the token
        is looked at and before anything is processed. ``configure(api_versions=[...])`` changes what is served at run
        time (an appliance upgrade or downgrade); the client does not rely on the "before anything is processed" part.
        """
        if version[:1] != "v" or version[1:] not in self.sim.settings["api_versions"]:
            raise DiscoveryError(404, f"No such API version: {version}")
        header = request.header("Authorization") or ""
        scheme, _sep, value = header.partition(" ")
        # VERIFIED: 12.3+ enforce "Bearer" exactly; older appliances took "bearer" as the 11.3 docs show.
        if not value or (scheme != "Bearer" if self.sim.settings["strict_bearer"] else scheme.lower() != "bearer"):
            raise DiscoveryError(401, MSG_UNAUTHORIZED)
        value = value.strip()
        token = self.sim.tokens.lookup(value)
        subject = token.subject if token is not None else self.sim.settings["permanent_tokens"].get(value)
        user = self.sim.settings["users"].get(subject) if subject else None
        if user is None or not user["active"]:
            raise DiscoveryError(401, MSG_UNAUTHORIZED)
        if not user["api_access"]:
            raise DiscoveryError(403, MSG_FORBIDDEN)
        return subject

    def _authorized(self, handler: Callable[..., Reply]) -> Callable[..., Reply]:
        def wrapper(request: Request, version: str, **params: str) -> Reply:
            try:
                self.session(request, version)
                return handler(request, **params)
            except DiscoveryError as error:
                return self.error(error.status, error.message)
        return wrapper

    # ---- search -------------------------------------------------------------------------------------

    def search(self, request: Request) -> Reply:
        query = request.query.get("query")
        if request.method == "GET":
            if len(request.path) + 1 + len(urlencode(request.query)) > MAX_GET_TARGET:
                return self.error(414, "Request-URI Too Long")
        else:
            try:
                body = request.json()
            except ValueError:
                return self.error(400, "the body is not JSON")
            query = body.get("query") if isinstance(body, dict) else None
        try:
            limit = min(int(request.query.get("limit", PAGE_LIMIT)), PAGE_LIMIT)
            offset = int(request.query.get("offset", 0))
        except ValueError:
            return self.error(400, "limit and offset must be integers")
        if limit < 1 or offset < 0:
            return self.error(400, "limit must be positive and offset not negative")
        results_id = request.query.get("results_id")
        with self._lock:
            if results_id:
                stored = self._results.get(results_id)
                if stored is None:
                    return self.error(404, f"No results with id {results_id}")
            else:
                if not isinstance(query, str) or not query.strip():
                    return self.error(400, "a query is required")
                try:
                    stored = self._run_query(query)
                except DiscoveryError as error:
                    return self.error(error.status, error.message)
                results_id = secrets.token_hex(12)
                self._results[results_id] = stored
                while len(self._results) > RESULT_SETS:
                    self._results.pop(next(iter(self._results)))
        rows = stored["rows"][offset:offset + limit]
        # CHOICE: format=object gives rows keyed by heading with bare values; otherwise rows are lists.
        if request.query.get("format") == "object":
            rows = [dict(zip(stored["headings"], row)) for row in rows]
        page = {"count": len(stored["rows"]), "headings": list(stored["headings"]), "kind": stored["kind"], "offset": offset,
                "results": rows, "results_id": results_id}
        if offset + limit < len(stored["rows"]):
            page["next_offset"] = offset + limit
            page["next"] = (f"{self.sim.url}{request.path}?" +
                            urlencode({"results_id": results_id, "offset": offset + limit, "limit": limit}))
        return json_reply(200, [page])

    def _run_query(self, query: str) -> dict[str, Any]:
        """A small part of the query language: ``search <Kind> [where <attr> = 'v'] [show a, b]`` (Host only)."""
        match = _QUERY_RE.match(query)
        if not match:
            raise DiscoveryError(400, f"Unable to parse query: {query[:80]}")
        kind, attr, value, show = match.groups()
        if kind != "Host":
            return {"kind": kind, "headings": [], "rows": []}
        headings = [name.strip() for name in show.split(",")] if show else ["name"]
        hosts = [host for host in self._hosts if attr is None or str(host.get(attr)) == value]
        return {"kind": kind, "headings": headings, "rows": [[host.get(name) for name in headings] for host in hosts]}

    # ---- discovery status and runs ------------------------------------------------------------------

    def _finished(self, run: dict[str, Any]) -> bool:
        return run["cancelled"] or time.time() >= run["started"] + self.sim.settings["run_seconds"]

    def _run_view(self, run: dict[str, Any]) -> dict[str, Any]:
        view = {key: value for key, value in run.items() if key != "started"}
        view["finished"] = self._finished(run)  # CHOICE: the field that says a run is over
        return view

    def get_status(self, request: Request) -> Reply:
        with self._lock:
            running = any(not self._finished(run) for run in self._runs.values())
            return json_reply(200, {"running": running, "status": self._status})

    def set_status(self, request: Request) -> Reply:
        try:
            body = request.json()
        except ValueError:
            return self.error(400, "the body is not JSON")
        status = body.get("status") if isinstance(body, dict) else None
        if status not in ("running", "stopped"):
            return self.error(400, "status must be running or stopped")
        with self._lock:
            self._status = status
        return json_reply(200, {"status": status})

    def list_runs(self, request: Request) -> Reply:
        with self._lock:
            return json_reply(200, [self._run_view(run) for run in self._runs.values() if not self._finished(run)])

    def start_run(self, request: Request) -> Reply:
        try:
            body = request.json()
        except ValueError:
            return self.error(400, "the body is not JSON")
        ranges = body.get("ranges") if isinstance(body, dict) else None
        if not isinstance(ranges, list) or not ranges or not all(isinstance(item, str) for item in ranges):
            return self.error(400, "ranges must be a non-empty list of strings")
        run_id = uuid.uuid4().hex
        run = {"uuid": run_id, "label": str(body.get("label") or ""), "ranges": list(ranges),
               "scan_level": str(body.get("scan_level") or "Full Discovery"), "scan_type": "Snapshot", "scan_kind": "IP",
               "valid_ranges": ", ".join(ranges), "total": 254 * len(ranges), "cancelled": False, "started": time.time()}
        with self._lock:
            self._runs[run_id] = run
        return json_reply(200, {"uuid": run_id, "uri": f"{self.sim.url}{request.path}/{run_id}"})  # INFERRED answer

    def get_run(self, request: Request, run_id: str) -> Reply:
        with self._lock:
            run = self._runs.get(run_id)
            if run is None:
                return self.error(404, f"No run {run_id}")
            return json_reply(200, [self._run_view(run)])  # VERIFIED: a one-item list

    def patch_run(self, request: Request, run_id: str) -> Reply:
        try:
            body = request.json()
        except ValueError:
            return self.error(400, "the body is not JSON")
        with self._lock:
            run = self._runs.get(run_id)
            if run is None:
                return self.error(404, f"No run {run_id}")
            if isinstance(body, dict) and body.get("cancelled") is True:
                run["cancelled"] = True
            return json_reply(200, [self._run_view(run)])

    # ---- credential vault ---------------------------------------------------------------------------

    OPTIONAL = {"description": "", "username": "", "password": None, "ip_range": "", "enabled": True}

    def _store_credential(self, fields: dict[str, Any]) -> dict[str, Any]:
        cred_id = uuid.uuid4().hex
        credential = {"uuid": cred_id, **self.OPTIONAL, **fields}
        self._credentials[cred_id] = credential
        return credential

    @staticmethod
    def _public(credential: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in credential.items() if key != "password"}  # the password is never read back

    def _fields(self, request: Request) -> dict[str, Any]:
        try:
            body = request.json()
        except ValueError:
            raise DiscoveryError(400, "the body is not JSON") from None
        if not isinstance(body, dict):
            raise DiscoveryError(400, "the body must be an object")
        unknown = sorted(set(body) - set(self.OPTIONAL) - {"label", "types"})
        if unknown:
            raise DiscoveryError(400, f"unknown field(s): {', '.join(unknown)}")
        return body

    def list_credentials(self, request: Request) -> Reply:
        with self._lock:
            return json_reply(200, [self._public(item) for item in self._credentials.values()])

    def get_credential(self, request: Request, cred_id: str) -> Reply:
        with self._lock:
            credential = self._credentials.get(cred_id)
            return json_reply(200, self._public(credential)) if credential else self.error(404, f"No credential {cred_id}")

    def create_credential(self, request: Request) -> Reply:
        try:
            fields = self._fields(request)
        except DiscoveryError as error:
            return self.error(error.status, error.message)
        if not fields.get("label") or not isinstance(fields.get("types"), list) or not fields["types"]:
            return self.error(400, "label and types are required")
        with self._lock:
            credential = self._store_credential(fields)
        return json_reply(200, {"uuid": credential["uuid"], "uri": f"{self.sim.url}{request.path}/{credential['uuid']}"})

    def patch_credential(self, request: Request, cred_id: str) -> Reply:
        return self._change_credential(request, cred_id, reset=False)

    def put_credential(self, request: Request, cred_id: str) -> Reply:
        return self._change_credential(request, cred_id, reset=True)

    def _change_credential(self, request: Request, cred_id: str, reset: bool) -> Reply:
        try:
            fields = self._fields(request)
        except DiscoveryError as error:
            return self.error(error.status, error.message)
        with self._lock:
            credential = self._credentials.get(cred_id)
            if credential is None:
                return self.error(404, f"No credential {cred_id}")
            if reset:  # CHOICE (interface §12): PUT resets the optional fields it does not give, password included
                credential.update(self.OPTIONAL)
            credential.update(fields)
            return json_reply(200, self._public(credential))

    def delete_credential(self, request: Request, cred_id: str) -> Reply:
        with self._lock:
            if self._credentials.pop(cred_id, None) is None:
                return self.error(404, f"No credential {cred_id}")
        return json_reply(200, True)
