# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where a lookup takes each connection option from, what it refuses to combine, what it says of an option it does not
know or misses (and where to set it), and the secrets its errors hide."""

from __future__ import annotations

import base64

import pytest
from ansible.errors import AnsibleLookupError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.restauth.enterprise.plugins.lookup.token import LookupModule
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS, argument_spec
from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY
from ansible_collections.restauth.enterprise.plugins.plugin_utils._vendor_lookup import (
    VendorLookupBase, lookup_error, option_secrets, option_sources, refuse_mixed_sources,
)

from module_support import clear_vendor_environment


class TokenLookup(LookupModule):
    """The token lookup as the plugin loader names it."""
    _load_name = 'restauth.enterprise.token'


@pytest.fixture(autouse=True)
def no_vendor_environment(monkeypatch):
    clear_vendor_environment(monkeypatch)


def validated_params(vendor, **given):
    """Validated module parameters of ``vendor`` (what a module or a lookup hands to ``connect``)."""
    result = ArgumentSpecValidator(argument_spec(vendor)).validate(dict({'url': 'https://server.example.com'}, **given))
    assert not result.error_messages
    return result.validated_parameters


@pytest.mark.parametrize('given, expected', [
    (dict(keyword=True, scoped=True, env=True, neutral=True), ('https://keyword', 'keyword')),
    (dict(scoped=True, env=True, neutral=True), ('https://scoped', 'ansible_restauth_sps_url')),
    (dict(env=True, neutral=True), (None, 'SPS_URL')),  # left to the argument spec's fallback
    (dict(neutral=True), ('https://neutral', 'ansible_restauth_url')),
    (dict(), (None, None)),
], ids=['keyword', 'scoped-variable', 'environment', 'neutral-variable', 'nowhere'])
def test_each_option_comes_from_the_first_source_that_sets_it(monkeypatch, given, expected):
    direct, variables = {}, {}
    if given.get('keyword'):
        direct['url'] = 'https://keyword'
    if given.get('scoped'):
        variables['ansible_restauth_sps_url'] = 'https://scoped'
    if given.get('env'):
        monkeypatch.setenv('SPS_URL', 'https://env')
    if given.get('neutral'):
        variables['ansible_restauth_url'] = 'https://neutral'
    values, sources = option_sources('sps', direct, variables)
    assert (values.get('url'), sources.get('url')) == expected


def test_a_keyword_set_to_none_does_not_hide_the_next_source_and_other_vendors_variables_are_ignored():
    values, sources = option_sources('remedy', {'url': None}, {'ansible_restauth_remedy_url': 'https://scoped',
                                                               'ansible_restauth_sps_password': 'for SPS only'})
    assert values == {'url': 'https://scoped'} and sources == {'url': 'ansible_restauth_remedy_url'}


@pytest.mark.parametrize('sources', [
    {'url': 'keyword', 'password': 'ansible_restauth_password'},          # a keyword URL goes with either side
    {'url': 'ansible_restauth_url', 'password': 'keyword'},               # so does a keyword credential
    {'url': 'ansible_restauth_url', 'username': 'ansible_restauth_username', 'password': 'ansible_restauth_password'},
    {'url': 'REMEDY_URL', 'username': 'ansible_restauth_remedy_username', 'password': 'REMEDY_PASSWORD'},
    {'url': 'ansible_restauth_remedy_url', 'validate_certs': 'ansible_restauth_validate_certs', 'timeout': 'ansible_restauth_timeout'},
    {'password': 'ansible_restauth_password'},                            # no URL yet: the argument spec says it is missing
], ids=['keyword-url', 'keyword-password', 'all-neutral', 'all-vendor', 'settings-mix', 'no-url'])
def test_sources_that_go_together_are_accepted(sources):
    refuse_mixed_sources('remedy', sources)


@pytest.mark.parametrize('vendor, sources, named', [
    ('remedy', {'url': 'ansible_restauth_url', 'password': 'REMEDY_PASSWORD'}, 'password comes from REMEDY_PASSWORD'),
    ('remedy', {'url': 'REMEDY_URL', 'username': 'ansible_restauth_username'}, 'username comes from ansible_restauth_username'),
    ('sps', {'url': 'ansible_restauth_sps_url', 'api_key': 'ansible_restauth_api_key'}, 'api_key comes from ansible_restauth_api_key'),
    ('xmatters', {'url': 'ansible_restauth_url', 'client_id': 'ansible_restauth_xmatters_client_id'}, 'client_id comes from'),
])
def test_a_url_and_credentials_from_different_sides_are_refused(vendor, sources, named):
    with pytest.raises(AnsibleLookupError) as refused:
        refuse_mixed_sources(vendor, sources)
    message = str(refused.value)
    assert named in message and 'the url comes from %s' % sources['url'] in message
    assert 'ansible_restauth_%s_*' % vendor in message


class Probe(VendorLookupBase):
    OWN_OPTIONS = ('field',)

    def run(self, terms, variables=None, **kwargs):
        raise NotImplementedError('only the helpers of the base class are called')


def test_options_of_another_vendor_are_refused_and_the_lookups_own_are_not():
    probe = Probe()
    refused = 'BMC Remedy AR System: api_key is an sps option, not a remedy one; tenant is a truesight option, not a remedy one'
    with pytest.raises(AnsibleLookupError, match=refused):
        probe.vendor_params('remedy', {'url': 'https://itsm.example.com', 'api_key': 'k', 'tenant': '*', 'field': 'x'})
    params = probe.vendor_params('remedy', {'url': 'https://itsm.example.com', 'field': 'x', 'timeout': '7'})
    assert params['url'] == 'https://itsm.example.com' and params['timeout'] == 7 and 'field' not in params


@pytest.mark.parametrize('given, expected', [
    ({'usrname': 'jdoe'}, 'BMC Remedy AR System: unknown option usrname for the remedy token lookup; did you mean username?'),
    ({'pasword': 'x'}, 'unknown option pasword for the remedy token lookup; did you mean password?'),
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


def test_the_xtam_secret_lookup_is_named_as_such():
    from ansible_collections.restauth.enterprise.plugins.lookup.xtam_secret import LookupModule as SecretLookup

    class Secret(SecretLookup):
        _load_name = 'restauth.enterprise.xtam_secret'

    with pytest.raises(AnsibleLookupError) as info:
        Secret().vendor_params('xtam', {'url': 'https://pam.example.com/xtam', 'feild': 'password'})
    assert 'unknown option feild for the xtam_secret lookup; did you mean field?' in str(info.value)


def test_the_argument_spec_checks_the_values_whatever_their_source():
    probe = Probe()
    probe.restauth_vars = {'ansible_restauth_remedy_timeout': 'soon'}
    with pytest.raises(AnsibleLookupError, match='BMC Remedy AR System: .*timeout'):
        probe.vendor_params('remedy', {'url': 'https://itsm.example.com'})


def test_a_vendor_name_is_one_of_the_connectors():
    assert Probe().vendor_name('  XTAM ') == 'xtam'
    with pytest.raises(AnsibleLookupError, match='unknown vendor'):
        Probe().vendor_name('remedy ar')
    assert sorted(Probe().vendor_name(name) for name in ('Discovery', 'remedy', 'SPS', 'truesight', 'xmatters', 'xtam')) == sorted(REGISTRY)


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


def without(vendor, option):
    """Validated parameters of ``vendor`` for the login that needs ``option`` first, all given but ``option``."""
    given = {'password': 'secret'} if option == 'username' else {}
    if (vendor, option) in AUTH_TYPE:
        given['auth_type'] = AUTH_TYPE[vendor, option]
    if option == 'client_id':
        given.update(username='jdoe', password='secret')
    return validated_params(vendor, **given)


@pytest.mark.parametrize('vendor, option, env', LOGIN_OPTION)
def test_a_missing_login_option_names_its_environment_variable(vendor, option, env):
    with pytest.raises(OptionError) as info:
        REGISTRY[vendor].connect(without(vendor, option))
    assert 'no %s given (option %s or env %s)' % (option, option, env) in str(info.value)
    assert str(info.value).startswith(VENDORS[vendor].title + ': ')


@pytest.mark.parametrize('vendor, option, env', LOGIN_OPTION)
def test_a_missing_login_option_in_a_lookup_names_its_variables_too(vendor, option, env):
    with pytest.raises(AnsibleLookupError) as info:
        TokenLookup().connect(vendor, without(vendor, option), keep=True)
    assert 'no %s given (keyword %s, variable ansible_restauth_%s_%s, env %s or variable ansible_restauth_%s)' % (
        option, option, vendor, option, env, option) in str(info.value)
    assert 'secret' not in str(info.value)


def test_an_error_is_scrubbed_of_the_secret_options_the_basic_pair_and_the_tokens_obtained():
    pair = base64.b64encode(b'demo:Pw-1234-x').decode('ascii')

    class Api:
        class client:  # pylint: disable=invalid-name
            @staticmethod
            def secrets():
                return ['SESSION-abcdef']

    params = {'username': 'demo', 'password': 'Pw-1234-x', 'api_token': 'API-TOKEN-777', 'url': 'https://pam.example.com'}
    assert set(option_secrets('xtam', params)) == {'Pw-1234-x', 'API-TOKEN-777', pair}
    error = APIError('HTTP 500 echoing Pw-1234-x, Basic %s, API-TOKEN-777 and SESSION-abcdef at https://pam.example.com' % pair, vendor='xtam')
    message = str(lookup_error(error, 'xtam', params, Api()))
    for secret in ('Pw-1234-x', pair, 'API-TOKEN-777', 'SESSION-abcdef'):
        assert secret not in message
    assert message.startswith('xtam: HTTP 500 echoing') and 'https://pam.example.com' in message
