# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every module documents exactly the options its argument spec accepts (its own and its doc fragments')."""

from __future__ import annotations

import importlib
import os

import pytest
import yaml

from ansible.module_utils import basic

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if name.endswith('.py') and name != '__init__.py')


class Stop(Exception):
    pass


def accepted(name, monkeypatch):
    """The argument spec the module builds (captured before any argument is read)."""
    seen = {}

    def record(self, argument_spec=None, **kwargs):
        seen.update(argument_spec)
        raise Stop()

    monkeypatch.setattr(basic.AnsibleModule, '__init__', record)
    module = importlib.import_module('ansible_collections.restauth.enterprise.plugins.modules.%s' % name)
    with pytest.raises(Stop):
        module.main()
    return set(seen)


def documented(name):
    module = importlib.import_module('ansible_collections.restauth.enterprise.plugins.modules.%s' % name)
    doc = yaml.safe_load(module.DOCUMENTATION)
    options = set(doc.get('options') or {})
    for fragment in doc.get('extends_documentation_fragment') or []:
        parts = fragment.split('.')
        variant = parts[3].upper() if len(parts) > 3 else 'DOCUMENTATION'
        source = importlib.import_module('ansible_collections.restauth.enterprise.plugins.doc_fragments.%s' % parts[2]).ModuleDocFragment
        options.update(yaml.safe_load(getattr(source, variant)).get('options') or {})
    return options


@pytest.mark.parametrize('name', MODULES)
def test_documented_options_are_the_accepted_ones(name, monkeypatch):
    assert documented(name) == accepted(name, monkeypatch)
