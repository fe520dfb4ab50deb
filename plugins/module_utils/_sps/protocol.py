# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""SPS REST API protocol details, each marked VERIFIED (with its public source), INFERRED or CHOICE.

Sources: the One Identity Safeguard for Privileged Sessions REST API Reference Guide
(https://support.oneidentity.com/technical-documents/, chapters named below) and One Identity's own
clients: safeguard-ps (OneIdentity/safeguard-ps, src/sessionapi.psm1) and SafeguardDotNet
(OneIdentity/SafeguardDotNet, SafeguardDotNet/Sps). A user whose server behaves differently can correct
the value here.

The package's rule (its __init__.py stays empty: ansible-test sanity requires it on ansible-core 2.16):
The rule of the package: ``protocol`` holds every path, field name, limit and scheme word, each marked
VERIFIED (with its public source), INFERRED or CHOICE; ``auth`` one authenticator per login method and the
``METHODS`` table; ``api`` the error description, ``connect`` and the thin API calls; ``transaction`` the
configuration transaction (open, commit, roll back, refuse a pending one); ``resources`` the adapters of the
modules. Nothing outside ``auth`` decides the login method.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import SPS

VENDOR = SPS.title

# VERIFIED (REST API Reference Guide): every endpoint sits under /api of the web interface address; a url
# given with it has it removed (with a warning).
API_ROOT = '/api'
# VERIFIED (REST API Reference Guide, "Authenticate to the SPS REST API"): GET with HTTP Basic (UTF-8) or a TLS
# client certificate; optional ?login_method= and ?type=.
LOGIN_PATH = '/api/authentication'
# VERIFIED: anonymous; the answer has a top-level "login_methods" list. INFERRED item shape
# {"id", "name", "type"}; items are treated as opaque.
LOGIN_METHODS_PATH = '/api/authentication/login_methods'
# VERIFIED (REST API Reference Guide, "Authenticate to the SPS REST API": "The HTTP response code is 302 Moved
# Temporarily"): a login may answer a redirect with a Location and the session cookie; that is a success. The
# redirect is not followed. INFERRED: the other redirect statuses are treated the same way.
LOGIN_REDIRECT_STATUSES = (301, 302, 303, 307, 308)
# VERIFIED: the session travels in this cookie.
SESSION_COOKIE = 'session_id'
# VERIFIED: a session ends after 20 idle minutes.
SESSION_IDLE = 1200
# VERIFIED: the cookie lifetime is judged by both clocks; CHOICE: the collection warns beyond this skew (seconds).
CLOCK_SKEW_WARNING = 60
# INFERRED: no logout is documented (safeguard-ps Disconnect-SafeguardSps only forgets the session locally);
# DELETE on the login path is tried and 401/404/405 mean "nothing to release".
LOGOUT_PATH = '/api/authentication'
LOGOUT_UNSUPPORTED = (401, 404, 405)
# INFERRED (no public document found): "Authorization: apikey <token>".
API_KEY_SCHEME = 'apikey'
# INFERRED: own keys. POST {"name"} -> 201 {"key", "body": {"name", "token"}}; the
# secret is in body.token and only in that answer. GET lists {key, body{name}}; DELETE .../<key> needs no transaction.
OWN_API_KEYS_PATH = '/api/user/api_keys'
OWN_API_KEY_SECRET_FIELD = 'token'
# INFERRED (no public document found): the admin list (items carry body{login_method, name, username});
# DELETE .../<key> + commit. CHOICE: the /api/configuration/ form that the items' meta.href show.
ADMIN_API_KEYS_PATH = '/api/configuration/aaa/local_database/api_keys'
# VERIFIED (REST API Reference Guide, "Change the configuration"): configuration objects live under this path;
# PUT takes the bare body, POST to a list answers "key".
CONFIGURATION_PATH = '/api/configuration'
# VERIFIED (REST API Reference Guide 6.9.3 "Passwords", 5.7.0 "Private keys"): write-only lists; POST creates an
# object and answers its key, GET on the list is not permitted (405), PUT and DELETE neither. sps_config creates
# them without reading first and cannot compare them.
WRITE_ONLY_LISTS = ('passwords', 'private_keys')
# VERIFIED (REST API Reference Guide, "Open a transaction", "Checking the transaction status"): GET status,
# POST open (needs a Content-Length), PUT {"status": "commit"}, DELETE rollback.
TRANSACTION_PATH = '/api/transaction'
TRANSACTION_CHANGES_PATH = '/api/transaction/changes'
COMMIT_BODY = {'status': 'commit'}
# INFERRED: the key of a commit message when accounting requires one.
COMMIT_MESSAGE_FIELD = 'commit_message'
# INFERRED: 409 when another session holds the configuration lock.
LOCK_CONFLICT_STATUS = 409
# VERIFIED: SPS errors are {"error": {"type", "message", "details"}}; the login error types
# (INFERRED, no public document found) are InvalidAuthenticationRequest (400), AuthenticationFailure (401) and
# MethodNotAllowed (405); the hints in api.py go by status, so only this type is named in code:
# INFERRED: the 403 type of SPS 7.5+ for a browser-like client without its X-Token (safeguard-ps commit
# "SPS 7.5 requires X-Token from browser-like clients" works around it with its own User-Agent).
ERROR_XTOKEN_REQUIRED = 'XTokenRequired'
# INFERRED (SPS documents no default): the page size of sps_api paginate when the query gives no limit.
API_PAGE_SIZE = 100
# VERIFIED (safeguard-ps Get-SafeguardSpsInfo): GET answers {"body": {"firmware_version", "version"}, ...}.
INFO_PATH = '/api/info'
FIRMWARE_VERSION_FIELD = 'firmware_version'
# VERIFIED (REST API Reference Guide 7.2.1, "Health status"): GET answers an object whose health_status member holds
# cpu, memory, disk, sessions, raid, firmware and more.
HEALTH_PATH = '/api/health_status'
HEALTH_FIELD = 'health_status'
# VERIFIED (REST API Reference Guide, "Searching in the session database"): GET lists {"items": [{"key", "meta"}],
# "meta": {"limit", "offset", "match_count", "next", ...}} with the query parameters q, fields, start, end, sort,
# limit and offset; an item carries "body" only when fields are asked for; meta.next names the following page.
AUDIT_SESSIONS_PATH = '/api/audit/sessions'
# VERIFIED: 500 is the server's default limit; CHOICE: the page size asked for.
AUDIT_PAGE_SIZE = 500
# CHOICE (the reference names no syntax for them): q is the SPS search expression as given (its terms are AND-ed),
# fields are comma-separated dotted paths (user.name for a nested key), start/end select the sessions active at some
# moment of the window, and are sent as ISO 8601 UTC (2026-01-01T00:00:00Z) whatever form the task gives.
AUDIT_QUERY = 'q'
AUDIT_FIELDS_SEPARATOR = ','
