# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""`make demo` as a user runs it: every vendor's part, against all the simulators at once."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
VENV = os.path.dirname(os.path.dirname(sys.executable))
FAILED = re.compile(r'localhost\s*:\s*ok=\d+\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)')

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
    # The demo leaves nothing behind but the installed collection: its work directory is removed.
    assert os.listdir(str(tmp_path)) == ['collections']
    assert 'ANSIBLE_COLLECTIONS_PATH=%s ansible-doc' % collections in output
    assert_collection_usable(collections, env)


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
    completed = subprocess.run(['make', '--no-print-directory', '-C', ROOT, 'install', 'VENV=%s' % VENV, 'COLLECTIONS_DIR=%s' % collections],
                               env=env, capture_output=True, text=True, timeout=600, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert '[WARNING]' not in output, output
    assert 'use it with: ANSIBLE_COLLECTIONS_PATH=%s ansible-doc' % collections in output
    assert_collection_usable(collections, env)
