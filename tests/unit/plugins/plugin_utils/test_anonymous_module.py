# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""sps_login_methods_info needs no login: it has no option it would ignore (test_group_defaults.py: the SPS group's defaults still work for it)."""

from __future__ import annotations

import os

import yaml

from ansible_collections.restauth.enterprise.plugins.module_utils._options import ANONYMOUS_OPTIONS, VENDORS
from ansible_collections.restauth.enterprise.plugins.modules import sps_login_methods_info

from module_support import spec_of

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
CREDENTIALS = sorted(set(option.name for option in VENDORS['sps'].options) - set(ANONYMOUS_OPTIONS))


def test_the_module_has_only_the_connection_options_it_uses(monkeypatch):
    _dummy, seen, _kwargs = spec_of('sps_login_methods_info', monkeypatch)
    assert sorted(seen) == sorted(ANONYMOUS_OPTIONS)
    assert 'username' in CREDENTIALS and 'api_key' in CREDENTIALS and 'token_cache' in CREDENTIALS


def test_its_documentation_lists_the_same_options():
    with open(os.path.join(ROOT, 'plugins', 'doc_fragments', 'sps.py')) as handle:
        text = handle.read()
    anonymous = yaml.safe_load(text.split("ANONYMOUS = r'''", 1)[1].split("'''", 1)[0])
    assert sorted(anonymous['options']) == sorted(ANONYMOUS_OPTIONS)
    doc = yaml.safe_load(sps_login_methods_info.DOCUMENTATION)
    assert 'restauth.enterprise.sps.ANONYMOUS' in doc['extends_documentation_fragment']
    assert 'restauth.enterprise.sps' not in doc['extends_documentation_fragment']
    assert 'ignored' not in sps_login_methods_info.DOCUMENTATION
