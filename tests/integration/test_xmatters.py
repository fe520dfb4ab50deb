# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xMatters end to end: real ansible-playbook / ansible runs against the HTTPS simulator."""

from __future__ import annotations

import base64
import re

import pytest
import requests

from simulators.xmatters import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CLIENT_ID, DEMO_PASSWORD, DEMO_USER, SSO_USER

pytestmark = pytest.mark.slow

GROUPS = 'GET /api/xm/1/groups'
TOKEN = 'POST /api/xm/1/oauth2/token'
WRITES = ('POST /api/xm/1/groups', 'DELETE /api/xm/1/groups')


@pytest.fixture
def xm_vars(xm, tmp_path):
    return {
        'xm_url': xm.url,
        'xm_ca': xm.ca_path,
        'xm_user': DEMO_USER,
        'xm_password': DEMO_PASSWORD,
        'xm_api_key': DEMO_API_KEY,
        'xm_api_secret': DEMO_API_SECRET,
        'xm_client_id': DEMO_CLIENT_ID,
        'xm_sso_user': SSO_USER,
        'xm_sso_password': xm.env()['XMATTERS_DEMO_SSO_PASSWORD'],
        'out_dir': str(tmp_path),
    }


def env_for(xm, **extra):
    env = {
        'XMATTERS_URL': xm.url,
        'XMATTERS_USERNAME': DEMO_USER,
        'XMATTERS_PASSWORD': DEMO_PASSWORD,
        'XMATTERS_CA_PATH': xm.ca_path,
        'XMATTERS_CLIENT_ID': DEMO_CLIENT_ID,
    }
    env.update(extra)
    return env


def grants(xm):
    return xm.control.state()['grants']


def writes(counters):
    return {key: value for key, value in counters['requests'].items() if key.startswith(WRITES)}


def raw_tokens(xm):
    response = requests.post(xm.url + '/api/xm/1/oauth2/token', verify=xm.ca_path, timeout=10, data={
        'grant_type': 'password', 'client_id': DEMO_CLIENT_ID, 'username': DEMO_USER, 'password': DEMO_PASSWORD})
    response.raise_for_status()
    return response.json()


def test_basic_api_key_and_oauth_password_and_refresh_grants(ansible, xm, xm_vars):
    run = ansible.playbook('xmatters_auth.yml', xm_vars, env=env_for(xm))
    assert run.rc == 0, run
    # token module (password), token module (refresh), a module with refresh_token, then the env play with client_id.
    assert grants(xm) == ['password', 'refresh_token', 'refresh_token', 'password']
    assert xm.control.counters()['login_failures'] == 0


def test_group_lifecycle(ansible, xm, xm_vars):
    run = ansible.playbook('xmatters_group.yml', xm_vars)
    assert run.rc == 0, run
    names = [group['targetName'] for group in xm.control.state()['groups']]
    assert names == ['Operations', 'Database Team']
    counters = xm.control.counters()
    # Creates and updates are POSTs to the collection (no PUT); two deletes, the second answered 204.
    assert counters['requests']['POST /api/xm/1/groups'] == 2
    assert not any(key.startswith('PUT ') for key in counters['requests'])


def test_second_run_changes_nothing(ansible, xm, xm_vars):
    first = ansible.playbook('xmatters_idempotent.yml', xm_vars)
    assert first.rc == 0, first
    assert first.recap()[1] == 3, first
    before = xm.control.state()['groups']
    xm.control.reset()
    second = ansible.playbook('xmatters_idempotent.yml', xm_vars)
    assert second.rc == 0, second
    assert second.recap()[1] == 0, second
    assert xm.control.state()['groups'] == before
    assert writes(xm.control.counters()) == {}


def test_group_updates_send_the_whole_group_and_401s_name_their_cause(ansible, xm, xm_vars):
    # The simulator replaces a group on update (what a POST omits is reset) and names SSO refusals.
    xm.control.configure(sso_message='SSO users must sign in through their identity provider')
    ids = {person['targetName']: person['id'] for person in xm_api(xm, 'GET', '/people').json()['data']}
    xm_api(xm, 'POST', '/groups', json={'targetName': 'Observed Team', 'description': 'old words', 'observedByAll': False,
                                        'supervisors': [ids['jdoe'], ids['asmith']], 'observers': [{'name': 'Standard User'}]})
    run = ansible.playbook('xmatters_corrections.yml', xm_vars)
    assert run.rc == 0, run.stdout
    groups = {group['targetName']: group for group in xm.control.state()['groups']}
    assert groups['Unsupervised Team']['supervisors'] == [ids[DEMO_USER]]
    assert groups["Nobody's Team"]['supervisors'] == []
    observed = groups['Observed Team']
    assert (observed['description'], observed['observedByAll'], observed['observers']) == ('new words', False, ['Standard User'])
    assert sorted(observed['supervisors']) == sorted([ids['jdoe'], ids['asmith']])
    # setup POST + two creates + update; the three refused logins read nothing and wrote nothing.
    assert xm.control.counters()['requests']['POST /api/xm/1/groups'] == 4
    assert xm.control.counters()['login_failures'] == 3


def xm_api(xm, method, path, **kwargs):
    response = requests.request(method, xm.url + '/api/xm/1' + path, auth=(DEMO_USER, DEMO_PASSWORD), verify=xm.ca_path, timeout=10,
                                **kwargs)
    response.raise_for_status()
    return response


@pytest.mark.parametrize('diff', [False, True], ids=['check', 'check-diff'])
def test_check_mode_leaves_the_server_untouched(ansible, xm, xm_vars, diff):
    before = xm.control.state()['groups']
    run = ansible.playbook('xmatters_check_mode.yml', xm_vars, args=['--check'] + (['--diff'] if diff else []))
    assert run.rc == 0, run
    assert xm.control.state()['groups'] == before
    assert writes(xm.control.counters()) == {}
    if diff:
        assert re.search(r'^-\s+"status": "ACTIVE"', run.stdout, re.M), run
        assert re.search(r'^\+\s+"status": "INACTIVE"', run.stdout, re.M), run


def test_sso_user_gets_the_explanation_and_one_request(ansible, xm, xm_vars):
    run = ansible.playbook('xmatters_read.yml', dict(xm_vars, xm_user=SSO_USER, xm_password=xm_vars['xm_sso_password'], xm_client_id=None))
    assert run.rc == 2, run
    assert 'xMatters: GET /api/xm/1/groups failed with HTTP 401' in run.stdout, run
    for fix in ('API key as username and its secret as password', 'Web/App password and the Bypass SSO role', 'OAuth'):
        assert fix in run.stdout, run
    assert xm_vars['xm_sso_password'] not in run.output
    assert 'Traceback' not in run.output
    assert xm.control.counters()['requests'][GROUPS] == 1


@pytest.mark.parametrize('page_size,requests_made', [(None, 3), (100, 26)], ids=['default-1000', 'page-100'])
def test_pagination_returns_every_one_of_2500_groups(ansible, xm, xm_vars, page_size, requests_made):
    xm.control.configure(seed_groups=2500)
    extra = dict(xm_vars, xm_client_id=None, page_size=page_size) if page_size else dict(xm_vars, xm_client_id=None)
    run = ansible.playbook('xmatters_read.yml', extra)
    assert run.rc == 0, run
    assert 'groups: 2502, distinct: 2502' in run.stdout, run
    assert xm.control.counters()['requests'][GROUPS] == requests_made


def test_429_is_healed_by_honouring_retry_after(ansible, xm, xm_vars):
    xm.control.inject(429, count=1, path='/api/xm/1/groups', retry_after=1)
    run = ansible.playbook('xmatters_read.yml', dict(xm_vars, xm_client_id=None))
    assert run.rc == 0, run
    assert xm.control.counters()['requests'][GROUPS] == 2


def test_expired_access_token_is_healed_by_one_refresh(ansible, xm, xm_vars):
    tokens = raw_tokens(xm)
    xm.control.expire_tokens()
    given = dict(xm_vars, xm_token=tokens['access_token'], xm_refresh_token=tokens['refresh_token'], xm_user=None, xm_password=None)
    run = ansible.playbook('xmatters_read.yml', given)
    assert run.rc == 0, run
    assert grants(xm) == ['password', 'refresh_token']  # the test's own login, then one refresh
    assert xm.control.counters()['requests'][GROUPS] == 2


def test_access_token_refused_mid_task_is_refreshed_once(ansible, xm, xm_vars):
    xm.control.inject(401, count=1, path='/api/xm/1/groups', body={'code': 401, 'reason': 'Unauthorized', 'message': 'expired'})
    run = ansible.playbook('xmatters_read.yml', dict(xm_vars, xm_auth_type='oauth'))
    assert run.rc == 0, run
    assert grants(xm) == ['password', 'refresh_token']


def test_expired_given_token_without_refresh_token_fails_with_a_way_forward(ansible, xm, xm_vars):
    token = raw_tokens(xm)['access_token']
    xm.control.expire_tokens()
    run = ansible.playbook('xmatters_read.yml', dict(xm_vars, xm_token=token, xm_user=None, xm_password=None, xm_client_id=None))
    assert run.rc == 2, run
    assert 'HTTP 401' in run.stdout and 'xmatters_oauth_token' in run.stdout
    assert token not in run.output


def test_adhoc_command_with_the_environment(ansible, xm):
    run = ansible.adhoc('restauth.enterprise.xmatters_group_info', 'name=Operations', env=env_for(xm))
    assert run.rc == 0, run
    assert 'localhost | SUCCESS' in run.stdout
    assert '"targetName": "Operations"' in run.stdout
    assert grants(xm) == ['password']  # XMATTERS_CLIENT_ID in the environment selects OAuth


def test_lookup(ansible, xm, xm_vars):
    run = ansible.playbook('xmatters_lookup.yml', xm_vars, env=env_for(xm))
    assert run.rc == 0, run
    assert grants(xm) == ['password', 'password', 'password']


def test_verbose_output_holds_no_secret(ansible, xm, xm_vars, tmp_path):
    wrong = 'Not-The-Passw0rd!'
    run = ansible.playbook('xmatters_secrets.yml', dict(xm_vars, wrong_password=wrong), args=['-vvv'])
    assert run.rc == 0, run
    tokens = (tmp_path / 'tokens.txt').read_text().split()
    assert len(tokens) == 3 and all(len(token) > 20 for token in tokens)
    assert 'Bypass SSO' in run.output and 'invalid_grant' in run.output  # the failures did happen and were reported
    assert 'Verbose Team' in [group['targetName'] for group in xm.control.state()['groups']]
    basic = [base64.b64encode(('%s:%s' % pair).encode()).decode() for pair in
             ((DEMO_API_KEY, DEMO_API_SECRET), (DEMO_USER, DEMO_PASSWORD), (SSO_USER, xm_vars['xm_sso_password']))]
    for secret in [DEMO_PASSWORD, DEMO_API_SECRET, xm_vars['xm_sso_password'], wrong] + tokens + basic:
        assert secret not in run.output, 'a secret leaked into the -vvv output'


def test_demo_playbook_shipped_in_the_collection(ansible, xm):
    run = ansible.playbook('restauth.enterprise.demo_xmatters', env=dict(env_for(xm), **{
        key: value for key, value in xm.env().items() if key.startswith('XMATTERS_DEMO_')}))
    assert run.rc == 0, run
    assert 'SSO user over Basic: HTTP 401. wrong credentials, or an SSO user: ' in run.stdout, run
    assert 'API key read 2 groups' in run.stdout
    assert re.search(r'OAuth access token obtained; it expires at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(900 s\)', run.stdout), run
    assert 'Created group restauth.enterprise demo team (changed: True), supervised by demo; second run changed: False' in run.stdout
    assert 'Status ACTIVE -> INACTIVE (changed: True)' in run.stdout
    assert '3 groups: Operations, Database Team, restauth.enterprise demo team' in run.stdout
    assert 'Deleted: True; second delete changed: False' in run.stdout
    assert 'and a new refresh token: True' in run.stdout
    assert grants(xm) == ['password', 'refresh_token']
    assert DEMO_PASSWORD not in run.output and DEMO_API_SECRET not in run.output


def test_create_whose_read_back_fails_reports_the_change(ansible, xm, xm_vars):
    xm.control.configure(lose_read_after_create=500)
    run = ansible.playbook('xmatters_create_lost_answer.yml', xm_vars)
    assert run.rc == 0, run
    assert run.recap()[1:] == (1, 0, 0), run
    assert 'Traceback' not in run.output
    assert [group['targetName'] for group in xm.control.state()['groups']].count('Lost Answer Team') == 1
    assert xm.control.counters()['requests']['POST /api/xm/1/groups'] == 1


def test_endless_paging_stops_at_the_bound(ansible, xm, xm_vars):
    xm.control.configure(endless_next=True)
    total = len(xm.control.state()['groups'])
    run = ansible.playbook('xmatters_read.yml', dict(xm_vars, page_size=1))
    assert run.rc == 2, run
    assert 'xMatters: GET /api/xm/1/groups still pointed to a next page after %d pages' % (total + 2) in run.stdout, run
    assert 'Traceback' not in run.output
    # The pages the first page's total needs, two more, and not one request beyond.
    assert xm.control.counters()['requests'][GROUPS] == total + 2


def raw_refresh(xm, refresh_token):
    return requests.post(xm.url + '/api/xm/1/oauth2/token', verify=xm.ca_path, timeout=10, data={
        'grant_type': 'refresh_token', 'client_id': DEMO_CLIENT_ID, 'refresh_token': refresh_token})


def test_token_module_returns_the_rotated_refresh_token(ansible, xm, xm_vars, tmp_path):
    given = raw_tokens(xm)['refresh_token']
    run = ansible.playbook('xmatters_oauth_refresh.yml', dict(xm_vars, xm_refresh_token=given))
    assert run.rc == 0, run
    # The new refresh token is the result: no warning to act on.
    assert '[WARNING]' not in run.output, run
    returned = (tmp_path / 'refresh_token').read_text()
    assert given not in run.output and returned not in run.output
    # The server rotated it: the given one is refused now, the returned one works.
    assert raw_refresh(xm, given).status_code == 400
    assert raw_refresh(xm, returned).status_code == 200


def test_module_given_a_refresh_token_warns_when_the_server_rotates_it(ansible, xm, xm_vars):
    given = raw_tokens(xm)['refresh_token']
    run = ansible.playbook('xmatters_read.yml', dict(xm_vars, xm_refresh_token=given, xm_user=None, xm_password=None))
    assert run.rc == 0, run
    assert 'the refresh_token given to this task is spent' in run.output, run
    assert 'token_cache' in run.output and 'xmatters_oauth_token' in run.output
    assert given not in run.output


def test_refused_refresh_token_is_not_blamed_on_sso(ansible, xm, xm_vars):
    given = raw_tokens(xm)['refresh_token']
    assert raw_refresh(xm, given).status_code == 200  # used once: rotated away
    run = ansible.playbook('xmatters_read.yml', dict(xm_vars, xm_refresh_token=given, xm_user=None, xm_password=None))
    assert run.rc == 2, run
    assert 'invalid_grant' in run.stdout and 'the refresh token was refused: it expired, was revoked, or was already used' in run.stdout, run
    assert 'SSO' not in run.stdout, run
    assert 'Traceback' not in run.output and given not in run.output


def test_token_cache_keeps_the_rotated_refresh_token_for_the_next_task(ansible, xm, xm_vars, tmp_path):
    # Access tokens of 30 s are inside the cache's margin, so every task refreshes: the second must use the
    # refresh token the first one got, not the one both were given (spent after the first refresh).
    xm.control.configure(token_lifetime=30)
    given = raw_tokens(xm)['refresh_token']
    env = {'RESTAUTH_TOKEN_CACHE': '1', 'RESTAUTH_CACHE_DIR': str(tmp_path / 'cache')}
    extra = dict(xm_vars, xm_refresh_token=given, xm_user=None, xm_password=None)
    for _dummy in range(2):
        run = ansible.playbook('xmatters_read.yml', extra, env=env)
        assert run.rc == 0, run
        assert given not in run.output
    assert grants(xm) == ['password', 'refresh_token', 'refresh_token']
    assert xm.control.counters()['login_failures'] == 0


PEOPLE_WRITES = ('POST /api/xm/1/people', 'DELETE /api/xm/1/people', 'POST /api/xm/1/groups', 'DELETE /api/xm/1/groups')


def test_people_and_group_members(ansible, xm, xm_vars):
    # Pages of two items: the people list, the sites and the members are read over several pages.
    xm.control.configure(max_limit=2, cap_limit=True)
    run = ansible.playbook('xmatters_people.yml', xm_vars)
    assert run.rc == 0, run.stdout
    state = xm.control.state()
    assert 'mmiller' not in [person['targetName'] for person in state['people']]
    assert state['members'] == {'Operations': [['PERSON', 'jdoe']]}
    requests_made = xm.control.counters()['requests']
    # 1 create + 1 update of the person (the rerun sent nothing); 2 + 3 adds; 3 + 1 removals (none for the non-member);
    # one delete (the second run finds no person and sends none).
    assert requests_made['POST /api/xm/1/people'] == 2
    members_path = [key for key in requests_made if key.startswith('POST /api/xm/1/groups/') and key.endswith('/members')]
    assert [requests_made[key] for key in members_path] == [5]
    assert sum(value for key, value in requests_made.items() if key.startswith('DELETE /api/xm/1/groups/')) == 4
    assert sum(value for key, value in requests_made.items() if key.startswith('DELETE /api/xm/1/people/')) == 1
    # Five people over pages of two: three requests for the full list (and the search one).
    assert requests_made['GET /api/xm/1/people'] == 4
    # Seven member reads (one per task that found the group, one more after each change) over pages of two.
    assert sum(value for key, value in requests_made.items() if key.startswith('GET /api/xm/1/groups/') and key.endswith('/members')) > 12


def test_people_and_members_check_mode_sends_nothing_and_no_secret_shows(ansible, xm, xm_vars):
    before = xm.control.state()
    run = ansible.playbook('xmatters_people_check.yml', xm_vars, args=['--check', '--diff', '-vvv'])
    assert run.rc == 0, run.stdout
    after = xm.control.state()
    assert (after['people'], after['members'], after['groups']) == (before['people'], before['members'], before['groups'])
    assert [key for key in xm.control.counters()['requests'] if key.startswith(PEOPLE_WRITES)] == []
    assert re.search(r'^-\s+"status": "ACTIVE"', run.stdout, re.M), run.stdout
    basic = base64.b64encode(('%s:%s' % (DEMO_USER, DEMO_PASSWORD)).encode()).decode()
    for secret in (DEMO_PASSWORD, basic):
        assert secret not in run.output


def test_person_info_from_the_environment(ansible, xm):
    run = ansible.adhoc('restauth.enterprise.xmatters_person_info', 'target_name=jdoe', env=env_for(xm))
    assert run.rc == 0, run.stdout
    assert '"targetName": "jdoe"' in run.stdout and '"changed": false' in run.stdout
    assert xm.control.counters()['requests']['GET /api/xm/1/people/jdoe'] == 1
