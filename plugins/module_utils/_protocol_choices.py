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
    # INFERRED (interface.md section 6): get (no secrets), update (form, like create), delete.
    RECORD_GET_PATH = '/rest/record/get/{record_id}'
    RECORD_UPDATE_PATH = '/rest/record/update/{record_id}'
    RECORD_DELETE_PATH = '/rest/record/delete/{record_id}'
    # INFERRED (interface.md section 6): folder entries carry "folder": true, records a "recordType".
    FOLDER_FLAG = 'folder'
    # INFERRED: XTAM is a Spring application; a signed-in session is ended with POST /logout
    # (with the XSRF header). Only xtam_token state=absent calls it; see docs/xtam.md.
    LOGOUT_PATH = '/logout'
    # INFERRED: an expired session is answered with 401 or with a redirect to <cas>/login.


class Xmatters:
    """xMatters REST API (xm/1)."""


class Truesight:
    """BMC TrueSight Presentation Server (TSWS) REST API."""
