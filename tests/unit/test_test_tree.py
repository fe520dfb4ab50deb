# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The tests mirror the tree: integration playbooks are named ``<plugin>_<aspect>.yml``."""

from __future__ import annotations

import os

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
PLAYBOOKS = os.path.join(ROOT, 'tests', 'integration', 'playbooks')
VENDORS = ('remedy', 'sps', 'xtam', 'xmatters', 'truesight', 'discovery')
#: A playbook about the roles as a whole (any role, one connection source or another).
ALL_ROLES = 'roles'


def _names(folder, ext='.py'):
    return set(name[:-len(ext)] for name in os.listdir(os.path.join(ROOT, folder)) if name.endswith(ext) and not name.startswith('_'))


def subjects():
    """What a playbook may be about: a plugin (module, lookup, inventory), a role or a vendor."""
    roles = set(name for name in os.listdir(os.path.join(ROOT, 'roles')) if os.path.isdir(os.path.join(ROOT, 'roles', name)))
    return _names('plugins/modules') | _names('plugins/lookup') | _names('plugins/inventory') | roles | set(VENDORS)


def misnamed(names, known):
    """The playbook names (without .yml) that are not ``<subject>_<aspect>``, with why."""
    wrong = {}
    for name in names:
        if name.startswith(ALL_ROLES + '_'):
            role = name[len(ALL_ROLES) + 1:]
            if role in known:
                wrong[name] = 'a playbook about the %s role is named %s_<aspect>.yml' % (role, role)
            continue
        if not any(name.startswith(subject + '_') and len(name) > len(subject) + 1 for subject in known):
            wrong[name] = 'does not start with a plugin, role or vendor name and _'
    return wrong


def test_every_integration_playbook_is_named_after_what_it_tests():
    names = [name[:-4] for name in os.listdir(PLAYBOOKS) if name.endswith('.yml')]
    assert names
    assert misnamed(names, subjects()) == {}


@pytest.mark.parametrize('name', ['hostile_lookup', 'in_process_targets', 'lookup_token_sources', 'roles_remedy_incident', 'remedy', 'inventory_hosts'])
def test_a_misnamed_playbook_is_found(name):
    assert name in misnamed([name], subjects())


@pytest.mark.parametrize('name', ['remedy_entry', 'token_option_sources', 'roles_connection_sources', 'maintenance_window_run', 'token_cache_forks'])
def test_a_well_named_playbook_passes(name):
    assert misnamed([name], subjects()) == {}
