# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The TSWS calls: connect, error descriptions and their hints, ``TruesightAPI`` and ``API_SPEC``.

Rule: functions here are thin: one HTTP call each; answers are read in ``envelope.py``, logins live in ``auth.py``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from contextlib import contextmanager

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import GivenCredential
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import ResponseFormatError, RestAuthError, error_class_for
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.auth import (
    LOGIN_REFUSED_HINT,
    authenticator_for,
    credential_for,
    release_token,
    token_headers,
    token_is_valid,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.envelope import device_list, status_code, unwrap

TOKEN_REFUSED_HINT = ('the token expired, was logged out, or its user was deactivated; get a new one with '
                      'restauth.enterprise.truesight_token, or give username and password instead of token so the module can log in')
PERMISSION_HINT = ('the user lacks a permission for this call. Every TSWS REST call needs the %s permission, and each call '
                   'also the permission its action needs in the user interface; BMC advises a dedicated user of type '
                   '"API Access" with just the permissions the automation needs' % protocol.API_ACCESS_PERMISSION)


def describe_error(response):
    """Read a TSWS error envelope (statusCode, statusMsg, responseMsg, responseContent) and add the hint for 401/403."""
    message = code = None
    body = response.error_body()
    if isinstance(body, dict):
        code = body.get('statusCode')
        parts = []
        for name in protocol.ERROR_MESSAGE_FIELDS:
            value = body.get(name)
            if isinstance(value, str) and value.strip() and value not in parts:
                parts.append(value.strip())
        message = ': '.join(parts) or None
    hint = None
    if response.status == 401:
        hint = LOGIN_REFUSED_HINT if _is_login(response) else TOKEN_REFUSED_HINT
    elif response.status == 403:
        hint = PERMISSION_HINT
    if message is None and hint is None:
        return None
    return ErrorInfo(message=message, code=code, hint=hint)


def _is_login(response):
    return response.method == 'POST' and response.path.rstrip('/') == protocol.LOGIN_PATH


def connect(params, warn=None, keep=False):
    """A ``TruesightAPI`` for the connection options in ``params`` (module params or validated lookup options)."""
    warn = warn or (lambda message: None)
    authenticator = authenticator_for(params, warn)
    params = dict(params, url=url_without_suffix(params.get('url'), protocol.URL_SUFFIX, warn))
    client = connect_client(
        VENDOR, params, authenticator, keep=keep,
        headers={'Content-Type': protocol.CONTENT_TYPE}, describe_error=describe_error, warn=warn,
    )
    return TruesightAPI(client, params)


def api_answer(response, vendor=VENDOR):
    """Fail on a 2xx answer whose envelope ``statusCode`` is not 2xx: TSWS reports some failures that way
    (BMC, "Using the TSWS REST API", response envelope). The error's ``in_envelope`` is True: the server refused
    the call, so a write it answered so surely did not happen. ``vendor``: the component that answered."""
    code = status_code(response.error_body())
    if code is not None and not 200 <= code < 300:
        info = describe_error(response) or ErrorInfo()
        error = error_class_for(code)('%s %s answered HTTP %s with the failure %s in its envelope: %s'
                                      % (response.method, response.path, response.status, code, info.message or 'no message'),
                                      vendor=vendor, status=code, hint=info.hint, vendor_code=info.code, vendor_message=info.message)
        error.in_envelope = True
        raise error


#: truesight_api: paths relative to url (they start with /tsws/...); the authToken header is the login's.
API_SPEC = ApiSpec(connect, refused_headers=('authToken',), check_answer=api_answer)


#: Every status that is not a success: the event call reads them itself, to name the component that answered.
_FAILURES = range(300, 600)


@contextmanager
def _answered_by(vendor):
    """Name ``vendor`` in the collection errors raised in the block (about an answer that component gave)."""
    try:
        yield
    except RestAuthError as exc:
        exc.vendor = vendor
        raise


def named(devices, name):
    """The devices whose host name (dnsName) is ``name``, compared case-insensitively (host names are)."""
    wanted = name.strip().lower()
    return [device for device in devices if str(device.get(protocol.DEVICE_NAME_FIELD) or '').strip().lower() == wanted]


def _listed(body, field, what):
    """The ``field`` list of a unifiedadmin answer (``response.<field>``)."""
    payload = unwrap(body)
    items = payload.get(field) if isinstance(payload, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ResponseFormatError('the %s answer holds no "%s" list' % (what, field), vendor=VENDOR)
    return items


def _written_id(body, what):
    """The id a unifiedadmin write answered: ``response[0].resourceId`` (or an ``id``)."""
    payload = unwrap(body)
    first = payload[0] if isinstance(payload, list) and payload else payload
    value = first.get(protocol.RESOURCE_ID_FIELD) or first.get('id') if isinstance(first, dict) else None
    if not value:
        raise ResponseFormatError('the %s answer holds no %s' % (what, protocol.RESOURCE_ID_FIELD), vendor=VENDOR)
    return str(value)


class TruesightAPI(VendorAPI):
    """What TSWS offers the modules: the token, its logout and validation, devices, blackouts and TSIM events."""

    def __init__(self, client, params=None):
        super(TruesightAPI, self).__init__(client)
        self.params = params or {}
        self._tsim = None

    def logout(self, token):
        return release_token(self.client, token)

    def token_is_valid(self, token):
        return token_is_valid(self.client, token)

    def check_token(self, token):
        """Ask the server whether ``token`` (the one in use) is live; a refused one fails with the 401 explanation."""
        self.client.get(protocol.VALIDATE_PATH, headers=token_headers(token))

    def devices(self, name=None):
        """Every device the user may see, or those named ``name`` (the server cannot filter by host name)."""
        found = device_list(self.client.get(protocol.DEVICES_PATH, params=dict(protocol.DEVICES_PARAMS)).json())
        return named(found, name) if name else found

    def _unified(self, method, path, **kwargs):
        """One unifiedadmin call; a failure inside a 200 answer raises (``api_answer``). The decoded body."""
        response = self.client.request(method, path, **kwargs)
        api_answer(response)
        return response.json()

    def blackout_policies(self, name=None):
        """``POST Policy/list`` of type blackout; the server matches ``name`` as a substring (the caller compares)."""
        body = {'type': protocol.BLACKOUT_TYPE, 'stringToSearch': name or '', 'fieldToSearch': 'name'}
        return _listed(self._unified('POST', protocol.POLICY_LIST_PATH, json=body), protocol.POLICY_LIST_FIELD, 'Policy/list')

    def policy(self, policy_id):
        found = self._unified('GET', protocol.POLICY_GET_PATH.format(id=path_part(policy_id, 'policy id', VENDOR)), params={'idType': 'id'})
        items = _listed(found, protocol.POLICY_LIST_FIELD, 'Policy/<id>/list')
        return items[0] if items else None

    def create_blackout(self, policy):
        return _written_id(self._unified('POST', protocol.BLACKOUT_CREATE_PATH, json={protocol.BLACKOUT_BODY_KEY: policy}),
                           'BlackoutPolicy/create')

    def update_blackout(self, policy_id, policy):
        path = protocol.BLACKOUT_UPDATE_PATH.format(id=path_part(policy_id, 'policy id', VENDOR))
        self._unified('PUT', path, json={protocol.BLACKOUT_BODY_KEY: policy})

    def delete_blackout(self, policy_id):
        self._unified('DELETE', protocol.BLACKOUT_DELETE_PATH.format(id=path_part(policy_id, 'policy id', VENDOR)))

    def timeframe(self, timeframe_id):
        path = protocol.TIMEFRAME_GET_PATH.format(id=path_part(timeframe_id, 'timeframe id', VENDOR))
        items = _listed(self._unified('GET', path), protocol.TIMEFRAME_LIST_FIELD, 'Timeframe/<id>/list')
        return items[0] if items else None

    def create_timeframe(self, timeframe):
        return _written_id(self._unified('POST', protocol.TIMEFRAME_CREATE_PATH, json={protocol.TIMEFRAME_BODY_KEY: timeframe}),
                           'Timeframe/create')

    def update_timeframe(self, timeframe_id, timeframe):
        path = protocol.TIMEFRAME_UPDATE_PATH.format(id=path_part(timeframe_id, 'timeframe id', VENDOR))
        self._unified('PUT', path, json={protocol.TIMEFRAME_BODY_KEY: timeframe})

    def delete_timeframe(self, timeframe_id):
        self._unified('DELETE', protocol.TIMEFRAME_DELETE_PATH.format(id=path_part(timeframe_id, 'timeframe id', VENDOR)))

    def tsim(self):
        """The client of the Infrastructure Management server: this one when ``tsim_url`` is ``url`` (or unset), else a
        client on ``tsim_url`` carrying this session's token (TSIM accepts the TSPS token)."""
        tsim_url = url_without_suffix(self.params.get('tsim_url'), '/bppmws', self.client.warn)
        if not tsim_url or tsim_url.rstrip('/') == self.client.base_url.rstrip('/'):
            return self.client
        if self._tsim is None:
            credential = self.login()
            given = GivenCredential(credential_for(credential.token), vendor=VENDOR)
            self._tsim = connect_client(protocol.TSIM_VENDOR, dict(self.params, url=tsim_url, token=credential.token), given,
                                        headers={'Content-Type': protocol.CONTENT_TYPE}, describe_error=describe_error,
                                        warn=self.client.warn)
        return self._tsim

    def create_event(self, cell, event):
        """``POST <tsim>/bppmws/api/Event/create`` with one event; its ``mc_ueid``. A failing envelope raises.

        What TSIM answered is reported as TSIM's (``protocol.TSIM_VENDOR``), also when ``tsim_url`` is ``url``; the
        Presentation Server's sign-in (before the event, or again after TSIM refused the token) stays its own.
        """
        tsim = protocol.TSIM_VENDOR
        client = self.tsim()
        response = client.post(protocol.EVENT_CREATE_PATH, json=[event], expect=_FAILURES,
                               params={'routingId': cell, 'routingIdType': protocol.EVENT_ROUTING_TYPE})
        with _answered_by(tsim):
            if not response.ok:
                raise client.error_for(response)
            api_answer(response, tsim)
            body = response.json()
        answers = body.get(protocol.EVENT_LIST_FIELD) if isinstance(body, dict) else None
        first = answers[0] if isinstance(answers, list) and answers and isinstance(answers[0], dict) else {}
        code = status_code(first)
        if code is not None and not 200 <= code < 300:
            raise error_class_for(code)('POST %s answered HTTP %s but refused the event: %s'
                                        % (protocol.EVENT_CREATE_PATH, response.status, first.get('statusMsg') or code),
                                        vendor=tsim, status=code, vendor_message=first.get('statusMsg'))
        if not first.get(protocol.EVENT_ID_FIELD):
            raise ResponseFormatError('POST %s answered without the %s of the event' % (protocol.EVENT_CREATE_PATH, protocol.EVENT_ID_FIELD),
                                      vendor=tsim, status=response.status)
        return first[protocol.EVENT_ID_FIELD]

    def close(self):
        errors = self._tsim.close() if self._tsim is not None else []
        return errors + self.client.close()
