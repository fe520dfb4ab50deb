# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""`make demo` as a user runs it: every vendor's part, against all the simulators at once."""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from simulators.xmatters import DEMO_FUNCTION_ID, DEMO_TRIGGER_API_KEY

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
VENV = os.path.dirname(os.path.dirname(sys.executable))
FAILED = re.compile(r'localhost\s*:\s*ok=\d+\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)')
PLAYBOOK_STARTS = '== Running the demo playbook'
# The secrets the simulators print for the reader before the playbook runs: the demo users' passwords (not the plain
# word of a trap user), API key secrets, API tokens and permanent tokens.
PRINTED_SECRETS = re.compile(r'^  (?:user \S+ / (\S+)|API key \S+ / (\S+)|API token (\S+)|permanent token (\S+))', re.M)
BLACKOUT_POLICY = '/tsws/10.0/api/unifiedadmin/BlackoutPolicy/'

pytestmark = pytest.mark.slow


def demo_parts():
    """The play names of every playbooks/demo_<vendor>.yml, by file."""
    parts = {}
    for path in sorted(glob.glob(os.path.join(ROOT, 'playbooks', 'demo_*.yml'))):
        with open(path, encoding='utf-8') as handle:
            parts[os.path.basename(path)] = [play['name'] for play in yaml.safe_load(handle)]
    return parts


def test_the_demo_imports_every_vendor_part():
    with open(os.path.join(ROOT, 'playbooks', 'demo.yml'), encoding='utf-8') as handle:
        imported = [play['ansible.builtin.import_playbook'] for play in yaml.safe_load(handle)]
    assert sorted(imported) == sorted(demo_parts())


def test_make_demo_runs_every_vendor_part_against_the_simulators(tmp_path):
    collections = tmp_path / 'collections'  # where `make demo` leaves the collection (./collections by default)
    env = dict(os.environ, TMPDIR=str(tmp_path))
    for name in list(env):  # only what the simulators write may configure the run
        if name.split('_')[0] in ('REMEDY', 'SPS', 'XTAM', 'XMATTERS', 'TRUESIGHT', 'DISCOVERY') or name.startswith('ANSIBLE_'):
            env.pop(name)
    env['ANSIBLE_NOCOLOR'] = '1'
    env['COLLECTIONS_DIR'] = str(collections)
    env['RESTAUTH_DEMO_SIM_DUMP'] = str(tmp_path / 'received.json')  # what the simulators received, written at their exit
    completed = subprocess.run(['bash', os.path.join(ROOT, 'tests', 'tools', 'demo.sh'), VENV],
                               env=env, capture_output=True, text=True, timeout=900, check=False, cwd=str(tmp_path))
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    recap = FAILED.search(output)
    assert recap and recap.groups() == ('0', '0'), output
    for playbook, plays in demo_parts().items():
        for play in plays:
            assert 'PLAY [%s]' % play in output, (playbook, play, output)
    assert 'Traceback' not in output
    # A clean run: no warning and no deprecation for the user to wonder about.
    assert '[WARNING]' not in output and '[DEPRECATION' not in output, output
    # The demo leaves nothing behind but the installed collection (and the dump asked for): its work directory is removed.
    assert sorted(os.listdir(str(tmp_path))) == ['collections', 'received.json']
    with open(str(tmp_path / 'received.json'), encoding='utf-8') as handle:
        received = json.load(handle)
    assert_alert_and_window(output, received)
    assert 'ANSIBLE_COLLECTIONS_PATH=%s ansible-doc' % collections in output
    assert_collection_usable(collections, env)


def assert_alert_and_window(output, received):
    """The xMatters alert and the TrueSight blackout: what the user reads, what the simulators received, no secret shown."""
    before, playbook = output.split(PLAYBOOK_STARTS, 1)
    # One trigger through the flow's trigger URL, authenticated by its apiKey alone (no user login).
    xm_requests = received['xmatters']['counters']['requests']
    assert xm_requests.get('POST /api/integration/1/functions/%s/triggers' % DEMO_FUNCTION_ID) == 1, xm_requests
    [event] = received['xmatters']['state']['events']
    assert event['submitter'] == {'targetName': 'integration'} and event['priority'] == 'HIGH', event
    assert event['properties'] == {'Summary': 'Disk full on db01 (restauth.enterprise demo)', 'Host': 'db01.example.com'}, event
    assert event['recipients'] == [{'targetName': 'Operations'}], event
    shown = ' '.join(playbook.split())  # the debug lines as the user reads them, however the callback wraps them
    assert 'Alert triggered (changed: True); xMatters request id %s' % event['requestId'] in shown, playbook
    # One blackout policy created for db01 and deleted, its timeframe too: TrueSight holds only its seed policy again.
    ts_requests = received['truesight']['counters']['requests']
    assert ts_requests.get('POST /tsws/10.0/api/unifiedadmin/BlackoutPolicy/create') == 1, ts_requests
    assert ts_requests.get('POST /tsws/10.0/api/unifiedadmin/Timeframe/create') == 1, ts_requests
    deleted = [path for path in ts_requests if path.startswith('DELETE ' + BLACKOUT_POLICY) and path.endswith('/delete')]
    assert len(deleted) == 1 and ts_requests[deleted[0]] == 1, ts_requests
    assert sum(count for path, count in ts_requests.items() if path.startswith('DELETE /tsws/10.0/api/unifiedadmin/Timeframe/')) == 1
    ts_state = received['truesight']['state']
    assert [policy['name'] for policy in ts_state['policies']] == ['Baseline'] and ts_state['timeframes'] == [], ts_state
    assert re.search(r'Blackout restauth\.enterprise demo window created \(changed: True\) until \S+Z; lifted \(changed: True\)', shown), playbook
    # The trigger URL's apiKey is never printed, nor any password, key secret or token the playbook used.
    secrets = {value for match in PRINTED_SECRETS.findall(before) for value in match if value and not value.isalpha()}
    assert len(secrets) >= 10, before  # the simulators did print them: the check below has something to look for
    for secret in secrets | {DEMO_TRIGGER_API_KEY}:
        assert secret not in playbook, secret


def assert_collection_usable(collections, env):
    """ansible-doc finds the installed collection's module with ANSIBLE_COLLECTIONS_PATH set to that directory."""
    assert os.path.isfile(os.path.join(str(collections), 'ansible_collections', 'restauth', 'enterprise', 'MANIFEST.json'))
    doc = subprocess.run([os.path.join(VENV, 'bin', 'ansible-doc'), '-t', 'module', 'restauth.enterprise.remedy_entry'],
                         env=dict(env, ANSIBLE_COLLECTIONS_PATH=str(collections)), capture_output=True, text=True, timeout=120, check=False)
    assert doc.returncode == 0, doc.stdout + doc.stderr
    assert 'restauth.enterprise.remedy_entry' in doc.stdout and 'not found' not in doc.stderr, doc.stdout + doc.stderr


def test_make_install_leaves_the_collection_where_ansible_doc_finds_it(tmp_path):
    collections = tmp_path / 'my-collections'  # make splits words at spaces: no space here
    env = {name: value for name, value in os.environ.items() if not name.startswith(('ANSIBLE_', 'MAKE', 'MFLAGS'))}
    # -o: the test runs on the venv it was given and never installs into it (were its stamp older than its pins, make
    # would rebuild that venv from tests/matrix/core-<version>.txt, the Makefile's rule for a matrix venv).
    completed = subprocess.run(['make', '--no-print-directory', '-C', ROOT, '-o', os.path.join(VENV, '.installed'), 'install', 'VENV=%s' % VENV,
                                'COLLECTIONS_DIR=%s' % collections],
                               env=env, capture_output=True, text=True, timeout=600, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert '[WARNING]' not in output, output
    assert 'use it with: ANSIBLE_COLLECTIONS_PATH=%s ansible-doc' % collections in output
    assert_collection_usable(collections, env)
