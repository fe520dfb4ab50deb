# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC TrueSight Presentation Server (TSWS): authToken login, its expiry, TSWS errors, and devices."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re
import time

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    EXPIRY_MARGIN,
    Authenticator,
    Credential,
    GivenCredential,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, http_date
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    AuthenticationError,
    ResponseFormatError,
    error_class_for,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._options import TRUESIGHT
from ansible_collections.restauth.enterprise.plugins.module_utils._protocol_choices import Truesight
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import TokenResource, iso8601

VENDOR = TRUESIGHT.title

LOGIN_REFUSED_HINT = ('the user name, password or tenant is wrong, or the user is deactivated (TSWS gives no token to the '
                      'local System user either); check username, password and tenant (or TRUESIGHT_USERNAME, '
                      'TRUESIGHT_PASSWORD, TRUESIGHT_TENANT)')
TOKEN_REFUSED_HINT = ('the token expired, was logged out, or its user was deactivated; get a new one with '
                      'restauth.enterprise.truesight_token, or give username and password instead of token so the module can log in')
PERMISSION_HINT = ('the user lacks a permission for this call. Every TSWS REST call needs the %s permission, and each call '
                   'also the permission its action needs in the user interface; BMC advises a dedicated user of type '
                   '"API Access" with just the permissions the automation needs' % Truesight.API_ACCESS_PERMISSION)

_ISO_RE = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$', re.IGNORECASE)


def authorization(token):
    return {'Authorization': '%s %s' % (Truesight.AUTH_SCHEME, token)}


def credential_for(token, expires_at=None):
    return Credential(token=token, headers=authorization(token), expires_at=expires_at)


def parse_expires(value):
    """The TSWS ``expires`` value as a POSIX timestamp, or None when it cannot be read.

    Documented forms: ``2018-01-18T13:08:18.000Z`` and, without a zone,
    ``2015-07-21T06:23:51`` (read as UTC). Epoch seconds or milliseconds, as a
    number or digits, are accepted too.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _epoch(value)
    text = str(value).strip()
    if re.match(r'^\d+(\.\d+)?$', text):
        return _epoch(float(text))
    match = _ISO_RE.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                                   tzinfo=_zone(zone))
    except ValueError:
        return None
    return moment.timestamp() + (float('0.' + fraction) if fraction else 0.0)


def _epoch(number):
    if number <= 0:
        return None
    return number / 1000.0 if number > Truesight.EPOCH_MS_THRESHOLD else float(number)


def _zone(text):
    if not text or text.upper() == 'Z':
        return datetime.timezone.utc
    sign = -1 if text[0] == '-' else 1
    digits = text[1:].replace(':', '')
    return datetime.timezone(sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def expiry_at_login(expires, server_date=None, now=None):
    """When a token obtained now expires, on the local clock, and a warning when ``expires`` could not be trusted.

    The time left is measured against the server's own clock (its ``Date``
    header) when it sent one, so a controller whose clock is off does not
    misjudge the token. An ``expires`` that is missing, unreadable or not in
    the future (older TSWS releases sent the response time there) gives the
    shorter documented lifetime, one hour; a refused token still gets one new
    login either way.
    """
    now = time.time() if now is None else now
    when = parse_expires(expires)
    server_now = http_date(server_date)
    if when is not None:
        left = when - (server_now if server_now is not None else now)
        if left > EXPIRY_MARGIN:
            return now + left, None
        problem = 'is not in the future (%s)' % expires
    elif expires is None:
        problem = 'is missing'
    else:
        problem = 'cannot be read (%r)' % (expires,)
    warning = ('the login answer\'s "%s" field %s; the token is taken to last %d seconds, the shorter lifetime the '
               'TSWS documentation gives' % (Truesight.EXPIRES_FIELD, problem, Truesight.FALLBACK_LIFETIME))
    return now + Truesight.FALLBACK_LIFETIME, warning


def unwrap(body):
    """The payload of a TSWS answer: ``body["response"]`` in the wrapped envelope, else the body itself."""
    if isinstance(body, dict) and Truesight.ENVELOPE_KEY in body and body[Truesight.ENVELOPE_KEY] is not None:
        return body[Truesight.ENVELOPE_KEY]
    return body


def _status_code(body):
    """The envelope's own ``statusCode`` (a string such as "200") as an int, or None."""
    code = body.get('statusCode') if isinstance(body, dict) else None
    try:
        return int(str(code).strip()) if code is not None else None
    except ValueError:
        return None


def describe_error(response):
    """Read a TSWS error envelope (statusCode, statusMsg, responseMsg, responseContent) and add the hint for 401/403."""
    message = code = None
    body = response.error_body()
    if isinstance(body, dict):
        code = body.get('statusCode')
        parts = []
        for name in Truesight.ERROR_MESSAGE_FIELDS:
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
    return response.method == 'POST' and response.path.rstrip('/') == Truesight.LOGIN_PATH


class TruesightPasswordLogin(Authenticator):
    """``POST /tsws/api/v10.1/token`` with JSON username, password and tenantName; the answer holds the authToken."""

    vendor = VENDOR
    method = 'password'

    def __init__(self, username, password, tenant=Truesight.DEFAULT_TENANT, warn=None):
        self.username = username
        self.password = password
        self.tenant = tenant or Truesight.DEFAULT_TENANT
        self.warn = warn or (lambda message: None)

    def validate(self):
        self.require(username=self.username, password=self.password)

    def login(self, client):
        body = {'username': self.username, 'password': self.password, Truesight.TENANT_FIELD: self.tenant}
        response = client.post(Truesight.LOGIN_PATH, json=body, authenticated=False)
        return self.credential_from(response)

    def credential_from(self, response, now=None):
        """The credential in a login answer, wrapped or flat; a refusal inside a 200 answer is an authentication error."""
        # Not Response.json(): its error quotes the body, and a login answer may hold the token in another shape.
        body = response.error_body()
        if body is None:
            raise _no_token(response)
        payload = unwrap(body)
        if not isinstance(payload, dict):
            raise _no_token(response, payload)
        envelope_code = _status_code(body)
        if payload.get(Truesight.AUTH_PASSED_FIELD) is False or (envelope_code is not None and not 200 <= envelope_code < 300):
            detail = body.get('statusMsg') or payload.get('status') or 'authPassed is false'
            raise AuthenticationError(
                'POST %s answered HTTP %s but refused the login: %s' % (Truesight.LOGIN_PATH, response.status, detail),
                vendor=VENDOR, status=envelope_code or response.status, hint=LOGIN_REFUSED_HINT, vendor_message=detail,
            )
        token = payload.get(Truesight.TOKEN_FIELD)
        if not isinstance(token, str) or not token.strip():
            raise _no_token(response, payload)
        expires_at, warning = expiry_at_login(payload.get(Truesight.EXPIRES_FIELD), response.header('Date'), now)
        if warning:
            self.warn(warning)
        return credential_for(token.strip(), expires_at)

    def logout(self, client, credential):
        return release_token(client, credential.token)

    def secrets(self):
        return [self.password]

    def cache_identity(self):
        return (self.method, self.username, self.tenant), (self.password,)


def _no_token(response, payload=None):
    # Name the fields only: the answer may hold the token under another name.
    if isinstance(payload, dict):
        shape = 'its fields: %s' % (', '.join(sorted(str(key) for key in payload)) or 'none')
    elif payload is not None:
        shape = 'it is a JSON %s' % type(payload).__name__
    elif response.content.strip():
        shape = 'it is not JSON: a %d-byte body of type %s' % (len(response.content), response.header('Content-Type', 'none'))
    else:
        shape = 'the body is empty'
    return ResponseFormatError(
        'POST %s returned HTTP %s without an %s field in its answer (%s)'
        % (Truesight.LOGIN_PATH, response.status, Truesight.TOKEN_FIELD, shape),
        vendor=VENDOR, status=response.status,
        hint='check that url points at the TrueSight Presentation Server (https://host:port, without /tsws)',
    )


def release_token(client, token):
    """``DELETE /tsws/api/v10.1/token``; False when the server no longer knew the token (logged out or expired)."""
    response = client.delete(Truesight.LOGOUT_PATH, authenticated=False, headers=authorization(token), expect=(401,))
    return response.ok


def token_is_valid(client, token):
    """``GET /tsws/api/v10.1/token``: True for a live token, False for one the server refuses (401)."""
    response = client.get(Truesight.VALIDATE_PATH, authenticated=False, headers=authorization(token), expect=(401,))
    return response.ok


def connect(params, warn=None, keep=False):
    """A ``TruesightAPI`` for the connection options in ``params`` (module params or validated lookup options)."""
    warn = warn or (lambda message: None)
    if params.get('token'):
        authenticator = GivenCredential(credential_for(params['token']), vendor=VENDOR)
    else:
        authenticator = TruesightPasswordLogin(params.get('username'), params.get('password'), params.get('tenant'), warn=warn)
    authenticator.validate()
    client = connect_client(
        VENDOR, params, authenticator, keep=keep,
        headers={'Content-Type': Truesight.CONTENT_TYPE}, describe_error=describe_error, warn=warn,
    )
    return TruesightAPI(client)


def api_answer(response):
    """Fail on a 2xx answer whose envelope ``statusCode`` is not 2xx: TSWS reports some failures that way
    (BMC, "Using the TSWS REST API", response envelope)."""
    code = _status_code(response.error_body())
    if code is not None and not 200 <= code < 300:
        info = describe_error(response) or ErrorInfo()
        raise error_class_for(code)('%s %s answered HTTP %s with the failure %s in its envelope: %s'
                                    % (response.method, response.path, response.status, code, info.message or 'no message'),
                                    vendor=VENDOR, status=code, hint=info.hint, vendor_code=info.code, vendor_message=info.message)


#: truesight_api: paths relative to url (they start with /tsws/...); the authToken header is the login's.
API_SPEC = ApiSpec(connect, refused_headers=('authToken',), check_answer=api_answer)


def device_list(body):
    """The devices of a devices answer: ``response.deviceList``, ``deviceList``, or a bare list (see Truesight)."""
    payload = unwrap(body)
    if isinstance(payload, dict):
        payload = payload.get(Truesight.DEVICE_LIST_FIELD)
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise ResponseFormatError('GET %s returned no "%s" list of devices' % (Truesight.DEVICES_PATH, Truesight.DEVICE_LIST_FIELD),
                                  vendor=VENDOR)
    return payload


def named(devices, name):
    """The devices whose host name (dnsName) is ``name``, compared case-insensitively (host names are)."""
    wanted = name.strip().lower()
    return [device for device in devices if str(device.get(Truesight.DEVICE_NAME_FIELD) or '').strip().lower() == wanted]


class TruesightAPI(VendorAPI):
    """What TSWS offers the modules: the token, its logout and validation, and devices."""

    def logout(self, token):
        return release_token(self.client, token)

    def token_is_valid(self, token):
        return token_is_valid(self.client, token)

    def check_token(self):
        """Ask the server whether the token in use is live; a refused one fails with the 401 explanation."""
        self.client.get(Truesight.VALIDATE_PATH)

    def devices(self, name=None):
        """Every device the user may see, or those named ``name`` (the server cannot filter by host name)."""
        found = device_list(self.client.get(Truesight.DEVICES_PATH, params=dict(Truesight.DEVICES_PARAMS)).json())
        return named(found, name) if name else found


class AuthTokenResource(TokenResource):
    """The TSWS authToken of ``truesight_token`` (the rules are ``_resource.run_token``): a given token is proven by
    ``GET /tsws/api/v10.1/token``, the same call that tells check mode of state=absent whether it is still live."""

    vendor = VENDOR
    can_log_out = True

    def validate(self):
        self.api.check_token()

    def logout(self):
        return self.api.logout(self.given_token())

    def is_live(self):
        return self.api.token_is_valid(self.given_token())

    def output(self, credential):
        return {'token': credential.token, 'authorization': authorization(credential.token)['Authorization'],
                'expires_at': iso8601(credential.expires_at)}
