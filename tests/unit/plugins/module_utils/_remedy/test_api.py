# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Remedy: the login, the AR error messages users read, and the entry paging, over a scripted server."""

from __future__ import annotations

import base64
import json
import time
from urllib.parse import parse_qs

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils import _paging
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import api as remedy, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._http import Response
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import same as resource_same
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    APIError,
    AuthenticationError,
    ForbiddenError,
    NotFoundError,
    OptionError,
    ResponseFormatError,
)


def jwt(claims):
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b'=').decode()
    return '%s.%s.%s' % (part({'alg': 'HS256'}), part(claims), 'c2ln')


def ar_error(number, text, appended=None, kind='ERROR'):
    entry = {'messageType': kind, 'messageNumber': number, 'messageText': text}
    if appended:
        entry['messageAppendedText'] = appended
    return [entry]


def connect(server, **params):
    base = {'url': server.url, 'username': 'Demo', 'password': 'pw', 'allow_http': True, 'retries': 0}
    base.update(params)
    return remedy.connect(base)


class TestErrorMessages:

    def test_wrong_password_names_arerr_623_and_the_fix(self, server):
        server.reply(401, ar_error(623, 'Authentication failed', 'Demo'))
        with pytest.raises(AuthenticationError) as info:
            connect(server).login()
        message = str(info.value)
        assert message.startswith('BMC Remedy AR System: POST /api/jwt/login failed with HTTP 401: ARERR 623: Authentication failed (Demo)')
        assert 'user name or password is wrong' in message
        assert info.value.vendor_code == 623
        assert 'pw' not in message.replace('password', '')

    def test_session_conflict_9093_is_explained(self, server):
        server.reply(403, ar_error(9093, 'User is currently connected from another machine'))
        with pytest.raises(ForbiddenError) as info:
            connect(server).login()
        assert 'ARERR 9093' in str(info.value) and 'reuse the token' in str(info.value)

    def test_plain_http_403_is_explained(self, server):
        server.reply(403, {'message': 'Access forbidden', 'code': 403, 'transient': False})
        with pytest.raises(ForbiddenError) as info:
            connect(server).login()
        assert 'Access forbidden' in str(info.value) and 'https:// URL' in str(info.value)

    def test_plain_http_hint_only_for_an_http_url(self):
        def answer(url, status=403, body=b'{"message": "Access forbidden", "code": 403}'):
            return remedy.describe_error(Response('BMC Remedy AR System', 'GET', url, status, {}, body))
        assert 'https:// URL' in answer('http://itsm:8008/api/arsys/v1/entry/F').hint
        assert answer('https://itsm:8443/api/arsys/v1/entry/F').hint is None
        assert 'https:// URL' in answer('http://itsm:8008/api/jwt/login', 400, b'Bad request').hint
        assert answer('https://itsm:8443/api/jwt/login', 400, b'Bad request') is None
        assert answer('http://itsm:8008/api/arsys/v1/entry/F', 500).hint is None

    @pytest.mark.parametrize('status,content_type,body,title,hint', [
        (401, 'text/html;charset=UTF-8', b'<!DOCTYPE html><html><head><title>Remedy Single Sign-On</title></head>'
         b'<body><form action="/rsso/start"><input name="goto" value="MARKUP"></form></body></html>',
         'Remedy Single Sign-On', 'single sign-on gateway'),
        (404, 'text/html;charset=iso-8859-1', b'<html><head><title>Error 404 Not Found</title></head><body><h2>HTTP ERROR 404</h2>'
         b'<table><tr><th>URI:</th><td>/api/arsys/v1/entry/MARKUP</td></tr></table></body></html>',
         'Error 404 Not Found', 'the web server (jetty) has no such page'),
        (502, 'text/plain', b'<html><body>MARKUP</body></html>', None, 'an HTML page answered'),
    ], ids=['sso-401', 'jetty-404', 'untitled-502'])
    def test_html_error_pages_are_named_not_dumped(self, server, status, content_type, body, title, hint):
        # get_entry: a 404 page of the web server is an error (a wrong url), never a missing entry.
        server.reply(status, body, headers={'Content-Type': content_type})
        with pytest.raises(APIError) as info:
            connect(server, token='t', retries=0).get_entry('F', '1')
        message = str(info.value)
        expected = 'an HTML page titled "%s"' % title if title else 'an HTML page (%d bytes)' % len(body)
        assert 'failed with HTTP %d: %s' % (status, expected) in message
        assert hint in message
        assert 'MARKUP' not in message and '<' not in message

    def test_warnings_before_the_error_are_skipped(self, server):
        server.reply(400, [{'messageType': 'WARNING', 'messageNumber': 72, 'messageText': 'minor'}]
                     + ar_error(326, 'Required field cannot be blank', 'Last_Name'))
        client = connect(server, token='t').client
        with pytest.raises(APIError) as info:
            client.post('/api/arsys/v1/entry/F', json={'values': {}})
        assert 'ARERR 326: Required field cannot be blank (Last_Name)' in str(info.value)

    def test_expired_given_token_says_how_to_get_a_new_one(self, server):
        server.reply(401, ar_error(8907, 'Session expired'))
        with pytest.raises(AuthenticationError) as info:
            connect(server, token='old').get_entry('F', '1')
        assert 'remedy_jwt_token' in str(info.value) and len(server.requests) == 1

    @pytest.mark.parametrize('body', [b'<html>proxy</html>', b'', b'"just a string"', b'[1, 2]'], ids=['html', 'empty', 'string', 'numbers'])
    def test_unreadable_error_bodies_fall_back_to_the_raw_text(self, server, body):
        server.reply(500, body)
        with pytest.raises(APIError) as info:
            connect(server, token='t').client.get('/api/x')
        assert 'HTTP 500' in str(info.value)


class TestLogin:

    def test_login_posts_the_form_and_reads_the_text_token(self, server):
        token = jwt({'sub': 'Demo', 'exp': 2000000000})
        server.reply(200, token, headers={'Content-Type': 'text/plain'})
        credential = connect(server, auth_string='corp').login()
        sent = server.requests[0]
        assert sent.path == '/api/jwt/login'
        assert sent.headers['Content-Type'] == 'application/x-www-form-urlencoded'
        assert parse_qs(sent.body.decode()) == {'username': ['Demo'], 'password': ['pw'], 'authString': ['corp']}
        assert credential.token == token
        assert credential.headers == {'Authorization': 'AR-JWT ' + token}
        # exp moved onto the local clock by the server's Date (whole seconds: the move errs on the early side).
        assert 2000000000 - 1.5 < credential.expires_at <= 2000000000

    def test_token_without_exp_lives_the_default_hour(self, server):
        server.reply(200, 'opaque-token-value')
        before = time.time()
        credential = connect(server).login()
        assert before + 3600 <= credential.expires_at <= time.time() + 3600

    @pytest.mark.parametrize('body,shape', [
        ('', 'the body is empty'), ('<html>login</html>', 'a 18-byte body of type text/plain'),
        ({'token': 'x'}, 'a JSON object with the fields token'), ('two words', 'a 9-byte body of type text/plain'),
    ], ids=['empty', 'html', 'json', 'spaces'])
    def test_a_login_answer_without_a_token_is_refused(self, server, body, shape):
        server.reply(200, body, headers={'Content-Type': 'text/plain'} if isinstance(body, str) else None)
        with pytest.raises(ResponseFormatError) as info:
            connect(server).login()
        assert 'the login answer is not a JWT: %s' % shape in str(info.value)

    @pytest.mark.parametrize('body', [{'token': 'TOP.SECRET.JWT'}, '<html>TOP.SECRET.JWT</html>', 'TOP.SECRET.JWT and more'],
                             ids=['json', 'html', 'text'])
    def test_a_login_answer_that_is_not_a_jwt_is_never_quoted(self, server, body):
        server.reply(200, body)
        with pytest.raises(ResponseFormatError) as info:
            connect(server).login()
        assert 'not a JWT' in str(info.value)
        assert 'SECRET' not in str(info.value)

    @pytest.mark.parametrize('params,missing', [
        ({'username': None}, 'username'), ({'password': None}, 'password'), ({'username': '', 'password': None}, 'password, username'),
    ], ids=['no-user', 'no-password', 'neither'])
    def test_missing_credentials_are_named_before_any_request(self, server, params, missing):
        with pytest.raises(OptionError) as info:
            connect(server, **params)
        assert 'needs %s' % missing in str(info.value)
        assert server.requests == []

    def test_blank_password_is_allowed(self, server):
        server.reply(200, 'tok')
        connect(server, password='').login()
        assert parse_qs(server.requests[0].body.decode(), keep_blank_values=True)['password'] == ['']

    def test_given_token_means_no_login(self, server):
        server.reply(200, {'values': {'A': 1}, '_links': {'self': [{'href': server.url + '/api/arsys/v1/entry/F/1'}]}})
        api = connect(server, token='given', username=None, password=None)
        assert api.get_entry('F', '1') == {'entry_id': '1', 'values': {'A': 1}}
        assert server.requests[0].headers['Authorization'] == 'AR-JWT given'

    def test_logout_reports_whether_the_server_released_the_token(self, server):
        server.reply(204).reply(401, ar_error(8907, 'invalid'))
        api = connect(server, token='t')
        assert api.logout('t') is True
        assert api.logout('t') is False
        assert [r.headers['Authorization'] for r in server.requests] == ['AR-JWT t', 'AR-JWT t']

    def test_ar_headers_are_sent_and_only_x_ar_names_accepted(self, server):
        server.reply(200, 'tok')
        connect(server, ar_headers={'X-AR-Client-Type': 4020, 'x-ar-trace-id': 'abc'}).login()
        assert server.requests[0].headers['X-AR-Client-Type'] == '4020'
        with pytest.raises(OptionError) as info:
            connect(server, ar_headers={'Authorization': 'x'})
        assert 'X-AR-*' in str(info.value)

    @pytest.mark.parametrize('suffix', ['/api', '/api/', '/api/arsys/v1', '/api/arsys/v1/', '/api/jwt', '/api/jwt/'])
    def test_url_with_api_suffix_is_corrected_with_a_warning(self, server, suffix):
        server.reply(200, 'tok')
        warnings = []
        remedy.connect({'url': server.url + suffix, 'username': 'u', 'password': 'p', 'allow_http': True}, warn=warnings.append).login()
        assert server.requests[0].path == '/api/jwt/login'
        assert warnings == ['url ends with {0}; the collection adds the API paths itself, so {0} was removed from {1}{2}: give url {1}'.format(
            suffix.rstrip('/'), server.url, suffix)]

    def test_url_with_an_application_path_keeps_it(self, server):
        server.reply(200, 'tok')
        warnings = []
        remedy.connect({'url': server.url + '/arsys/', 'username': 'u', 'password': 'p', 'allow_http': True}, warn=warnings.append).login()
        assert server.requests[0].path == '/arsys/api/jwt/login' and warnings == []


class TestValues:

    @pytest.mark.parametrize('current,wanted,same', [
        ('Assigned', 'Assigned', True),
        (4, '4', True),
        ('4', 4, True),
        (None, '', True),
        ('', None, True),
        (None, 'x', False),
        ('x', None, False),
        ('Assigned', 'assigned', False),
        ({'a': 1}, "{'a': 1}", False),
    ], ids=['equal', 'number-vs-text', 'text-vs-number', 'null-vs-empty', 'empty-vs-null', 'null-vs-value', 'value-vs-null', 'case', 'dict'])
    def test_same_value(self, current, wanted, same):
        # A null in values empties the field: the engine's equality with none_leaves off, as EntryResource sets it.
        assert resources.EntryResource.none_leaves is False
        assert resource_same(current, wanted, none_leaves=False) is same

    @pytest.mark.parametrize('url,entry_id', [
        ('https://h/api/arsys/v1/entry/HPD:IncidentInterface/INC1%7CINC1', 'INC1|INC1'),
        ('https://h/api/arsys/v1/entry/F/000000000000101/', '000000000000101'),
        ('', None),
        (None, None),
    ], ids=['encoded-pipe', 'trailing-slash', 'empty', 'none'])
    def test_entry_id_from_url(self, url, entry_id):
        assert remedy.entry_id_from_url(url) == entry_id

    def test_entry_path_encodes_what_must_be_encoded(self):
        assert remedy.RemedyAPI.entry_path('HPD:Help Desk', 'INC1|INC1') == '/api/arsys/v1/entry/HPD:Help%20Desk/INC1%7CINC1'


def page(server, ids, more):
    links = {'self': [{'href': server.url + '/x'}]}
    if more:
        links['next'] = [{'href': server.url + '/x?offset=next'}]
    entries = [{'values': {'Request ID': i}, '_links': {'self': [{'href': '%s/api/arsys/v1/entry/F/%s' % (server.url, i)}]}} for i in ids]
    return {'entries': entries, '_links': links}


class TestPaging:

    def test_follows_pages_until_a_short_one(self, server):
        server.reply(200, page(server, ['1', '2'], True)).reply(200, page(server, ['3', '4'], True)).reply(200, page(server, ['5'], False))
        entries = connect(server, token='t').find_entries('F', query="'A' = \"b\"", page_size=2)
        assert [e['entry_id'] for e in entries] == ['1', '2', '3', '4', '5']
        offsets = [parse_qs(r.path.split('?', 1)[1])['offset'][0] for r in server.requests]
        assert offsets == ['0', '2', '4']
        assert all(parse_qs(r.path.split('?', 1)[1])['q'] == ["'A' = \"b\""] for r in server.requests)

    def test_stops_when_there_is_no_next_link(self, server):
        server.reply(200, page(server, ['1', '2'], False))
        assert len(connect(server, token='t').find_entries('F', page_size=2)) == 2
        assert len(server.requests) == 1

    def test_limit_caps_the_result_and_the_request(self, server):
        server.reply(200, page(server, ['1', '2'], True)).reply(200, page(server, ['3'], True))
        entries = connect(server, token='t').find_entries('F', limit=3, page_size=2)
        assert [e['entry_id'] for e in entries] == ['1', '2', '3']
        assert [parse_qs(r.path.split('?', 1)[1])['limit'][0] for r in server.requests] == ['2', '1']

    def test_a_server_ignoring_offset_does_not_loop_forever(self, server):
        server.reply(200, page(server, ['1', '2'], True), times=3)
        with pytest.raises(ResponseFormatError) as info:
            connect(server, token='t').find_entries('F', page_size=2)
        assert 'ignore the offset' in str(info.value) and len(server.requests) == 2

    def test_a_capped_list_without_links_goes_on_until_a_shorter_page(self, server):
        for ids in (['1', '2'], ['3', '4'], ['5']):
            server.reply(200, {'entries': page(server, ids, False)['entries']})
        entries = connect(server, token='t').find_entries('F', page_size=5)
        assert [e['entry_id'] for e in entries] == ['1', '2', '3', '4', '5']
        assert [parse_qs(r.path.split('?', 1)[1])['offset'][0] for r in server.requests] == ['0', '2', '4']

    def test_a_list_without_links_ends_at_an_empty_page(self, server):
        server.reply(200, {'entries': page(server, ['1', '2'], False)['entries']}).reply(200, {'entries': []})
        assert len(connect(server, token='t').find_entries('F', page_size=2)) == 2
        assert len(server.requests) == 2

    def test_paging_without_end_stops_at_the_bound(self, server, monkeypatch):
        monkeypatch.setattr(_paging, 'MAX_PAGES', 4)
        for number in range(6):
            server.reply(200, page(server, [str(number)], True))
        with pytest.raises(ResponseFormatError) as info:
            connect(server, token='t').find_entries('F', page_size=1)
        assert 'still had entries to give after 4 pages (4 entries)' in str(info.value)
        assert len(server.requests) == 4

    def test_fields_and_sort_are_sent_in_ar_syntax(self, server):
        server.reply(200, page(server, [], False))
        connect(server, token='t').find_entries('F', fields=['Status', 'Incident Number'], sort='Submit Date.desc')
        query = parse_qs(server.requests[0].path.split('?', 1)[1])
        assert query['fields'] == ['values(Status,Incident Number)'] and query['sort'] == ['Submit Date.desc']

    def test_an_answer_without_entries_is_a_clear_error(self, server):
        server.reply(200, {'items': []})
        with pytest.raises(ResponseFormatError) as info:
            connect(server, token='t').find_entries('F')
        assert 'no "entries" list' in str(info.value)

    def test_missing_entry_is_none_but_missing_form_is_an_error(self, server):
        server.reply(404, ar_error(302, 'Entry does not exist in database', '9'))
        server.reply(404, ar_error(303, 'Form does not exist on server', 'Nope'))
        api = connect(server, token='t')
        assert api.get_entry('F', '9') is None
        with pytest.raises(NotFoundError) as info:
            api.get_entry('Nope', '9')
        assert 'ARERR 303' in str(info.value)
