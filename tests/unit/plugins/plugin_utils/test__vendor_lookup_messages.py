# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the lookups say about options: a typo, another vendor's option, a missing option and where to set it."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleLookupError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS, argument_spec
from ansible_collections.restauth.enterprise.plugins.lookup.token import LookupModule
from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY


class TokenLookup(LookupModule):
    """The token lookup as the plugin loader names it."""
    _load_name = 'restauth.enterprise.token'


@pytest.fixture(autouse=True)
def no_vendor_environment(monkeypatch):
    for vendor in VENDORS.values():
        for option in vendor.options:
            if option.env:
                monkeypatch.delenv(option.env, raising=False)


def params(vendor, **given):
    """Validated module parameters of ``vendor`` (what a module or a lookup hands to ``connect``)."""
    result = ArgumentSpecValidator(argument_spec(vendor)).validate(dict({'url': 'https://server.example.com'}, **given))
    assert not result.error_messages
    return result.validated_parameters


@pytest.mark.parametrize('given, expected', [
    ({'usrname': 'jdoe'}, 'BMC Remedy AR System: unknown option usrname for the remedy token lookup; did you mean username?'),
    ({'pasword': 'x'}, 'unknown option pasword for the remedy token lookup; did you mean password?'),
    ({'api_key': 'k'}, 'BMC Remedy AR System: api_key is an sps option, not a remedy one'),
    ({'auth_type': 'password'}, 'auth_type is an sps/xmatters/xtam option, not a remedy one'),
    ({'zzz': 1}, 'unknown option zzz for the remedy token lookup; its options are allow_http, ar_headers, auth_string, ca_path, output,'),
])
def test_an_option_the_lookup_does_not_know_is_described_for_what_it_is(given, expected):
    with pytest.raises(AnsibleLookupError) as info:
        TokenLookup().vendor_params('remedy', dict({'url': 'https://itsm.example.com'}, **given))
    assert expected in str(info.value)
    assert 'do not apply' not in str(info.value)


def test_each_bad_option_is_named_and_a_typo_of_an_own_option_is_suggested():
    with pytest.raises(AnsibleLookupError) as info:
        TokenLookup().vendor_params('xmatters', {'url': 'https://acme.xmatters.com', 'outptu': 'header', 'tenant': '*'})
    message = str(info.value)
    assert 'unknown option outptu for the xmatters token lookup; did you mean output?' in message
    assert 'tenant is a truesight option, not a xmatters one' in message


@pytest.mark.parametrize('vendor', sorted(VENDORS))
def test_a_missing_url_names_every_place_the_lookup_reads(vendor):
    with pytest.raises(AnsibleLookupError) as info:
        TokenLookup().vendor_params(vendor, {})
    env = VENDORS[vendor].option('url').env
    assert str(info.value) == '%s: no url given (keyword url, variable ansible_restauth_%s_url, env %s or variable ansible_restauth_url)' % (
        VENDORS[vendor].title, vendor, env)


# The option each vendor's default login needs first, and its environment variable (from the option table).
LOGIN_OPTION = [(vendor, 'username', VENDORS[vendor].option('username').env) for vendor in sorted(VENDORS)] + [
    ('sps', 'api_key', 'SPS_API_KEY'), ('xtam', 'api_token', 'XTAM_API_TOKEN'), ('xmatters', 'client_id', 'XMATTERS_CLIENT_ID'),
]
AUTH_TYPE = {('sps', 'api_key'): 'api_key', ('xtam', 'api_token'): 'token', ('xmatters', 'client_id'): 'oauth'}


@pytest.mark.parametrize('vendor, option, env', LOGIN_OPTION)
def test_a_missing_login_option_names_its_environment_variable(vendor, option, env):
    given = {'password': 'secret'} if option == 'username' else {}
    if (vendor, option) in AUTH_TYPE:
        given['auth_type'] = AUTH_TYPE[vendor, option]
    if option == 'client_id':
        given.update(username='jdoe', password='secret')
    with pytest.raises(OptionError) as info:
        REGISTRY[vendor].connect(params(vendor, **given))
    assert 'no %s given (option %s or env %s)' % (option, option, env) in str(info.value)
    assert str(info.value).startswith(VENDORS[vendor].title + ': ')


@pytest.mark.parametrize('vendor, option, env', LOGIN_OPTION)
def test_a_missing_login_option_in_a_lookup_names_its_variables_too(vendor, option, env):
    given = {'password': 'secret'} if option == 'username' else {}
    if (vendor, option) in AUTH_TYPE:
        given['auth_type'] = AUTH_TYPE[vendor, option]
    if option == 'client_id':
        given.update(username='jdoe', password='secret')
    with pytest.raises(AnsibleLookupError) as info:
        TokenLookup().connect(vendor, params(vendor, **given), keep=True)
    assert 'no %s given (keyword %s, variable ansible_restauth_%s_%s, env %s or variable ansible_restauth_%s)' % (
        option, option, vendor, option, env, option) in str(info.value)
    assert 'secret' not in str(info.value)


def test_the_xtam_secret_lookup_is_named_as_such():
    from ansible_collections.restauth.enterprise.plugins.lookup.xtam_secret import LookupModule as SecretLookup

    class Secret(SecretLookup):
        _load_name = 'restauth.enterprise.xtam_secret'

    with pytest.raises(AnsibleLookupError) as info:
        Secret().vendor_params('xtam', {'url': 'https://pam.example.com/xtam', 'feild': 'password'})
    assert 'unknown option feild for the xtam_secret lookup; did you mean field?' in str(info.value)
