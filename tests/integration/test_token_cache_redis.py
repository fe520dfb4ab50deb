# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The token cache on a real Valkey server, shared by jobs that have nothing else in common (as AWX runs them).

Each job is an ansible-playbook process with its own HOME, ANSIBLE_HOME and cache directory (a fresh
execution-environment container); they share only the server and RESTAUTH_CACHE_KEY.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

import cache_server

pytestmark = pytest.mark.slow

BIN = os.path.dirname(sys.executable)
PLAYBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'playbooks', 'token_cache_shared.yml')
SHARED_KEY = 'fleet-key-9c1e-not-a-password'


@pytest.fixture
def job(ansible, remedy, valkey, tmp_path):
    """``job(name, **env)``: the command and environment of one job on a node of its own; the server starts empty."""
    valkey.flush()
    base = dict((name, value) for name, value in remedy.env().items() if not name.endswith(('_SIM_CONTROL', '_HTTP_URL')))
    base.update(RESTAUTH_TOKEN_CACHE='1', RESTAUTH_CACHE_URL=valkey.url_with_password, RESTAUTH_CACHE_KEY=SHARED_KEY)

    def make(name, args=(), **env):
        node = tmp_path / name
        node.mkdir(exist_ok=True)
        full = dict(ansible.env, HOME=str(node), ANSIBLE_HOME=str(node / 'ansible'), ANSIBLE_LOCAL_TEMP=str(node / 'tmp'),
                    RESTAUTH_CACHE_DIR=str(node / 'cache'))
        full.update(base)
        full.update(env)
        for option, value in list(full.items()):
            if value is None:
                del full[option]
        return [os.path.join(BIN, 'ansible-playbook'), PLAYBOOK] + list(args), full, node
    return make


class Outcome:
    """What one job printed, and how it ended."""

    def __init__(self, rc, stdout, stderr):
        self.rc = rc
        self.output = stdout + stderr

    def __repr__(self):
        return 'rc=%s\n%s' % (self.rc, self.output[-6000:])


def run(command, env, node, timeout=120):
    done = subprocess.run(command, env=env, cwd=str(node), capture_output=True, text=True, timeout=timeout, check=False)
    return Outcome(done.returncode, done.stdout, done.stderr)


def said(outcome):
    return ' '.join(outcome.output.split())


def counts(handle):
    counters = handle.control.counters()
    return counters['logins'], counters['logouts']


def test_three_jobs_on_three_nodes_log_in_once_and_the_server_learns_nothing(remedy, valkey, job):
    # A slow login keeps the first job inside it while the other two arrive and wait on the server's lock.
    remedy.control.delay(1.5, path='/api/jwt/login', method='POST')
    jobs = [job('node%d' % number, args=['-vvv'] if number == 1 else []) for number in (1, 2, 3)]
    processes = [subprocess.Popen(command, env=env, cwd=str(node), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for command, env, node in jobs]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=180)
        outcomes.append(Outcome(process.returncode, out, err))
    for outcome in outcomes:
        assert outcome.rc == 0, outcome
        assert 'cannot be used' not in said(outcome) and 'by itself' not in said(outcome), outcome  # the server served every job
    assert counts(remedy) == (1, 0)
    assert remedy.control.counters()['requests']['GET /api/arsys/v1/entry/CTM:People'] == 6
    for _command, _env, node in jobs:
        assert not (node / 'cache').exists()  # nothing on the nodes themselves

    items = valkey.items()
    assert items and all(key.startswith(b'restauth:v1:') for key in items)
    tokens = set((node / 'token').read_text() for _command, _env, node in jobs)
    assert len(tokens) == 1  # the same login everywhere
    token = tokens.pop()
    assert len(token) > 20
    secrets = [token, valkey.password, SHARED_KEY, 'Demo-Passw0rd!', 'Demo', remedy.url]
    assert cache_server.assert_unreadable(list(items) + [value for value in items.values() if isinstance(value, bytes)], secrets) >= 1
    verbose = outcomes[0].output
    assert 'config file = ' in verbose  # -vvv took effect (ansible-core 2.21 no longer shows a no_log option's name in the invocation)
    for secret in (token, valkey.password, SHARED_KEY, 'Demo-Passw0rd!'):
        assert secret not in verbose, secret

    # The server forgets every token (a restart): the next job logs in once more, the one after reuses that.
    remedy.control.expire_tokens()
    command, env, node = job('node4')
    assert run(command, env, node).rc == 0
    assert counts(remedy) == (2, 0)
    command, env, node = job('node5')
    assert run(command, env, node).rc == 0
    assert counts(remedy) == (2, 0)


def test_without_the_shared_key_or_with_the_server_down_a_job_warns_and_logs_in_by_itself(remedy, valkey, job):
    command, env, node = job('keyless', RESTAUTH_CACHE_KEY=None)
    outcome = run(command, env, node)
    assert outcome.rc == 0, outcome
    assert 'is a shared server, so the cache needs the key every node shares: set RESTAUTH_CACHE_KEY' in said(outcome), outcome
    assert valkey.password not in outcome.output
    assert valkey.items() == {}

    down = 'redis://:%s@127.0.0.1:%d/0' % (valkey.password, cache_server.free_port())
    command, env, node = job('down', RESTAUTH_CACHE_URL=down, REMEDY_TIMEOUT='3')
    started = time.time()
    outcome = run(command, env, node)
    elapsed = time.time() - started
    assert outcome.rc == 0, outcome
    assert 'cannot be used (ConnectionError' in said(outcome) and 'this task logs in without the cache' in said(outcome), outcome
    assert valkey.password not in outcome.output
    assert elapsed < 30, elapsed
    # Each of the two runs logs in and out by itself, as without the cache (module tasks: 2 per run, the lookup keeps its token).
    assert counts(remedy) == (6, 4)


HOLDER = """
import json, sys, time
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import api as remedy
api = remedy.connect(json.loads(sys.argv[1]))
with api.client.auth.cache.locked() as held:  # the login lock of the jobs under test, taken as a login takes it
    assert held
    print('held', flush=True)
    time.sleep(600)
"""


def test_a_job_killed_while_holding_the_login_lock_delays_the_others_by_their_timeout_at_most(remedy, valkey, job):
    command, env, node = job('victim')
    params = {'url': env['REMEDY_URL'], 'ca_path': env['REMEDY_CA_PATH'], 'username': env['REMEDY_USERNAME'],
              'password': env['REMEDY_PASSWORD'], 'token_cache': True, 'timeout': 3}
    import json
    holder_env = dict(env, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))
    holder = subprocess.Popen([sys.executable, '-c', HOLDER, json.dumps(params)], env=holder_env, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == 'held'
    finally:
        holder.send_signal(signal.SIGKILL)  # dies holding the lock: only the server's expiry can release it
        holder.wait()
    assert [key for key in valkey.items() if key.endswith(b':lock')]
    command, env, node = job('next', args=['-e', 'login_timeout=3'])
    started = time.time()
    outcome = run(command, env, node)
    elapsed = time.time() - started
    assert outcome.rc == 0, outcome
    assert elapsed < 3 + 20, elapsed  # the timeout plus one playbook run
    assert counts(remedy) == (1, 0)  # one login, stored for the task and the lookup after it


def test_the_purge_module_logs_out_what_the_jobs_cached_check_mode_first(ansible, remedy, valkey, job):
    command, env, node = job('worker')
    assert run(command, env, node).rc == 0
    assert counts(remedy) == (1, 0)
    purge = [os.path.join(BIN, 'ansible'), 'localhost', '-m', 'restauth.enterprise.token_cache', '-a', 'vendor=remedy']
    preview = run(purge + ['--check', '--diff'], env, node)
    assert preview.rc == 0 and 'CHANGED' in preview.output, preview
    assert 'BMC Remedy AR System %s' % remedy.url.rstrip('/') in preview.output
    assert counts(remedy) == (1, 0) and len([key for key in valkey.items() if b':' not in key[len(b'restauth:v1:'):]]) == 1
    done = run(purge, env, node)
    assert done.rc == 0 and '"logged_out": true' in done.output, done
    assert counts(remedy) == (1, 1)
    assert [key for key in valkey.items() if b':' not in key[len(b'restauth:v1:'):]] == []
    again = run(purge, env, node)
    assert again.rc == 0 and 'SUCCESS' in again.output, again  # nothing left: unchanged
    for outcome in (preview, done, again):
        assert valkey.password not in outcome.output and SHARED_KEY not in outcome.output
