# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The XTAM REST API: error descriptions and hints, ``connect``, and ``XtamAPI``.

The rule of this file: functions here are thin, one HTTP call each (what to call when is ``resources``'s job).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, get_or_none, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import AuthenticationError, ResponseFormatError, change_applied
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.auth import (
    SESSION_HINT,
    TOKEN_HINT,
    XSRF_MISSING_HINT,
    authenticator_for,
    end_session,
    error_message,
    is_cas_login,
    names_xsrf,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.custom import parse_custom

_XSRF_HINT = 'XTAM refused a data-modifying call without a matching X-XSRF-TOKEN header (XSRF protection)'
_FORBIDDEN_HINT = 'the user lacks a permission on this folder or record (XTAM enforces object permissions strictly)'
_NO_APP_PATH_HINT = ('url has no application path, and XTAM usually lives under %s: give url like %s'
                     % (protocol.APP_PATH, 'https://pam.example.com' + protocol.APP_PATH))
_REDIRECT_HINT = ('XTAM sent the request to the federated sign-in page: the session is not (or no longer) valid, or the '
                  'server only allows federated sign-in (use auth_type: token with api_token)')


def describe_error(response):
    """Read an XTAM error: a Spring-style JSON object (``message``, ``error``) or anything else."""
    message = error_message(response)
    return ErrorInfo(message=message, hint=_hint(response, message))


def _hint(response, message):
    status = response.status
    path = response.path
    if 300 <= status < 400 and is_cas_login(response.header('Location')):
        return _REDIRECT_HINT
    if status == 404 and (path.startswith(protocol.REST_ROOT + '/') or path == protocol.LOGOUT_PATH):
        # The request went to the server's root: the url option ends at the host.
        return _NO_APP_PATH_HINT
    if status == 401:
        if path.endswith(protocol.CAS_LOGIN_PATH):
            return TOKEN_HINT
        return SESSION_HINT
    if status == 403:
        sent = response.request_headers
        if response.method in protocol.XSRF_METHODS and sent is not None and protocol.XSRF_HEADER not in sent:
            return XSRF_MISSING_HINT
        if names_xsrf(message):
            return _XSRF_HINT
        return _FORBIDDEN_HINT
    return None


def connect(params, warn=None, keep=False):
    """An ``XtamAPI`` for the connection options in ``params`` (module params or validated lookup options)."""
    warn = warn or (lambda message: None)
    params = dict(params, url=url_without_suffix(params.get('url'), protocol.REST_ROOT, warn))
    authenticator = authenticator_for(params, warn)
    authenticator.validate()
    others = [params['cas_url']] if params.get('cas_url') else []
    client = connect_client(VENDOR, params, authenticator, keep=keep, describe_error=describe_error, warn=warn, other_urls=others)
    return XtamAPI(client)


#: xtam_api: paths relative to url + /rest; the credential carries X-XSRF-TOKEN on every call (see ``auth.session_credential``).
API_SPEC = ApiSpec(connect, root=protocol.REST_ROOT, refused_headers=(protocol.XSRF_HEADER, protocol.TOKEN_HEADER))


class XtamAPI(VendorAPI):
    """What the XTAM REST API offers the modules: sign-in, whoami, folders and records."""

    def whoami(self):
        """The signed-in user."""
        credential = self.login()
        user = getattr(credential, 'user', None)
        if user is None:
            user = self.client.get(protocol.WHOAMI_PATH).json()
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
        return end_session(self.client, self.login())

    def get_record(self, record_id):
        """The record without its secrets, or None when it does not exist (or the user may not see it)."""
        response = get_or_none(self.client, _path(protocol.RECORD_GET_PATH, record_id=record_id))
        return None if response is None else _record(response.json())

    def unlock_record(self, record_id, require_custom=False):
        """The record with ``custom`` parsed into a dict (secret values included), or None when it does not exist.

        ``require_custom``: an answer without a ``custom`` field is an error, not an empty set of fields (before
        a write that sends the fields back, an empty set would erase the stored secrets).
        """
        response = get_or_none(self.client, _path(protocol.RECORD_UNLOCK_PATH, record_id=record_id))
        if response is None:
            return None
        record = _record(response.json())
        if require_custom and record.get('custom') is None:
            raise ResponseFormatError(
                'GET %s answered without the record\'s "custom" fields, so they cannot be compared or kept; nothing was changed'
                % _path(protocol.RECORD_UNLOCK_PATH, record_id=record_id), vendor=VENDOR,
                hint='check that the user may unlock this record (XTAM permissions and approval workflows)',
            )
        record['custom'] = parse_custom(record)
        return record

    def list_folder(self, folder_id):
        """The entries of a folder: records and sub-folders."""
        entries = self.client.get(_path(protocol.FOLDER_LIST_PATH, folder_id=folder_id)).json()
        if not isinstance(entries, list):
            raise ResponseFormatError('GET %s did not answer a list' % _path(protocol.FOLDER_LIST_PATH, folder_id=folder_id), vendor=VENDOR)
        return [entry for entry in entries if isinstance(entry, dict)]

    def records_in(self, folder_id, name=None):
        """The records (not sub-folders) of a folder, only those called ``name`` when given."""
        return [_record(entry) for entry in self.list_folder(folder_id)
                if not entry.get(protocol.FOLDER_FLAG) and (name is None or entry.get('name') == name)]

    def folders_in(self, folder_id, name=None):
        """The sub-folders of a folder, only those called ``name`` when given (names may repeat)."""
        return [_record(entry) for entry in self.list_folder(folder_id)
                if entry.get(protocol.FOLDER_FLAG) and (name is None or entry.get('name') == name)]

    def get_folder(self, folder_id):
        """One folder, or None when it does not exist (or the user may not see it)."""
        response = get_or_none(self.client, _path(protocol.FOLDER_GET_PATH, folder_id=folder_id))
        return None if response is None else _record(response.json(), 'folder')

    def create_folder(self, parent_id, name, description):
        # JSON here, while record create takes a form (VERIFIED).
        response = self.client.post(_path(protocol.FOLDER_CREATE_PATH, parent_id=parent_id),
                                    json={'name': name, 'description': description or ''})
        with change_applied('the creation of folder %r' % name):
            return _record(response.json(allow_empty=True) or {}, 'folder')

    def update_folder(self, folder_id, name, description):
        self.client.post(_path(protocol.FOLDER_UPDATE_PATH, folder_id=folder_id), json={'name': name, 'description': description or ''})

    def delete_folder(self, folder_id):
        self.client.delete(_path(protocol.FOLDER_DELETE_PATH, folder_id=folder_id))

    def record_types(self):
        """Every record type, as XTAM answers them."""
        types = self.client.get(protocol.RECORD_TYPE_LIST_PATH).json()
        if not isinstance(types, list):
            raise ResponseFormatError('GET %s did not answer a list' % protocol.RECORD_TYPE_LIST_PATH, vendor=VENDOR)
        return [item for item in types if isinstance(item, dict)]

    def create_record(self, folder_id, record_type_id, name, description, custom):
        # Form encoding here, while folder create takes JSON: a real XTAM quirk (VERIFIED).
        form = {'name': name, 'description': description or '', 'custom': json.dumps(custom or {})}
        response = self.client.post(_path(protocol.RECORD_NEW_PATH, folder_id=folder_id, record_type_id=record_type_id), data=form)
        with change_applied('the creation of record %r' % name):
            return _record(response.json(allow_empty=True) or {})

    def update_record(self, record_id, name, description, custom=None):
        """Send the update form; ``custom`` None leaves the field out, so XTAM keeps the stored fields."""
        form = {'name': name, 'description': description or ''}
        if custom is not None:
            form['custom'] = json.dumps(custom)
        self.client.post(_path(protocol.RECORD_UPDATE_PATH, record_id=record_id), data=form)

    def delete_record(self, record_id):
        self.client.delete(_path(protocol.RECORD_DELETE_PATH, record_id=record_id))


def _path(template, **ids):
    return template.format(**dict((key, path_part(value, key, VENDOR)) for key, value in ids.items()))


def _record(item, kind='record'):
    if not isinstance(item, dict):
        raise ResponseFormatError('XTAM answered %r where a %s object was expected' % (type(item).__name__, kind), vendor=VENDOR)
    return dict(item)
