# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""AR System REST API calls: the error messages, ``connect``, and ``RemedyAPI``.

The rule of this file: functions here are thin: one HTTP call each.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import mimetypes
import re

from urllib.parse import unquote, urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec, offset_pages
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import VendorAPI, connect_client, get_or_none, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, multipart_body, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    OptionError,
    ResponseFormatError,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._paging import OffsetPaging, walk
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.auth import authenticator, release_token

# How much of an HTML error page is searched for its <title>, and how much of the title is shown.
HTML_TITLE_SCAN = 4096
HTML_TITLE_LENGTH = 80


_TOKEN_HINT = ('the token expired or was released (logged out); get a new one with restauth.enterprise.remedy_jwt_token, '
               'or give username and password instead of token so the module can log in')

HINTS = {
    protocol.ERROR_BAD_CREDENTIALS: ('the user name or password is wrong, or the account is locked or disabled; '
                                     'check username and password (or REMEDY_USERNAME / REMEDY_PASSWORD)'),
    protocol.ERROR_TOKEN_INVALID: _TOKEN_HINT,
    protocol.ERROR_SESSION_CONFLICT: ('AR System refuses a second session of the same user from another computer. '
                                      'Log in once per play and reuse the token (remedy_jwt_token, then the token option or '
                                      'module_defaults), release tokens you no longer need (remedy_jwt_token state=absent), '
                                      'or use a dedicated integration user'),
    protocol.ERROR_NO_SUCH_FORM: ('check form: the name is case-sensitive (for example HPD:IncidentInterface), and the form must exist '
                                  'on this server (and the user must be allowed to see it)'),
    protocol.ERROR_REQUIRED_FIELD: 'give the required fields named in brackets in values',
}

_PLAIN_HTTP_HINT = ('url is plain http://: if this AR System server (or a proxy in front of it) serves the REST API over '
                    'HTTPS only, use its https:// URL (often port 8443)')

_HTML_HINTS = {
    401: ('an HTML page answered instead of AR System: a single sign-on gateway (BMC Remedy SSO / Helix SSO) in front of '
          'AR System asked for its own login; point url at the AR System REST port (jetty, often 8008 or 8443), which takes '
          'the AR-JWT login, not at the SSO-protected web address'),
    404: ('the web server (jetty) has no such page: check url (scheme, host and port of the AR System REST API, without /api) '
          'and the path or form name'),
}
_HTML_HINT = ('an HTML page answered instead of the AR System REST API: check url; a proxy, an SSO gateway or the mid-tier '
              'may have answered')


def describe_error(response):
    """Read an AR System error body: a JSON array of status messages, a {"message"} object, or an HTML page."""
    body = response.error_body()
    if isinstance(body, list):
        return _describe_ar_messages(body, response.status)
    if isinstance(body, dict) and body.get('message'):
        hint = _PLAIN_HTTP_HINT if response.status in (400, 403) and _plain_http(response) else None
        return ErrorInfo(message=str(body['message']), code=body.get('code'), hint=hint)
    if body is None and _is_html(response):
        return ErrorInfo(message=_describe_html(response), hint=_HTML_HINTS.get(response.status, _HTML_HINT))
    if response.status in (400, 403) and _plain_http(response):
        return ErrorInfo(hint=_PLAIN_HTTP_HINT)
    return None


def _plain_http(response):
    return urlsplit(response.url or '').scheme == 'http'


def _is_html(response):
    head = response.content[:512].lstrip().lower()
    return 'html' in response.header('Content-Type', '').lower() or head.startswith((b'<!doctype html', b'<html'))


_TITLE_RE = re.compile(r'<title[^>]*>(.*?)</title>', re.IGNORECASE | re.DOTALL)


def _describe_html(response):
    """An HTML error page in a few words: its title, never its markup (it may echo the request)."""
    match = _TITLE_RE.search(response.content[:HTML_TITLE_SCAN].decode('utf-8', errors='replace'))
    title = ' '.join(match.group(1).split()) if match else ''
    if len(title) > HTML_TITLE_LENGTH:
        title = title[:HTML_TITLE_LENGTH] + '...'
    return 'an HTML page%s (%d bytes), not an AR System answer' % (' titled "%s"' % title if title else '', len(response.content))


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


def connect(params, warn=None, keep=False):
    """A ``RemedyAPI`` for the connection options in ``params`` (module params or validated lookup options).

    ``keep`` leaves a token obtained by login valid when the client is closed
    (for the token module and the lookup, which hand it to the user).
    """
    warn = warn or (lambda message: None)
    login = authenticator(params, warn)
    client = connect_client(
        # The AR docs write the base as https://host:port/api (or with /api/arsys/v1, /api/jwt); the collection adds those itself.
        VENDOR, dict(params, url=url_without_suffix(params.get('url'), protocol.URL_SUFFIXES, warn)), login, keep=keep,
        headers=ar_headers(params.get('ar_headers')), describe_error=describe_error, warn=warn,
    )
    return RemedyAPI(client)


# AR System list answers: {"entries": [...], "_links": {"next": [...]}} (BMC, "Endpoints in AR REST API", GET multiple entries).
_api_pages = offset_pages(protocol.LIST_FIELD, protocol.LINKS_FIELD, protocol.PAGE_SIZE, VENDOR)


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
        self.client.get(protocol.TOKEN_CHECK_PATH, params=dict(protocol.TOKEN_CHECK_PARAMS), expect=protocol.TOKEN_CHECK_ACCEPTED)

    @staticmethod
    def entry_path(form, entry_id=None):
        path = '%s/%s' % (protocol.ENTRY_PATH, path_part(form, 'form', VENDOR).replace('%3A', ':'))
        if entry_id is not None:
            path = '%s/%s' % (path, path_part(entry_id, 'entry_id', VENDOR))
        return path

    def get_entry(self, form, entry_id, fields=None):
        """The entry ``entry_id`` of ``form``, or None when it does not exist."""
        params = {'fields': fields_param(fields)} if fields else None
        # Only AR's "no such entry" means the entry is missing: a 404 for a missing form (ARERR 303) or from the web
        # server itself (an HTML page: a wrong url) is an error, never "nothing there" that a module would create.
        response = get_or_none(self.client, self.entry_path(form, entry_id), params=params,
                               not_missing=lambda error: error.vendor_code != protocol.ERROR_NO_SUCH_ENTRY)
        return None if response is None else _entry(response.json(), entry_id)

    def find_entries(self, form, query=None, fields=None, sort=None, limit=None, page_size=protocol.PAGE_SIZE):
        """Entries of ``form`` matching the AR qualification ``query``, following pages until ``limit`` or the end."""
        params = dict((key, value) for key, value in (('q', query), ('fields', fields_param(fields) if fields else None), ('sort', sort)) if value)
        return walk(_EntryPages(self.client, VENDOR, self.entry_path(form), params, page_size), limit)

    def create_entry(self, form, values, fields=None, attachments=None):
        """Create an entry; return its id, its URL (both None on forms that give no id, such as join forms) and the
        values of ``fields`` the server answered (None when none were asked for or the answer holds none).

        The values come with the create answer (``?fields=values(...)``), so that a ``*_Create`` interface form,
        whose ``Location`` may not be readable, is never read back. ``attachments`` (a list of
        ``(field, file name, bytes)``, the field's value in ``values`` being the file name) makes it a
        multipart create.
        """
        params = {'fields': fields_param(fields)} if fields else None
        if attachments:
            content_type, body = multipart_body(entry_parts(values, attachments))
            response = self.client.post(self.entry_path(form), data=body, headers={'Content-Type': content_type}, params=params)
        else:
            response = self.client.post(self.entry_path(form), json={'values': values}, params=params)
        location = response.header('Location')
        returned = None
        if fields:
            body = response.error_body()
            if isinstance(body, dict) and isinstance(body.get('values'), dict):
                returned = body['values']
        return (entry_id_from_url(location) if location else None), location, returned

    def update_entry(self, form, entry_id, values):
        # AR Set Entry semantics: only the fields sent change.
        self.client.put(self.entry_path(form, entry_id), json={'values': values})

    def delete_entry(self, form, entry_id):
        self.client.delete(self.entry_path(form, entry_id))


def entry_parts(values, attachments):
    """The multipart parts of a create with attachments: the JSON entry, then one part per file."""
    parts = [(protocol.MULTIPART_ENTRY_PART, None, 'application/json', json.dumps({'values': values}))]
    for field, filename, data in attachments:
        content_type = mimetypes.guess_type(filename)[0] or 'application/octet-stream'
        parts.append((protocol.MULTIPART_ATTACHMENT_PREFIX + field, filename, content_type, data))
    return parts


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
