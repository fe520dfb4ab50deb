# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The token lookup in this process: what integration's playbooks do not reach (term checks, option sources, echoed secrets)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from ansible.errors import AnsibleLookupError, AnsibleOptionsError

from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY
from ansible_collections.restauth.enterprise.plugins.plugin_utils import _vendor_lookup

from plugin_docs import template

PASSWORD = 'Ech\u00f6ed p&ss'


@pytest.mark.parametrize('terms', [[], ['remedy', 'sps']])
def test_exactly_one_vendor_is_asked_for(lookup, terms):
    with pytest.raises(AnsibleLookupError, match='give exactly one vendor'):
        lookup('token').run(terms, variables={})


def test_the_vendor_name_is_read_without_case_or_spaces_and_an_unknown_one_lists_the_vendors(lookup, connection):
    handle, keywords = connection('remedy')
    token = lookup('token').run([' ReMeDy '], variables={}, **keywords)
    assert token[0].count('.') == 2  # a JWT
    assert handle.control.counters()['logins'] == 1
    with pytest.raises(AnsibleLookupError, match="unknown vendor 'bmc'; choose one of discovery, remedy, sps, truesight, xmatters, xtam"):
        lookup('token').run(['BMC'], variables={})


def test_output_is_checked_by_the_documented_choices_before_any_login(lookup, connection):
    handle, keywords = connection('remedy')
    with pytest.raises(AnsibleOptionsError, match='output'):
        lookup('token').run(['remedy'], variables={}, output='cookie', **keywords)
    assert handle.control.counters()['logins'] == 0


def test_the_header_of_a_token_login_carries_the_token(lookup, connection):
    _handle, keywords = connection('remedy')
    header = lookup('token').run(['remedy'], variables={}, output='header', **keywords)[0]
    assert list(header) == ['Authorization'] and header['Authorization'].startswith('AR-JWT ')


def test_scoped_variables_are_templated_and_win_over_the_neutral_ones(lookup, connection):
    handle, keywords = connection('remedy')
    variables = {
        'remedy_site': keywords['url'],
        'ansible_restauth_remedy_url': template('{{ remedy_site }}'), 'ansible_restauth_remedy_ca_path': keywords['ca_path'],
        'ansible_restauth_remedy_username': 'Demo', 'ansible_restauth_remedy_password': keywords['password'],
        'ansible_restauth_url': 'https://neutral.invalid', 'ansible_restauth_password': 'not this one',
    }
    assert lookup('token', variables).run(['remedy'], variables=variables, retries=0)[0]
    assert handle.control.counters()['logins'] == 1 and handle.control.counters()['login_failures'] == 0


def test_a_login_page_echoing_the_password_gives_an_error_without_it(lookup, tls_server):
    echo = 'bad login for user=Demo&password=%s (%s)' % (quote(PASSWORD, safe='').lower(), PASSWORD)
    tls_server.reply(500, echo)
    with pytest.raises(AnsibleLookupError) as failed:
        lookup('token').run(['remedy'], variables={}, url=tls_server.url, ca_path=tls_server.ca_path, username='Demo', password=PASSWORD,
                            retries=0)
    message = str(failed.value)
    assert 'BMC Remedy AR System' in message and '500' in message
    assert PASSWORD not in message and quote(PASSWORD, safe='').lower() not in message
    assert [(request.method, request.path) for request in tls_server.requests] == [('POST', '/api/jwt/login')]


def test_without_requests_the_lookup_names_the_missing_library_and_sends_nothing(lookup, connection, monkeypatch):
    handle, keywords = connection('remedy')
    monkeypatch.setattr(_vendor_lookup, 'HAS_REQUESTS', False)
    with pytest.raises(AnsibleLookupError, match='requests'):
        lookup('token').run(['remedy'], variables={}, **keywords)
    assert handle.control.counters()['logins'] == 0


def test_the_documented_vendors_are_the_registered_ones(documented):
    assert documented('token')[0] == list(REGISTRY)
