# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Integration harness: the built collection artefact, the simulators, and real ansible runs.

The collection is built with ``ansible-galaxy collection build`` and installed
once per session, so every test exercises what users install. Playbooks live in
``tests/integration/playbooks/`` and assert on module results themselves; the
tests assert on what the simulator saw (logins, requests, data).
"""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys

import pytest

import simulators

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
PLAYBOOKS = os.path.join(HERE, 'playbooks')
BIN = os.path.dirname(sys.executable)
RECAP = re.compile(r'localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)')


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """Build the collection and install the artefact where ansible will find it."""
    work = tmp_path_factory.mktemp('collection')
    subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', '--force', '--output-path', str(work / 'dist'), ROOT],
                   check=True, capture_output=True, text=True)
    artefact = glob.glob(str(work / 'dist' / 'restauth-enterprise-*.tar.gz'))
    assert len(artefact) == 1, artefact
    subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--force', '-p', str(work / 'collections'), artefact[0]],
                   check=True, capture_output=True, text=True)
    return str(work / 'collections')


@pytest.fixture(scope='session')
def servers(tmp_path_factory):
    """One simulator of every vendor for the whole session, by vendor name; tests take the fresh ones below."""
    handles = {}
    try:
        for vendor in sorted(simulators.VENDORS):
            handles[vendor] = simulators.start(vendor, http_port=0, state_dir=str(tmp_path_factory.mktemp(vendor + '-sim')))
        yield handles
    finally:
        for handle in handles.values():
            handle.stop()


def fresh(servers, vendor):
    """The simulator of ``vendor`` with its seed data and settings back, zeroed counters, and no live token.

    The servers live for the whole session; tokens of earlier tests would otherwise still count as active.
    """
    handle = servers[vendor]
    handle.control.reset(state=True)
    handle.control.expire_tokens()
    return handle


@pytest.fixture
def fresh_server(servers):
    """``fresh_server(vendor)``: ``fresh`` for tests parametrized by vendor."""
    return lambda vendor: fresh(servers, vendor)


@pytest.fixture
def remedy(servers):
    return fresh(servers, 'remedy')


@pytest.fixture
def sps(servers):
    return fresh(servers, 'sps')


@pytest.fixture
def xtam(servers):
    return fresh(servers, 'xtam')


@pytest.fixture
def xm(servers):
    return fresh(servers, 'xmatters')


@pytest.fixture
def truesight(servers):
    return fresh(servers, 'truesight')


@pytest.fixture
def discovery(servers):
    return fresh(servers, 'discovery')


class Run:
    """The outcome of one ansible process."""

    def __init__(self, completed):
        self.rc = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.output = completed.stdout + completed.stderr

    def shows(self, text):
        """Whether the output holds ``text`` once its line breaks are undone.

        ansible-core before 2.19 wraps each warning at 79 columns with textwrap: a space (or any whitespace, newlines
        of the message included) may turn into a line break, and a word may be cut after a hyphen (which stays) or, when
        longer than a line, anywhere. So a space of ``text`` matches any whitespace, and inside a word a line break
        may stand between two characters; nothing else differs.
        """
        return re.search(wrapped_pattern(text), self.output) is not None

    def recap(self):
        """(ok, changed, unreachable, failed) from the PLAY RECAP line."""
        match = RECAP.search(self.stdout)
        assert match, self.output
        return tuple(int(value) for value in match.groups())

    def __repr__(self):
        return 'rc=%s\n--- stdout ---\n%s\n--- stderr ---\n%s' % (self.rc, self.stdout[-6000:], self.stderr[-3000:])


def wrapped_pattern(text):
    """The regular expression of ``text`` as a wrapped warning shows it (see ``Run.shows``)."""
    words = text.split()
    assert words, 'nothing to look for'
    return r'\s+'.join('\n?'.join(re.escape(char) for char in word) for word in words)


class Ansible:
    """Runs ansible-playbook and ansible ad-hoc commands against the installed collection."""

    def __init__(self, collections, tmp_path):
        self.tmp_path = tmp_path
        self.runs = 0
        self.env = dict(os.environ)
        for name in list(self.env):
            if name.startswith(('REMEDY_', 'SPS_', 'XTAM_', 'XMATTERS_', 'TRUESIGHT_', 'DISCOVERY_', 'ANSIBLE_', 'RESTAUTH_')):
                del self.env[name]
        if 'RESTAUTH_IN_PROCESS' in os.environ:  # the suite's launched leg (make integration-launched) sets it
            self.env['RESTAUTH_IN_PROCESS'] = os.environ['RESTAUTH_IN_PROCESS']
        self.env.update({
            'ANSIBLE_COLLECTIONS_PATH': collections,
            'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false',
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_FORCE_COLOR': '0',
            'ANSIBLE_RETRY_FILES_ENABLED': 'false',
            'ANSIBLE_HOME': str(tmp_path / 'ansible-home'),
            'ANSIBLE_LOCAL_TEMP': str(tmp_path / 'ansible-tmp'),
            # An absolute async directory: with the default ~/.ansible_async, ansible-core's async wrapper expands ~
            # from HOME and async_status from the user's passwd entry, which differ on a CI runner that sets HOME.
            'ANSIBLE_ASYNC_DIR': str(tmp_path / 'ansible-async'),
            'PATH': BIN + os.pathsep + self.env.get('PATH', ''),
        })

    def playbook(self, name, extra_vars=None, env=None, args=(), timeout=300):
        """Run a playbook of tests/integration/playbooks, or one shipped in a collection (by its FQCN)."""
        path = name if name.count('.') > 1 else os.path.join(PLAYBOOKS, name)
        command = [os.path.join(BIN, 'ansible-playbook'), path]
        if extra_vars:
            # A file, as AWX passes them: no quoting trouble, and no secret on a command line.
            self.runs += 1
            path = self.tmp_path / ('extra-vars-%d.json' % self.runs)
            path.write_text(json.dumps(extra_vars))
            command.extend(['-e', '@%s' % path])
        return self._run(command + list(args), env, timeout)

    def adhoc(self, module, module_args, env=None, args=(), timeout=120):
        command = [os.path.join(BIN, 'ansible'), 'localhost', '-m', module, '-a', module_args] + list(args)
        return self._run(command, env, timeout)

    def inventory(self, source, args=('--list',), env=None, timeout=120):
        """Run ansible-inventory on ``source`` (a path)."""
        return self._run([os.path.join(BIN, 'ansible-inventory'), '-i', str(source)] + list(args), env, timeout)

    def _run(self, command, env, timeout):
        full_env = dict(self.env, **(env or {}))
        completed = subprocess.run(command, env=full_env, capture_output=True, text=True, timeout=timeout, check=False, cwd=str(self.tmp_path))
        return Run(completed)


@pytest.fixture
def ansible(collections_path, tmp_path):
    return Ansible(collections_path, tmp_path)


@pytest.fixture
def remedy_vars(remedy, tmp_path):
    """Extra vars every Remedy playbook takes."""
    return {
        'remedy_url': remedy.url,
        'remedy_ca': remedy.ca_path,
        'remedy_user': 'Demo',
        'remedy_password': 'Demo-Passw0rd!',
        'out_dir': str(tmp_path),
    }
