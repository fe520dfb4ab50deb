# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""xMatters API: the error description and its hints, ``connect``, the calls the modules use and ``API_SPEC``.

Functions here are thin: one HTTP call each.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, get_or_none, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import NotFoundError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._paging import LinkPaging, walk
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.auth import XmattersOAuth, authenticator_for

SSO_FIXES = ('use an API key as username and its secret as password, or give the user a Web/App password and the Bypass SSO '
             'role, or use OAuth (auth_type: oauth with client_id)')
# The server said the user signs in through SSO.
SSO_HINT = ('the user signs in through single sign-on (SSO), and xMatters refuses HTTP Basic logins of SSO users even with the '
            'right password: %s' % SSO_FIXES)
# A refused password login, the server not saying why: both causes, the SSO one with its fixes.
CREDENTIALS_OR_SSO_HINT = ('wrong credentials, or an SSO user: the user name or password is wrong, or the user signs in through '
                           'single sign-on (SSO), which xMatters refuses over HTTP Basic even with the right password; for an '
                           'SSO user, %s' % SSO_FIXES)
# An API key login: SSO does not apply to it.
API_KEY_HINT = ('the API key (the username, %s...) or its secret (the password) is wrong, or the key was deleted or its user '
                'removed' % protocol.API_KEY_PREFIX)
OAUTH_GRANT_HINT = ('the user name or password was refused, or the refresh token was revoked or is unknown. OAuth needs '
                    'an xMatters Web/App password, not an SSO password: give the user a Web/App password and the Bypass '
                    'SSO role to obtain a first refresh token, then use refresh_token')
OAUTH_CLIENT_HINT = 'client_id is not the OAuth client id of this xMatters instance; find it in xMatters under Workflows > OAuth'
TOKEN_HINT = ('the access token expired or was revoked; get a new one with restauth.enterprise.xmatters_oauth_token, '
              'or give client_id with refresh_token (or username and password) so the module can refresh it')
REFRESHED_TOKEN_HINT = ('the server refused an access token the module had just obtained or refreshed; check that url points at the '
                        'instance that issued it and that the user has the REST Web Service User role')
FORBIDDEN_HINT = 'the user lacks a role that allows this (the REST Web Service User role, and rights on the object)'


class Describer:
    """Reads xMatters error bodies and adds the hint that fits the auth method in use."""

    def __init__(self, method, api_key=False):
        self.method = method
        self.api_key = api_key

    def __call__(self, response):
        body = response.error_body()
        body = body if isinstance(body, dict) else {}
        if body.get('error'):
            # The OAuth token endpoint speaks OAuth ({"error", "error_description"}).
            code = str(body['error'])
            message = '%s: %s' % (code, body['error_description']) if body.get('error_description') else code
            hint = {protocol.ERROR_INVALID_GRANT: OAUTH_GRANT_HINT, protocol.ERROR_INVALID_CLIENT: OAUTH_CLIENT_HINT}.get(code)
            return ErrorInfo(message=message, code=code, hint=hint)
        # Everything else: {"code", "reason", "message", "subcode"} (VERIFIED, Go client XMattersError).
        message = body.get('message') or body.get('reason')
        if message and body.get('subcode'):
            message = '%s (%s)' % (message, body['subcode'])
        return ErrorInfo(message=str(message) if message else None, code=body.get('subcode'), hint=self._hint(response.status, message))

    def _hint(self, status, message):
        if status == 401 and self.method == 'basic':
            if self.api_key:
                return API_KEY_HINT
            return SSO_HINT if said_sso(message) else CREDENTIALS_OR_SSO_HINT
        if status == 401:
            return REFRESHED_TOKEN_HINT if self.method == 'oauth' else TOKEN_HINT
        if status == 403:
            return FORBIDDEN_HINT
        return None


def said_sso(message):
    """Whether an error message names single sign-on (INFERRED: no public document gives the server's words)."""
    return re.search(protocol.SSO_PATTERN, str(message or ''), re.IGNORECASE) is not None


def connect(params, warn=None, keep=False):
    """An ``XmattersAPI`` for the connection options in ``params`` (module params or validated lookup options)."""
    warn = warn or (lambda message: None)
    authenticator = authenticator_for(params, warn)
    authenticator.validate()
    # Users copy the base URL from the API docs (https://acme.xmatters.com/api/xm/1); the collection adds it itself.
    client = connect_client(VENDOR, dict(params, url=url_without_suffix(params.get('url'), protocol.API_PATH, warn)), authenticator, keep=keep,
                            describe_error=Describer(authenticator.method, getattr(authenticator, 'api_key', False)), warn=warn)
    if isinstance(authenticator, XmattersOAuth):
        authenticator.cached = client.auth.cache is not None
    return XmattersAPI(client)


def _api_pages(api, path, query):
    query = dict(query)
    return api.walk(path, query, page_size=int(query.pop('limit', protocol.PAGE_SIZE)))


#: xmatters_api: paths relative to url + /api/xm/1, links.next paging.
API_SPEC = ApiSpec(connect, root=protocol.API_PATH, pages=_api_pages)


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

    def walk(self, path, params=None, page_size=protocol.PAGE_SIZE):
        """Every item of a paged collection, following ``links.next`` from the first page to the last."""
        return walk(_Pages(self.client, VENDOR, path, params, page_size))

    @staticmethod
    def group_path(key=None):
        if key is None:
            return protocol.GROUPS_PATH
        return '%s/%s' % (protocol.GROUPS_PATH, path_part(key, 'group', VENDOR))

    def groups(self, page_size=protocol.PAGE_SIZE):
        return self.walk(protocol.GROUPS_PATH, page_size=page_size)

    def get_group(self, name, embed=None):
        """The group named ``name`` (its targetName or id), or None."""
        params = {'embed': embed} if embed else None
        response = get_or_none(self.client, self.group_path(name), params=params)
        return None if response is None else _object(response, 'group')

    def group_supervisors(self, group_id):
        """Every supervisor of a group (``GET /groups/{id}/supervisors``, paged people; VERIFIED xmtoolbox)."""
        return self.walk('%s/supervisors' % self.group_path(group_id))

    def save_group(self, body):
        """Create (no ``id``) or update (with ``id``): both are a POST to /groups (VERIFIED)."""
        return _object(self.client.post(protocol.GROUPS_PATH, json=body), 'group')

    def delete_group(self, group_id):
        """Delete a group; False when the server answered 204 (nothing to delete)."""
        response = self.client.delete(self.group_path(group_id))
        return response.status != protocol.DELETE_NOT_FOUND_STATUS

    def get_person(self, name, embed=None):
        """The person ``name`` (its targetName or id), or None."""
        params = {'embed': embed} if embed else None
        response = get_or_none(self.client, '%s/%s' % (protocol.PEOPLE_PATH, path_part(name, 'person', VENDOR)), params=params)
        return None if response is None else _object(response, 'person')

    def people(self, search=None, embed=None, page_size=protocol.PAGE_SIZE):
        """Every person, or those ``search`` finds (space-separated terms), every page."""
        params = dict((key, value) for key, value in (('search', search), ('embed', embed)) if value)
        return self.walk(protocol.PEOPLE_PATH, params, page_size=page_size)

    def save_person(self, body):
        """Create (no ``id``) or update (with ``id``): both are a POST to /people (VERIFIED)."""
        return _object(self.client.post(protocol.PEOPLE_PATH, json=body), 'person')

    def delete_person(self, person_id):
        """Delete a person; False when the server answered 204 (nothing to delete)."""
        response = self.client.delete('%s/%s' % (protocol.PEOPLE_PATH, path_part(person_id, 'person', VENDOR)))
        return response.status != protocol.DELETE_NOT_FOUND_STATUS

    def sites(self, search):
        return self.walk(protocol.SITES_PATH, {'search': search})

    def recipient(self, name, recipient_type):
        """The person, group or device ``name`` (targetName or id), or None."""
        if recipient_type == 'GROUP':
            return self.get_group(name)
        path = protocol.PEOPLE_PATH if recipient_type == 'PERSON' else protocol.DEVICES_PATH
        response = get_or_none(self.client, '%s/%s' % (path, path_part(name, recipient_type.lower(), VENDOR)))
        return None if response is None else _object(response, recipient_type.lower())

    def group_members(self, group_id):
        """Every member of a group (``GET /groups/{id}/members``), every page."""
        return self.walk(self.group_path(group_id) + protocol.MEMBERS_PATH)

    def add_member(self, group_id, member_id, recipient_type):
        return self.client.post(self.group_path(group_id) + protocol.MEMBERS_PATH, json={'id': member_id, 'recipientType': recipient_type})

    def remove_member(self, group_id, member_id):
        """Remove a member; False when the server answered 204 (it was no member)."""
        response = self.client.delete('%s%s/%s' % (self.group_path(group_id), protocol.MEMBERS_PATH, path_part(member_id, 'member', VENDOR)))
        return response.status != protocol.DELETE_NOT_FOUND_STATUS

    def person_id(self, name):
        person = self.get_person(name)
        if person is None:
            raise NotFoundError('there is no person %r to make a supervisor' % name, vendor=VENDOR, status=404,
                                hint='supervisors are the targetNames (user ids) of existing xMatters people')
        return person['id']


def _object(response, kind):
    body = response.json()
    if not isinstance(body, dict) or not body.get('id'):
        raise ResponseFormatError('%s %s returned a %s without an id: %r' % (response.method, response.path, kind, response.snippet()),
                                  vendor=VENDOR)
    return body


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
