# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""RestAuthModule: what a token module returns of a token the user gave it."""

from __future__ import annotations

import contextlib
import json

import pytest
from ansible.module_utils import basic

from ansible_collections.restauth.enterprise.plugins.module_utils._module import NO_LOG_MARK, RestAuthModule

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19
    @contextlib.contextmanager
    def patch_module_args(args):
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved

GIVEN = 'eyJhbGciOi.GIVEN-token.sig'


def exit_with(capsys, args, result):
    """The JSON a remedy module prints for ``result`` after ``reveal_given_token``."""
    with patch_module_args(dict({'url': 'https://itsm.example.com', '_ansible_no_log': False}, **args)):
        module = RestAuthModule('remedy')
        module.reveal_given_token(result)
        with pytest.raises(SystemExit):
            module.exit_json(**result)
    return json.loads(capsys.readouterr().out)


def test_a_given_token_is_returned_as_given_and_stays_masked_in_the_invocation(capsys):
    shown = exit_with(capsys, {'token': GIVEN, 'password': 'Pa55word'},
                      {'changed': False, 'token': GIVEN, 'authorization': 'AR-JWT %s' % GIVEN})
    assert shown['token'] == GIVEN and shown['authorization'] == 'AR-JWT %s' % GIVEN
    # Nowhere else: ansible-core 2.21 no longer has the module return its invocation (the controller adds it),
    # the older cores do, and there it stays masked.
    assert sorted(key for key, value in shown.items() if GIVEN in json.dumps(value)) == ['authorization', 'token']
    if 'invocation' in shown:
        assert shown['invocation']['module_args']['token'] == NO_LOG_MARK
        assert shown['invocation']['module_args']['password'] == NO_LOG_MARK


def test_without_the_token_in_the_result_everything_stays_masked(capsys):
    shown = exit_with(capsys, {'token': GIVEN}, {'changed': False, 'note': 'token %s' % GIVEN})
    assert GIVEN not in json.dumps(shown)


def test_a_token_that_is_also_the_password_stays_masked(capsys):
    shown = exit_with(capsys, {'token': GIVEN, 'password': GIVEN}, {'changed': False, 'token': GIVEN})
    assert GIVEN not in json.dumps(shown)


def failure_of(capsys, vendor, args, **kwargs):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            RestAuthModule(vendor, **kwargs)
    return json.loads(capsys.readouterr().out)['msg']


@pytest.mark.parametrize('vendor, env', [('remedy', 'REMEDY_URL'), ('sps', 'SPS_URL'), ('xtam', 'XTAM_URL'), ('xmatters', 'XMATTERS_URL'),
                                         ('truesight', 'TRUESIGHT_URL'), ('discovery', 'DISCOVERY_URL')])
def test_a_missing_url_names_its_environment_variable(capsys, monkeypatch, vendor, env):
    monkeypatch.delenv(env, raising=False)
    message = failure_of(capsys, vendor, {})
    assert message.startswith('missing required arguments: url. ')
    assert message.endswith(': no url given (option url or env %s)' % env)


def test_a_token_required_by_state_names_its_environment_variable(capsys, monkeypatch):
    monkeypatch.delenv('REMEDY_TOKEN', raising=False)
    message = failure_of(capsys, 'remedy', {'url': 'https://itsm.example.com', 'state': 'absent'},
                         module_options={'state': {'type': 'str', 'default': 'present'}}, required_if=[('state', 'absent', ('token',))])
    assert message == 'state is absent but all of the following are missing: token. BMC Remedy AR System: no token given (option token or env REMEDY_TOKEN)'


def test_a_missing_module_option_is_left_as_ansible_says_it(capsys):
    message = failure_of(capsys, 'remedy', {'url': 'https://itsm.example.com'}, module_options={'form': {'type': 'str', 'required': True}})
    assert message == 'missing required arguments: form'
