# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection's action plugins: results marked no_log, and modules run in the worker process or launched."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import sysconfig

from pathlib import Path

import pytest

from ansible import release as ansible_release

from simulators.xmatters import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CLIENT_ID, DEMO_PASSWORD, DEMO_USER, SSO_USER


pytestmark = pytest.mark.slow

XTAM_USER = 'demo'
XTAM_PASSWORD = 'Demo-Passw0rd!'
# ISO 8601, and the HTTP date of a Date header (returned by the <vendor>_api modules).
TIMESTAMP = re.compile(r'^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?|[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$)')
# What the simulators make up: UUIDs, SPS keys (hex), XTAM record ids.
SERVER_ID = re.compile(r'^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{20,32}|i-sim\d+)$')
DB01_SECRET = 's3cr3t-db01'  # the simulator's seed record i-2qhyGh2UB0V
CORE = tuple(int(part) for part in ansible_release.__version__.split('.')[:2])
# ansible-core 2.16 to 2.18 lack the API the in-process runner needs (_in_process.HAS_IN_PROCESS_API): every
# module is launched there, and the action plugin says why at -vvvv.
IN_PROCESS_CORE = CORE >= (2, 19)
NO_API = re.compile(r'restauth\.enterprise: launching restauth\.enterprise\.\w+ \(ansible-core has no in-process module API\)')


def xtam_vars(xtam):
    return {'xtam_url': xtam.url + '/xtam', 'xtam_ca': xtam.ca_path, 'xtam_user': XTAM_USER, 'xtam_password': XTAM_PASSWORD}


def test_unlock_without_no_log_hides_the_result_but_registers_it(ansible, xtam):
    facts = dict(xtam_vars(xtam), secret_length=len(DB01_SECRET), secret_sha256=hashlib.sha256(DB01_SECRET.encode()).hexdigest())
    run = ansible.playbook('xtam_record_info_unlock_output.yml', facts, args=['-vvv'])
    assert run.rc == 0, run
    assert run.recap() == (4, 0, 0, 0), run
    assert 'registered secret length %d' % len(DB01_SECRET) in run.stdout, run  # the variable holds the value
    assert DB01_SECRET not in run.output, 'the unlocked secret reached the -vvv output'
    assert XTAM_PASSWORD not in run.output
    assert "the output has been hidden due to the fact that 'no_log: true' was specified for this result" in run.stdout
    assert '"name": "db01 root"' in run.stdout, run  # the read without unlock is shown as before
    counters = xtam.control.counters()
    assert counters['requests'].get('GET /xtam/rest/record/unlock/i-2qhyGh2UB0V') == 1, counters


# ---------------------------------------------------------------------------------------------
# In-process and launched runs give the same results.

# A callback, written into the test's directory, that keeps every result of this collection's tasks as the
# worker returned it (censored when no_log), in the order the tasks ran.
RESULTS_CALLBACK = '''
import json
import re
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'restauth_results'
    CALLBACK_NEEDS_ENABLED = True

    def _keep(self, status, result):
        task = result._task
        if not task.action.startswith('restauth.enterprise.'):
            return
        data = getattr(result, 'result', None)
        data = result._result if data is None else data
        with open(os.environ['RESTAUTH_RESULTS_FILE'], 'a') as out:
            out.write(json.dumps({'task': task.get_name(), 'host': result._host.get_name(), 'status': status,
                                  'result': data}, default=repr, sort_keys=True) + '\\n')

    def v2_runner_on_ok(self, result):
        self._keep('ok', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._keep('failed', result)

    def v2_runner_on_skipped(self, result):
        self._keep('skipped', result)

    def v2_runner_item_on_ok(self, result):
        self._keep('item ok', result)

    def v2_runner_item_on_failed(self, result):
        self._keep('item failed', result)
'''


def results_of(ansible, tmp_path, name, extra_vars, in_process, args=(), label='', verbosity='-vvv'):
    """Run a playbook with in-process on or off; the collection's task results, and the run."""
    plugins = tmp_path / 'callback_plugins'
    plugins.mkdir(exist_ok=True)
    (plugins / 'restauth_results.py').write_text(RESULTS_CALLBACK)
    results = tmp_path / ('results-%s-%s%s.jsonl' % (name, 'in' if in_process else 'launched', label))
    env = {'ANSIBLE_CALLBACK_PLUGINS': str(plugins), 'ANSIBLE_CALLBACKS_ENABLED': 'restauth_results',
           'RESTAUTH_RESULTS_FILE': str(results), 'RESTAUTH_IN_PROCESS': '1' if in_process else '0'}
    run = ansible.playbook(name, extra_vars, env=env, args=list(args) + [verbosity])
    lines = results.read_text().splitlines() if results.exists() else []
    return [json.loads(line) for line in lines], run


def playbook_vars(vendor, handle, tmp_path):
    """The extra vars the vendor's playbooks take (as in the vendor's own test file)."""
    out = {'out_dir': str(tmp_path)}
    if vendor == 'remedy':
        return dict(out, remedy_url=handle.url, remedy_ca=handle.ca_path, remedy_user='Demo', remedy_password='Demo-Passw0rd!')
    if vendor == 'sps':
        return dict(out, sps_url=handle.url, sps_ca=handle.ca_path, sps_user='ansible', sps_password='Ansible-Passw0rd!',
                    smtp_password='Smtp-S3cret-Value')
    if vendor == 'truesight':
        return dict(out, ts_url=handle.url, ts_ca=handle.ca_path, ts_user='apiuser', ts_password='Api-Passw0rd!')
    if vendor == 'discovery':
        return dict(out, disco_url=handle.url, disco_ca=handle.ca_path, disco_user='apiuser', disco_password='Api-Passw0rd!',
                    disco_permanent='perm-apiuser-6f1c2d9e8b7a', scan_password='Scan-Secret-41', scan_password_2='Scan-Secret-42')
    if vendor == 'xmatters':
        return dict(out, xm_url=handle.url, xm_ca=handle.ca_path, xm_user=DEMO_USER, xm_password=DEMO_PASSWORD, xm_api_key=DEMO_API_KEY,
                    xm_api_secret=DEMO_API_SECRET, xm_client_id=DEMO_CLIENT_ID, xm_sso_user=SSO_USER,
                    xm_sso_password=handle.env()['XMATTERS_DEMO_SSO_PASSWORD'])
    return dict(out, **xtam_vars(handle), xtam_api_token='xtam-demo-api-token-7Jq2', xtam_auth_type='basic',
                record_password='Pw-One-111', rotated_password='Pw-Two-222')


# Every module of the collection runs in at least one of these; the failures, check mode, diff, loops and
# no_log tasks in them are compared too.
COMPARED = [
    ('remedy', 'remedy_entry.yml', ()),
    ('remedy', 'remedy_token.yml', ()),
    ('remedy', 'remedy_idempotent.yml', ('--diff',)),
    ('sps', 'sps_modules.yml', ()),
    ('sps', 'sps_check_mode.yml', ('--check', '--diff')),
    ('truesight', 'truesight_token.yml', ()),
    ('truesight', 'truesight_read.yml', ()),
    ('xmatters', 'xmatters_group.yml', ()),
    ('xmatters', 'xmatters_auth.yml', ()),
    ('xmatters', 'xmatters_check_mode.yml', ('--check', '--diff')),
    ('xtam', 'xtam_record.yml', ()),
    ('xtam', 'xtam_token.yml', ()),
    ('xtam', 'xtam_check_mode.yml', ('--check', '--diff')),
    ('remedy', 'remedy_api_calls.yml', ()),
    ('sps', 'sps_api_calls.yml', ()),
    ('truesight', 'truesight_api_calls.yml', ()),
    ('xmatters', 'xmatters_api_calls.yml', ()),
    ('xtam', 'xtam_api_calls.yml', ()),
    ('discovery', 'discovery_modules.yml', ()),
]


class Comparison:
    """Compares the results of the two runs key by key.

    The servers make up new ids (UUIDs, keys, record ids) in each run, and the clock moves: an id
    may differ only as a consistent renaming over the whole playbook (one id of one run is always
    the same id of the other), wherever it appears, also inside a longer string such as a link.
    """

    def __init__(self):
        self.renamed = {}
        self.found = []

    def learn(self, left, right):
        """Pair the server-made ids that stand at the same place in both runs."""
        if isinstance(left, dict) and isinstance(right, dict):
            for key in set(left) & set(right):
                self.learn(left[key], right[key])
        elif isinstance(left, list) and isinstance(right, list):
            for pair in zip(left, right):
                self.learn(*pair)
        elif isinstance(left, str) and isinstance(right, str) and left != right and SERVER_ID.match(left) and SERVER_ID.match(right):
            if self.renamed.setdefault(left, right) != right:
                self.found.append('%r stands for both %r and %r in the launched run' % (left, self.renamed[left], right))

    def check(self, left, right, where):
        if isinstance(left, dict) and isinstance(right, dict):
            for key in sorted(set(left) | set(right)):
                if key not in left or key not in right:
                    self.found.append('%s[%r] only %s' % (where, key, 'in-process' if key in left else 'launched'))
                else:
                    self.check(left[key], right[key], '%s[%r]' % (where, key))
        elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
            for index, pair in enumerate(zip(left, right)):
                self.check(pair[0], pair[1], '%s[%d]' % (where, index))
        elif isinstance(left, str) and isinstance(right, str) and TIMESTAMP.match(left) and TIMESTAMP.match(right):
            pass  # the clock moved between the two runs
        elif isinstance(left, str) and isinstance(right, str) and self.rename(left) == right:
            pass
        elif left != right:
            self.found.append('%s: %r in-process, %r launched' % (where, left, right))

    def rename(self, text):
        for old in sorted(self.renamed, key=len, reverse=True):
            text = text.replace(old, self.renamed[old])
        return text

    def compare(self, inside, launched):
        for left, right in zip(inside, launched):
            self.learn(left['result'], right['result'])
        if len(set(self.renamed.values())) != len(self.renamed):
            self.found.append('two ids of the in-process run became one: %r' % self.renamed)
        for left, right in zip(inside, launched):
            self.check(left['result'], right['result'], left['task'])
        return self.found


def calls(requests, known, rename=str):
    """Requests per call, ids renamed as learned from the results; ids never seen in a result (seeded by the server) as <id>."""
    counted = {}
    for call, count in requests.items():
        call = '/'.join('<id>' if SERVER_ID.match(part) and part not in known else part for part in rename(call).split('/'))
        counted[call] = counted.get(call, 0) + count
    return counted


def module_runs_of(results):
    """How many times a module ran: once per task or loop item; the summary of a loop is no run.

    A loop's summary is told by the task's item results, not by a "results" key (discovery_search_info returns one).
    """
    looped = set(item['task'] for item in results if item['status'].startswith('item'))
    return len([item for item in results if item['status'].startswith('item') or item['task'] not in looped])


@pytest.mark.parametrize('vendor, name, args', COMPARED, ids=[name for _dummy, name, _args in COMPARED])
def test_in_process_and_launched_results_are_the_same(ansible, fresh_server, tmp_path, vendor, name, args):
    if not IN_PROCESS_CORE:
        # Nothing to compare on this core: the default run launches every module, and says so.
        handle = fresh_server(vendor)
        launched, run = results_of(ansible, tmp_path, name, playbook_vars(vendor, handle, tmp_path), True, args, verbosity='-vvvv')
        assert launched, run
        assert len(NO_API.findall(run.output)) == module_runs_of(launched), run
        assert 'restauth.enterprise: running' not in run.output and run.output.count('AnsiballZ_') >= module_runs_of(launched), run
        # The results are the module's own: a launched module that crashed would show its stderr instead.
        crashed = [item['task'] for item in launched if 'module_stderr' in item['result'] or 'MODULE FAILURE' in str(item['result'].get('msg'))]
        assert not crashed, crashed
        assert handle.control.counters()['requests'], 'the server saw no call'
        return
    runs = {}
    for in_process in (True, False):
        handle = fresh_server(vendor)
        results, run = results_of(ansible, tmp_path, name, playbook_vars(vendor, handle, tmp_path), in_process, args)
        runs[in_process] = (results, run, handle.control.counters())
    (inside, run_in, counters_in), (launched, run_out, counters_out) = runs[True], runs[False]
    assert run_in.rc == run_out.rc and run_in.recap() == run_out.recap(), (run_in, run_out)
    assert inside, run_in
    # The way each task ran: every module in the worker by default, every one launched when turned off.
    module_runs = module_runs_of(inside)
    assert run_in.output.count('restauth.enterprise: running restauth.enterprise.') == module_runs, run_in
    assert 'restauth.enterprise: running' not in run_out.output and run_out.output.count('AnsiballZ_') >= module_runs, run_out
    assert [(item['task'], item['status']) for item in inside] == [(item['task'], item['status']) for item in launched]
    comparison = Comparison()
    found = comparison.compare(inside, launched)
    assert not found, '\n'.join(found)
    # The servers saw the same calls (on the same objects, under their new ids).
    known = set(comparison.renamed.values())
    assert calls(counters_in['requests'], known, comparison.rename) == calls(counters_out['requests'], known)
    assert counters_in['logins'] == counters_out['logins']


def test_local_hosts_run_in_process_and_another_python_is_launched(ansible, remedy, tmp_path):
    other = tmp_path / 'other-venv'
    subprocess.run([sys.executable, '-m', 'venv', '--without-pip', str(other)], check=True)
    # Another venv that can import what this one has (requests, ansible), yet is not the controller's Python.
    site = sysconfig.get_paths()['purelib']
    other_site = subprocess.run([str(other / 'bin' / 'python'), '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'],
                                check=True, capture_output=True, text=True).stdout.strip()
    Path(other_site, 'controller-site.pth').write_text(site + '\n')
    inventory = tmp_path / 'inventory.ini'
    inventory.write_text('controller ansible_connection=local ansible_python_interpreter=%s\n'
                         'other_python ansible_connection=local ansible_python_interpreter=%s\n'
                         'managed ansible_host=192.0.2.1 ansible_connection=ssh\n'
                         'delegating ansible_host=192.0.2.2 ansible_connection=ssh ansible_python_interpreter=%s\n'
                         % (sys.executable, other / 'bin' / 'python', other / 'bin' / 'python'))
    extra = {'remedy_url': remedy.url, 'remedy_ca': remedy.ca_path, 'remedy_user': 'Demo', 'remedy_password': 'Demo-Passw0rd!'}
    run = ansible.playbook('remedy_entry_info_in_process_targets.yml', extra, args=['-i', str(inventory), '-vvvv', '--forks', '1'])
    assert run.rc == 0, run
    assert re.search(r'controller\s*:\s*ok=5 .*failed=0', run.stdout) and re.search(r'other_python\s*:\s*ok=4 .*failed=0', run.stdout), run
    assert re.search(r'managed\s*:\s*ok=4 .*failed=0', run.stdout) and re.search(r'delegating\s*:\s*ok=4 .*failed=0', run.stdout), run
    ran = re.findall(r'restauth\.enterprise: (running|launching) restauth\.enterprise\.remedy_entry_info(?: in-process| \(([^)]*)\))', run.output)
    # Per host: the read, the two loop items, the switched-off read.
    if not IN_PROCESS_CORE:  # no in-process run on this core: every module is launched, for that one reason
        assert ran == [('launching', 'ansible-core has no in-process module API')] * 17, ran
        assert remedy.control.counters()['logins'] == 4 * 3 + 1
        return
    assert ran.count(('running', '')) == 3 * 3, ran  # controller, managed and delegating (delegated to localhost)
    assert ran.count(('launching', 'restauth_in_process is false')) == 4, ran  # the variable is looked at first
    assert ran.count(('launching', 'interpreter %s is not the controller Python' % (other / 'bin' / 'python'))) == 3, ran
    assert ran.count(('launching', 'async')) == 1, ran
    assert len(ran) == 17, ran
    assert remedy.control.counters()['logins'] == 4 * 3 + 1  # the item without a URL never reached the server
