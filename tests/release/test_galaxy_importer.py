# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The built artefact passes galaxy-importer with its default configuration (ansible-doc and ansible-lint included).

galaxy-importer pins attrs < 24 while .venv pins attrs 26, so it runs from .venv-release, which
`make release-checks` builds and names in RELEASE_VENV.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import warnings

import pytest

pytestmark = pytest.mark.slow

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


@pytest.fixture(scope='module')
def release_venv():
    venv = os.environ.get('RELEASE_VENV')
    if not venv:
        pytest.fail('RELEASE_VENV is not set: run `make release-checks`, which builds .venv-release')
    return os.path.abspath(venv)


@pytest.fixture(scope='module')
def imported(release_venv, tmp_path_factory):
    work = tmp_path_factory.mktemp('importer')
    env = dict(os.environ, PATH=os.path.join(release_venv, 'bin') + os.pathsep + os.environ['PATH'],
               ANSIBLE_HOME=str(work / 'ansible-home'), ANSIBLE_LOCAL_TEMP=str(work / 'tmp'))
    env.pop('GALAXY_IMPORTER_CONFIG', None)  # the default configuration
    env.pop('ANSIBLE_COLLECTIONS_PATH', None)
    build = subprocess.run([os.path.join(release_venv, 'bin', 'ansible-galaxy'), 'collection', 'build', '--output-path', str(work), ROOT],
                           capture_output=True, text=True, env=env, timeout=300, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    (artefact,) = glob.glob(str(work / '*.tar.gz'))
    result = subprocess.run([os.path.join(release_venv, 'bin', 'python'), '-m', 'galaxy_importer.main', artefact],
                            capture_output=True, text=True, env=env, cwd=str(work), timeout=900, check=False)
    output = result.stdout + result.stderr
    with open(str(work / 'importer_result.json')) as handle:
        return result.returncode, output.splitlines(), json.load(handle)


def test_importer_succeeds_without_errors(imported):
    returncode, lines, _result = imported
    errors = [line for line in lines if 'ERROR' in line or line.startswith('Traceback')]
    for line in lines:
        if line.startswith('WARNING'):
            warnings.warn('galaxy-importer: %s' % line)
    assert returncode == 0, '\n'.join(lines)
    assert not errors, '\n'.join(errors)
    assert 'Importer processing completed successfully' in lines


def test_importer_ran_ansible_doc_and_ansible_lint(imported):
    _returncode, lines, _result = imported
    assert not [line for line in lines if 'not found, skipping' in line], 'a tool the default configuration runs was missing'
    assert any(line.startswith('...ansible-lint run complete') for line in lines), '\n'.join(lines)


def test_importer_read_the_documentation_of_every_module_and_lookup(imported):
    _returncode, _lines, result = imported
    documented = {(item['content_type'], item['content_name']) for item in result['docs_blob']['contents'] if item.get('doc_strings')}
    for kind, directory in (('module', 'modules'), ('lookup', 'lookup')):
        for path in glob.glob(os.path.join(ROOT, 'plugins', directory, '*.py')):
            name = os.path.basename(path)[:-3]
            if not name.startswith('_'):
                assert (kind, name) in documented, (kind, name)
    assert result['metadata']['namespace'] == 'restauth' and result['metadata']['name'] == 'enterprise'
    assert result['requires_ansible']
