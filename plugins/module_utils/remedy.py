# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC Remedy AR System: JWT login, AR error messages, and form entries."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import binascii
import json
import time

from urllib.parse import unquote, urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec, offset_pages
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    Authenticator,
    Credential,
    GivenCredential,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, get_or_none, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, http_date, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    OptionError,
    ResponseFormatError,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._options import REMEDY
from ansible_collections.restauth.enterprise.plugins.module_utils._paging import OffsetPaging, walk
from ansible_collections.restauth.enterprise.plugins.module_utils._protocol_choices import Remedy
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601

VENDOR = REMEDY.title

_TOKEN_HINT = ('the token expired or was released (logged out); get a new one with restauth.enterprise.remedy_jwt_token, '
               'or give username and password instead of token so the module can log in')

HINTS = {
    Remedy.ERROR_BAD_CREDENTIALS: ('the user name or password is wrong, or the account is locked or disabled; '
                                   'check username and password (or REMEDY_USERNAME / REMEDY_PASSWORD)'),
    Remedy.ERROR_TOKEN_INVALID: _TOKEN_HINT,
    Remedy.ERROR_SESSION_CONFLICT: ('AR System refuses a second session of the same user from another computer. '
                                    'Log in once per play and reuse the token (remedy_jwt_token, then the token option or '
                                    'module_defaults), release tokens you no longer need (remedy_jwt_token state=absent), '
                                    'or use a dedicated integration user'),
}

_HTTP_ACCESS_HINT = ('AR System answers 403 "Access forbidden" to API calls over plain HTTP: use the https:// URL of '
                     'the REST API (often port 8443); enabling HTTP access on the server is not recommended')


def describe_error(response):
    """Read an AR System error body: a JSON array of status messages, or the 403 access object."""
    body = response.error_body()
    if isinstance(body, list):
        return _describe_ar_messages(body, response.status)
    if isinstance(body, dict) and body.get('message'):
        message = str(body['message'])
        hint = None
        if response.status == 403 and message == Remedy.HTTP_FORBIDDEN_MESSAGE:
            hint = _HTTP_ACCESS_HINT
        return ErrorInfo(message=message, code=body.get('code'), hint=hint)
    return None


def _describe_ar_messages(messages, status):
    messages = [m for m in messages if isinstance(m, dict)]
    if not messages:
        return None
    # The first ERROR/FATAL entry says what went wrong; warnings may precede it.
    first = next((m for m in messages if m.get('messageType') in ('ERROR', 'FATAL')), messages[0])
    number = first.get('messageNumber')
    text = str(first.get('messageText') or 'no message text')
    if first.get('messageAppendedText'):
        text = '%s (%s)' % (text, first['messageAppendedText'])
    message = 'ARERR %s: %s' % (number, text) if number is not None else text
    hint = HINTS.get(number)
    if hint is None and status == 401:
        hint = _TOKEN_HINT
    return ErrorInfo(message=message.strip(), code=number, hint=hint)


def jwt_expiry(token):
    """The ``exp`` claim of a JWT as a POSIX timestamp, or None when it cannot be read.

    The signature is not checked: the server does that; the collection only
    wants to know when to stop using the token.
    """
    parts = (token or '').split('.')
    if len(parts) != 3:
        return None
    payload = parts[1] + '=' * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode('ascii')).decode('utf-8'))
    except (ValueError, TypeError, binascii.Error, UnicodeError, RecursionError):
        return None
    exp = claims.get('exp') if isinstance(claims, dict) else None
    if isinstance(exp, (int, float)) and not isinstance(exp, bool):
        return float(exp)
    return None


def credential_for(token, lifetime=None, server_date=None, now=None):
    """The credential that carries ``token``; its expiry from the JWT, else ``lifetime`` from now.

    The JWT's ``exp`` is a time on the server's clock. When the login answer's
    ``Date`` header gives that clock, ``exp`` is moved onto the local clock by
    the difference between the two, so a controller whose clock runs ahead does
    not take a fresh token for an expiring one.
    """
    now = time.time() if now is None else now
    expires_at = jwt_expiry(token)
    server_now = http_date(server_date)
    if expires_at is not None and server_now is not None:
        # Date has whole seconds: the server's clock may be up to one second past it.
        expires_at -= server_now + 1 - now
    if expires_at is None and lifetime:
        expires_at = now + lifetime
    return Credential(token=token, headers=authorization(token), expires_at=expires_at)


def authorization(token):
    return {'Authorization': '%s %s' % (Remedy.AUTH_SCHEME, token)}


class RemedyPasswordLogin(Authenticator):
    """``POST /api/jwt/login`` with a form body; the answer is the JWT as text."""

    vendor = VENDOR
    method = 'password'

    def __init__(self, username, password, auth_string=None):
        self.username = username
        self.password = password
        self.auth_string = auth_string

    def validate(self):
        # AR System accepts a blank password for users configured that way, so
        # only a password that was not given at all is missing.
        self.require(blank_ok=('password',), username=self.username, password=self.password)

    def login(self, client):
        form = {'username': self.username, 'password': self.password}
        if self.auth_string:
            form['authString'] = self.auth_string
        response = client.post(Remedy.LOGIN_PATH, data=form, authenticated=False, headers={'Accept': 'text/plain, */*'})
        token = response.text.strip()
        if not token or ' ' in token or token.startswith(('{', '[', '<')):
            # Never quote the answer: it may hold the token in another shape.
            raise ResponseFormatError(
                'POST %s returned HTTP %s, but the login answer is not a JWT: %s'
                % (Remedy.LOGIN_PATH, response.status, describe_login_answer(response)),
                vendor=VENDOR, status=response.status,
                hint='AR System answers a login with the bare JWT as text; check that url points at the AR System REST API '
                     '(jetty), not a mid-tier or a proxy page',
            )
        return credential_for(token, lifetime=Remedy.TOKEN_LIFETIME, server_date=response.header('Date'))

    def logout(self, client, credential):
        return release_token(client, credential.token)

    def secrets(self):
        return [self.password]

    def cache_identity(self):
        return (self.method, self.username, self.auth_string), (self.password,)


def describe_login_answer(response):
    """What a login answer that holds no JWT looks like, without a word of its content (it may hold a secret)."""
    content_type = response.header('Content-Type', 'none')
    if not response.content.strip():
        return 'the body is empty'
    body = response.error_body()
    if isinstance(body, dict):
        return 'a JSON object with the fields %s' % (', '.join(sorted(str(key) for key in body)) or 'none')
    if body is not None:
        return 'a JSON %s' % type(body).__name__
    return 'a %d-byte body of type %s' % (len(response.content), content_type)


def release_token(client, token):
    """``POST /api/jwt/logout``; False when the server no longer knew the token (released or expired)."""
    response = client.post(Remedy.LOGOUT_PATH, authenticated=False, headers=authorization(token), expect=(401,))
    return response.ok


def connect(params, warn=None, keep=False):
    """A ``RemedyAPI`` for the connection options in ``params`` (module params or validated lookup options).

    ``keep`` leaves a token obtained by login valid when the client is closed
    (for the token module and the lookup, which hand it to the user).
    """
    warn = warn or (lambda message: None)
    if params.get('token'):
        authenticator = GivenCredential(credential_for(params['token']), vendor=VENDOR)
    else:
        authenticator = RemedyPasswordLogin(params.get('username'), params.get('password'), params.get('auth_string'))
    authenticator.validate()
    client = connect_client(
        # The AR docs write the base as https://host:port/api; the collection adds /api itself.
        VENDOR, dict(params, url=url_without_suffix(params.get('url'), '/api', warn)), authenticator, keep=keep,
        headers=ar_headers(params.get('ar_headers')), describe_error=describe_error, warn=warn,
    )
    return RemedyAPI(client)


# AR System list answers: {"entries": [...], "_links": {"next": [...]}} (BMC, "Endpoints in AR REST API", GET multiple entries).
_api_pages = offset_pages('entries', '_links', Remedy.PAGE_SIZE, VENDOR)


#: remedy_api: paths relative to url (they start with /api/...), offset/limit paging.
API_SPEC = ApiSpec(connect, pages=_api_pages)


def ar_headers(headers):
    """The ``ar_headers`` option checked: only X-AR-* names, values sent as text."""
    checked = {}
    for name, value in (headers or {}).items():
        if not str(name).lower().startswith('x-ar-'):
            raise OptionError(
                'ar_headers may only hold X-AR-* headers, not %r' % name, vendor=VENDOR,
                hint='the Authorization header comes from the login or the token option',
            )
        checked[str(name)] = str(value)
    return checked


def entry_id_from_url(url):
    """The entry id in an entry URL: its last path segment, percent-decoded."""
    segment = urlsplit(url or '').path.rstrip('/').rsplit('/', 1)[-1]
    return unquote(segment) or None


def fields_param(fields):
    return 'values(%s)' % ','.join(fields)


class RemedyAPI(VendorAPI):
    """What the AR System REST API offers the modules: login, logout and form entries."""

    def logout(self, token):
        """Release ``token``. False when the server no longer knew it (already released or expired)."""
        return release_token(self.client, token)

    def check_token(self):
        """Prove the token in use is accepted with one authenticated read; a refused one fails with the 401 explanation."""
        self.client.get(Remedy.TOKEN_CHECK_PATH, params=dict(Remedy.TOKEN_CHECK_PARAMS), expect=Remedy.TOKEN_CHECK_ACCEPTED)

    @staticmethod
    def entry_path(form, entry_id=None):
        path = '%s/%s' % (Remedy.ENTRY_PATH, path_part(form, 'form', VENDOR).replace('%3A', ':'))
        if entry_id is not None:
            path = '%s/%s' % (path, path_part(entry_id, 'entry_id', VENDOR))
        return path

    def get_entry(self, form, entry_id, fields=None):
        """The entry ``entry_id`` of ``form``, or None when it does not exist."""
        params = {'fields': fields_param(fields)} if fields else None
        response = get_or_none(self.client, self.entry_path(form, entry_id), params=params,
                               not_missing=lambda error: error.vendor_code == Remedy.ERROR_NO_SUCH_FORM)
        return None if response is None else _entry(response.json(), entry_id)

    def read_url(self, url):
        """The entry at ``url`` (a ``Location`` header), or None when it is gone."""
        response = get_or_none(self.client, url)
        return None if response is None else _entry(response.json(), entry_id_from_url(url))

    def find_entries(self, form, query=None, fields=None, sort=None, limit=None, page_size=Remedy.PAGE_SIZE):
        """Entries of ``form`` matching the AR qualification ``query``, following pages until ``limit`` or the end."""
        params = dict((key, value) for key, value in (('q', query), ('fields', fields_param(fields) if fields else None), ('sort', sort)) if value)
        return walk(_EntryPages(self.client, VENDOR, self.entry_path(form), params, page_size), limit)

    def create_entry(self, form, values):
        """Create an entry; return its id and URL (both None on forms that give no id, such as join forms)."""
        response = self.client.post(self.entry_path(form), json={'values': values})
        location = response.header('Location')
        return (entry_id_from_url(location) if location else None), location

    def update_entry(self, form, entry_id, values):
        # AR Set Entry semantics: only the fields sent change.
        self.client.put(self.entry_path(form, entry_id), json={'values': values})

    def delete_entry(self, form, entry_id):
        self.client.delete(self.entry_path(form, entry_id))


class _EntryPages(OffsetPaging):
    """The pages of an entry list (GET /api/arsys/v1/entry/{form}?offset=&limit=).

    A server caps the entries of one call below the ``limit`` asked for (the AR
    System "max entries returned by GetList" setting); a page with ``_links``
    says by its ``next`` link whether more follow.
    """

    list_field = 'entries'
    noun = 'entries'
    endless_hint = 'set limit to the number of entries wanted, or narrow the query'

    def item(self, raw):
        return _entry(raw)

    def key(self, item):
        return item['entry_id']

    def said_more(self, page):
        links = page.get('_links')
        return bool(links.get('next')) if isinstance(links, dict) else None


def _entry(item, entry_id=None):
    if not isinstance(item, dict) or not isinstance(item.get('values'), dict):
        raise ResponseFormatError('an entry without "values" came back: %r' % (item,), vendor=VENDOR)
    if entry_id is None:
        entry_id = _self_link_id(item) or item['values'].get('Request ID')
    return {'entry_id': entry_id, 'values': item['values']}


def _self_link_id(item):
    links = item.get('_links') or {}
    selfs = links.get('self') if isinstance(links, dict) else None
    if isinstance(selfs, list) and selfs and isinstance(selfs[0], dict):
        return entry_id_from_url(selfs[0].get('href'))
    return None


class EntryResource(Resource):
    """One entry of a form (the logic of ``remedy_entry``; the engine is ``_resource.ensure``).

    An entry is ``{'entry_id': ..., 'values': {...}}``. A null in ``values`` empties
    the field: AR System stores an empty field as NULL (BMC "AR System REST API", entries).
    """

    vendor = VENDOR
    module = 'remedy_entry'
    kind = 'entry'
    body_key = 'values'
    id_key = 'entry_id'
    none_leaves = False

    def given_id(self):
        return self.params.get('entry_id')

    def label(self):
        form = self.params['form']
        if self.params.get('entry_id') is not None:
            return 'entry %s in form %s' % (self.params['entry_id'], form)
        if self.params.get('query') is not None:
            return 'the entry of form %s matching %s' % (form, self.params['query'])
        return 'a new entry in form %s' % form

    def written_name(self, obj):
        return 'entry %s in form %s' % (self.object_id(obj) or '(no id)', self.params['form'])

    def wanted(self):
        return dict(self.params.get('values') or {})

    def find(self):
        form, entry_id, query = self.params['form'], self.params.get('entry_id'), self.params.get('query')
        if entry_id is not None:
            return [self.api.get_entry(form, entry_id)]
        if query is None:
            if self.params.get('state') == 'absent':
                raise OptionError('state=absent needs entry_id or query to know which entry to delete', vendor=VENDOR)
            return []
        return self.api.find_entries(form, query=query, limit=2)

    def view(self, obj):
        return obj['values']

    def object_id(self, obj):
        return obj.get('entry_id')

    def output(self, obj):
        return obj['values']

    def create(self, wanted):
        entry_id, location = self.api.create_entry(self.params['form'], wanted)
        return {'entry_id': entry_id, 'location': location}

    def update(self, current, changes):
        self.api.update_entry(self.params['form'], current['entry_id'], changes)

    def delete(self, current):
        self.api.delete_entry(self.params['form'], current['entry_id'])

    def read_back(self, action, current, written, changes):
        if current is None:
            # Join and display-only forms give no Location: the entry is then what was sent.
            created = self.api.read_url(written['location']) if written['location'] else None
            return {'entry_id': written['entry_id'], 'values': created['values'] if created else dict(changes)}
        after = self.api.get_entry(self.params['form'], current['entry_id'])
        return after or self.predict(current, changes)

    def predict(self, current, changes):
        if current is None:
            return {'entry_id': None, 'values': dict(changes)}
        return {'entry_id': current['entry_id'], 'values': dict(current['values'], **changes)}

    def ambiguous(self, matches):
        query, form = self.params['query'], self.params['form']
        count = len(self.api.find_entries(form, query=query, fields=['Request ID']))
        return ('the query %s matches %d entries of form %s, and remedy_entry changes one entry' % (query, count, form),
                'narrow the query so that it matches one entry, or give entry_id')

    def missing(self):
        return ('entry %s does not exist in form %s' % (self.params['entry_id'], self.params['form']),
                'leave entry_id out to create a new entry (AR System assigns the id), or use query')


class JwtResource(TokenResource):
    """The AR System JWT of ``remedy_jwt_token`` (the rules are ``_resource.run_token``).

    Check mode of state=absent answers offline: the token's own ``exp`` claim says whether it can still be live.
    """

    vendor = VENDOR
    can_log_out = True

    def validate(self):
        self.api.check_token()

    def logout(self):
        return self.api.logout(self.given_token())

    def is_live(self):
        expiry = jwt_expiry(self.given_token())
        return expiry is None or expiry > time.time()

    def output(self, credential):
        # expires_at is the exp claim as the server wrote it: the same for a login and for the token given back
        # later (the credential's own expiry is moved onto the local clock for renewals).
        return {'token': credential.token, 'authorization': authorization(credential.token)['Authorization'],
                'expires_at': iso8601(jwt_expiry(credential.token) or credential.expires_at)}
