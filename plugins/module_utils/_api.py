# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""``<vendor>_api`` and the ``api`` lookup: any endpoint, sent with the collection's login.

One call for every vendor: the options checked before any login, check mode,
the request with the task's credential (retries and the one re-login on 401
come with the client), the vendor's paging, and the result. What differs
between vendors is an ``ApiSpec``, declared beside the vendor's ``connect()``:
functions here know no vendor.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from contextlib import contextmanager

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._paging import OffsetPaging, walk
from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS

METHODS = ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')
# The login is the collection's: these headers would replace or fight the credential it sends.
AUTH_HEADERS = ('Authorization', 'Cookie')

API_OPTIONS = dict(
    path=dict(type='str', required=True),
    method=dict(type='str', default='GET', choices=list(METHODS)),
    query=dict(type='dict'),
    body=dict(type='raw'),
    body_format=dict(type='str', default='json', choices=['json', 'form']),
    headers=dict(type='dict'),
    status_code=dict(type='list', elements='int'),
    paginate=dict(type='bool', default=False),
    read_only=dict(type='bool', default=False),
)


class ApiSpec:
    """What ``<vendor>_api`` needs to know of one vendor.

    ``root``: the API root below ``url`` that ``path`` is relative to, or ``root(api)`` when it depends on the
    server (Discovery's negotiated API version).
    ``refused_headers``: the vendor's own auth headers, refused besides ``AUTH_HEADERS``.
    ``pages(api, path, query)``: every item of a paged read (None: the vendor has no paging).
    ``write_context(api, method, path, params)``: a context manager around a write (SPS transactions).
    ``check_answer(response)``: raises for a 2xx answer that reports a failure (TrueSight envelopes).
    ``options``: the vendor's own options of ``<vendor>_api`` (argspec entries).
    """

    def __init__(self, connect, root='', refused_headers=(), pages=None, write_context=None, check_answer=None, options=None):
        self.connect = connect
        self.root = root
        self.refused_headers = tuple(AUTH_HEADERS) + tuple(refused_headers)
        self.pages = pages
        self.write_context = write_context or _no_context
        self.check_answer = check_answer
        self.options = dict(options or {})

    def module_options(self):
        return dict(API_OPTIONS, **self.options)


@contextmanager
def _no_context(api, method, path, params):
    yield


def check_params(spec, params, vendor):
    """Refuse what cannot be sent, before any login: auth headers, a form body that is not a dict, paging a write."""
    refused = dict((name.lower(), name) for name in spec.refused_headers)
    for name in params.get('headers') or {}:
        if str(name).strip().lower() in refused:
            raise OptionError('headers may not set %s: the login is the collection\'s, and it sends that header itself' % name,
                              vendor=vendor, hint='remove it from headers; give the credentials in the connection options '
                                                  '(%s are refused)' % ', '.join(spec.refused_headers))
    if params.get('body_format') == 'form' and params.get('body') is not None and not isinstance(params['body'], dict):
        raise OptionError('body_format form needs body to be a dictionary of fields, not a %s' % type(params['body']).__name__,
                          vendor=vendor)
    if params.get('paginate'):
        if params.get('method', 'GET') != 'GET':
            raise OptionError('paginate follows pages of a GET only, not of a %s' % params['method'], vendor=vendor)
        if spec.pages is None:
            raise OptionError('paginate: %s has no paging the collection knows; read the pages with one task each' % vendor,
                              vendor=vendor)
    if not params.get('path'):
        raise OptionError('path is empty: give the endpoint, relative to the API root', vendor=vendor)


def full_path(spec, path, api=None):
    """``path`` under the vendor's API root, as given; a full URL is left to the client's origin rule."""
    if '://' in path:
        return path
    root = spec.root(api) if callable(spec.root) else spec.root
    return '%s/%s' % (root.rstrip('/'), path.lstrip('/'))


def sends(params, check_mode):
    """Whether the call is sent: always outside check mode; in check mode only reads."""
    return not check_mode or params.get('method', 'GET') == 'GET' or bool(params.get('read_only'))


def changes(params):
    return params.get('method', 'GET') != 'GET' and not params.get('read_only')


def call(spec, api, params):
    """Send the call of ``params`` with the login of ``api``; return the result (without ``changed``)."""
    method = params.get('method') or 'GET'
    path = full_path(spec, params['path'], api)
    query = dict(params.get('query') or {})
    if params.get('paginate'):
        return {'items': spec.pages(api, path, query)}
    kwargs = {'params': query or None, 'headers': dict((str(k), v) for k, v in (params.get('headers') or {}).items()) or None}
    if params.get('body') is not None:
        kwargs['data' if params.get('body_format') == 'form' else 'json'] = params['body']
    wanted = params.get('status_code')
    if wanted:
        kwargs['expect'] = tuple(wanted)
    with spec.write_context(api, method, params['path'], params):
        response = api.client.request(method, path, **kwargs)
        if wanted and response.status not in wanted:
            raise api.client.error_for(response)
        if response.ok and spec.check_answer is not None:
            spec.check_answer(response)
    return result_of(response)


def result_of(response):
    """``status``, ``json`` (or None), ``content`` (when the body is not JSON) and ``headers`` without Set-Cookie."""
    decoded = response.error_body()
    result = {
        'status': response.status,
        'json': decoded,
        'headers': dict((name, value) for name, value in response.headers.items() if name.lower() != 'set-cookie'),
    }
    if decoded is None and response.content.strip():
        result['content'] = response.text
    return result


class ItemPages(OffsetPaging):
    """The items of an ``offset``/``limit`` list as the server sends them, for ``paginate``.

    ``list_field`` holds a page's items; ``links_field``, when the page has it,
    says by its ``next`` whether more follow (without it, ``OffsetPaging``'s
    capped-page rule applies). A ``limit`` in ``query`` is the page size, an
    ``offset`` the first item wanted.
    """

    endless_hint = 'narrow the query, or read the pages without paginate'

    def __init__(self, client, vendor, path, query, page_size, list_field, links_field):
        query = dict(query)
        size = int(query.pop('limit', page_size))
        self.start = int(query.pop('offset', 0))
        super(ItemPages, self).__init__(client, vendor, path, query, size)
        self.list_field = list_field
        self.links_field = links_field

    def first(self, limit):
        return self.request(self.start, 0, limit)

    def key(self, item):
        return json.dumps(item, sort_keys=True)

    def said_more(self, page):
        links = page.get(self.links_field)
        return bool(links.get('next')) if isinstance(links, dict) else None


def offset_pages(list_field, links_field, page_size, vendor):
    """The ``pages`` of an ``ApiSpec`` for an offset/limit list (see ``ItemPages``)."""
    return lambda api, path, query: walk(ItemPages(api.client, vendor, path, query, page_size, list_field, links_field))


def run_api(spec, vendor):
    """The whole of a ``<vendor>_api`` module: argspec, checks, check mode, the call, the result."""
    # Imported here: the lookup uses this file without the module side.
    from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
    module = RestAuthModule(vendor, spec.module_options())
    params = module.params
    try:
        check_params(spec, params, VENDORS[vendor].title)
    except OptionError as exc:
        module.fail_on(exc)
    # Connecting checks the connection options and sends nothing: the login comes with the first call.
    with module.connection(spec.connect) as api:
        if sends(params, module.check_mode):
            result = call(spec, api, params)
        else:
            result = {'status': None, 'json': None, 'headers': {}}
    module.exit_json(changed=changes(params), **result)
