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

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import error_class_for
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import VENDOR, protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.auth import (
    LOGIN_REFUSED_HINT,
    authenticator_for,
    release_token,
    token_headers,
    token_is_valid,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.envelope import device_list, status_code

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
    return TruesightAPI(client)


def api_answer(response):
    """Fail on a 2xx answer whose envelope ``statusCode`` is not 2xx: TSWS reports some failures that way
    (BMC, "Using the TSWS REST API", response envelope)."""
    code = status_code(response.error_body())
    if code is not None and not 200 <= code < 300:
        info = describe_error(response) or ErrorInfo()
        raise error_class_for(code)('%s %s answered HTTP %s with the failure %s in its envelope: %s'
                                    % (response.method, response.path, response.status, code, info.message or 'no message'),
                                    vendor=VENDOR, status=code, hint=info.hint, vendor_code=info.code, vendor_message=info.message)


#: truesight_api: paths relative to url (they start with /tsws/...); the authToken header is the login's.
API_SPEC = ApiSpec(connect, refused_headers=('authToken',), check_answer=api_answer)


def named(devices, name):
    """The devices whose host name (dnsName) is ``name``, compared case-insensitively (host names are)."""
    wanted = name.strip().lower()
    return [device for device in devices if str(device.get(protocol.DEVICE_NAME_FIELD) or '').strip().lower() == wanted]


class TruesightAPI(VendorAPI):
    """What TSWS offers the modules: the token, its logout and validation, and devices."""

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
