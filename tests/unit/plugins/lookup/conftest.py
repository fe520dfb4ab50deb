# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The lookups run in this process, as a task's templar calls them: ``LookupModule().run(terms, variables, **keywords)``."""

from __future__ import annotations

import importlib
import re

import pytest
import yaml
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

from module_support import clear_vendor_environment
from plugin_docs import plugin

simulators = pytest.importorskip('simulators')

LOGINS = {
    'remedy': {'username': 'Demo', 'password': 'Demo-Passw0rd!'},
    'xtam': {'username': 'demo', 'password': 'Demo-Passw0rd!'},
    'xmatters': {'username': 'demo', 'password': 'Demo-Passw0rd!'},
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No connection setting of the machine running the tests reaches a lookup."""
    clear_vendor_environment(monkeypatch)


@pytest.fixture
def lookup():
    """``lookup(name, variables)``: a fresh lookup plugin of the collection, its templar seeing the play's ``variables``."""
    def make(name, variables=None):
        loader = DataLoader()
        return plugin('lookup', name, loader=loader, templar=Templar(loader=loader, variables=variables or {}))
    return make


@pytest.fixture(scope='package')
def sims():
    """One simulator per vendor the lookup tests use, reset by ``connection``."""
    handles = {}
    try:
        for vendor in sorted(LOGINS):
            handles[vendor] = simulators.start(vendor)
        yield handles
    finally:
        for handle in handles.values():
            handle.stop()


@pytest.fixture
def connection(sims):
    """``connection(vendor)``: (simulator handle freshly reset, the keywords that log in to it)."""
    def make(vendor, **extra):
        handle = sims[vendor]
        handle.control.reset(state=True)
        url = handle.url + '/xtam' if vendor == 'xtam' else handle.url
        return handle, dict(dict(LOGINS[vendor], url=url, ca_path=handle.ca_path, retries=0), **extra)
    return make


@pytest.fixture
def documented():
    """``documented(lookup_name)``: the vendors its ``_terms`` lists (the hand-written ``one of V(...)``), and its DOCUMENTATION."""
    def read(lookup_name):
        module = importlib.import_module('ansible_collections.restauth.enterprise.plugins.lookup.%s' % lookup_name)
        doc = yaml.safe_load(module.DOCUMENTATION)
        text = ' '.join(doc['options']['_terms']['description'])
        listed = re.search(r'one of ((?:V\([a-z]+\)(?:, )?)+)', text).group(1)
        return re.findall(r'V\(([a-z]+)\)', listed), doc
    return read
