# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""BMC Discovery protocol details, in one place.

VERIFIED: BMC Discovery documentation on docs.bmc.com ("Authentication and
permissions in the REST API", Discovery 11.3 and 24.2; "General principles for
using the REST API", Discovery 12.0) or public clients: traversys/Tideway (BMC
Discovery's Python library) and fortinet-fortisoar/connector-bmc-discovery.
INFERRED: read from those sources but not stated by them. CHOICE: where they are
silent the collection (and its simulator) chose, so a user who meets an
appliance that behaves otherwise can correct it here.

The package's rule (its __init__.py stays empty: ansible-test sanity requires it on ansible-core 2.16):
``protocol`` holds every path, field name and limit (each
marked VERIFIED, INFERRED or CHOICE), ``auth`` the login methods and their
table, ``api`` the thin calls (one HTTP call each) and the error reader,
``resources`` the adapters of the modules. Nothing outside this package knows
a Discovery detail.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

VENDOR = 'BMC Discovery'

# VERIFIED (Tideway main.py; Discovery 11.3 auth page): GET /api/about needs no token and answers
# {"api_versions": ["1.0", ...], "product": "BMC Discovery", "version": "12.5", ...}.
ABOUT_PATH = '/api/about'
VERSIONS_FIELD = 'api_versions'
# VERIFIED (Tideway main.py): versioned resources live under /api/v<major.minor>.
API_ROOT = '/api/v%s'
# VERIFIED (fortisoar connector-bmc-discovery): POST /api/token, form grant_type=password&username&password,
# answer JSON with access_token and an optional expires_in.
TOKEN_PATH = '/api/token'
GRANT_TYPE = 'password'
TOKEN_FIELD = 'access_token'
EXPIRES_FIELD = 'expires_in'
# VERIFIED absence (Discovery 11.3 and 24.2 "Authentication and permissions in the REST API" pages, Tideway,
# fortisoar connector-bmc-discovery): none documents a logout or revoke call; a token from /api/token ends when it
# expires, a permanent token only when its user is deleted. The collection therefore cannot log a Discovery login out.
LOGOUT_PATH = None
# INFERRED: a lifetime when the answer has no expires_in (no source gives one); a token refused earlier
# costs one new login either way.
TOKEN_LIFETIME = 3600
# VERIFIED (Tideway README: 12.3 "enforces strict case for Bearer header"; discoRequests.py).
AUTH_SCHEME = 'Bearer'
# VERIFIED (General principles page): error bodies are {"message", "code", "transient"}.
MESSAGE_FIELD = 'message'
CODE_FIELD = 'code'
TRANSIENT_FIELD = 'transient'
# VERIFIED (Discovery docs; field evidence of the HTTP face): over plain HTTP every endpoint but
# /api/about and /api/version answers 403 "Access forbidden".
HTTP_FORBIDDEN_MESSAGE = 'Access forbidden'
# INFERRED (Discovery auth page names the permission; not confirmed which calls need it): every REST call
# needs the api-access permission.
API_ACCESS_PERMISSION = 'api-access'
# CHOICE: how long a negotiated api_version is kept in the token cache (one day).
VERSION_CACHE_SECONDS = 86400
# INFERRED (no public source says what an appliance answers for a version it does not serve; Tideway's client reads
# 404 as "no such endpoint"): a path below a version no longer served (after an upgrade or a downgrade) gets 404.
# A 404 under a cached version therefore makes the collection read GET /api/about once: when the version is no longer
# listed, the cached one is replaced. Whether the appliance answered before routing the request is not documented,
# so only a read is sent again under the new version (a GET, or a search sent by POST); a write is never repeated.
STALE_VERSION_STATUS = 404

# VERIFIED (Tideway data.py, docs/endpoints/data.md): GET /data/search?query&format&limit&offset&results_id,
# or POST with JSON {"query"} for a long query; the answer is a JSON array of result sets
# {count, headings, kind, offset, results, results_id, next_offset, next}.
SEARCH_PATH = '/data/search'
SEARCH_FORMATS = ('object', 'table')
# CHOICE: at most 100 rows per page whatever limit asks (Tideway's default page is 100).
PAGE_SIZE = 100
# CHOICE: the longest GET request line sent; a longer query goes by POST (appliances answer 414 beyond 8190).
MAX_GET_LENGTH = 8190

# VERIFIED (Tideway docs/endpoints/discovery.md): GET/PATCH /discovery {"status": "running"|"stopped"};
# PATCH is INFERRED (Tideway setDiscoveryStatus).
STATUS_PATH = '/discovery'
STATUSES = ('running', 'stopped')
# VERIFIED: POST /discovery/runs {"ranges", "label", "scan_level"}; GET /discovery/runs lists the unfinished
# runs (CHOICE); GET /discovery/runs/<id> answers a one-item list (VERIFIED example);
# PATCH /discovery/runs/<id> {"cancelled": true} cancels (PATCH INFERRED). A finished label may start again (CHOICE).
RUNS_PATH = '/discovery/runs'
DEFAULT_SCAN_LEVEL = 'Full Discovery'
RUN_ID_FIELD = 'uuid'
# CHOICE: how often discovery_run polls a run it waits for.
POLL_INTERVAL = 2
# VERIFIED (field evidence: Tideway vault calls): /vault/credentials[/<uuid>] with enabled, username, password,
# label, description, ip_range, types; PUT resets optional fields not given (CHOICE), so updates use PATCH.
CREDENTIALS_PATH = '/vault/credentials'
CREDENTIAL_ID_FIELD = 'uuid'
CREDENTIAL_SECRET_FIELDS = ('password',)
