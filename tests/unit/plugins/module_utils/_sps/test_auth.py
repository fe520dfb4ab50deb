# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SPS login choice: the METHODS table through ``_auth.choose_authenticator`` (no network)."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import GivenCredential
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.auth import (
    SpsApiKey,
    SpsCertificateLogin,
    SpsPasswordLogin,
    auth_type_of,
    authenticator_for,
)


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
