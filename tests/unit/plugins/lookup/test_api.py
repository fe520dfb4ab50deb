# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The api lookup in this process: refusals before any login, the query, paging into one list, and answers that are not JSON."""

from __future__ import annotations

import re

import pytest
from ansible.errors import AnsibleLookupError

from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY

REMEDY_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJEZW1vIn0.c2lnbmF0dXJl'


def scripted_remedy(server, answer):
    """A Remedy login, one answer to the call, and the logout."""
    server.reply(200, REMEDY_JWT, headers={'Content-Type': 'text/plain'})
    server.reply(**answer)
    server.reply(204)
    return dict(url=server.url, ca_path=server.ca_path, username='Demo', password='Demo-Passw0rd!', retries=0)


@pytest.mark.parametrize('terms', [['remedy'], ['remedy', '/a', '/b']])
def test_the_vendor_and_one_path_are_asked_for(lookup, terms):
    with pytest.raises(AnsibleLookupError, match='give the vendor and the path'):
        lookup('api').run(terms, variables={})


def test_an_empty_path_is_refused_before_any_login(lookup, connection):
    handle, keywords = connection('remedy')
    with pytest.raises(AnsibleLookupError, match='BMC Remedy AR System: path is empty'):
        lookup('api').run(['remedy', ''], variables={}, **keywords)
    assert handle.control.counters()['logins'] == 0


def test_the_query_is_sent_and_the_login_released(lookup, tls_server):
    keywords = scripted_remedy(tls_server, dict(status=200, body={'entries': [{'values': {'Person ID': 'PPL1'}}]}))
    result = lookup('api').run(['remedy', 'api/arsys/v1/entry/CTM:People'], variables={}, query={'q': "'Last Name'=\"Doe\"", 'limit': 1},
                               **keywords)
    assert result == [{'entries': [{'values': {'Person ID': 'PPL1'}}]}]
    sent = [(request.method, request.path) for request in tls_server.requests]
    assert sent[0] == ('POST', '/api/jwt/login') and sent[2] == ('POST', '/api/jwt/logout')
    assert sent[1][0] == 'GET' and sent[1][1].startswith('/api/arsys/v1/entry/CTM:People?')
    assert 'limit=1' in sent[1][1] and 'q=%27Last+Name%27%3D%22Doe%22' in sent[1][1]
    assert tls_server.requests[1].headers['Authorization'] == 'AR-JWT ' + REMEDY_JWT


def test_an_answer_that_is_not_json_is_none(lookup, tls_server):
    keywords = scripted_remedy(tls_server, dict(status=200, body='<html>maintenance</html>', headers={'Content-Type': 'text/html'}))
    assert lookup('api').run(['remedy', '/api/arsys/v1/server'], variables={}, **keywords) == [None]


def test_a_refused_call_names_the_status_without_the_token(lookup, tls_server):
    refusal = {'messageType': 'ERROR', 'messageText': 'no access for %s' % REMEDY_JWT, 'messageNumber': 623}
    keywords = scripted_remedy(tls_server, dict(status=403, body=[refusal]))
    with pytest.raises(AnsibleLookupError) as failed:
        lookup('api').run(['remedy', '/api/arsys/v1/entry/Secret:Form'], variables={}, **keywords)
    assert 'HTTP 403' in str(failed.value) and REMEDY_JWT not in str(failed.value)
    assert tls_server.requests[-1].path == '/api/jwt/logout'


def test_paginate_returns_the_items_of_every_page_as_one_list(lookup, connection):
    handle, keywords = connection('xmatters')
    groups = lookup('api').run(['xmatters', '/groups'], variables={}, paginate=True, query={'limit': 1}, **keywords)[0]
    assert isinstance(groups, list) and len(groups) == 2
    assert len(set(group['id'] for group in groups)) == len(groups)
    assert sum(count for key, count in handle.control.counters()['requests'].items() if key.startswith('GET /api/xm/1/groups')) > 1


def test_the_documented_vendors_and_api_roots_are_the_registered_ones(documented):
    vendors, doc = documented('api')
    assert vendors == list(REGISTRY)
    description = ' '.join(doc['description'])
    for name, vendor in REGISTRY.items():
        root = vendor.api_spec.root
        if callable(root):
            assert re.search(r'V\(%s\) C\(/api/v<[a-z_]+>\)' % name, description), name  # a root that depends on the version
        elif root:
            assert 'V(%s) C(%s)' % (name, root) in description, name
        else:
            assert re.search(r'V\(%s\)(?: and V\([a-z]+\))? the URL itself' % name, description), name
