# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One Identity Safeguard for Privileged Sessions end to end: real ansible-playbook / ansible runs against the
HTTPS simulator, for each login method."""

from __future__ import annotations

import json
import re

import pytest
import requests


pytestmark = pytest.mark.slow

USER = 'ansible'
PASSWORD = 'Ansible-Passw0rd!'
SMTP_PASSWORD = 'Smtp-S3cret-Value'
VENDOR = 'One Identity Safeguard for Privileged Sessions'
WRITES = ('POST /api/transaction', 'PUT /api/transaction', 'POST /api/configuration', 'PUT /api/configuration',
          'DELETE /api/configuration', 'POST /api/user', 'DELETE /api/user')


@pytest.fixture
def sps_vars(sps, tmp_path):
    return {'sps_url': sps.url, 'sps_ca': sps.ca_path, 'sps_user': USER, 'sps_password': PASSWORD,
            'smtp_password': SMTP_PASSWORD, 'out_dir': str(tmp_path)}


def env_for(sps, **extra):
    env = {'SPS_URL': sps.url, 'SPS_CA_PATH': sps.ca_path, 'SPS_USERNAME': USER, 'SPS_PASSWORD': PASSWORD}
    env.update(extra)
    return env


def writes(counters):
    return {key: value for key, value in counters['requests'].items() if key.startswith(WRITES)}


def raw_session(sps):
    answer = requests.get(sps.url + '/api/authentication', auth=(USER, PASSWORD), verify=sps.ca_path, timeout=10)
    answer.raise_for_status()
    return answer.headers['Set-Cookie'].split(';')[0].split('=', 1)[1]


def raw_api_key(sps, name='ci'):
    answer = requests.post(sps.url + '/api/user/api_keys', json={'name': name}, verify=sps.ca_path, timeout=10,
                           headers={'Cookie': 'session_id=%s' % raw_session(sps)})
    answer.raise_for_status()
    return answer.json()['body']['token']


def email_config(sps):
    return sps.control.state()['configuration']['singletons']['management/email']


CHANGE_EMAIL = json.dumps({'path': 'management/email', 'body': {'admin_address': 'changed@example.com'}})


def test_every_module_with_a_password_login(ansible, sps, sps_vars):
    run = ansible.playbook('sps_modules.yml', sps_vars)
    assert run.rc == 0, run
    assert run.recap()[1] == 7, run  # token, email, group create/update/delete, key create/remove; the repeats change nothing
    state = sps.control.state()
    assert state['configuration']['singletons']['management/email']['admin_address'] == 'ops@example.com'
    assert state['api_keys'] == {} and state['transaction'] is None
    counters = sps.control.counters()
    assert counters['requests']['GET /api/authentication/login_methods'] == 1
    # Every task that logged in released its session; the token module's session stays for the user.
    assert counters['logins'] == counters['logouts'] + 1
    assert 'Mozilla' not in state['last_headers']['user-agent']
    assert state['last_headers']['user-agent'].startswith('restauth.enterprise/')


def test_x509_login_changes_configuration(ansible, sps, tmp_path):
    cert, key = sps.issue_client_cert('ansible-cert', str(tmp_path))
    env = {'SPS_URL': sps.url, 'SPS_CA_PATH': sps.ca_path}
    run = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env)
    assert run.rc == 2 and 'the password login needs password, username' in run.stdout, run
    args = json.dumps({'path': 'management/email', 'body': {'admin_address': 'changed@example.com'},
                       'client_cert': cert, 'client_key': key, 'login_method': 'certs'})
    run = ansible.adhoc('restauth.enterprise.sps_config', args, env=env)
    assert run.rc == 0 and 'CHANGED' in run.stdout, run
    assert email_config(sps)['admin_address'] == 'changed@example.com'
    counters = sps.control.counters()
    assert counters['logins'] == 1 and counters['requests']['GET /api/authentication'] == 1


def test_x509_with_an_unmapped_certificate_is_explained(ansible, sps, tmp_path):
    cert, key = sps.issue_client_cert('stranger', str(tmp_path))
    args = json.dumps({'client_cert': cert, 'client_key': key})
    run = ansible.adhoc('restauth.enterprise.sps_api_key_info', args, env={'SPS_URL': sps.url, 'SPS_CA_PATH': sps.ca_path})
    assert run.rc == 2, run
    assert 'HTTP 401: AuthenticationFailure' in run.stdout and 'mapped to an SPS user' in run.stdout


def test_api_key_login_reads_and_cannot_commit(ansible, sps):
    api_key = raw_api_key(sps)
    env = {'SPS_URL': sps.url, 'SPS_CA_PATH': sps.ca_path, 'SPS_API_KEY': api_key}
    read = ansible.adhoc('restauth.enterprise.sps_api_key_info', 'name=ci', env=env)
    assert read.rc == 0 and '"username": "ansible"' in read.stdout, read
    unchanged = ansible.adhoc('restauth.enterprise.sps_config',
                              json.dumps({'path': 'management/email', 'body': {'admin_address': 'admin@example.com'}}), env=env)
    assert unchanged.rc == 0 and 'SUCCESS' in unchanged.stdout, unchanged
    sps.control.reset()
    refused = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env)
    assert refused.rc == 2, refused
    assert 'API keys cannot open or commit SPS configuration transactions' in refused.stdout
    assert 'auth_type: password' in refused.stdout and 'auth_type: x509' in refused.stdout
    assert writes(sps.control.counters()) == {}
    assert api_key not in refused.output
    assert sps.control.counters()['logins'] == 0


def test_check_mode_and_diff_leave_the_appliance_untouched(ansible, sps, sps_vars):
    raw_api_key(sps, 'existing')
    before = sps.control.state()
    sps.control.reset()
    run = ansible.playbook('sps_check_mode.yml', sps_vars, args=['--check', '--diff'])
    assert run.rc == 0, run
    after = sps.control.state()
    assert after['configuration'] == before['configuration'] and after['api_keys'] == before['api_keys']
    assert after['transaction'] is None
    assert writes(sps.control.counters()) == {}
    assert re.search(r'^-\s+"admin_address": "admin@example.com"', run.stdout, re.M), run
    assert re.search(r'^\+\s+"admin_address": "predicted@example.com"', run.stdout, re.M), run
    assert re.search(r'^\+\s+"password": "\*{8}"', run.stdout, re.M), run
    assert SMTP_PASSWORD not in run.output


def test_failed_commit_leaves_nothing_pending_or_applied(ansible, sps):
    sps.control.configure(fail_commits=1)
    run = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env_for(sps))
    assert run.rc == 2, run
    assert 'committing the transaction for changing /api/configuration/management/email failed' in run.stdout
    assert 'HTTP 400: SemanticError: Configuration is invalid' in run.stdout
    assert 'rolled back' in run.stdout and 'nothing was applied' in run.stdout
    state = sps.control.state()
    assert state['transaction'] is None
    assert email_config(sps)['admin_address'] == 'admin@example.com'
    assert sps.control.counters()['requests']['DELETE /api/transaction'] == 1


def test_failed_change_inside_the_transaction_is_rolled_back(ansible, sps):
    sps.control.inject(500, count=1, path='/api/configuration/management/email', method='PUT')
    run = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env_for(sps))
    assert run.rc == 2 and 'HTTP 500' in run.stdout and 'rolled back' in run.stdout, run
    assert sps.control.state()['transaction'] is None


def test_lock_held_by_another_session_is_explained(ansible, sps):
    sps.control.configure(lock_holder='admin (web UI, 10.0.0.5)')
    run = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env_for(sps))
    assert run.rc == 2, run
    assert 'HTTP 409' in run.stdout and 'locked by admin (web UI, 10.0.0.5)' in run.stdout
    assert 'another session holds the SPS configuration lock' in run.stdout
    assert 'PUT /api/configuration/management/email' not in sps.control.counters()['requests']


def test_expired_session_is_healed_by_one_login(ansible, sps):
    sps.control.inject(401, count=1, path='/api/configuration/management/email',
                       body={'error': {'type': 'AuthenticationFailure', 'message': 'expired', 'details': {}}})
    run = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env_for(sps))
    assert run.rc == 0, run
    counters = sps.control.counters()
    assert counters['logins'] == 2
    assert email_config(sps)['admin_address'] == 'changed@example.com'


def test_expired_given_token_fails_with_a_way_forward(ansible, sps):
    token = raw_session(sps)
    sps.control.expire_tokens()
    run = ansible.adhoc('restauth.enterprise.sps_api_key_info', '', env={'SPS_URL': sps.url, 'SPS_CA_PATH': sps.ca_path, 'SPS_TOKEN': token})
    assert run.rc == 2, run
    assert 'HTTP 401' in run.stdout and 'sps_token' in run.stdout and 'clock skew' in run.stdout
    assert token not in run.output


@pytest.mark.parametrize('offset', [3600, -7200], ids=['server-ahead', 'server-behind'])
def test_clock_skew_is_warned_about_and_does_not_break_the_session(ansible, sps, offset):
    sps.control.configure(clock_offset=offset)
    run = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env_for(sps))
    assert run.rc == 0, run
    assert re.search(r'\[WARNING\]: SPS: clock skew of \d+ seconds', run.output), run
    assert ('ahead of' if offset > 0 else 'behind') in run.output
    assert email_config(sps)['admin_address'] == 'changed@example.com'


def test_wrong_password_and_utf8_credentials(ansible, sps):
    wrong = ansible.adhoc('restauth.enterprise.sps_token', '', env=env_for(sps, SPS_PASSWORD='Wrong-Passw0rd!'))
    assert wrong.rc == 2, wrong
    assert VENDOR in wrong.stdout and 'HTTP 401: AuthenticationFailure' in wrong.stdout and 'check username and password' in wrong.stdout
    assert 'Wrong-Passw0rd!' not in wrong.output and 'Traceback' not in wrong.output
    utf8 = ansible.adhoc('restauth.enterprise.sps_token', '', env=env_for(sps, SPS_USERNAME='jürgen', SPS_PASSWORD='Pässwörd-ü'))
    assert utf8.rc == 0, utf8


def test_verbose_output_holds_no_secret(ansible, sps, sps_vars, tmp_path):
    wrong = 'Not-The-Passw0rd!'
    run = ansible.playbook('sps_secrets.yml', dict(sps_vars, wrong_password=wrong), args=['-vvv'])
    assert run.rc == 0, run
    obtained = (tmp_path / 'secrets.txt').read_text().split()
    assert len(obtained) == 3 and len(obtained[0]) == 40 and len(obtained[1]) == 40
    assert 'AuthenticationFailure' in run.output and 'API keys cannot open or commit' in run.output
    for secret in [PASSWORD, wrong, SMTP_PASSWORD] + obtained:
        assert secret not in run.output, 'a secret leaked into the -vvv output'


def test_demo_playbook_shipped_in_the_collection(ansible, sps):
    run = ansible.playbook('restauth.enterprise.demo_sps', env=dict(sps.env()))
    assert run.rc == 0, run
    assert 'SPS offers the login methods: local, ldap-corp, certs' in run.stdout, run
    assert 'admin_address: admin@example.com -> demo-admins@example.com (changed: True); second run changed: False' in run.stdout, run
    assert 'API key demo-ci created: True; secret shown once: True' in run.stdout, run
    assert 'Read with the API key: 1 key named demo-ci, owned by ansible' in run.stdout, run
    assert 'Change with the API key refused: True' in run.stdout, run
    assert 'Removed API key(s): 1; keys named demo-ci left: 0' in run.stdout, run
    assert email_config(sps)['admin_address'] == 'admin@example.com'  # put back
    state = sps.control.state()
    assert state['transaction'] is None and state['api_keys'] == {}


def groups(sps):
    return sorted(item['name'] for item in sps.control.state()['configuration']['lists']['aaa/local_database/groups'].values())


def test_a_transaction_left_open_is_never_committed_by_the_next_task(ansible, sps, sps_vars, tmp_path):
    sps.control.inject(500, path='/api/transaction', method='PUT')
    sps.control.inject(500, path='/api/transaction', method='DELETE')
    run = ansible.playbook('sps_config_pending_transaction.yml', sps_vars)
    assert run.rc == 0, run
    messages = json.loads((tmp_path / 'messages.json').read_text())
    first, second = messages['first'], messages['second']
    assert 'committing the transaction for changing /api/configuration/management/email failed' in first
    assert 'Rolling the transaction back failed too' in first and 'pending in SPS, not applied' in first
    # The session was given in token: it does not end with the task, so the message must not promise that it does.
    assert 'stays open after this task (given in token' in first and 'The next task on that session refuses' in first
    assert 'cancels its transaction when the session ends' not in first
    assert messages['first_changed'] is False
    assert second.startswith(VENDOR + ': refusing changing /api/configuration/aaa/local_database/groups: the session already has '
                             'an open configuration transaction that this task did not open'), second
    assert 'pending: replace /api/configuration/management/email' in second and 'Nothing was changed' in second
    assert 'DELETE /api/transaction' in second and messages['second_changed'] is False
    assert 'refusing' in messages['predicted']
    # The server: task 1's change is still pending only, task 2 sent no write and no commit.
    state = sps.control.state()
    assert email_config(sps)['admin_address'] == 'admin@example.com'
    assert groups(sps) == ['admins', 'ops']
    assert [change['path'] for change in state['transaction']['changes']] == ['/api/configuration/management/email']
    counters = sps.control.counters()['requests']
    assert counters['PUT /api/transaction'] == 1 and counters['DELETE /api/transaction'] == 1
    assert counters['POST /api/transaction'] == 1
    assert 'POST /api/configuration/aaa/local_database/groups' not in counters
    assert 'task-one' not in json.dumps(messages)  # the pending change is named by its path, never by its values


def test_a_transaction_left_open_in_the_token_cache_is_refused_too(ansible, sps, tmp_path):
    env = env_for(sps, RESTAUTH_TOKEN_CACHE='1', RESTAUTH_CACHE_DIR=str(tmp_path / 'cache'))
    sps.control.inject(500, path='/api/transaction', method='PUT')
    sps.control.inject(500, path='/api/transaction', method='DELETE')
    first = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env)
    assert first.rc == 2 and 'shared through the token cache' in first.stdout, first
    second = ansible.adhoc('restauth.enterprise.sps_config', json.dumps({'path': 'management/email', 'body': {'admin_address': 'two@example.com'}}),
                           env=env)
    assert second.rc == 2 and 'already has an open configuration transaction' in second.stdout, second
    counters = sps.control.counters()
    assert counters['logins'] == 1 and counters['requests']['PUT /api/transaction'] == 1
    assert email_config(sps)['admin_address'] == 'admin@example.com'


def test_own_session_left_with_a_transaction_says_it_ends_with_the_task(ansible, sps):
    sps.control.inject(500, path='/api/transaction', method='PUT')
    sps.control.inject(500, path='/api/transaction', method='DELETE')
    run = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env_for(sps))
    assert run.rc == 2, run
    assert "The session was this task's own and nothing else uses it: SPS cancels its transaction when the session ends" in run.stdout
    counters = sps.control.counters()
    assert counters['logouts'] == 1  # the session ended, and its transaction with it
    assert sps.control.state()['transaction'] is None
    assert email_config(sps)['admin_address'] == 'admin@example.com'


def test_read_back_failure_after_a_commit_reports_the_change(ansible, sps):
    sps.control.configure(fail_reads_after_commit=1)
    run = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env_for(sps))
    assert run.rc == 2, run
    assert '"changed": true' in run.stdout, run
    assert ('the update of /api/configuration/management/email went through, but what followed failed: '
            'GET /api/configuration/management/email failed with HTTP 500') in run.stdout, run
    assert email_config(sps)['admin_address'] == 'changed@example.com'
    counters = sps.control.counters()['requests']
    assert counters['PUT /api/transaction'] == 1 and counters['PUT /api/configuration/management/email'] == 1
    rerun = ansible.adhoc('restauth.enterprise.sps_config', CHANGE_EMAIL, env=env_for(sps))
    assert rerun.rc == 0 and '"changed": false' in rerun.stdout, rerun
    assert sps.control.counters()['requests']['PUT /api/transaction'] == 1


def test_read_back_failure_after_creating_an_item_reports_the_change(ansible, sps):
    sps.control.configure(fail_reads_after_commit=1)
    args = json.dumps({'path': 'aaa/local_database/groups', 'match': {'name': 'auditors'}, 'body': {'members': ['alice']}})
    run = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps))
    assert run.rc == 2 and '"changed": true' in run.stdout and 'went through, but what followed failed' in run.stdout, run
    assert groups(sps) == ['admins', 'auditors', 'ops']
    rerun = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps))
    assert rerun.rc == 0 and '"changed": false' in rerun.stdout, rerun
    assert groups(sps) == ['admins', 'auditors', 'ops']
    assert sps.control.counters()['requests']['POST /api/configuration/aaa/local_database/groups'] == 1


def group_key(sps, name):
    items = sps.control.state()['configuration']['lists']['aaa/local_database/groups']
    return next(key for key, item in items.items() if item['name'] == name)


def test_an_item_named_by_its_path_is_deleted_then_unchanged(ansible, sps):
    key = group_key(sps, 'ops')
    args = json.dumps({'path': 'aaa/local_database/groups/%s' % key, 'state': 'absent'})
    checked = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps), args=['--check'])
    assert checked.rc == 0 and 'CHANGED' in checked.stdout, checked
    assert writes(sps.control.counters()) == {} and groups(sps) == ['admins', 'ops']
    run = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps))
    assert run.rc == 0 and 'CHANGED' in run.stdout and '"key": "%s"' % key in run.stdout, run
    assert groups(sps) == ['admins']
    counters = sps.control.counters()['requests']
    assert counters['DELETE /api/configuration/aaa/local_database/groups/%s' % key] == 1 and counters['PUT /api/transaction'] == 1
    sps.control.reset()
    again = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps))
    assert again.rc == 0 and '"changed": false' in again.stdout, again
    assert writes(sps.control.counters()) == {}  # no transaction opened


def test_an_item_named_by_its_path_is_updated(ansible, sps):
    key = group_key(sps, 'ops')
    args = json.dumps({'path': 'aaa/local_database/groups/%s' % key, 'body': {'members': ['ansible', 'alice']}})
    checked = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps), args=['--check'])
    assert checked.rc == 0 and 'CHANGED' in checked.stdout, checked
    assert writes(sps.control.counters()) == {}
    run = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps))
    assert run.rc == 0 and 'CHANGED' in run.stdout, run
    items = sps.control.state()['configuration']['lists']['aaa/local_database/groups']
    assert items[key] == {'name': 'ops', 'members': ['ansible', 'alice']}
    assert sps.control.counters()['requests']['PUT /api/configuration/aaa/local_database/groups/%s' % key] == 1
    again = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps))
    assert again.rc == 0 and '"changed": false' in again.stdout, again


@pytest.mark.parametrize('key', ['.', '..'])
def test_dot_keys_are_refused_and_nothing_is_deleted(ansible, sps, key):
    args = json.dumps({'path': 'aaa/local_database/groups', 'key': key, 'state': 'absent'})
    run = ansible.adhoc('restauth.enterprise.sps_config', args, env=env_for(sps))
    assert run.rc == 2, run
    assert "key '%s' cannot be used: it would name another path than the object meant" % key in run.stdout, run
    assert groups(sps) == ['admins', 'ops']
    counters = sps.control.counters()
    assert writes(counters) == {} and counters['logins'] == 0  # refused before any request


def test_keys_sharing_a_name_satisfy_present_and_are_all_removed_in_one_transaction(ansible, sps):
    raw_api_key(sps, 'twin')
    raw_api_key(sps, 'twin')
    raw_api_key(sps, 'other')
    twins = sorted(key for key, item in sps.control.state()['api_keys'].items() if item['name'] == 'twin')
    kept = ansible.adhoc('restauth.enterprise.sps_api_key', 'name=twin', env=env_for(sps))
    assert kept.rc == 0 and 'CHANGED' not in kept.stdout, kept
    answer = json.loads(kept.stdout.split('=>', 1)[1])
    assert answer['key_id'] in twins and answer['api_key'] is None and answer['name'] == 'twin'
    assert len(sps.control.state()['api_keys']) == 3
    sps.control.reset()
    removed = ansible.adhoc('restauth.enterprise.sps_api_key', 'name=twin state=absent', env=env_for(sps))
    assert removed.rc == 0 and 'CHANGED' in removed.stdout, removed
    answer = json.loads(removed.stdout.split('=>', 1)[1])
    assert sorted(answer['key_ids']) == twins and answer['key_id'] is None and answer['api_key'] is None
    assert [item['name'] for item in sps.control.state()['api_keys'].values()] == ['other']
    done = writes(sps.control.counters())
    assert done.pop('POST /api/transaction') == 1 and done.pop('PUT /api/transaction') == 1, done
    assert sorted(done) == sorted('DELETE /api/configuration/aaa/local_database/api_keys/%s' % key for key in twins), done
    assert set(done.values()) == {1}
    again = ansible.adhoc('restauth.enterprise.sps_api_key', 'name=twin state=absent', env=env_for(sps))
    assert again.rc == 0 and 'CHANGED' not in again.stdout and '"key_ids": []' in again.stdout, again


def test_redirected_logins_write_only_objects_and_api_key_refusals(ansible, sps, sps_vars):
    sps.control.configure(login_redirect=True)
    new_password = 'N3w-Obj3ct-Passw0rd'
    run = ansible.playbook('sps_corrections.yml', dict(sps_vars, new_password=new_password, admin_password='admin-Passw0rd!'))
    assert run.rc == 0, run
    assert run.shows('url ends with /api; the collection adds the API paths itself'), run
    assert run.shows('SPS: /api/configuration/passwords is write-only (SPS does not permit GET on it), so sps_config cannot compare it'), run
    assert new_password not in run.output
    passwords = sps.control.state()['configuration']['lists']['passwords']
    assert sorted(item['plain'] for item in passwords.values()) == [new_password, new_password]
    counters = sps.control.counters()
    requests_seen = counters['requests']
    assert requests_seen['POST /api/configuration/passwords'] == 2 and requests_seen['PUT /api/transaction'] == 2
    assert 'GET /api/configuration/passwords' not in requests_seen  # never read: SPS refuses it
    assert counters['logins'] == 4 and counters['login_failures'] == 0  # every 302 login worked, once per task
    assert 'POST /api/user/api_keys' in requests_seen and sps.control.state()['api_keys'] == {}


def test_session_search_pages_windows_fields_and_sort_and_the_status(ansible, sps, sps_vars):
    sps.control.configure(audit_page_cap=2)
    run = ansible.playbook('sps_audit.yml', sps_vars, env=env_for(sps), args=['-vvv'])
    assert run.rc == 0, run
    requests_seen = sps.control.counters()['requests']
    # every session: 4 pages of at most 2; the window: 1; the search: 2; limit 3: 2 (the second asks for 1 more)
    assert requests_seen['GET /api/audit/sessions'] == 9, requests_seen
    assert requests_seen['GET /api/info'] == 1 and requests_seen['GET /api/health_status'] == 1
    assert writes(sps.control.counters()) == {}
    assert sps.control.counters()['logins'] == 5  # the task with the bad start sent nothing
    assert PASSWORD not in run.output
    assert "start 'yesterday-ish' is neither ISO 8601 nor epoch seconds" in run.output
