# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""An action group's ``module_defaults`` give a module of the group only the options it has (``InProcessAction``).

ansible-core merges the defaults of every action group a module is in into the task's args before the action runs.
These tests let ansible-core itself do that: a play is loaded and post-validated by the ansible-core under test, its
``module_defaults`` are merged as the task executor merges them, and the collection's real action plugin (from the
plugin loader) runs up to the point where it would run the module; what it would give the module is recorded. That
needs Ansible's collection loader, which the rest of the unit suite runs without, so it happens in one child process.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys

import pytest
import yaml
from ansible.module_utils import basic

from ansible_collections.restauth.enterprise.plugins.module_utils._options import ANONYMOUS_OPTIONS
from ansible_collections.restauth.enterprise.plugins.plugin_utils import _in_process

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
COLLECTIONS = os.path.join(ROOT, '.cache', 'collections')  # tests/conftest.py links the checkout there
SPS = 'group/restauth.enterprise.sps'
MODULES = 'ansible_collections.restauth.enterprise.plugins.modules'
CREDENTIALS = {'username': 'admin', 'password': 'Group-Passw0rd!', 'api_key': 'Group-Api-Key', 'token_cache': True}

RUNNER = r'''
import json
import os
import subprocess
import sys

from ansible.plugins.loader import action_loader, connection_loader, init_plugin_loader

init_plugin_loader([sys.argv[1]])

from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play import Play
from ansible.playbook.play_context import PlayContext
from ansible.template import Templar
from ansible_collections.restauth.enterprise.plugins.plugin_utils._in_process import InProcessAction

try:  # ansible-core 2.16 to 2.18: the task executor merges module_defaults into the post-validated args
    from ansible.executor.module_common import get_action_args_with_defaults
except ImportError:  # 2.19 and later: post_validate merges them
    get_action_args_with_defaults = None
try:  # ansible-core 2.19 and later template only what a playbook file gave
    from ansible.template import trust_as_template
except ImportError:
    def trust_as_template(value):
        return value


class Reached(Exception):
    pass


def reached(self, task_vars):
    """Where the action decides how to run the module: the args are final (both ways)."""
    raise Reached(dict(self._task.args))


InProcessAction._launch_reason = reached
loader = DataLoader()
results = []
for case in json.load(sys.stdin):
    task_ds = dict((key, trust_as_template(value) if key == 'args' else value) for key, value in case['task'].items())
    if case.get('block_defaults'):
        task_ds = {'block': [task_ds], 'module_defaults': case['block_defaults']}
    defaults = dict((key, trust_as_template(value) if isinstance(value, str) else value) for key, value in case['defaults'].items())
    play = Play.load(dict(hosts='localhost', gather_facts=False, module_defaults=defaults, tasks=[task_ds]),
                     variable_manager=None, loader=loader)
    task = play.tasks[0]
    while hasattr(task, 'block'):
        task = task.block[0]
    templar = Templar(loader=loader, variables=case.get('vars') or {})
    task.post_validate(templar=templar if get_action_args_with_defaults else templar._engine)
    if get_action_args_with_defaults:
        task.args = get_action_args_with_defaults(task.resolved_action, task.args, task.module_defaults, templar,
                                                  action_groups=task._parent._play._action_groups)
    merged = dict(task.args)
    play_context = PlayContext()
    connection = connection_loader.get('local', play_context, os.devnull)
    action = action_loader.get(task.resolved_action, task=task, connection=connection, play_context=play_context, loader=loader,
                               templar=templar, shared_loader_obj=None)
    try:
        action.run(task_vars={})
    except Reached as exc:
        given = exc.args[0]
    result = dict(merged=merged, given=given)
    if case.get('run_module'):
        module_file = os.path.join(sys.argv[2], 'plugins', 'modules', task.resolved_action.split('.')[-1] + '.py')
        run = subprocess.run([sys.executable, module_file, json.dumps({'ANSIBLE_MODULE_ARGS': given})], capture_output=True, text=True,
                             env=dict(os.environ, PYTHONPATH=sys.argv[1]))
        result.update(rc=run.returncode, output=run.stdout + run.stderr)
    results.append(result)
json.dump(results, sys.stdout)
'''


def case(module, task_args=None, defaults=None, **more):
    return dict(task={'restauth.enterprise.' + module: task_args}, defaults=defaults or {}, **more)


class Recorded(Exception):
    pass


def spec_names(module_name):
    """The options and aliases of the argument spec module ``module_name`` really gives AnsibleModule (its main() runs until then)."""
    def record(self, argument_spec, **kwargs):
        raise Recorded(argument_spec)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(basic.AnsibleModule, '__init__', record)
        with pytest.raises(Recorded) as recorded:
            importlib.import_module('%s.%s' % (MODULES, module_name)).main()
    spec = recorded.value.args[0]
    return set(spec).union(*(entry.get('aliases') or () for entry in spec.values()))


def runtime_groups():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        return yaml.safe_load(handle)['action_groups']


def every_option_of_every_grouped_module():
    """A case per module of an action group: the group's defaults give every option the module has."""
    return [case(module, defaults={'group/restauth.enterprise.' + group: dict((name, 'x') for name in spec_names(module))})
            for group, members in sorted(runtime_groups().items()) for module in members]


CASES = {
    'group credentials': case('sps_login_methods_info', {'ca_path': '/ca.pem'}, {SPS: dict(CREDENTIALS, url='https://sps.example.com')}),
    'token module': case('sps_token', {'login_method': 'local'}, {SPS: dict(CREDENTIALS, url='https://sps.example.com')}),
    'inner layer': case('sps_login_methods_info', None, {SPS: dict(CREDENTIALS)},
                        block_defaults={SPS: {'url': 'https://inner.example.com', 'username': 'inner'}}),
    'own credential': case('sps_login_methods_info', {'username': 'Own-User-9'}, {SPS: dict(CREDENTIALS, url='https://127.0.0.1:9')},
                           run_module=True),
    'variable args': dict(case('sps_login_methods_info', None, {SPS: dict(CREDENTIALS, url='https://sps.example.com')}),
                          task={'restauth.enterprise.sps_login_methods_info': None, 'args': '{{ task_args }}'},
                          vars={'task_args': {'api_key': 'Own-Key-7'}}),
    'templated defaults': case('sps_login_methods_info', None, {SPS: '{{ sps_defaults }}'},
                               vars={'sps_defaults': dict(CREDENTIALS, url='https://sps.example.com')}),
    'module defaults': case('sps_login_methods_info', None, {SPS: dict(CREDENTIALS, url='https://sps.example.com'),
                                                             'restauth.enterprise.sps_login_methods_info': {'username': 'Own-User-9'}}),
    'other group': case('sps_login_methods_info', None, {'group/restauth.enterprise.xtam': {'username': 'xtam-user'},
                                                         'restauth.enterprise.sps_login_methods_info': {'url': 'u', 'username': 'Own-User-9'}}),
    'misspelt': case('sps_login_methods_info', None, {SPS: {'url': 'https://sps.example.com', 'usrname': 'admin'}}),
    'remedy info': case('remedy_entry_info', {'form': 'HPD:Help Desk'}, {'group/restauth.enterprise.remedy': {'url': 'u', 'state': 'present'}}),
    'remedy entry': case('remedy_entry', {'form': 'HPD:Help Desk', 'values': {}}, {'group/restauth.enterprise.remedy': {'url': 'u', 'state': 'present'}}),
}


@pytest.fixture(scope='module')
def given():
    """What the action plugin gives the module in each case of CASES (and of every_option_of_every_grouped_module())."""
    cases = list(CASES.values()) + every_option_of_every_grouped_module()
    run = subprocess.run([sys.executable, '-c', RUNNER, COLLECTIONS, ROOT], input=json.dumps(cases), capture_output=True, text=True,
                         env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS), timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    return dict(zip(list(CASES) + ['every %d' % index for index in range(len(cases) - len(CASES))], results))


def test_the_groups_credentials_are_left_out_for_a_module_without_them(given):
    assert given['group credentials']['merged']['username'] == 'admin'  # ansible-core did merge them
    assert given['group credentials']['given'] == {'url': 'https://sps.example.com', 'ca_path': '/ca.pem'}


def test_a_group_entry_given_as_a_template_is_read_templated(given):
    assert given['templated defaults']['merged']['username'] == 'admin'
    assert given['templated defaults']['given'] == {'url': 'https://sps.example.com'}


def test_the_inner_module_defaults_replace_the_outer_ones_as_in_ansible_core(given):
    assert given['inner layer']['merged'] == {'url': 'https://inner.example.com', 'username': 'inner'}
    assert given['inner layer']['given'] == {'url': 'https://inner.example.com'}


def test_a_module_that_has_the_options_gets_them_all(given):
    assert given['token module']['given'] == dict(CREDENTIALS, url='https://sps.example.com', login_method='local')
    assert given['remedy entry']['given'] == given['remedy entry']['merged']
    assert given['remedy entry']['given']['state'] == 'present'


def test_an_option_a_module_has_is_never_left_out(given):
    every = [result for name, result in given.items() if name.startswith('every ')]
    assert len(every) == sum(len(members) for members in runtime_groups().values()) > 40
    for result in every:
        assert result['given'] == result['merged'] and result['given']


def test_any_module_of_a_group_loses_what_it_lacks_not_only_the_sps_one(given):
    assert given['remedy info']['merged']['state'] == 'present'
    assert given['remedy info']['given'] == {'url': 'u', 'form': 'HPD:Help Desk'}


def test_a_credential_given_in_the_task_stays_and_the_module_refuses_it(given):
    result = given['own credential']
    assert result['given'] == {'url': 'https://127.0.0.1:9', 'username': 'Own-User-9'}
    assert result['rc'] == 1
    assert 'Unsupported parameters' in result['output'] and 'username' in result['output'], result['output']
    assert given['variable args']['given'] == {'url': 'https://sps.example.com', 'api_key': 'Own-Key-7'}


def test_the_modules_own_module_defaults_entry_is_its_own_choice(given):
    assert given['module defaults']['given'] == {'url': 'https://sps.example.com', 'username': 'Own-User-9'}


def test_the_defaults_of_a_group_the_module_is_not_in_are_untouched(given):
    assert given['other group']['merged'] == {'url': 'u', 'username': 'Own-User-9'}
    assert given['other group']['given'] == given['other group']['merged']


def test_a_misspelt_option_no_module_of_the_group_has_is_still_refused(given):
    assert given['misspelt']['given'] == {'url': 'https://sps.example.com', 'usrname': 'admin'}


def test_the_groups_are_read_from_runtime_yml_in_both_forms_with_the_groups_they_extend(tmp_path, monkeypatch):
    (tmp_path / 'meta').mkdir()
    (tmp_path / 'meta' / 'runtime.yml').write_text(
        'action_groups:\n  anonymous:\n    - metadata:\n        extend_group: [restauth.enterprise.sps, ansible.builtin.other]\n'
        '    - restauth.enterprise.sps_login_methods_info\n  sps:\n    - sps_token\n    - metadata:\n        extend_group: anonymous\n'
        '  xtam:\n    - restauth.enterprise.xtam_token\n')
    monkeypatch.setattr(_in_process, 'ROOT', str(tmp_path))
    _in_process.action_groups.cache_clear()
    try:
        assert _in_process.action_groups() == {'anonymous': {'sps_login_methods_info', 'sps_token'}, 'sps': {'sps_token', 'sps_login_methods_info'},
                                               'xtam': {'xtam_token'}}
        assert _in_process.group_keys('sps_login_methods_info') == {
            'group/anonymous': 'anonymous', 'group/restauth.enterprise.anonymous': 'anonymous',
            'group/sps': 'sps', 'group/restauth.enterprise.sps': 'sps'}
        assert _in_process.group_keys('xtam_token') == {'group/xtam': 'xtam', 'group/restauth.enterprise.xtam': 'xtam'}
        assert _in_process.group_keys('xtam_api') == {}
    finally:
        monkeypatch.undo()
        _in_process.action_groups.cache_clear()
    assert 'xtam_api' in _in_process.action_groups()['xtam']


@pytest.mark.parametrize('module_name', sorted(module for members in runtime_groups().values() for module in members))
def test_the_options_a_module_has_are_those_of_its_argument_spec(module_name):
    assert _in_process.accepted_options(module_name) == spec_names(module_name)


def test_the_options_of_the_anonymous_module_are_its_fragment_variants():
    assert _in_process.accepted_options('sps_login_methods_info') == frozenset(ANONYMOUS_OPTIONS)
    assert _in_process.accepted_options('no_such_module') is None
