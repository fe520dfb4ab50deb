# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every module's documentation as ansible-doc renders it, fragments merged, against the module's argspec.

Most of a module's documentation comes from generated fragments (connection
options, requirements, attributes): this reads the result the way a user does,
with one ``ansible-doc --json`` run over every module.
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

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if name.endswith('.py') and name != '__init__.py')
MAX_LINES = 150


class _Captured(Exception):
    pass


@pytest.fixture(scope='module')
def rendered():
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.cache', 'collections'))
    ansible_doc = os.path.join(os.path.dirname(sys.executable), 'ansible-doc')
    result = subprocess.run([ansible_doc, '--json', '-t', 'module'] + ['restauth.enterprise.%s' % name for name in MODULES],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def argument_spec(name, monkeypatch):
    """The argspec the module gives AnsibleModule, caught before it reads any arguments."""
    def capture(*args, **kwargs):
        raise _Captured(kwargs['argument_spec'] if 'argument_spec' in kwargs else args[1])
    monkeypatch.setattr(basic.AnsibleModule, '__init__', capture)
    module = importlib.import_module('ansible_collections.restauth.enterprise.plugins.modules.%s' % name)
    with pytest.raises(_Captured) as caught:
        module.main()
    return caught.value.args[0]


def groups_of(name):
    with open(os.path.join(ROOT, 'meta', 'runtime.yml'), encoding='utf-8') as handle:
        groups = yaml.safe_load(handle)['action_groups']
    return ['restauth.enterprise.%s' % group for group, members in groups.items() if name in members]


@pytest.mark.parametrize('name', MODULES)
def test_rendered_doc_shows_every_option_requirement_and_attribute(name, rendered, monkeypatch):
    doc = rendered['restauth.enterprise.%s' % name]['doc']
    spec = argument_spec(name, monkeypatch)
    assert sorted(doc['options']) == sorted(spec)
    for option, entry in doc['options'].items():
        assert entry.get('description'), option
    assert 'requests' in doc['requirements']
    attributes = doc['attributes']
    for attribute in ('check_mode', 'diff_mode', 'platform', 'action_group'):
        assert attributes[attribute]['description'] and attributes[attribute]['support'], attribute
    assert attributes['action_group']['membership'] == groups_of(name)
    if attributes['check_mode']['support'] == 'partial':
        assert attributes['check_mode'].get('details'), 'a partial check mode says what it does'


@pytest.mark.parametrize('name', MODULES)
def test_module_is_at_most_150_lines(name):
    with open(os.path.join(ROOT, 'plugins', 'modules', name + '.py'), encoding='utf-8') as handle:
        lines = len(handle.read().splitlines())
    assert lines <= MAX_LINES, '%s has %d lines' % (name, lines)


def test_inventory_doc_shows_every_connection_option_with_its_environment_variable():
    from ansible_collections.restauth.enterprise.plugins.module_utils._options import DISCOVERY
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.cache', 'collections'))
    ansible_doc = os.path.join(os.path.dirname(sys.executable), 'ansible-doc')
    result = subprocess.run([ansible_doc, '--json', '-t', 'inventory', 'restauth.enterprise.discovery'], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)['restauth.enterprise.discovery']['doc']
    assert 'requests' in doc['requirements']
    for option in DISCOVERY.options:
        entry = doc['options'][option.name]
        assert entry['description'] and entry['type'] == option.type, option.name
        assert entry.get('env') == ([{'name': option.env}] if option.env else None), option.name
        assert entry.get('default') == option.default, option.name
    for own in ('plugin', 'query', 'hostnames', 'address', 'compose', 'keyed_groups', 'cache'):
        assert own in doc['options']
