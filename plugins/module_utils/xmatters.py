# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xMatters: Basic (password or API key) and OAuth logins, error hints, paging and groups."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

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
    APIError,
    NotFoundError,
    OptionError,
    ResponseFormatError,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._options import XMATTERS
from ansible_collections.restauth.enterprise.plugins.module_utils._paging import LinkPaging, walk
from ansible_collections.restauth.enterprise.plugins.module_utils._protocol_choices import Xmatters
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601

VENDOR = XMATTERS.title

SSO_HINT = ('xMatters refuses HTTP Basic logins of users who sign in through single sign-on (SSO), even with the right '
            'password. Use an API key as username and its secret as password, or give the user a Web/App password '
            'and the Bypass SSO role, or use OAuth (auth_type: oauth with client_id). '
            'Otherwise the user name, password or API key secret is wrong')
OAUTH_GRANT_HINT = ('the user name or password was refused, or the refresh token was revoked or is unknown. OAuth needs '
                    'an xMatters Web/App password, not an SSO password: give the user a Web/App password and the Bypass '
                    'SSO role to obtain a first refresh token, then use refresh_token')
OAUTH_CLIENT_HINT = 'client_id is not the OAuth client id of this xMatters instance; find it in xMatters under Workflows > OAuth'
REFRESH_REFUSED_HINT = ('the refresh token was refused: it expired, was revoked, or was already used (the server may hand out a new '
                        'refresh token at each refresh, and the old one then works no more). Get a new one with '
                        'restauth.enterprise.xmatters_oauth_token and username and password, give username and password '
                        'with it so the module can log in, and turn on token_cache to keep the newest refresh token')
TOKEN_HINT = ('the access token expired or was revoked; get a new one with restauth.enterprise.xmatters_oauth_token, '
              'or give client_id with refresh_token (or username and password) so the module can refresh it')
REFRESHED_TOKEN_HINT = ('the server refused an access token the module had just obtained or refreshed; check that url points at the '
                        'instance that issued it and that the user has the REST Web Service User role')
URL_HINT = 'check that url points at the xMatters instance, for example https://acme.xmatters.com'
FORBIDDEN_HINT = 'the user lacks a role that allows this (the REST Web Service User role, and rights on the object)'


class Describer:
    """Reads xMatters error bodies and adds the hint that fits the auth method in use."""

    def __init__(self, method):
        self.method = method

    def __call__(self, response):
        body = response.error_body()
        body = body if isinstance(body, dict) else {}
        if body.get('error'):
            # The OAuth token endpoint speaks OAuth ({"error", "error_description"}).
            code = str(body['error'])
            message = '%s: %s' % (code, body['error_description']) if body.get('error_description') else code
            hint = {Xmatters.ERROR_INVALID_GRANT: OAUTH_GRANT_HINT, Xmatters.ERROR_INVALID_CLIENT: OAUTH_CLIENT_HINT}.get(code)
            return ErrorInfo(message=message, code=code, hint=hint)
        # Everything else: {"code", "reason", "message", "subcode"} (VERIFIED, Go client XMattersError).
        message = body.get('message') or body.get('reason')
        if message and body.get('subcode'):
            message = '%s (%s)' % (message, body['subcode'])
        return ErrorInfo(message=str(message) if message else None, code=body.get('subcode'), hint=self._hint(response.status))

    def _hint(self, status):
        if status == 401:
            return {'basic': SSO_HINT, 'oauth': REFRESHED_TOKEN_HINT}.get(self.method, TOKEN_HINT)
        if status == 403:
            return FORBIDDEN_HINT
        return None


def bearer_credential(access_token, expires_at=None):
    return Credential(token=access_token, headers={'Authorization': 'Bearer %s' % access_token}, expires_at=expires_at)


class OAuthCredential(Credential):
    """An access token and what came with it: the refresh token, its type and lifetime."""

    def __init__(self, access_token, refresh_token=None, token_type='bearer', expires_in=None, expires_at=None):
        super(OAuthCredential, self).__init__(token=access_token, headers={'Authorization': 'Bearer %s' % access_token},
                                              expires_at=expires_at)
        self.refresh_token = refresh_token
        self.token_type = token_type
        self.expires_in = expires_in

    def secrets(self):
        values = super(OAuthCredential, self).secrets()
        if self.refresh_token:
            values.append(self.refresh_token)
        return values

    def dump(self):
        return dict(super(OAuthCredential, self).dump(), refresh_token=self.refresh_token, token_type=self.token_type,
                    expires_in=self.expires_in)


class XmattersBasic(Authenticator):
    """HTTP Basic with a password, or with an API key as user name and its secret as password.

    There is no login request: the credential is the Authorization header itself.
    """

    vendor = VENDOR
    method = 'basic'
    # Sending the same user and password again cannot help: a 401 is reported (with the SSO
    # explanation) instead of a second attempt.
    can_login = False

    def __init__(self, username, password):
        self.username = username
        self.password = password

    def validate(self):
        self.require(username=self.username, password=self.password)

    def login(self, client):
        return Credential(headers={'Authorization': basic_authorization(self.username, self.password)})

    def secrets(self):
        return basic_secrets(self.username, self.password)


class XmattersOAuth(Authenticator):
    """OAuth: an access token from ``POST /api/xm/1/oauth2/token``, password grant or refresh-token grant.

    A new access token is obtained shortly before the current one expires and once when the server
    refuses it (the client drops the credential and asks ``login`` again). A refresh token, given or
    obtained, is used first; when it is refused and a password is known, the password grant follows.
    ``access_token`` is a token the user already holds: it is used first and refreshed like any other.
    """

    vendor = VENDOR
    method = 'oauth'

    def __init__(self, client_id, username=None, password=None, refresh_token=None, access_token=None, warn=None):
        self.client_id = client_id
        self.username = username
        self.password = password
        self.refresh_token = refresh_token
        self.given_refresh_token = refresh_token
        self.pending = bearer_credential(access_token) if access_token else None
        self.warn = warn or (lambda message: None)
        #: set by ``connect`` when the token cache keeps the newest refresh token for later tasks
        self.cached = False
        #: False where the new refresh token is the task's result (xmatters_oauth_token): nothing to warn about
        self.warn_rotation = True

    def validate(self):
        if not self.client_id:
            raise OptionError('the OAuth login needs client_id', vendor=VENDOR,
                              hint='set client_id (or XMATTERS_CLIENT_ID): the OAuth client id shown in xMatters under Workflows > OAuth')
        if not self.refresh_token:
            self.require(username=self.username, password=self.password)

    def login(self, client):
        if self.pending is not None:
            credential, self.pending = self.pending, None
            return credential
        if self.refresh_token:
            used = self.refresh_token
            try:
                credential = self._grant(client, Xmatters.GRANT_REFRESH, refresh_token=used)
            except APIError as exc:
                # A revoked or unknown refresh token: the password, when known, gets a new one. A busy or
                # failing server is no reason to drop a good refresh token.
                if exc.status in Xmatters.GRANT_REFUSED_STATUSES:
                    # The SSO explanation of a refused password does not fit a refused refresh token.
                    exc.hint = REFRESH_REFUSED_HINT
                if not self.password or exc.status not in Xmatters.GRANT_REFUSED_STATUSES:
                    raise
                self.refresh_token = None
            else:
                if self.warn_rotation and used == self.given_refresh_token and credential.refresh_token != used:
                    self._warn_spent()
                return credential
        return self._grant(client, Xmatters.GRANT_PASSWORD, username=self.username, password=self.password)

    def _warn_spent(self):
        if self.cached:
            keep = ('the token cache keeps the new one for the next tasks of this controller; elsewhere (another controller, '
                    'a run without token_cache) the given one is refused')
        else:
            keep = ('keep the new one: turn on token_cache (the cache then keeps the newest for later tasks), or get it from the '
                    'refresh_token result of restauth.enterprise.xmatters_oauth_token and store it in place of the old one')
        self.warn('%s: the server answered the refresh with a new refresh token, so the refresh_token given to this task is spent '
                  'and will be refused next time; %s' % (VENDOR, keep))

    def _grant(self, client, grant_type, **fields):
        form = dict(fields, grant_type=grant_type, client_id=self.client_id)
        started = time.time()
        response = client.post(Xmatters.TOKEN_PATH, data=form, authenticated=False)
        # Not Response.json(): its error quotes the body, and a token answer may hold a token in another shape.
        body = response.error_body()
        if body is None:
            shape = ('it is not JSON: a %d-byte body of type %s' % (len(response.content), response.header('Content-Type', 'none'))
                     if response.content.strip() else 'the body is empty')
            raise ResponseFormatError('POST %s answered HTTP %s without an access_token field (%s)' % (Xmatters.TOKEN_PATH, response.status, shape),
                                      vendor=VENDOR, status=response.status, hint=URL_HINT)
        credential = oauth_credential(body, started)
        if credential.refresh_token:
            self.refresh_token = credential.refresh_token
        else:
            credential.refresh_token = self.refresh_token
        return credential

    def secrets(self):
        return [value for value in (self.password, self.given_refresh_token, self.refresh_token) if value]

    def cache_identity(self):
        return (self.method, self.client_id, self.username), (self.password, self.given_refresh_token)

    def resume(self, data):
        if data.get('refresh_token'):
            self.refresh_token = data['refresh_token']

    def restore(self, data):
        credential = OAuthCredential(data['token'], refresh_token=data.get('refresh_token'), token_type=data.get('token_type') or 'bearer',
                                     expires_in=data.get('expires_in'), expires_at=data.get('expires_at'))
        if credential.refresh_token:
            # The newest refresh token renews the cached access token when it expires.
            self.refresh_token = credential.refresh_token
        return credential


def oauth_credential(body, started):
    """The ``OAuthCredential`` of a token endpoint answer; ``started`` is when the request left."""
    token = body.get('access_token') if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        # Name the fields only: the answer may hold the token under another name.
        shape = ('its fields: %s' % (', '.join(sorted(str(key) for key in body)) or 'none') if isinstance(body, dict)
                 else 'it is a JSON %s' % type(body).__name__)
        raise ResponseFormatError('POST %s answered without an access_token field (%s)' % (Xmatters.TOKEN_PATH, shape), vendor=VENDOR,
                                  hint=URL_HINT)
    token_type = str(body.get('token_type') or 'bearer')
    if token_type.lower() != 'bearer':
        raise ResponseFormatError('POST %s answered a %r token; only bearer tokens are supported' % (Xmatters.TOKEN_PATH, token_type),
                                  vendor=VENDOR)
    expires_in = body.get('expires_in')
    if not isinstance(expires_in, (int, float)) or isinstance(expires_in, bool) or expires_in <= 0:
        expires_in = Xmatters.TOKEN_LIFETIME
    return OAuthCredential(token, refresh_token=body.get('refresh_token') or None, token_type=token_type,
                           expires_in=int(expires_in), expires_at=started + expires_in)


def auth_type(params):
    """The auth method: the ``auth_type`` option, else oauth when client_id or refresh_token is set, else basic."""
    if params.get('auth_type'):
        return params['auth_type']
    return 'oauth' if params.get('client_id') or params.get('refresh_token') else 'basic'


def authenticator_for(params, warn=None):
    method = auth_type(params)
    token = params.get('token')
    if method == 'oauth' and (params.get('refresh_token') or params.get('password')) and params.get('client_id'):
        return XmattersOAuth(params['client_id'], params.get('username'), params.get('password'),
                             params.get('refresh_token'), access_token=token, warn=warn)
    if token:
        return GivenCredential(bearer_credential(token), vendor=VENDOR)
    if method == 'oauth':
        return XmattersOAuth(params.get('client_id'), params.get('username'), params.get('password'), params.get('refresh_token'),
                             warn=warn)
    return XmattersBasic(params.get('username'), params.get('password'))


def connect(params, warn=None, keep=False):
    """An ``XmattersAPI`` for the connection options in ``params`` (module params or validated lookup options)."""
    warn = warn or (lambda message: None)
    authenticator = authenticator_for(params, warn)
    authenticator.validate()
    # Users copy the base URL from the API docs (https://acme.xmatters.com/api/xm/1); the collection adds it itself.
    client = connect_client(VENDOR, dict(params, url=url_without_suffix(params.get('url'), Xmatters.API_PATH, warn)), authenticator, keep=keep,
                            describe_error=Describer(authenticator.method), warn=warn)
    if isinstance(authenticator, XmattersOAuth):
        authenticator.cached = client.auth.cache is not None
    return XmattersAPI(client)


def _api_pages(api, path, query):
    query = dict(query)
    return api.walk(path, query, page_size=int(query.pop('limit', Xmatters.PAGE_SIZE)))


#: xmatters_api: paths relative to url + /api/xm/1, links.next paging.
API_SPEC = ApiSpec(connect, root=Xmatters.API_PATH, pages=_api_pages)


class _Pages(LinkPaging):
    """A paged collection of the xMatters REST API: ``data`` holds the items, ``links.next`` the next page."""

    endless_hint = 'the server\'s paging (links.next) does not end; check that url points at the xMatters instance'

    def next_link(self, page):
        # links.next is a server-relative path that already holds /api/xm/1 (VERIFIED); LinkPaging resolves it
        # against the configured server, and absolute links must stay on it (HTTPClient.url_for checks).
        links = page.get('links') if isinstance(page.get('links'), dict) else {}
        return links.get('next')


class XmattersAPI(VendorAPI):
    """What the xMatters REST API offers the modules: the login, paged collections and groups."""

    def walk(self, path, params=None, page_size=Xmatters.PAGE_SIZE):
        """Every item of a paged collection, following ``links.next`` from the first page to the last."""
        return walk(_Pages(self.client, VENDOR, path, params, page_size))

    @staticmethod
    def group_path(key=None):
        if key is None:
            return Xmatters.GROUPS_PATH
        return '%s/%s' % (Xmatters.GROUPS_PATH, path_part(key, 'group', VENDOR))

    def groups(self, page_size=Xmatters.PAGE_SIZE):
        return self.walk(Xmatters.GROUPS_PATH, page_size=page_size)

    def get_group(self, name, embed=None):
        """The group named ``name`` (its targetName or id), or None."""
        params = {'embed': embed} if embed else None
        response = get_or_none(self.client, self.group_path(name), params=params)
        return None if response is None else _object(response, 'group')

    def save_group(self, body):
        """Create (no ``id``) or update (with ``id``): both are a POST to /groups (VERIFIED)."""
        return _object(self.client.post(Xmatters.GROUPS_PATH, json=body), 'group')

    def delete_group(self, group_id):
        """Delete a group; False when the server answered 204 (nothing to delete)."""
        response = self.client.delete(self.group_path(group_id))
        return response.status != Xmatters.DELETE_NOT_FOUND_STATUS

    def person_id(self, name):
        response = get_or_none(self.client, '%s/%s' % (Xmatters.PEOPLE_PATH, path_part(name, 'person', VENDOR)))
        if response is None:
            raise NotFoundError('there is no person %r to make a supervisor' % name, vendor=VENDOR, status=404,
                                hint='supervisors are the targetNames (user ids) of existing xMatters people')
        return _object(response, 'person')['id']


def _object(response, kind):
    body = response.json()
    if not isinstance(body, dict) or not body.get('id'):
        raise ResponseFormatError('%s %s returned a %s without an id: %r' % (response.method, response.path, kind, response.snippet()),
                                  vendor=VENDOR)
    return body


# The group fields the module manages: option name -> API field name.
GROUP_FIELDS = (
    ('description', 'description'),
    ('status', 'status'),
    ('observed_by_all', 'observedByAll'),
    ('allow_duplicates', 'allowDuplicates'),
    ('use_default_devices', 'useDefaultDevices'),
    ('external_key', 'externalKey'),
)


def supervisor_names(group):
    embedded = group.get('supervisors') if isinstance(group, dict) else None
    data = embedded.get('data') if isinstance(embedded, dict) else embedded
    names = []
    for person in data or []:
        if isinstance(person, dict):
            names.append(person.get('targetName') or person.get('id'))
    return sorted(name for name in names if name)


def group_view(group, with_supervisors):
    """The managed fields of a group, by option name."""
    view = {'name': group.get('targetName')}
    for option, field in GROUP_FIELDS:
        view[option] = group.get(field)
    if with_supervisors:
        view['supervisors'] = supervisor_names(group)
    return view


class GroupResource(Resource):
    """An xMatters group, found by its targetName (the logic of ``xmatters_group``; the engine is ``_resource.ensure``)."""

    vendor = VENDOR
    module = 'xmatters_group'
    kind = 'group'
    body_key = 'group'

    def __init__(self, api, params):
        super(GroupResource, self).__init__(api, params)
        self._supervisor_ids = None
        # The supervisors are embedded only when they are compared (state=present).
        self._embed = Xmatters.EMBED_SUPERVISORS if params.get('state', 'present') == 'present' else None

    def label(self):
        return 'group %s' % self.params['name']

    def wanted(self):
        wanted = dict((option, self.params.get(option)) for option, _field in GROUP_FIELDS)
        wanted['name'] = self.params['name']
        if self.params.get('supervisors') is not None:
            wanted['supervisors'] = sorted(set(self.params['supervisors']))
        return wanted

    def find(self):
        return [self.api.get_group(self.params['name'], embed=self._embed)]

    def view(self, obj):
        return group_view(obj, self._embed is not None)

    def guard(self, action, current, changes):
        # Resolved in check mode too: an unknown person fails the prediction as it would fail the change.
        if 'supervisors' in changes:
            self._supervisor_ids = [self.api.person_id(person) for person in changes['supervisors']]

    def create(self, wanted):
        return self.api.save_group(self._body(wanted))

    def update(self, current, changes):
        # xMatters updates with a POST to the collection that carries the group's id (xMatters REST API, "Modify a group").
        return self.api.save_group(dict(self._body(changes), id=current['id']))

    def delete(self, current):
        return self.api.delete_group(current['id'])

    def read_back(self, action, current, written, changes):
        group_id = written['id'] if current is None else current['id']
        stored = self.api.get_group(group_id, embed=Xmatters.EMBED_SUPERVISORS)
        if current is None:
            return stored or written
        return stored

    def predict(self, current, changes):
        predicted = dict(current or {'recipientType': 'GROUP'})
        for key, value in changes.items():
            if key == 'supervisors':
                predicted['supervisors'] = {'count': len(value), 'total': len(value),
                                            'data': [{'targetName': person, 'recipientType': 'PERSON'} for person in value]}
            else:
                predicted[_GROUP_API_FIELDS[key]] = value
        return predicted

    def _body(self, values):
        body = dict((_GROUP_API_FIELDS[key], value) for key, value in values.items() if key != 'supervisors')
        if 'supervisors' in values:
            body['supervisors'] = self._supervisor_ids
        return body


_GROUP_API_FIELDS = dict(GROUP_FIELDS, name='targetName')


def token_connect(params, warn=None, keep=False):
    """``connect`` for ``xmatters_oauth_token``: always OAuth, whatever ``auth_type`` says.

    A given access token (``token``) is checked as it is: the refresh token and password are left out of the
    connection, so that a refused token fails instead of being replaced quietly. The new refresh token of a
    rotation is the module's result: no warning that the given one is spent.
    """
    options = dict(params, auth_type='oauth')
    if params.get('token'):
        options.update(refresh_token=None, password=None)
    api = connect(options, warn=warn, keep=keep)
    if isinstance(api.client.auth.authenticator, XmattersOAuth):
        api.client.auth.authenticator.warn_rotation = False
    return api


class OAuthTokenResource(TokenResource):
    """The OAuth tokens of ``xmatters_oauth_token`` (the rules are ``_resource.run_token``): a given access token is
    proven by one read of ``/people`` (one person asked for); xMatters has no call that revokes a token."""

    vendor = VENDOR

    def validate(self):
        # A 403 (the user may not list people) still proves the token was accepted.
        self.api.client.get(Xmatters.PEOPLE_PATH, params={'limit': 1}, expect=(403,))

    def output(self, credential):
        given = self.given_token()
        return {
            'access_token': credential.token,
            'refresh_token': getattr(credential, 'refresh_token', None) or (self.params.get('refresh_token') if given else None),
            'expires_in': getattr(credential, 'expires_in', None),
            'expires_at': iso8601(credential.expires_at),
            'token_type': getattr(credential, 'token_type', None) or 'bearer',
        }
