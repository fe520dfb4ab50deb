# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xMatters login choice: the METHODS table through ``_auth.choose_authenticator`` (no network)."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import GivenCredential
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.auth import (
    XmattersBasic,
    XmattersOAuth,
    authenticator_for,
)


@pytest.mark.parametrize('params, kind', [
    ({'username': 'u', 'password': 'p'}, XmattersBasic),
    ({'client_id': 'c', 'username': 'u', 'password': 'p'}, XmattersOAuth),
    ({'refresh_token': 'r'}, XmattersOAuth),
    ({'auth_type': 'basic', 'client_id': 'c', 'username': 'u', 'password': 'p'}, XmattersBasic),
    ({'auth_type': 'oauth', 'username': 'u', 'password': 'p'}, XmattersOAuth),
    # A token alone, or one the OAuth login could not renew, is used as it is.
    ({'token': 't'}, GivenCredential),
    ({'token': 't', 'username': 'u', 'password': 'p'}, GivenCredential),
    ({'token': 't', 'auth_type': 'oauth', 'refresh_token': 'r'}, GivenCredential),
    ({'token': 't', 'client_id': 'c'}, GivenCredential),
])
def test_the_method_follows_auth_type_then_the_options_given(params, kind):
    assert type(authenticator_for(params)) is kind  # pylint: disable=unidiomatic-typecheck


@pytest.mark.parametrize('params', [
    {'token': 't', 'client_id': 'c', 'refresh_token': 'r'},
    {'token': 't', 'client_id': 'c', 'username': 'u', 'password': 'p'},
])
def test_a_token_the_oauth_login_can_renew_is_used_first_then_refreshed(params):
    chosen = authenticator_for(params)
    assert isinstance(chosen, XmattersOAuth)
    assert chosen.login(client=None).headers == {'Authorization': 'Bearer t'}


def test_an_oauth_login_without_a_given_token_holds_none():
    assert authenticator_for({'client_id': 'c', 'refresh_token': 'r'}).pending is None
