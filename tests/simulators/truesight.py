# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""BMC TrueSight Presentation Server (TSWS) simulator.

Follows the protocol reference (bmc.md part C, the TrueSight seed) and the collection's interface choices
(interface.md §6). Where the reference marks a detail INFERRED, or is silent, the choice made here says so.
"""

from __future__ import annotations

import copy
import hmac
import json
import re
import secrets
import time
import uuid
from typing import Any, Callable
from urllib.parse import urlencode

from ._base import Reply, Request, Simulator, Token, Vendor, json_reply

TOKEN_PATH = "/tsws/api/v10.1/token"
UNIFIEDADMIN = "/tsws/10.0/api/unifiedadmin"
POLICY_PATH = UNIFIEDADMIN + "/Policy"
EVENT_CREATE_PATH = "/bppmws/api/Event/create"
RECURRENCES = ("none", "daily", "weekly")
DEVICES_PATH = "/tsws/10.0/api/omprovider/devices"
INSTANCES_PATH = "/tsws/10.0/api/omprovider/instances"
DEMO_USER = "apiuser"
# Seed accounts. "api_access": the permission every REST call needs (403 without it, seed); "active": a deactivated
# user gets 401 at login (seed) and, INFERRED, on calls with a token issued before.
SEED_USERS = {
    DEMO_USER: {"password": "Api-Passw0rd!", "api_access": True, "active": True},
    "operator": {"password": "Op-Passw0rd!", "api_access": False, "active": True},
    "leaver": {"password": "Gone-Passw0rd!", "api_access": True, "active": False},
    # The local System user never gets a token (seed, text cloned from Discovery: bmc.md §0.2).
    "System": {"password": "System-Passw0rd!", "api_access": True, "active": True},
}
SYSTEM_USER = "System"
# Devices (fields VERIFIED from the TSPS 11.0 "Retrieving the list of devices" page; the values are made up).
SEED_DEVICES = [
    {"deviceId": 101, "dnsName": "db01.example.com", "ipAddress": "192.0.2.11", "deviceType": "Linux",
     "parentDeviceId": 0, "isMarkedForDelete": False, "tokenList": []},
    {"deviceId": 102, "dnsName": "web01.example.com", "ipAddress": "192.0.2.12", "deviceType": "Linux",
     "parentDeviceId": 0, "isMarkedForDelete": False, "tokenList": []},
    {"deviceId": 103, "dnsName": "esx01.example.com", "ipAddress": "192.0.2.20", "deviceType": "VmWare.Host",
     "parentDeviceId": 0, "isMarkedForDelete": False, "tokenList": []},
    {"deviceId": 104, "dnsName": "vm-app01.example.com", "ipAddress": "192.0.2.21", "deviceType": "VmWare.Virtual_Machine",
     "parentDeviceId": 103, "isMarkedForDelete": False, "tokenList": []},
]
# Monitor instances of the devices. Fields from a public TSPS PowerShell module (its instance key serverId, monTypeId,
# monInstId, and monUniqName, monInstName in its sample output); deviceId ties an instance to its device (INFERRED);
# the values are made up.
SEED_INSTANCES = [
    {"deviceId": 101, "serverId": 1, "monTypeId": 2001, "monInstId": 11, "monUniqName": "LinuxFS", "monInstName": "/var/lib/pgsql"},
    {"deviceId": 101, "serverId": 1, "monTypeId": 2002, "monInstId": 12, "monUniqName": "LinuxCPU", "monInstName": "CPU"},
    {"deviceId": 102, "serverId": 1, "monTypeId": 2002, "monInstId": 13, "monUniqName": "LinuxCPU", "monInstName": "CPU"},
    {"deviceId": 103, "serverId": 1, "monTypeId": 3001, "monInstId": 14, "monUniqName": "VMW_HOST", "monInstName": "esx01"},
]
# Response shapes of the login: "wrapped" (the 10.0 envelope, and 10.1 as three public clients read it) or "flat"
# (the 10.1 example on the "Authentication and permissions" page). Wrapped omprovider answers (devices) put their data
# under "responseContent" with responseMsg "Success" (a public TSPS PowerShell module reads them so); unifiedadmin
# answers use "response". "flat" answers the payload alone everywhere.
SHAPES = ("wrapped", "flat")
# "expires" formats: "iso" (2018-01-18T13:08:18.000Z, the 10.1 example), "naive" (2015-07-21T06:23:51, the 10.0 example,
# UTC), "timestamp" (older docs: the response time stamp rather than the expiry), "missing" (no field at all).
EXPIRES_FORMATS = ("iso", "naive", "timestamp", "missing")

# Texts: "Invalid/expired token" is VERIFIED (logout 401); the others are INFERRED.
MSG_BAD_CREDENTIALS = "Authentication failed. Invalid username or password, or the user is deactivated."
MSG_SYSTEM_USER = "A token cannot be generated for the local System user."
MSG_TOKEN = "Invalid/expired token"
MSG_MISSING_TOKEN = "The authToken is missing from the request."
MSG_NO_API_ACCESS = "Access denied. The user does not have the api-access permission."
MSG_BAD_LOGIN_BODY = "username, password and tenantName are required"

# The scheme word in any case (public scripts send "authtoken <t>" successfully: field evidence).
_AUTHORIZATION_RE = re.compile(r"authToken (\S+)", re.IGNORECASE)


class TSWSError(Exception):
    def __init__(self, status: int, message: str, content: Any = None) -> None:
        super().__init__(message)
        self.status, self.message, self.content = status, message, content


def _stamp(moment: float, millis: bool = True) -> str:
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(moment))
    return text + ".000Z" if millis else text


class Truesight(Vendor):
    """TSWS: the 10.1 token endpoint (login, validate, logout), the api-access permission, and the device list."""

    name = "truesight"
    env_prefix = "TRUESIGHT"
    demo_user = DEMO_USER
    secret_headers = frozenset({"authtoken"})
    DEFAULT_SETTINGS = {"users": copy.deepcopy(SEED_USERS), "response_shape": "wrapped", "expires_format": "iso",
                        "tenants": ["*", "BmcRealm"], "login_answer": "json", "cells": ["pncell_tsim"]}
    # login_answer "text": a hostile or foreign server answering a login 200 with authToken=...&expires=... as text.

    def __init__(self, simulator: Simulator) -> None:
        super().__init__(simulator)
        self._devices: list[dict[str, Any]] = []
        self._instances: list[dict[str, Any]] = []
        self._policies: list[dict[str, Any]] = []
        self._timeframes: list[dict[str, Any]] = []
        self._events: list[dict[str, Any]] = []

    # ---- Vendor hooks -------------------------------------------------------------------------------

    def routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        return [
            ("POST", TOKEN_PATH, self.login),
            ("GET", TOKEN_PATH, self.validate),
            ("DELETE", TOKEN_PATH, self.logout),
            ("GET", DEVICES_PATH, self._authorized(self.devices)),
            ("GET", INSTANCES_PATH, self._authorized(self.instances)),
            ("POST", POLICY_PATH + "/list", self._authorized(self.policy_list)),
            ("POST", POLICY_PATH + "/create", self._authorized(self.policy_create)),
            ("GET", POLICY_PATH + "/{ident}/list", self._authorized(self.policy_get)),
            ("POST", UNIFIEDADMIN + "/BlackoutPolicy/create", self._authorized(self.blackout_create)),
            ("PUT", UNIFIEDADMIN + "/BlackoutPolicy/{ident}/update", self._authorized(self.blackout_update)),
            ("DELETE", UNIFIEDADMIN + "/BlackoutPolicy/{ident}/delete", self._authorized(self.blackout_delete)),
            ("POST", UNIFIEDADMIN + "/Timeframe/create", self._authorized(self.timeframe_create)),
            ("POST", UNIFIEDADMIN + "/Timeframe/list", self._authorized(self.timeframe_list)),
            ("GET", UNIFIEDADMIN + "/Timeframe/{ident}/list", self._authorized(self.timeframe_get)),
            ("PUT", UNIFIEDADMIN + "/Timeframe/{ident}/update", self._authorized(self.timeframe_update)),
            ("DELETE", UNIFIEDADMIN + "/Timeframe/{ident}/delete", self._authorized(self.timeframe_delete)),
            ("POST", EVENT_CREATE_PATH, self._authorized(self.event_create)),
        ]

    def error(self, status: int, message: str) -> Reply:
        """The TSWS error envelope (VERIFIED fields; responseMsg value INFERRED), statusCode as a string."""
        return json_reply(status, {"responseTimeStamp": _stamp(time.time(), millis=False), "statusCode": str(status),
                                   "statusMsg": message, "responseMsg": "FAILED", "responseContent": None})

    def reset_state(self) -> None:
        self._devices = copy.deepcopy(SEED_DEVICES)
        self._instances = copy.deepcopy(SEED_INSTANCES)
        self._policies = [{"id": "0b6d1a3e-0000-4000-8000-000000000001", "name": "Baseline", "type": "monitoring"}]
        self._timeframes = []
        self._events = []

    def state(self) -> dict[str, Any]:
        return {"devices": copy.deepcopy(self._devices), "policies": copy.deepcopy(self._policies),
                "timeframes": copy.deepcopy(self._timeframes), "events": copy.deepcopy(self._events)}

    def check_setting(self, key: str, value: Any) -> Any:
        if key == "users":
            if not isinstance(value, dict) or not value or not all(
                    isinstance(name, str) and isinstance(user, dict) and isinstance(user.get("password"), str)
                    for name, user in value.items()):
                raise ValueError("'users' must map user names to objects with a 'password' (and 'api_access', 'active')")
            return {name: {"api_access": True, "active": True, **user} for name, user in value.items()}
        if key == "response_shape":
            if value not in SHAPES:
                raise ValueError(f"'response_shape' must be one of {', '.join(SHAPES)}")
            return value
        if key == "expires_format":
            if value not in EXPIRES_FORMATS:
                raise ValueError(f"'expires_format' must be one of {', '.join(EXPIRES_FORMATS)}")
            return value
        if key == "login_answer":
            if value not in ("json", "text"):
                raise ValueError("'login_answer' must be \"json\" or \"text\"")
            return value
        if key == "cells":
            if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
                raise ValueError("'cells' must be a list of cell names")
            return list(value)
        if key == "tenants":
            if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
                raise ValueError("'tenants' must be a list of tenant names")
            return list(value)
        return super().check_setting(key, value)

    # ---- replies ------------------------------------------------------------------------------------

    def _ok(self, payload: Any, key: str = "response") -> Reply:
        if self.sim.settings["response_shape"] == "flat":
            return json_reply(200, payload)
        body = {"responseTimeStamp": _stamp(time.time(), millis=False), "statusCode": "200", "statusMsg": "OK", key: payload}
        if key == "responseContent":
            body = {"requestTimeStamp": body["responseTimeStamp"], **body, "responseMsg": "Success"}
        return json_reply(200, body)

    # ---- authentication -----------------------------------------------------------------------------

    def login(self, request: Request) -> Reply:
        # A JSON body is the documented way; BMC's curl example sends the same fields as query parameters (VERIFIED),
        # so both are read and the body wins.
        fields = dict(request.query)
        if request.body.strip():
            try:
                body = request.json()
            except ValueError:
                return self.error(400, MSG_BAD_LOGIN_BODY)
            if not isinstance(body, dict):
                return self.error(400, MSG_BAD_LOGIN_BODY)
            fields.update({key: value for key, value in body.items() if isinstance(value, str)})
        username, password, tenant = fields.get("username"), fields.get("password"), fields.get("tenantName")
        if not username or password is None or not tenant:
            return self.error(400, MSG_BAD_LOGIN_BODY)
        user = self.sim.settings["users"].get(username)
        # INFERRED: the System user is refused with 401, like other logins that cannot get a token.
        if username == SYSTEM_USER:
            self.sim.counters.add("login_failures")
            return self.error(401, MSG_SYSTEM_USER)
        if (user is None or not hmac.compare_digest(user["password"].encode(), password.encode()) or not user["active"]
                or tenant not in self.sim.settings["tenants"]):
            self.sim.counters.add("login_failures")
            return self.error(401, MSG_BAD_CREDENTIALS)
        if not user["api_access"]:  # "403 from any endpoint" (seed); INFERRED that the token endpoint is one
            self.sim.counters.add("login_failures")
            return self.error(403, MSG_NO_API_ACCESS)
        token = self.sim.tokens.issue(username, self.sim.settings["token_lifetime"],
                                      lambda issued, expires: "_" + secrets.token_hex(16))
        token.data["tenant"] = tenant
        self.sim.counters.add("logins")
        payload = {"authToken": token.value, "authPassed": True, "status": "OK"}
        expires = self._expires(token)
        if expires is not None:
            payload["expires"] = expires
        if self.sim.settings["login_answer"] == "text":
            return 200, {"Content-Type": "text/plain"}, urlencode(payload)
        return self._ok(payload)

    def _expires(self, token: Token) -> str | None:
        style = self.sim.settings["expires_format"]
        # Rounded down to the second, so that a client trusting it never keeps a token longer than the simulator.
        if style == "iso":
            return _stamp(int(token.expires_at))
        if style == "naive":
            return _stamp(int(token.expires_at), millis=False)
        if style == "timestamp":
            return _stamp(token.issued_at, millis=False)
        return None

    def _token_value(self, request: Request) -> str | None:
        """Data calls: ``Authorization: authToken <t>`` (VERIFIED, scheme word in any case) or a header named authToken."""
        match = _AUTHORIZATION_RE.fullmatch(request.header("Authorization") or "")
        if match:
            return match.group(1)
        return self._named_token(request)

    @staticmethod
    def _named_token(request: Request) -> str | None:
        """The header NAMED authToken, its value ``authToken <t>`` (VERIFIED for validate and logout: the 10.1 pages
        and public clients); a bare ``<t>`` is accepted too (INFERRED)."""
        value = (request.header("authToken") or "").strip()
        match = _AUTHORIZATION_RE.fullmatch(value)
        return match.group(1) if match else (value or None)

    def session(self, request: Request, value: str | None = None) -> Token:
        """The live token of the request (or ``value``), its user still active and allowed API access."""
        value = value or self._token_value(request)
        if value is None:
            raise TSWSError(401, MSG_TOKEN)
        token = self.sim.tokens.lookup(value)
        user = self.sim.settings["users"].get(token.subject) if token else None
        if token is None or user is None or not user["active"]:
            raise TSWSError(401, MSG_TOKEN)
        if not user["api_access"]:
            raise TSWSError(403, MSG_NO_API_ACCESS)
        return token

    def _authorized(self, handler: Callable[..., Reply]) -> Callable[..., Reply]:
        def wrapper(request: Request, **params: str) -> Reply:
            try:
                return handler(request, self.session(request), **params)
            except TSWSError as error:
                return self.error(error.status, error.message)
        return wrapper

    def validate(self, request: Request) -> Reply:
        # Validate and logout read the header named authToken only (VERIFIED: "a header named authToken"); an
        # Authorization header alone is a missing token there (INFERRED: the documented 400 for a missing token).
        value = self._named_token(request)
        if value is None:
            return self.error(400, MSG_MISSING_TOKEN)  # VERIFIED: 400 for a missing token
        try:
            token = self.session(request, value)
        except TSWSError as error:
            return self.error(error.status, error.message)
        body = {"responseTimeStamp": _stamp(time.time(), millis=False), "statusCode": "200", "statusMsg": "OK"}
        if (request.header("getTokenDetails") or "").lower() == "true":
            body["response"] = {"tenantName": token.data.get("tenant", "*"), "username": token.subject}
        return json_reply(200, body)

    def logout(self, request: Request) -> Reply:
        value = self._named_token(request)
        if value is None:
            return self.error(400, MSG_MISSING_TOKEN)
        if self.sim.tokens.lookup(value) is None:
            # VERIFIED: 401 "Invalid/expired token", the response part curiously still saying authPassed true.
            status, headers, body = self.error(401, MSG_TOKEN)
            return status, headers, {**body, "response": {"authPassed": True, "status": "OK"}}
        self.sim.tokens.revoke(value)
        self.sim.counters.add("logouts")
        return json_reply(200, {"responseTimeStamp": _stamp(time.time(), millis=False), "statusCode": "200",
                                "statusMsg": "OK", "response": {"authPassed": True, "status": "OK"}})

    # ---- data ---------------------------------------------------------------------------------------

    def devices(self, request: Request, _token: Token) -> Reply:
        # VERIFIED parameters; parentDeviceId -1: all, 0: devices without a parent, else the children of that device.
        # deviceEntityType "all" or one type. INFERRED: missing parameters mean "*", "all", -1; a bad one is 400.
        query = request.query
        entity = query.get("deviceEntityType", "all")
        try:
            parent = int(query.get("parentDeviceId", "-1"))
        except ValueError:
            return self.error(400, "parentDeviceId must be an integer")
        found = [device for device in self._devices
                 if (entity == "all" or device["deviceType"] == entity) and (parent == -1 or device["parentDeviceId"] == parent)]
        return self._ok({"deviceList": copy.deepcopy(found)}, key="responseContent")

    def instances(self, request: Request, _token: Token) -> Reply:
        # GET omprovider/instances?tenantId=&deviceId=&monUniqName= answers responseContent.instanceList (the TSPS
        # PowerShell module; it notes that the serverId/monTypeId/monInstId parameters do not work as documented, so
        # they are not simulated). INFERRED: deviceId and monUniqName filter (both when both are given), an unknown
        # device gives an empty list, a deviceId that is not an integer is 400.
        query = request.query
        device = query.get("deviceId")
        if device is not None:
            try:
                device = int(device)
            except ValueError:
                return self.error(400, "deviceId must be an integer")
        kind = query.get("monUniqName")
        found = [instance for instance in self._instances
                 if (device is None or instance["deviceId"] == device) and (kind is None or instance["monUniqName"] == kind)]
        return self._ok({"instanceList": copy.deepcopy(found)}, key="responseContent")

    def policy_list(self, request: Request, _token: Token) -> Reply:
        # A POST that only reads (TSIM 11.0 "Creating a policy using web services" family; field evidence): the body's
        # "type" filters by policy type, "stringToSearch" matches "fieldToSearch" (default name) as a substring; the
        # answer is response.policyList. INFERRED: the match ignores case, as the console's search does.
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return self.error(400, "the body is not JSON")
        body = body if isinstance(body, dict) else {}
        wanted_type, text = body.get("type"), str(body.get("stringToSearch") or "").lower()
        field = body.get("fieldToSearch") or "name"
        found = [policy for policy in self._policies if (not wanted_type or policy.get("type") == wanted_type)
                 and text in str(policy.get(field) or "").lower()]
        return self._ok({"policyList": copy.deepcopy(found)})

    def policy_create(self, request: Request, _token: Token) -> Reply:
        # A failure reported in the envelope of an HTTP 200 answer (statusCode "409"), as TSWS does for some calls.
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return self.error(400, "the body is not JSON")
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name:
            return self.error(400, "a policy needs a name")
        if any(policy["name"] == name for policy in self._policies):
            return json_reply(200, {"responseTimeStamp": _stamp(time.time(), millis=False), "statusCode": "409",
                                    "statusMsg": f"Policy {name} already exists", "responseMsg": "FAILED", "responseContent": None})
        self._policies.append({"id": str(uuid.uuid4()), "name": name, "type": str(body.get("type") or "monitoring")})
        return self._ok({"name": name})

    # ---- unifiedadmin blackout policies and timeframes (the collection's choices, interface §12) ------------------

    @staticmethod
    def _envelope_failure(status: int, message: str) -> Reply:
        """A failure inside an HTTP 200 answer (statusCode not 2xx), as unifiedadmin reports some of them."""
        return json_reply(200, {"responseTimeStamp": _stamp(time.time(), millis=False), "statusCode": str(status),
                                "statusMsg": message, "responseMsg": "FAILED", "response": None})

    def _created(self, obj: dict[str, Any], what: str) -> Reply:
        # INFERRED answer of a unifiedadmin create/update/delete: response is a list of one result with resourceId.
        return self._ok([{"resourceId": obj["id"], "resourceName": obj["name"], "statusCode": "200",
                          "statusMsg": f"Successfully {what}"}])

    @staticmethod
    def _body_object(request: Request, key: str) -> dict[str, Any] | None:
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return None
        obj = body.get(key) if isinstance(body, dict) else None
        return obj if isinstance(obj, dict) else None

    def _checked_body(self, request: Request, key: str, check: Callable[[dict[str, Any]], str | None]) -> tuple[Any, Reply | None]:
        """The object under ``key`` of a unifiedadmin body, or the 400 answer that refuses it."""
        obj = self._body_object(request, key)
        if obj is None:
            return None, self.error(400, f"the body must be {{\"{key}\": {{...}}}}")
        problem = check(obj)
        return obj, (self.error(400, problem) if problem else None)

    def _find(self, items: list[dict[str, Any]], ident: str, id_type: str = "id") -> dict[str, Any] | None:
        key = "name" if id_type == "name" else "id"
        return next((item for item in items if item.get(key) == ident), None)

    def _check_timeframe(self, frame: dict[str, Any]) -> str | None:
        if not isinstance(frame.get("name"), str) or not frame["name"]:
            return "a timeframe needs a name"
        start, end = frame.get("startDate"), frame.get("endDate")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or end <= start:
            return "startDate and endDate must be epoch milliseconds, endDate after startDate"
        if frame.get("recurrence", "none") not in RECURRENCES:
            return f"recurrence must be one of {', '.join(RECURRENCES)}"
        if not isinstance(frame.get("timezone"), str) or not frame["timezone"]:
            return "a timeframe needs a timezone"
        return None

    def _check_blackout(self, policy: dict[str, Any]) -> str | None:
        if not isinstance(policy.get("name"), str) or not policy["name"]:
            return "a policy needs a name"
        if policy.get("type") != "blackout":
            return "a blackout policy has type blackout"
        if not isinstance(policy.get("agentSelectionCriteria"), str) or not policy["agentSelectionCriteria"].strip():
            return "a blackout policy needs agentSelectionCriteria"
        frames = policy.get("timeframes")
        if not isinstance(frames, list) or not frames or not all(
                isinstance(frame, dict) and self._find(self._timeframes, frame.get("id")) for frame in frames):
            return "a blackout policy references existing timeframes by id"
        return None

    def blackout_create(self, request: Request, token: Token) -> Reply:
        policy, refusal = self._checked_body(request, "blackoutPolicy", self._check_blackout)
        if refusal:
            return refusal
        if self._find(self._policies, policy["name"], "name"):
            return self._envelope_failure(409, f"Policy {policy['name']} already exists")
        stored = {**copy.deepcopy(policy), "id": str(uuid.uuid4()), "owner": token.subject}
        self._policies.append(stored)
        return self._created(stored, "created the policy")

    def blackout_update(self, request: Request, _token: Token, ident: str) -> Reply:
        current = self._find(self._policies, ident)
        if current is None or current.get("type") != "blackout":
            return self._envelope_failure(404, f"Policy {ident} does not exist")
        policy, refusal = self._checked_body(request, "blackoutPolicy", self._check_blackout)
        if refusal:
            return refusal
        current.update({**copy.deepcopy(policy), "id": ident, "owner": current.get("owner")})
        return self._created(current, "updated the policy")

    def blackout_delete(self, _request: Request, _token: Token, ident: str) -> Reply:
        current = self._find(self._policies, ident)
        if current is None or current.get("type") != "blackout":
            return self._envelope_failure(404, f"Policy {ident} does not exist")
        self._policies.remove(current)
        return self._created(current, "deleted the policy")

    def policy_get(self, request: Request, _token: Token, ident: str) -> Reply:
        id_type = request.query.get("idType", "id")
        if id_type not in ("id", "name"):
            return self.error(400, "idType must be id or name")
        found = self._find(self._policies, ident, id_type)
        if found is None:
            return self._envelope_failure(404, f"Policy {ident} does not exist")
        return self._ok({"policyList": [copy.deepcopy(found)]})

    def timeframe_create(self, request: Request, _token: Token) -> Reply:
        frame, refusal = self._checked_body(request, "timeframe", self._check_timeframe)
        if refusal:
            return refusal
        if self._find(self._timeframes, frame["name"], "name"):
            return self._envelope_failure(409, f"Timeframe {frame['name']} already exists")
        stored = {"recurrence": "none", **copy.deepcopy(frame), "id": str(uuid.uuid4())}
        self._timeframes.append(stored)
        return self._created(stored, "created the timeframe")

    def timeframe_list(self, _request: Request, _token: Token) -> Reply:
        return self._ok({"timeframeList": copy.deepcopy(self._timeframes)})

    def timeframe_get(self, _request: Request, _token: Token, ident: str) -> Reply:
        found = self._find(self._timeframes, ident)
        if found is None:
            return self._envelope_failure(404, f"Timeframe {ident} does not exist")
        return self._ok({"timeframeList": [copy.deepcopy(found)]})

    def timeframe_update(self, request: Request, _token: Token, ident: str) -> Reply:
        current = self._find(self._timeframes, ident)
        if current is None:
            return self._envelope_failure(404, f"Timeframe {ident} does not exist")
        frame, refusal = self._checked_body(request, "timeframe", self._check_timeframe)
        if refusal:
            return refusal
        current.update({**copy.deepcopy(frame), "id": ident})
        return self._created(current, "updated the timeframe")

    def timeframe_delete(self, _request: Request, _token: Token, ident: str) -> Reply:
        current = self._find(self._timeframes, ident)
        if current is None:
            return self._envelope_failure(404, f"Timeframe {ident} does not exist")
        users = [policy["name"] for policy in self._policies
                 if any(isinstance(frame, dict) and frame.get("id") == ident for frame in policy.get("timeframes") or [])]
        if users:
            return self.error(400, f"Timeframe {current['name']} is used by the policy {', '.join(users)}")
        self._timeframes.remove(current)
        return self._created(current, "deleted the timeframe")

    # ---- TSIM events (the same server stands for the Infrastructure Management server) --------------------------

    def event_create(self, request: Request, _token: Token) -> Reply:
        # Field evidence (public TSIM clients): POST /bppmws/api/Event/create?routingId=<cell>&routingIdType=CELL_NAME,
        # a JSON array of events, each {eventSourceHostName, attributes: {CLASS, severity, msg, mc_object, ...}};
        # the answer is {statusCode, statusMsg, responseList: [{mc_ueid, statusCode, statusMsg}]}. INFERRED: an unknown
        # cell is a failure inside a 200 answer; the simulator knows the cells in the "cells" setting.
        if request.query.get("routingIdType") != "CELL_NAME" or not request.query.get("routingId"):
            return self.error(400, "routingId and routingIdType=CELL_NAME are required")
        try:
            events = json.loads(request.body or b"null")
        except ValueError:
            return self.error(400, "the body is not JSON")
        if not isinstance(events, list) or not events or not all(
                isinstance(event, dict) and isinstance(event.get("attributes"), dict) for event in events):
            return self.error(400, "the body must be a JSON array of events with attributes")
        cell = request.query["routingId"]
        if cell not in self.sim.settings["cells"]:
            return json_reply(200, {"statusCode": "500", "statusMsg": f"Cell {cell} is not reachable", "responseList": []})
        answers = []
        for event in events:
            ueid = "mc.%s.%s" % (cell, uuid.uuid4().hex[:12])
            self._events.append({"mc_ueid": ueid, "cell": cell, **copy.deepcopy(event)})
            answers.append({"mc_ueid": ueid, "statusCode": "200", "statusMsg": "Event created"})
        return json_reply(200, {"statusCode": "200", "statusMsg": "OK", "responseList": answers})
