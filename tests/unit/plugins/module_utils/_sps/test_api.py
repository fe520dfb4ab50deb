# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SPS API calls over a scripted HTTP server: the error envelope and hints, API key and configuration calls, the corrections
of issue 15 and the audit search."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import resources
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.api import describe_error
from ansible_collections.restauth.enterprise.plugins.module_utils._http import Response
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    APIError,
    AuthenticationError,
    OptionError,
    ResponseFormatError,
)
from sps_support import CLOSED, COOKIE, LOGIN_OK, SID, config, connect, login_ok, sps_error


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
        assert warnings == ['url ends with /api; the collection adds the API paths itself, so /api was removed from %s: give url %s'
                            % (server.url + suffix, server.url)]

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
