# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the unit tests of module and lookup code share: a task's arguments where AnsibleModule reads them, the argument
spec a module's ``main()`` builds, and no connection setting of the machine running the tests."""

from __future__ import annotations

import importlib
import json
import os

import pytest
from ansible.module_utils import basic

PACKAGE = 'ansible_collections.restauth.enterprise.plugins'
#: The environment variables a connection option or the token cache reads start with one of these.
VENDOR_ENV_PREFIXES = ('REMEDY_', 'SPS_', 'XTAM_', 'XMATTERS_', 'TRUESIGHT_', 'DISCOVERY_', 'RESTAUTH_')


def give_args(monkeypatch, check_mode=False, **args):
    """The task's arguments, where AnsibleModule reads them (as ansible-core's ``patch_module_args`` sets them)."""
    args.update(_ansible_check_mode=check_mode, _ansible_no_log=False)
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode())
    if hasattr(basic, '_ANSIBLE_PROFILE'):  # ansible-core 2.19+
        monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy')


class Recorded(Exception):
    """Raised by the patched AnsibleModule.__init__ once it has the spec."""

    def __init__(self, spec, kwargs):
        super().__init__('recorded')
        self.spec = spec
        self.kwargs = kwargs


def spec_of(module_name, monkeypatch):
    """The module, and the argument spec and other AnsibleModule keywords that its ``main()`` builds (no argument is read)."""
    def record(self, argument_spec, **kwargs):
        raise Recorded(argument_spec, kwargs)

    monkeypatch.setattr(basic.AnsibleModule, '__init__', record)
    module = importlib.import_module('%s.modules.%s' % (PACKAGE, module_name))
    with pytest.raises(Recorded) as recorded:
        module.main()
    return module, recorded.value.spec, recorded.value.kwargs


def clear_vendor_environment(monkeypatch):
    """No connection setting in the environment of the machine running the tests reaches the code under test."""
    for name in list(os.environ):
        if name.startswith(VENDOR_ENV_PREFIXES):
            monkeypatch.delenv(name)
