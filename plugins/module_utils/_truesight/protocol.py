# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""Protocol details of the BMC TrueSight Presentation Server (TSWS) REST API, kept in one place.

Sources: the TrueSight Presentation Server documentation (docs.bmc.com), topics
named below. Each detail is marked VERIFIED (a vendor page or a public client
says so), INFERRED (read between the lines; a server that behaves differently
is corrected here) or CHOICE (no public source settles it: the collection chose).

The package's rule (its __init__.py stays empty: ansible-test sanity requires it on ansible-core 2.16):
The rule of this package: every path, field name and scheme word is in
``protocol.py`` (marked VERIFIED, INFERRED or CHOICE); ``auth.py`` holds the
login methods and their table; ``envelope.py`` reads TSWS answers;
``api.py`` makes the HTTP calls (one each) and explains errors;
``resources.py`` adapts them to the collection's resource engine.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import TRUESIGHT

VENDOR = TRUESIGHT.title

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
# VERIFIED: data calls take "Authorization: authToken <token>"; public scripts
# send the scheme word in lower case ("authtoken") successfully.
AUTH_SCHEME = 'authToken'
# VERIFIED (TSPS 10.1 "Validating the token" and "TSWS logout": "a header named
# authToken"; public PowerShell and Go clients of TSPS): validate and logout
# carry a header NAMED authToken whose value is "authToken <token>". The
# Authorization header goes along (harmless, and what data calls read).
TOKEN_HEADER = 'authToken'
# VERIFIED: the url is the server's origin; the API paths below start with this
# segment, so a url copied with it (https://host:8043/tsws) has it removed, with a warning.
URL_SUFFIX = '/tsws'
# VERIFIED: the login field is tenantName and "*" is the usual value.
TENANT_FIELD = 'tenantName'
DEFAULT_TENANT = '*'
# VERIFIED: the token is in response.authToken (wrapped envelope, 10.0, and
# 10.1 as three public clients read it) or authToken at the top level (the
# 10.1 example). The envelope's statusCode is a string, e.g. "200".
ENVELOPE_KEY = 'response'
# VERIFIED (a public TSPS PowerShell module reads every omprovider answer so:
# devices, instances, monitor types, tenants): the omprovider endpoints put
# their data under responseContent, next to statusCode "200", statusMsg "OK"
# and responseMsg "Success"; unifiedadmin endpoints use "response". Both keys
# are read, responseContent first, and the flat forms are still accepted.
CONTENT_KEY = 'responseContent'
PAYLOAD_KEYS = (CONTENT_KEY, ENVELOPE_KEY)
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
# tokenList. VERIFIED: it sits under responseContent (see CONTENT_KEY); the
# "response" key, a flat {"deviceList": [...]} or a bare list are accepted as well.
DEVICE_LIST_FIELD = 'deviceList'
# INFERRED: the name filter of truesight_device_info compares dnsName
# (the documented host-name field), case-insensitively.
DEVICE_NAME_FIELD = 'dnsName'

# ---- Unified Administration: blackout policies and their timeframes (truesight_blackout) ----------------------
# VERIFIED (TSIM 11.0 "Creating a policy using web services"; public clients): a blackout policy is created by
# POST .../unifiedadmin/BlackoutPolicy/create with {"blackoutPolicy": {...}} holding tenant, owner, type
# "blackout", precedence, enabled, shared, agentSelectionCriteria, timeframes [{name, id}], name, description;
# policies are listed by POST .../Policy/list {type, stringToSearch, fieldToSearch} -> response.policyList and one
# is read by GET .../Policy/<id>/list?idType=id|name. CHOICE: update is PUT .../BlackoutPolicy/<id>/update, delete
# DELETE .../BlackoutPolicy/<id>/delete (the pattern of MonitoringPolicy/<id>/update); ids are UUIDs, names unique.
UNIFIEDADMIN_PATH = '/tsws/10.0/api/unifiedadmin'
BLACKOUT_CREATE_PATH = UNIFIEDADMIN_PATH + '/BlackoutPolicy/create'
BLACKOUT_UPDATE_PATH = UNIFIEDADMIN_PATH + '/BlackoutPolicy/{id}/update'
BLACKOUT_DELETE_PATH = UNIFIEDADMIN_PATH + '/BlackoutPolicy/{id}/delete'
POLICY_LIST_PATH = UNIFIEDADMIN_PATH + '/Policy/list'
POLICY_GET_PATH = UNIFIEDADMIN_PATH + '/Policy/{id}/list'
BLACKOUT_BODY_KEY = 'blackoutPolicy'
BLACKOUT_TYPE = 'blackout'
POLICY_LIST_FIELD = 'policyList'
# CHOICE: a policy the collection writes gets this precedence (the console's range is 0-999; no default is
# documented) and is not shared.
BLACKOUT_PRECEDENCE = 999
# CHOICE: the timeframe is its own object: POST .../Timeframe/create {"timeframe": {name, startDate, endDate,
# timezone, recurrence}} with the times as epoch milliseconds; read by GET .../Timeframe/<id>/list ->
# response.timeframeList; PUT .../Timeframe/<id>/update; DELETE .../Timeframe/<id>/delete (refused with 400
# while a policy references it, so a policy is deleted before its timeframe). truesight_blackout names the
# timeframe after its policy and gives each policy its own.
TIMEFRAME_CREATE_PATH = UNIFIEDADMIN_PATH + '/Timeframe/create'
TIMEFRAME_GET_PATH = UNIFIEDADMIN_PATH + '/Timeframe/{id}/list'
TIMEFRAME_UPDATE_PATH = UNIFIEDADMIN_PATH + '/Timeframe/{id}/update'
TIMEFRAME_DELETE_PATH = UNIFIEDADMIN_PATH + '/Timeframe/{id}/delete'
TIMEFRAME_BODY_KEY = 'timeframe'
TIMEFRAME_LIST_FIELD = 'timeframeList'
RECURRENCES = ('none', 'daily', 'weekly')
# INFERRED: a unifiedadmin write answers response: [{resourceId, resourceName, statusCode, statusMsg}]; the id is
# resourceId (an "id" in the payload is read too).
RESOURCE_ID_FIELD = 'resourceId'
# CHOICE: the devices of a blackout are selected by host name, one clause per device joined with OR:
# hostname EQUALS "<name>" (the agent selection criteria syntax of the console, e.g. agentName EQUALS "x").
SELECTION_CLAUSE = 'hostname EQUALS "%s"'
SELECTION_JOIN = ' OR '

# ---- TrueSight Infrastructure Management (TSIM) events (truesight_event) ---------------------------------------
# The component that answers the event calls, named in their errors (BMC's product name; VENDOR is the
# Presentation Server, which signs in and whose token TSIM accepts).
TSIM_VENDOR = 'BMC TrueSight Infrastructure Management'
# VERIFIED (public TSIM clients): POST <tsim>/bppmws/api/Event/create?routingId=<cell>&routingIdType=CELL_NAME with
# a JSON array of events [{eventSourceHostName, attributes: {CLASS, severity, msg, mc_object, ...}}], the TSPS
# token in "Authorization: authToken <t>"; the answer is {statusCode, statusMsg, responseList: [{mc_ueid, ...}]}.
# CHOICE: a 200 answer whose statusCode (or the one event's statusCode) is not 2xx is an error.
EVENT_CREATE_PATH = '/bppmws/api/Event/create'
EVENT_ROUTING_TYPE = 'CELL_NAME'
EVENT_ID_FIELD = 'mc_ueid'
EVENT_LIST_FIELD = 'responseList'
SEVERITIES = ('CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INFO', 'OK')
