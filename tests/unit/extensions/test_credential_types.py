# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The AWX credential types agree with the option table the modules and the lookup read."""

from __future__ import annotations

import os

import pytest

import controller_injection
from ansible_collections.restauth.enterprise.plugins.module_utils import _cache, _cache_redis
from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS
from ansible_collections.restauth.enterprise.plugins.modules import truesight_event

# Inputs that are not connection options of their own: the CA PEM text (becomes ca_path)
# and the inverted verification switch (becomes validate_certs, true unless ticked).
DERIVED = {'ca_cert': 'ca_path', 'disable_tls_verification': 'validate_certs'}


# Inputs that are options of one module, not connection options: that module's argument spec (its env fallback).
MODULE_INPUTS = {'truesight': {'tsim_url': truesight_event.OPTIONS['tsim_url']}}


def module_env(spec):
    """The environment variable a module option falls back to."""
    return spec['fallback'][1][0]


def fields(credential_type):
    return dict((field['id'], field) for field in credential_type['inputs']['fields'])


CACHE_TYPE = 'restauth_token_cache'


def vendor_types():
    return [name for name in controller_injection.shipped() if name != CACHE_TYPE]


def test_one_pair_per_vendor_and_the_token_cache():
    assert controller_injection.shipped() == sorted(list(VENDORS) + [name + '_vars' for name in VENDORS] + [CACHE_TYPE])


@pytest.mark.parametrize('name', controller_injection.shipped())
def test_the_controller_would_accept_it(name):
    assert controller_injection.problems(controller_injection.load(name)) == []


@pytest.mark.parametrize('name', vendor_types())
def test_every_input_is_an_option_and_secrets_are_secret(name):
    vendor = VENDORS[name.replace('_vars', '')]
    module_inputs = MODULE_INPUTS.get(vendor.name, {})
    for field_id, field in fields(controller_injection.load(name)).items():
        if field_id in module_inputs:
            no_log = module_inputs[field_id].get('no_log')
        else:
            no_log = vendor.option(DERIVED.get(field_id, field_id)).no_log
        assert bool(field.get('secret')) == bool(no_log), field_id
        assert field.get('help_text'), field_id


@pytest.mark.parametrize('vendor', sorted(VENDORS))
def test_environment_injectors_set_the_variables_the_modules_read(vendor):
    credential_type = controller_injection.load(vendor)
    env = credential_type['injectors']['env']
    by_env = dict((option.env, option.name) for option in VENDORS[vendor].options if option.env)
    by_env.update((module_env(spec), name) for name, spec in MODULE_INPUTS.get(vendor, {}).items())
    assert set(env) <= set(by_env), sorted(set(env) - set(by_env))
    # Every input reaches a variable, and every variable is offered but the short-lived token and the
    # token cache settings (the restauth_token_cache credential type and the playbook decide how jobs reuse logins).
    # A BMC Discovery permanent API token never expires: it is a credential of its own.
    injected_options = set(by_env[name] for name in env)
    assert set(DERIVED.get(field, field) for field in fields(credential_type)) == injected_options
    cache_options = {'token_cache', 'token_cache_url', 'token_cache_logout'}
    assert set(by_env.values()) - injected_options == (cache_options if vendor == 'discovery' else cache_options | {'token'})


@pytest.mark.parametrize('vendor', sorted(VENDORS))
def test_extra_vars_injectors_are_named_after_vendor_and_option(vendor):
    credential_type = controller_injection.load(vendor + '_vars')
    names = set(credential_type['injectors']['extra_vars'])
    expected = set('restauth_%s_%s' % (vendor, {'disable_tls_verification': 'validate_certs'}.get(field, field))
                   for field in fields(credential_type))
    assert names == expected
    assert 'env' not in credential_type['injectors']


@pytest.mark.parametrize('vendor', sorted(VENDORS))
def test_rendering_with_only_url_user_and_password(vendor, tmp_path):
    prefix = VENDORS[vendor].env_prefix
    injected = controller_injection.inject(controller_injection.load(vendor), {'url': 'https://h.example.com', 'username': 'u', 'password': 'p'},
                                           str(tmp_path))
    env = injected.env
    assert (env[prefix + '_URL'], env[prefix + '_USERNAME'], env[prefix + '_PASSWORD']) == ('https://h.example.com', 'u', 'p')
    # No CA given: no CA file named (an empty file would break verification); verification stays on.
    assert env[prefix + '_CA_PATH'] == ''
    assert env[prefix + '_VALIDATE_CERTS'] == 'true'
    if vendor == 'truesight':
        assert env['TRUESIGHT_TENANT'] == '*'
        assert env['TRUESIGHT_TSIM_URL'] == ''  # what truesight_event reads as unset: the events go to url


def test_the_truesight_type_injects_the_tsim_url_truesight_event_reads(tmp_path):
    assert module_env(truesight_event.OPTIONS['tsim_url']) == 'TRUESIGHT_TSIM_URL'
    injected = controller_injection.inject(controller_injection.load('truesight'),
                                           {'url': 'https://tsps.example.com:8043', 'tsim_url': 'https://tsim.example.com'}, str(tmp_path))
    assert injected.env['TRUESIGHT_TSIM_URL'] == 'https://tsim.example.com'
    assert injected.env['TRUESIGHT_URL'] == 'https://tsps.example.com:8043'


def test_rendering_the_ca_file_and_the_verification_switch(tmp_path):
    pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
    injected = controller_injection.inject(controller_injection.load('sps'), {'url': 'https://s', 'ca_cert': pem, 'disable_tls_verification': True},
                                           str(tmp_path))
    path = injected.env['SPS_CA_PATH']
    assert os.path.dirname(path) == str(tmp_path / 'env')
    with open(path) as handle:
        assert handle.read() == pem
    assert oct(os.stat(path).st_mode & 0o777) == '0o600'
    assert injected.env['SPS_VALIDATE_CERTS'] == 'false'


def test_extra_vars_file_is_marked_unsafe(tmp_path):
    injected = controller_injection.inject(controller_injection.load('remedy_vars'), {'url': 'https://r', 'password': '{{ lookup("pipe", "id") }}'},
                                           str(tmp_path))
    with open(injected.extra_vars_file) as handle:
        text = handle.read()
    assert "restauth_remedy_password: !unsafe '{{ lookup(\"pipe\", \"id\") }}'" in text
    assert injected.extra_vars['restauth_remedy_validate_certs'] == 'true'
    assert injected.extra_vars['restauth_remedy_username'] == ''


def test_the_token_cache_type_sets_what_the_cache_reads_and_keeps_its_secrets_secret(tmp_path):
    credential_type = controller_injection.load(CACHE_TYPE)
    cache_switch = VENDORS['remedy'].option('token_cache').env
    url_env = VENDORS['remedy'].option('token_cache_url').env
    assert set(credential_type['injectors']['env']) == {cache_switch, url_env, _cache.KEY_ENV, _cache_redis.PASSWORD_ENV}
    assert url_env == _cache.URL_ENV
    assert dict((name, bool(field.get('secret'))) for name, field in fields(credential_type).items()) == {
        'url': False, 'key': True, 'password': True}
    injected = controller_injection.inject(credential_type, {'url': 'redis://cache.example.com:6379/0', 'key': 'k' * 40}, str(tmp_path))
    assert injected.env == {cache_switch: '1', url_env: 'redis://cache.example.com:6379/0', _cache.KEY_ENV: 'k' * 40,
                            _cache_redis.PASSWORD_ENV: ''}
