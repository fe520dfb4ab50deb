# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SPS: the error envelope, each login's requests and failure branches, clock skew, and the transaction helper,
over a scripted HTTP(S) server."""

from __future__ import annotations

import base64
import email.utils
import time

import pytest
import trustme

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import VENDOR, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.api import config_path, connect as sps_connect, describe_error
from ansible_collections.restauth.enterprise.plugins.module_utils._http import Response
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    APIError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    OptionError,
    ResponseFormatError,
    RestAuthError,
)

SID = 'a1f71d030e657634730b9e887cb59a5e56162860'
COOKIE = 'session_id=%s; Path=/; Secure; HttpOnly; Max-Age=1200' % SID
LOGIN_OK = {'meta': {'href': '/api/authentication', 'next': '/api'}}
CLOSED = {'key': 'transaction', 'body': {'status': 'closed', 'commit_message': 'optional'},
          'meta': {'href': '/api/transaction', 'parent': '/api', 'remaining_seconds': 0, 'changes': None}}


def sps_error(kind, message, details=None):
    return {'error': {'type': kind, 'message': message, 'details': details or {}}, 'meta': {'href': '/api/x'}}


def connect(server, warnings=None, **params):
    base = {'url': server.url, 'username': 'ansible', 'password': 'pw-secret', 'allow_http': True, 'retries': 0}
    base.update(params)
    return sps_connect(base, warn=(warnings.append if warnings is not None else None))


def login_ok(server, headers=None):
    server.reply(200, LOGIN_OK, headers=dict({'Set-Cookie': COOKIE}, **(headers or {})))


class TestErrorEnvelope:

    def test_type_and_message_are_shown_with_the_login_hint(self, server):
        server.reply(401, sps_error('AuthenticationFailure', 'Authenticating the user with the given credentials has failed.'))
        with pytest.raises(AuthenticationError) as info:
            connect(server).login()
        message = str(info.value)
        assert message.startswith('One Identity Safeguard for Privileged Sessions: GET /api/authentication failed with HTTP 401: '
                                  'AuthenticationFailure: Authenticating the user')
        assert 'check username and password' in message
        assert info.value.vendor_code == 'AuthenticationFailure'
        assert 'pw-secret' not in message

    @pytest.mark.parametrize('status, kind, expected', [
        (400, 'InvalidAuthenticationRequest', 'no usable credentials'),
        (405, 'MethodNotAllowed', 'accepts only GET'),
    ], ids=['400', '405'])
    def test_login_statuses_get_their_own_hint(self, server, status, kind, expected):
        server.reply(status, sps_error(kind, 'nope'))
        with pytest.raises(APIError) as info:
            connect(server).login()
        assert '%s: nope' % kind in str(info.value) and expected in str(info.value)

    def test_401_after_login_explains_expiry_and_clock_skew(self, server):
        server.reply(401, sps_error('AuthenticationFailure', 'Authentication required'))
        api = connect(server, token=SID)
        with pytest.raises(AuthenticationError) as info:
            api.all_api_keys()
        assert '20 idle minutes' in str(info.value) and 'clock skew' in str(info.value)

    def test_commit_details_are_listed(self, server):
        info = describe_error(error_response(400, sps_error('SemanticError', 'Configuration is invalid',
                                                            {'errors': [{'path': '/api/configuration/x', 'message': 'bad'}]})))
        assert info.message == 'SemanticError: Configuration is invalid (/api/configuration/x: bad)'

    def test_body_that_is_not_an_sps_error_keeps_the_status_hint(self):
        info = describe_error(error_response(409, '<html>locked</html>'))
        assert info.message is None and 'configuration lock' in info.hint

    def test_unknown_status_without_envelope_is_left_to_the_client(self):
        assert describe_error(error_response(418, 'teapot')) is None


def error_response(status, body, path="/api/transaction"):
    """A real client Response, built without a request: what describe_error reads."""
    import json
    content = (body if isinstance(body, str) else json.dumps(body)).encode()
    return Response(VENDOR, 'PUT', 'https://sps.example.com' + path, status, {}, content)


class TestPasswordLogin:

    def test_basic_header_is_utf8_and_the_cookie_is_sent_explicitly(self, server):
        login_ok(server)
        server.reply(200, {'items': []})
        api = connect(server, username='jürgen', password='Pässwörd-ü')
        assert api.all_api_keys() == []
        login, call = server.requests
        assert login.path == '/api/authentication'
        assert base64.b64decode(login.headers['Authorization'].split()[1]).decode('utf-8') == 'jürgen:Pässwörd-ü'
        assert call.headers['Cookie'] == 'session_id=%s' % SID
        assert 'Authorization' not in call.headers

    def test_login_method_adds_type_password(self, server):
        login_ok(server)
        connect(server, login_method='ldap-corp').login()
        assert server.requests[0].path == '/api/authentication?login_method=ldap-corp&type=password'

    def test_cookie_already_expired_by_the_local_clock_is_still_used(self, server):
        expired = 'session_id=%s; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT' % SID
        server.reply(200, LOGIN_OK, headers={'Set-Cookie': expired})
        credential = connect(server).login()
        assert credential.token == SID and credential.request_headers() == {'Cookie': 'session_id=%s' % SID}
        assert 1190 < credential.expires_at - time.time() <= 1200

    def test_login_without_session_cookie_is_explained(self, server):
        server.reply(200, LOGIN_OK)
        with pytest.raises(ResponseFormatError) as info:
            connect(server).login()
        assert 'set no session_id cookie' in str(info.value)

    @pytest.mark.parametrize('missing', ['username', 'password'])
    def test_missing_credentials_are_named_before_any_request(self, server, missing):
        with pytest.raises(OptionError) as info:
            connect(server, **{missing: None})
        assert missing in str(info.value) and server.requests == []

    def test_expired_session_is_healed_by_one_login(self, server):
        login_ok(server)
        server.reply(401, sps_error('AuthenticationFailure', 'expired'))
        login_ok(server)
        server.reply(200, {'items': []})
        assert connect(server).all_api_keys() == []
        assert [r.path for r in server.requests] == ['/api/authentication', '/api/configuration/aaa/local_database/api_keys'] * 2

    def test_close_tries_a_logout_and_tolerates_405(self, server):
        login_ok(server)
        server.reply(200, {'items': []})
        server.reply(405, sps_error('MethodNotAllowed', 'no logout'))
        api = connect(server)
        api.all_api_keys()
        assert api.close() == []
        assert server.requests[-1].method == 'DELETE' and server.requests[-1].headers['Cookie'] == 'session_id=%s' % SID


class TestClockSkew:

    @pytest.mark.parametrize('offset, warned', [(0, False), (59, False), (-3600, True), (120, True)],
                             ids=['same', 'within-60s', 'behind', 'ahead'])
    def test_a_server_date_far_from_the_local_clock_warns(self, server, offset, warned):
        login_ok(server, headers={'Date': email.utils.formatdate(time.time() + offset, usegmt=True)})
        warnings = []
        connect(server, warnings).login()
        assert bool(warnings) == warned
        if warned:
            assert 'clock skew' in warnings[0] and ('ahead of' if offset > 0 else 'behind') in warnings[0]
            assert SID not in warnings[0]

    def test_unreadable_date_is_ignored(self, server):
        login_ok(server, headers={'Date': 'yesterday-ish'})
        warnings = []
        connect(server, warnings).login()
        assert warnings == []


class TestCertificateLogin:

    @pytest.fixture
    def cert_files(self, tmp_path):
        leaf = trustme.CA().issue_cert('client.invalid', common_name='ansible-cert')
        cert, key = tmp_path / 'c.crt', tmp_path / 'c.key'
        leaf.cert_chain_pems[0].write_to_path(str(cert))
        leaf.private_key_pem.write_to_path(str(key))
        return str(cert), str(key)

    def test_login_sends_type_x509_and_no_authorization(self, server, cert_files):
        login_ok(server)
        connect(server, username=None, password=None, client_cert=cert_files[0], client_key=cert_files[1],
                login_method='certs').login()
        login = server.requests[0]
        assert login.path == '/api/authentication?type=x509&login_method=certs'
        assert 'Authorization' not in login.headers

    def test_the_client_carries_certificate_and_key(self, server, cert_files):
        api = connect(server, client_cert=cert_files[0], client_key=cert_files[1])
        assert api.client.session.cert == cert_files
        assert api.auth_type == 'x509'

    def test_missing_file_is_an_option_error(self, server, tmp_path):
        with pytest.raises(OptionError) as info:
            connect(server, client_cert=str(tmp_path / 'nope.crt'))
        assert 'client_cert' in str(info.value) and 'not a readable file' in str(info.value)

    def test_key_that_does_not_fit_is_an_option_error(self, server, cert_files, tmp_path):
        other = trustme.CA().issue_cert('x.invalid')
        other.private_key_pem.write_to_path(str(tmp_path / 'other.key'))
        with pytest.raises(OptionError) as info:
            connect(server, client_cert=cert_files[0], client_key=str(tmp_path / 'other.key'))
        assert 'cannot use the client certificate' in str(info.value) and 'client_key' in str(info.value)

    def test_certificate_without_key_is_an_option_error(self, server, cert_files):
        with pytest.raises(OptionError):
            connect(server, client_cert=cert_files[0])

    def test_certificate_not_reaching_sps_is_explained(self, server, cert_files):
        server.reply(400, sps_error('InvalidAuthenticationRequest', 'no client certificate'))
        with pytest.raises(APIError) as info:
            connect(server, client_cert=cert_files[0], client_key=cert_files[1]).login()
        assert 'client certificate did not reach SPS' in str(info.value)


class TestApiKey:

    def test_every_request_carries_the_key_and_no_login_happens(self, server):
        server.reply(200, {'items': []})
        api = connect(server, username=None, password=None, api_key='K3y==')
        api.all_api_keys()
        assert server.requests[0].headers['Authorization'] == 'apikey K3y=='
        assert api.login().request_headers() == {'Authorization': 'apikey K3y=='}

    def test_refused_key_fails_without_a_login(self, server):
        server.reply(401, sps_error('AuthenticationFailure', 'The API key is not valid.'))
        with pytest.raises(AuthenticationError) as info:
            connect(server, api_key='K3y==').all_api_keys()
        assert len(server.requests) == 1 and 'API key was removed' in str(info.value)

    def test_missing_key_is_named(self, server):
        with pytest.raises(OptionError) as info:
            connect(server, auth_type='api_key')
        assert 'api_key' in str(info.value)

    @pytest.mark.parametrize('answer', [[1, 2], [], {'key': 'k1', 'body': 'not an object'}, {'body': {'token': 'S3cret'}}],
                             ids=['list', 'empty-list', 'body-not-object', 'no-key'])
    def test_an_unexpected_create_answer_is_a_clear_error(self, server, answer):
        server.reply(201, answer)
        with pytest.raises(ResponseFormatError) as info:
            connect(server, token=SID).create_own_api_key('ci')
        assert 'answered without "key" and "body.token"' in str(info.value)
        assert 'S3cret' not in str(info.value)

    def test_list_items_whose_body_is_not_an_object_are_read_as_empty(self, server):
        server.reply(200, {'items': [{'key': 'k1', 'body': 'garbled'}, {'key': 'k2', 'body': {'name': 'ci'}}]})
        assert connect(server, token=SID).own_api_keys() == [{'key_id': 'k1', 'name': None}, {'key_id': 'k2', 'name': 'ci'}]

    def test_a_configuration_answer_that_is_not_an_object_is_not_quoted(self, server):
        server.reply(200, ['smtp-Passw0rd'])
        with pytest.raises(ResponseFormatError) as info:
            connect(server, token=SID).get_config('management/email')
        assert 'a JSON list, not an object' in str(info.value) and 'smtp-Passw0rd' not in str(info.value)

    def test_given_token_becomes_the_session_cookie(self, server):
        server.reply(200, {'items': []})
        connect(server, token=SID).all_api_keys()
        assert server.requests[0].headers['Cookie'] == 'session_id=%s' % SID


class TestTransaction:
    """The helper opens, commits, and rolls back on any failure; requests asserted as the server saw them."""

    def calls(self, server):
        return ['%s %s' % (r.method, r.path) for r in server.requests]

    def test_success_opens_changes_and_commits(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(200, {}).reply(200, {})
        api = connect(server, token=SID)
        with api.transaction('testing') as transaction:
            api.put_config('management/email', {'admin_address': 'a@x'})
        assert transaction.committed and not transaction.rolled_back
        assert self.calls(server) == ['GET /api/transaction', 'POST /api/transaction', 'PUT /api/configuration/management/email',
                                      'PUT /api/transaction']
        assert server.requests[1].headers['Content-Length'] == '0'
        assert server.requests[3].json() == {'status': 'commit'}

    def test_commit_message_is_sent(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(200, {})
        with connect(server, token=SID).transaction('testing', commit_message='ticket 42'):
            pass
        assert server.requests[2].json() == {'status': 'commit', 'commit_message': 'ticket 42'}

    def test_failed_change_rolls_back_and_says_so(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(400, sps_error('InvalidRequest', 'bad body')).reply(200, {})
        api = connect(server, token=SID)
        with pytest.raises(APIError) as info:
            with api.transaction('testing'):
                api.put_config('management/email', {})
        assert self.calls(server)[-1] == 'DELETE /api/transaction'
        assert 'InvalidRequest: bad body' in str(info.value) and 'rolled back' in str(info.value)

    def test_failed_commit_rolls_back(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(200, {}).reply(400, sps_error('SemanticError', 'Configuration is invalid')).reply(200, {})
        api = connect(server, token=SID)
        with pytest.raises(APIError) as info:
            with api.transaction('changing X'):
                api.put_config('management/email', {})
        assert self.calls(server)[-2:] == ['PUT /api/transaction', 'DELETE /api/transaction']
        assert str(info.value).startswith('One Identity Safeguard for Privileged Sessions: committing the transaction for changing X failed')
        assert 'nothing was applied' in str(info.value)

    def test_failed_rollback_is_reported_too(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(400, sps_error('SemanticError', 'invalid')).reply(500, sps_error('InternalError', 'down'))
        with pytest.raises(APIError) as info:
            with connect(server, token=SID).transaction('testing'):
                pass
        assert 'Rolling the transaction back failed too' in str(info.value) and 'InternalError: down' in str(info.value)

    def test_other_exceptions_roll_back_and_propagate(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(200, {})
        with pytest.raises(KeyError):
            with connect(server, token=SID).transaction('testing'):
                raise KeyError('boom')
        assert self.calls(server) == ['GET /api/transaction', 'POST /api/transaction', 'DELETE /api/transaction']

    def test_lock_held_elsewhere_is_a_clear_conflict(self, server):
        server.reply(200, CLOSED).reply(409, sps_error('ConfigurationLocked', 'The configuration is locked by admin (web UI).'))
        with pytest.raises(ConflictError) as info:
            with connect(server, token=SID).transaction('changing management/email'):
                pytest.fail('the block must not run')
        message = str(info.value)
        assert 'cannot open a configuration transaction for changing management/email' in message
        assert 'locked by admin (web UI)' in message and 'configuration lock' in message
        assert self.calls(server) == ['GET /api/transaction', 'POST /api/transaction']

    def test_api_key_fails_before_opening(self, server):
        with pytest.raises(OptionError) as info:
            with connect(server, api_key='K3y==').transaction('changing management/email'):
                pytest.fail('the block must not run')
        assert 'API keys cannot open or commit' in str(info.value) and 'auth_type: password' in str(info.value)
        assert server.requests == []


def config(server, path, state='present', check_mode=False, **options):
    """What sps_config answers for ``options``, on a given session of ``server``."""
    params = dict(path=path, body=None, merge=True, match=None, key=None, state=state, commit_message=None,
                  secret_keys=list(resources.DEFAULT_SECRET_KEYS))
    params.update(options)
    return ensure(resources.ConfigResource(connect(server, token=SID), params), state, check_mode=check_mode)


class TestConfigResource:

    def test_merge_is_deep_and_equal_bodies_change_nothing(self, server):
        current = {'key': 'email', 'body': {'a': 1, 'smtp': {'selection': 'ip', 'value': '1.2.3.4'}}}
        server.reply(200, CLOSED).reply(200, current)
        result = config(server, 'management/email', body={'smtp': {'selection': 'ip'}})
        assert result['changed'] is False and len(server.requests) == 2

    def test_check_mode_sends_no_write(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {'a': 1, 'password': 'old'}})
        result = config(server, '/api/configuration/management/email/', check_mode=True, body={'a': 2})
        assert result['changed'] and result['diff'] == {'before': {'a': 1}, 'after': {'a': 2}}
        assert result['body'] == {'a': 2, 'password': '********'}
        assert [r.method for r in server.requests] == ['GET', 'GET']

    def test_several_matches_fail_with_the_count(self, server):
        server.reply(200, CLOSED).reply(200, {'items': [{'key': 'k1', 'body': {'name': 'ops'}}, {'key': 'k2', 'body': {'name': 'ops'}}]})
        with pytest.raises(Exception) as info:
            config(server, 'aaa/local_database/groups', body={'members': []}, match={'name': 'ops'})
        assert '2 items of /api/configuration/aaa/local_database/groups match {"name": "ops"}' in str(info.value)

    def test_replace_drops_the_fields_body_leaves_out_and_sends_body_alone(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {'a': 1, 'b': 2}})
        server.reply(200, {}).reply(200, {}).reply(200, {}).reply(200, {'key': 'email', 'body': {'a': 1}})  # open, PUT, commit, read
        result = config(server, 'management/email', body={'a': 1}, merge=False)
        assert result['changed'] is True and result['body'] == {'a': 1}
        assert result['diff'] == {'before': {'b': 2}, 'after': {'b': None}}
        put = [r for r in server.requests if r.method == 'PUT' and r.path == '/api/configuration/management/email']
        assert len(put) == 1 and put[0].json() == {'a': 1}

    def test_merge_sends_the_whole_object_and_a_null_empties_a_field(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {'a': 1, 'b': 2, 'n': {'x': 1, 'y': 2}}})
        server.reply(200, {}).reply(200, {}).reply(200, {}).reply(200, {'key': 'email', 'body': {}})
        result = config(server, 'management/email', body={'b': None, 'n': {'y': 3}})
        assert result['changed'] is True and result['diff']['after'] == {'b': None, 'n': {'x': 1, 'y': 3}}
        put = [r for r in server.requests if r.method == 'PUT' and r.path == '/api/configuration/management/email']
        assert put[0].json() == {'a': 1, 'b': None, 'n': {'x': 1, 'y': 3}}

    def test_check_mode_with_an_api_key_refuses_a_change_and_sends_nothing_more(self, server):
        server.reply(200, {'key': 'email', 'body': {'a': 1}})
        with pytest.raises(OptionError, match='API keys cannot open or commit'):
            ensure(resources.ConfigResource(connect(server, api_key='K3y=='), dict(
                path='management/email', body={'a': 2}, merge=True, match=None, key=None, state='present',
                secret_keys=list(resources.DEFAULT_SECRET_KEYS))), 'present', check_mode=True)
        assert [r.method for r in server.requests] == ['GET']

    @pytest.mark.parametrize('path', ['', '/api/configuration', 'a/../b'])
    def test_paths_outside_the_configuration_are_refused(self, path):
        with pytest.raises(OptionError):
            config_path(path)

    def test_secret_values_are_found_at_any_depth(self):
        body = {'a': {'password': 'p1'}, 'list': [{'token': 't1'}], 'plain': ''}
        assert sorted(resources.secret_values(body, resources.DEFAULT_SECRET_KEYS)) == ['p1', 't1']


OPEN = {'key': 'transaction', 'body': {'status': 'open', 'commit_message': 'optional'},
        'meta': {'href': '/api/transaction', 'remaining_seconds': 900, 'changes': '/api/transaction/changes'}}


class TestPendingTransaction:
    """A transaction already open in the session is never built on nor committed by another task."""

    def calls(self, server):
        return ['%s %s' % (r.method, r.path) for r in server.requests]

    def test_an_open_transaction_is_refused_before_any_read_or_write(self, server):
        server.reply(200, OPEN).reply(200, {'changes': [
            {'type': 'replace', 'path': '/api/configuration/management/email', 'old_value': {'password': 'Old-S3cret'},
             'new_value': {'password': 'New-S3cret'}}]})
        with pytest.raises(RestAuthError) as info:
            config(server, 'management/email', body={'a': 1})
        message = str(info.value)
        assert message.startswith(
            'One Identity Safeguard for Privileged Sessions: refusing changing /api/configuration/management/email: the session '
            'already has an open configuration transaction that this task did not open (status open, pending: replace '
            '/api/configuration/management/email)')
        assert 'DELETE /api/transaction' in message and 'S3cret' not in message
        assert self.calls(server) == ['GET /api/transaction', 'GET /api/transaction/changes']

    def test_the_legacy_status_format_is_read(self, server):
        server.reply(200, {'key': 'transaction', 'transaction': {'status': 'closed'}}).reply(200, {'key': 'email', 'body': {'a': 1}})
        assert config(server, 'management/email', body={'a': 1})['changed'] is False

    def test_unlisted_changes_still_refuse(self, server):
        server.reply(200, OPEN).reply(500, sps_error('InternalError', 'down'))
        with pytest.raises(RestAuthError) as info:
            connect(server, token=SID).refuse_pending_transaction('testing')
        assert 'its changes could not be listed' in str(info.value)

    def test_a_status_without_status_is_a_format_error(self, server):
        server.reply(200, {'key': 'transaction'})
        with pytest.raises(ResponseFormatError):
            connect(server, token=SID).refuse_pending_transaction('testing')

    def test_api_keys_are_not_asked(self, server):
        connect(server, api_key='K3y==').refuse_pending_transaction('testing')
        assert server.requests == []

    @pytest.mark.parametrize('own, expected, absent', [
        (False, 'in a session that stays open after this task (given in token', 'nothing else uses it'),
        (True, "The session was this task's own and nothing else uses it: SPS cancels its transaction when the session ends",
         'given in token'),
    ], ids=['given-token', 'own-login'])
    def test_a_failed_rollback_says_where_the_transaction_is_left(self, server, own, expected, absent):
        if own:
            login_ok(server)
        server.reply(200, CLOSED).reply(200, {}).reply(400, sps_error('SemanticError', 'invalid')).reply(500, sps_error('InternalError', 'down'))
        api = connect(server) if own else connect(server, token=SID)
        with pytest.raises(APIError) as info:
            with api.transaction('testing'):
                pass
        assert expected in str(info.value) and absent not in str(info.value)
        assert api.pending_checked is False  # a later transaction of the task looks again


class TestReadBackAfterCommit:

    def test_a_failed_read_back_says_the_commit_went_through(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {'a': 1}})
        server.reply(200, {}).reply(200, {}).reply(200, {})  # open, PUT, commit
        server.reply(500, sps_error('InternalError', 'down'))
        with pytest.raises(APIError) as info:
            config(server, 'management/email', body={'a': 2})
        assert info.value.changed is True
        assert str(info.value).startswith('One Identity Safeguard for Privileged Sessions: the update of '
                                          '/api/configuration/management/email went through, but what followed failed: GET')


class TestItemPaths:

    def calls(self, server):
        return ['%s %s' % (r.method, r.path) for r in server.requests]

    def test_absent_on_an_item_path_deletes_the_item(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'k1', 'body': {'name': 'ops'}}).reply(200, {'items': [{'key': 'k1'}]})
        server.reply(200, {}).reply(200, {}).reply(200, {})  # open, DELETE, commit
        result = config(server, 'aaa/local_database/groups/k1', state='absent')
        assert result['changed'] is True and result['key'] == 'k1'
        # The session is checked for a pending transaction once, before the first read.
        assert self.calls(server) == ['GET /api/transaction', 'GET /api/configuration/aaa/local_database/groups/k1',
                                      'GET /api/configuration/aaa/local_database/groups', 'POST /api/transaction',
                                      'DELETE /api/configuration/aaa/local_database/groups/k1', 'PUT /api/transaction']

    def test_absent_on_a_gone_item_is_unchanged(self, server):
        server.reply(200, CLOSED).reply(404, sps_error('NotFound', 'no')).reply(200, {'items': []})
        result = config(server, 'aaa/local_database/groups/k1', state='absent')
        assert result['changed'] is False and result['key'] == 'k1'

    def test_absent_on_a_singleton_is_still_refused(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {}}).reply(200, {'key': 'management', 'body': {}})
        with pytest.raises(OptionError) as info:
            config(server, 'management/email', state='absent')
        assert 'is a single object and cannot be deleted' in str(info.value)

    def test_absent_on_a_path_that_does_not_exist_fails(self, server):
        server.reply(200, CLOSED).reply(404, sps_error('NotFound', 'no')).reply(404, sps_error('NotFound', 'no'))
        with pytest.raises(NotFoundError) as info:
            config(server, 'nothing/here', state='absent')
        assert '/api/configuration/nothing/here does not exist' in str(info.value)

    @pytest.mark.parametrize('key', ['.', '..'])
    def test_dot_keys_are_refused_before_any_request(self, server, key):
        with pytest.raises(OptionError):
            config(server, 'aaa/local_database/groups', state='absent', key=key)
        assert server.requests == []


class TestCorrections:
    """Issue 15: what real SPS servers do that the first release did not expect."""

    def test_a_302_login_with_the_session_cookie_is_a_success(self, server):
        server.reply(302, LOGIN_OK, headers={'Set-Cookie': COOKIE, 'Location': '/api'})
        server.reply(200, {'items': []})
        api = connect(server)
        assert api.all_api_keys() == []
        login, call = server.requests
        assert login.path == '/api/authentication' and call.headers['Cookie'] == 'session_id=%s' % SID
        assert len(server.requests) == 2  # the redirect is not followed

    def test_a_redirect_without_the_session_cookie_is_explained(self, server):
        server.reply(302, '<html>sign in</html>', headers={'Location': '/login.html'})
        with pytest.raises(APIError) as info:
            connect(server).login()
        assert 'HTTP 302' in str(info.value) and 'redirected to /login.html' in str(info.value)

    def test_an_api_key_refusal_names_its_causes_beyond_the_rest_privilege(self, server):
        server.reply(403, sps_error('Forbidden', 'The local admin user is not allowed to have an API key.'))
        with pytest.raises(APIError) as info:
            connect(server, token=SID).create_own_api_key('ci')
        message = str(info.value)
        assert 'HTTP 403: Forbidden: The local admin user' in message
        assert 'local admin user cannot have API keys' in message and 'api_key_access' in message and 'login_method' in message
        other = describe_error(error_response(403, sps_error('Forbidden', 'no')))
        assert 'REST server privilege' in other.hint and 'api_key_access' not in other.hint

    def test_the_api_key_hint_promises_no_removal(self, server):
        with pytest.raises(OptionError) as info:
            connect(server, api_key='K3y==').require_transactions('removing the API key(s) named ci')
        assert 'remove their own' not in str(info.value) and 'its own included' in str(info.value)

    @pytest.mark.parametrize('suffix', ['/api', '/api/'])
    def test_an_api_suffix_in_url_is_removed_with_a_warning(self, server, suffix):
        login_ok(server)
        warnings = []
        connect(server, warnings, url=server.url + suffix).login()
        assert server.requests[0].path == '/api/authentication'
        assert warnings == ['url ends with /api; the collection adds the API paths itself, so /api was removed from %s' % (server.url + suffix)]

    def test_a_write_only_list_is_created_without_a_read(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(201, {'key': 'pw-1'}).reply(200, {})
        api = connect(server, token=SID)
        warnings = []
        api.client.warn = warnings.append
        params = dict(path='passwords', body={'plain': 'N3w-Passw0rd'}, merge=True, match=None, key=None, state='present',
                      commit_message=None, secret_keys=list(resources.DEFAULT_SECRET_KEYS))
        result = ensure(resources.ConfigResource(api, params), 'present')
        assert result['changed'] is True and result['key'] == 'pw-1' and result['body'] == {'plain': '********'}
        assert [('%s %s' % (r.method, r.path)) for r in server.requests] == [
            'GET /api/transaction', 'POST /api/transaction', 'POST /api/configuration/passwords', 'PUT /api/transaction']
        assert len(warnings) == 1 and 'write-only' in warnings[0] and 'cannot compare' in warnings[0]

    @pytest.mark.parametrize('options', [{'state': 'absent', 'key': 'pw-1'}, {'key': 'pw-1'}, {'match': {'plain': 'x'}}],
                             ids=['absent', 'key', 'match'])
    def test_a_write_only_list_refuses_what_needs_a_read(self, server, options):
        with pytest.raises(OptionError) as info:
            config(server, 'private_keys', body={'plain': 'k'}, **options)
        assert 'write-only' in str(info.value) and server.requests == []


class TestAuditAndStatus:

    def page(self, keys, following=None):
        return {'items': [{'key': key, 'meta': {'href': '/api/audit/sessions/%s' % key}} for key in keys],
                'meta': {'next': following, 'match_count': 5}}

    def test_every_page_is_read_through_meta_next(self, server):
        server.reply(200, self.page(['s1', 's2'], '/api/audit/sessions?offset=2')).reply(200, self.page(['s3', 's4'], 'x'))
        server.reply(200, self.page(['s5']))
        sessions = connect(server, token=SID).audit_sessions({'q': 'protocol:ssh', 'fields': 'user.name'})
        assert [item['key'] for item in sessions] == ['s1', 's2', 's3', 's4', 's5']
        assert [r.path for r in server.requests] == [
            '/api/audit/sessions?offset=0&limit=500&q=protocol%3Assh&fields=user.name',
            '/api/audit/sessions?offset=2&limit=500&q=protocol%3Assh&fields=user.name',
            '/api/audit/sessions?offset=4&limit=500&q=protocol%3Assh&fields=user.name']

    def test_a_limit_stops_the_walk(self, server):
        server.reply(200, self.page(['s1', 's2'], 'more'))
        assert len(connect(server, token=SID).audit_sessions({}, limit=2)) == 2
        assert len(server.requests) == 1 and server.requests[0].path == '/api/audit/sessions?offset=0&limit=2'

    def test_info_and_health_that_are_not_objects_are_format_errors(self, server):
        server.reply(200, ['7.5.0'])
        with pytest.raises(ResponseFormatError) as info:
            connect(server, token=SID).info()
        assert 'GET /api/info returned a JSON list, not an object' in str(info.value)
