# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shared login-method chooser: one rule for every vendor's authenticator table."""

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    AuthMethod,
    choose_authenticator,
    method_name,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError


def built(name):
    return lambda params, warn: (name, params.get('user'), warn)


TABLE = (
    AuthMethod('api_key', built('api_key'), implied_by=('api_key',)),
    AuthMethod('x509', built('x509'), implied_by=('client_cert', 'client_key')),
    AuthMethod('password', built('password')),
)


@pytest.mark.parametrize('params, expected', [
    ({}, 'password'),
    ({'username': 'u', 'password': 'p'}, 'password'),
    ({'client_key': 'k.pem'}, 'x509'),
    ({'client_cert': 'c.pem', 'api_key': 'secret'}, 'api_key'),
    ({'api_key': '', 'client_cert': None}, 'password'),
    ({'auth_type': 'password', 'api_key': 'secret'}, 'password'),
    ({'auth_type': 'x509'}, 'x509'),
])
def test_method_name_follows_auth_type_then_the_table_order_then_the_default(params, expected):
    assert method_name(TABLE, params) == expected


def test_an_unknown_auth_type_is_refused_with_the_choices():
    with pytest.raises(OptionError, match='auth_type ldap is not one of api_key, x509, password'):
        method_name(TABLE, {'auth_type': 'ldap'})


def test_the_chosen_row_builds_with_the_params_and_warn():
    warn = object()
    assert choose_authenticator(TABLE, {'client_cert': 'c', 'user': 'me'}, warn) == ('x509', 'me', warn)


def test_a_given_token_is_offered_first_and_may_decline():
    seen = []

    def given(params, name):
        seen.append(name)
        return 'given' if name != 'api_key' else None

    assert choose_authenticator(TABLE, {'token': 't'}, given=given) == 'given'
    assert choose_authenticator(TABLE, {'token': 't', 'api_key': 'k'}, given=given)[0] == 'api_key'
    assert choose_authenticator(TABLE, {'token': ''}, given=given)[0] == 'password'
    assert seen == ['password', 'api_key']
