# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""Protocol details of each vendor, kept in one place.

Where a vendor's public documentation is silent, the collection had to choose.
Every such choice is here, marked INFERRED, so that a user who meets a server
that behaves differently can find and correct it in one file. VERIFIED facts
come from vendor documentation (named where it matters) or widely used client
code.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class Sps:
    """One Identity Safeguard for Privileged Sessions REST API."""

    # VERIFIED: GET with HTTP Basic (UTF-8) or a TLS client certificate; optional ?login_method= and ?type=.
    LOGIN_PATH = '/api/authentication'
    # VERIFIED: anonymous; the answer has a top-level "login_methods" list. INFERRED item shape
    # {"id", "name", "type"}; items are treated as opaque.
    LOGIN_METHODS_PATH = '/api/authentication/login_methods'
    # VERIFIED: the session travels in this cookie.
    SESSION_COOKIE = 'session_id'
    # VERIFIED: a session ends after 20 idle minutes.
    SESSION_IDLE = 1200
    # VERIFIED: the cookie lifetime is judged by both clocks; the collection warns beyond this skew (seconds).
    CLOCK_SKEW_WARNING = 60
    # INFERRED: no logout is documented; DELETE on the login path is tried and 401/404/405 mean "nothing to release".
    LOGOUT_PATH = '/api/authentication'
    LOGOUT_UNSUPPORTED = (401, 404, 405)
    # INFERRED (no public document found): "Authorization: apikey <token>".
    API_KEY_SCHEME = 'apikey'
    # INFERRED: own keys. POST {"name"} -> 201 {"key", "body": {"name", "token"}}; the
    # secret is in body.token and only in that answer. GET lists {key, body{name}}; DELETE .../<key> needs no transaction.
    OWN_API_KEYS_PATH = '/api/user/api_keys'
    OWN_API_KEY_SECRET_FIELD = 'token'
    # INFERRED (no public document found): the admin list (items carry body{login_method, name, username});
    # DELETE .../<key> + commit.
    ADMIN_API_KEYS_PATH = '/api/configuration/aaa/local_database/api_keys'
    # VERIFIED: configuration objects live under this path; PUT takes the bare body, POST to a list answers "key".
    CONFIGURATION_PATH = '/api/configuration'
    # VERIFIED: GET status, POST open (needs a Content-Length), PUT {"status": "commit"}, DELETE rollback.
    TRANSACTION_PATH = '/api/transaction'
    TRANSACTION_CHANGES_PATH = '/api/transaction/changes'
    COMMIT_BODY = {'status': 'commit'}
    # INFERRED: the key of a commit message when accounting requires one.
    COMMIT_MESSAGE_FIELD = 'commit_message'
    # INFERRED: 409 when another session holds the configuration lock.
    LOCK_CONFLICT_STATUS = 409
    # VERIFIED: SPS errors are {"error": {"type", "message", "details"}}; the login error types
    # (INFERRED, no public document found) are InvalidAuthenticationRequest (400), AuthenticationFailure (401) and
    # MethodNotAllowed (405); the hints in sps.py go by status, so only this type is named in code:
    # INFERRED: the 403 type of SPS 7.5+ for a browser-like client without its X-Token.
    ERROR_XTOKEN_REQUIRED = 'XTokenRequired'


class Xtam:
    """Xton Access Manager REST API and its federated sign-in (CAS).

    Paths are relative to the ``url`` option, which includes the application
    path (``https://pam.example.com/xtam``).
    """

    # VERIFIED (Xton Python example): returns the user and sets the XSRF-TOKEN cookie.
    WHOAMI_PATH = '/rest/user/whoami'
    # VERIFIED: cookie name from the Xton example (SimpleCookie 'XSRF-TOKEN'); header name from the
    # Xton shell and PowerShell examples. Sent on every call (GET ignores it); data-modifying calls need it.
    XSRF_COOKIE = 'XSRF-TOKEN'
    XSRF_HEADER = 'X-XSRF-TOKEN'
    # VERIFIED (Xton federated sign-in FAQ, OnyxCorpInt/xtamtmpl): the session cookie.
    SESSION_COOKIE = 'JSESSIONID'
    # INFERRED: after the Basic whoami, the session cookie alone authenticates (the Xton token
    # example uses the cookie alone), so Basic credentials are sent once per sign-in only.

    # VERIFIED (Xton API-token example): the CAS base is <scheme://host[:port]>/cas by default,
    # and GET <cas>/login?service=<url>/ with header "token: <api token>", redirects off,
    # answers 302 with Location <url>/?ticket=ST-...; GET that Location (redirects off) sets
    # the session cookie. The trailing slash of the service URL is part of the protocol.
    CAS_DEFAULT_PATH = '/cas'
    CAS_LOGIN_PATH = '/login'
    TOKEN_HEADER = 'token'
    TICKET_PARAM = 'ticket'
    # INFERRED: an unknown, disabled or expired API token gives 401 from CAS (a CAS that
    # shows its login page instead answers 200 with HTML; both are reported as refused).

    # VERIFIED: the unlocked record carries "custom", a JSON document encoded as a string.
    FOLDER_LIST_PATH = '/rest/folder/list/{folder_id}'
    RECORD_UNLOCK_PATH = '/rest/record/unlock/{record_id}'
    # VERIFIED: form-encoded name, description, custom; answers the new record (INFERRED: with its id).
    RECORD_NEW_PATH = '/rest/record/new/{folder_id}/{record_type_id}'
    # INFERRED: get (no secrets), update (form, like create), delete.
    RECORD_GET_PATH = '/rest/record/get/{record_id}'
    RECORD_UPDATE_PATH = '/rest/record/update/{record_id}'
    RECORD_DELETE_PATH = '/rest/record/delete/{record_id}'
    # INFERRED: folder entries carry "folder": true, records a "recordType".
    FOLDER_FLAG = 'folder'
    # INFERRED: XTAM is a Spring application; a signed-in session is ended with POST /logout
    # (with the XSRF header). Only xtam_token state=absent calls it; see docs/docsite/rst/guide_xtam.rst.
    LOGOUT_PATH = '/logout'
    # INFERRED: an expired session is answered with 401 or with a redirect to <cas>/login.


class Xmatters:
    """xMatters REST API (xm/1): the xMatters REST API reference (https://help.xmatters.com/xmapi/) and the clients named below."""

    # VERIFIED (official Go client: defaultBasePath): every path sits under /api/xm/1.
    API_PATH = '/api/xm/1'
    # VERIFIED (xmtoolbox lib/oauth.js, python-xmatters, xmatters-mcp): form-encoded POST, no Authorization header.
    TOKEN_PATH = '/api/xm/1/oauth2/token'
    GROUPS_PATH = '/api/xm/1/groups'
    PEOPLE_PATH = '/api/xm/1/people'
    # VERIFIED: grant_type=password with client_id, username, password; grant_type=refresh_token with
    # client_id and refresh_token. INFERRED: no client_credentials grant.
    GRANT_PASSWORD = 'password'
    GRANT_REFRESH = 'refresh_token'
    # VERIFIED as an example value only (python-xmatters README); INFERRED default: an answer without
    # expires_in is taken to live this long. The returned expires_in is always preferred.
    TOKEN_LIFETIME = 900
    # INFERRED (xmatters-mcp stores whatever comes back): a refresh may rotate the refresh token, so the
    # newest one is always kept.
    # INFERRED (OAuth convention, only mocks show it): token endpoint errors are 400
    # {"error": "invalid_grant"|"invalid_client"|..., "error_description": ...}.
    ERROR_INVALID_GRANT = 'invalid_grant'
    # INFERRED (OAuth 2.0, RFC 6749 5.2): a refused grant (revoked or unknown refresh token, wrong client)
    # answers 400, some servers 401; anything else (429, 5xx) is not a refusal.
    GRANT_REFUSED_STATUSES = (400, 401)
    ERROR_INVALID_CLIENT = 'invalid_client'
    # VERIFIED (xmatters-mcp, C1 connector): API key identifiers start with this prefix.
    API_KEY_PREFIX = 'x-api-key-'
    # VERIFIED (python-xmatters MAX_API_LIMIT): a page holds at most 1000 items.
    MAX_PAGE_SIZE = 1000
    # The collection's choice: the largest page, so that the fewest requests read a collection.
    PAGE_SIZE = 1000
    # VERIFIED (Go client, python-xmatters): DELETE answers 200 with the deleted object, and 204 No Content
    # when there was nothing to delete.
    DELETE_NOT_FOUND_STATUS = 204
    # VERIFIED (xmtoolbox groups.get): GET/DELETE /groups/{id or targetName}; update = POST /groups with "id"
    # (not PUT). INFERRED: omitted fields keep their values, so only changed fields are sent.
    # INFERRED: supervisors are written as a list of person ids (xmtoolbox sends bare id strings; the Go
    # client sends {"id": ...} objects) and read with ?embed=supervisors.
    EMBED_SUPERVISORS = 'supervisors'
    # INFERRED (general knowledge of xMatters): the status values of a group.
    STATUSES = ('ACTIVE', 'INACTIVE')


class Truesight:
    """BMC TrueSight Presentation Server (TSWS) REST API: the TrueSight Presentation Server documentation (docs.bmc.com), topics named below."""

    # VERIFIED (TSPS 11.0/11.3 "TSWS authentication"): POST with a JSON body
    # {"username", "password", "tenantName"}; the 10.0 login path
    # /tsws/10.0/api/authenticate/login is not used.
    LOGIN_PATH = '/tsws/api/v10.1/token'
    # VERIFIED (TSPS 11.0 "TSWS logout"): DELETE on the login URL with the token
    # header and no body; 200 when released, 401 "Invalid/expired token".
    LOGOUT_PATH = LOGIN_PATH
    # VERIFIED (TSPS 11.0 "Validating the token"): GET on the login URL with the
    # token header; 200 for a live token, 401 otherwise.
    VALIDATE_PATH = LOGIN_PATH
    # VERIFIED: "Authorization: authToken <token>". Some 10.1 pages describe a
    # header *named* authToken instead; INFERRED that the Authorization form works.
    AUTH_SCHEME = 'authToken'
    # VERIFIED: the login field is tenantName and "*" is the usual value.
    TENANT_FIELD = 'tenantName'
    DEFAULT_TENANT = '*'
    # VERIFIED: the token is in response.authToken (wrapped envelope, 10.0 and
    # INFERRED for 10.1) or authToken at the top level (the 10.1 example).
    # The envelope's statusCode is a string, e.g. "200".
    ENVELOPE_KEY = 'response'
    TOKEN_FIELD = 'authToken'
    AUTH_PASSED_FIELD = 'authPassed'
    EXPIRES_FIELD = 'expires'
    # VERIFIED forms of "expires": "2018-01-18T13:08:18.000Z" (10.1 example) and
    # "2015-07-21T06:23:51" without a zone (10.0 example), which is read as UTC
    # (INFERRED). Epoch seconds or milliseconds are not documented; they are
    # accepted too (INFERRED, a number above EPOCH_MS_THRESHOLD is milliseconds).
    EPOCH_MS_THRESHOLD = 100000000000
    # VERIFIED that the docs contradict each other (one hour, and "up to 24 hours
    # by default"). Used only when "expires" is missing, unreadable or not in the
    # future at login (older docs say it equals the response time stamp):
    # the shorter documented lifetime, so a token is never trusted too long.
    FALLBACK_LIFETIME = 3600
    # VERIFIED (tsps105 "Using the TSWS REST API"): error bodies carry
    # statusCode, statusMsg, responseMsg and responseContent.
    ERROR_MESSAGE_FIELDS = ('statusMsg', 'responseContent', 'message')
    # VERIFIED: "Content-Type: application/json" is required on every TSWS request.
    CONTENT_TYPE = 'application/json'
    # INFERRED for TSPS (BMC documents it for the BMC Discovery REST API; no TSPS
    # page found says so): every REST call needs the api-access permission (403
    # without it); BMC advises a dedicated user of type "API Access".
    API_ACCESS_PERMISSION = 'api-access'
    # VERIFIED (TSPS 11.0 "Retrieving the list of devices"): GET with tenantId,
    # deviceEntityType ("all") and parentDeviceId (-1: every device); only the
    # devices the token's user may see; no filter by host name on the server.
    DEVICES_PATH = '/tsws/10.0/api/omprovider/devices'
    DEVICES_PARAMS = {'tenantId': '*', 'deviceEntityType': 'all', 'parentDeviceId': '-1'}
    # VERIFIED: the device list is "deviceList" and a device has deviceId,
    # dnsName, ipAddress, deviceType, parentDeviceId, isMarkedForDelete and
    # tokenList. INFERRED: it sits under the same "response" envelope as the
    # login (a flat {"deviceList": [...]} or a bare list is accepted as well).
    DEVICE_LIST_FIELD = 'deviceList'
    # INFERRED: the name filter of truesight_device_info compares dnsName
    # (the documented host-name field), case-insensitively.
    DEVICE_NAME_FIELD = 'dnsName'
