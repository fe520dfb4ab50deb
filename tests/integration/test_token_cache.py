# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""token_cache end to end: ten hosts, forks 10, modules and lookups of three vendors in one playbook run."""

from __future__ import annotations

import os
import stat
import sys

import pytest


pytestmark = pytest.mark.slow

HOSTS = 10


@pytest.fixture
def fleet(remedy, sps, xtam, tmp_path):
    """An inventory of ten local hosts, and the environment an AWX credential would inject."""
    used = {'remedy': remedy, 'sps': sps, 'xtam': xtam}  # reset for this test
    inventory = tmp_path / 'inventory.ini'
    lines = ['[fleet]'] + ['host%02d' % number for number in range(1, HOSTS + 1)]
    lines += ['', '[fleet:vars]', 'ansible_connection=local', 'ansible_python_interpreter=%s' % sys.executable]
    inventory.write_text('\n'.join(lines) + '\n')
    env = {}
    for handle in used.values():
        env.update((name, value) for name, value in handle.env().items() if not name.endswith(('_SIM_CONTROL', '_HTTP_URL')))
    env.pop('XTAM_API_TOKEN', None)  # Basic sign-in, like the other two
    return str(inventory), env


VENDORS = ('remedy', 'sps', 'xtam')


def login_counts(servers):
    return dict((vendor, servers[vendor].control.counters()) for vendor in VENDORS)


def test_one_login_per_vendor_for_the_whole_run_with_the_cache(ansible, servers, fleet, tmp_path):
    inventory, env = fleet
    cache = tmp_path / 'token-cache'
    env.update(RESTAUTH_TOKEN_CACHE='1', RESTAUTH_CACHE_DIR=str(cache))
    run = ansible.playbook('token_cache.yml', env=env, args=['-i', inventory, '--forks', '10'])
    assert run.rc == 0, run
    counters = login_counts(servers)
    assert {vendor: c['logins'] for vendor, c in counters.items()} == {'remedy': 1, 'sps': 1, 'xtam': 1}
    assert {vendor: c['logouts'] for vendor, c in counters.items()} == {'remedy': 0, 'sps': 0, 'xtam': 0}
    assert counters['remedy']['requests']['GET /api/arsys/v1/entry/CTM:People'] == 3 * HOSTS
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert len([name for name in os.listdir(cache) if name.endswith('.entry')]) == 3

    # A second run reuses the logins of the first.
    again = ansible.playbook('token_cache.yml', env=env, args=['-i', inventory, '--forks', '10'])
    assert again.rc == 0, again
    assert {vendor: c['logins'] for vendor, c in login_counts(servers).items()} == {'remedy': 1, 'sps': 1, 'xtam': 1}


def test_without_the_cache_every_task_logs_in_and_modules_log_out(ansible, servers, fleet):
    inventory, env = fleet
    run = ansible.playbook('token_cache.yml', env=env, args=['-i', inventory, '--forks', '10'])
    assert run.rc == 0, run
    counters = login_counts(servers)
    # Remedy: 3 module tasks and 1 lookup per host; the lookup hands its token over, the modules log out.
    assert (counters['remedy']['logins'], counters['remedy']['logouts']) == (4 * HOSTS, 3 * HOSTS)
    assert counters['sps']['logins'] == 2 * HOSTS
    assert counters['xtam']['logins'] == 2 * HOSTS
