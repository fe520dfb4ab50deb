# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Jobs run the way AWX / Automation Controller runs them, with the shipped credential types.

For each vendor a private data directory is laid out as the controller lays it
out for ``ansible-runner``: the project playbook (no credentials in it), and in
``env/`` exactly what the credential type's injectors render for a credential
holding the simulator's URL, user, password and CA (see
``tests/controller_injection.py``). ``ansible-runner run`` then runs the job
with the installed collection; the simulator's counters show that the modules
and the lookup logged in with what was injected.
"""

from __future__ import annotations

import glob
import json
import os
import shlex
import shutil
import subprocess
import sys

import pytest

import controller_injection
from vendor_tables import env_prefixes, every_vendor, vendor_names

pytestmark = pytest.mark.slow

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, 'awx_project')
BIN = os.path.dirname(sys.executable)
VENDORS = vendor_names()
# Logins one module task and one token lookup make. xMatters with HTTP Basic has no login
# step: every call carries the user and password, so its calls are counted instead.
LOGINS = every_vendor('logins of a module task and a lookup', {'remedy': 2, 'sps': 2, 'xtam': 2, 'xmatters': 0, 'truesight': 2, 'discovery': 2})
MODULE_CALLS = every_vendor('a module call per vendor', {
    'remedy': 'GET /api/arsys/v1/entry/CTM:People',
    'sps': 'GET /api/configuration/aaa/local_database/api_keys',
    'xtam': 'GET /xtam/rest/user/whoami',
    'xmatters': 'GET /api/xm/1/groups',
    'truesight': 'GET /tsws/10.0/api/omprovider/devices',
    'discovery': 'GET /api/v1.10/data/search',
})
PREFIXES = env_prefixes() + ('ANSIBLE_', 'RESTAUTH_')


def inputs_for(handle):
    """A credential as a controller user would fill it in for this simulator."""
    env = handle.env()
    prefix = handle.vendor.env_prefix
    with open(handle.ca_path) as pem:
        ca_cert = pem.read()
    return {'url': env[prefix + '_URL'], 'username': env[prefix + '_USERNAME'], 'password': env[prefix + '_PASSWORD'], 'ca_cert': ca_cert}


class Job:
    """One ansible-runner job in its own private data directory."""

    def __init__(self, root, collections, playbook, injected, inventory=None):
        self.root = root
        self.secrets = []
        shutil.copytree(PROJECT, os.path.join(root, 'project'))
        env_dir = os.path.join(root, 'env')
        os.makedirs(env_dir, exist_ok=True)
        with open(os.path.join(env_dir, 'envvars'), 'w') as out:
            json.dump(injected.env, out)
        if injected.extra_vars_file:
            with open(os.path.join(env_dir, 'cmdline'), 'w') as out:
                out.write('-e @%s' % shlex.quote(injected.extra_vars_file))
        if inventory:
            os.makedirs(os.path.join(root, 'inventory'))
            with open(os.path.join(root, 'inventory', 'hosts.json'), 'w') as out:
                json.dump(inventory, out)
        self.playbook = playbook
        # The execution environment: the collection is installed, nothing of the
        # outer test environment leaks in.
        self.process_env = dict((name, value) for name, value in os.environ.items() if not name.startswith(PREFIXES))
        self.process_env.update({
            'ANSIBLE_COLLECTIONS_PATH': collections,
            'ANSIBLE_HOME': os.path.join(root, 'ansible-home'),
            'ANSIBLE_LOCAL_TEMP': os.path.join(root, 'ansible-tmp'),
            'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_NOCOLOR': '1',
            'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
        })

    def run(self):
        completed = subprocess.run([os.path.join(BIN, 'ansible-runner'), 'run', self.root, '-p', self.playbook, '--ident', 'job'],
                                   env=self.process_env, capture_output=True, text=True, timeout=300, check=False)
        artifacts = os.path.join(self.root, 'artifacts', 'job')
        self.status = _read(os.path.join(artifacts, 'status'))
        self.rc = _read(os.path.join(artifacts, 'rc'))
        self.stdout = _read(os.path.join(artifacts, 'stdout'))
        self.events = ''.join(_read(path) for path in sorted(glob.glob(os.path.join(artifacts, 'job_events', '*.json'))))
        self.runner_output = completed.stdout + completed.stderr
        return self

    def __repr__(self):
        return 'status=%s rc=%s\n--- stdout ---\n%s\n--- runner ---\n%s' % (self.status, self.rc, self.stdout[-6000:], self.runner_output[-3000:])


def _read(path):
    if not os.path.exists(path):
        return ''
    with open(path) as handle:
        return handle.read()


@pytest.mark.parametrize('vendor', VENDORS)
def test_environment_credential(vendor, fresh_server, collections_path, tmp_path):
    handle = fresh_server(vendor)
    inputs = inputs_for(handle)
    root = str(tmp_path / 'job')
    os.makedirs(root)
    injected = controller_injection.inject(controller_injection.load(vendor), inputs, root)
    # The CA travels as a file the controller writes; verification stays on.
    prefix = handle.vendor.env_prefix
    assert open(injected.env[prefix + '_CA_PATH']).read() == inputs['ca_cert']
    assert injected.env[prefix + '_VALIDATE_CERTS'] == 'true'

    job = Job(root, collections_path, vendor + '.yml', injected).run()

    assert job.status == 'successful', job
    counters = handle.control.counters()
    # The module and the lookup logged in with the injected user and password, and the module's call went through.
    assert counters['logins'] == LOGINS[vendor], counters
    assert counters['login_failures'] == 0, counters
    assert counters['requests'].get(MODULE_CALLS[vendor], 0) >= 1, counters
    assert inputs['password'] not in job.stdout + job.events


@pytest.mark.parametrize('vendor, extra', [
    pytest.param('xtam', lambda env: {'api_token': env['XTAM_API_TOKEN'], 'password': ''}, id='xtam-api-token'),
    pytest.param('xmatters', lambda env: {'client_id': env['XMATTERS_CLIENT_ID']}, id='xmatters-oauth'),
    pytest.param('discovery', lambda env: {'token': 'perm-apiuser-6f1c2d9e8b7a', 'password': ''}, id='discovery-permanent-token'),
])
def test_environment_credential_vendor_fields(vendor, extra, fresh_server, collections_path, tmp_path):
    handle = fresh_server(vendor)
    inputs = dict(inputs_for(handle), **extra(handle.env()))
    root = str(tmp_path / 'job')
    os.makedirs(root)
    injected = controller_injection.inject(controller_injection.load(vendor), inputs, root)

    job = Job(root, collections_path, vendor + '.yml', injected).run()

    assert job.status == 'successful', job
    counters = handle.control.counters()
    assert counters['login_failures'] == 0, counters
    if vendor == 'xtam':
        # The API token signs in through CAS, not with a password.
        assert any('/cas/' in key for key in counters['requests']), counters
    elif vendor == 'discovery':
        # The permanent token is used as it is: no login at all.
        assert counters['logins'] == 0 and counters['requests'].get(MODULE_CALLS[vendor]) == 1, counters
        return
    else:
        assert any('/oauth2/token' in key for key in counters['requests']), counters
    assert counters['logins'] >= 2, counters


def test_wrong_password_fails_without_showing_it(fresh_server, collections_path, tmp_path):
    handle = fresh_server('remedy')
    inputs = dict(inputs_for(handle), password='Not-The-Passw0rd!')
    root = str(tmp_path / 'job')
    os.makedirs(root)
    injected = controller_injection.inject(controller_injection.load('remedy'), inputs, root)

    job = Job(root, collections_path, 'remedy.yml', injected).run()

    assert job.status == 'failed', job
    counters = handle.control.counters()
    assert counters['logins'] == 0 and counters['login_failures'] == 1, counters
    assert 'Not-The-Passw0rd!' not in job.stdout + job.events
    assert 'BMC Remedy AR System' in job.stdout


@pytest.mark.parametrize('vendor', VENDORS)
def test_extra_vars_credential_on_a_managed_node(vendor, fresh_server, collections_path, tmp_path):
    handle = fresh_server(vendor)
    inputs = inputs_for(handle)
    root = str(tmp_path / 'job')
    os.makedirs(root)
    injected = controller_injection.inject(controller_injection.load(vendor + '_vars'), inputs, root)
    assert injected.env == {}
    # A managed node of its own; "local" keeps the test on this machine, and the
    # job's environment holds nothing of the credential.
    inventory = {'remote_nodes': {'hosts': {'node1': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}}}}

    job = Job(root, collections_path, 'remote_%s.yml' % vendor, injected, inventory=inventory).run()

    assert job.status == 'successful', job
    counters = handle.control.counters()
    assert counters['logins'] == LOGINS[vendor] // 2, counters
    assert counters['login_failures'] == 0, counters
    assert counters['requests'].get(MODULE_CALLS[vendor], 0) >= 1, counters
    assert inputs['password'] not in job.stdout + job.events


def test_token_cache_credential_lets_jobs_share_one_login_through_valkey(remedy, valkey, collections_path, tmp_path):
    """Two jobs, each with the Remedy credential and the restauth_token_cache credential (a key, the server, its password)."""
    valkey.flush()
    counts = []
    for number in (1, 2):
        root = str(tmp_path / ('job%d' % number))
        os.makedirs(root)
        vendor = controller_injection.inject(controller_injection.load('remedy'), inputs_for(remedy), root)
        cache = controller_injection.inject(controller_injection.load('restauth_token_cache'),
                                            {'url': valkey.url, 'key': 'awx-fleet-key-' + 'x' * 30, 'password': valkey.password}, root)
        vendor.env.update(cache.env)
        job = Job(root, collections_path, 'remedy.yml', vendor).run()
        assert job.status == 'successful', job
        assert valkey.password not in job.stdout + job.events
        counts.append(remedy.control.counters()['logins'])
    # Without the cache each job logs in twice (its module and its lookup): here the first job once, the second not at all.
    assert counts == [1, 1]
    assert remedy.control.counters()['logouts'] == 0
