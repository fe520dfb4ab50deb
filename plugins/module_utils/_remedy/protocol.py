# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""Protocol details of the BMC Remedy AR System REST API, kept in one place.

VERIFIED facts come from BMC's documentation ("AR System REST API" pages on
docs.bmc.com, "Endpoints in AR REST API", "Login information") or from public
clients (remedy-py); INFERRED ones are guesses where those are silent; CHOICE
marks what the collection decided. A server that behaves differently can be
corrected here.

The package's rule (its __init__.py stays empty: ansible-test sanity requires it on ansible-core 2.16):
``protocol`` holds every wire detail (paths, field names,
limits, scheme words), each marked VERIFIED, INFERRED or CHOICE; ``auth`` the
login methods and their table; ``api`` the thin HTTP calls; ``resources`` the
module logic specific to AR System. Nothing outside this package knows an AR
path or field name.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import REMEDY

VENDOR = REMEDY.title

# VERIFIED: form-encoded POST; the answer is the JWT as plain text.
LOGIN_PATH = '/api/jwt/login'
# VERIFIED: POST with the AR-JWT header, 204 and an empty body.
LOGOUT_PATH = '/api/jwt/logout'
# VERIFIED: v1 and v1.0 both work; clients mostly use v1.
ENTRY_PATH = '/api/arsys/v1/entry'
# INFERRED: a given token is proven by one read of the User form (a core form of every AR System server),
# asking for one entry; a refused token answers 401, a user without access to the form 400/403 (the token passed).
TOKEN_CHECK_PATH = '/api/arsys/v1/entry/User'
# CHOICE: what a url may end with that the collection adds itself, removed with a warning. BMC's "Endpoints in AR
# REST API" writes the base as https://host:port/api and the calls under /api/arsys/v1 and /api/jwt.
URL_SUFFIXES = ('/api/arsys/v1', '/api/jwt', '/api')
TOKEN_CHECK_PARAMS = (('limit', '1'), ('fields', 'values(Login Name)'))
TOKEN_CHECK_ACCEPTED = (400, 403, 404)
# VERIFIED: "Authorization: AR-JWT <token>", one space, exact scheme word.
AUTH_SCHEME = 'AR-JWT'
# VERIFIED: a token lives one hour by default (configurable on the server).
# Used only when the JWT carries no readable ``exp`` claim.
TOKEN_LIFETIME = 3600
# VERIFIED (answers captured by public AR clients): bad credentials give 401 with this AR message number.
ERROR_BAD_CREDENTIALS = 623
# INFERRED: an expired or released token gives 401 with this message number.
ERROR_TOKEN_INVALID = 8907
# INFERRED meaning: the same user is connected from another computer (a session or licence conflict).
ERROR_SESSION_CONFLICT = 9093
# INFERRED: the standard AR texts "Entry does not exist in database" (sent with 404) and
# VERIFIED (docs.bmc.com, AR server error messages): "Form does not exist on server".
ERROR_NO_SUCH_ENTRY = 302
ERROR_NO_SUCH_FORM = 303
# INFERRED: the standard AR text "Required field (without a default) not specified" (a create without a required field).
ERROR_REQUIRED_FIELD = 307
# VERIFIED: list answers are {"entries": [...]} with, on some servers, "_links": {"next": [...]}
# (BMC "Endpoints in AR REST API", GET multiple entries); INFERRED: an entry id is the last
# path segment of the Location header (create) or of _links.self[0].href (list).
LIST_FIELD = 'entries'
LINKS_FIELD = '_links'
# VERIFIED (BMC's AR REST API examples log in over http://localhost:8008): AR System commonly serves its REST
# API over plain HTTP; the collection still refuses http:// unless allow_http is set (credentials in clear text).
# CHOICE: a page of this many entries per list request; AR servers commonly cap a
# list at 2000 entries (server setting "Max Entries Returned by GetList").
PAGE_SIZE = 500

# Work logs (remedy_worklog). VERIFIED (public incident clients: remedy-py, SOAR integrations): a work log is an
# entry of HPD:WorkLog with these fields; the attachment pool of the form holds three fields, filled with a
# multipart create (remedy-py attach_file_to_incident): a part "entry" with the JSON {"values": {...}}, one part
# "attach-<field>" per file, and the field's value in values being the file name.
WORKLOG_FORM = 'HPD:WorkLog'
WORKLOG_INCIDENT = 'Incident Number'
WORKLOG_SUMMARY = 'Description'
WORKLOG_NOTES = 'Detailed Description'
WORKLOG_TYPE = 'Work Log Type'
WORKLOG_VIEW_ACCESS = 'View Access'
WORKLOG_ATTACHMENT_FIELDS = ('z2AF Work Log01', 'z2AF Work Log02', 'z2AF Work Log03')
MULTIPART_ENTRY_PART = 'entry'
MULTIPART_ATTACHMENT_PREFIX = 'attach-'
# CHOICE: a file larger than this is refused before anything is sent. AR's own limit is a server setting;
# remedy-py stops at 10 MB, which the collection takes as the default.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# INFERRED: long character fields (Detailed Description) cannot always be searched with "=", so a work log is
# found by incident and summary, and its notes are compared by the module.
