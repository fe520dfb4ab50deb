# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC Discovery calls: versions, error hints, transient retries, and the results_id/next_offset search pages."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api, protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, ForbiddenError, OptionError, ResponseFormatError

TOKEN = 'perm-apiuser'
ABOUT = {'api_versions': ['1.0', '1.2', '1.9', '1.10'], 'product': 'BMC Discovery'}
TRANSIENT = {'message': 'Service currently unavailable', 'code': 500, 'transient': True}


def connect(server, sleeps=None, **params):
    base = {'url': server.url, 'token': TOKEN, 'allow_http': True, 'retries': 0, 'api_version': '1.10'}
    base.update(params)
    disco = api.connect(base)
    if sleeps is not None:
        disco.client._sleep = sleeps
    return disco


def query_of(request):
    return dict((key, values[-1]) for key, values in parse_qs(urlsplit(request.path).query).items())


class TestVersions:

    @pytest.mark.parametrize('versions,highest', [
        (['1.0', '1.9', '1.10'], '1.10'), (['1.2', '1.16', '2.0'], '2.0'), (['v1.3', '1.12', 'beta'], '1.12'), ([], None), (None, None),
    ])
    def test_highest_is_numeric(self, versions, highest):
        assert api.highest_version(versions) == highest

    def test_check_version(self):
        assert api.check_version('v1.14') == '1.14' and api.check_version(None) is None
        with pytest.raises(OptionError, match='not a version'):
            api.check_version('latest')

    def test_negotiated_once_per_connection(self, server):
        server.reply(200, ABOUT).reply(200, {'status': 'running'}).reply(200, [])
        disco = connect(server, api_version=None)
        disco.status()
        disco.runs()
        assert [request.path for request in server.requests] == ['/api/about', '/api/v1.10/discovery', '/api/v1.10/discovery/runs']

    def test_about_without_versions_says_to_set_api_version(self, server):
        server.reply(200, {'product': 'BMC Discovery'})
        with pytest.raises(ResponseFormatError, match='set api_version'):
            connect(server, api_version=None).status()

    def test_url_with_api_suffix_is_trimmed(self, server):
        warnings = []
        disco = api.connect({'url': server.url + '/api/', 'token': TOKEN, 'allow_http': True, 'retries': 0}, warn=warnings.append)
        assert disco.client.base_url == server.url
        assert warnings == ['url ends with /api; the collection adds the API paths itself, so /api was removed from %s/api/: give url %s' % (
            server.url, server.url)]


class TestErrors:

    def test_forbidden_over_http_says_https_only(self, server):
        server.reply(403, {'message': 'Access forbidden', 'code': 403, 'transient': False})
        with pytest.raises(ForbiddenError, match='HTTPS only'):
            connect(server).status()

    def test_forbidden_permission_names_api_access(self, tls_server):
        tls_server.reply(403, {'message': 'Permission denied', 'code': 403, 'transient': False})
        with pytest.raises(ForbiddenError) as caught:
            connect(tls_server, ca_path=tls_server.ca_path, allow_http=False).status()
        assert 'api-access' in str(caught.value) and 'HTTPS only' not in str(caught.value)

    def test_transient_read_is_retried(self, server, sleeps):
        server.reply(500, TRANSIENT).reply(200, {'status': 'running'})
        assert connect(server, sleeps, retries=2).status() == {'status': 'running'}
        assert len(server.requests) == 2 and len(sleeps.waits) == 1

    def test_transient_write_is_not_repeated(self, server, sleeps):
        server.reply(500, TRANSIENT)
        with pytest.raises(APIError) as caught:
            connect(server, sleeps, retries=2).start_run(['192.0.2.0/24'], 'x', 'Full Discovery')
        assert len(server.requests) == 1 and 'temporary (transient)' in str(caught.value)

    def test_a_transient_503_write_is_retried(self, server, sleeps):
        server.reply(503, TRANSIENT).reply(200, {'uuid': 'r1'})
        assert connect(server, sleeps, retries=2).start_run(['192.0.2.0/24'], 'x', 'Full Discovery') == {'uuid': 'r1'}
        assert len(server.requests) == 2

    def test_a_500_that_is_not_transient_is_not_retried(self, server, sleeps):
        server.reply(500, {'message': 'boom', 'code': 500, 'transient': False})
        with pytest.raises(APIError, match='boom'):
            connect(server, sleeps, retries=2).status()
        assert len(server.requests) == 1


def page(rows, offset, next_offset=None, results_id='r-1', headings=('name',)):
    body = {'count': 250, 'headings': list(headings), 'kind': 'Host', 'offset': offset, 'results': rows, 'results_id': results_id}
    if next_offset is not None:
        body['next_offset'] = next_offset
    return [body]


class TestSearch:

    def test_pages_follow_results_id_and_next_offset(self, server):
        server.reply(200, page([['a']] * 100, 0, 100)).reply(200, page([['b']] * 100, 100, 200)).reply(200, page([['c']] * 50, 200))
        rows, first = connect(server).search('search Host show name', limit=None, fmt='table')
        assert len(rows) == 250 and first['headings'] == ['name']
        queries = [query_of(request) for request in server.requests]
        assert queries[0] == {'query': 'search Host show name', 'limit': '100'}
        assert queries[1] == {'query': 'search Host show name', 'limit': '100', 'offset': '100', 'results_id': 'r-1'}
        assert queries[2]['offset'] == '200'

    def test_limit_asks_only_for_what_is_missing(self, server):
        server.reply(200, page([['a']] * 100, 0, 100)).reply(200, page([['b']] * 30, 100, 130))
        rows, _first = connect(server).search('search Host', limit=130, fmt='object')
        assert len(rows) == 130 and [query_of(request)['limit'] for request in server.requests] == ['100', '30']
        assert query_of(server.requests[0])['format'] == 'object'

    def test_a_long_query_is_posted(self, server):
        long_query = 'search Host show name' + ', name' * 2000
        server.reply(200, page([['a']], 0, 1)).reply(200, page([['b']], 1))
        rows, _first = connect(server).search(long_query)
        assert len(rows) == 2
        assert [request.method for request in server.requests] == ['POST', 'POST']
        assert server.requests[1].json() == {'query': long_query} and 'query' not in query_of(server.requests[1])
        assert all(len(request.path) < protocol.MAX_GET_LENGTH for request in server.requests)

    def test_a_repeated_next_offset_stops_the_walk(self, server):
        server.reply(200, page([['a']], 0, 1)).reply(200, page([['b']], 1, 1))
        with pytest.raises(ResponseFormatError, match='next offset 1 again'):
            connect(server).search('search Host')

    def test_an_answer_that_is_not_a_result_set(self, server):
        server.reply(200, 'not json')
        with pytest.raises(ResponseFormatError):
            connect(server).search('search Host')
