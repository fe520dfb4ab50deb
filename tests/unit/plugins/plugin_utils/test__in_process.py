# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The in-process module runner: what a module sees, what comes back, and what is left in the worker afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import warnings as python_warnings

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common import warnings
from ansible.release import __version__ as core_version

from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY
from ansible_collections.restauth.enterprise.plugins.plugin_utils import _in_process

try:  # ansible-core 2.19 and later
    from ansible.module_utils import _internal
except ImportError:
    _internal = None

CORE = tuple(int(part) for part in core_version.split('.')[:2])
# Before 2.19 ansible-core has no API to run a module in the worker: there every module is launched.
needs_api = pytest.mark.skipif(not _in_process.HAS_IN_PROCESS_API, reason='ansible-core %s has no in-process module API' % core_version)


def test_the_in_process_api_is_found_exactly_on_the_cores_that_have_it():
    assert _in_process.HAS_IN_PROCESS_API is (CORE >= (2, 19))


MODULE = '''
import os
import sys
import warnings

from ansible.module_utils import basic
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(how=dict(type='str'), password=dict(type='str', no_log=True)), supports_check_mode=True)
    how = module.params['how']
    sys.argv.append('changed by the module')
    sys.path.append('/changed/by/the/module')
    os.environ['LEFT_BY_MODULE'] = 'yes'
    warnings.simplefilter('ignore', UserWarning)
    if how == 'fail':
        module.fail_json(msg='refused', status=403)
    if how == 'raise':
        raise RuntimeError('an unexpected bug in the module')
    if how == 'exit_text':
        sys.exit('a bare exit with a message')
    if how == 'no_exit':
        return
    module.warn('a warning from the module')
    module.exit_json(changed=True, env=os.environ.get('FROM_TASK'), cwd=os.getcwd(), check_mode=module.check_mode,
                     password_seen=module.params['password'], args_seen=basic._ANSIBLE_ARGS is not None)


if __name__ == '__main__':
    main()
'''


@pytest.fixture(scope='module')
def fake_module(tmp_path_factory):
    root = tmp_path_factory.mktemp('fake-modules')
    package = root / 'restauth_fake_modules'
    package.mkdir()
    (package / '__init__.py').write_text('')
    (package / 'probe.py').write_text(textwrap.dedent(MODULE))
    sys.path.insert(0, str(root))
    yield 'restauth_fake_modules.probe'
    sys.path.remove(str(root))


def params(**args):
    args.setdefault('_ansible_check_mode', False)
    args.setdefault('_ansible_no_log', False)
    args.setdefault('_ansible_tracebacks_for', [])
    return json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()


def snapshot():
    return (dict(os.environ), list(sys.argv), list(sys.path), os.getcwd(), basic._ANSIBLE_ARGS, basic._ANSIBLE_PROFILE,
            _internal.is_controller, dict(warnings._global_warnings), dict(warnings._global_deprecations), sys.modules['__main__'],
            list(python_warnings.filters))


@needs_api
def test_the_module_sees_the_task_environment_and_directory_and_the_worker_gets_all_back(fake_module, tmp_path):
    before = snapshot()
    res = _in_process.run_module(fake_module, params(how='ok', password='Hunter2-secret', _ansible_check_mode=True),
                                 environment={'FROM_TASK': 'task value'}, cwd=str(tmp_path))
    assert res['rc'] == 0, res
    data = json.loads(res['stdout'])
    assert data['changed'] is True
    assert data['env'] == 'task value'
    assert data['cwd'] == str(tmp_path)
    assert data['check_mode'] is True
    assert data['args_seen'] is True
    # In the result, as from a launched module; not shown by the worker's display on its own.
    assert [warning['event']['msg'] for warning in data['warnings']] == ['a warning from the module']
    assert 'Hunter2-secret' not in res['stdout']  # the no_log value is masked everywhere, as when launched
    assert data['password_seen'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert 'FROM_TASK' not in os.environ and 'LEFT_BY_MODULE' not in os.environ
    assert snapshot() == before


@needs_api
def test_fail_json_is_a_failed_result_with_exit_code_1(fake_module):
    before = snapshot()
    res = _in_process.run_module(fake_module, params(how='fail'))
    assert res['rc'] == 1
    data = json.loads(res['stdout'])
    assert data['failed'] is True and data['msg'] == 'refused' and data['status'] == 403
    assert snapshot() == before


@needs_api
def test_an_exception_in_the_module_is_a_failure_without_traceback(fake_module):
    before = snapshot()
    res = _in_process.run_module(fake_module, params(how='raise'))
    assert res['rc'] == 1
    assert 'an unexpected bug in the module' in res['stdout']
    assert 'Traceback' not in res['stdout'] + res['stderr']
    assert json.loads(res['stdout'])['failed'] is True
    assert snapshot() == before


@needs_api
def test_a_bare_exit_and_a_module_that_never_exits(fake_module):
    res = _in_process.run_module(fake_module, params(how='exit_text'))
    assert res['rc'] == 1 and res['stdout'] == '' and 'a bare exit with a message' in res['stderr']
    res = _in_process.run_module(fake_module, params(how='no_exit'))
    assert res['rc'] == 1 and 'did not handle its own exit' in res['stdout']


@needs_api
def test_worker_state_is_back_even_when_the_loader_itself_breaks(fake_module, monkeypatch):
    before = snapshot()

    def broken(**_kwargs):
        os.environ['HALF_DONE'] = '1'
        raise KeyboardInterrupt

    monkeypatch.setattr(_in_process._ansiballz_loader, 'run_module', broken)
    with pytest.raises(KeyboardInterrupt):
        _in_process.run_module(fake_module, params(how='ok'), environment={'FROM_TASK': 'x'})
    assert snapshot() == before


@pytest.mark.parametrize('interpreter, same', [
    (sys.executable, True),
    (os.path.join(os.path.dirname(sys.executable), '.', os.path.basename(sys.executable)), True),
    ('/usr/bin/python3-not-this-one', False),
    ('no-such-python-anywhere', False),
])
def test_only_this_very_python_counts_as_the_controller_interpreter(interpreter, same):
    assert _in_process._same_executable(interpreter) is same


def test_loading_the_action_imports_every_registered_vendors_modules_ahead():
    """The strategy process imports them once for all its workers: a vendor left out is imported again by every task."""
    code = ('import sys; from ansible_collections.restauth.enterprise.plugins.plugin_utils import _in_process; '
            'print("\\n".join(sorted(sys.modules)))')
    loaded = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True,
                            env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))).stdout.split()
    for vendor in sorted(REGISTRY):
        missing = [name for name in REGISTRY[vendor].warm_imports if name not in loaded]
        assert missing == [], vendor
    assert 'ansible_collections.restauth.enterprise.plugins.module_utils._module' in loaded
