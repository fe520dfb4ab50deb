# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""Protocol details of each vendor, kept in one place.

Where a vendor's public documentation is silent, the collection had to choose
(see the interface contract, section 6). Every such choice is here, marked
INFERRED, so that a user who meets a server that behaves differently can find
and correct it in one file. VERIFIED facts come from vendor documentation or
widely used client code.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class Remedy:
    """BMC Remedy AR System REST API."""

    # VERIFIED: form-encoded POST; the answer is the JWT as plain text.
    LOGIN_PATH = '/api/jwt/login'
    # VERIFIED: POST with the AR-JWT header, 204 and an empty body.
    LOGOUT_PATH = '/api/jwt/logout'
    # VERIFIED: v1 and v1.0 both work; clients mostly use v1.
    ENTRY_PATH = '/api/arsys/v1/entry'
    # VERIFIED: "Authorization: AR-JWT <token>", one space, exact scheme word.
    AUTH_SCHEME = 'AR-JWT'
    # VERIFIED: a token lives one hour by default (configurable on the server).
    # Used only when the JWT carries no readable ``exp`` claim.
    TOKEN_LIFETIME = 3600
    # INFERRED: bad credentials give 401 with this AR message number.
    ERROR_BAD_CREDENTIALS = 623
    # INFERRED: an expired or released token gives 401 with this message number.
    ERROR_TOKEN_INVALID = 8907
    # From the vendor document; INFERRED meaning: the same user is connected
    # from another computer (a session or licence conflict).
    ERROR_SESSION_CONFLICT = 9093
    # INFERRED: the standard AR texts "Entry does not exist in database" and
    # "Form does not exist on server", sent with 404.
    ERROR_NO_SUCH_ENTRY = 302
    ERROR_NO_SUCH_FORM = 303
    # VERIFIED: over plain HTTP every endpoint but /api/about and /api/version
    # answers 403 {"message": "Access forbidden", "code": 403, "transient": false}.
    HTTP_FORBIDDEN_MESSAGE = 'Access forbidden'
    # INFERRED: the entry id is the last path segment of the Location header
    # (create) or of _links.self[0].href (list).
    # A page of this many entries per list request; AR servers commonly cap a
    # list at 2000 entries (server setting "Max Entries Returned by GetList").
    PAGE_SIZE = 500


class Sps:
    """One Identity Safeguard for Privileged Sessions REST API."""

    # VERIFIED: GET with HTTP Basic (UTF-8) or a TLS client certificate; optional ?login_method= and ?type=.
    LOGIN_PATH = '/api/authentication'
    # VERIFIED: anonymous; the answer has a top-level "login_methods" list. INFERRED item shape
    # {"id", "name", "type"} (interface.md section 6); items are treated as opaque.
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
    # SEED-ONLY: "Authorization: apikey <token>".
    API_KEY_SCHEME = 'apikey'
    # INFERRED (interface.md section 6): own keys. POST {"name"} -> 201 {"key", "body": {"name", "token"}}; the
    # secret is in body.token and only in that answer. GET lists {key, body{name}}; DELETE .../<key> needs no transaction.
    OWN_API_KEYS_PATH = '/api/user/api_keys'
    OWN_API_KEY_SECRET_FIELD = 'token'
    # SEED-ONLY: the admin list (items carry body{login_method, name, username}); DELETE .../<key> + commit.
    ADMIN_API_KEYS_PATH = '/api/configuration/aaa/local_database/api_keys'
    # VERIFIED: configuration objects live under this path; PUT takes the bare body, POST to a list answers "key".
    CONFIGURATION_PATH = '/api/configuration'
    # VERIFIED: GET status, POST open (needs a Content-Length), PUT {"status": "commit"}, DELETE rollback.
    TRANSACTION_PATH = '/api/transaction'
    TRANSACTION_CHANGES_PATH = '/api/transaction/changes'
    COMMIT_BODY = {'status': 'commit'}
    # INFERRED: the key of a commit message when accounting requires one.
    COMMIT_MESSAGE_FIELD = 'commit_message'
    # INFERRED (interface.md section 6): 409 when another session holds the configuration lock.
    LOCK_CONFLICT_STATUS = 409
    # VERIFIED: SPS errors are {"error": {"type", "message", "details"}}; SEED-ONLY login types.
    ERROR_INVALID_LOGIN = 'InvalidAuthenticationRequest'
    ERROR_AUTHENTICATION = 'AuthenticationFailure'
    ERROR_METHOD = 'MethodNotAllowed'


class Xtam:
    """Xton Access Manager REST API and its federated sign-in (CAS)."""


class Xmatters:
    """xMatters REST API (xm/1)."""


class Truesight:
    """BMC TrueSight Presentation Server (TSWS) REST API."""
