# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The five ``*_token`` modules follow one set of rules (``run_token``): real ``ansible`` runs against every simulator.

A given token is proven by one read and never replaced by a login; a refused one fails the same way for every vendor;
check mode sends no login and no logout where it has a token; sps_token state=absent ends the session.
"""

from __future__ import annotations

import json

import pytest


pytestmark = pytest.mark.slow

#: vendor -> (token module, the result key of the token, the vendor's name in messages, whether it has state=absent)
MODULES = {
    'remedy': ('remedy_jwt_token', 'token', 'BMC Remedy AR System', True),
    'sps': ('sps_token', 'token', 'One Identity Safeguard for Privileged Sessions', True),
    'xtam': ('xtam_token', 'token', 'Xton Access Manager', True),
    'xmatters': ('xmatters_oauth_token', 'access_token', 'xMatters', False),
    'truesight': ('truesight_token', 'token', 'BMC TrueSight Presentation Server', True),
    'discovery': ('discovery_token', 'token', 'BMC Discovery', False),
}


def connection_env(handle):
    """URL, CA and the OAuth client id of a simulator: no user name, password or API token, so nothing can log in."""
    prefix = handle.vendor.env_prefix
    env = handle.env()
    return dict((key, value) for key, value in env.items() if key in ('%s_URL' % prefix, '%s_CA_PATH' % prefix, 'XMATTERS_CLIENT_ID'))


def result_of(run):
    """The JSON result of a one-host ``ansible`` run."""
    return json.loads(run.stdout[run.stdout.index(' => {') + 4:])


def login(ansible, handle, module, key):
    """A live token from the vendor's token module (one login)."""
    run = ansible.adhoc('restauth.enterprise.%s' % module, '', env=handle.env())
    assert run.rc == 0, run
    return result_of(run)[key]


@pytest.mark.parametrize('vendor', sorted(MODULES))
def test_a_refused_given_token_fails_the_same_way_for_every_vendor(ansible, fresh_server, vendor):
    handle = fresh_server(vendor)
    module, _dummy, title, _absent = MODULES[vendor]
    env = dict(connection_env(handle), **{'%s_TOKEN' % handle.vendor.env_prefix: 'not-a-live-token-0123456789'})
    run = ansible.adhoc('restauth.enterprise.%s' % module, '', env=env)
    assert run.rc == 2, run
    result = result_of(run)
    assert 'localhost | FAILED!' in run.stdout and not result.get('changed'), run
    assert result['status'] == 401, run
    assert result['msg'].startswith(title + ':') and 'HTTP 401' in result['msg'], run
    assert 'Traceback' not in run.output and 'not-a-live-token-0123456789' not in run.output
    counters = handle.control.counters()
    assert counters['logins'] == 0 and counters['login_failures'] == 0, counters


@pytest.mark.parametrize('vendor', sorted(MODULES))
def test_a_live_given_token_is_proven_by_a_read_and_is_no_change(ansible, fresh_server, vendor):
    handle = fresh_server(vendor)
    module, key, _title, _absent = MODULES[vendor]
    token = login(ansible, handle, module, key)
    handle.control.reset()
    env = dict(connection_env(handle), **{'%s_TOKEN' % handle.vendor.env_prefix: token})
    run = ansible.adhoc('restauth.enterprise.%s' % module, '', env=env)
    assert run.rc == 0, run
    result = result_of(run)
    assert result['changed'] is False, run
    # The user's own token comes back as given (they asked for it), not as a mask.
    assert result[key] == token, run
    assert 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' not in json.dumps(dict((name, value) for name, value in result.items() if name != 'invocation'))
    counters = handle.control.counters()
    assert counters['logins'] == 0 and counters['logouts'] == 0, counters
    assert sum(counters['requests'].values()) >= 1, counters


@pytest.mark.parametrize('vendor', sorted(MODULES))
def test_check_mode_with_a_token_sends_no_login_and_no_logout(ansible, fresh_server, vendor):
    handle = fresh_server(vendor)
    module, key, _title, can_log_out = MODULES[vendor]
    token = login(ansible, handle, module, key)
    active = handle.control.counters()['active_tokens']
    handle.control.reset()
    env = dict(connection_env(handle), **{'%s_TOKEN' % handle.vendor.env_prefix: token})
    present = ansible.adhoc('restauth.enterprise.%s' % module, '', env=env, args=['--check'])
    assert present.rc == 0, present
    assert result_of(present)['changed'] is False, present
    if can_log_out:
        absent = ansible.adhoc('restauth.enterprise.%s' % module, 'state=absent', env=env, args=['--check'])
        assert absent.rc == 0, absent
        assert result_of(absent)['changed'] is True, absent
    counters = handle.control.counters()
    assert counters['logins'] == 0 and counters['logouts'] == 0, counters
    assert counters['active_tokens'] == active, counters


def test_sps_token_absent_ends_the_session(ansible, sps):
    token = login(ansible, sps, 'sps_token', 'token')
    assert sps.control.counters()['active_tokens'] == 1
    env = dict(connection_env(sps), SPS_TOKEN=token)
    first = ansible.adhoc('restauth.enterprise.sps_token', 'state=absent', env=env)
    assert first.rc == 0, first
    assert result_of(first)['changed'] is True, first
    counters = sps.control.counters()
    assert counters['logouts'] == 1 and counters['active_tokens'] == 0, counters
    assert counters['requests'].get('DELETE /api/authentication') == 1, counters
    assert token not in first.output
    # The session is gone: a second release changes nothing, and using it fails.
    again = ansible.adhoc('restauth.enterprise.sps_token', 'state=absent', env=env)
    assert again.rc == 0, again
    assert result_of(again)['changed'] is False, again
    used = ansible.adhoc('restauth.enterprise.sps_api_key_info', '', env=env)
    assert used.rc == 2 and 'HTTP 401' in used.stdout, used
    assert sps.control.counters()['logouts'] == 1


def test_sps_token_absent_on_a_server_without_logout_fails_clearly(ansible, sps):
    token = login(ansible, sps, 'sps_token', 'token')
    sps.control.configure(logout_supported=False)
    run = ansible.adhoc('restauth.enterprise.sps_token', 'state=absent', env=dict(connection_env(sps), SPS_TOKEN=token))
    assert run.rc == 2, run
    result = result_of(run)
    assert result['status'] == 405 and 'offers no logout' in result['msg'] and '20 idle minutes' in result['msg'], run
    assert not result.get('changed')
    assert sps.control.counters()['active_tokens'] == 1
