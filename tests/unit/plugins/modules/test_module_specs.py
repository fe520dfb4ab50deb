# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every module's argument spec against its DOCUMENTATION (with its doc fragments), on every ansible-core the unit suite runs.

What ansible-test's validate-modules checks of the options (names, type, default, required, choices, elements, aliases,
suboptions), plus: an option the module keeps out of the logs (``no_log``) is one the documentation or the option table
calls a secret. The spec is the one the module really gives ``AnsibleModule``: each module's ``main()`` runs until
``AnsibleModule.__init__``, which records the spec and stops it.
"""

from __future__ import annotations

import os
import re

import pytest
from ansible.module_utils import basic

from module_support import spec_of
from plugin_docs import documented_options

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
#: A name that says the option is a secret (``password``, ``api_token``, ``login_password``, ``refresh_token``, ...).
SECRET_NAME = re.compile(r'(^|_)(password|token|secret|key)$')
#: How a description says what is secret in an option whose name does not.
SECRET_WORDS = re.compile(r'password|token|secret|\bkey\b', re.I)
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if name.endswith('.py') and not name.startswith('_'))


def mismatches(spec, docs, where=''):
    """What differs between an argument spec and the documented options, as readable lines."""
    found = []
    for name in sorted(set(spec) - set(docs)):
        found.append('%s%s: in the argument spec, not documented' % (where, name))
    for name in sorted(set(docs) - set(spec)):
        found.append('%s%s: documented, not in the argument spec' % (where, name))
    for name in sorted(set(spec) & set(docs)):
        given, doc = spec[name], docs[name]
        label = where + name
        for key, default in (('type', 'str'), ('default', None), ('required', False), ('elements', None)):
            if given.get(key, default) != doc.get(key, default):
                found.append('%s: %s is %r in the spec, %r in the docs' % (label, key, given.get(key, default), doc.get(key, default)))
        for key in ('choices', 'aliases'):
            if sorted(given.get(key) or []) != sorted(doc.get(key) or []):
                found.append('%s: %s are %r in the spec, %r in the docs' % (label, key, given.get(key), doc.get(key)))
        if given.get('options') or doc.get('suboptions'):
            found.extend(mismatches(given.get('options') or {}, doc.get('suboptions') or {}, label + '.'))
    return found


@pytest.mark.parametrize('module_name', MODULES)
def test_the_argument_spec_is_the_documented_one(module_name, monkeypatch):
    module, spec, _kwargs = spec_of(module_name, monkeypatch)
    assert mismatches(spec, documented_options(module.DOCUMENTATION)) == []


def option_at(options, dotted):
    """The documented option ``a.b.c`` of ``options``."""
    parts = dotted.split('.')
    for part in parts[:-1]:
        options = options[part].get('suboptions') or {}
    return options[parts[-1]]


def all_options(spec, where=''):
    """(dotted name, spec entry) of every option and suboption."""
    for name, given in spec.items():
        yield where + name, given
        yield from all_options(given.get('options') or {}, where + name + '.')


@pytest.mark.parametrize('module_name', MODULES)
def test_every_option_kept_out_of_the_logs_is_documented_as_a_secret(module_name, monkeypatch):
    module, spec, _kwargs = spec_of(module_name, monkeypatch)
    docs = documented_options(module.DOCUMENTATION)
    undocumented = []
    for name, given in all_options(spec):
        if given.get('no_log'):
            description = option_at(docs, name).get('description') or []
            text = ' '.join(description if isinstance(description, list) else [description])
            if not SECRET_NAME.search(name.rpartition('.')[2]) and not SECRET_WORDS.search(text):
                undocumented.append(name)
    assert undocumented == []


@pytest.mark.parametrize('module_name', MODULES)
def test_every_secret_looking_option_says_whether_it_is_logged(module_name, monkeypatch):
    # Ansible masks an option named like a password whose no_log is unset and warns "Module did not set no_log";
    # an option named like a token or key it neither masks nor warns about.
    _module, spec, _kwargs = spec_of(module_name, monkeypatch)
    unset = [name for name, given in all_options(spec)
             if (basic.PASSWORD_MATCH.search(name.rpartition('.')[2]) or SECRET_NAME.search(name.rpartition('.')[2])) and given.get('no_log') is None]
    assert unset == []


@pytest.mark.parametrize('module_name', MODULES)
def test_the_option_rules_name_options_of_the_spec(module_name, monkeypatch):
    _module, spec, kwargs = spec_of(module_name, monkeypatch)
    assert kwargs.get('supports_check_mode') is True
    named = set()
    for key in ('mutually_exclusive', 'required_together', 'required_one_of'):
        for group in kwargs.get(key) or []:
            named.update(group)
    for rule in kwargs.get('required_if') or []:
        named.add(rule[0])
        named.update(rule[2])
    for option, needed in (kwargs.get('required_by') or {}).items():
        named.add(option)
        named.update([needed] if isinstance(needed, str) else needed)
    assert named - set(spec) == set()
