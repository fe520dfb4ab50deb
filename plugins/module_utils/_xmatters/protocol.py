# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""xMatters REST API (xm/1) protocol details, each marked VERIFIED (with its public source), INFERRED or CHOICE.

Sources: the xMatters REST API reference (https://help.xmatters.com/xmapi/), the official Go client
(xmatters/xmatters-go), the xMatters Terraform provider (xmatters/terraform-provider-xmatters), xmtoolbox,
python-xmatters, xmatters-mcp and the C1 (Baton) connector documentation. A user whose server behaves
differently can correct the value here.

The package's rule (its __init__.py stays empty: ansible-test sanity requires it on ansible-core 2.16):
The rule of the package: ``protocol`` holds every path, field name, limit and scheme word, each marked
VERIFIED (with its public source), INFERRED or CHOICE; ``auth`` one authenticator per login method and the
``METHODS`` table; ``api`` the error description, ``connect`` and the thin API calls; ``resources`` the
adapters of the modules (groups, people, tokens); ``members`` the group-member logic. Nothing outside ``auth``
decides the login method.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import XMATTERS

VENDOR = XMATTERS.title

# VERIFIED (official Go client: defaultBasePath): every path sits under /api/xm/1.
API_PATH = '/api/xm/1'
# VERIFIED (xmtoolbox lib/oauth.js, python-xmatters, xmatters-mcp): form-encoded POST, no Authorization header.
# VERIFIED (the official Python sample, xmtoolbox lib/oauth.js): the endpoint also takes its parameters in the query
# string; the collection sends the form body, which keeps the password and refresh token out of URLs and access logs.
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
# INFERRED (no public document quotes the 401 body of a refused SSO user): words that, in an error message, say the
# refusal is the single sign-on rule rather than a wrong password (matched case-insensitively).
SSO_PATTERN = r'\bsso\b|single[ -]sign[ -]on'
# VERIFIED (python-xmatters MAX_API_LIMIT): a page holds at most 1000 items.
MAX_PAGE_SIZE = 1000
# CHOICE: the largest page, so that the fewest requests read a collection.
PAGE_SIZE = 1000
# VERIFIED (Go client, python-xmatters): DELETE answers 200 with the deleted object, and 204 No Content
# when there was nothing to delete.
DELETE_NOT_FOUND_STATUS = 204
# VERIFIED (xmtoolbox groups.get): GET/DELETE /groups/{id or targetName}; update = POST /groups with "id"
# (not PUT). INFERRED: supervisors are written as a list of person ids (xmtoolbox sends bare id strings; the Go
# client sends {"id": ...} objects) and read with ?embed=supervisors.
EMBED_SUPERVISORS = 'supervisors'
# VERIFIED (terraform-provider-xmatters internal/describe/groups.go): a group created without "supervisors" gets
# the authenticating user as its supervisor; an empty list or null gives it none.
# CHOICE (the official Terraform provider does the same): an update sends the whole group as it should be, the
# current group (read with ?embed=supervisors,observers) merged with the changes, so that no field the update
# omits can be reset on a server that replaces the group. Observers are written as [{"name": <role>}] (VERIFIED,
# Go client PushGroupParams).
EMBED_GROUP = 'supervisors,observers'
# VERIFIED (Go client PushGroupParams): the plain fields of a group that an update carries over as they are.
GROUP_CARRIED_FIELDS = ('description', 'status', 'groupType', 'allowDuplicates', 'useDefaultDevices', 'observedByAll',
                        'externalKey', 'externallyOwned', 'timezone', 'criteria')
# INFERRED (general knowledge of xMatters): the status values of a group.
STATUSES = ('ACTIVE', 'INACTIVE')

# People (xmatters_person, xmatters_person_info).
# VERIFIED (Go client PushPerson): create = POST /people without "id", update = the same POST with "id"; GET and
# DELETE /people/{id}; DELETE answers 204 when there was nothing to delete. INFERRED by analogy with groups (xmtoolbox
# says some endpoints take the targetName): GET /people/{targetName}.
# VERIFIED (Go client GetPerson): roles and supervisors are read with ?embed=roles,supervisors.
EMBED_PERSON = 'roles,supervisors'
# CHOICE (interface §12; the Go client labels them "Required Fields"): a new person needs firstName and lastName.
PERSON_REQUIRED = (('first_name', 'firstName'), ('last_name', 'lastName'))
# VERIFIED (Go client PushPersonParams): the plain fields of a person an update carries over as they are (as for
# groups, the whole person is sent, so that nothing the update leaves out can be reset).
PERSON_CARRIED_FIELDS = ('firstName', 'lastName', 'status', 'language', 'timezone', 'externalKey', 'externallyOwned',
                         'webLogin', 'licenseType', 'phoneLogin')
# VERIFIED (Go client PushPersonParams): roles are written as role names, site as a site id.
# VERIFIED (Go client GetPeopleParams): the people list takes "search" (terms over the names).
# VERIFIED (Go client GetSitesParams): GET /sites?search=<name> lists sites; INFERRED (no public document confirms
# GET /sites/{name}): a site named by the user is found by listing with search and matching the name exactly.
SITES_PATH = '/api/xm/1/sites'

# Group members (xmatters_group_member).
# VERIFIED (C1 connector doc for GET; python-xmatters add_member/remove_member): GET and POST /groups/{id}/members,
# DELETE /groups/{id}/members/{memberId}. The POST body is {"id": <recipient id>, "recipientType": ...} (VERIFIED field
# names). CHOICE (interface §12): adding an existing member answers 200 and changes nothing, removing a non-member 204.
MEMBERS_PATH = '/members'
RECIPIENT_TYPES = ('PERSON', 'DEVICE', 'GROUP')
# INFERRED (xMatters REST API "Get group members"): each item of the members list is a membership
# {"group": {...}, "member": {"id", "targetName", "recipientType"}}; a bare recipient is accepted too.
MEMBERSHIP_MEMBER = 'member'
# INFERRED: a device is found by its targetName ("<person>|<device name>") at GET /devices/{targetName}, like people.
DEVICES_PATH = '/api/xm/1/devices'

# Events, triggers and on-call (xmatters_event, xmatters_event_info, xmatters_oncall_info).
# VERIFIED path (xMatters REST API "Trigger an event" on forms; xmtoolbox, python-xmatters): a POST.
# CHOICE: it answers 202 {"requestId", "id", "eventId"}.
FORM_TRIGGER_PATH = API_PATH + '/forms/%s/triggers'
# VERIFIED (xMatters help "HTTP trigger" of Flow Designer and inbound integrations; Splunk SOAR, xmatters-sync): the
# trigger URL is .../api/integration/1/functions/<uuid>/triggers, may carry its own apiKey= query parameter, and
# answers {"requestId"}. CHOICE: it also takes Basic/Bearer, and answers with 202.
INTEGRATION_PREFIX = '/api/integration/1/functions/'
TRIGGER_API_KEY = 'apiKey'
# VERIFIED (xMatters REST API "Get events", "Change the status of an event"; xmtoolbox events): GET /events
# with status, propertyName and propertyValue, GET /events/{id}, POST /events {"id", "status"}.
EVENTS_PATH = API_PATH + '/events'
# INFERRED: GET /events filters by the requestId a trigger answered (no public client seen using it; an
# instance that ignores it would list every event: the module drops those that name another requestId).
REQUEST_ID_PARAM = 'requestId'
# CHOICE: events are read with their properties embedded (users look events up by property).
EVENT_EMBED = 'properties'
# VERIFIED (xmtoolbox events, Splunk SOAR xMatters connector: POST /events {"id", "status": TERMINATED|SUSPENDED});
# INFERRED: ACTIVE resumes a suspended event.
EVENT_STATUSES = ('ACTIVE', 'SUSPENDED', 'TERMINATED')
# INFERRED: an event closed from outside the instance shows TERMINATED_EXTERNAL; it is as final as TERMINATED.
FINAL_EVENT_STATUSES = ('TERMINATED', 'TERMINATED_EXTERNAL')
# VERIFIED (xMatters REST API "Trigger an event": priority).
EVENT_PRIORITIES = ('LOW', 'MEDIUM', 'HIGH')
# VERIFIED (python-xmatters OnCallEndpoint('/on-call'); the Go client buildURI keeps the commas of groups
# unencoded): GET /on-call?groups=<id or targetName>,...&from=&to=.
ONCALL_PATH = API_PATH + '/on-call'
# CHOICE: members.owner embeds the shift members and, for a device member, the person who owns it.
ONCALL_EMBED = 'members.owner'
# CHOICE: a recipient given by name is {"targetName": name} for an integration (its examples) and {"id": name}
# for a form (the forms API names recipients by id, which takes a targetName too: INFERRED).
RECIPIENT_NAME_FIELD = {'integration': 'targetName', 'form': 'id'}
