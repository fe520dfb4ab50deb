# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC Discovery end to end: real ansible-playbook / ansible / ansible-inventory runs against the Discovery simulator."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

pytestmark = pytest.mark.slow

USER = 'apiuser'
PASSWORD = 'Api-Passw0rd!'
PERMANENT = 'perm-apiuser-6f1c2d9e8b7a'
VENDOR = 'BMC Discovery'
V = '/api/v1.10'  # the highest of the simulator's versions, numerically (a text compare would pick 1.9)


@pytest.fixture
def disco_vars(discovery, tmp_path):
    return {'disco_url': discovery.url, 'disco_ca': discovery.ca_path, 'disco_user': USER, 'disco_password': PASSWORD,
            'disco_permanent': PERMANENT, 'scan_password': 'Scan-Secret-41', 'scan_password_2': 'Scan-Secret-42',
            'out_dir': str(tmp_path)}


def env_for(discovery, **extra):
    env = {'DISCOVERY_URL': discovery.url, 'DISCOVERY_USERNAME': USER, 'DISCOVERY_PASSWORD': PASSWORD,
           'DISCOVERY_CA_PATH': discovery.ca_path}
    env.update(extra)
    return env


def test_modules_happy_paths_idempotency_check_mode_and_diff(ansible, discovery, disco_vars):
    run = ansible.playbook('discovery_modules.yml', disco_vars)
    assert run.rc == 0, run
    counters = discovery.control.counters()
    requests = counters['requests']
    # Two logins: discovery_token and the token lookup; every other task used the permanent token.
    assert counters['logins'] == 2 and counters['login_failures'] == 0
    # The version is negotiated per task (no token_cache) and only 1.10 paths were used.
    assert not [key for key in requests if '/api/v1.' in key and not key.split(' ', 1)[1].startswith(V + '/')], requests
    # The long query went by POST, the others by GET (12 rows: one page each).
    assert requests['POST %s/data/search' % V] == 1
    # One run started, one cancel; the check-mode tasks sent no write.
    assert requests['POST %s/discovery/runs' % V] == 1
    assert sum(count for key, count in requests.items() if key.startswith('PATCH %s/discovery/runs/' % V)) == 1
    assert requests['PATCH %s/discovery' % V] == 1
    state = discovery.control.state()
    assert state['status'] == 'stopped'
    assert [run['cancelled'] for run in state['runs']] == [True]
    # The credential: created with its password, updated by PATCH (never PUT), the seed deleted.
    credentials = state['credentials']
    assert [item['label'] for item in credentials] == ['linux-scan']
    assert credentials[0]['password'] == 'Scan-Secret-42' and credentials[0]['description'] == 'Linux servers'
    assert credentials[0]['username'] == 'scanner' and credentials[0]['ip_range'] == '10.0.0.0/8'
    assert not [key for key in requests if key.startswith('PUT ')]
    assert requests['POST %s/vault/credentials' % V] == 1
    assert sum(count for key, count in requests.items() if key.startswith('PATCH %s/vault/credentials/' % V)) == 2
    assert sum(count for key, count in requests.items() if key.startswith('DELETE %s/vault/credentials/' % V)) == 1


def test_failures_are_explained_and_secrets_stay_out_of_verbose_output(ansible, discovery, disco_vars, tmp_path):
    wrong = 'Wrong-Passw0rd-77'
    extra = dict(disco_vars, wrong_password=wrong, viewer_password='View-Passw0rd!', leaver_token='perm-leaver-0a1b2c3d',
                 disco_http_url=discovery.http_url)
    run = ansible.playbook('discovery_failures.yml', extra, args=['-vvv'])
    assert run.rc == 0, run
    tokens = (tmp_path / 'tokens.txt').read_text().split()
    assert len(tokens) == 1 and tokens[0].startswith('exp-')
    for secret in [PASSWORD, wrong, 'View-Passw0rd!', PERMANENT, 'perm-leaver-0a1b2c3d', disco_vars['scan_password']] + tokens:
        assert secret not in run.output, 'a secret leaked into the -vvv output'
    assert 'Traceback' not in run.output
    counters = discovery.control.counters()
    # Without allow_http nothing went to the plain-HTTP face; with it, the login met the 403 and nothing followed.
    # Six logins: wrong password, viewer, plain HTTP, the credential task, discovery_token, the lookup.
    assert counters['requests']['POST /api/token'] == 6
    assert 'GET /api/v1.2/discovery' not in counters['requests']
    assert counters['login_failures'] == 2
    vault = discovery.control.state()['credentials']
    assert [item['password'] for item in vault if item['label'] == 'verbose'] == [disco_vars['scan_password']]
    assert not [item for item in vault if item['label'] in ('no-types', 'would-leak')]
