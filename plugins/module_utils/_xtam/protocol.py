# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""Xton Access Manager REST API and its federated sign-in (CAS): every path, name and limit, in one place.

Paths are relative to the ``url`` option, which includes the application path (``https://pam.example.com/xtam``).
Each detail is marked:

- VERIFIED: from a public source, named: the Xton pages "XTAM API Python example" (www.xtontech.com/blog/xtam-api-python-example/),
  "REST API Shell Scripts" and "REST API PowerShell Scripts" (www.xtontech.com/resources/faq/), the Xton federated
  sign-in FAQ, or the public Go client OnyxCorpInt/xtamtmpl on GitHub;
- INFERRED: deduced from those sources, not stated by them;
- CHOICE: no public source settles it; the collection chose, and a server that behaves differently is corrected here.

The package's rule (its __init__.py stays empty: ansible-test sanity requires it on ansible-core 2.16):
``protocol`` holds every path, name and scheme word (each marked VERIFIED, INFERRED or
CHOICE); ``auth`` the sign-in methods and their table; ``api`` one HTTP call per function; ``custom`` the
record fields that hold secrets; ``resources`` the adapters the modules run. Nothing outside ``protocol``
spells an XTAM path or header name.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import XTAM

VENDOR = XTAM.title

# VERIFIED (Xton Python example, url = 'https://xtam.company.com/xtam'): the application path of a default
# installation; the REST paths below sit under it.
APP_PATH = '/xtam'
REST_ROOT = '/rest'
# VERIFIED (Xton Python example): returns the user and sets the XSRF-TOKEN cookie.
WHOAMI_PATH = '/rest/user/whoami'
# VERIFIED: cookie name from the Xton Python example (SimpleCookie 'XSRF-TOKEN'); header name from the
# Xton shell and PowerShell examples. Sent on every call (GET ignores it); data-modifying calls need it.
XSRF_COOKIE = 'XSRF-TOKEN'
XSRF_HEADER = 'X-XSRF-TOKEN'
# Where the XSRF token comes from, in this order:
# 1. the XSRF-TOKEN cookie of whoami's answer. VERIFIED (Xton FAQ "How to use the XTAM REST API when cross-site
#    scripting protection is enabled", www.xtontech.com/resources/faq/: whoami "is the only function that generates"
#    the token, "in the XSRF-TOKEN cookie (Set-Cookie response header)"; POST and PUT need it as X-XSRF-TOKEN, reads
#    do not). No public source names another place (a response header, the whoami body), so none is read.
# 2. none: CHOICE. The same FAQ calls the check a protection that can be enabled, so a server may not use it and
#    answer whoami without the cookie. The session is then used without the header: reads work, and a write is
#    still sent (a server without the protection accepts it; one with it refuses with 403, surely not applied,
#    and the error says that whoami set no XSRF-TOKEN cookie).
# Sending the header alone, without the cookie, is accepted (VERIFIED: Xton's shell and PowerShell examples send
# Basic with X-XSRF-TOKEN and no cookie); the collection sends both.
# The methods checked: POST and PUT VERIFIED (Xton FAQ above; Xton Python example: "data modification functions");
# DELETE and PATCH INFERRED (Spring Security checks every method but GET, HEAD, TRACE and OPTIONS).
XSRF_METHODS = ('POST', 'PUT', 'DELETE', 'PATCH')
# The token goes stale: VERIFIED that it expires (the same Xton FAQ: XSRF tokens are "relatively short lived"); how
# long it lives and what XTAM answers a stale one are not public. INFERRED (XTAM is a Spring application, and Spring
# Security's CsrfFilter, spring-projects/spring-security on GitHub, checks the token before any handler runs and
# answers 403 with the message of InvalidCsrfTokenException, "Invalid CSRF Token '...' was found on the request
# parameter '_csrf' or header 'X-XSRF-TOKEN'.", or of MissingCsrfTokenException, "Could not verify the provided CSRF
# token because your session was not found."): the XSRF check's refusal is a 403 whose message names CSRF or XSRF.
# Such a write was not processed, so it is sent once more with the token of a new whoami (the only source of one),
# and fails if refused again. CHOICE: a 403 whose message does not name them (a server that hides error messages
# answers just "Forbidden") is a permission refusal, never repeated; so is any other status, a timeout, or a 504.
XSRF_REFUSED_STATUS = 403
XSRF_REFUSED_WORDS = ('csrf', 'xsrf')
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

# VERIFIED (OnyxCorpInt/xtamtmpl, Xton shell examples "List Folder Content"): a JSON array of entries.
FOLDER_LIST_PATH = '/rest/folder/list/{folder_id}'
# VERIFIED (OnyxCorpInt/xtamtmpl): the unlocked record carries "custom", a JSON document encoded as a string.
RECORD_UNLOCK_PATH = '/rest/record/unlock/{record_id}'
# VERIFIED (Xton shell and PowerShell examples): form-encoded name, description, custom; answers the new
# record (INFERRED: with its id).
RECORD_NEW_PATH = '/rest/record/new/{folder_id}/{record_type_id}'
# CHOICE (Xton lists "Retrieve a Record", "Update", "Delete" without their paths): get (no secrets),
# update (form, like create), delete.
RECORD_GET_PATH = '/rest/record/get/{record_id}'
RECORD_UPDATE_PATH = '/rest/record/update/{record_id}'
RECORD_DELETE_PATH = '/rest/record/delete/{record_id}'
# VERIFIED (Xton shell and PowerShell examples "Create Folder"): a JSON body {"name", "description"}, while
# record create takes a form; answers the new folder (INFERRED: with its id).
FOLDER_CREATE_PATH = '/rest/folder/create/{parent_id}'
# INFERRED (Xton lists "Retrieve Root Folder" without its path): the root folder, with its id.
FOLDER_ROOT_PATH = '/rest/folder/root'
# CHOICE (no public source gives folder get, update or delete): GET one folder; update with a JSON body
# {"name", "description"}, like create; DELETE refused with FOLDER_NOT_EMPTY_STATUS while the folder holds
# folders or records.
FOLDER_GET_PATH = '/rest/folder/get/{folder_id}'
FOLDER_UPDATE_PATH = '/rest/folder/update/{folder_id}'
FOLDER_DELETE_PATH = '/rest/folder/delete/{folder_id}'
FOLDER_NOT_EMPTY_STATUS = 400
# CHOICE: folder names may repeat under one parent (XTAM does not refuse a second folder of the same name), so
# xtam_folder finds a folder by name first and refuses to choose between two.
# CHOICE (Xton lists "List Record Types" without its path): a JSON array of {"id", "name", "fields"}.
RECORD_TYPE_LIST_PATH = '/rest/recordType/list'
# CHOICE: folder entries carry "folder": true, records a "recordType" (OnyxCorpInt/xtamtmpl assumes every
# entry has a recordType).
FOLDER_FLAG = 'folder'
# INFERRED: XTAM is a Spring application; a signed-in session is ended with POST /logout
# (with the XSRF header), answered by a redirect. See docs/docsite/rst/guide_xtam.rst.
LOGOUT_PATH = '/logout'
# INFERRED: a server without that endpoint answers 404 or 405; a module's own sign-out then leaves the
# session to XTAM's idle timeout instead of warning on every task.
LOGOUT_UNSUPPORTED = (404, 405)
# INFERRED: an expired session is answered with 401 or with a redirect to <cas>/login.
