# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""BMC Remedy AR System REST API simulator.

Follows the protocol reference (bmc.md part A) and the collection's interface choices (interface.md §6). Where the
reference marks a detail INFERRED, or is silent, the choice made here says so in a comment.
"""

from __future__ import annotations

import base64
import email.utils
import functools
import hashlib
import hmac
import itertools
import json
import re
import secrets
import threading
import time
from decimal import Decimal
from typing import Any, Callable
from urllib.parse import quote, urlencode

from . import _qualification
from ._base import Reply, Request, Simulator, Token, Vendor, json_reply

DEMO_USER = "Demo"
SEED_USERS = {DEMO_USER: "Demo-Passw0rd!", "Allen": "password"}
ISSUER = "remedy-sim"
# BMC sets nbf before iat to absorb clock skew (VERIFIED); by how much is not documented: INFERRED 60 s.
NOT_BEFORE_SKEW = 60
PRODUCT = {"product": "AR System (simulator)", "version": "23.3.00", "build": "sim"}  # INFERRED shape and values
ENTRY_VERSIONS = "v1|v1.0"  # clients use both (VERIFIED)
# Join/display-only forms answer a create with 204 and no Location (VERIFIED behaviour; the default list is INFERRED
# from jiholland/ansible-role_remedy expecting 204 from AST:ComputerSystem).
DEFAULT_NO_ID_FORMS = ["AST:ComputerSystem"]
DEFAULT_MAX_LIMIT = 2000  # server-side cap on a list's page size: INFERRED value
# A create on an interface-create form makes the record on the query/modify interface form:
# create form -> (interface form, number field, number prefix, default Status). VERIFIED for incidents (INC...);
# INFERRED for change requests (the CRQ... "Infrastructure Change ID" clients read back, and the Draft status).
INTERFACE_CREATE_FORMS = {"HPD:IncidentInterface_Create": ("HPD:IncidentInterface", "Incident Number", "INC", "New"),
                          "CHG:ChangeInterface_Create": ("CHG:ChangeInterface", "Infrastructure Change ID", "CRQ", "Draft")}
# The first generated id of a form: INFERRED; chosen to match the reference's example (000000000000101, INC000000000101).
FIRST_ENTRY_NUMBER = 101
# Display-only work fields clients send with writes: accepted and never stored (both spellings are seen, bmc.md A.6).
IGNORED_FIELDS = frozenset({"z1D Action", "z1D_Action"})
# Core fields the server maintains; client-supplied values for them are ignored. INFERRED: a real server may reject them.
CORE_FIELDS = frozenset({"Request ID", "Submitter", "Submit Date", "Last Modified By", "Last Modified Date"})
SEED_DATE = "2024-01-15T09:00:00.000+0000"
SEED_PEOPLE = [  # CTM:People fields are INFERRED (bmc.md A.7)
    {"Person ID": "PPL000000000001", "Remedy Login ID": "Allen", "First Name": "Allen", "Last Name": "Allbrook",
     "Internet E-mail": "allen.allbrook@example.com", "Company": "Calbro Services", "Profile Status": "Enabled"},
    {"Person ID": "PPL000000000002", "Remedy Login ID": "Mary", "First Name": "Mary", "Last Name": "Mann",
     "Internet E-mail": "mary.mann@example.com", "Company": "Calbro Services", "Profile Status": "Enabled"},
    {"Person ID": "PPL000000000003", "Remedy Login ID": DEMO_USER, "First Name": "Demo", "Last Name": "User",
     "Internet E-mail": "demo.user@example.com", "Company": "Calbro Services", "Profile Status": "Enabled"},
]

# AR errors: (HTTP status, messageNumber, messageText), answered as a one-element array of AR status objects (shape
# VERIFIED, bmc.md A.5). No stored source shows these exact answers, so every status, number and text is INFERRED.
AUTH_FAILED = (401, 623, "Authentication failed")  # INFERRED standard AR text; 401 + 623 fixed by interface.md §6
SESSION_INVALID = (401, 8907, "Your session has expired or is invalid")  # INFERRED text; 401 + 8907 fixed by §6
NO_SUCH_ENTRY = (404, 302, "Entry does not exist in database")  # INFERRED standard AR text (bmc.md A.5)
BAD_QUALIFICATION = (400, 1587, "Error in the qualification")  # INFERRED number and text
BAD_BODY = (400, 8972, "The request body is not a valid entry: expected a JSON object with a \"values\" object")  # INFERRED
BAD_PARAMETER = (400, 8973, "Invalid query parameter")  # INFERRED number and text
NO_SUCH_FORM = (404, 303, "Form does not exist on server")  # VERIFIED number and text (docs.bmc.com); INFERRED status
MISSING_REQUIRED = (400, 307, "Required field (without a default) not specified")  # INFERRED text and status
# AR System serves its REST API over plain HTTP as well (BMC's examples log in over http://localhost:8008): the plain
# listener answers like the HTTPS one. Jetty answers an unknown path with its own HTML page (VERIFIED shape: public
# AR client test fixtures), not an AR error array.
JETTY_404 = ("<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
             "<title>Error 404 Not Found</title>\n</head>\n<body><h2>HTTP ERROR 404 Not Found</h2>\n"
             "<table>\n<tr><th>URI:</th><td>{path}</td></tr>\n<tr><th>STATUS:</th><td>404</td></tr>\n"
             "</table>\n<hr><a href=\"https://eclipse.org/jetty\">Powered by Jetty://</a>\n</body>\n</html>\n")
# The forms of the simulated server and their required fields (a create without one of them, or with it empty, is
# refused with ARERR 307). The ITSM forms are the ones public clients use; which fields are required is INFERRED
# from those clients (every one sends these).
# The attachment fields of a form (its attachment pool). VERIFIED for HPD:WorkLog: the three fields
# "z2AF Work Log01".."03" that clients fill; INFERRED that a part for any other field is refused.
ATTACHMENT_FIELDS = {"HPD:WorkLog": ["z2AF Work Log01", "z2AF Work Log02", "z2AF Work Log03"]}
# A multipart create (VERIFIED shape, remedy-py attach_file_to_incident): a part named "entry" holding the JSON
# {"values": {...}}, and one part per file named "attach-<attachment field>" with a filename; the field's value in
# "values" is the file name. INFERRED: the error numbers and texts below, and the largest attachment accepted.
BAD_MULTIPART = (400, 8974, "The multipart request is not valid")
NO_SUCH_ATTACHMENT_FIELD = (400, 8975, "The attachment field does not exist on the form")
ATTACHMENT_TOO_LARGE = (400, 8976, "The attachment exceeds the maximum attachment size")
DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Every form named RESTAUTH:<name> exists too, without required fields: the simulated site's own custom forms.
CUSTOM_FORM_PREFIX = "RESTAUTH:"
DEFAULT_FORMS = {
    "User": ["Login Name"],
    "CTM:People": ["First Name", "Last Name"],
    "COM:Company": [],
    "CTM:Support Group": [],
    "HPD:Help Desk": [],
    "HPD:IncidentInterface": [],
    # Status has a default ("New"), so it is not required.
    "HPD:IncidentInterface_Create": ["First_Name", "Last_Name", "Description", "Impact", "Urgency", "Reported Source",
                                     "Service_Type"],
    "HPD:WorkLog": ["Incident Number", "Description", "Work Log Type"],
    "CHG:ChangeInterface": [],
    "CHG:ChangeInterface_Create": ["Description", "Impact", "Urgency", "Company"],
    "CHG:WorkLog": ["Infrastructure Change ID", "Description", "Work Log Type"],
    "CHG:Infrastructure Change": [],
    "SRM:RequestInterface_Create": [],
    "PBM:ProblemInterface_Create": [],
    "TMS:Task": [],
    "AST:ComputerSystem": ["Name"],
}

_AUTHORIZATION_RE = re.compile(r"AR-JWT (\S+)")  # the scheme word is exactly AR-JWT, one space (VERIFIED)
_DIGITS_RE = re.compile(r"[0-9]+")
_FIELDS_RE = re.compile(r"\s*values\((.*)\)\s*", re.DOTALL)
_JSON_TYPES = {str: "string", list: "array", int: "number", float: "number", bool: "boolean", type(None): "null"}


class ARError(Exception):
    """An AR error answered as ``[{"messageType": "ERROR", ...}]`` with an HTTP status."""

    def __init__(self, error: tuple[int, int, str], appended: str = "") -> None:
        super().__init__(error[2])
        self.status, self.number, self.text = error
        self.appended = appended

    def reply(self) -> Reply:
        return json_reply(self.status, [{"messageType": "ERROR", "messageNumber": self.number,
                                         "messageText": self.text, "messageAppendedText": self.appended}])


def _ar_call(handler: Callable[..., Reply]) -> Callable[..., Reply]:
    """Require ``Authorization: AR-JWT <live token>``, pass the token on, and turn ARError into its reply."""

    @functools.wraps(handler)
    def wrapper(self: Remedy, request: Request, **params: str) -> Reply:
        try:
            return handler(self, request, self.session(request), **params)
        except ARError as error:
            return error.reply()

    return wrapper


class Remedy(Vendor):
    """AR System: JWT login/logout, entries on the server's forms, the incident interface, HTTPS and plain HTTP."""

    name = "remedy"
    env_prefix = "REMEDY"
    demo_user = DEMO_USER
    # Besides the data settings, for tests of hostile or unusual servers: ``list_links`` (false: lists carry no
    # ``_links``, as some real servers answer), ``clock_offset`` (seconds the server's clock is ahead of the real one,
    # negative when behind: the JWT claims and the login's Date header follow it, the token store does not), and
    # ``login_answer`` ("jwt", the real answer; "json": the token inside {"token": ...}, as a proxy or another product
    # may answer). ``forms`` maps each form of the server to its required fields (an unknown form is ARERR 303).
    DEFAULT_SETTINGS = {"users": dict(SEED_USERS), "max_limit": DEFAULT_MAX_LIMIT, "no_id_forms": list(DEFAULT_NO_ID_FORMS),
                        "list_links": True, "clock_offset": 0, "login_answer": "jwt",
                        "max_attachment_bytes": DEFAULT_MAX_ATTACHMENT_BYTES,
                        "forms": {name: list(fields) for name, fields in DEFAULT_FORMS.items()}}

    def __init__(self, simulator: Simulator) -> None:
        super().__init__(simulator)
        self._signing_key = secrets.token_bytes(32)
        self._cache_ids = itertools.count(1)
        self._lock = threading.RLock()
        self._forms: dict[str, dict[str, dict[str, Any]]] = {}
        self._links: dict[str, dict[str, str]] = {}  # create-interface form → create id → incident entry id
        self._attachments: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}  # form → entry id → field → file
        self._sequences: dict[str, int] = {}

    # ---- Vendor hooks -------------------------------------------------------------------------------

    def routes(self) -> list[tuple[str, str, Callable[..., Reply]]]:
        entries = "/api/arsys/{version:" + ENTRY_VERSIONS + "}/entry/{form}"
        return [
            ("POST", "/api/jwt/login", self.login),
            ("POST", "/api/jwt/logout", self.logout),
            ("GET", "/api/about", self.about),
            ("GET", "/api/version", self.about),
            ("GET", entries, self.list_entries),
            ("POST", entries, self.create_entry),
            ("GET", entries + "/{entry_id}", self.get_entry),
            ("PUT", entries + "/{entry_id}", self.update_entry),
            ("DELETE", entries + "/{entry_id}", self.delete_entry),
        ]

    def error(self, status: int, message: str) -> Reply:
        """Jetty's HTML page for a 404 (an unknown path); the base's {"message", "code", "transient"} shape for wrong
        methods and faults without a body (INFERRED: the shape of the AR REST layer's own errors)."""
        if status == 404:
            path = message.rpartition(" at ")[2]
            body = JETTY_404.format(path=path.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
            return 404, {"Content-Type": "text/html;charset=iso-8859-1"}, body
        return super().error(status, message)

    def reset_state(self) -> None:
        with self._lock:
            self._forms = {}
            self._links = {}
            self._attachments = {}
            self._sequences = {}
            for number, person in enumerate(SEED_PEOPLE, start=1):
                self._store("CTM:People", f"{number:015d}", dict(person), DEMO_USER, SEED_DATE)

    def state(self) -> dict[str, Any]:
        with self._lock:
            # Attachments byte for byte, as base64, for tests to compare with the files sent.
            attachments = {form: {entry_id: {field: _attachment_dump(item) for field, item in fields.items()}
                                  for entry_id, fields in entries.items()}
                           for form, entries in self._attachments.items()}
            return {"forms": json.loads(json.dumps(self._forms)), "attachments": attachments}

    def check_setting(self, key: str, value: Any) -> Any:
        if key == "users":
            if not isinstance(value, dict) or not value or not all(
                    isinstance(name, str) and isinstance(password, str) for name, password in value.items()):
                raise ValueError("'users' must be a non-empty object mapping user names to passwords")
            return dict(value)
        if key == "max_limit":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError("'max_limit' must be a positive integer")
            return value
        if key == "list_links":
            if not isinstance(value, bool):
                raise ValueError("'list_links' must be true or false")
            return value
        if key == "max_attachment_bytes":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError("'max_attachment_bytes' must be a non-negative integer")
            return value
        if key == "clock_offset":
            if not isinstance(value, (int, float)) or isinstance(value, bool) or abs(value) > 86400:
                raise ValueError("'clock_offset' must be a number of seconds within a day")
            return value
        if key == "login_answer":
            if value not in ("jwt", "json"):
                raise ValueError("'login_answer' must be \"jwt\" or \"json\"")
            return value
        if key == "forms":
            if not isinstance(value, dict) or not all(
                    isinstance(name, str) and isinstance(fields, list) and all(isinstance(field, str) for field in fields)
                    for name, fields in value.items()):
                raise ValueError("'forms' must map form names to lists of required field names")
            return {name: list(fields) for name, fields in value.items()}
        if key == "no_id_forms":
            if not isinstance(value, list) or not all(isinstance(form, str) for form in value):
                raise ValueError("'no_id_forms' must be a list of form names")
            return list(value)
        return super().check_setting(key, value)

    # ---- authentication -----------------------------------------------------------------------------

    def login(self, request: Request) -> Reply:
        # The form body is the documented way; one client sends the same fields as query parameters with an empty
        # body (VERIFIED client behaviour), so both are read and the body wins. authString is accepted and ignored.
        fields = {**request.query, **request.form()}
        username = fields.get("username", "")
        user = self._authenticate(username, fields.get("password", ""))
        if user is None:
            self.sim.counters.add("login_failures")
            return ARError(AUTH_FAILED, username).reply()
        token = self.sim.tokens.issue(user, self.sim.settings["token_lifetime"], functools.partial(self._jwt, user))
        self.sim.counters.add("logins")
        headers = {"Date": email.utils.formatdate(time.time() + self.sim.settings["clock_offset"], usegmt=True)}
        if self.sim.settings["login_answer"] == "json":
            return json_reply(200, {"token": token.value}, headers)
        # the raw JWT, not JSON (VERIFIED)
        return 200, {"Content-Type": "text/plain;charset=UTF-8", **headers}, token.value

    def _authenticate(self, username: str, password: str) -> str | None:
        # AR login names are matched case-insensitively (INFERRED; the reference's example logs in as "allen").
        for name, secret in self.sim.settings["users"].items():
            if name.lower() == username.lower() and hmac.compare_digest(secret.encode(), password.encode()):
                return name
        return None

    def _jwt(self, user: str, issued_at: float, expires_at: float) -> str:
        """A signed JWT with BMC's documented claims; jti makes every token unique. exp is rounded down, so a client
        that trusts it never keeps a token longer than the simulator does."""
        offset = self.sim.settings["clock_offset"]
        claims = {"sub": user, "iss": ISSUER, "iat": int(issued_at + offset), "nbf": int(issued_at + offset) - NOT_BEFORE_SKEW,
                  "exp": int(expires_at + offset), "_cacheId": next(self._cache_ids), "jti": secrets.token_hex(16)}
        signing_input = f"{_b64_json({'alg': 'HS256', 'typ': 'JWT'})}.{_b64_json(claims)}"
        signature = hmac.new(self._signing_key, signing_input.encode("ascii"), hashlib.sha256).digest()
        return f"{signing_input}.{_b64(signature)}"

    def session(self, request: Request) -> Token:
        """The live token of ``Authorization: AR-JWT <token>``; a missing, malformed, unknown, expired or
        logged-out token is refused with 401 and AR error 8907 (interface.md §6)."""
        match = _AUTHORIZATION_RE.fullmatch(request.header("Authorization") or "")
        token = self.sim.tokens.lookup(match.group(1)) if match else None
        if token is None:
            raise ARError(SESSION_INVALID)
        return token

    @_ar_call
    def logout(self, _request: Request, token: Token) -> Reply:
        self.sim.tokens.revoke(token.value)
        self.sim.counters.add("logouts")
        return 204, {}, None

    def about(self, _request: Request) -> Reply:
        return json_reply(200, PRODUCT)

    # ---- entries --------------------------------------------------------------------------------------

    @_ar_call
    def list_entries(self, request: Request, _token: Token, version: str, form: str) -> Reply:
        self._require_form(form)
        query = request.query
        matches = _qualification_predicate(query.get("q", ""))
        wanted = _requested_fields(query)
        order = _sort_order(query.get("sort", ""))
        offset, limit = self._page(query)
        with self._lock:
            rows = [(entry_id, dict(values)) for entry_id, values in self._forms.get(form, {}).items() if matches(values)]
        for name, descending in reversed(order):  # stable sorts, least significant key first
            rows.sort(key=lambda row, name=name: _sort_key(row[1].get(name)), reverse=descending)
        entries = [{"values": _select(values, wanted), "_links": self._self_link(version, form, entry_id)}
                   for entry_id, values in rows[offset:offset + limit]]
        if not self.sim.settings["list_links"]:
            return json_reply(200, {"entries": entries})
        return json_reply(200, {"entries": entries, "_links": self._page_links(version, form, query, (offset, limit), len(rows))})

    @_ar_call
    def get_entry(self, request: Request, _token: Token, version: str, form: str, entry_id: str) -> Reply:
        self._require_form(form)
        wanted = _requested_fields(request.query)
        values = self._lookup(form, entry_id)
        return json_reply(200, {"values": _select(values, wanted), "_links": self._self_link(version, form, entry_id)})

    @_ar_call
    def create_entry(self, request: Request, token: Token, version: str, form: str) -> Reply:
        self._require_form(form)
        values, files = self._create_body(request, form)
        missing = [name for name in self.sim.settings["forms"].get(form, []) if values.get(name) in (None, "")]
        if missing:
            raise ARError(MISSING_REQUIRED, ", ".join(missing))
        no_id = form in self.sim.settings["no_id_forms"]
        wanted = None if no_id else _requested_fields(request.query)  # validated before anything is stored
        with self._lock:
            if form in INTERFACE_CREATE_FORMS:
                entry_id = self._create_on_interface(form, values, token.subject)
            else:
                entry_id = self._store(form, self._next_id(form), values, token.subject)
                if files:
                    self._attachments.setdefault(form, {})[entry_id] = files
        if no_id:
            return 204, {}, None  # join/display-only forms: no entry id, no Location, `fields` ignored (VERIFIED)
        headers = {"Location": self._entry_url(version, form, entry_id)}
        if wanted is None:
            return 201, headers, None
        # The create answer's _links.self names the form, not the new entry (as public AR clients captured it).
        return json_reply(201, {"values": _select(self._lookup(form, entry_id), wanted),
                                "_links": {"self": [{"href": self._form_url(version, form)}]}}, headers)

    @_ar_call
    def update_entry(self, request: Request, token: Token, version: str, form: str,  # pylint: disable=unused-argument
                     entry_id: str) -> Reply:
        # Only the given fields change, like AR Set Entry (INFERRED, bmc.md A.6 "Update semantics").
        self._require_form(form)
        values = _body_values(request)
        with self._lock:
            record = self._forms.get(form, {}).get(entry_id)
            if record is None:
                raise ARError(NO_SUCH_ENTRY, entry_id)
            record.update(values)
            record.update({"Last Modified By": token.subject, "Last Modified Date": _timestamp()})
        return 204, {}, None

    @_ar_call
    def delete_entry(self, _request: Request, _token: Token, version: str, form: str,  # pylint: disable=unused-argument
                     entry_id: str) -> Reply:
        self._require_form(form)
        with self._lock:
            if self._forms.get(form, {}).pop(entry_id, None) is None:
                raise ARError(NO_SUCH_ENTRY, entry_id)
        return 204, {}, None

    def _create_body(self, request: Request, form: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """The values of a create and its attachments (field → {name, content_type, data}); JSON or multipart."""
        content_type = request.header("Content-Type") or ""
        if not content_type.lower().startswith("multipart/form-data"):
            return _body_values(request), {}
        parts = _multipart_parts(content_type, request.body)
        entry = [part for part in parts if part["name"] == "entry"]
        if len(entry) != 1 or entry[0]["filename"] is not None:
            raise ARError(BAD_MULTIPART, "expected one \"entry\" part without a file name")
        values = _values_of(entry[0]["data"])
        files = {}
        for part in parts:
            if part["name"] == "entry":
                continue
            field = part["name"][len("attach-"):] if part["name"].startswith("attach-") else None
            if field is None or part["filename"] is None:
                raise ARError(BAD_MULTIPART, f"unexpected part {part['name']!r}")
            if field not in ATTACHMENT_FIELDS.get(form, []):
                raise ARError(NO_SUCH_ATTACHMENT_FIELD, field)
            if values.get(field) != part["filename"]:
                raise ARError(BAD_MULTIPART, f"the value of {field!r} must be the file name of its part")
            if len(part["data"]) > self.sim.settings["max_attachment_bytes"]:
                raise ARError(ATTACHMENT_TOO_LARGE, field)
            files[field] = {"name": part["filename"], "content_type": part["content_type"], "data": part["data"]}
        # INFERRED: an attachment field reads back as {"name", "sizeBytes"}.
        for field, item in files.items():
            values[field] = {"name": item["name"], "sizeBytes": len(item["data"])}
        return values, files

    def _require_form(self, form: str) -> None:
        # A form configured as a join/display-only form (no_id_forms) is one of the server's too.
        if form not in self.sim.settings["forms"] and form not in self.sim.settings["no_id_forms"] \
                and not form.startswith(CUSTOM_FORM_PREFIX):
            raise ARError(NO_SUCH_FORM, form)

    # ---- storage (callers hold self._lock where several steps must be atomic) --------------------------

    def _next_id(self, form: str) -> str:
        number = self._sequences.get(form, FIRST_ENTRY_NUMBER - 1) + 1
        self._sequences[form] = number
        return f"{number:015d}"

    def _store(self, form: str, entry_id: str, values: dict[str, Any], user: str, date: str | None = None) -> str:
        date = date or _timestamp()
        core = {"Request ID": entry_id, "Submitter": user, "Submit Date": date, "Last Modified By": user,
                "Last Modified Date": date}
        self._forms.setdefault(form, {})[entry_id] = {**values, **core}
        return entry_id

    def _create_on_interface(self, create_form: str, values: dict[str, Any], user: str) -> str:
        """Create on the interface-create form: the incident (or change) lands on the query/modify form with entry id
        ``INC…|INC…`` (VERIFIED id shape for incidents); the create form keeps a link so its own URL reads it back.
        INFERRED: the create id and the record number share one sequence, and Status has the form's default."""
        interface_form, number_field, prefix, status = INTERFACE_CREATE_FORMS[create_form]
        create_id = self._next_id(create_form)
        number = f"{prefix}{int(create_id):012d}"
        record_id = f"{number}|{number}"
        self._store(interface_form, record_id, {**values, "Status": values.get("Status") or status, number_field: number}, user)
        self._links.setdefault(create_form, {})[create_id] = record_id
        return create_id

    def _lookup(self, form: str, entry_id: str) -> dict[str, Any]:
        """A copy of an entry's values; on a create-interface form, the linked incident's current values with the
        create form's own Request ID. Raises the 404 AR error when there is no such entry."""
        with self._lock:
            incident_id = self._links.get(form, {}).get(entry_id)
            if incident_id is not None:
                values = self._forms.get(INTERFACE_CREATE_FORMS[form][0], {}).get(incident_id)
                values = None if values is None else {**values, "Request ID": entry_id}
            else:
                values = self._forms.get(form, {}).get(entry_id)
            if values is None:
                raise ARError(NO_SUCH_ENTRY, entry_id)
            return dict(values)

    def _page(self, query: dict[str, str]) -> tuple[int, int]:
        maximum = self.sim.settings["max_limit"]
        offset = _non_negative_int(query, "offset", 0)
        limit = _non_negative_int(query, "limit", maximum)
        if limit == 0:
            raise ARError(BAD_PARAMETER, "limit must be at least 1")
        return offset, min(limit, maximum)

    # ---- links ----------------------------------------------------------------------------------------

    def _form_url(self, version: str, form: str) -> str:
        return f"{self.sim.url}/api/arsys/{version}/entry/{quote(form, safe=':')}"

    def _entry_url(self, version: str, form: str, entry_id: str) -> str:
        # The entry id is percent-encoded ("|" → %7C), as in the reference's _links example.
        return f"{self._form_url(version, form)}/{quote(entry_id, safe='')}"

    def _self_link(self, version: str, form: str, entry_id: str) -> dict[str, list[dict[str, str]]]:
        return {"self": [{"href": self._entry_url(version, form, entry_id)}]}

    def _page_links(self, version: str, form: str, query: dict[str, str], page: tuple[int, int], total: int) -> dict[str, Any]:
        """self, plus next (more entries exist) and prev (offset > 0) with the same query at another offset."""
        offset, limit = page
        links = {"self": [{"href": self._list_url(version, form, query)}]}
        if offset + limit < total:
            links["next"] = [{"href": self._list_url(version, form, query, offset=offset + limit, limit=limit)}]
        if offset > 0:
            links["prev"] = [{"href": self._list_url(version, form, query, offset=max(0, offset - limit), limit=limit)}]
        return links

    def _list_url(self, version: str, form: str, query: dict[str, str], **overrides: int) -> str:
        params = {**query, **overrides}
        return self._form_url(version, form) + ("?" + urlencode(params, quote_via=quote) if params else "")


# ---- request parsing helpers ------------------------------------------------------------------------------


def _body_values(request: Request) -> dict[str, Any]:
    return _values_of(request.body)


def _values_of(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw.decode("utf-8"))
    except ValueError as exc:
        raise ARError(BAD_BODY, f"not JSON: {exc}") from exc
    # A JSON *string* (a client that double-encodes with json=json.dumps(...)) is refused, as a real server does.
    if not isinstance(body, dict):
        raise ARError(BAD_BODY, f"the body is a JSON {_JSON_TYPES.get(type(body), 'value')}, not an object")
    if not isinstance(body.get("values"), dict):
        raise ARError(BAD_BODY, "the body has no \"values\" object")
    return {name: value for name, value in body["values"].items() if name not in IGNORED_FIELDS | CORE_FIELDS}


def _attachment_dump(item: dict[str, Any]) -> dict[str, Any]:
    return {"name": item["name"], "content_type": item["content_type"], "base64": base64.b64encode(item["data"]).decode("ascii")}


def _multipart_parts(content_type: str, body: bytes) -> list[dict[str, Any]]:
    """The parts of a multipart/form-data body, byte for byte: [{name, filename, content_type, data}].

    Parsed by hand (not with the email package, which may rewrite line endings) after RFC 7578; a quoted name's
    %22, %0D and %0A are decoded as browsers encode them."""
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if match is None:
        raise ARError(BAD_MULTIPART, "no boundary in the Content-Type")
    delimiter = b"--" + match.group(1).encode("latin-1")
    if not body.startswith(delimiter + b"\r\n"):
        raise ARError(BAD_MULTIPART, "the body does not start with the boundary")
    chunks = body[len(delimiter) + 2:].split(b"\r\n" + delimiter)
    if len(chunks) < 2 or not chunks[-1].startswith(b"--"):
        raise ARError(BAD_MULTIPART, "the closing boundary is missing")
    parts = []
    for chunk in chunks[:-1]:
        chunk = chunk[2:] if parts else chunk  # after the first, each chunk starts with the CRLF ending its delimiter line
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise ARError(BAD_MULTIPART, "a part has no header end")
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _sep, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = re.search(r'(?:^|;)\s*name="([^"]*)"', disposition)
        filename = re.search(r';\s*filename="([^"]*)"', disposition)
        if not disposition.startswith("form-data") or name is None:
            raise ARError(BAD_MULTIPART, "a part without Content-Disposition: form-data; name=...")
        parts.append({"name": _multipart_unquote(name.group(1)), "data": data,
                      "filename": _multipart_unquote(filename.group(1)) if filename else None,
                      "content_type": headers.get("content-type")})
    return parts


def _multipart_unquote(text: str) -> str:
    return text.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")


def _qualification_predicate(text: str) -> Callable[[dict[str, Any]], bool]:
    if not text.strip():
        return lambda values: True
    try:
        return _qualification.parse(text)
    except _qualification.QualificationError as exc:
        raise ARError(BAD_QUALIFICATION, str(exc)) from exc


def _requested_fields(query: dict[str, str]) -> list[str] | None:
    """``fields=values(A, B)`` → ["A", "B"] (comma-split, stripped; clients join with ", " or ","); None if absent."""
    if "fields" not in query:
        return None
    match = _FIELDS_RE.fullmatch(query["fields"])
    if match is None:
        raise ARError(BAD_PARAMETER, f"fields must look like values(Field A,Field B), got {query['fields']!r}")
    return [name.strip() for name in match.group(1).split(",") if name.strip()]


def _select(values: dict[str, Any], wanted: list[str] | None) -> dict[str, Any]:
    # A requested field the entry lacks comes back as null, as AR returns empty fields.
    return dict(values) if wanted is None else {name: values.get(name) for name in wanted}


def _sort_order(text: str) -> list[tuple[str, bool]]:
    """``Field A.asc,Field B.desc`` → [("Field A", False), ("Field B", True)]. INFERRED: no suffix means ascending."""
    order = []
    for item in (part.strip() for part in text.split(",")):
        name, _sep, direction = item.rpartition(".")
        if name and direction.lower() in ("asc", "desc"):
            order.append((name.strip(), direction.lower() == "desc"))
        elif item:
            order.append((item, False))
    return order


def _sort_key(value: Any) -> tuple[int, Decimal, str]:
    # NULLs sort first, then numbers (numerically), then everything else as text. INFERRED ordering of NULLs.
    if value is None or value == "":
        return 0, Decimal(0), ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 1, Decimal(str(value)), ""
    return 2, Decimal(0), str(value)


def _non_negative_int(query: dict[str, str], name: str, default: int) -> int:
    raw = query.get(name, "").strip()
    if not raw:
        return default
    if not _DIGITS_RE.fullmatch(raw):
        raise ARError(BAD_PARAMETER, f"{name} must be a non-negative integer, got {raw!r}")
    return int(raw)


def _timestamp() -> str:
    # AR REST timestamp format, e.g. 2008-11-07T05:14:17.000+0000 (VERIFIED, bmc.md A.6).
    return time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64_json(data: dict[str, Any]) -> str:
    return _b64(json.dumps(data, separators=(",", ":")).encode("utf-8"))
