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
Basic login gets (empty: "Invalid credentials", like any wrong password). ``cap_limit``: a ``limit`` above ``max_limit``
is answered with ``max_limit`` items instead of refused, so that a small ``max_limit`` makes any client page.
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime
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
    secret_query = frozenset({"apiKey"})  # a trigger URL's own key (events section): redacted in the verbose log
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
        "cap_limit": False,
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
        self.events = EventStore(self)  # events, triggers and on-call (end of this file)

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
            # events, triggers and on-call: the section "Events, triggers and on-call" at the end of this file
            *self.events.routes(),
        ] + self.roster_routes()

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
            self.events.reset()
            self._reset_roster()

    def state(self) -> dict[str, Any]:
        with self._lock:
            self._sync_generated()
            return {"groups": copy.deepcopy(list(self._groups.values())), "grants": list(self._grants),
                    "refresh_tokens": len(self._refresh), **self.events.state(), **self._roster_state()}

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
        if key in ("rotate_refresh_tokens", "endless_next", "cap_limit"):
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
        # The trigger URL of the demo flow, its apiKey in the query as xMatters shows it (for `make demo`).
        env["XMATTERS_DEMO_TRIGGER_URL"] = f"{self.sim.url}/api/integration/1/functions/{DEMO_FUNCTION_ID}/triggers?apiKey={DEMO_TRIGGER_API_KEY}"
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
        body = _json_object(request)
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
            people = [person for person in self._people.values() if _person_matches(person, request.query)]
            data = [self._person_out(person, request.query.get("embed")) for person in people[offset:offset + limit]]
        return json_reply(200, _envelope("people", request.query, offset, limit, data, len(people)))

    @_api_call
    def get_person(self, request: Request, _user: str, key: str) -> Reply:
        with self._lock:
            return json_reply(200, self._person_out(self._person(key), request.query.get("embed")))

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
        fields.update(_typed_fields(body, GROUP_WRITABLE))
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
        if self.sim.settings["cap_limit"] and limit > self.sim.settings["max_limit"]:
            limit = self.sim.settings["max_limit"]  # cap_limit: a server that answers fewer than asked (paging tests)
        if limit < 1 or limit > self.sim.settings["max_limit"]:
            # INFERRED: a limit above the maximum is refused rather than capped (reference A.9).
            raise XmError(400, f"limit must be between 1 and {self.sim.settings['max_limit']}")
        return offset, limit

    # ---- people writes, sites, devices and group members (issue 17) -----------------------------------

    def roster_routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        return [
            ("POST", API + "/people", self.save_person),
            ("DELETE", API + "/people/{key}", self.delete_person),
            ("GET", API + "/sites", self.list_sites),
            ("GET", API + "/devices/{key}", self.get_device),
            ("GET", API + "/groups/{key}/members", self.list_members),
            ("POST", API + "/groups/{key}/members", self.add_member),
            ("DELETE", API + "/groups/{key}/members/{member}", self.remove_member),
        ]

    def _reset_roster(self) -> None:
        self._sites = {}
        self._devices = {}
        self._members: dict[str, list[str]] = {}  # group id → member ids, in the order they were added
        for name in SEED_SITES:
            site_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "site/" + name))
            self._sites[site_id] = {"id": site_id, "name": name, "status": "ACTIVE", "links": {"self": f"{API}/sites/{site_id}"}}
        default_site = next(iter(self._sites))
        for person in self._people.values():
            person.update(roles=list(SEED_ROLES[:1]), site=default_site, supervisors=[], language="en", timezone="UTC")
            # One email device each; a device's targetName is "<person>|<device name>" (INFERRED from xMatters docs examples).
            device_name = f"{person['targetName']}|Work Email"
            device_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "device/" + device_name))
            self._devices[device_id] = {"id": device_id, "targetName": device_name, "name": "Work Email", "recipientType": "DEVICE",
                                        "deviceType": "EMAIL", "owner": {"id": person["id"], "targetName": person["targetName"]},
                                        "status": "ACTIVE", "links": {"self": f"{API}/devices/{device_id}"}}

    def _roster_state(self) -> dict[str, Any]:
        names = {**{p["id"]: ("PERSON", p["targetName"]) for p in self._people.values()},
                 **{d["id"]: ("DEVICE", d["targetName"]) for d in self._devices.values()},
                 **{g["id"]: ("GROUP", g["targetName"]) for g in self._groups.values()}}
        return {"people": copy.deepcopy(list(self._people.values())),
                "members": {self._groups[group_id]["targetName"]: [list(names[member]) for member in members if member in names]
                            for group_id, members in self._members.items() if group_id in self._groups and members}}

    def _person_out(self, person: dict[str, Any], embed: str | None) -> dict[str, Any]:
        out = {key: value for key, value in person.items() if key not in ("roles", "supervisors", "site")}
        site = self._sites.get(person.get("site"))
        if site:
            out["site"] = {"id": site["id"], "name": site["name"], "links": site["links"]}  # VERIFIED {id}; name INFERRED
        embedded = [part.strip() for part in (embed or "").split(",")]
        if "roles" in embedded:
            data = [{"id": str(uuid.uuid5(uuid.NAMESPACE_URL, "role/" + name)), "name": name} for name in person.get("roles", [])]
            out["roles"] = {"count": len(data), "total": len(data), "data": data}  # VERIFIED embedded envelope
        if "supervisors" in embedded:
            data = [{key: self._people[pid][key] for key in ("id", "targetName", "recipientType")}
                    for pid in person.get("supervisors", []) if pid in self._people]
            out["supervisors"] = {"count": len(data), "total": len(data), "data": data}
        return copy.deepcopy(out)

    @_api_call
    def save_person(self, request: Request, _user: str) -> Reply:
        body = _json_object(request)
        with self._lock:
            fields = self._person_fields(body)
            if body.get("id"):  # update: POST to the collection with the id (VERIFIED, Go client PushPerson)
                person = self._people.get(body["id"])
                if person is None:
                    raise XmError(404, f"Could not find a person with id {body['id']}")
                if fields.get("targetName", person["targetName"]) != person["targetName"] and \
                        any(p["targetName"] == fields["targetName"] for p in self._people.values()):
                    raise XmError(409, f"A person with targetName {fields['targetName']} already exists")
                person.update(fields)  # INFERRED: fields not sent keep their values (the module sends the whole person)
                return json_reply(200, self._person_out(person, request.query.get("embed")))
            missing = [name for name in ("targetName", "firstName", "lastName") if not fields.get(name)]
            if missing:
                # CHOICE (interface §12, Go client PushPersonParams "Required Fields"): a new person needs these.
                raise XmError(400, f"{', '.join(missing)} required to create a person")
            if any(p["targetName"] == fields["targetName"] for p in self._people.values()):
                raise XmError(409, f"A person with targetName {fields['targetName']} already exists")
            person_id = str(uuid.uuid4())
            person = {"id": person_id, "recipientType": "PERSON", "status": "ACTIVE", "links": {"self": f"{API}/people/{person_id}"},
                      "roles": list(SEED_ROLES[:1]), "site": next(iter(self._sites)), "supervisors": [], "language": "en",
                      "timezone": "UTC", "whenCreated": _now()}
            person.update(fields)
            self._people[person_id] = person
            return json_reply(201, self._person_out(person, request.query.get("embed")))

    def _person_fields(self, body: dict[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        fields.update(_typed_fields(body, PERSON_WRITABLE))
        if "roles" in body:
            # Role names (VERIFIED, Go client PushPersonParams); unknown roles are refused (INFERRED).
            if not isinstance(body["roles"], list) or not all(name in SEED_ROLES for name in body["roles"]):
                raise XmError(400, f"roles must be a list of role names among {', '.join(SEED_ROLES)}")
            fields["roles"] = list(body["roles"])
        if "site" in body:
            site = body["site"].get("id") if isinstance(body["site"], dict) else body["site"]
            if site not in self._sites:
                raise XmError(400, f"site: no site with id {site}")
            fields["site"] = site
        if "supervisors" in body:
            fields["supervisors"] = self._supervisor_ids(body["supervisors"])
        return fields

    @_api_call
    def delete_person(self, _request: Request, _user: str, key: str) -> Reply:
        with self._lock:
            try:
                person = self._person(key)
            except XmError:
                return 204, {}, None  # VERIFIED: 204 on DELETE means not found
            del self._people[person["id"]]
            for members in self._members.values():
                while person["id"] in members:
                    members.remove(person["id"])
            return json_reply(200, self._person_out(person, None))

    @_api_call
    def list_sites(self, request: Request, _user: str) -> Reply:
        offset, limit = self._page(request.query)
        search = request.query.get("search", "").lower()
        with self._lock:
            sites = [site for site in self._sites.values() if search in site["name"].lower()]
            data = copy.deepcopy(sites[offset:offset + limit])
        return json_reply(200, _envelope("sites", request.query, offset, limit, data, len(sites)))

    @_api_call
    def get_device(self, _request: Request, _user: str, key: str) -> Reply:
        with self._lock:
            device = self._devices.get(key) or next((d for d in self._devices.values() if d["targetName"] == key), None)
            if device is None:
                raise XmError(404, f"Could not find a device with id or targetName {key}")
            return json_reply(200, copy.deepcopy(device))

    def _recipient(self, member_id: str) -> dict[str, Any] | None:
        for store in (self._people, self._devices, self._groups):
            if member_id in store:
                found = store[member_id]
                return {"id": found["id"], "targetName": found["targetName"], "recipientType": found["recipientType"],
                        "links": {"self": found.get("links", {}).get("self", f"{API}/groups/{found['id']}")}}
        return None

    def _membership(self, group: dict[str, Any], member_id: str) -> dict[str, Any]:
        # {group, member} (INFERRED shape of a group membership, xMatters REST API "Get group members").
        return {"group": {"id": group["id"], "targetName": group["targetName"], "recipientType": "GROUP"},
                "member": self._recipient(member_id)}

    @_api_call
    def list_members(self, request: Request, _user: str, key: str) -> Reply:
        offset, limit = self._page(request.query)
        with self._lock:
            group = self._find_group(key)
            members = [member for member in self._members.get(group["id"], []) if self._recipient(member)]
            data = [self._membership(group, member) for member in members[offset:offset + limit]]
        return json_reply(200, _envelope(f"groups/{group['id']}/members", request.query, offset, limit, data, len(members)))

    @_api_call
    def add_member(self, request: Request, _user: str, key: str) -> Reply:
        body = _json_object(request)
        if not isinstance(body.get("id"), str) or body.get("recipientType") not in RECIPIENT_TYPES:
            raise XmError(400, 'the body must be {"id": ..., "recipientType": "PERSON"|"DEVICE"|"GROUP"}')
        with self._lock:
            group = self._find_group(key)
            store = {"PERSON": self._people, "DEVICE": self._devices, "GROUP": self._groups}[body["recipientType"]]
            # The id, or the targetName in its place (INFERRED, as for GET /people/{id|targetName}).
            found = store.get(body["id"]) or next((r for r in store.values() if r["targetName"] == body["id"]), None)
            if found is None:
                raise XmError(404, f"Could not find a {body['recipientType'].lower()} with id or targetName {body['id']}")
            if found["id"] == group["id"]:
                raise XmError(400, "a group cannot be a member of itself")
            members = self._members.setdefault(group["id"], [])
            if found["id"] in members:
                return json_reply(200, self._membership(group, found["id"]))  # CHOICE (§12): already a member, 200, no change
            members.append(found["id"])
            return json_reply(201, self._membership(group, found["id"]))

    @_api_call
    def remove_member(self, _request: Request, _user: str, key: str, member: str) -> Reply:
        with self._lock:
            group = self._find_group(key)
            members = self._members.get(group["id"], [])
            if member not in members:
                return 204, {}, None  # CHOICE (§12): not a member, 204 like any DELETE of nothing
            members.remove(member)
            return json_reply(200, self._membership(group, member))


SEED_SITES = ("Default Site", "Berlin Office")  # "Default Site" INFERRED (reference: every tenant has one)
SEED_ROLES = ("Standard User", "Group Supervisor", "Company Supervisor", "Full Access User")  # INFERRED role names
RECIPIENT_TYPES = ("PERSON", "DEVICE", "GROUP")
PERSON_WRITABLE = {  # field → accepted Python type(s) (VERIFIED field names: Go client PushPersonParams)
    "targetName": str, "firstName": str, "lastName": str, "status": str, "language": str, "timezone": str,
    "externalKey": str, "externallyOwned": bool, "webLogin": str, "licenseType": str, "phoneLogin": str,
}
PERSON_FILTERS = ("targetName", "firstName", "lastName", "status")  # exact-match list filters (VERIFIED names, Go client)


def _typed_fields(body: dict[str, Any], writable: dict[str, Any]) -> dict[str, Any]:
    """The writable fields of ``body``, each checked against its type, and the status against STATUSES."""
    fields = {}
    for name, kind in writable.items():
        if name in body:
            if not isinstance(body[name], kind):
                raise XmError(400, f"{name} has the wrong type")
            fields[name] = body[name]
    if fields.get("status", "ACTIVE") not in STATUSES:
        raise XmError(400, f"status must be one of {', '.join(STATUSES)}")
    return fields


def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = request.json()
    except ValueError as exc:
        raise XmError(400, f"The request body is not valid JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise XmError(400, "The request body must be a JSON object")
    return body


def _person_matches(person: dict[str, Any], query: dict[str, str]) -> bool:
    """The people list filters: ``search`` (terms over the names, INFERRED fields) and exact field filters."""
    text = " ".join(str(person.get(field, "")) for field in ("targetName", "firstName", "lastName")).lower()
    if any(term not in text for term in query.get("search", "").lower().split()):
        return False
    return all(person.get(field) == query[field] for field in PERSON_FILTERS if field in query)


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


# ==================================================================================================
# Events, triggers and on-call (xmatters_event, xmatters_event_info, xmatters_oncall_info)
#
# Paths and shapes as the public clients use them (xmtoolbox, xmatters-sync, Splunk SOAR, python-xmatters, the Go
# client and the Terraform provider); where they are silent, the collection's choices: the integration trigger takes
# Basic/Bearer or ``?apiKey=`` and answers 202 {"requestId"}, the form trigger 202 {requestId, id, eventId}; a
# terminated event is final; setting the status an event already has is refused (400).
# Triggers are processed at once here (a real flow may create its event a moment later).

DEMO_FUNCTION_ID = "7d4c1a2b-3e5f-4a6b-8c9d-0e1f2a3b4c5d"  # a flow's HTTP trigger / inbound integration
DEMO_TRIGGER_API_KEY = "b7e1c2d3-4f5a-6b7c-8d9e-0f1a2b3c4d5e"  # the apiKey= of its URL
DEMO_FORM_ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e"
DEMO_FORM_NAME = "Incident Alert"
EVENT_STATUSES = ("ACTIVE", "SUSPENDED", "TERMINATED")  # VERIFIED values (xmtoolbox, Splunk SOAR: POST /events {id, status})
FINAL_STATUSES = ("TERMINATED", "TERMINATED_EXTERNAL")  # INFERRED: TERMINATED_EXTERNAL is how an external close shows
PRIORITIES = ("LOW", "MEDIUM", "HIGH")
FIRST_EVENT_NUMBER = 1000001  # INFERRED: eventId is a number distinct from the id (UUID)
# Shifts of the seed groups (invented contents; shape VERIFIED, python-xmatters OnCall): start hour (UTC), length in
# hours, members in escalation order (targetName, recipientType, delay in minutes).
SEED_SHIFTS = {
    "Operations": [
        ("Day Shift", 8, 12, [("jdoe", "PERSON", 0), ("asmith", "PERSON", 5)]),
        ("Night Shift", 20, 12, [("asmith", "PERSON", 0), (DEMO_USER, "PERSON", 10)]),
    ],
    "Database Team": [
        ("24x7", 0, 24, [("asmith", "PERSON", 0), ("jdoe|Work Email", "DEVICE", 15)]),
    ],
}
MAX_ONCALL_DAYS = 366  # a bound of this simulator on from..to, not a known xMatters limit


def _event_call(handler: Callable[..., Reply]) -> Callable[..., Reply]:
    """Like ``_api_call`` for the methods of ``EventStore``: Basic or Bearer auth, XmError as its reply."""

    @functools.wraps(handler)
    def wrapper(self: EventStore, request: Request, **params: str) -> Reply:
        try:
            return handler(self, request, self.vendor.authenticate(request), **params)
        except XmError as error:
            return error.reply()

    return wrapper


def _parse_time(query: dict[str, str], name: str) -> float | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    text = raw[:-1] + "+00:00" if raw.endswith("Z") else raw
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        raise XmError(400, f"{name} must be an ISO 8601 date and time, not {raw}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)  # INFERRED: a time without offset is UTC
    return moment.timestamp()


def _iso(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(timestamp))


class EventStore:
    """Events (created by the two triggers), their status changes, and the on-call occurrences of the groups' shifts."""

    def __init__(self, vendor: Xmatters) -> None:
        self.vendor = vendor
        self._events: dict[str, dict[str, Any]] = {}  # id → event, in creation order
        self._shifts: dict[str, list[dict[str, Any]]] = {}  # group id → shifts
        self._number = FIRST_EVENT_NUMBER

    def routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        return [
            ("POST", "/api/integration/1/functions/{function}/triggers", self.integration_trigger),
            ("POST", API + "/forms/{form}/triggers", self.form_trigger),
            ("GET", API + "/events", self.list_events),
            ("POST", API + "/events", self.change_event),
            ("GET", API + "/events/{key}", self.get_event),
            ("GET", API + "/on-call", self.on_call),
        ]

    def reset(self) -> None:
        """Called by ``Xmatters.reset_state`` (its lock held, the seed groups and people in place)."""
        self._events = {}
        self._number = FIRST_EVENT_NUMBER
        self._shifts = {}
        for group_name, shifts in SEED_SHIFTS.items():
            group = self.vendor._find_group(group_name)  # pylint: disable=protected-access  # same simulator
            self._shifts[group["id"]] = [
                {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"shift/{group_name}/{name}")), "name": name, "hour": hour, "hours": hours,
                 "members": members} for name, hour, hours, members in shifts]

    def state(self) -> dict[str, Any]:
        return {"events": copy.deepcopy(list(self._events.values()))}

    # ---- triggers ---------------------------------------------------------------------------------------

    def integration_trigger(self, request: Request, function: str) -> Reply:
        try:
            if function != DEMO_FUNCTION_ID:
                raise XmError(404, f"Could not find an integration with id {function}")  # INFERRED text
            if "apiKey" in request.query:
                # VERIFIED (xMatters help, HTTP trigger; Splunk SOAR): the trigger URL may carry its own apiKey; then no
                # Authorization is needed.
                if not hmac.compare_digest(request.query["apiKey"].encode(), DEMO_TRIGGER_API_KEY.encode()):
                    self.vendor.sim.counters.add("login_failures")
                    raise XmError(401, "Invalid apiKey")  # INFERRED text
                user = "integration"
            else:
                user = self.vendor.authenticate(request)
            body = self._trigger_body(request, by_id_only=False)
            with self.vendor._lock:  # pylint: disable=protected-access
                event = self._add_event(body, user, {"id": function, "name": "HTTP trigger"})
            return json_reply(202, {"requestId": event["requestId"]})
        except XmError as error:
            return error.reply()

    @_event_call
    def form_trigger(self, request: Request, user: str, form: str) -> Reply:
        if form != DEMO_FORM_ID:
            raise XmError(404, f"Could not find a form with id {form}")  # INFERRED text
        body = self._trigger_body(request, by_id_only=True)
        with self.vendor._lock:  # pylint: disable=protected-access
            event = self._add_event(body, user, {"id": form, "name": DEMO_FORM_NAME})
        return json_reply(202, {"requestId": event["requestId"], "id": event["id"], "eventId": event["eventId"]})

    @staticmethod
    def _trigger_body(request: Request, by_id_only: bool) -> dict[str, Any]:
        try:
            body = request.json()
        except ValueError as exc:
            raise XmError(400, f"The request body is not valid JSON: {exc}") from exc
        if not isinstance(body, dict):
            raise XmError(400, "The request body must be a JSON object")
        if not isinstance(body.get("properties", {}), dict):
            raise XmError(400, "properties must be an object")
        if body.get("priority", "MEDIUM") not in PRIORITIES:
            raise XmError(400, f"priority must be one of {', '.join(PRIORITIES)}")
        if not isinstance(body.get("conference", {}), dict):
            raise XmError(400, "conference must be an object")
        recipients = body.get("recipients", [])
        if not isinstance(recipients, list):
            raise XmError(400, "recipients must be a list")
        for recipient in recipients:
            # The forms API names each recipient by id (a targetName or UUID) with its recipientType (VERIFIED,
            # xMatters REST API "Trigger an event"); an integration also takes {"targetName"} (INFERRED, examples).
            named = isinstance(recipient, dict) and (isinstance(recipient.get("id"), str)
                                                     or (not by_id_only and isinstance(recipient.get("targetName"), str)))
            if not named or recipient.get("recipientType", "PERSON") not in ("PERSON", "GROUP", "DEVICE", "DYNAMIC_TEAM"):
                raise XmError(400, f"recipients: cannot read {recipient!r}")
        return body

    def _add_event(self, body: dict[str, Any], user: str, origin: dict[str, str]) -> dict[str, Any]:
        event_id = str(uuid.uuid4())
        self._number += 1
        event = {"id": event_id, "eventId": str(self._number), "requestId": str(uuid.uuid4()), "status": "ACTIVE",
                 "priority": body.get("priority", "MEDIUM"), "created": _now(), "submitter": {"targetName": user},
                 "form": origin, "properties": copy.deepcopy(body.get("properties", {})),
                 "recipients": copy.deepcopy(body.get("recipients", [])), "links": {"self": f"{API}/events/{event_id}"}}
        if body.get("conference"):
            event["conference"] = copy.deepcopy(body["conference"])
        self._events[event_id] = event
        return event

    # ---- events -----------------------------------------------------------------------------------------

    @_event_call
    def list_events(self, request: Request, _user: str) -> Reply:
        offset, limit = self.vendor._page(request.query)  # pylint: disable=protected-access
        query = request.query
        if ("propertyName" in query) != ("propertyValue" in query):
            raise XmError(400, "propertyName and propertyValue go together")  # INFERRED
        if query.get("status") and query["status"] not in EVENT_STATUSES + FINAL_STATUSES:
            raise XmError(400, f"status must be one of {', '.join(EVENT_STATUSES)}")
        with self.vendor._lock:  # pylint: disable=protected-access
            events = [event for event in self._events.values()
                      if (not query.get("status") or event["status"] == query["status"])
                      and (not query.get("requestId") or event["requestId"] == query["requestId"])
                      and ("propertyName" not in query
                           or str(event["properties"].get(query["propertyName"])) == query["propertyValue"])]
            data = [self._event_out(event, query.get("embed")) for event in events[offset:offset + limit]]
        return json_reply(200, _envelope("events", query, offset, limit, data, len(events)))

    @_event_call
    def get_event(self, request: Request, _user: str, key: str) -> Reply:
        with self.vendor._lock:  # pylint: disable=protected-access
            return json_reply(200, self._event_out(self._find_event(key), request.query.get("embed")))

    @_event_call
    def change_event(self, request: Request, _user: str) -> Reply:
        try:
            body = request.json()
        except ValueError as exc:
            raise XmError(400, f"The request body is not valid JSON: {exc}") from exc
        if not isinstance(body, dict) or not isinstance(body.get("id"), str) or body.get("status") not in EVENT_STATUSES:
            raise XmError(400, f"The body must be {{\"id\", \"status\"}} with a status of {', '.join(EVENT_STATUSES)}")
        with self.vendor._lock:  # pylint: disable=protected-access
            event = self._find_event(body["id"])
            if event["status"] in FINAL_STATUSES:
                raise XmError(400, f"Event {event['eventId']} is terminated and cannot change")  # the collection's choice
            if event["status"] == body["status"]:
                raise XmError(400, f"Event {event['eventId']} is already {event['status']}")  # the collection's choice
            event["status"] = body["status"]
            return json_reply(200, self._event_out(event, None))

    def _find_event(self, key: str) -> dict[str, Any]:
        # By id or by the numeric eventId (INFERRED, as people and groups take id or targetName).
        event = self._events.get(key) or next((e for e in self._events.values() if e["eventId"] == key), None)
        if event is None:
            raise XmError(404, f"Could not find an event with id {key}")
        return event

    @staticmethod
    def _event_out(event: dict[str, Any], embed: str | None) -> dict[str, Any]:
        embedded = {part.strip() for part in (embed or "").split(",")}
        # INFERRED: properties and recipients are shown only when embedded, like the other embedded collections.
        return copy.deepcopy({key: value for key, value in event.items()
                              if key not in ("properties", "recipients") or key in embedded})

    # ---- on-call ----------------------------------------------------------------------------------------

    @_event_call
    def on_call(self, request: Request, _user: str) -> Reply:
        offset, limit = self.vendor._page(request.query)  # pylint: disable=protected-access
        names = [name for name in request.query.get("groups", "").split(",") if name]
        if not names:
            raise XmError(400, "groups is required")  # INFERRED text
        start = _parse_time(request.query, "from")
        end = _parse_time(request.query, "to")
        now = time.time()
        start = now if start is None else start
        end = start if end is None else end
        if end < start or end - start > MAX_ONCALL_DAYS * 86400:
            raise XmError(400, f"to must follow from, by at most {MAX_ONCALL_DAYS} days")
        # The collection's choice: members appear only when embedded; members.owner also embeds members.
        embedded = {part.strip().split(".")[0] for part in request.query.get("embed", "").split(",")}
        owners = "members.owner" in [part.strip() for part in request.query.get("embed", "").split(",")]
        with self.vendor._lock:  # pylint: disable=protected-access
            groups = [self.vendor._find_group(name) for name in names]  # pylint: disable=protected-access  # unknown: 404
            items = []
            for group in groups:  # in the order asked, each group's occurrences by start time
                found = [(begins, shift) for shift in self._shifts.get(group["id"], []) for begins in self._occurrences(shift, start, end)]
                items.extend(self._oncall_item(group, shift, begins, "members" in embedded, owners)
                             for begins, shift in sorted(found, key=lambda pair: pair[0]))
        data = items[offset:offset + limit]
        return json_reply(200, _envelope("on-call", request.query, offset, limit, data, len(items)))

    @staticmethod
    def _occurrences(shift: dict[str, Any], start: float, end: float) -> list[float]:
        """The start times of the daily occurrences of ``shift`` that overlap [start, end] (an instant when equal)."""
        first_day = int(start // 86400) - 1
        found = []
        for day in range(first_day, int(end // 86400) + 1):
            begins = day * 86400 + shift["hour"] * 3600
            ends = begins + shift["hours"] * 3600
            if (begins <= start < ends) if start == end else (begins < end and ends > start):
                found.append(float(begins))
        return found

    def _oncall_item(self, group: dict[str, Any], shift: dict[str, Any], begins: float, members: bool, owners: bool) -> dict[str, Any]:
        item: dict[str, Any] = {
            "group": {"id": group["id"], "targetName": group["targetName"], "recipientType": "GROUP",
                      "links": {"self": f"{API}/groups/{group['id']}"}},
            "shift": {"id": shift["id"], "name": shift["name"], "links": {"self": f"{API}/groups/{group['id']}/shifts/{shift['id']}"}},
            "start": _iso(begins), "end": _iso(begins + shift["hours"] * 3600),
        }
        if members:
            data = []
            for position, (name, kind, delay) in enumerate(shift["members"], start=1):
                if kind == "DEVICE":
                    owner_name = name.partition("|")[0]
                    member: dict[str, Any] = {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, "device/" + name)), "targetName": name,
                                              "recipientType": "DEVICE", "name": name.partition("|")[2]}
                    if owners:
                        owner = self.vendor._person(owner_name)  # pylint: disable=protected-access
                        member["owner"] = {"id": owner["id"], "targetName": owner["targetName"], "recipientType": "PERSON"}
                else:
                    person = self.vendor._person(name)  # pylint: disable=protected-access
                    member = {"id": person["id"], "targetName": person["targetName"], "recipientType": "PERSON",
                              "links": {"self": f"{API}/people/{person['id']}"}}
                data.append({"position": position, "delay": delay, "escalationType": "NONE", "member": member})
            item["members"] = {"count": len(data), "total": len(data), "data": data}
        return item
