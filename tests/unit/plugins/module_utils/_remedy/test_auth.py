# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Remedy auth: the JWT's expiry and the credential built from it (the login over HTTP is in test_api.py)."""

from __future__ import annotations

import base64
import json

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import auth


def jwt(claims):
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b'=').decode()
    return '%s.%s.%s' % (part({'alg': 'HS256'}), part(claims), 'c2ln')


class TestCredential:

    def test_exp_is_judged_against_the_server_clock(self):
        # The server's clock is 40 s behind: its token lasts 60 s though exp is only 20 s ahead of the local clock.
        now = 1800000000.0
        token = jwt({'sub': 'Demo', 'exp': int(now - 40 + 60)})
        credential = auth.credential_for(token, server_date='Fri, 15 Jan 2027 07:59:20 GMT', now=now)
        # 60 s on the local clock, less the second a whole-second Date may hide.
        assert credential.expires_at == now + 59
        assert not credential.expired(now=now + 20)
        assert auth.credential_for(token, now=now).expires_at == now + 20  # no Date: exp as it is

    def test_the_table_has_one_login_method_and_a_token_replaces_it(self):
        assert [method.name for method in auth.METHODS] == ['password']
        assert isinstance(auth.authenticator({'username': 'u', 'password': 'p'}), auth.RemedyPasswordLogin)
        given = auth.authenticator({'token': 'tok', 'username': 'u', 'password': 'p'})
        assert given.method == 'token' and given.login(None).headers == {'Authorization': 'AR-JWT tok'}


class TestJWT:

    @pytest.mark.parametrize('token,expected', [
        (jwt({'exp': 1700000000}), 1700000000.0),
        (jwt({'exp': 1700000000.5}), 1700000000.5),
        (jwt({'sub': 'x'}), None),
        (jwt({'exp': 'tomorrow'}), None),
        (jwt({'exp': True}), None),
        (jwt(['not', 'a', 'dict']), None),
        ('a.b', None),
        ('a.!!!.c', None),
        ('opaque', None),
        ('', None),
    ], ids=['int', 'float', 'no-exp', 'text-exp', 'bool-exp', 'list-claims', 'two-parts', 'bad-base64', 'opaque', 'empty'])
    def test_expiry_from_the_exp_claim(self, token, expected):
        assert auth.jwt_expiry(token) == expected
