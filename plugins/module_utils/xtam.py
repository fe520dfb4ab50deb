# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Xton Access Manager (XTAM): Basic and federated (CAS) sign-in, XSRF, records and their secrets."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from urllib.parse import urljoin, urlsplit, parse_qs

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    Authenticator,
    Credential,
    GivenCredential,
    basic_authorization,
    basic_secrets,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, get_or_none, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    REDACTED,
    AuthenticationError,
    OptionError,
    ResponseFormatError,
    RestAuthError,
    change_applied,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._options import XTAM
from ansible_collections.restauth.enterprise.plugins.module_utils._protocol_choices import Xtam
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, same

VENDOR = XTAM.title
MASK = REDACTED
MASK_CHANGED = REDACTED + ' (changed)'

_BASIC_HINT = ('the user name or password is wrong, or the account is locked; check username and password '
               '(or XTAM_USERNAME / XTAM_PASSWORD). When XTAM only allows federated sign-in, use auth_type: token with api_token')
_TOKEN_HINT = ('the API token is unknown, disabled or expired; check api_token (or XTAM_API_TOKEN) and that the token '
               'is enabled in XTAM (tokens need the Federated Sign-in Module)')
_SESSION_HINT = ('the session expired or was signed out; get a new one with restauth.enterprise.xtam_token, or give '
                 'username/password or api_token instead of token so the module can sign in')
_XSRF_HINT = 'XTAM refused a data-modifying call without a matching X-XSRF-TOKEN header (XSRF protection)'
_FORBIDDEN_HINT = 'the user lacks a permission on this folder or record (XTAM enforces object permissions strictly)'
_REDIRECT_HINT = ('XTAM sent the request to the federated sign-in page: the session is not (or no longer) valid, or the '
                  'server only allows federated sign-in (use auth_type: token with api_token)')


def describe_error(response):
    """Read an XTAM error: a Spring-style JSON object (``message``, ``error``) or anything else."""
    message = None
    body = response.error_body()
    if isinstance(body, dict):
        message = body.get('message') or body.get('error')
        message = str(message) if message else None
    return ErrorInfo(message=message, hint=_hint(response, message))


def _hint(response, message):
    status = response.status
    path = response.path
    if 300 <= status < 400 and _is_cas_login(response.header('Location')):
        return _REDIRECT_HINT
    if status == 401:
        if path.endswith(Xtam.CAS_LOGIN_PATH):
            return _TOKEN_HINT
        return _SESSION_HINT
    if status == 403:
        if message and ('csrf' in message.lower() or 'xsrf' in message.lower()):
            return _XSRF_HINT
        return _FORBIDDEN_HINT
    return None


def _is_cas_login(location):
    return bool(location) and urlsplit(location).path.rstrip('/').endswith(Xtam.CAS_DEFAULT_PATH + Xtam.CAS_LOGIN_PATH)


def default_cas_url(url):
    """``<scheme://host[:port]>/cas`` for an XTAM ``url``."""
    parts = urlsplit(url or '')
    return '%s://%s%s' % (parts.scheme, parts.netloc, Xtam.CAS_DEFAULT_PATH)


def session_credential(client, request_headers, given_session=None, refused_hint=None):
    """``GET /rest/user/whoami`` with what authenticates (Basic or the session cookie); the session and XSRF cookies.

    ``request_headers`` carry the authentication; the answer's cookies give the
    credential every later call sends: the session cookie and the XSRF token,
    also as the ``X-XSRF-TOKEN`` header. ``given_session`` is the session cookie
    value already held (XTAM need not set it again).
    """
    response = client.get(Xtam.WHOAMI_PATH, authenticated=False, headers=request_headers, expect=(301, 302, 303, 401))
    if not response.ok:
        error = client.error_for(response)
        if response.status == 401 and refused_hint:
            error.hint = refused_hint
        raise error
    user = response.json()
    cookies = response.cookies()
    session = cookies.get(Xtam.SESSION_COOKIE) or given_session
    xsrf = cookies.get(Xtam.XSRF_COOKIE)
    if not session:
        raise ResponseFormatError(
            'GET %s answered without a %s session cookie' % (Xtam.WHOAMI_PATH, Xtam.SESSION_COOKIE), vendor=VENDOR,
            status=response.status, hint='check that url includes the XTAM application path, for example https://pam.example.com/xtam',
        )
    if not xsrf:
        raise ResponseFormatError(
            'GET %s answered without the %s cookie that data-modifying calls need' % (Xtam.WHOAMI_PATH, Xtam.XSRF_COOKIE),
            vendor=VENDOR, status=response.status,
        )
    credential = Credential(
        token=session,
        headers={Xtam.XSRF_HEADER: xsrf},
        cookies={Xtam.SESSION_COOKIE: session, Xtam.XSRF_COOKIE: xsrf},
    )
    credential.user = user
    return credential


def _rejects(response, cas_url):
    """401, or a redirect to the CAS login page: the session is no longer accepted."""
    if response.status == 401:
        return True
    location = response.header('Location')
    if 300 <= response.status < 400 and location:
        target = urljoin(response.url, location)
        return target.startswith(cas_url.rstrip('/') + Xtam.CAS_LOGIN_PATH) or _is_cas_login(target)
    return False


class XtamBasicLogin(Authenticator):
    """HTTP Basic on ``/rest/user/whoami``; the session cookie and XSRF token from its answer."""

    vendor = VENDOR
    method = 'basic'

    def __init__(self, username, password, cas_url):
        self.username = username
        self.password = password
        self.cas_url = cas_url

    def validate(self):
        self.require(username=self.username, password=self.password)

    def login(self, client):
        headers = {'Authorization': basic_authorization(self.username, self.password)}
        return session_credential(client, headers, refused_hint=_BASIC_HINT)

    def rejects(self, response):
        return _rejects(response, self.cas_url)

    def secrets(self):
        return basic_secrets(self.username, self.password)

    def cache_identity(self):
        return (self.method, self.username), (self.password,)


class XtamTokenLogin(Authenticator):
    """Federated sign-in with an API token: CAS ``/login`` with a ``token`` header, the service ticket, the session."""

    vendor = VENDOR
    method = 'token'

    def __init__(self, api_token, url, cas_url):
        self.api_token = api_token
        self.url = url.rstrip('/')
        self.cas_url = cas_url.rstrip('/')

    def validate(self):
        self.require(api_token=self.api_token)

    def login(self, client):
        ticket_url = self.service_ticket(client)
        response = client.get(ticket_url, authenticated=False, expect=(302, 303))
        session = response.cookies().get(Xtam.SESSION_COOKIE)
        if not session:
            raise AuthenticationError(
                'GET %s?%s=... answered HTTP %s without a %s session cookie: XTAM did not accept the service ticket'
                % (urlsplit(ticket_url).path, Xtam.TICKET_PARAM, response.status, Xtam.SESSION_COOKIE),
                vendor=VENDOR, status=response.status,
                hint='service tickets are single-use and short-lived; check that the clocks of XTAM and CAS agree and that '
                     'url is the service XTAM registered with CAS',
            )
        return session_credential(client, {'Cookie': '%s=%s' % (Xtam.SESSION_COOKIE, session)}, session,
                                  refused_hint='XTAM refused the session it had just opened from the service ticket')

    def service_ticket(self, client):
        """The XTAM URL with a service ticket, from the CAS ``Location`` header (redirects are not followed)."""
        path = self.cas_url + Xtam.CAS_LOGIN_PATH
        response = client.get(path, params={'service': self.url + '/'}, authenticated=False,
                              headers={Xtam.TOKEN_HEADER: self.api_token, 'Accept': 'text/html, */*'}, expect=(200, 302, 303))
        location = response.header('Location')
        if response.status == 200 or not location:
            raise AuthenticationError(
                'GET %s answered HTTP %s without a service ticket: CAS did not accept the API token'
                % (urlsplit(path).path, response.status), vendor=VENDOR, status=response.status, hint=_TOKEN_HINT,
            )
        target = urljoin(path, location)
        if not target.startswith(self.url + '/') or not parse_qs(urlsplit(target).query).get(Xtam.TICKET_PARAM):
            raise ResponseFormatError(
                'CAS redirected to %s instead of %s/?%s=<service ticket>' % (target.split('?')[0], self.url, Xtam.TICKET_PARAM),
                vendor=VENDOR, status=response.status,
                hint='check that url is the XTAM address registered as a service in the federated sign-in module',
            )
        return target

    def rejects(self, response):
        return _rejects(response, self.cas_url)

    def secrets(self):
        return [self.api_token]

    def cache_identity(self):
        return (self.method, self.cas_url), (self.api_token,)


class XtamGivenSession(GivenCredential):
    """A session cookie value the user holds (the ``token`` option); its XSRF token is fetched once from whoami."""

    def __init__(self, token):
        super(XtamGivenSession, self).__init__(Credential(token=token, cookies={Xtam.SESSION_COOKIE: token}), vendor=VENDOR)
        self.token = token
        self.cas_url = None

    def login(self, client):
        return session_credential(client, {'Cookie': '%s=%s' % (Xtam.SESSION_COOKIE, self.token)}, self.token, refused_hint=_SESSION_HINT)

    def rejects(self, response):
        return _rejects(response, self.cas_url or default_cas_url(response.url))


def authenticator_for(params):
    """The sign-in the options ask for: a given session, the CAS token flow, or Basic."""
    url = (params.get('url') or '').rstrip('/')
    cas_url = (params.get('cas_url') or default_cas_url(url)).rstrip('/')
    if params.get('token'):
        authenticator = XtamGivenSession(params['token'])
        authenticator.cas_url = cas_url
        return authenticator
    auth_type = params.get('auth_type') or ('token' if params.get('api_token') else 'basic')
    if auth_type == 'token':
        return XtamTokenLogin(params.get('api_token'), url, cas_url)
    return XtamBasicLogin(params.get('username'), params.get('password'), cas_url)


def connect(params, warn=None, keep=False):
    """An ``XtamAPI`` for the connection options in ``params`` (module params or validated lookup options)."""
    warn = warn or (lambda message: None)
    params = dict(params, url=url_without_suffix(params.get('url'), '/rest', warn))
    authenticator = authenticator_for(params)
    authenticator.validate()
    others = [params['cas_url']] if params.get('cas_url') else []
    client = connect_client(VENDOR, params, authenticator, keep=keep, describe_error=describe_error, warn=warn, other_urls=others)
    return XtamAPI(client)


#: xtam_api: paths relative to url + /rest; the credential carries X-XSRF-TOKEN on every call (see ``session_credential``).
API_SPEC = ApiSpec(connect, root='/rest', refused_headers=(Xtam.XSRF_HEADER, 'token'))


def parse_custom(record):
    """The ``custom`` field map of an unlocked record: a JSON object encoded as a string inside the record.

    Errors never quote the content: it holds the record's secrets.
    """
    raw = record.get('custom') if isinstance(record, dict) else None
    record_id = record.get('id') if isinstance(record, dict) else None
    if raw is None or raw == '':
        return {}
    if isinstance(raw, dict):
        return raw  # a server that sends the map itself, not encoded (tolerated)
    if not isinstance(raw, str):
        raise ResponseFormatError(
            'record %s has a "custom" value of type %s where a JSON string was expected' % (record_id, type(raw).__name__),
            vendor=VENDOR,
        )
    try:
        custom = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise ResponseFormatError(
            'record %s has a "custom" field that is not valid JSON (%s); its content is not shown because '
            'it holds secrets' % (record_id, exc),
            vendor=VENDOR,
            hint='the record was probably written by a client that did not JSON-encode its fields; fix it in the XTAM web '
                 'interface or rewrite it with restauth.enterprise.xtam_record',
        )
    if not isinstance(custom, dict):
        raise ResponseFormatError(
            'record %s has a "custom" field that holds a JSON %s, not an object of fields' % (record_id, type(custom).__name__),
            vendor=VENDOR,
        )
    return custom


# Parts of field names that mark a field of a record as secret. XTAM's REST API does not say which fields of a
# record type are secret, so a name that contains one of these (in any case) is treated as one: Password,
# Root password, SSH Key, Private key passphrase, API Token, Secret...
SECRET_FIELD_PARTS = ('pass', 'pwd', 'secret', 'key', 'token', 'credential', 'private')
# Shorter values are not registered as no_log values: Ansible would mask that text everywhere in the output
# (a Port of 1 turns every "1" of a record id into ********). Secrets are masked by field name in the result
# and the diff whatever their length.
MIN_NO_LOG_LENGTH = 4


def is_secret_field(name):
    """Whether the ``custom`` field ``name`` holds a secret (its name contains a part of SECRET_FIELD_PARTS)."""
    lowered = str(name).lower()
    return any(part in lowered for part in SECRET_FIELD_PARTS)


def secret_field_values(custom):
    """The values of the secret fields of a ``custom`` map, as text, for a module's no_log values.

    Only fields that ``is_secret_field`` names, and only values of at least MIN_NO_LOG_LENGTH characters.
    """
    secrets = dict((key, value) for key, value in (custom or {}).items() if is_secret_field(key))
    return [value for value in secret_values(secrets) if len(value) >= MIN_NO_LOG_LENGTH]


def masked_secret_fields(custom):
    """A copy of a ``custom`` map with the values of its secret fields masked (for a module's invocation)."""
    return dict((key, MASK if is_secret_field(key) and value is not None else value) for key, value in (custom or {}).items())


def option_text_values(value):
    """The text Ansible registers as no_log values for an option holding ``value``: every non-empty leaf as a string."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in option_text_values(item)]
    if isinstance(value, (list, tuple, set)):
        return [text for item in value for text in option_text_values(item)]
    if value is None or isinstance(value, bool):
        return []
    text = value if isinstance(value, str) else str(value)
    return [text] if text else []


def secret_values(custom):
    """Every value of a ``custom`` map as text (the values a lookup pulls, masked in its errors)."""
    values = []
    for value in (custom or {}).values():
        if isinstance(value, (dict, list)):
            values.append(json.dumps(value))
        elif value is not None and not isinstance(value, bool):
            values.append(str(value))
    return [value for value in values if value]


def masked(custom, changed=()):
    return dict((key, MASK_CHANGED if key in changed else MASK) for key in (custom or {}))


class XtamAPI(VendorAPI):
    """What the XTAM REST API offers the modules: sign-in, whoami, folders and records."""

    def whoami(self):
        """The signed-in user."""
        credential = self.login()
        user = getattr(credential, 'user', None)
        if user is None:
            user = self.client.get(Xtam.WHOAMI_PATH).json()
            credential.user = user
        return user

    def session_is_live(self):
        """True when XTAM still accepts the session (whoami answers), False when it refuses it."""
        try:
            self.login()
        except AuthenticationError:
            return False
        return True

    def logout(self):
        """End the session (``POST /logout``, INFERRED); False when XTAM no longer knew it."""
        if not self.session_is_live():
            return False
        response = self.client.post(Xtam.LOGOUT_PATH, expect=(301, 302, 303, 401))
        return response.status != 401

    def get_record(self, record_id):
        """The record without its secrets, or None when it does not exist (or the user may not see it)."""
        response = get_or_none(self.client, _path(Xtam.RECORD_GET_PATH, record_id=record_id))
        return None if response is None else _record(response.json())

    def unlock_record(self, record_id, require_custom=False):
        """The record with ``custom`` parsed into a dict (secret values included), or None when it does not exist.

        ``require_custom``: an answer without a ``custom`` field is an error, not an empty set of fields (before
        a write that sends the fields back, an empty set would erase the stored secrets).
        """
        response = get_or_none(self.client, _path(Xtam.RECORD_UNLOCK_PATH, record_id=record_id))
        if response is None:
            return None
        record = _record(response.json())
        if require_custom and record.get('custom') is None:
            raise ResponseFormatError(
                'GET %s answered without the record\'s "custom" fields, so they cannot be compared or kept; nothing was changed'
                % _path(Xtam.RECORD_UNLOCK_PATH, record_id=record_id), vendor=VENDOR,
                hint='check that the user may unlock this record (XTAM permissions and approval workflows)',
            )
        record['custom'] = parse_custom(record)
        return record

    def list_folder(self, folder_id):
        """The entries of a folder: records and sub-folders."""
        entries = self.client.get(_path(Xtam.FOLDER_LIST_PATH, folder_id=folder_id)).json()
        if not isinstance(entries, list):
            raise ResponseFormatError('GET %s did not answer a list' % _path(Xtam.FOLDER_LIST_PATH, folder_id=folder_id), vendor=VENDOR)
        return [entry for entry in entries if isinstance(entry, dict)]

    def records_in(self, folder_id, name=None):
        """The records (not sub-folders) of a folder, only those called ``name`` when given."""
        return [_record(entry) for entry in self.list_folder(folder_id)
                if not entry.get(Xtam.FOLDER_FLAG) and (name is None or entry.get('name') == name)]

    def create_record(self, folder_id, record_type_id, name, description, custom):
        # Form encoding here, while folder create takes JSON: a real XTAM quirk (VERIFIED).
        form = {'name': name, 'description': description or '', 'custom': json.dumps(custom or {})}
        response = self.client.post(_path(Xtam.RECORD_NEW_PATH, folder_id=folder_id, record_type_id=record_type_id), data=form)
        with change_applied('the creation of record %r' % name):
            return _record(response.json(allow_empty=True) or {})

    def update_record(self, record_id, name, description, custom=None):
        """Send the update form; ``custom`` None leaves the field out, so XTAM keeps the stored fields."""
        form = {'name': name, 'description': description or ''}
        if custom is not None:
            form['custom'] = json.dumps(custom)
        self.client.post(_path(Xtam.RECORD_UPDATE_PATH, record_id=record_id), data=form)

    def delete_record(self, record_id):
        self.client.delete(_path(Xtam.RECORD_DELETE_PATH, record_id=record_id))


def read_records(api, record_id=None, folder_id=None, name=None, unlock=False):
    """The records of ``xtam_record_info``: one by id, or a folder's (named ``name``); unlocked on request."""
    if record_id is not None:
        found = api.get_record(record_id)
        records = [found] if found is not None else []
    else:
        records = api.records_in(folder_id, name)
    if not unlock:
        return [public_record(record) for record in records]
    unlocked = []
    for record in records:
        full = api.unlock_record(record['id'])
        if full is not None:
            unlocked.append(full)
    return unlocked


def _path(template, **ids):
    return template.format(**dict((key, path_part(value, key, VENDOR)) for key, value in ids.items()))


def _record(item):
    if not isinstance(item, dict):
        raise ResponseFormatError('XTAM answered %r where a record object was expected' % (type(item).__name__,), vendor=VENDOR)
    return dict(item)


def public_record(record, custom=None, changed=()):
    """A record safe to return: ``custom`` replaced by its field names with masked values (or left out)."""
    result = dict(record or {})
    result.pop('custom', None)
    if custom is not None:
        result['custom'] = masked(custom, changed)
    return result


class SessionResource(TokenResource):
    """The XTAM session of ``xtam_token`` (the rules are ``_resource.run_token``): a given token is proven by whoami."""

    vendor = VENDOR
    can_log_out = True

    def validate(self):
        self.api.whoami()

    def logout(self):
        return self.api.logout()

    def is_live(self):
        return self.api.session_is_live()

    def output(self, credential):
        return {'token': credential.token, 'xsrf_token': credential.cookies.get(Xtam.XSRF_COOKIE),
                'headers': credential.request_headers(), 'user': self.api.whoami()}


def record_params(module):
    """The options xtam_record's adapter works with, after hiding the secret ``custom`` values from the task result.

    ``custom`` is no_log so that Ansible never logs it whole; of its values only those of secret fields stay no_log
    values: Ansible masks a no_log value wherever its text appears, and "1" or "root" would disfigure record ids.
    """
    params = dict(module.params)
    custom = params['custom']
    if custom is not None:
        others = set()
        for option, spec in module.argument_spec.items():
            if option != 'custom' and spec.get('no_log'):
                others.update(option_text_values(params.get(option)))
        module.no_log_values.difference_update(set(option_text_values(custom)) - others)
        module.no_log_values.update(secret_field_values(custom))
        # What the task result shows of the options: secret fields masked by name, whatever their length.
        module.params['custom'] = masked_secret_fields(custom)
    return params


class RecordResource(Resource):
    """One XTAM record, by id or by name in a folder (the logic of ``xtam_record``; the engine is ``_resource.ensure``).

    With ``custom``, the record is read unlocked at once: its secrets are what is compared. Without it, the update
    form leaves the field out and XTAM keeps the stored fields: they are neither read nor sent, so a failed or empty
    read can never turn into erased secrets. Custom values never leave this class unmasked.
    """

    vendor = VENDOR
    module = 'xtam_record'
    kind = 'record'
    body_key = 'record'
    id_key = 'record_id'

    def __init__(self, api, params):
        super(RecordResource, self).__init__(api, params)
        self.custom = params.get('custom')
        self._current_custom = {}

    def given_id(self):
        return self.params.get('record_id')

    def label(self):
        given = self.given_id()
        return 'record %s' % (given if given is not None else repr(self.params.get('name')))

    def written_name(self, obj):
        return 'record %s' % ((obj or {}).get('id') or self.params.get('name'))

    def wanted(self):
        return {'name': self.params.get('name'), 'description': self.params.get('description'), 'custom': self.custom or None}

    def find(self):
        present = self.params.get('state', 'present') == 'present'
        read = (lambda wanted_id: self.api.unlock_record(wanted_id, require_custom=True)) if present and self.custom else self.api.get_record
        if self.given_id() is not None:
            return [read(self.given_id())]
        matches = self.api.records_in(self.params.get('folder_id'), self.params.get('name'))
        if len(matches) != 1:
            return matches
        # A folder entry need not carry every field (the description, for one).
        return [read(matches[0]['id']) or matches[0]]

    def view(self, obj):
        view = {'name': obj.get('name'), 'description': obj.get('description') or ''}
        if self.custom and self.params.get('state', 'present') == 'present':
            if 'custom' not in obj:  # listed in the folder, gone when unlocked
                raise RestAuthError('record %s disappeared while it was read' % obj.get('id'), vendor=VENDOR)
            self._current_custom = obj['custom']
            self.hide(secret_field_values(obj['custom']))
            view['custom'] = obj['custom']
        return view

    def _changed_keys(self):
        current = self._current_custom
        return [key for key, value in (self.custom or {}).items() if key not in current or not same(current[key], value)]

    def _merged(self):
        return dict(self._current_custom, **(self.custom or {}))

    def guard(self, action, current, changes):
        if action == 'create':
            options = [(option, self.params.get(option)) for option in ('name', 'folder_id', 'record_type_id')]
            missing = [option for option, value in options if not value]
            if missing:
                raise OptionError('creating a record needs %s' % ', '.join(missing), vendor=VENDOR,
                                  hint='the record was not found, so it would be created')

    def create(self, wanted):
        params = self.params
        return self.api.create_record(params['folder_id'], params['record_type_id'], params['name'], params.get('description'), self.custom)

    def update(self, current, changes):
        name = changes.get('name', current.get('name'))
        description = changes.get('description', current.get('description') or '')
        self.api.update_record(current['id'], name, description, self._merged() if self.custom else None)

    def delete(self, current):
        self.api.delete_record(current['id'])

    def read_back(self, action, current, written, changes):
        if current is None:
            return (self.api.get_record(written['id']) if written.get('id') else None) or written
        return self.api.get_record(current['id']) or self.predict(current, changes)

    def predict(self, current, changes):
        if current is None:
            params = self.params
            return {'name': params['name'], 'description': params.get('description') or '', 'recordType': {'id': params['record_type_id']}}
        return dict(current, **dict((key, value) for key, value in changes.items() if key != 'custom'))

    def output(self, obj):
        if self.params.get('state', 'present') == 'absent' or not self.custom:
            return public_record(obj)
        return public_record(obj, self._merged(), self._changed_keys())

    def diff(self, before, after, current, changes, obj=None):
        before, after = dict(before), dict(after)
        if 'custom' in before:
            before['custom'] = masked(self._current_custom)
        if 'custom' in after:
            after['custom'] = masked(self._merged(), self._changed_keys())
        return {'before': before, 'after': after}

    def ambiguous(self, matches):
        folder_id, name = self.params.get('folder_id'), self.params.get('name')
        return ('folder %s holds %d records named %r, and xtam_record changes one record' % (folder_id, len(matches), name), 'give record_id to choose one')

    def missing(self):
        return ('record %s does not exist' % self.given_id(),
                'leave record_id out and give name, folder_id and record_type_id to create the record')
