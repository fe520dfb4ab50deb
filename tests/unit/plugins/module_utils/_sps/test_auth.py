# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SPS logins: the METHODS table through ``_auth.choose_authenticator``, and each login's requests, failure branches and
clock skew over a scripted HTTP(S) server."""

from __future__ import annotations

import base64
import email.utils
import time

import pytest
import trustme

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import GivenCredential
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, OptionError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.auth import (
    SpsApiKey,
    SpsCertificateLogin,
    SpsPasswordLogin,
    auth_type_of,
    authenticator_for,
)
from sps_support import LOGIN_OK, SID, connect, login_ok, sps_error


@pytest.mark.parametrize('params, name, kind', [
    ({'api_key': 'k', 'client_cert': 'c'}, 'api_key', SpsApiKey),
    ({'client_cert': 'c', 'username': 'u'}, 'x509', SpsCertificateLogin),
    ({}, 'password', SpsPasswordLogin),
    ({'username': 'u', 'password': 'p'}, 'password', SpsPasswordLogin),
    ({'auth_type': 'password', 'api_key': 'k'}, 'password', SpsPasswordLogin),
    ({'auth_type': 'x509', 'api_key': 'k'}, 'x509', SpsCertificateLogin),
    ({'auth_type': 'api_key'}, 'api_key', SpsApiKey),
])
def test_the_method_follows_auth_type_then_api_key_then_client_cert(params, name, kind):
    assert auth_type_of(params) == name
    assert type(authenticator_for(params)) is kind  # pylint: disable=unidiomatic-typecheck


@pytest.mark.parametrize('params', [{'token': 'sid'}, {'token': 'sid', 'api_key': 'k'}, {'token': 'sid', 'auth_type': 'x509'}])
def test_a_given_token_is_the_session_whatever_the_other_options(params):
    chosen = authenticator_for(params)
    assert type(chosen) is GivenCredential  # pylint: disable=unidiomatic-typecheck
    assert chosen.credential.cookies == {'session_id': 'sid'} and chosen.credential.expires_at is None


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
