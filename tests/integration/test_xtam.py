# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Xton Access Manager end to end: real ansible-playbook / ansible runs against the HTTPS simulator (XTAM + CAS)."""

from __future__ import annotations

import json
import re

import pytest
import requests

from ansible import release as ansible_release


pytestmark = pytest.mark.slow

CORE = tuple(int(part) for part in ansible_release.__version__.split('.')[:2])

USER = 'demo'
PASSWORD = 'Demo-Passw0rd!'
API_TOKEN = 'xtam-demo-api-token-7Jq2'
SEED_SECRETS = ['s3cr3t-db01', 'k3y-Of-The-Api']
MODES = ['basic', 'token']
WRITES = ('POST /xtam/rest', 'DELETE /xtam/rest')


@pytest.fixture
def xtam_vars(xtam, tmp_path):
    return {
        'xtam_url': xtam.url + '/xtam',
        'xtam_ca': xtam.ca_path,
        'xtam_user': USER,
        'xtam_password': PASSWORD,
        'xtam_api_token': API_TOKEN,
        'xtam_auth_type': 'basic',
        'out_dir': str(tmp_path),
    }


def env_for(xtam, **extra):
    env = {'XTAM_URL': xtam.url + '/xtam', 'XTAM_USERNAME': USER, 'XTAM_PASSWORD': PASSWORD, 'XTAM_CA_PATH': xtam.ca_path}
    env.update(extra)
    return env


def writes(counters):
    return {key: value for key, value in counters['requests'].items() if key.startswith(WRITES)}


def basic_session(xtam):
    response = requests.get(xtam.url + '/xtam/rest/user/whoami', auth=(USER, PASSWORD), verify=xtam.ca_path, timeout=10)
    response.raise_for_status()
    return response.cookies['JSESSIONID'], response.cookies['XSRF-TOKEN']


@pytest.mark.parametrize('mode', MODES)
def test_token_module_signs_in_and_out(ansible, xtam, xtam_vars, mode):
    run = ansible.playbook('xtam_token.yml', dict(xtam_vars, xtam_auth_type=mode))
    assert run.rc == 0, run
    counters = xtam.control.counters()
    assert counters['logins'] == 1  # one session, reused by every later task
    assert counters['logouts'] == 1
    assert counters['active_tokens'] == 0
    assert counters['requests'].get('GET /cas/login', 0) == (1 if mode == 'token' else 0)
    assert counters['requests'].get('GET /xtam/', 0) == (1 if mode == 'token' else 0)  # the service ticket, once
    assert xtam.control.state()['xsrf_refused'] == 0


@pytest.mark.parametrize('mode', MODES)
def test_records_crud_in_both_sign_in_modes(ansible, xtam, xtam_vars, mode):
    run = ansible.playbook('xtam_record.yml', dict(xtam_vars, xtam_auth_type=mode, record_password='Pw-One-111', rotated_password='Pw-Two-222'))
    assert run.rc == 0, run
    counters = xtam.control.counters()
    assert counters['requests'].get('GET /cas/login', 0) == (counters['logins'] if mode == 'token' else 0)
    # Every modifying call carried the XSRF token: the simulator refused none, and they did happen.
    assert xtam.control.state()['xsrf_refused'] == 0
    assert sum(writes(counters).values()) == 4  # create, rotate, describe, delete
    # Each module run signed out the session it had opened: none is left behind.
    assert counters['logins'] == counters['logouts'] > 1 and counters['active_tokens'] == 0, counters
    assert counters['requests']['POST /xtam/logout'] == counters['logouts']
    records = xtam.control.state()['records']
    assert sorted(record['name'] for record in records.values()) == ['api-key', 'db01 root']


def test_custom_is_sent_whole_and_stored_as_a_json_string(ansible, xtam, xtam_vars):
    run = ansible.playbook('xtam_record.yml', dict(xtam_vars, record_password='Pw-One-111', rotated_password='Pw-Two-222'))
    assert run.rc == 0, run
    xtam.control.reset(state=True)
    run = ansible.adhoc('restauth.enterprise.xtam_record',
                        'record_id=i-2qhyGh2UB0V custom=\'{"Password": "Rotated-333"}\'', env=env_for(xtam))
    assert run.rc == 0, run
    stored = xtam.control.state()['records']['i-2qhyGh2UB0V']['custom']
    assert isinstance(stored, str)
    assert json.loads(stored) == {'Host': 'db01.example.com', 'Port': '22', 'User': 'root', 'Password': 'Rotated-333'}
    assert 'Rotated-333' not in run.output and 's3cr3t-db01' not in run.output


def test_second_run_changes_nothing(ansible, xtam, xtam_vars):
    extra = dict(xtam_vars, record_password='Idem-Secret-1')
    first = ansible.playbook('xtam_idempotent.yml', extra)
    assert first.rc == 0, first
    assert first.recap()[1] == 2, first
    before = xtam.control.state()['records']
    second = ansible.playbook('xtam_idempotent.yml', extra)
    assert second.rc == 0, second
    assert second.recap()[1] == 0, second
    assert xtam.control.state()['records'] == before
    assert writes(xtam.control.counters()) == {'POST /xtam/rest/record/new/i-3Apps000001/i-4SecretType': 1,
                                               'POST /xtam/rest/record/update/i-2qhyGh2UB0V': 1}


@pytest.mark.parametrize('diff', [False, True], ids=['check', 'check-diff'])
def test_check_mode_leaves_the_server_untouched(ansible, xtam, xtam_vars, diff):
    before = xtam.control.state()['records']
    secret = 'Check-Mode-Secret-777'
    args = ['--check'] + (['--diff'] if diff else [])
    run = ansible.playbook('xtam_check_mode.yml', dict(xtam_vars, record_password=secret), args=args)
    assert run.rc == 0, run
    assert xtam.control.state()['records'] == before
    assert writes(xtam.control.counters()) == {}
    assert secret not in run.output and 's3cr3t-db01' not in run.output
    if diff:
        assert re.search(r'^\+\s+"Password": "\*+ \(changed\)"', run.stdout, re.M), run
        assert re.search(r'^-\s+"name": "api-key"', run.stdout, re.M), run


def test_environment_module_defaults_and_adhoc(ansible, xtam):
    run = ansible.adhoc('restauth.enterprise.xtam_user_info', '', env=env_for(xtam))
    assert run.rc == 0, run
    assert '"userName": "demo"' in run.stdout
    counters = xtam.control.counters()
    assert (counters['logins'], counters['logouts'], counters['active_tokens']) == (1, 1, 0), counters
    run = ansible.adhoc('restauth.enterprise.xtam_record_info', 'folder_id=i-2Zh30SUCq7c',
                        env=env_for(xtam, XTAM_USERNAME='', XTAM_PASSWORD='', XTAM_API_TOKEN=API_TOKEN))
    assert run.rc == 0, run
    assert '"name": "db01 root"' in run.stdout
    counters = xtam.control.counters()
    assert counters['requests']['GET /cas/login'] == 1
    assert (counters['logins'], counters['logouts'], counters['active_tokens']) == (2, 2, 0), counters  # the token sign-in too


def test_lookups(ansible, xtam, xtam_vars):
    run = ansible.playbook('xtam_lookup.yml', xtam_vars, env=env_for(xtam))
    assert run.rc == 0, run
    folders = xtam.control.state()['folders']
    assert [folder['name'] for folder in folders.values() if folder['name'] == 'Made with uri']
    assert xtam.control.state()['xsrf_refused'] == 0
    # The token lookups hand their two sessions to the play (kept, and the module given one never signs it out);
    # each xtam_secret lookup, the two failing ones included, signs out the session it opened.
    counters = xtam.control.counters()
    assert (counters['logins'], counters['logouts'], counters['active_tokens']) == (7, 5, 2), counters


def test_xsrf_is_enforced_and_the_modules_always_send_it(ansible, xtam, xtam_vars):
    session, xsrf = basic_session(xtam)
    url = xtam.url + '/xtam/rest/record/delete/i-3AbCdEf0001'
    cookies = {'JSESSIONID': session, 'XSRF-TOKEN': xsrf}
    refused = requests.delete(url, cookies=cookies, verify=xtam.ca_path, timeout=10)
    assert refused.status_code == 403 and 'CSRF' in refused.json()['message']
    wrong = requests.delete(url, cookies=cookies, headers={'X-XSRF-TOKEN': 'forged'}, verify=xtam.ca_path, timeout=10)
    assert wrong.status_code == 403
    assert 'i-3AbCdEf0001' in xtam.control.state()['records']
    assert xtam.control.state()['xsrf_refused'] == 2
    run = ansible.playbook('xtam_record.yml', dict(xtam_vars, record_password='Pw-One-111', rotated_password='Pw-Two-222'))
    assert run.rc == 0, run
    assert xtam.control.state()['xsrf_refused'] == 2  # not one more


def test_xsrf_refusal_is_explained(ansible, xtam, xtam_vars):
    # Refused twice: once as sent, once with the token of a new whoami.
    xtam.control.inject(403, count=2, path='/xtam/rest/record/new', body={
        'status': 403, 'error': 'Forbidden', 'message': "Invalid CSRF Token was found on the request header 'X-XSRF-TOKEN'."})
    run = ansible.playbook('xtam_check_mode.yml', dict(xtam_vars, record_password='x-secret-x'))
    assert run.rc == 2, run
    assert 'HTTP 403' in run.stdout and 'XSRF protection' in run.stdout


def test_a_stale_xsrf_token_is_renewed_once_and_only_an_unprocessed_write_is_sent_again(ansible, xtam, xtam_vars, tmp_path):
    csrf = {'status': 403, 'error': 'Forbidden', 'message': "Invalid CSRF Token 'x' was found on the request parameter '_csrf' or header 'X-XSRF-TOKEN'."}
    xtam.control.inject(403, count=2, path='/xtam/rest/record/new', method='POST', body=csrf)
    xtam.control.inject(504, path='/xtam/rest/record/update', method='POST', after=True)
    env = {'RESTAUTH_CACHE_DIR': str(tmp_path / 'cache')}
    run = ansible.playbook('xtam_stale_xsrf.yml', dict(xtam_vars, xtam_control=xtam.control.url), env=env)
    assert run.rc == 0, run
    result = json.loads((tmp_path / 'result.json').read_text())
    assert result['renewed'] is True
    assert result['twice']['failed'] is True and result['twice']['changed'] is False
    assert 'POST /xtam/rest/record/new/i-2Zh30SUCq7c/i-4SecretType failed with HTTP 403' in result['twice']['msg']
    assert 'XSRF protection' in result['twice']['msg']
    assert result['gateway']['failed'] is True and 'HTTP 504' in result['gateway']['msg'] and 'not sent again' in result['gateway']['msg']
    state, requests_seen = xtam.control.state(), xtam.control.counters()['requests']
    # One whoami to sign in, one to renew the stale token, one to renew before the second (injected) refusal.
    assert requests_seen['GET /xtam/rest/user/whoami'] == 3, requests_seen
    assert state['xsrf_refused'] == 1
    assert requests_seen['POST /xtam/rest/folder/create/i-Root0000001'] == 4  # three folders, one of them sent twice
    assert requests_seen['POST /xtam/rest/record/new/i-2Zh30SUCq7c/i-4SecretType'] == 2
    assert requests_seen['POST /xtam/rest/record/update/i-2qhyGh2UB0V'] == 1
    assert state['writes'] == {'POST /xtam/rest/folder/create/i-Root0000001': 3, 'POST /xtam/rest/record/update/i-2qhyGh2UB0V': 1}
    assert sorted(folder['name'] for folder in state['folders'].values() if folder['name'].startswith('Stale-')) == ['Stale-A', 'Stale-B', 'Stale-C']
    assert 'x-never-x' not in run.output


def test_whoami_without_the_xsrf_cookie_reads_and_explains_a_refused_write(ansible, xtam, xtam_vars, tmp_path):
    # The session has a token, but whoami delivers none (a proxy dropping Set-Cookie): nothing else gives it.
    xtam.control.configure(xsrf_cookie=False)
    run = ansible.playbook('xtam_no_xsrf_cookie.yml', dict(xtam_vars, folder_name='Never-Created'))
    assert run.rc == 0, run
    result = json.loads((tmp_path / 'result.json').read_text())
    assert result['records'] == ['db01 root']
    assert result['write_failed'] is True and result['write_changed'] is False
    assert 'POST /xtam/rest/folder/create/i-Root0000001 failed with HTTP 403' in result['msg']
    assert 'XTAM set no XSRF-TOKEN cookie on GET /rest/user/whoami' in result['msg'] and 'Traceback' not in run.output
    state, counters = xtam.control.state(), xtam.control.counters()
    assert 'Never-Created' not in [folder['name'] for folder in state['folders'].values()]
    assert counters['requests']['POST /xtam/rest/folder/create/i-Root0000001'] == 1  # refused, so not sent again
    assert state['xsrf_refused'] == 3, state['xsrf_refused']  # the write, and each task's sign-out that had no token either
    assert run.shows('POST /xtam/logout failed with HTTP 403')  # a warning: the session is left to XTAM's idle timeout


@pytest.mark.parametrize('refusal', ['401', 'redirect-to-cas'])
@pytest.mark.parametrize('mode', MODES)
def test_expired_session_is_healed_by_one_sign_in(ansible, xtam, xtam_vars, mode, refusal):
    if refusal == '401':
        xtam.control.inject(401, path='/xtam/rest/folder/list')
    else:
        xtam.control.inject(302, path='/xtam/rest/folder/list', body='', headers={
            'Location': xtam.url + '/cas/login?service=' + requests.utils.quote(xtam.url + '/xtam/', safe='')})
    run = ansible.playbook('xtam_read.yml', dict(xtam_vars, xtam_auth_type=mode))
    assert run.rc == 0, run
    counters = xtam.control.counters()
    assert counters['logins'] == 2
    assert counters['requests']['GET /xtam/rest/folder/list/i-2Zh30SUCq7c'] == 2


def test_session_refused_twice_fails_instead_of_looping(ansible, xtam, xtam_vars):
    xtam.control.inject(401, count=10, path='/xtam/rest/folder/list')
    run = ansible.playbook('xtam_read.yml', xtam_vars)
    assert run.rc == 2, run
    assert 'HTTP 401' in run.stdout
    assert xtam.control.counters()['logins'] == 2


def test_expired_given_session_fails_with_a_way_forward(ansible, xtam, xtam_vars):
    session, _xsrf = basic_session(xtam)
    xtam.control.expire_tokens()
    run = ansible.playbook('xtam_read.yml', dict(xtam_vars, xtam_token=session))
    assert run.rc == 2, run
    assert 'HTTP 401' in run.stdout and 'xtam_token' in run.stdout
    assert session not in run.output
    assert xtam.control.counters()['logins'] == 1  # only the test's own


def test_service_tickets_are_single_use(xtam):
    location = requests.get(xtam.url + '/cas/login', params={'service': xtam.url + '/xtam/'}, headers={'token': API_TOKEN},
                            allow_redirects=False, verify=xtam.ca_path, timeout=10).headers['Location']
    first = requests.get(location, allow_redirects=False, verify=xtam.ca_path, timeout=10)
    assert first.status_code == 302 and 'JSESSIONID' in first.cookies
    second = requests.get(location, allow_redirects=False, verify=xtam.ca_path, timeout=10)
    assert second.status_code == 401 and 'JSESSIONID' not in second.cookies
    assert xtam.control.state()['tickets_refused'] == 1


def test_malformed_custom_is_a_clear_error(ansible, xtam, xtam_vars):
    xtam.control.inject(200, path='/xtam/rest/record/unlock', body={
        'id': 'i-2qhyGh2UB0V', 'name': 'db01 root', 'custom': '{"Password": "half-a-secret'})
    run = ansible.playbook('xtam_read.yml', dict(xtam_vars, xtam_unlock=True))
    assert run.rc == 2, run
    assert 'record i-2qhyGh2UB0V has a \\"custom\\" field that is not valid JSON' in run.stdout, run
    assert 'half-a-secret' not in run.output


class TestFailuresUsersCause:
    """Each failure: a clear message naming XTAM and the cause, no traceback, no secret."""

    @staticmethod
    def assert_clean_failure(run, *expected):
        assert run.rc == 2, run
        assert 'Xton Access Manager' in run.stdout, run
        for text in expected:
            assert text in run.stdout, run
        assert 'Traceback' not in run.output
        assert PASSWORD not in run.output and API_TOKEN not in run.output

    def test_wrong_password(self, ansible, xtam, xtam_vars):
        run = ansible.playbook('xtam_read.yml', dict(xtam_vars, xtam_password='Wrong-Passw0rd!'))
        self.assert_clean_failure(run, 'HTTP 401', 'user name or password is wrong')
        assert 'Wrong-Passw0rd!' not in run.output

    @pytest.mark.parametrize('token', ['xtam-disabled-token', 'xtam-expired-token', 'never-issued'])
    def test_refused_api_token(self, ansible, xtam, xtam_vars, token):
        run = ansible.playbook('xtam_read.yml', dict(xtam_vars, xtam_auth_type='token', xtam_api_token=token))
        self.assert_clean_failure(run, 'GET /cas/login failed with HTTP 401', 'unknown, disabled or expired')
        assert token not in run.output

    def test_federated_only_server_explains_the_redirect(self, ansible, xtam, xtam_vars):
        xtam.control.configure(federated_only=True)
        run = ansible.playbook('xtam_read.yml', xtam_vars)
        self.assert_clean_failure(run, 'HTTP 302', 'auth_type: token')

    def test_url_without_the_application_path_is_explained(self, ansible, xtam):
        run = ansible.adhoc('restauth.enterprise.xtam_user_info', '', env=env_for(xtam, XTAM_URL=xtam.url))
        self.assert_clean_failure(run, 'GET /rest/user/whoami failed with HTTP 404', 'XTAM usually lives under /xtam',
                                  'give url like https://pam.example.com/xtam')
        assert xtam.control.counters()['logins'] == 0

    def test_cas_on_another_origin_is_refused_unless_named(self, ansible, xtam, xtam_vars):
        # The simulator's CAS sent to a look-alike origin: the collection must not follow it.
        xtam.control.inject(302, path='/cas/login', body='', headers={'Location': 'https://localhost:1/xtam/?ticket=ST-1'})
        run = ansible.playbook('xtam_read.yml', dict(xtam_vars, xtam_auth_type='token'))
        self.assert_clean_failure(run, 'CAS redirected to https://localhost:1/xtam/')


def test_verbose_output_holds_no_secret(ansible, xtam, xtam_vars, tmp_path):
    wrong = 'Not-The-Passw0rd!'
    secret, rotated = 'Vault-Secret-Alpha-1', 'Vault-Secret-Beta-2'
    run = ansible.playbook('xtam_secrets.yml', dict(xtam_vars, wrong_password=wrong, record_secret=secret, rotated_secret=rotated),
                           args=['-vvv'])
    assert run.rc == 0, run
    sessions = (tmp_path / 'sessions.txt').read_text().split()
    assert len(sessions) == 3 and all(len(value) > 10 for value in sessions)
    assert 'HTTP 401' in run.output  # the failures did happen and were reported
    assert 'has no field' in run.output
    assert '"Secret": "******** (changed)"' in run.output  # the diff was shown, masked
    for value in [PASSWORD, wrong, API_TOKEN, secret, rotated] + sessions:
        assert value not in run.output, 'a secret leaked into the -vvv output'


def test_demo_playbook_shipped_in_the_collection(ansible, xtam):
    env = dict(xtam.env())
    run = ansible.playbook('restauth.enterprise.demo_xtam', env=env)
    assert run.rc == 0, run
    assert 'Signed in with the API token as Demo User' in run.stdout, run
    assert re.search(r'Stored record i-sim\d+ \(changed: True\); second run changed: False', run.stdout), run
    assert 'Rotated the password: changed True' in run.stdout, run
    assert 'The pulled password has 20 characters and matches the rotated one' in run.stdout, run
    assert 'Signed out: True' in run.stdout, run
    for value in [PASSWORD, API_TOKEN] + SEED_SECRETS:
        assert value not in run.output


SEED_CUSTOM = {'Host': 'db01.example.com', 'Port': '22', 'User': 'root', 'Password': 's3cr3t-db01'}


def stored_custom(xtam, record_id='i-2qhyGh2UB0V'):
    return json.loads(xtam.control.state()['records'][record_id]['custom'])


@pytest.mark.parametrize('fault', [404, 500, 'empty-custom'])
def test_description_update_never_reads_or_writes_the_secrets(ansible, xtam, fault):
    # The unlock read must play no part in an update without custom: whatever it would answer, the stored
    # fields stay as they are.
    if fault == 'empty-custom':
        xtam.control.inject(200, path='/xtam/rest/record/unlock', body={'id': 'i-2qhyGh2UB0V', 'name': 'db01 root', 'custom': ''})
    else:
        xtam.control.inject(fault, path='/xtam/rest/record/unlock')
    run = ansible.adhoc('restauth.enterprise.xtam_record', 'record_id=i-2qhyGh2UB0V description="Moved to rack 7"', env=env_for(xtam))
    assert run.rc == 0 and 'CHANGED' in run.stdout, run
    record = xtam.control.state()['records']['i-2qhyGh2UB0V']
    assert record['description'] == 'Moved to rack 7'
    assert stored_custom(xtam) == SEED_CUSTOM
    counters = xtam.control.counters()['requests']
    assert counters.get('GET /xtam/rest/record/unlock/i-2qhyGh2UB0V', 0) == 0
    assert counters['POST /xtam/rest/record/update/i-2qhyGh2UB0V'] == 1
    assert 's3cr3t-db01' not in run.output


def test_unlock_answer_without_custom_is_never_written_back(ansible, xtam):
    # With custom given the record is unlocked to merge; an answer without its fields must fail, not erase them.
    xtam.control.inject(200, path='/xtam/rest/record/unlock', body={'id': 'i-2qhyGh2UB0V', 'name': 'db01 root'})
    run = ansible.adhoc('restauth.enterprise.xtam_record', 'record_id=i-2qhyGh2UB0V custom=\'{"Password": "Rotated-444"}\'',
                        env=env_for(xtam))
    assert run.rc == 2, run
    assert 'answered without the record\'s \\"custom\\" fields' in run.stdout and 'nothing was changed' in run.stdout, run
    assert stored_custom(xtam) == SEED_CUSTOM
    assert writes(xtam.control.counters()) == {}
    assert 'Rotated-444' not in run.output


def test_read_back_failure_after_a_create_reports_the_change(ansible, xtam):
    args = json.dumps({'folder_id': 'i-2Zh30SUCq7c', 'record_type_id': 'i-83XfwpNvCHy', 'name': 'web02 root',
                       'custom': {'Host': 'web02', 'Password': 'Created-555'}})
    xtam.control.inject(500, method='GET', path='/xtam/rest/record/get', count=1)
    run = ansible.adhoc('restauth.enterprise.xtam_record', args, env=env_for(xtam))
    assert run.rc == 2, run
    assert '"changed": true' in run.stdout, run
    assert "the creation of record i-sim" in run.stdout and 'went through, but what followed failed' in run.stdout, run
    assert 'HTTP 500' in run.stdout
    created = [record for record in xtam.control.state()['records'].values() if record['name'] == 'web02 root']
    assert len(created) == 1 and json.loads(created[0]['custom']) == {'Host': 'web02', 'Password': 'Created-555'}
    assert xtam.control.counters()['requests']['POST /xtam/rest/record/new/i-2Zh30SUCq7c/i-83XfwpNvCHy'] == 1
    rerun = ansible.adhoc('restauth.enterprise.xtam_record', args, env=env_for(xtam))
    assert rerun.rc == 0 and 'SUCCESS' in rerun.stdout and '"changed": false' in rerun.stdout, rerun
    assert len([record for record in xtam.control.state()['records'].values() if record['name'] == 'web02 root']) == 1
    assert 'Created-555' not in run.output + rerun.output


def test_only_secret_fields_are_hidden_and_ids_stay_intact(ansible, xtam):
    password = 'Pw-Only-This-666'
    args = json.dumps({'folder_id': 'i-2Zh30SUCq7c', 'record_type_id': 'i-83XfwpNvCHy', 'name': 'web03 root',
                       'custom': {'Host': 'sim', 'Port': '0', 'Password': password}})
    run = ansible.adhoc('restauth.enterprise.xtam_record', args, env=env_for(xtam), args=['-vvv'])
    assert run.rc == 0, run
    [record_id] = [key for key, record in xtam.control.state()['records'].items() if record['name'] == 'web03 root']
    assert 'sim' in record_id and '0' in record_id  # the values of Host and Port appear inside the id (i-sim000...)
    assert '"record_id": "%s"' % record_id in run.stdout, run
    if CORE < (2, 21):
        assert '"Port": "0"' in run.stdout and '"Host": "sim"' in run.stdout  # the invocation shows the option, secrets masked by name
    else:
        # ansible-core 2.21 masks every value of a no_log option in the invocation itself.
        assert '"Port": "******** (changed)"' in run.stdout and '"Password": "******** (changed)"' in run.stdout, run
    assert password not in run.output
    if CORE < (2, 21):
        assert '"Password": "********"' in run.stdout
    # The values read from the server to compare: the seed password stays hidden, the port does not disfigure output.
    rotate = ansible.adhoc('restauth.enterprise.xtam_record', 'record_id=%s custom=\'{"Port": "0"}\'' % record_id,
                           env=env_for(xtam), args=['-vvv'])
    assert rotate.rc == 0 and '"changed": false' in rotate.stdout, rotate
    assert '"record_id": "%s"' % record_id in rotate.stdout
    assert password not in rotate.output


def test_folders_and_record_types(ansible, xtam, xtam_vars):
    """Find the ids, create, rerun, update, refuse, delete; the environment alone for one task, module_defaults for the rest."""
    run = ansible.playbook('xtam_folders.yml', xtam_vars, env=env_for(xtam))
    assert run.rc == 0, run
    assert 'Traceback' not in run.output and PASSWORD not in run.output
    folders = xtam.control.state()['folders']
    assert sorted(folder['name'] for folder in folders.values()) == ['Applications', 'Root', 'Servers', 'Twin', 'Twin']
    requests_seen = xtam.control.counters()['requests']
    # Team, Sub, two Twins; one description update; the refused delete never reached XTAM; Sub and Team deleted once.
    assert requests_seen['POST /xtam/rest/folder/create/i-Root0000001'] == 3
    assert sum(count for key, count in requests_seen.items() if key.startswith('POST /xtam/rest/folder/create/')) == 4
    assert sum(count for key, count in requests_seen.items() if key.startswith('POST /xtam/rest/folder/update/')) == 1
    assert sum(count for key, count in requests_seen.items() if key.startswith('DELETE /xtam/rest/folder/delete/')) == 2
    assert xtam.control.state()['xsrf_refused'] == 0
    counters = xtam.control.counters()
    assert counters['logins'] == counters['logouts'] and counters['active_tokens'] == 0


def test_folders_in_check_mode_send_nothing(ansible, xtam, xtam_vars):
    session, xsrf = basic_session(xtam)
    made = requests.post(xtam.url + '/xtam/rest/folder/create/i-2Zh30SUCq7c', json={'name': 'Empty'}, verify=xtam.ca_path, timeout=10,
                         cookies={'JSESSIONID': session, 'XSRF-TOKEN': xsrf}, headers={'X-XSRF-TOKEN': xsrf})
    assert made.status_code == 200, made.text
    xtam.control.reset()
    before = xtam.control.state()['folders']
    run = ansible.playbook('xtam_folders_check.yml', xtam_vars, args=['--check', '--diff'])
    assert run.rc == 0, run
    assert xtam.control.state()['folders'] == before
    assert writes(xtam.control.counters()) == {}
    assert re.search(r'^\+\s+"description": "Planned description"', run.stdout, re.M), run
    assert re.search(r'^-\s+"description": "Unix hosts"', run.stdout, re.M), run
