# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC TrueSight Presentation Server end to end: real ansible-playbook / ansible runs against the TSWS simulator."""

from __future__ import annotations

import re

import pytest
import requests


pytestmark = pytest.mark.slow

USER = 'apiuser'
PASSWORD = 'Api-Passw0rd!'
VENDOR = 'BMC TrueSight Presentation Server'
DEVICES = 'GET /tsws/10.0/api/omprovider/devices'
EXPIRED = {'responseTimeStamp': '2026-01-01T00:00:00', 'statusCode': '401', 'statusMsg': 'Invalid/expired token',
           'responseMsg': 'FAILED', 'responseContent': None}


@pytest.fixture
def ts_vars(truesight, tmp_path):
    return {'ts_url': truesight.url, 'ts_ca': truesight.ca_path, 'ts_user': USER, 'ts_password': PASSWORD, 'out_dir': str(tmp_path)}


def env_for(truesight, **extra):
    env = {'TRUESIGHT_URL': truesight.url, 'TRUESIGHT_USERNAME': USER, 'TRUESIGHT_PASSWORD': PASSWORD,
           'TRUESIGHT_CA_PATH': truesight.ca_path}
    env.update(extra)
    return env


def raw_login(truesight):
    response = requests.post(truesight.url + '/tsws/api/v10.1/token', json={'username': USER, 'password': PASSWORD, 'tenantName': '*'},
                             verify=truesight.ca_path, timeout=10)
    response.raise_for_status()
    return response.json()['response']['authToken']


@pytest.mark.parametrize('shape', ['wrapped', 'flat'])
def test_token_lifecycle(ansible, truesight, ts_vars, shape):
    truesight.control.configure(response_shape=shape)
    run = ansible.playbook('truesight_token.yml', ts_vars)
    assert run.rc == 0, run
    counters = truesight.control.counters()
    assert counters['logins'] == 1 and counters['logouts'] == 1
    assert counters['requests'][DEVICES] == 3


@pytest.mark.parametrize('shape', ['wrapped', 'flat'])
def test_lookup_token_and_headers(ansible, truesight, ts_vars, shape):
    truesight.control.configure(response_shape=shape)
    run = ansible.playbook('truesight_lookup.yml', ts_vars, env=env_for(truesight))
    assert run.rc == 0, run
    counters = truesight.control.counters()
    assert counters['logins'] == 2 and counters['login_failures'] == 2


def test_adhoc_with_environment_and_tenant(ansible, truesight):
    run = ansible.adhoc('restauth.enterprise.truesight_device_info', 'name=esx01.example.com', env=env_for(truesight, TRUESIGHT_TENANT='BmcRealm'))
    assert run.rc == 0, run
    assert 'localhost | SUCCESS' in run.stdout and run.stdout.count('"deviceId"') == 1
    counters = truesight.control.counters()
    assert counters['logins'] == 1 and counters['logouts'] == 1


def test_refused_token_is_healed_by_one_login(ansible, truesight, ts_vars):
    truesight.control.inject(401, count=1, path='/tsws/10.0', body=EXPIRED)
    run = ansible.playbook('truesight_read.yml', ts_vars)
    assert run.rc == 0, run
    counters = truesight.control.counters()
    assert counters['logins'] == 2 and counters['requests'][DEVICES] == 2


def test_a_tsws_suffix_in_url_is_removed_with_a_warning(ansible, truesight, ts_vars):
    run = ansible.playbook('truesight_read.yml', dict(ts_vars, ts_url=truesight.url + '/tsws/'))
    assert run.rc == 0, run
    assert 'url ends with /tsws; the collection adds the API paths itself' in run.output, run
    counters = truesight.control.counters()
    assert counters['logins'] == 1 and counters['requests'][DEVICES] == 1 and counters['logouts'] == 1


def test_token_refused_twice_fails_instead_of_looping(ansible, truesight, ts_vars):
    truesight.control.inject(401, count=10, path='/tsws/10.0', body=EXPIRED)
    run = ansible.playbook('truesight_read.yml', ts_vars)
    assert run.rc == 2, run
    assert 'HTTP 401: Invalid/expired token' in run.stdout
    assert truesight.control.counters()['logins'] == 2


@pytest.mark.parametrize('style', ['timestamp', 'missing'])
def test_untrustworthy_expires_is_reported_and_still_works(ansible, truesight, ts_vars, style):
    truesight.control.configure(expires_format=style)
    run = ansible.playbook('truesight_read.yml', ts_vars)
    assert run.rc == 0, run
    assert '"expires" field' in run.output and '3600 seconds' in run.output
    assert truesight.control.counters()['logins'] == 1


def test_naive_expires_is_read(ansible, truesight, ts_vars):
    truesight.control.configure(expires_format='naive')
    run = ansible.playbook('truesight_token.yml', ts_vars)
    assert run.rc == 0, run
    assert '"expires" field' not in run.output


class TestFailuresUsersCause:
    """Each failure: a clear message naming the vendor, the status and the cause, no traceback, no secret."""

    @staticmethod
    def assert_clean_failure(run, *expected):
        assert run.rc == 2, run
        assert VENDOR in run.stdout, run
        for text in expected:
            assert text in run.stdout, run
        assert 'Traceback' not in run.output
        assert PASSWORD not in run.output

    @pytest.mark.parametrize('user,password,tenant,vendor_text', [
        (USER, 'Wrong-Passw0rd!', '*', 'Authentication failed'),
        ('leaver', 'Gone-Passw0rd!', '*', 'Authentication failed'),
        ('System', 'System-Passw0rd!', '*', 'System user'),
        (USER, PASSWORD, 'Elsewhere', 'Authentication failed'),
    ], ids=['wrong-password', 'deactivated', 'system-user', 'wrong-tenant'])
    def test_refused_login_401(self, ansible, truesight, ts_vars, user, password, tenant, vendor_text):
        run = ansible.playbook('truesight_read.yml', dict(ts_vars, ts_user=user, ts_password=password, ts_tenant=tenant))
        self.assert_clean_failure(run, 'HTTP 401', vendor_text, 'user is deactivated', 'password or tenant is wrong')
        assert password not in run.output
        assert truesight.control.counters()['login_failures'] == 1

    def test_expired_given_token_401(self, ansible, truesight, ts_vars):
        token = raw_login(truesight)
        truesight.control.expire_tokens()
        run = ansible.playbook('truesight_read.yml', dict(ts_vars, ts_token=token))
        self.assert_clean_failure(run, 'HTTP 401', 'Invalid/expired token', 'token expired', 'truesight_token')
        assert token not in run.output
        assert truesight.control.counters()['logins'] == 1  # only the test's own login

    def test_user_without_api_access_403(self, ansible, truesight, ts_vars):
        run = ansible.playbook('truesight_read.yml', dict(ts_vars, ts_user='operator', ts_password='Op-Passw0rd!'))
        self.assert_clean_failure(run, 'HTTP 403', 'api-access permission', 'API Access')
        assert 'Op-Passw0rd!' not in run.output

    def test_permission_withdrawn_from_a_token_403(self, ansible, truesight, ts_vars):
        token = raw_login(truesight)
        truesight.control.configure(users={USER: {'password': PASSWORD, 'api_access': False}})
        run = ansible.playbook('truesight_read.yml', dict(ts_vars, ts_token=token))
        self.assert_clean_failure(run, 'HTTP 403', 'api-access permission')
        assert token not in run.output

    def test_unknown_certificate_authority(self, ansible, truesight, ts_vars):
        plain = dict(ts_vars)
        del plain['ts_ca']
        run = ansible.playbook('truesight_read.yml', plain)
        self.assert_clean_failure(run, 'CERTIFICATE_VERIFY_FAILED', 'ca_path')


def test_verbose_output_holds_no_secret(ansible, truesight, ts_vars, tmp_path):
    wrong = 'Not-The-Passw0rd!'
    run = ansible.playbook('truesight_secrets.yml', dict(ts_vars, wrong_password=wrong), args=['-vvv'])
    assert run.rc == 0, run
    tokens = (tmp_path / 'tokens.txt').read_text().split()
    assert len(tokens) == 2 and all(re.fullmatch(r'_[0-9a-f]{32}', token) for token in tokens)
    assert 'HTTP 401' in run.output  # the failures did happen and were reported
    for secret in [PASSWORD, wrong] + tokens + [token[1:] for token in tokens]:
        assert secret not in run.output, 'a secret leaked into the -vvv output'
    assert truesight.control.counters()['logouts'] == 3
    for token in tokens:
        response = requests.get(truesight.url + '/tsws/api/v10.1/token', headers={'authToken': 'authToken ' + token},
                                verify=truesight.ca_path, timeout=10)
        assert response.status_code == 401


def test_demo_playbook_shipped_in_the_collection(ansible, truesight):
    run = ansible.playbook('restauth.enterprise.demo_truesight', env=env_for(truesight))
    assert run.rc == 0, run
    assert re.search(r'Logged in; the token expires at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', run.stdout), run
    assert 'TrueSight sees 4 devices: db01.example.com, web01.example.com, esx01.example.com, vm-app01.example.com' in run.stdout, run
    assert 'db01.example.com is device 101 (Linux, 192.0.2.11)' in run.stdout, run
    assert 'Logged out: True' in run.stdout
    counters = truesight.control.counters()
    assert counters['logins'] == 1 and counters['logouts'] == 1


def test_login_answer_that_is_not_json_is_described_never_printed(ansible, truesight, ts_vars):
    truesight.control.configure(login_answer='text')
    run = ansible.playbook('truesight_read.yml', ts_vars, args=['-vvv'])
    assert run.rc == 2, run
    # The answer was authToken=_<hex>&...: no part of it may reach the output.
    assert 'authToken=' not in run.output and not re.search(r'_[0-9a-f]{32}', run.output)
    assert 'without an authToken field in its answer (it is not JSON: a ' in run.stdout, run
    assert 'Traceback' not in run.output
    assert truesight.control.counters()['logins'] == 1


def test_blackout_and_event_modules(ansible, truesight, ts_vars):
    """truesight_blackout/_info/_event in one -vvv --diff run: what the user sees is asserted by the playbook, what the
    server received here."""
    run = ansible.playbook('truesight_blackout.yml', ts_vars, env={'TRUESIGHT_TSIM_URL': truesight.url + '/bppmws'},
                           args=['--diff', '-vvv'])
    assert run.rc == 0, run
    assert 'url ends with /bppmws' in run.output, run
    counters = truesight.control.counters()['requests']
    admin = '/tsws/10.0/api/unifiedadmin'
    # One create of each (the check-mode run sent none), one update of the timeframe and one of the policy, the refused
    # create's timeframe removed again, and state=absent removing the policy then its timeframe (check mode: nothing).
    assert counters.get('POST %s/Timeframe/create' % admin) == 2
    assert counters.get('POST %s/BlackoutPolicy/create' % admin) == 2
    assert sum(count for key, count in counters.items() if key.startswith('PUT %s/Timeframe/' % admin)) == 1
    assert sum(count for key, count in counters.items() if key.startswith('PUT %s/BlackoutPolicy/' % admin)) == 1
    assert sum(count for key, count in counters.items() if key.startswith('DELETE %s/BlackoutPolicy/' % admin)) == 1
    assert sum(count for key, count in counters.items() if key.startswith('DELETE %s/Timeframe/' % admin)) == 2
    assert counters.get('POST /bppmws/api/Event/create') == 2
    state = truesight.control.state()
    assert state['timeframes'] == [] and [policy['name'] for policy in state['policies']] == ['Baseline']
    [event] = state['events']
    assert event['cell'] == 'pncell_tsim' and event['attributes']['msg'] == 'Patching starts'
    assert PASSWORD not in run.output and not re.search(r'_[0-9a-f]{32}', run.output), 'a secret leaked into the -vvv output'
    assert 'Traceback' not in run.output
