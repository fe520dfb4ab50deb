# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""token_cache end to end: ten hosts, forks 10, modules and lookups of three vendors in one playbook run."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

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
    run = ansible.playbook('token_cache_forks.yml', env=env, args=['-i', inventory, '--forks', '10'])
    assert run.rc == 0, run
    counters = login_counts(servers)
    assert {vendor: c['logins'] for vendor, c in counters.items()} == {'remedy': 1, 'sps': 1, 'xtam': 1}
    assert {vendor: c['logouts'] for vendor, c in counters.items()} == {'remedy': 0, 'sps': 0, 'xtam': 0}
    assert counters['remedy']['requests']['GET /api/arsys/v1/entry/CTM:People'] == 3 * HOSTS
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert len([name for name in os.listdir(cache) if name.endswith('.entry')]) == 3

    # A second run reuses the logins of the first.
    again = ansible.playbook('token_cache_forks.yml', env=env, args=['-i', inventory, '--forks', '10'])
    assert again.rc == 0, again
    assert {vendor: c['logins'] for vendor, c in login_counts(servers).items()} == {'remedy': 1, 'sps': 1, 'xtam': 1}


def test_without_the_cache_every_task_logs_in_and_modules_log_out(ansible, servers, fleet):
    inventory, env = fleet
    run = ansible.playbook('token_cache_forks.yml', env=env, args=['-i', inventory, '--forks', '10'])
    assert run.rc == 0, run
    counters = login_counts(servers)
    # Remedy: 3 module tasks and 1 lookup per host; the lookup hands its token over, the modules log out.
    assert (counters['remedy']['logins'], counters['remedy']['logouts']) == (4 * HOSTS, 3 * HOSTS)
    assert counters['sps']['logins'] == 2 * HOSTS
    assert counters['xtam']['logins'] == 2 * HOSTS


# ---- Where the cache may live, which files it trusts, and how long a stuck neighbour may delay a task ----

GUARD = 'token_cache_guard.yml'


@pytest.fixture
def one_host(remedy, tmp_path):
    """The environment of a run with the cache on in ``tmp_path/token-cache`` (Remedy from the environment)."""
    env = dict((name, value) for name, value in remedy.env().items() if not name.endswith(('_SIM_CONTROL', '_HTTP_URL')))
    env.update(RESTAUTH_TOKEN_CACHE='1', RESTAUTH_CACHE_DIR=str(tmp_path / 'token-cache'))
    return env


def counts(handle):
    counters = handle.control.counters()
    return counters['logins'], counters['logouts']


def age(path, days):
    then = time.time() - days * 24 * 3600
    os.utime(str(path), (then, then))


@pytest.mark.parametrize('kind', ['shared sticky directory', 'file'])
def test_a_shared_directory_or_a_file_is_left_as_it_is_and_the_task_logs_in_without_the_cache(ansible, remedy, one_host, tmp_path, kind):
    target = tmp_path / 'not-a-cache'
    if kind == 'file':
        target.write_text('settings of another program')
        target.chmod(0o644)
        others = {}
    else:
        target.mkdir()
        target.chmod(0o1777)
        others = {'old.entry': b'another program wrote this', 'ab' * 32 + '.lock': b''}
        for name, content in others.items():
            (target / name).write_bytes(content)
            (target / name).chmod(0o644)
            age(target / name, 3)
    mode = stat.S_IMODE(target.stat().st_mode)
    one_host['RESTAUTH_CACHE_DIR'] = str(target)
    run = ansible.playbook(GUARD, env=one_host)
    assert run.rc == 0, run
    assert stat.S_IMODE(target.stat().st_mode) == mode
    if kind == 'file':
        assert target.read_text() == 'settings of another program'
    else:
        assert sorted(os.listdir(target)) == sorted(others)  # old.entry of another program survives
        for name, content in others.items():
            assert (target / name).read_bytes() == content and stat.S_IMODE((target / name).stat().st_mode) == 0o644
    reason = 'is not a directory' if kind == 'file' else 'is open to other users (mode 1777)'
    assert run.shows('the cache directory %s %s' % (target, reason)), run
    assert run.shows('the task logs in without it'), run
    assert counts(remedy) == (1, 1)  # as without the cache


def test_a_planted_key_file_is_refused_and_the_entry_it_seals_is_not_used(ansible, remedy, one_host, tmp_path):
    cache = tmp_path / 'token-cache'
    assert ansible.playbook(GUARD, env=one_host).rc == 0
    assert counts(remedy) == (1, 0)
    (cache / 'key').chmod(0o644)  # a key anyone could have read, or written
    run = ansible.playbook(GUARD, env=one_host)
    assert run.rc == 0, run
    assert counts(remedy) == (2, 1)  # its own login, not the cached one, and logged out
    assert run.shows('the cache key file %s is open to other users (mode 0644)' % (cache / 'key')), run


HOLDER = """
import os, sys, time
from ansible_collections.restauth.enterprise.plugins.module_utils import _cache
slot = _cache.CacheSlot(_cache.TokenCache(os.path.dirname(sys.argv[1]), b'k' * 32), 'irrelevant', 'irrelevant')
slot.lock_path = sys.argv[1]  # the login lock of the task under test, taken as the cache takes it
with slot.locked() as held:
    assert held
    print('held', flush=True)
    time.sleep(600)
"""


def test_a_stuck_login_lock_holder_delays_a_task_by_its_timeout_only(ansible, remedy, one_host, tmp_path):
    cache = tmp_path / 'token-cache'
    assert ansible.playbook(GUARD, env=one_host).rc == 0
    for name in os.listdir(cache):
        if name.endswith('.entry'):
            os.unlink(str(cache / name))
    lock = next(name for name in os.listdir(cache) if name.endswith('.lock'))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))
    holder = subprocess.Popen([sys.executable, '-c', HOLDER, str(cache / lock)], env=env,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == 'held'
        started = time.time()
        run = ansible.playbook(GUARD, env=one_host, extra_vars={'login_timeout': 5})
        elapsed = time.time() - started
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert run.rc == 0, run
    assert 5 <= elapsed < 60, elapsed  # the timeout plus one playbook run, not the two minutes of before
    assert run.shows('another task holding the login lock did not finish its login within 5 seconds'), run
    assert run.shows('this task logs in by itself'), run
    assert counts(remedy) == (2, 0)  # its own login, stored in the cache for the next task
