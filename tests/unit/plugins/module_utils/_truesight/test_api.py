# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""TrueSight (TSWS) through api.connect: login answers in both shapes, the 401/403 messages, sessions and devices, over a scripted server."""

from __future__ import annotations

import time

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    AuthenticationError,
    ForbiddenError,
    OptionError,
    ResponseFormatError,
)

PASSWORD = 'Api-Passw0rd!'
LOGIN = '/tsws/api/v10.1/token'
DEVICES = '/tsws/10.0/api/omprovider/devices'


def iso(moment):
    return time.strftime('%Y-%m-%dT%H:%M:%S.000Z', time.gmtime(moment))


def wrapped(payload, code='200', message='OK'):
    return {'responseTimeStamp': '2026-01-01T00:00:00', 'statusCode': code, 'statusMsg': message, 'response': payload}


def token_answer(token='_tok-1', expires=None, **extra):
    payload = {'authToken': token, 'authPassed': True, 'status': 'OK'}
    payload['expires'] = iso(time.time() + 3600) if expires is None else expires
    payload.update(extra)
    return payload


def tsws_error(status, message):
    return {'responseTimeStamp': '2026-01-01T00:00:00', 'statusCode': str(status), 'statusMsg': message,
            'responseMsg': 'FAILED', 'responseContent': None}


def connect(server, warnings=None, **params):
    base = {'url': server.url, 'username': 'apiuser', 'password': PASSWORD, 'tenant': '*', 'allow_http': True, 'retries': 0}
    base.update(params)
    return api.connect(base, warn=None if warnings is None else warnings.append)


class TestLogin:

    @pytest.mark.parametrize('shape', ['wrapped', 'flat'])
    def test_login_sends_json_and_reads_both_shapes(self, server, shape):
        expires = time.time() + 1800
        payload = token_answer('_ce14bc5c', iso(expires))
        server.reply(200, wrapped(payload) if shape == 'wrapped' else payload)
        credential = connect(server, tenant='BmcRealm').login()
        sent = server.requests[0]
        assert (sent.method, sent.path) == ('POST', LOGIN)
        assert sent.headers['Content-Type'] == 'application/json'
        assert sent.json() == {'username': 'apiuser', 'password': PASSWORD, 'tenantName': 'BmcRealm'}
        assert credential.token == '_ce14bc5c'
        assert credential.headers == {'Authorization': 'authToken _ce14bc5c'}
        assert credential.expires_at == pytest.approx(int(expires), abs=2)

    def test_tenant_defaults_to_star(self, server):
        server.reply(200, wrapped(token_answer()))
        connect(server, tenant=None).login()
        assert server.requests[0].json()['tenantName'] == '*'

    def test_unreadable_expires_warns_and_assumes_an_hour(self, server):
        server.reply(200, wrapped(token_answer(expires='next week')))
        warnings = []
        before = time.time()
        credential = connect(server, warnings).login()
        assert before + 3600 <= credential.expires_at <= time.time() + 3600
        assert len(warnings) == 1 and "'next week'" in warnings[0]

    @pytest.mark.parametrize('body', [
        wrapped(token_answer(authPassed=False)),
        wrapped(token_answer(), code='401', message='Invalid credentials'),
        {'authPassed': False, 'status': 'FAILED'},
    ], ids=['authPassed-false', 'envelope-401', 'flat-authPassed-false'])
    def test_a_refusal_inside_a_200_answer_is_an_authentication_error(self, server, body):
        server.reply(200, body)
        with pytest.raises(AuthenticationError) as info:
            connect(server).login()
        assert 'refused the login' in str(info.value) and 'deactivated' in str(info.value)

    @pytest.mark.parametrize('body', [
        wrapped({'authPassed': True, 'status': 'OK'}), {'status': 'OK'}, wrapped({'authToken': ''}), [1, 2], '<html>login</html>',
    ], ids=['wrapped-no-token', 'flat-no-token', 'empty-token', 'list', 'html'])
    def test_an_answer_without_a_token_is_refused(self, server, body):
        server.reply(200, body)
        with pytest.raises(ResponseFormatError) as info:
            connect(server).login()
        assert 'authToken' in str(info.value) or 'not JSON' in str(info.value)

    def test_an_answer_with_the_token_under_another_name_names_the_fields_never_the_values(self, server):
        server.reply(200, wrapped({'authToken': {'value': 'TOPSECRET-TOKEN'}, 'expires': 'soon'}))
        with pytest.raises(ResponseFormatError) as info:
            connect(server).login()
        assert 'without an authToken field in its answer (its fields: authToken, expires)' in str(info.value)
        assert 'TOPSECRET' not in str(info.value)

    def test_an_answer_that_is_not_json_is_described_never_quoted(self, server):
        server.reply(200, 'authToken=TOPSECRET-TOKEN&expires=soon', headers={'Content-Type': 'text/plain'})
        with pytest.raises(ResponseFormatError) as info:
            connect(server).login()
        assert 'without an authToken field in its answer (it is not JSON: a 38-byte body of type text/plain)' in str(info.value)
        assert 'TOPSECRET' not in str(info.value)

    @pytest.mark.parametrize('params,missing', [
        ({'username': None}, 'username'), ({'password': ''}, 'password'),
    ], ids=['no-user', 'no-password'])
    def test_missing_credentials_are_named_before_any_request(self, server, params, missing):
        with pytest.raises(OptionError) as info:
            connect(server, **params)
        assert 'needs %s' % missing in str(info.value) and server.requests == []


class TestErrors:

    def test_wrong_credentials_401_names_the_causes(self, server):
        server.reply(401, tsws_error(401, 'Authentication failed'))
        with pytest.raises(AuthenticationError) as info:
            connect(server).login()
        message = str(info.value)
        assert message.startswith('BMC TrueSight Presentation Server: POST %s failed with HTTP 401: Authentication failed' % LOGIN)
        for words in ('password or tenant is wrong', 'deactivated', 'System user'):
            assert words in message
        assert PASSWORD not in message and info.value.vendor_code == '401'

    def test_refused_given_token_401_says_how_to_get_a_new_one(self, server):
        server.reply(401, tsws_error(401, 'Invalid/expired token'))
        with pytest.raises(AuthenticationError) as info:
            connect(server, token='_old').devices()
        message = str(info.value)
        assert 'HTTP 401: Invalid/expired token' in message and 'expired' in message and 'truesight_token' in message
        assert len(server.requests) == 1

    @pytest.mark.parametrize('where', ['login', 'devices'])
    def test_403_names_the_api_access_permission(self, server, where):
        if where == 'devices':
            server.reply(200, wrapped(token_answer()))
        server.reply(403, tsws_error(403, 'Access denied. You are not authorized to perform this operation.'))
        with pytest.raises(ForbiddenError) as info:
            connect(server).devices()
        message = str(info.value)
        assert 'HTTP 403: Access denied' in message
        assert 'api-access permission' in message and 'API Access' in message

    def test_error_content_is_shown_with_the_message(self, server):
        body = dict(tsws_error(500, 'Internal error'), responseContent='TSIM is not reachable')
        server.reply(500, body)
        with pytest.raises(Exception) as info:
            connect(server, token='t').devices()
        assert 'HTTP 500: Internal error: TSIM is not reachable' in str(info.value)


class TestSessions:

    def test_a_401_with_credentials_logs_in_once_more_and_retries_once(self, server):
        server.reply(200, wrapped(token_answer('_first')))
        server.reply(401, tsws_error(401, 'Invalid/expired token'))
        server.reply(200, wrapped(token_answer('_second')))
        server.reply(200, wrapped({'deviceList': []}))
        assert connect(server).devices() == []
        calls = [(r.method, r.path.split('?')[0], r.headers.get('Authorization')) for r in server.requests]
        assert calls == [('POST', LOGIN, None), ('GET', DEVICES, 'authToken _first'),
                         ('POST', LOGIN, None), ('GET', DEVICES, 'authToken _second')]

    def test_a_second_401_fails_instead_of_looping(self, server):
        server.reply(200, wrapped(token_answer('_first')))
        server.reply(401, tsws_error(401, 'Invalid/expired token'))
        server.reply(200, wrapped(token_answer('_second')))
        server.reply(401, tsws_error(401, 'Invalid/expired token'))
        with pytest.raises(AuthenticationError):
            connect(server).devices()
        assert len(server.requests) == 4

    def test_past_expires_does_not_make_every_call_log_in(self, server):
        server.reply(200, wrapped(token_answer(expires='2015-07-21T06:23:51')))
        server.reply(200, wrapped({'deviceList': []}), times=2)
        api = connect(server, [])
        api.devices()
        api.devices()
        assert [r.method for r in server.requests] == ['POST', 'GET', 'GET']

    def test_logout_and_validate_report_what_the_server_said(self, server):
        server.reply(200, wrapped({'authPassed': True, 'status': 'OK'}))
        server.reply(401, dict(tsws_error(401, 'Invalid/expired token'), response={'authPassed': True}))
        server.reply(200, {'statusCode': '200', 'statusMsg': 'OK'})
        server.reply(401, tsws_error(401, 'Invalid/expired token'))
        api = connect(server, token='_t')
        assert api.logout('_t') is True
        assert api.logout('_t') is False
        assert api.token_is_valid('_t') is True
        assert api.token_is_valid('_t') is False
        assert [(r.method, r.path, r.headers['Authorization']) for r in server.requests] == [
            ('DELETE', LOGIN, 'authToken _t'), ('DELETE', LOGIN, 'authToken _t'),
            ('GET', LOGIN, 'authToken _t'), ('GET', LOGIN, 'authToken _t')]
        # Validate and logout read a header NAMED authToken, its value "authToken <token>" (TSPS 10.1 pages, public clients).
        assert [r.headers.get('authToken') for r in server.requests] == ['authToken _t'] * 4
        assert not any(r.body for r in server.requests)

    def test_a_module_login_is_logged_out_when_the_client_closes(self, server):
        server.reply(200, wrapped(token_answer('_mine')))
        server.reply(200, wrapped({'deviceList': []}))
        server.reply(200, wrapped({'authPassed': True, 'status': 'OK'}))
        api = connect(server)
        api.devices()
        assert api.close() == []
        assert (server.requests[-1].method, server.requests[-1].headers['Authorization']) == ('DELETE', 'authToken _mine')


class TestUrl:

    @pytest.mark.parametrize('suffix', ['/tsws', '/tsws/'])
    def test_a_tsws_suffix_in_url_is_removed_with_a_warning(self, server, suffix):
        server.reply(200, {'deviceList': []})
        warnings = []
        connect(server, warnings, url=server.url + suffix, token='_t').devices()
        assert server.requests[0].path.split('?')[0] == DEVICES
        assert warnings == ['url ends with /tsws; the collection adds the API paths itself, so /tsws was removed from %s%s: give url %s'
                            % (server.url, suffix, server.url)]


class TestDevices:

    DEVICES = [
        {'deviceId': 1, 'dnsName': 'db01.example.com', 'deviceType': 'Linux'},
        {'deviceId': 2, 'dnsName': 'DB02.example.com', 'deviceType': 'Linux'},
    ]

    @pytest.mark.parametrize('body', [
        {'requestTimeStamp': '2026-01-01T00:00:00', 'responseTimeStamp': '2026-01-01T00:00:00', 'statusCode': '200',
         'statusMsg': 'OK', 'responseMsg': 'Success', 'responseContent': {'deviceList': DEVICES}},
        wrapped({'deviceList': DEVICES}), {'deviceList': DEVICES}, DEVICES,
    ], ids=['omprovider-responseContent', 'wrapped', 'flat', 'bare-list'])
    def test_every_shape_gives_the_list_and_the_documented_query(self, server, body):
        server.reply(200, body)
        assert connect(server, token='_t').devices() == self.DEVICES
        sent = server.requests[0]
        assert sent.path.split('?')[0] == DEVICES
        assert sorted(sent.path.split('?')[1].split('&')) == ['deviceEntityType=all', 'parentDeviceId=-1', 'tenantId=%2A']
        assert sent.headers['Authorization'] == 'authToken _t' and sent.headers['Content-Type'] == 'application/json'

    @pytest.mark.parametrize('name,ids', [('db02.example.com', [2]), (' DB01.EXAMPLE.COM ', [1]), ('db03.example.com', [])],
                             ids=['case', 'spaces', 'none'])
    def test_name_filters_on_dns_name(self, server, name, ids):
        server.reply(200, wrapped({'deviceList': self.DEVICES}))
        assert [device['deviceId'] for device in connect(server, token='_t').devices(name=name)] == ids

    @pytest.mark.parametrize('body', [wrapped({'devices': []}), wrapped('text'), {'deviceList': ['a']}], ids=['other-key', 'text', 'not-dicts'])
    def test_an_unexpected_shape_is_explained(self, server, body):
        server.reply(200, body)
        with pytest.raises(ResponseFormatError) as info:
            connect(server, token='_t').devices()
        assert 'deviceList' in str(info.value)
