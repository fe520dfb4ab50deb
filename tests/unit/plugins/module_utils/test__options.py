# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The option table: argspec with env fallbacks, lookup validation, and doc fragments that cannot drift."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS, argument_spec

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
SECRET_WORDS = ('password', 'token', 'secret', 'key')


def test_doc_fragments_are_generated_from_the_table():
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'tests', 'tools', 'doc_fragments.py'), '--check'],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize('stale', ['plugins/doc_fragments/attributes.py', 'plugins/doc_fragments/remedy.py', 'plugins/modules/xtam_api.py'])
def test_doc_fragments_check_fails_on_a_stale_output(stale, tmp_path):
    """``--check`` names each generated file (fragment, or an API module's RETURN) that differs from what it would write."""
    for part in ('tests/tools', 'plugins/module_utils', 'plugins/doc_fragments', 'plugins/modules', 'meta'):
        shutil.copytree(os.path.join(ROOT, part), str(tmp_path / part))
    with open(str(tmp_path / stale), encoding='utf-8') as handle:
        text = handle.read()
    with open(str(tmp_path / stale), 'w', encoding='utf-8') as handle:
        handle.write(text.replace('description:', 'description: stale', 1).replace("RETURN = r\'\'\'\n", "RETURN = r\'\'\'\nold:\n  description: x\n", 1))
    tool = str(tmp_path / 'tests' / 'tools' / 'doc_fragments.py')
    result = subprocess.run([sys.executable, tool, '--check'], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ['out of date: %s (run python tests/tools/doc_fragments.py)' % stale]
    assert subprocess.run([sys.executable, tool], check=False).returncode == 0
    assert subprocess.run([sys.executable, tool, '--check'], check=False).returncode == 0


@pytest.mark.parametrize('vendor', sorted(VENDORS))
def test_every_secret_looking_option_states_no_log(vendor):
    for option in VENDORS[vendor].options:
        if any(word in option.name for word in SECRET_WORDS) or option.name == 'auth_string':
            assert option.no_log is not None, option.name
    assert VENDORS[vendor].option('password').no_log is True
    assert VENDORS[vendor].option('token').no_log is True


@pytest.mark.parametrize('vendor', sorted(VENDORS))
def test_env_fallbacks_use_the_vendor_prefix(vendor, monkeypatch):
    prefix = VENDORS[vendor].env_prefix
    monkeypatch.setenv(prefix + '_URL', 'https://from-env.example.com')
    monkeypatch.setenv(prefix + '_VALIDATE_CERTS', 'false')
    monkeypatch.setenv(prefix + '_PASSWORD', 'env-secret')
    result = ArgumentSpecValidator(argument_spec(vendor)).validate({'username': 'u'})
    assert not result.error_messages
    params = result.validated_parameters
    assert params['url'] == 'https://from-env.example.com'
    assert params['validate_certs'] is False
    assert params['timeout'] == 30 and params['retries'] == 3 and params['allow_http'] is False
    assert 'env-secret' in result._no_log_values  # pylint: disable=protected-access


def test_given_options_win_over_the_environment(monkeypatch):
    monkeypatch.setenv('REMEDY_URL', 'https://from-env.example.com')
    params = ArgumentSpecValidator(argument_spec('remedy')).validate({'url': 'https://given.example.com'}).validated_parameters
    assert params['url'] == 'https://given.example.com'


def test_url_is_required(monkeypatch):
    monkeypatch.delenv('REMEDY_URL', raising=False)
    result = ArgumentSpecValidator(argument_spec('remedy')).validate({})
    assert any('url' in message for message in result.error_messages)


def test_module_options_are_added_and_may_override():
    spec = argument_spec('remedy', {'form': {'type': 'str', 'required': True}})
    assert spec['form'] == {'type': 'str', 'required': True}
    assert spec['ar_headers']['type'] == 'dict'
