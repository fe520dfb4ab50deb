# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The release notes that `make changelog` renders: both formats, every fragment entry, the repository untouched."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
# The venv running these tests is .venv, which has antsibull-changelog and ansible-core.
VENV = os.path.dirname(os.path.dirname(sys.executable))


def _flat(text):
    """Text without Markdown/RST markup and escapes, one space between words, to compare entries."""
    text = re.sub(r'</?code>', '', text)
    text = text.replace('\\', '').replace('`', '')
    return ' '.join(text.split())


def _fragment_entries():
    with open(os.path.join(ROOT, 'changelogs', 'config.yaml')) as handle:
        config = yaml.safe_load(handle)
    sections = {name for name, _title in config['sections']} | {config['prelude_section_name']}
    trivial = config.get('trivial_section_name')  # entries for developers; the release notes leave them out
    entries = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'changelogs', 'fragments', '*.yml'))):
        with open(path) as handle:
            fragment = yaml.safe_load(handle)
        for section, value in fragment.items():
            if section == trivial:
                continue
            assert section in sections, '%s: unknown section %s' % (os.path.basename(path), section)
            for entry in [value] if isinstance(value, str) else value:
                entries.append((os.path.basename(path), entry))
    return entries


@pytest.fixture(scope='module')
def rendered(tmp_path_factory):
    dest = tmp_path_factory.mktemp('changelog')
    before = sorted(os.listdir(os.path.join(ROOT, 'changelogs', 'fragments')))
    result = subprocess.run(['bash', os.path.join(ROOT, 'tests', 'tools', 'changelog.sh'), VENV, str(dest)],
                            capture_output=True, text=True, env=dict(os.environ, RELEASE_DATE='2026-12-01'), timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(os.listdir(os.path.join(ROOT, 'changelogs', 'fragments'))) == before, 'the repository fragments were consumed'
    files = {}
    for name in ('CHANGELOG.md', 'CHANGELOG.rst', os.path.join('changelogs', 'changelog.yaml')):
        with open(os.path.join(str(dest), name)) as handle:
            files[name] = handle.read()
    return files


def _version():
    with open(os.path.join(ROOT, 'galaxy.yml')) as handle:
        return yaml.safe_load(handle)['version']


def test_there_are_fragments_to_release():
    assert _fragment_entries()


@pytest.mark.parametrize('name', ['CHANGELOG.md', 'CHANGELOG.rst'])
def test_every_fragment_entry_is_in_the_release_notes(rendered, name):
    text = _flat(rendered[name])
    missing = ['%s: %s' % (fragment, entry[:80]) for fragment, entry in _fragment_entries() if _flat(entry) not in text]
    assert not missing, 'entries missing from %s:\n%s' % (name, '\n'.join(missing))
    assert 'v%s' % _version() in text


@pytest.mark.parametrize('name', ['CHANGELOG.md', 'CHANGELOG.rst'])
def test_every_module_and_lookup_is_announced(rendered, name):
    text = _flat(rendered[name])
    for kind in ('modules', 'lookup'):
        for path in glob.glob(os.path.join(ROOT, 'plugins', kind, '*.py')):
            plugin = os.path.basename(path)[:-3]
            if not plugin.startswith('_'):
                assert 'restauth.enterprise.%s - ' % plugin in text, (kind, plugin)


def test_the_release_is_recorded_with_its_date(rendered):
    changes = yaml.safe_load(rendered[os.path.join('changelogs', 'changelog.yaml')])
    release = changes['releases'][_version()]
    assert release['release_date'] == '2026-12-01'
    assert sorted(release['fragments']) == sorted(os.listdir(os.path.join(ROOT, 'changelogs', 'fragments')))
