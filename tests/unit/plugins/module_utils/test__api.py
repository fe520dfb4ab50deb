# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The shared logic of the <vendor>_api modules (plugins/module_utils/_api.py), against the simulators."""

from __future__ import annotations

import json

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils import _api
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, ConflictError, OptionError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY
from vendor_tables import every_vendor

simulators = pytest.importorskip('simulators')

SPECS = dict((name, vendor.api_spec) for name, vendor in REGISTRY.items())
# Each vendor's login headers, as a user might spell them in headers:.
AUTH_HEADERS = every_vendor('auth headers refused by <vendor>_api', {
    'remedy': ('authorization',), 'sps': ('COOKIE',), 'xtam': ('x-xsrf-token', 'Token'), 'truesight': ('AUTHTOKEN',),
    'xmatters': ('Authorization',), 'discovery': ('authorization', 'Cookie'),
})
# A path as given to <vendor>_api and the path sent, below the vendor's API root.
API_PATHS = every_vendor('paths below the API root', {
    'remedy': ('/api/arsys/v1/entry/HPD:WorkLog', '/api/arsys/v1/entry/HPD:WorkLog'),
    'sps': ('configuration/management/email', '/api/configuration/management/email'),
    'xtam': ('/folder/list/a%2Fb', '/rest/folder/list/a%2Fb'),
    'xmatters': ('/people/jdoe', '/api/xm/1/people/jdoe'),
    'truesight': ('/tsws/10.0/api/unifiedadmin/Policy/list', '/tsws/10.0/api/unifiedadmin/Policy/list'),
    'discovery': ('/data/search', '/api/v1.14/data/search'),
})


def params(**given):
    out = dict((name, spec.get('default')) for name, spec in _api.API_OPTIONS.items())
    out['transaction'] = 'auto'
    out.update(given)
    return out


@pytest.fixture(scope='module')
def servers():
    handles = {}
    try:
        for vendor in ('remedy', 'sps', 'truesight', 'xmatters', 'xtam'):
            handles[vendor] = simulators.start(vendor)
        yield handles
    finally:
        for handle in handles.values():
            handle.stop()


def login(vendor, handle):
    base = {'url': handle.url, 'ca_path': handle.ca_path}
    return dict(base, **{
        'remedy': {'username': 'Demo', 'password': 'Demo-Passw0rd!'},
        'sps': {'username': 'ansible', 'password': 'Ansible-Passw0rd!'},
        'xtam': {'url': handle.url + '/xtam', 'username': 'demo', 'password': 'Demo-Passw0rd!'},
        'xmatters': {'username': 'demo', 'password': 'Demo-Passw0rd!'},
        'truesight': {'username': 'apiuser', 'password': 'Api-Passw0rd!', 'tenant': '*'},
    }[vendor])


@pytest.fixture
def connected(servers):
    opened = []

    def connect(vendor, **extra):
        handle = servers[vendor]
        handle.control.reset(state=True)
        api = SPECS[vendor].connect(dict(login(vendor, handle), **extra))
        opened.append(api)
        return handle, api
    yield connect
    for api in opened:
        api.close()


def requests_of(handle, prefix=''):
    return dict((key, n) for key, n in handle.control.counters()['requests'].items() if key.startswith(prefix))


@pytest.mark.parametrize('vendor, header', [(vendor, header) for vendor in sorted(AUTH_HEADERS) for header in AUTH_HEADERS[vendor]])
def test_auth_headers_are_refused_whatever_their_case(vendor, header):
    with pytest.raises(OptionError, match='headers may not set %s' % header):
        _api.check_params(SPECS[vendor], params(path='/x', headers={header: 'mine'}), vendor)


def test_other_headers_pass_and_xtam_headers_are_not_refused_elsewhere():
    _api.check_params(SPECS['remedy'], params(path='/x', headers={'X-XSRF-TOKEN': 'a', 'X-AR-Client': 'b'}), 'remedy')


@pytest.mark.parametrize('given, message', [
    (dict(path='/x', paginate=True, method='POST'), 'GET only'),
    (dict(path='/x', paginate=True), 'no paging'),
    (dict(path='/x', body_format='form', body=['a']), 'dictionary of fields'),
    (dict(path=''), 'path is empty'),
])
def test_refusals_before_any_login(given, message):
    with pytest.raises(OptionError, match=message):
        _api.check_params(SPECS['xtam'], params(**given), 'XTAM')


def test_check_mode_sends_reads_and_read_only_calls_only():
    assert _api.sends(params(method='GET'), check_mode=True)
    assert not _api.sends(params(method='POST'), check_mode=True)
    assert _api.sends(params(method='POST', read_only=True), check_mode=True)
    assert _api.sends(params(method='DELETE'), check_mode=False)
    assert _api.changes(params(method='PATCH')) and not _api.changes(params(method='GET'))
    assert not _api.changes(params(method='POST', read_only=True))


class NegotiatedRoot:
    """An API whose root depends on the server (Discovery's negotiated version)."""

    @staticmethod
    def root():
        return '/api/v1.14'


@pytest.mark.parametrize('vendor', sorted(API_PATHS))
def test_paths_are_relative_to_the_api_root_and_sent_as_given(vendor):
    path, root = API_PATHS[vendor]
    assert _api.full_path(SPECS[vendor], path, NegotiatedRoot()) == root


def test_a_get_returns_status_json_and_headers_without_set_cookie(connected):
    handle, api = connected('sps')
    result = _api.call(SPECS['sps'], api, params(path='/configuration/management/email'))
    assert result['status'] == 200
    assert result['json']['body']['admin_address'] == 'admin@example.com'
    assert 'content' not in result
    assert all(name.lower() != 'set-cookie' for name in result['headers'])
    assert requests_of(handle, 'GET /api/configuration/management/email') == {'GET /api/configuration/management/email': 1}


def test_a_full_url_off_the_origin_is_refused(connected):
    handle, api = connected('xmatters')
    with pytest.raises(ResponseFormatError, match='not on'):
        _api.call(SPECS['xmatters'], api, params(path='https://elsewhere.example.com/api/xm/1/people'))
    assert requests_of(handle, 'GET /api/xm/1') == {}


def test_a_full_url_on_the_origin_is_sent(connected):
    handle, api = connected('xmatters')
    result = _api.call(SPECS['xmatters'], api, params(path=handle.url + '/api/xm/1/people'))
    assert result['status'] == 200 and isinstance(result['json']['data'], list)


def test_status_code_decides_success(connected):
    _handle, api = connected('xmatters')
    result = _api.call(SPECS['xmatters'], api, params(path='/people/nobody-here', status_code=[200, 404]))
    assert result['status'] == 404
    with pytest.raises(APIError, match='HTTP 200'):
        _api.call(SPECS['xmatters'], api, params(path='/people', status_code=[204]))


def test_sps_configuration_write_is_committed_in_a_transaction(connected):
    handle, api = connected('sps')
    body = api.get_config('management/email')['body']
    result = _api.call(SPECS['sps'], api, params(path='/configuration/management/email', method='PUT',
                                                 body=dict(body, admin_address='ops@example.com')))
    assert result['status'] == 200
    seen = requests_of(handle, '')
    assert seen.get('POST /api/transaction') == 1 and seen.get('PUT /api/transaction') == 1
    assert api.get_config('management/email')['body']['admin_address'] == 'ops@example.com'


def test_sps_commit_failure_is_rolled_back(connected):
    handle, api = connected('sps')
    body = api.get_config('management/email')['body']
    handle.control.inject(500, path='/api/transaction', method='PUT')
    with pytest.raises(APIError, match='rolled back'):
        _api.call(SPECS['sps'], api, params(path='/configuration/management/email', method='PUT',
                                            body=dict(body, admin_address='ops@example.com')))
    assert requests_of(handle, 'DELETE /api/transaction') == {'DELETE /api/transaction': 1}
    assert api.get_config('management/email')['body']['admin_address'] == 'admin@example.com'


def test_sps_transaction_none_and_writes_elsewhere_open_no_transaction(connected):
    handle, api = connected('sps')
    body = api.get_config('management/email')['body']
    _api.call(SPECS['sps'], api, params(path='/configuration/management/email', method='PUT', body=body, transaction='none'))
    _api.call(SPECS['sps'], api, params(path='/user/api_keys', method='POST', body={'name': 'k'}))
    seen = requests_of(handle)
    assert seen.get('PUT /api/configuration/management/email') == 1 and seen.get('POST /api/user/api_keys') == 1
    assert 'POST /api/transaction' not in seen and 'PUT /api/transaction' not in seen


def test_sps_api_key_cannot_commit_and_nothing_is_sent(servers):
    handle = servers['sps']
    handle.control.reset(state=True)
    api = SPECS['sps'].connect({'url': handle.url, 'ca_path': handle.ca_path, 'api_key': 'not-checked'})
    try:
        with pytest.raises(OptionError, match='API keys cannot open or commit'):
            _api.call(SPECS['sps'], api, params(path='/configuration/management/email', method='PUT', body={}))
    finally:
        api.close()
    assert requests_of(handle, 'PUT') == {} and requests_of(handle, 'POST') == {}


def test_sps_paged_read_follows_offset_until_meta_names_no_next(connected):
    handle, api = connected('sps')
    for number in range(5):
        with api.transaction('seed'):
            api.create_config('aaa/local_database/groups', {'name': 'g%d' % number, 'members': []})
    handle.control.reset()
    items = _api.call(SPECS['sps'], api, params(path='/configuration/aaa/local_database/groups', paginate=True,
                                                query={'limit': 2}))['items']
    assert len(items) == 7 and len(set(item['key'] for item in items)) == 7
    assert sum(requests_of(handle, 'GET /api/configuration/aaa').values()) == 4


def test_remedy_paged_read_over_capped_pages(connected):
    handle, api = connected('remedy')
    form = 'RESTAUTH:Unit'
    for number in range(7):
        api.create_entry(form, {'Short Description': 'entry %d' % number})
    handle.control.configure(max_limit=3)
    handle.control.reset()
    items = _api.call(SPECS['remedy'], api, params(path='/api/arsys/v1/entry/RESTAUTH:Unit', paginate=True))['items']
    assert len(items) == 7
    assert sum(requests_of(handle, 'GET /api/arsys/v1/entry').values()) >= 3


def test_xmatters_paged_read_follows_links_next(connected):
    handle, api = connected('xmatters')
    handle.control.configure(seed_groups=25)
    handle.control.reset()
    items = _api.call(SPECS['xmatters'], api, params(path='/groups', paginate=True, query={'limit': 10}))['items']
    assert len(items) >= 25 and len(set(item['id'] for item in items)) == len(items)
    assert sum(requests_of(handle, 'GET /api/xm/1/groups').values()) >= 3


def test_truesight_envelope_failure_in_a_200_is_an_error(connected):
    handle, api = connected('truesight')
    with pytest.raises(ConflictError, match='409.*already exists'):
        _api.call(SPECS['truesight'], api, params(path='/tsws/10.0/api/unifiedadmin/Policy/create', method='POST', body={'name': 'Baseline'}))
    result = _api.call(SPECS['truesight'], api, params(path='/tsws/10.0/api/unifiedadmin/Policy/create', method='POST', body={'name': 'New'}))
    assert result['json']['response'] == {'name': 'New'}
    assert [policy['name'] for policy in handle.control.state()['policies']] == ['Baseline', 'New']


def test_xtam_write_carries_the_xsrf_header(connected):
    handle, api = connected('xtam')
    root = _api.call(SPECS['xtam'], api, params(path='/folder/root'))['json']
    folder = root.get('id') if isinstance(root, dict) else None
    result = _api.call(SPECS['xtam'], api, params(path='/folder/create/%s' % folder, method='POST', body={'name': 'From api'}))
    assert result['status'] in (200, 201)
    assert requests_of(handle, 'POST /xtam/rest/folder/create') == {'POST /xtam/rest/folder/create/%s' % folder: 1}


def test_a_body_that_is_not_json_comes_back_as_content(connected):
    _handle, api = connected('xtam')
    result = _api.call(SPECS['xtam'], api, params(path=api.client.base_url + '/'))
    assert result['json'] is None and isinstance(result.get('content'), str)


def _client(server):
    from ansible_collections.restauth.enterprise.plugins.module_utils._http import HTTPClient
    return HTTPClient('Remedy', server.url, allow_http=True, retries=0)


def _walk(server, query, page_size):
    return _api.offset_pages('entries', '_links', page_size, 'Remedy')(Connected(_client(server)), '/list', query)


class Connected:
    """What ``pages`` is given: an object with the client."""

    def __init__(self, client):
        self.client = client


def test_offset_pages_stop_at_a_page_without_next_and_send_the_offsets(server):
    server.reply(body=json.dumps({'entries': [1, 2], '_links': {'next': [{'href': 'x'}]}}).encode())
    server.reply(body=json.dumps({'entries': [3], '_links': {}}).encode())
    assert _walk(server, {'q': 'a', 'limit': 2}, 500) == [1, 2, 3]
    assert [request.path for request in server.requests] == ['/list?offset=0&limit=2&q=a', '/list?offset=2&limit=2&q=a']


def test_offset_pages_start_at_the_offset_given(server):
    server.reply(body=json.dumps({'entries': [3], '_links': {}}).encode())
    assert _walk(server, {'offset': 2, 'limit': 2}, 500) == [3]
    assert [request.path for request in server.requests] == ['/list?offset=2&limit=2']


def test_offset_pages_without_links_go_on_past_a_capped_page_until_a_shorter_or_empty_one(server):
    server.reply(body=json.dumps({'entries': [1, 2]}).encode())
    server.reply(body=json.dumps({'entries': [3, 4]}).encode())
    server.reply(body=json.dumps({'entries': [5]}).encode())
    assert _walk(server, {}, 10) == [1, 2, 3, 4, 5]
    assert len(server.requests) == 3


def test_offset_pages_refuse_a_server_that_ignores_the_offset(server):
    server.reply(body=json.dumps({'entries': [1, 2], '_links': {'next': 'x'}}).encode(), times=3)
    with pytest.raises(ResponseFormatError, match='same items again for offset 2'):
        _walk(server, {'limit': 2}, 500)
    assert len(server.requests) == 2


def test_offset_pages_refuse_a_page_without_its_list(server):
    server.reply(body=json.dumps({'data': []}).encode())
    with pytest.raises(ResponseFormatError, match='returned no "entries" list'):
        _walk(server, {}, 500)
