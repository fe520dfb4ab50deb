# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The execution environment definition, taken as far as a machine without a container engine can.

``ansible-builder create`` writes the build context of the shipped definition
(extensions/ee/). Then the two build stages that decide what goes into the image
are run here with the context's own files: the galaxy stage's
``ansible-galaxy collection install -r requirements.yml`` (from the built
artefact) and the builder stage's ``introspect.py``, which must find the Python
packages this collection declares in its meta/execution-environment.yml.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

pytestmark = pytest.mark.slow

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
EE_DIR = os.path.join(ROOT, 'extensions', 'ee')
BIN = os.path.dirname(sys.executable)


def builder_create(definition, context):
    completed = subprocess.run([os.path.join(BIN, 'ansible-builder'), 'create', '--file', definition, '--context', context,
                                '--output-filename', 'Containerfile'], capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    with open(os.path.join(context, 'Containerfile')) as handle:
        return handle.read()


def collection_requirements():
    """The lines of the collection's requirements.txt, as its meta/execution-environment.yml names it."""
    with open(os.path.join(ROOT, 'meta', 'execution-environment.yml')) as handle:
        meta = yaml.safe_load(handle)
    with open(os.path.join(ROOT, meta['dependencies']['python'])) as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith('#')]


def test_shipped_definition_gives_a_build_context(tmp_path):
    containerfile = builder_create(os.path.join(EE_DIR, 'execution-environment.yml'), str(tmp_path / 'context'))

    assert re.search(r'^ARG EE_BASE_IMAGE="registry\.access\.redhat\.com/ubi9/ubi:', containerfile, re.M), containerfile
    assert 'ansible-core==2.19.14' in containerfile
    assert 'ansible-runner==' in containerfile
    # The image build installs the collections, then asks them for their Python packages.
    assert 'ansible-galaxy collection install' in containerfile
    assert 'introspect.py introspect' in containerfile
    with open(str(tmp_path / 'context' / '_build' / 'requirements.yml')) as handle:
        assert [entry['name'] for entry in yaml.safe_load(handle)['collections']] == ['restauth.enterprise']


def test_image_stages_find_the_collection_requirements(collections_path, tmp_path):
    artefact = glob.glob(os.path.join(os.path.dirname(collections_path), 'dist', 'restauth-enterprise-*.tar.gz'))
    assert len(artefact) == 1, artefact
    # The shipped definition, with the collection taken from the built artefact instead of Galaxy.
    work = tmp_path / 'ee'
    shutil.copytree(EE_DIR, str(work))
    definition = yaml.safe_load((work / 'execution-environment.yml').read_text())
    definition['additional_build_files'] = [{'src': artefact[0], 'dest': 'collections'}]
    (work / 'requirements.yml').write_text(yaml.safe_dump(
        {'collections': [{'name': 'collections/' + os.path.basename(artefact[0]), 'type': 'file'}]}))
    (work / 'execution-environment.yml').write_text(yaml.safe_dump(definition))
    context = tmp_path / 'context'
    builder_create(str(work / 'execution-environment.yml'), str(context))
    build = context / '_build'
    assert (build / 'collections' / os.path.basename(artefact[0])).is_file()

    # Galaxy stage: the same install command, from the context's _build directory.
    installed = tmp_path / 'usr-share-ansible-collections'
    completed = subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '-r', 'requirements.yml',
                                '--collections-path', str(installed)], cwd=str(build), capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (installed / 'ansible_collections' / 'restauth' / 'enterprise' / 'meta' / 'execution-environment.yml').is_file()

    # Builder stage: the context's own introspection script over what was installed.
    pip_out, bindep_out = tmp_path / 'requirements.txt', tmp_path / 'bindep.txt'
    completed = subprocess.run([sys.executable, str(build / 'scripts' / 'introspect.py'), 'introspect', str(installed),
                                '--write-pip=%s' % pip_out, '--write-bindep=%s' % bindep_out],
                               capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    found = [line.strip() for line in pip_out.read_text().splitlines() if line.strip()]
    expected = collection_requirements()
    assert sorted(expected) == sorted(line.split('#')[0].strip() for line in found), found
    assert all(line.endswith('# from collection restauth.enterprise') for line in found), found
    assert {'requests', 'cryptography'} <= set(re.split(r'[<>=!~ ]', line)[0] for line in expected)
    # No system packages are needed.
    assert not bindep_out.exists()
