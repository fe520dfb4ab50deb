# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The sandbox a user starts with `make simulators` (``python -m simulators all``): what it prints and writes is
enough to run every vendor's modules, and it stops without leaving a process or a port behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
VENV = os.path.dirname(os.path.dirname(sys.executable))
VENDOR_COUNT = 6

pytestmark = pytest.mark.slow

# What a reader of the guides needs from the sandbox, besides the URLs and the CA file.
PRINTED = [
    'user Demo / Demo-Passw0rd!',  # Remedy
    'user ansible / Ansible-Passw0rd!', 'login method ldap-corp', 'API keys refused', 'client certificate of ansible (CN ansible-cert)',
    'user apiuser / Api-Passw0rd!', 'user operator / Op-Passw0rd!  (no API permission', 'user leaver / Gone-Passw0rd!  (deactivated',
    'user System / System-Passw0rd!  (the local System user never gets a token)',
    'OAuth client_id: 3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c',
    'API key x-api-key-5b1f6a4e-2c1d-4e8a-9d3b-7f0e6c2a1b90 / Api-Secr3t-9f8e7d6c',
    'user sso.user / Idp-Passw0rd!  (single sign-on',
    'API token xtam-demo-api-token-7Jq2  (valid', 'API token xtam-disabled-token  (disabled', 'API token xtam-expired-token  (expired',
    # The seed objects the guides and the role READMEs name.
    'Allen Allbrook (Allen)', 'people: demo, jdoe, asmith', 'i-3Apps000001 Applications', 'i-4SecretType Secret',
    "i-3AbCdEf0001 'api-key' in i-3Apps000001", '101 db01.example.com',
    'user viewer / View-Passw0rd!  (no API permission', 'permanent token perm-apiuser-6f1c2d9e8b7a  (of apiuser)',
    'vault credentials: seed-ssh',
]
ENV_NAMES = ['REMEDY_URL', 'REMEDY_CA_PATH', 'REMEDY_USERNAME', 'REMEDY_PASSWORD', 'SPS_URL', 'SPS_USERNAME', 'SPS_PASSWORD',
             'SPS_CLIENT_CERT', 'SPS_CLIENT_KEY', 'TRUESIGHT_URL', 'TRUESIGHT_USERNAME', 'XMATTERS_URL', 'XMATTERS_CLIENT_ID',
             'XMATTERS_DEMO_API_KEY', 'XMATTERS_DEMO_API_SECRET', 'XMATTERS_DEMO_SSO_USER', 'XTAM_URL', 'XTAM_API_TOKEN',
             'DISCOVERY_URL', 'DISCOVERY_USERNAME', 'DISCOVERY_PASSWORD']
# One module per vendor, run with nothing but the sourced env file.
MODULES = [
    ('restauth.enterprise.remedy_entry_info', 'form=CTM:People'),
    ('restauth.enterprise.sps_login_methods_info', ''),
    ('restauth.enterprise.truesight_device_info', ''),
    ('restauth.enterprise.xmatters_group_info', ''),
    ('restauth.enterprise.xtam_user_info', ''),
    ('restauth.enterprise.discovery_search_info', 'query="search Host show name"'),
]


def port_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(('127.0.0.1', port))
        except OSError:
            return False
    return True


def free_ports():
    """A base port P with P .. P+11 free: the HTTPS ports P + i and the plain-HTTP ports P + 6 + i."""
    for base in range(20000 + os.getpid() % 2000 * 10, 60000, 10):
        if all(port_free(base + offset) for offset in range(2 * VENDOR_COUNT)):
            return base
    raise AssertionError('no %d consecutive free ports' % (2 * VENDOR_COUNT))


def start(command, tmp_path, cwd):
    log = open(tmp_path / 'sandbox.log', 'w+', encoding='utf-8')  # pylint: disable=consider-using-with  # closed by stop()
    process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # pylint: disable=consider-using-with
    process.log = log
    return process


def wait_ready(process, env_file):
    deadline = time.monotonic() + 60
    while not (os.path.exists(env_file) and os.path.getsize(env_file)):
        assert process.poll() is None and time.monotonic() < deadline, output(process)
        time.sleep(0.2)


def output(process):
    process.log.flush()
    process.log.seek(0)
    return process.log.read()


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def stop_group(process, signum):
    """Signal the whole process group, as a terminal's Ctrl-C or a supervisor does; wait until no member is left."""
    os.killpg(process.pid, signum)
    try:
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        survived = group_alive(process.pid)
        if survived:  # never leave a hung sandbox holding ports for the next test
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        process.log.close()
    assert not survived, 'a process of the sandbox survived %s' % signal.Signals(signum).name


def assert_nothing_left(pgid, base, env_file):
    assert not group_alive(pgid), 'a process of the sandbox survived'
    busy = [base + offset for offset in range(2 * VENDOR_COUNT) if not port_free(base + offset)]
    assert busy == [], busy
    assert not os.path.exists(env_file)


@pytest.mark.parametrize('signum', [signal.SIGINT, signal.SIGTERM], ids=['SIGINT', 'SIGTERM'])
def test_sandbox_prints_and_writes_what_every_vendor_needs_and_stops_cleanly(ansible, tmp_path, signum):
    base = free_ports()
    env_file = str(tmp_path / 'sim.env')
    process = start([sys.executable, '-m', 'simulators', 'all', '--port', str(base), '--http-port', str(base + VENDOR_COUNT),
                     '--env-file', env_file], tmp_path, os.path.join(ROOT, 'tests'))
    try:
        wait_ready(process, env_file)
        printed = output(process)
        for item in PRINTED:
            assert item in printed, (item, printed)
        for index, vendor in enumerate(['remedy', 'sps', 'truesight', 'xmatters', 'xtam', 'discovery']):
            url = 'https://127.0.0.1:%d%s' % (base + index, '/xtam' if vendor == 'xtam' else '')
            assert '%s: url=%s ' % (vendor, url) in printed, printed
        assert '. %s' % env_file in printed
        with open(env_file, encoding='utf-8') as handle:
            written = handle.read()
        for name in ENV_NAMES:
            assert 'export %s=' % name in written, name
        assert 'export XTAM_URL=https://127.0.0.1:%d/xtam\n' % (base + 4) in written
        certificate = subprocess.run(['bash', '-c', '. "$0" && cat "$SPS_CLIENT_CERT" "$SPS_CLIENT_KEY"', env_file],
                                     capture_output=True, text=True, check=True).stdout
        assert 'BEGIN CERTIFICATE' in certificate and 'PRIVATE KEY' in certificate

        for module, module_args in MODULES:
            run = subprocess.run(['bash', '-c', '. "$0" && exec ansible localhost -m "$1" -a "$2"', env_file, module, module_args],
                                 env=ansible.env, cwd=str(tmp_path), capture_output=True, text=True, timeout=120, check=False)
            assert run.returncode == 0 and 'SUCCESS' in run.stdout, (module, run.stdout, run.stderr)
    finally:
        if process.poll() is None:
            stop_group(process, signum)
    assert process.returncode == 0, 'the sandbox exited with %s' % process.returncode
    assert_nothing_left(process.pid, base, env_file)


def make_simulators(tmp_path, base, env_file):
    return start(['make', '--no-print-directory', '-C', ROOT, 'simulators', 'VENV=%s' % VENV, 'SIM_PORT=%d' % base,
                  'SIM_HTTP_PORT=%d' % (base + VENDOR_COUNT), 'SIM_ENV=%s' % env_file], tmp_path, str(tmp_path))


@pytest.mark.parametrize('signum', [signal.SIGINT, signal.SIGTERM], ids=['SIGINT', 'SIGTERM'])
def test_make_simulators_uses_fixed_ports_and_leaves_no_orphan(tmp_path, signum):
    base = free_ports()
    env_file = str(tmp_path / 'sim.env')
    process = make_simulators(tmp_path, base, env_file)
    try:
        wait_ready(process, env_file)
        assert 'remedy: url=https://127.0.0.1:%d ' % base in output(process)
        assert not port_free(base) and not port_free(base + 2 * VENDOR_COUNT - 1)
    finally:
        stop_group(process, signum)
    assert_nothing_left(process.pid, base, env_file)


def test_the_sandbox_stops_when_make_is_killed_alone(tmp_path):
    """`make` killed without passing a signal on (SIGKILL, a closed CI job): the simulators notice and stop."""
    base = free_ports()
    env_file = str(tmp_path / 'sim.env')
    process = make_simulators(tmp_path, base, env_file)
    try:
        wait_ready(process, env_file)
        process.kill()  # make only, not its group
        process.wait(timeout=10)
        deadline = time.monotonic() + 15
        while group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        if group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.log.close()
    assert_nothing_left(process.pid, base, env_file)
