# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The <vendor>_api modules and the api lookup, in real ansible runs against every simulator."""

from __future__ import annotations

import json

import pytest

from vendor_tables import every_vendor

pytestmark = pytest.mark.slow

# Connection options of each vendor's simulator, and a GET and a write of its API.
CONNECTIONS = every_vendor('simulator logins', {
    'remedy': lambda h: {'url': h.url, 'username': 'Demo', 'password': 'Demo-Passw0rd!'},
    'sps': lambda h: {'url': h.url, 'username': 'ansible', 'password': 'Ansible-Passw0rd!'},
    'xtam': lambda h: {'url': h.url + '/xtam', 'username': 'demo', 'password': 'Demo-Passw0rd!'},
    'xmatters': lambda h: {'url': h.url, 'username': 'demo', 'password': 'Demo-Passw0rd!'},
    'truesight': lambda h: {'url': h.url, 'username': 'apiuser', 'password': 'Api-Passw0rd!', 'tenant': '*'},
    'discovery': lambda h: {'url': h.url, 'username': 'apiuser', 'password': 'Api-Passw0rd!'},
})
READS = every_vendor('a GET per vendor', {
    'remedy': ('/api/arsys/v1/entry/CTM:People', 'GET /api/arsys/v1/entry/CTM:People'),
    'sps': ('/configuration/management/email', 'GET /api/configuration/management/email'),
    'xtam': ('/folder/root', 'GET /xtam/rest/folder/root'),
    'xmatters': ('/people/jdoe', 'GET /api/xm/1/people/jdoe'),
    'truesight': ('/tsws/10.0/api/omprovider/devices', 'GET /tsws/10.0/api/omprovider/devices'),
    'discovery': ('/discovery', 'GET /api/v1.10/discovery'),
})
WRITES = every_vendor('a write per vendor', {
    'remedy': ('/api/arsys/v1/entry/RESTAUTH:Unit', {'values': {'Short Description': 'x'}}),
    'sps': ('/configuration/aaa/local_database/groups', {'name': 'x', 'members': []}),
    'xtam': ('/folder/create/root', {'name': 'x'}),
    'xmatters': ('/groups', {'targetName': 'x', 'recipientType': 'GROUP'}),
    'truesight': ('/tsws/10.0/api/unifiedadmin/Policy/create', {'name': 'x'}),
    'discovery': ('/vault/credentials', {'label': 'x', 'types': ['ssh']}),
})
LOGIN_PATHS = ('/api/jwt/login', '/api/authentication', '/xtam/rest/user/whoami', '/tsws/api/v10.1/token')


def args(vendor, handle, **options):
    given = dict(CONNECTIONS[vendor](handle), ca_path=handle.ca_path, **options)
    return json.dumps(given)


def requests_to(handle, prefix):
    return dict((key, n) for key, n in handle.control.counters()['requests'].items() if key.split(' ', 1)[1].startswith(prefix))


def result_of(run):
    """The module result of an ad-hoc run (its JSON after 'localhost | STATUS =>')."""
    text = run.stdout
    return json.loads(text[text.index('{'):])


VENDORS = sorted(CONNECTIONS)


@pytest.mark.parametrize('vendor', VENDORS)
def test_a_get_is_sent_with_the_login_and_reports_unchanged(ansible, fresh_server, vendor):
    handle = fresh_server(vendor)
    run = ansible.adhoc('restauth.enterprise.%s_api' % vendor, args(vendor, handle, path=READS[vendor][0]))
    assert run.rc == 0, run
    result = result_of(run)
    assert result['changed'] is False and result['status'] == 200 and result['json'] is not None
    assert not any(name.lower() == 'set-cookie' for name in result['headers'])
    assert handle.control.counters()['requests'].get(READS[vendor][1]) == 1


@pytest.mark.parametrize('vendor', VENDORS)
def test_check_mode_sends_no_write_and_no_login(ansible, fresh_server, vendor):
    handle = fresh_server(vendor)
    path, body = WRITES[vendor]
    run = ansible.adhoc('restauth.enterprise.%s_api' % vendor, args(vendor, handle, path=path, method='POST', body=body), args=['--check'])
    assert run.rc == 0, run
    assert result_of(run)['changed'] is True
    counters = handle.control.counters()
    assert counters['requests'] == {} and counters['logins'] == 0


@pytest.mark.parametrize('vendor', VENDORS)
def test_a_refused_token_mid_run_is_renewed_by_one_login(ansible, fresh_server, vendor):
    handle = fresh_server(vendor)
    path, route = READS[vendor]
    options = {'auth_type': 'oauth', 'client_id': '3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c'} if vendor == 'xmatters' else {}
    handle.control.inject(401, path=route.split(' ', 1)[1], method='GET')
    run = ansible.adhoc('restauth.enterprise.%s_api' % vendor, args(vendor, handle, path=path, **options))
    assert run.rc == 0, run
    counters = handle.control.counters()
    assert counters['requests'].get(route) == 2
    assert counters['logins'] == 2


@pytest.mark.parametrize('vendor, header', [('remedy', 'AUTHORIZATION'), ('sps', 'cookie'), ('xtam', 'X-Xsrf-Token'),
                                            ('truesight', 'authtoken'), ('xmatters', 'Authorization'), ('discovery', 'authorization')])
def test_auth_headers_are_refused_before_any_request(ansible, fresh_server, vendor, header):
    handle = fresh_server(vendor)
    run = ansible.adhoc('restauth.enterprise.%s_api' % vendor, args(vendor, handle, path=READS[vendor][0], headers={header: 'mine'}))
    assert run.rc != 0
    assert 'headers may not set %s' % header in run.stdout, run
    assert handle.control.counters()['requests'] == {}


def test_remedy_calls(ansible, remedy, remedy_vars):
    run = ansible.playbook('remedy_api_calls.yml', remedy_vars)
    assert run.rc == 0, run
    counters = remedy.control.counters()
    assert counters['requests'].get('POST /api/arsys/v1/entry/RESTAUTH:Unit') == 1
    assert len(remedy.control.state()['forms']['RESTAUTH:Unit']) == 1
    # Two pages of two for paginate, one page without it, one page of 500 for the lookup.
    assert counters['requests']['GET /api/arsys/v1/entry/CTM:People'] == 4


def test_xmatters_calls(ansible, xm, tmp_path):
    xm.control.configure(seed_groups=25)
    xm.control.reset()
    before = len(xm.control.state()['groups'])
    extra = {'xm_url': xm.url, 'xm_ca': xm.ca_path, 'xm_user': 'demo', 'xm_password': 'Demo-Passw0rd!'}
    run = ansible.playbook('xmatters_api_calls.yml', extra)
    assert run.rc == 0, run
    counters = xm.control.counters()
    assert counters['requests'].get('POST /api/xm/1/groups') == 1
    assert counters['requests']['GET /api/xm/1/groups'] >= 3
    assert len(xm.control.state()['groups']) == before + 1


def test_sps_calls_commit_in_transactions(ansible, sps, tmp_path):
    extra = {'sps_url': sps.url, 'sps_ca': sps.ca_path, 'sps_user': 'ansible', 'sps_password': 'Ansible-Passw0rd!'}
    run = ansible.playbook('sps_api_calls.yml', extra)
    assert run.rc == 0, run
    requests = sps.control.counters()['requests']
    assert requests.get('POST /api/transaction') == 2 and requests.get('PUT /api/transaction') == 2
    assert requests.get('PUT /api/configuration/management/email') == 1
    assert requests['GET /api/configuration/aaa/local_database/groups'] >= 3
    state = sps.control.state()
    assert json.dumps(state).count('ops@example.com') >= 1 and 'made-by-sps-api' in json.dumps(state)


def test_sps_commit_failure_is_rolled_back(ansible, sps):
    sps.control.inject(500, path='/api/transaction', method='PUT')
    run = ansible.adhoc('restauth.enterprise.sps_api', args('sps', sps, path='/configuration/aaa/local_database/groups', method='POST',
                                                            body={'name': 'never-committed', 'members': []}))
    assert run.rc != 0
    assert 'committing the transaction' in run.stdout and 'rolled back' in run.stdout, run
    requests = sps.control.counters()['requests']
    assert requests.get('DELETE /api/transaction') == 1
    assert 'never-committed' not in json.dumps(sps.control.state())


def test_sps_api_key_write_under_configuration_is_refused_before_sending(ansible, sps):
    run = ansible.adhoc('restauth.enterprise.sps_api', json.dumps({'url': sps.url, 'ca_path': sps.ca_path, 'api_key': 'some-key',
                                                                   'path': '/configuration/management/email', 'method': 'PUT', 'body': {}}))
    assert run.rc != 0 and 'API keys cannot open or commit' in run.stdout, run
    assert sps.control.counters()['requests'] == {}


def test_xtam_calls(ansible, xtam, tmp_path):
    extra = {'xtam_url': xtam.url + '/xtam', 'xtam_ca': xtam.ca_path, 'xtam_user': 'demo', 'xtam_password': 'Demo-Passw0rd!'}
    run = ansible.playbook('xtam_api_calls.yml', extra)
    assert run.rc == 0, run
    assert sum(requests_to(xtam, '/xtam/rest/folder/create').values()) == 1


def test_truesight_calls(ansible, truesight, tmp_path):
    extra = {'ts_url': truesight.url, 'ts_ca': truesight.ca_path, 'ts_user': 'apiuser', 'ts_password': 'Api-Passw0rd!'}
    run = ansible.playbook('truesight_api_calls.yml', extra)
    assert run.rc == 0, run
    assert [policy['name'] for policy in truesight.control.state()['policies']] == ['Baseline', 'Made by truesight_api']
    assert truesight.control.counters()['requests'].get('POST /tsws/10.0/api/unifiedadmin/Policy/create') == 2


def test_a_password_echoed_in_the_answer_is_masked(ansible, xm):
    run = ansible.adhoc('restauth.enterprise.xmatters_api', args('xmatters', xm, path='/groups', method='POST',
                                                                 body={'targetName': 'echo', 'recipientType': 'GROUP',
                                                                       'description': 'Demo-Passw0rd!'}))
    assert run.rc == 0, run
    assert 'Demo-Passw0rd!' not in run.output
    assert result_of(run)['json']['description'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert [group['description'] for group in xm.control.state()['groups'] if group['targetName'] == 'echo'] == ['Demo-Passw0rd!']


def test_check_mode_still_checks_the_connection_options(ansible, remedy):
    run = ansible.adhoc('restauth.enterprise.remedy_api', json.dumps({'url': 'http://' + remedy.url.split('://', 1)[1], 'username': 'Demo',
                                                                      'password': 'x', 'path': '/api/x', 'method': 'DELETE'}), args=['--check'])
    assert run.rc != 0 and 'refusing the plain http:// URL' in run.stdout, run


def test_lookup_refusals_name_the_cause(ansible, xtam):
    conn = "url='%s/xtam', ca_path='%s', username='demo', password='Demo-Passw0rd!'" % (xtam.url, xtam.ca_path)
    paged = ansible.adhoc('ansible.builtin.debug', "msg={{ lookup('restauth.enterprise.api', 'xtam', '/folder/root', paginate=true, %s) }}" % conn)
    assert paged.rc != 0 and 'has no paging' in paged.output, paged
    one_term = ansible.adhoc('ansible.builtin.debug', "msg={{ lookup('restauth.enterprise.api', 'xtam', %s) }}" % conn)
    assert one_term.rc != 0 and 'give the vendor and the path' in one_term.output, one_term
    wrong = ansible.adhoc('ansible.builtin.debug', "msg={{ lookup('restauth.enterprise.api', 'xtam', '/folder/list/nope', %s) }}" % conn)
    assert wrong.rc != 0 and 'HTTP 404' in wrong.output and 'Demo-Passw0rd!' not in wrong.output, wrong
    assert xtam.control.counters()['requests'].get('GET /xtam/rest/folder/list/nope') == 1


def test_read_only_call_is_sent_in_check_mode_and_reports_unchanged(ansible, truesight):
    run = ansible.adhoc('restauth.enterprise.truesight_api', args('truesight', truesight, path='/tsws/10.0/api/unifiedadmin/Policy/list',
                                                                  method='POST', body={}, read_only=True), args=['--check'])
    assert run.rc == 0, run
    result = result_of(run)
    assert result['changed'] is False
    assert [(policy['name'], policy['type']) for policy in result['json']['response']['policyList']] == [('Baseline', 'monitoring')]
    assert truesight.control.counters()['requests'].get('POST /tsws/10.0/api/unifiedadmin/Policy/list') == 1
