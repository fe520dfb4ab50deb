# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC Discovery logins: the METHODS table, the /api/token form, the Bearer header and the token's lifetime."""

from __future__ import annotations

import time
from urllib.parse import parse_qs

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import GivenCredential
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api, auth
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import AuthenticationError, OptionError, ResponseFormatError

PASSWORD = 'Api-Passw0rd!'
ABOUT = {'api_versions': ['1.0', '1.9', '1.10'], 'product': 'BMC Discovery'}


def connect(server, **params):
    base = {'url': server.url, 'username': 'apiuser', 'password': PASSWORD, 'allow_http': True, 'retries': 0}
    base.update(params)
    return api.connect(base)


class TestMethods:

    def test_a_given_token_wins_over_username_and_password(self):
        chosen = auth.authenticator_for({'token': ' perm-1\n', 'username': 'u', 'password': 'p'})
        assert isinstance(chosen, GivenCredential) and chosen.credential.headers == {'Authorization': 'Bearer perm-1'}

    def test_otherwise_the_password_login(self):
        assert isinstance(auth.authenticator_for({'username': 'u', 'password': 'p'}), auth.DiscoveryPasswordLogin)

    def test_a_missing_password_names_it(self):
        with pytest.raises(OptionError, match='password login needs password'):
            auth.authenticator_for({'username': 'u'})

    @pytest.mark.parametrize('value,seconds', [(600, 600.0), ('900', 900.0), (None, 3600), ('soon', 3600), (0, 3600), (True, 3600)])
    def test_lifetime_from_expires_in(self, value, seconds):
        assert auth.lifetime(value) == seconds


class TestLogin:

    def test_form_login_then_bearer_with_a_capital_b(self, server):
        server.reply(200, ABOUT).reply(200, {'access_token': 'tok-1', 'token_type': 'bearer', 'expires_in': 600})
        server.reply(200, {'running': False, 'status': 'running'})
        disco = connect(server)
        before = time.time()
        assert disco.status() == {'running': False, 'status': 'running'}
        about, login, status = server.requests
        assert (login.method, login.path) == ('POST', '/api/token')
        assert login.headers['Content-Type'] == 'application/x-www-form-urlencoded'
        assert parse_qs(login.body.decode()) == {'grant_type': ['password'], 'username': ['apiuser'], 'password': [PASSWORD]}
        assert 'Authorization' not in about.headers and about.path == '/api/about'
        assert status.path == '/api/v1.10/discovery' and status.headers['Authorization'] == 'Bearer tok-1'
        credential = disco.client.auth.current(disco.client)
        assert before + 590 <= credential.expires_at <= time.time() + 600

    def test_an_answer_without_access_token_names_its_fields_not_its_values(self, server):
        server.reply(200, {'token': 'hidden-value-1'})
        with pytest.raises(ResponseFormatError) as caught:
            connect(server).login()
        assert 'its fields: token' in str(caught.value) and 'hidden-value-1' not in str(caught.value)

    def test_wrong_password_has_the_login_hint(self, server):
        server.reply(401, {'message': 'Invalid username or password', 'code': 401, 'transient': False})
        with pytest.raises(AuthenticationError) as caught:
            connect(server).login()
        message = str(caught.value)
        assert 'BMC Discovery' in message and 'HTTP 401' in message and 'Invalid username or password' in message
        assert 'user name or password is wrong' in message and PASSWORD not in message

    def test_a_refused_token_is_replaced_by_one_new_login(self, server):
        server.reply(200, ABOUT).reply(200, {'access_token': 'tok-1'})
        server.reply(401, {'message': 'Unauthorized', 'code': 401, 'transient': False})
        server.reply(200, {'access_token': 'tok-2'}).reply(200, {'status': 'running'})
        assert connect(server).status() == {'status': 'running'}
        assert [request.headers.get('Authorization') for request in server.requests[2:]] == ['Bearer tok-1', None, 'Bearer tok-2']

    def test_a_refused_permanent_token_explains_deactivation(self, server):
        server.reply(200, ABOUT).reply(401, {'message': 'Unauthorized', 'code': 401, 'transient': False})
        with pytest.raises(AuthenticationError, match='deactivated or deleted'):
            connect(server, token='perm-1').status()
        assert len(server.requests) == 2  # a given token cannot log in again
