# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""xMatters REST API (xm/1) simulator.

Follows the protocol reference (xmatters_xtam.md part A) and the collection's interface choices (interface.md §6).
Where the reference marks a detail INFERRED, or is silent, the choice made here says so in a comment.

Settings (``start("xmatters", ...)`` or ``control.configure(...)``): ``users`` (name → {"password", "sso",
"bypass_sso"}), ``api_keys`` (key → {"secret", "user"}), ``client_ids``, ``rotate_refresh_tokens``, ``max_limit``,
``default_limit``, ``seed_groups`` (how many generated groups exist besides the seed ones; changing it adds or removes
generated groups at the next request, so ``configure(seed_groups=2500)`` prepares a paging test in milliseconds), and
``token_lifetime`` (access tokens, default 900 s). Hostile behaviours for tests: ``endless_next`` (every list page
carries a new ``links.next``, wrapping around the groups, like a server whose paging never ends) and
``lose_read_after_create`` (an HTTP status, 0 for none: the first GET of a group just created answers it, like a
gateway that loses the read-back of a write that went through). ``sso_message``: the 401 message an SSO user's refused
Basic login gets (empty: "Invalid credentials", like any wrong password).
"""

from __future__ import annotations

import base64
import binascii
import copy
import functools
import hmac
import secrets
import threading
import time
import uuid
from typing import Any, Callable
from urllib.parse import quote, urlencode

from ._base import Reply, Request, Simulator, Token, Vendor, json_reply

API = "/api/xm/1"
DEMO_USER = "demo"
DEMO_PASSWORD = "Demo-Passw0rd!"
SSO_USER = "sso.user"
DEMO_API_KEY = "x-api-key-5b1f6a4e-2c1d-4e8a-9d3b-7f0e6c2a1b90"  # the x-api-key- prefix is VERIFIED
DEMO_API_SECRET = "Api-Secr3t-9f8e7d6c"
DEMO_CLIENT_ID = "3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c"
SEED_USERS = {
    DEMO_USER: {"password": DEMO_PASSWORD, "sso": False, "bypass_sso": False},
    # An SSO user: Basic and the password grant with the IdP password are refused (VERIFIED symptom, seed document).
    SSO_USER: {"password": "Idp-Passw0rd!", "sso": True, "bypass_sso": False},
}
SEED_API_KEYS = {DEMO_API_KEY: {"secret": DEMO_API_SECRET, "user": DEMO_USER}}
DEFAULT_TOKEN_LIFETIME = 900  # the reference's example expires_in and interface.md §6
DEFAULT_MAX_LIMIT = 1000  # VERIFIED (python-xmatters MAX_API_LIMIT)
DEFAULT_LIMIT = 100  # INFERRED (xmtoolbox pages by 100)
SEED_PEOPLE = [  # fields VERIFIED (Go client Person); values invented
    {"targetName": DEMO_USER, "firstName": "Demo", "lastName": "User"},
    {"targetName": "jdoe", "firstName": "Jane", "lastName": "Doe"},
    {"targetName": "asmith", "firstName": "Alan", "lastName": "Smith"},
    {"targetName": SSO_USER, "firstName": "Sam", "lastName": "Single"},
]
SEED_GROUPS = [
    {"targetName": "Operations", "description": "Operations on-call", "supervisors": ["jdoe"]},
    {"targetName": "Database Team", "description": "Databases", "supervisors": ["asmith"]},
]
GENERATED_PREFIX = "Generated Group "
SEED_DATE = "2024-01-15T09:00:00.000Z"
GROUP_WRITABLE = {  # field → accepted Python type(s) (VERIFIED field names: Go client PushGroupParams)
    "description": str, "status": str, "groupType": str, "allowDuplicates": bool, "useDefaultDevices": bool,
    "observedByAll": bool, "externalKey": str, "externallyOwned": bool, "site": (str, dict), "timezone": str,
}
STATUSES = ("ACTIVE", "INACTIVE")  # INFERRED enum spelling


class XmError(Exception):
    """An xMatters error answered as ``{"code", "reason", "message"}`` (VERIFIED shape, Go client XMattersError)."""

    REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
               415: "Unsupported Media Type"}

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def reply(self) -> Reply:
        return json_reply(self.status, {"code": self.status, "reason": self.REASONS.get(self.status, "Error"),
                                        "message": self.message})


class OAuthError(Exception):
    """An OAuth token-endpoint error, ``400 {"error", "error_description"}`` (INFERRED, OAuth convention)."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description

    def reply(self) -> Reply:
        return json_reply(400, {"error": self.error, "error_description": self.description})


def _api_call(handler: Callable[..., Reply]) -> Callable[..., Reply]:
    """Require Basic or Bearer auth, pass the user name on, and turn XmError into its reply."""

    @functools.wraps(handler)
    def wrapper(self: Xmatters, request: Request, **params: str) -> Reply:
        try:
            return handler(self, request, self.authenticate(request), **params)
        except XmError as error:
            return error.reply()

    return wrapper


class Xmatters(Vendor):
    """xMatters: Basic (password, API key), OAuth grants with expiry, groups and people with the paging envelope."""

    name = "xmatters"
    env_prefix = "XMATTERS"
    demo_user = DEMO_USER
    DEFAULT_SETTINGS = {
        "token_lifetime": DEFAULT_TOKEN_LIFETIME,
        "users": copy.deepcopy(SEED_USERS),
        "api_keys": copy.deepcopy(SEED_API_KEYS),
        "client_ids": [DEMO_CLIENT_ID],
        "rotate_refresh_tokens": True,  # INFERRED: rotation is undocumented; mocks rotate
        "max_limit": DEFAULT_MAX_LIMIT,
        "default_limit": DEFAULT_LIMIT,
        "seed_groups": 0,
        "endless_next": False,
        "lose_read_after_create": 0,
        "sso_message": "",
    }

    def __init__(self, simulator: Simulator) -> None:
        super().__init__(simulator)
        self._lock = threading.RLock()
        self._groups: dict[str, dict[str, Any]] = {}  # id → group (insertion order is the list order)
        self._people: dict[str, dict[str, Any]] = {}
        self._refresh: dict[str, dict[str, str]] = {}  # refresh token → {"user", "client_id"}
        self._grants: list[str] = []
        self._generated = 0
        self._lost_reads: set[str] = set()  # ids of created groups whose next GET answers lose_read_after_create

    # ---- Vendor hooks -------------------------------------------------------------------------------

    def routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        return [
            ("POST", API + "/oauth2/token", self.token),
            ("GET", API + "/groups", self.list_groups),
            ("POST", API + "/groups", self.save_group),
            ("GET", API + "/groups/{key}", self.get_group),
            ("DELETE", API + "/groups/{key}", self.delete_group),
            ("GET", API + "/people", self.list_people),
            ("GET", API + "/people/{key}", self.get_person),
        ]

    def error(self, status: int, message: str) -> Reply:
        return XmError(status, message).reply()

    def reset_state(self) -> None:
        with self._lock:
            self._groups = {}
            self._people = {}
            self._refresh = {}
            self._grants = []
            self._generated = 0
            self._lost_reads = set()
            for person in SEED_PEOPLE:
                person_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "person/" + person["targetName"]))
                self._people[person_id] = {"id": person_id, "recipientType": "PERSON", "status": "ACTIVE",
                                           "links": {"self": f"{API}/people/{person_id}"}, **person}
            for group in SEED_GROUPS:
                supervisors = [self._person(name)["id"] for name in group["supervisors"]]
                self._add_group({"targetName": group["targetName"], "description": group["description"],
                                 "supervisors": supervisors}, SEED_DATE)
            self._sync_generated()

    def state(self) -> dict[str, Any]:
        with self._lock:
            self._sync_generated()
            return {"groups": copy.deepcopy(list(self._groups.values())), "grants": list(self._grants),
                    "refresh_tokens": len(self._refresh)}

    def check_setting(self, key: str, value: Any) -> Any:
        if key == "users":
            if not isinstance(value, dict) or not all(
                    isinstance(user, dict) and isinstance(user.get("password"), str) for user in value.values()):
                raise ValueError("'users' must map user names to {\"password\": ..., \"sso\": bool, \"bypass_sso\": bool}")
            return {name: {"sso": False, "bypass_sso": False, **user} for name, user in value.items()}
        if key == "api_keys":
            if not isinstance(value, dict) or not all(
                    isinstance(name, str) and name.startswith("x-api-key-") and isinstance(key_data, dict)
                    and isinstance(key_data.get("secret"), str) for name, key_data in value.items()):
                raise ValueError("'api_keys' must map x-api-key-... names to {\"secret\": ..., \"user\": ...}")
            return copy.deepcopy(value)
        if key == "client_ids":
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ValueError("'client_ids' must be a list of strings")
            return list(value)
        if key in ("rotate_refresh_tokens", "endless_next"):
            if not isinstance(value, bool):
                raise ValueError(f"'{key}' must be true or false")
            return value
        if key == "lose_read_after_create":
            if not isinstance(value, int) or isinstance(value, bool) or not (value == 0 or 400 <= value <= 599):
                raise ValueError("'lose_read_after_create' must be 0 or an HTTP error status")
            return value
        if key == "sso_message":
            if not isinstance(value, str):
                raise ValueError("'sso_message' must be a string")
            return value
        if key in ("max_limit", "default_limit", "seed_groups"):
            minimum = 0 if key == "seed_groups" else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
                raise ValueError(f"'{key}' must be an integer of at least {minimum}")
            return value
        return super().check_setting(key, value)

    def extra_env(self) -> dict[str, str]:
        env = {"XMATTERS_CLIENT_ID": self.sim.settings["client_ids"][0] if self.sim.settings["client_ids"] else ""}
        keys = self.sim.settings["api_keys"]
        if keys:
            name = next(iter(keys))
            env.update({"XMATTERS_DEMO_API_KEY": name, "XMATTERS_DEMO_API_SECRET": keys[name]["secret"]})
        sso = next((name for name, user in self.sim.settings["users"].items() if user.get("sso")), None)
        if sso:
            env.update({"XMATTERS_DEMO_SSO_USER": sso, "XMATTERS_DEMO_SSO_PASSWORD": self.sim.settings["users"][sso]["password"]})
        return env

    # ---- authentication -----------------------------------------------------------------------------

    def _password_ok(self, username: str, password: str) -> bool:
        user = self.sim.settings["users"].get(username)
        if user is None or not hmac.compare_digest(user["password"].encode(), password.encode()):
            return False
        # An SSO user's password is the IdP's; xMatters accepts it only with the Bypass SSO role and a Web/App password
        # (VERIFIED as a community statement, seed document). Here the configured password plays that Web/App password.
        return not user["sso"] or user["bypass_sso"]

    def _api_key_user(self, key: str, secret: str) -> str | None:
        data = self.sim.settings["api_keys"].get(key)
        if data is None or not hmac.compare_digest(data["secret"].encode(), secret.encode()):
            return None
        user = data.get("user")
        # A key stops working when its user is deleted (VERIFIED, xMatters help on API keys).
        return user if user in self.sim.settings["users"] else None

    def authenticate(self, request: Request) -> str:
        scheme, _sep, value = (request.header("Authorization") or "").partition(" ")
        if scheme.lower() == "basic":
            try:
                username, _sep, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
            except (binascii.Error, UnicodeDecodeError):
                username, password = "", ""
            if username.startswith("x-api-key-"):
                user = self._api_key_user(username, password)
            else:
                user = username if self._password_ok(username, password) else None
            if user is None:
                self.sim.counters.add("login_failures")
                # INFERRED body: the Go client does not read it; the shape of the other errors is used. Whether a server
                # says that an SSO user was refused for being one is not documented: ``sso_message`` plays a server that does.
                known = self.sim.settings["users"].get(username) if not username.startswith("x-api-key-") else None
                sso = bool(known and known["sso"] and hmac.compare_digest(known["password"].encode(), password.encode()))
                raise XmError(401, (sso and self.sim.settings["sso_message"]) or "Invalid credentials")
            return user
        if scheme.lower() == "bearer":
            token = self.sim.tokens.lookup(value.strip())
            if token is None:
                raise XmError(401, "Invalid or expired access token")  # INFERRED text
            return token.subject
        raise XmError(401, "Authentication required")

    def token(self, request: Request) -> Reply:
        try:
            return self._token(request)
        except OAuthError as error:
            self.sim.counters.add("login_failures")
            return error.reply()

    def _token(self, request: Request) -> Reply:
        # The parameters may come in a form body (VERIFIED encoding) or in the query string (VERIFIED: the official
        # Python sample and xmtoolbox lib/oauth.js send them there); a body must then still be a form.
        form = dict(request.query)
        if request.body:
            if not (request.header("Content-Type") or "").startswith("application/x-www-form-urlencoded"):
                raise OAuthError("invalid_request", "the token request must be form-encoded")
            form.update(request.form())
        grant = form.get("grant_type", "")
        if form.get("client_id") not in self.sim.settings["client_ids"]:
            raise OAuthError("invalid_client", "Unknown client_id")
        with self._lock:
            if grant == "password":
                username = form.get("username", "")
                if not self._password_ok(username, form.get("password", "")):
                    raise OAuthError("invalid_grant", "Bad credentials")
                user = username
            elif grant == "refresh_token":
                data = self._refresh.get(form.get("refresh_token", ""))
                if data is None or data["client_id"] != form["client_id"] or data["user"] not in self.sim.settings["users"]:
                    raise OAuthError("invalid_grant", "Invalid refresh token")
                user = data["user"]
                if self.sim.settings["rotate_refresh_tokens"]:
                    del self._refresh[form["refresh_token"]]
            else:
                # client_credentials and other grants: no evidence they exist (INFERRED unsupported).
                raise OAuthError("unsupported_grant_type", f"Unsupported grant type: {grant or '(none)'}")
            refresh = form.get("refresh_token") if grant == "refresh_token" and not self.sim.settings["rotate_refresh_tokens"] \
                else secrets.token_urlsafe(32)
            self._refresh[refresh] = {"user": user, "client_id": form["client_id"]}
            self._grants.append(grant)  # successful grants, in order
        lifetime = self.sim.settings["token_lifetime"]
        access: Token = self.sim.tokens.issue(user, lifetime)
        self.sim.counters.add("logins")
        return json_reply(200, {"access_token": access.value, "token_type": "bearer", "refresh_token": refresh,
                                "expires_in": int(lifetime), "jti": uuid.uuid4().hex})

    # ---- groups ---------------------------------------------------------------------------------------

    @_api_call
    def list_groups(self, request: Request, _user: str) -> Reply:
        offset, limit = self._page(request.query)
        search = request.query.get("search", "").lower()
        status = request.query.get("status")
        with self._lock:
            self._sync_generated()
            groups = [group for group in self._groups.values()
                      if (not search or search in group["targetName"].lower()) and (not status or group["status"] == status)]
            total = len(groups)
            endless = self.sim.settings["endless_next"] and bool(groups)
            if endless:
                start = offset % len(groups)
                groups = (groups[start:] + groups[:start]) * (limit // len(groups) + 1)
                offset = 0
            data = [self._group_out(group, None) for group in groups[offset:offset + limit]]
        envelope = _envelope("groups", request.query, offset, limit, data, total)
        if endless:
            envelope["links"]["next"] = f"{API}/groups?" + urlencode(
                {**request.query, "offset": _int_param(request.query, "offset", 0) + len(data), "limit": limit}, quote_via=quote)
        return json_reply(200, envelope)

    @_api_call
    def get_group(self, request: Request, _user: str, key: str) -> Reply:
        with self._lock:
            self._sync_generated()
            group = self._find_group(key)
            if group["id"] in self._lost_reads:
                self._lost_reads.discard(group["id"])
                raise XmError(self.sim.settings["lose_read_after_create"], "The answer was lost on the way (simulated)")
            return json_reply(200, self._group_out(group, request.query.get("embed")))

    @_api_call
    def save_group(self, request: Request, user: str) -> Reply:
        try:
            body = request.json()
        except ValueError as exc:
            raise XmError(400, f"The request body is not valid JSON: {exc}") from exc
        if not isinstance(body, dict):
            raise XmError(400, "The request body must be a JSON object")
        with self._lock:
            self._sync_generated()
            if body.get("id"):  # update: POST to the collection with the id (VERIFIED)
                group = self._groups.get(body["id"])
                if group is None:
                    raise XmError(404, f"Could not find a group with id {body['id']}")
                changes = self._group_fields(body, partial=True)
                if "targetName" in changes and self._name_taken(changes["targetName"], group["id"]):
                    raise XmError(409, f"A group named {changes['targetName']} already exists")
                # CHOICE (the worst case, so a client that sends a partial group is caught): an update replaces the
                # group, what it omits goes back to its default (supervisors and observers emptied). The official
                # Terraform provider always sends the whole group. Members are a sub-resource and stay.
                replaced = _group_defaults(group["id"], changes.get("targetName", group["targetName"]), group["created"])
                replaced.update(changes)
                group.clear()
                group.update(replaced)
                return json_reply(200, self._group_out(group, request.query.get("embed")))
            fields = self._group_fields(body, partial=False)
            if "supervisors" not in body:
                # VERIFIED (terraform-provider-xmatters internal/describe/groups.go): a group created without
                # supervisors gets the authenticating user as its supervisor; empty or null gives none.
                caller = next((p for p in self._people.values() if p["targetName"] == user), None)
                fields["supervisors"] = [caller["id"]] if caller else []
            if self._name_taken(fields["targetName"], None):
                raise XmError(409, f"A group named {fields['targetName']} already exists")  # INFERRED 409
            group = self._add_group(fields, _now())
            if self.sim.settings["lose_read_after_create"]:
                self._lost_reads.add(group["id"])
            return json_reply(201, self._group_out(group, request.query.get("embed")))

    @_api_call
    def delete_group(self, _request: Request, _user: str, key: str) -> Reply:
        with self._lock:
            self._sync_generated()
            try:
                group = self._find_group(key)
            except XmError:
                return 204, {}, None  # nothing to delete (VERIFIED: 204 on DELETE means not found)
            del self._groups[group["id"]]
            return json_reply(200, self._group_out(group, None))  # the deleted object (VERIFIED)

    # ---- people ---------------------------------------------------------------------------------------

    @_api_call
    def list_people(self, request: Request, _user: str) -> Reply:
        offset, limit = self._page(request.query)
        with self._lock:
            people = list(self._people.values())
            data = copy.deepcopy(people[offset:offset + limit])
        return json_reply(200, _envelope("people", request.query, offset, limit, data, len(people)))

    @_api_call
    def get_person(self, _request: Request, _user: str, key: str) -> Reply:
        with self._lock:
            return json_reply(200, copy.deepcopy(self._person(key)))

    # ---- storage (callers hold self._lock) --------------------------------------------------------------

    def _person(self, key: str) -> dict[str, Any]:
        person = self._people.get(key) or next((p for p in self._people.values() if p["targetName"] == key), None)
        if person is None:
            raise XmError(404, f"Could not find a person with id or targetName {key}")
        return person

    def _find_group(self, key: str) -> dict[str, Any]:
        # By id or by targetName (VERIFIED, xmtoolbox groups.get).
        group = self._groups.get(key) or next((g for g in self._groups.values() if g["targetName"] == key), None)
        if group is None:
            raise XmError(404, f"Could not find a group with id or targetName {key}")
        return group

    def _name_taken(self, name: str, own_id: str | None) -> bool:
        return any(group["targetName"] == name and group["id"] != own_id for group in self._groups.values())

    def _group_fields(self, body: dict[str, Any], partial: bool) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        if "targetName" in body or not partial:
            name = body.get("targetName")
            if not isinstance(name, str) or not name.strip():
                raise XmError(400, "targetName is required")
            fields["targetName"] = name
        for name, kind in GROUP_WRITABLE.items():
            if name in body:
                if not isinstance(body[name], kind):
                    raise XmError(400, f"{name} has the wrong type")
                fields[name] = body[name]
        if fields.get("status", "ACTIVE") not in STATUSES:
            raise XmError(400, f"status must be one of {', '.join(STATUSES)}")
        if "supervisors" in body:
            fields["supervisors"] = self._supervisor_ids(body["supervisors"])
        if "observers" in body:
            fields["observers"] = _observer_names(body["observers"])
        return fields

    def _supervisor_ids(self, value: Any) -> list[str]:
        # Bare id strings (xmtoolbox) and {"id": ...} objects (Go client) are both accepted (VERIFIED clients).
        if value is None:
            return []  # null: no supervisors (VERIFIED, terraform-provider-xmatters)
        if not isinstance(value, list):
            raise XmError(400, "supervisors must be a list of person ids")
        ids = []
        for item in value:
            person_id = item.get("id") if isinstance(item, dict) else item
            if not isinstance(person_id, str) or person_id not in self._people:
                raise XmError(400, f"supervisors: no person with id {person_id}")
            ids.append(person_id)
        return ids

    def _add_group(self, fields: dict[str, Any], created: str) -> dict[str, Any]:
        group_id = str(uuid.uuid4())
        group = _group_defaults(group_id, fields["targetName"], created)
        group.update(fields)
        self._groups[group_id] = group
        return group

    def _sync_generated(self) -> None:
        """Add or remove generated groups until ``seed_groups`` of them exist (numbering stays stable)."""
        wanted = self.sim.settings["seed_groups"]
        while self._generated < wanted:
            self._generated += 1
            self._add_group({"targetName": f"{GENERATED_PREFIX}{self._generated:05d}",
                             "description": "generated for paging tests"}, SEED_DATE)
        if self._generated > wanted:
            names = {f"{GENERATED_PREFIX}{number:05d}" for number in range(wanted + 1, self._generated + 1)}
            self._groups = {key: group for key, group in self._groups.items() if group["targetName"] not in names}
            self._generated = wanted

    def _group_out(self, group: dict[str, Any], embed: str | None) -> dict[str, Any]:
        out = {key: value for key, value in group.items() if key not in ("supervisors", "observers")}
        out["links"] = {"self": f"{API}/groups/{group['id']}"}
        embedded = [part.strip() for part in (embed or "").split(",")]
        if "observers" in embedded:
            # Role references {name} in the embedded envelope (VERIFIED, Go client Group.Observers).
            data = [{"name": name} for name in group["observers"]]
            out["observers"] = {"count": len(data), "total": len(data), "data": data}
        if "supervisors" in embedded:
            people = [self._people[person_id] for person_id in group["supervisors"] if person_id in self._people]
            data = [{key: person[key] for key in ("id", "targetName", "recipientType", "firstName", "lastName", "links")}
                    for person in people]
            out["supervisors"] = {"count": len(data), "total": len(data), "data": data}  # VERIFIED embedded envelope
        return copy.deepcopy(out)

    def _page(self, query: dict[str, str]) -> tuple[int, int]:
        offset = _int_param(query, "offset", 0)
        limit = _int_param(query, "limit", self.sim.settings["default_limit"])
        if limit < 1 or limit > self.sim.settings["max_limit"]:
            # INFERRED: a limit above the maximum is refused rather than capped (reference A.9).
            raise XmError(400, f"limit must be between 1 and {self.sim.settings['max_limit']}")
        return offset, limit


def _group_defaults(group_id: str, name: str, created: str) -> dict[str, Any]:
    """A group as created from only its name (INFERRED defaults)."""
    return {"id": group_id, "targetName": name, "recipientType": "GROUP", "status": "ACTIVE", "description": "",
            "groupType": "ON_CALL", "allowDuplicates": True, "useDefaultDevices": True, "observedByAll": True,
            "externallyOwned": False, "supervisors": [], "observers": [], "created": created}


def _observer_names(value: Any) -> list[str]:
    # Observers are roles, written as [{"name": "<role>"}] (VERIFIED, Go client PushGroupParams); null means none.
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) and isinstance(item.get("name"), str) for item in value):
        raise XmError(400, 'observers must be a list of {"name": "<role name>"}')
    return [item["name"] for item in value]


def _envelope(collection: str, query: dict[str, str], offset: int, limit: int, data: list, total: int) -> dict[str, Any]:
    """``{count, total, data, links{self, next, previous}}`` with server-relative links holding /api/xm/1 (VERIFIED)."""
    def link(at: int) -> str:
        return f"{API}/{collection}?" + urlencode({**query, "offset": at, "limit": limit}, quote_via=quote)

    links = {"self": link(offset)}
    if offset + len(data) < total:
        links["next"] = link(offset + len(data))
    if offset > 0:
        links["previous"] = link(max(0, offset - limit))
    return {"count": len(data), "total": total, "data": data, "links": links}


def _int_param(query: dict[str, str], name: str, default: int) -> int:
    raw = query.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise XmError(400, f"{name} must be a non-negative integer")
    return int(raw)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
