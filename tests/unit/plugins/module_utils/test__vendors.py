# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vendor registry (plugins/module_utils/_vendors.py): every vendor package is in it, each row is whole."""

from __future__ import annotations

import ast
import importlib
import os

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils import _vendors
from ansible_collections.restauth.enterprise.plugins.module_utils._api import ApiSpec
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import AuthMethod
from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS
from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY
from vendor_tables import every_vendor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
MODULE_UTILS = os.path.join(ROOT, 'plugins', 'module_utils')
PACKAGES = sorted(name[1:] for name in os.listdir(MODULE_UTILS)
                  if name.startswith('_') and not name.startswith('__') and os.path.isfile(os.path.join(MODULE_UTILS, name, '__init__.py')))


def test_every_vendor_package_is_registered_and_has_connection_options():
    assert len(PACKAGES) >= 6, PACKAGES  # the walk found the packages
    assert [name for name in PACKAGES if name not in REGISTRY] == [], 'vendor packages missing from _vendors.REGISTRY'
    assert sorted(REGISTRY) == PACKAGES
    assert sorted(VENDORS) == PACKAGES, 'the connection options table (_options.VENDORS) and the vendor packages differ'


@pytest.mark.parametrize('name', PACKAGES)
def test_each_row_is_complete_and_taken_from_the_vendor_package(name):
    row = REGISTRY[name]
    api = importlib.import_module('%s._%s.api' % (_vendors.PACKAGE, name))
    auth = importlib.import_module('%s._%s.auth' % (_vendors.PACKAGE, name))
    protocol = importlib.import_module('%s._%s.protocol' % (_vendors.PACKAGE, name))
    assert row.name == name
    assert row.title == VENDORS[name].title == protocol.VENDOR
    assert row.options == VENDORS[name].options and row.options
    assert row.connect is api.connect
    assert isinstance(row.api_spec, ApiSpec) and row.api_spec is api.API_SPEC and row.api_spec.connect is api.connect
    assert row.methods is auth.METHODS and row.methods and all(isinstance(method, AuthMethod) for method in row.methods)
    assert row.package == protocol.__name__.rsplit('.', 1)[0] == '%s._%s' % (_vendors.PACKAGE, name)
    assert row.warm_imports and all(module.startswith(row.package + '.') for module in row.warm_imports)
    for module in row.warm_imports:
        importlib.import_module(module)


def test_every_vendor_is_imported_statically():
    """AnsiballZ packs only the module utilities it sees imported: ``token_cache`` relies on these lines."""
    with open(os.path.join(MODULE_UTILS, '_vendors.py')) as source:
        tree = ast.parse(source.read())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.update('%s.%s' % (node.module, alias.name) for alias in node.names)
    for name in PACKAGES:
        for part in ('api', 'auth'):
            assert '%s._%s.%s' % (_vendors.PACKAGE, name, part) in imported, '_vendors.py does not import _%s.%s' % (name, part)


def test_modules_and_lookups_take_their_vendors_from_the_registry():
    from ansible_collections.restauth.enterprise.plugins.plugin_utils import _vendor_lookup
    from ansible_collections.restauth.enterprise.plugins.lookup.api import LookupModule
    lookup = LookupModule()
    assert [lookup.vendor_name(' %s ' % name.upper()) for name in PACKAGES] == PACKAGES
    with pytest.raises(_vendor_lookup.AnsibleLookupError, match='choose one of %s$' % ', '.join(PACKAGES)):
        lookup.vendor_name('nobody')


def test_test_data_without_a_registered_vendor_fails_naming_it():
    """The tests that cover every vendor take their tables through ``every_vendor``: a new vendor cannot be skipped silently."""
    complete = dict((name, None) for name in PACKAGES)
    assert every_vendor('sample', complete) is complete
    partial = dict(complete, elsewhere=None)
    del partial['discovery']
    with pytest.raises(AssertionError, match='sample: no test data for registered vendor discovery; test data for unregistered vendor elsewhere'):
        every_vendor('sample', partial)
