# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xMatters: the OAuth client, Basic auth and its SSO explanation, and the pagination walker, over a scripted server."""

from __future__ import annotations

import base64
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api as xmatters
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    APIError,
    AuthenticationError,
    OptionError,
    ResponseFormatError,
)

TOKEN_PATH = '/api/xm/1/oauth2/token'


def connect(server, **params):
    base = {'url': server.url, 'allow_http': True, 'retries': 0}
    base.update(params)
    return xmatters.connect(base)


def grant(access='acc-1', refresh='ref-1', expires_in=900, **extra):
    body = {'access_token': access, 'token_type': 'bearer', 'expires_in': expires_in}
    if refresh:
        body['refresh_token'] = refresh
    body.update(extra)
    return body


def form(recorded):
    return dict((key, values[0]) for key, values in parse_qs(recorded.body.decode()).items())


def page(items, next_link=None, total=None):
    body = {'count': len(items), 'total': total if total is not None else len(items), 'data': items,
            'links': {'self': '/api/xm/1/groups'}}
    if next_link:
        body['links']['next'] = next_link
    return body


OAUTH = {'client_id': 'cid', 'username': 'demo', 'password': 'pw'}


class TestOAuthClient:

    def test_password_grant_posts_a_form_without_authorization(self, server):
        server.reply(200, grant())
        before = time.time()
        credential = connect(server, **OAUTH).login()
        sent = server.requests[0]
        assert (sent.method, sent.path) == ('POST', TOKEN_PATH)
        assert sent.headers['Content-Type'] == 'application/x-www-form-urlencoded'
        assert 'Authorization' not in sent.headers
        assert form(sent) == {'grant_type': 'password', 'client_id': 'cid', 'username': 'demo', 'password': 'pw'}
        assert credential.token == 'acc-1' and credential.refresh_token == 'ref-1'
        assert credential.headers == {'Authorization': 'Bearer acc-1'}
        assert before + 900 <= credential.expires_at <= time.time() + 900
        assert credential.expires_in == 900 and credential.token_type == 'bearer'

    def test_refresh_grant_when_a_refresh_token_is_given(self, server):
        server.reply(200, grant(refresh='ref-2'))
        credential = connect(server, client_id='cid', refresh_token='ref-1').login()
        assert form(server.requests[0]) == {'grant_type': 'refresh_token', 'client_id': 'cid', 'refresh_token': 'ref-1'}
        assert credential.refresh_token == 'ref-2'

    def test_a_token_about_to_expire_is_refreshed_with_the_newest_refresh_token(self, server):
        # A 1 s token is renewed in the last quarter of its life: after 0.8 s the next request refreshes first.
        server.reply(200, grant('acc-1', 'ref-1', expires_in=1)).reply(200, page([]))
        server.reply(200, grant('acc-2', 'ref-2')).reply(200, page([]))
        api = connect(server, **OAUTH)
        api.groups()
        time.sleep(0.8)
        api.groups()
        paths = [(r.method, r.path.split('?')[0]) for r in server.requests]
        assert paths == [('POST', TOKEN_PATH), ('GET', '/api/xm/1/groups'), ('POST', TOKEN_PATH), ('GET', '/api/xm/1/groups')]
        assert form(server.requests[2]) == {'grant_type': 'refresh_token', 'client_id': 'cid', 'refresh_token': 'ref-1'}
        assert server.requests[3].headers['Authorization'] == 'Bearer acc-2'

    def test_a_401_refreshes_once_and_repeats_the_request(self, server):
        server.reply(200, grant('acc-1', 'ref-1'))
        server.reply(401, {'code': 401, 'reason': 'Unauthorized', 'message': 'expired'})
        server.reply(200, grant('acc-2', 'ref-2')).reply(200, page([{'id': 'g1'}]))
        assert connect(server, **OAUTH).groups() == [{'id': 'g1'}]
        assert form(server.requests[2])['grant_type'] == 'refresh_token'
        assert server.requests[3].headers['Authorization'] == 'Bearer acc-2'

    def test_a_second_401_fails_instead_of_looping(self, server):
        server.reply(200, grant()).reply(401, {'code': 401, 'message': 'no'})
        server.reply(200, grant('acc-2', 'ref-2')).reply(401, {'code': 401, 'message': 'still no'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, **OAUTH).groups()
        assert len(server.requests) == 4
        assert 'HTTP 401: still no' in str(info.value) and 'just obtained or refreshed' in str(info.value)

    def test_a_refused_refresh_token_falls_back_to_the_password(self, server):
        server.reply(400, {'error': 'invalid_grant', 'error_description': 'Invalid refresh token'}).reply(200, grant('acc-9'))
        credential = connect(server, refresh_token='revoked', **OAUTH).login()
        assert [form(r)['grant_type'] for r in server.requests] == ['refresh_token', 'password']
        assert credential.token == 'acc-9'

    def test_a_failing_server_does_not_make_it_drop_a_good_refresh_token(self, server):
        server.reply(503, {'code': 503, 'message': 'maintenance'})
        with pytest.raises(APIError) as info:
            connect(server, refresh_token='ref-good', **OAUTH).login()
        assert info.value.status == 503
        assert [form(r)['grant_type'] for r in server.requests] == ['refresh_token']

    def test_a_refused_refresh_token_without_password_is_explained(self, server):
        server.reply(400, {'error': 'invalid_grant', 'error_description': 'Invalid refresh token'})
        with pytest.raises(APIError) as info:
            connect(server, client_id='cid', refresh_token='revoked').login()
        message = str(info.value)
        assert 'xMatters: POST /api/xm/1/oauth2/token failed with HTTP 400: invalid_grant: Invalid refresh token' in message
        assert 'the refresh token was refused: it expired, was revoked, or was already used' in message
        # Nothing about SSO: no password was sent, so no SSO rule refused it.
        assert 'SSO' not in message
        assert info.value.vendor_code == 'invalid_grant'

    def test_a_refused_refresh_token_then_refused_password_keeps_the_password_hint(self, server):
        server.reply(400, {'error': 'invalid_grant', 'error_description': 'Invalid refresh token'})
        server.reply(400, {'error': 'invalid_grant', 'error_description': 'Bad credentials'})
        with pytest.raises(APIError) as info:
            connect(server, refresh_token='revoked', **OAUTH).login()
        assert 'Bad credentials' in str(info.value) and 'Bypass SSO' in str(info.value)

    def test_a_rotated_given_refresh_token_is_warned_spent(self, server):
        server.reply(200, grant('acc-1', 'ref-2'))
        warnings = []
        api = xmatters.connect({'url': server.url, 'allow_http': True, 'retries': 0, 'client_id': 'cid', 'refresh_token': 'ref-1'},
                               warn=warnings.append)
        assert api.login().refresh_token == 'ref-2'
        assert len(warnings) == 1
        assert 'the refresh_token given to this task is spent' in warnings[0] and 'token_cache' in warnings[0]
        assert 'xmatters_oauth_token' in warnings[0]
        assert 'ref-1' not in warnings[0] and 'ref-2' not in warnings[0]

    def test_a_refresh_token_sent_back_unchanged_is_not_warned(self, server):
        server.reply(200, grant('acc-1', 'ref-1'))
        warnings = []
        xmatters.connect({'url': server.url, 'allow_http': True, 'retries': 0, 'client_id': 'cid', 'refresh_token': 'ref-1'},
                         warn=warnings.append).login()
        assert warnings == []

    def test_a_wrong_client_id_names_where_to_find_it(self, server):
        server.reply(400, {'error': 'invalid_client', 'error_description': 'Unknown client'})
        with pytest.raises(APIError) as info:
            connect(server, **OAUTH).login()
        assert 'Workflows > OAuth' in str(info.value)

    def test_a_refresh_without_a_new_refresh_token_keeps_the_old_one(self, server):
        server.reply(200, grant(refresh=None))
        credential = connect(server, client_id='cid', refresh_token='ref-1').login()
        assert credential.refresh_token == 'ref-1'

    @pytest.mark.parametrize('body', [{'token_type': 'bearer'}, {'access_token': ''}, ['x']], ids=['missing', 'empty', 'list'])
    def test_an_answer_without_access_token_is_refused(self, server, body):
        server.reply(200, body)
        with pytest.raises(ResponseFormatError) as info:
            connect(server, **OAUTH).login()
        assert 'without an access_token field' in str(info.value)

    def test_an_answer_with_the_token_under_another_name_names_the_fields_never_the_values(self, server):
        server.reply(200, {'accessToken': 'TOPSECRET-TOKEN', 'expires_in': 900})
        with pytest.raises(ResponseFormatError) as info:
            connect(server, **OAUTH).login()
        assert 'without an access_token field (its fields: accessToken, expires_in)' in str(info.value)
        assert 'TOPSECRET' not in str(info.value)

    def test_an_answer_that_is_not_json_is_described_never_quoted(self, server):
        server.reply(200, 'authToken=TOPSECRET-TOKEN', headers={'Content-Type': 'text/plain'})
        with pytest.raises(ResponseFormatError) as info:
            connect(server, **OAUTH).login()
        assert 'answered HTTP 200 without an access_token field (it is not JSON: a 25-byte body of type text/plain)' in str(info.value)
        assert 'TOPSECRET' not in str(info.value)

    def test_a_missing_expires_in_means_the_default_lifetime(self, server):
        server.reply(200, grant(expires_in=None))
        before = time.time()
        assert connect(server, **OAUTH).login().expires_at >= before + 900

    @pytest.mark.parametrize('params,expected', [
        ({'auth_type': 'oauth', 'username': 'u', 'password': 'p'}, 'needs client_id'),
        ({'client_id': 'cid', 'username': 'u'}, 'needs password'),
        ({'client_id': 'cid'}, 'needs password, username'),
    ], ids=['no-client-id', 'no-password', 'nothing'])
    def test_missing_options_are_named_before_any_request(self, server, params, expected):
        with pytest.raises(OptionError) as info:
            connect(server, **params)
        assert expected in str(info.value)
        assert server.requests == []

    def test_a_given_access_token_is_used_first_then_refreshed_on_401(self, server):
        server.reply(401, {'code': 401, 'message': 'expired'}).reply(200, grant('acc-2', 'ref-2')).reply(200, page([]))
        api = connect(server, token='given', client_id='cid', refresh_token='ref-1')
        assert api.groups() == []
        assert server.requests[0].headers['Authorization'] == 'Bearer given'
        assert form(server.requests[1]) == {'grant_type': 'refresh_token', 'client_id': 'cid', 'refresh_token': 'ref-1'}
        assert server.requests[2].headers['Authorization'] == 'Bearer acc-2'


class TestBasic:

    def test_basic_sends_the_header_without_a_login_request(self, server):
        server.reply(200, page([]))
        api = connect(server, username='x-api-key-123', password='secret')
        credential = api.login()
        assert credential.token is None
        api.groups()
        assert len(server.requests) == 1
        expected = 'Basic ' + base64.b64encode(b'x-api-key-123:secret').decode()
        assert server.requests[0].headers['Authorization'] == expected
        assert base64.b64encode(b'x-api-key-123:secret').decode() in api.client.secrets()

    def test_a_401_on_basic_is_explained_with_sso_and_not_retried(self, server):
        server.reply(401, {'code': 401, 'reason': 'Unauthorized', 'message': 'Invalid credentials'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, username='johndoe', password='ps$$w0rd').groups()
        message = str(info.value)
        assert len(server.requests) == 1
        assert message.startswith('xMatters: GET /api/xm/1/groups failed with HTTP 401: Invalid credentials. Hint:')
        for fix in ('API key as username and its secret as password', 'Web/App password and the Bypass SSO role', 'OAuth'):
            assert fix in message
        assert 'ps$$w0rd' not in message

    def test_a_401_names_sso_alone_when_the_server_says_so(self, server):
        server.reply(401, {'code': 401, 'reason': 'Unauthorized', 'message': 'SSO users cannot use Basic authentication'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, username='johndoe', password='pw').groups()
        message = str(info.value)
        assert 'Hint: the user signs in through single sign-on (SSO)' in message and 'Bypass SSO role' in message
        assert 'wrong credentials' not in message

    def test_a_401_without_a_reason_names_both_causes(self, server):
        server.reply(401, {'code': 401, 'reason': 'Unauthorized', 'message': 'Invalid credentials'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, username='johndoe', password='pw').groups()
        assert 'Invalid credentials. Hint: wrong credentials, or an SSO user: ' in str(info.value)

    def test_a_401_of_an_api_key_login_is_not_blamed_on_sso(self, server):
        server.reply(401, {'code': 401, 'reason': 'Unauthorized', 'message': 'Invalid credentials'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, username='x-api-key-123', password='secret').groups()
        message = str(info.value)
        assert 'the API key (the username, x-api-key-...) or its secret (the password) is wrong' in message
        assert 'SSO' not in message

    def test_a_word_that_only_holds_sso_letters_is_not_sso(self, server):
        server.reply(401, {'code': 401, 'reason': 'Unauthorized', 'message': 'crossorigin lesson'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, username='johndoe', password='pw').groups()
        assert 'wrong credentials, or an SSO user' in str(info.value)

    def test_auth_type_defaults_to_oauth_when_client_id_is_set(self, server):
        server.reply(200, grant())
        connect(server, client_id='cid', username='u', password='p').login()
        assert server.requests[0].path == TOKEN_PATH

    def test_explicit_basic_wins_over_client_id(self, server):
        server.reply(200, page([]))
        connect(server, auth_type='basic', client_id='cid', username='u', password='p').groups()
        assert server.requests[0].headers['Authorization'].startswith('Basic ')

    def test_a_url_with_the_api_path_is_trimmed_with_a_warning(self, server):
        warnings = []
        server.reply(200, page([]))
        xmatters.connect({'url': server.url + '/api/xm/1/', 'allow_http': True, 'retries': 0, 'username': 'u', 'password': 'p'},
                         warn=warnings.append).groups()
        assert server.requests[0].path.startswith('/api/xm/1/groups?')
        assert 'removed' in warnings[0]

    def test_403_names_the_missing_role(self, server):
        server.reply(403, {'code': 403, 'reason': 'Forbidden', 'message': 'Access denied'})
        with pytest.raises(APIError) as info:
            connect(server, username='u', password='p').groups()
        assert 'Access denied' in str(info.value) and 'REST Web Service User' in str(info.value)


class TestPaginationWalker:

    def test_follows_links_next_until_the_last_page(self, server):
        server.reply(200, page([{'id': 1}, {'id': 2}], '/api/xm/1/groups?offset=2&limit=2', total=5))
        server.reply(200, page([{'id': 3}, {'id': 4}], '/api/xm/1/groups?offset=4&limit=2', total=5))
        server.reply(200, page([{'id': 5}], None, total=5))
        items = connect(server, username='u', password='p').groups(page_size=2)
        assert [item['id'] for item in items] == [1, 2, 3, 4, 5]
        targets = [r.path for r in server.requests]
        assert parse_qs(urlsplit(targets[0]).query) == {'offset': ['0'], 'limit': ['2']}
        assert targets[1:] == ['/api/xm/1/groups?offset=2&limit=2', '/api/xm/1/groups?offset=4&limit=2']

    def test_the_default_page_size_is_the_maximum(self, server):
        server.reply(200, page([]))
        connect(server, username='u', password='p').groups()
        assert parse_qs(urlsplit(server.requests[0].path).query)['limit'] == ['1000']

    def test_an_absolute_next_link_on_the_same_server_is_followed(self, server):
        server.reply(200, page([{'id': 1}], server.url + '/api/xm/1/groups?offset=1&limit=1'))
        server.reply(200, page([{'id': 2}]))
        assert len(connect(server, username='u', password='p').groups(page_size=1)) == 2

    def test_a_next_link_to_another_server_is_refused(self, server):
        server.reply(200, page([{'id': 1}], 'https://evil.example.com/api/xm/1/groups?offset=1'))
        with pytest.raises(ResponseFormatError) as info:
            connect(server, username='u', password='p').groups()
        assert 'does not send credentials elsewhere' in str(info.value)
        assert len(server.requests) == 1

    def test_a_next_link_without_end_stops_after_the_pages_the_total_needs(self, server):
        for number in range(8):
            server.reply(200, page([{'id': number}], '/api/xm/1/groups?offset=%d&limit=1' % (number + 1), total=2))
        with pytest.raises(ResponseFormatError) as info:
            connect(server, username='u', password='p').groups(page_size=1)
        assert 'still pointed to a next page after 4 pages and 4 items (the first page gave a total of 2)' in str(info.value)
        assert len(server.requests) == 4

    def test_a_next_link_seen_before_stops_the_walk(self, server):
        looping = '/api/xm/1/groups?offset=1&limit=1'
        server.reply(200, page([{'id': 1}], looping)).reply(200, page([{'id': 2}], looping))
        with pytest.raises(ResponseFormatError) as info:
            connect(server, username='u', password='p').groups(page_size=1)
        assert 'twice' in str(info.value)

    def test_an_empty_page_ends_the_walk_even_with_a_next_link(self, server):
        server.reply(200, page([], '/api/xm/1/groups?offset=0&limit=1'))
        assert connect(server, username='u', password='p').groups() == []
        assert len(server.requests) == 1

    @pytest.mark.parametrize('body', [{'count': 0}, [], {'data': 'x'}], ids=['no-data', 'list', 'data-not-list'])
    def test_a_page_without_a_data_list_is_refused(self, server, body):
        server.reply(200, body)
        with pytest.raises(ResponseFormatError) as info:
            connect(server, username='u', password='p').groups()
        assert 'no "data" list' in str(info.value)
