# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The built artefact: what it contains, and ansible-doc rendering every plugin from it."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

pytestmark = pytest.mark.slow

INSTALLED = os.path.join('ansible_collections', 'restauth', 'enterprise')
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def plugins(collections_path, kind):
    return _plugins_in(os.path.join(collections_path, INSTALLED, 'plugins', kind))


def _plugins_in(directory):
    return sorted(name[:-3] for name in os.listdir(directory) if name.endswith('.py') and not name.startswith('_'))


def test_artefact_holds_the_plugins_and_no_build_clutter(collections_path):
    root = os.path.join(collections_path, INSTALLED)
    for kind in ('modules', 'lookup'):
        assert plugins(collections_path, kind) == _plugins_in(os.path.join(ROOT, 'plugins', kind)), kind
    assert {'remedy_entry', 'remedy_entry_info', 'remedy_jwt_token'} <= set(plugins(collections_path, 'modules'))
    assert 'token' in plugins(collections_path, 'lookup')
    assert os.path.exists(os.path.join(root, 'playbooks', 'demo_remedy.yml'))
    for clutter in ('.venv', '.build', '.cache', 'Makefile', '.ci', 'benchmarks'):
        assert not os.path.exists(os.path.join(root, clutter)), clutter
    with open(os.path.join(root, 'MANIFEST.json')) as handle:
        info = json.load(handle)['collection_info']
    assert (info['namespace'], info['name'], info['version']) == ('restauth', 'enterprise', '0.2.0')


@pytest.mark.parametrize('kind,name', [
    ('module', 'remedy_jwt_token'), ('module', 'remedy_entry'), ('module', 'remedy_entry_info'), ('lookup', 'token'),
    ('module', 'sps_api'), ('module', 'xmatters_api'), ('lookup', 'api'),
])
def test_ansible_doc_renders_from_the_installed_artefact(ansible, kind, name):
    fqcn = 'restauth.enterprise.' + name
    # ansible.env puts the test venv's bin directory first on PATH.
    text = subprocess.run(['ansible-doc', '-t', kind, fqcn], env=ansible.env, capture_output=True, text=True, check=False)
    assert text.returncode == 0, text.stderr
    assert 'ERROR' not in text.stderr
    rendered = subprocess.run(['ansible-doc', '--json', '-t', kind, fqcn], env=ansible.env, capture_output=True, text=True, check=True)
    doc = json.loads(rendered.stdout)[fqcn]['doc']
    for option in ('url', 'username', 'password', 'token', 'validate_certs', 'ca_path', 'timeout', 'retries', 'allow_http'):
        assert doc['options'][option]['description'], option
    assert doc['short_description']


def test_ansible_doc_lists_the_collection(ansible):
    listing = subprocess.run(['ansible-doc', '--list', 'restauth.enterprise'], env=ansible.env, capture_output=True, text=True, check=True)
    for name in ('remedy_jwt_token', 'remedy_entry', 'remedy_entry_info'):
        assert 'restauth.enterprise.' + name in listing.stdout
