# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC Remedy AR System end to end: real ansible-playbook / ansible runs against the HTTPS simulator."""

from __future__ import annotations

import base64
import re
import subprocess
import sys

import pytest
import requests

from loopback import free_port

pytestmark = pytest.mark.slow

PASSWORD = 'Demo-Passw0rd!'
WRITE_METHODS = ('POST /api/arsys', 'PUT /api/arsys', 'DELETE /api/arsys')


def ar_401(number=8907, text='Your session has expired or is invalid'):
    return [{'messageType': 'ERROR', 'messageNumber': number, 'messageText': text}]


def writes(counters):
    return {key: value for key, value in counters['requests'].items() if key.startswith(WRITE_METHODS)}


def env_for(remedy, **extra):
    env = {
        'REMEDY_URL': remedy.url,
        'REMEDY_USERNAME': 'Demo',
        'REMEDY_PASSWORD': PASSWORD,
        'REMEDY_CA_PATH': remedy.ca_path,
    }
    env.update(extra)
    return env


def raw_login(remedy):
    response = requests.post(remedy.url + '/api/jwt/login', data={'username': 'Demo', 'password': PASSWORD}, verify=remedy.ca_path, timeout=10)
    response.raise_for_status()
    return response.text


def test_token_lifecycle(ansible, remedy, remedy_vars):
    run = ansible.playbook('remedy_token.yml', remedy_vars)
    assert run.rc == 0, run
    counters = remedy.control.counters()
    assert counters['logins'] == 1
    assert counters['logouts'] == 1
    assert counters['active_tokens'] == 0


def test_entry_crud_and_refusals(ansible, remedy, remedy_vars):
    run = ansible.playbook('remedy_entry.yml', remedy_vars)
    assert run.rc == 0, run
    counters = remedy.control.counters()
    # Every task logged in with username/password and released its own token.
    assert counters['logins'] == counters['logouts'] > 10
    assert counters['active_tokens'] == 0
    forms = remedy.control.state()['forms']
    assert sorted(entry['Summary'] for entry in forms['RESTAUTH:Ticket'].values()) == ['mouse found', 'mouse lost']
    # The creates asked for their values in the create answer and never read a Location back.
    requests_seen = counters['requests']
    assert requests_seen['POST /api/arsys/v1/entry/HPD:IncidentInterface_Create'] == 2  # one made, one refused (ARERR 307)
    assert not [key for key in requests_seen if key.startswith('GET /api/arsys/v1/entry/HPD:IncidentInterface_Create')]
    assert 'HPD:Incident' not in forms and len(forms['HPD:IncidentInterface']) == 1


def test_second_run_changes_nothing(ansible, remedy, remedy_vars):
    first = ansible.playbook('remedy_idempotent.yml', remedy_vars)
    assert first.rc == 0, first
    assert first.recap()[1] == 2, first
    before = remedy.control.state()['forms']
    second = ansible.playbook('remedy_idempotent.yml', remedy_vars)
    assert second.rc == 0, second
    assert second.recap()[1] == 0, second
    assert remedy.control.state()['forms'] == before


@pytest.mark.parametrize('diff', [False, True], ids=['check', 'check-diff'])
def test_check_mode_leaves_the_server_untouched(ansible, remedy, remedy_vars, diff):
    people = remedy.control.state()['forms']['CTM:People']
    existing = sorted(values['Remedy Login ID'] for values in people.values())[0]
    before = remedy.control.state()['forms']
    remedy.control.reset()
    args = ['--check'] + (['--diff'] if diff else [])
    run = ansible.playbook('remedy_check_mode.yml', dict(remedy_vars, existing_login=existing, people_count=len(people)), args=args)
    assert run.rc == 0, run
    assert remedy.control.state()['forms'] == before
    counters = remedy.control.counters()
    assert writes(counters) == {}
    assert counters['logins'] == counters['logouts'] == 4
    if diff:
        assert re.search(r'^-\s+"Profile Status": "Enabled"', run.stdout, re.M), run
        assert re.search(r'^\+\s+"Profile Status": "Offline"', run.stdout, re.M), run


def test_environment_and_module_defaults(ansible, remedy, remedy_vars):
    run = ansible.playbook('remedy_connection_sources.yml', remedy_vars, env=env_for(remedy))
    assert run.rc == 0, run
    counters = remedy.control.counters()
    assert counters['logins'] == 2 and counters['logouts'] == 2


def test_adhoc_command(ansible, remedy):
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=2', env=env_for(remedy))
    assert run.rc == 0, run
    assert 'localhost | SUCCESS' in run.stdout
    assert run.stdout.count('"entry_id"') == 2
    assert remedy.control.counters()['logouts'] == 1


def test_lookup(ansible, remedy, remedy_vars):
    run = ansible.playbook('remedy_lookup.yml', remedy_vars, env=env_for(remedy))
    assert run.rc == 0, run
    # Both the lookup and the module name the URL to give instead of one with an API path (older cores wrap warnings).
    shown = ' '.join(run.output.split())
    for suffix in ('/api/arsys/v1', '/api/jwt'):
        assert 'url ends with %s; the collection adds the API paths itself' % suffix in shown, run
    assert shown.count('give url %s' % remedy.url) == 2, run
    counters = remedy.control.counters()
    assert counters['logins'] == 6
    assert counters['login_failures'] == 1


def test_expired_token_is_healed_by_one_login(ansible, remedy, remedy_vars):
    remedy.control.inject(401, count=1, path='/api/arsys', body=ar_401())
    run = ansible.playbook('remedy_read.yml', remedy_vars)
    assert run.rc == 0, run
    counters = remedy.control.counters()
    assert counters['logins'] == 2
    assert counters['requests']['GET /api/arsys/v1/entry/CTM:People'] == 2


def test_token_refused_twice_fails_instead_of_looping(ansible, remedy, remedy_vars):
    remedy.control.inject(401, count=10, path='/api/arsys', body=ar_401())
    run = ansible.playbook('remedy_read.yml', remedy_vars)
    assert run.rc == 2, run
    assert 'ARERR 8907' in run.stdout
    assert remedy.control.counters()['logins'] == 2


def test_expired_given_token_fails_with_a_way_forward(ansible, remedy, remedy_vars):
    token = raw_login(remedy)
    remedy.control.expire_tokens()
    run = ansible.playbook('remedy_read.yml', dict(remedy_vars, remedy_token=token))
    assert run.rc == 2, run
    assert 'ARERR 8907' in run.stdout and 'remedy_jwt_token' in run.stdout
    assert remedy.control.counters()['logins'] == 1  # only the test's own login


@pytest.mark.parametrize('status', [503, 429])
def test_busy_server_is_healed_by_retries(ansible, remedy, remedy_vars, status):
    remedy.control.inject(status, count=2, path='/api/arsys', retry_after=1 if status == 429 else None)
    run = ansible.playbook('remedy_read.yml', remedy_vars)
    assert run.rc == 0, run
    assert remedy.control.counters()['requests']['GET /api/arsys/v1/entry/CTM:People'] == 3


def test_busy_server_beyond_retries_is_explained(ansible, remedy, remedy_vars):
    remedy.control.inject(503, count=10, path='/api/arsys')
    run = ansible.playbook('remedy_read.yml', remedy_vars)
    assert run.rc == 2, run
    assert 'HTTP 503' in run.stdout and 'tried 4 times' in run.stdout
    assert remedy.control.counters()['logouts'] == 1


class TestFailuresUsersCause:
    """Each failure: a clear message naming the vendor and the cause, no traceback, no secret."""

    @staticmethod
    def assert_clean_failure(run, *expected):
        assert run.rc == 2, run
        assert 'BMC Remedy AR System' in run.stdout, run
        for text in expected:
            assert text in run.stdout, run
        assert 'Traceback' not in run.output
        assert PASSWORD not in run.output

    def test_wrong_password(self, ansible, remedy, remedy_vars):
        run = ansible.playbook('remedy_read.yml', dict(remedy_vars, remedy_password='Wrong-Passw0rd!'))
        self.assert_clean_failure(run, 'HTTP 401', 'ARERR 623', 'user name or password is wrong')
        assert 'Wrong-Passw0rd!' not in run.output
        assert remedy.control.counters()['login_failures'] == 1

    def test_unreachable_host(self, ansible, remedy, remedy_vars):
        run = ansible.playbook('remedy_read.yml', dict(remedy_vars, remedy_url='https://127.0.0.1:%d' % free_port()))
        self.assert_clean_failure(run, 'cannot connect to https://127.0.0.1:', 'Connection refused')

    def test_unknown_certificate_authority(self, ansible, remedy, remedy_vars):
        plain = dict(remedy_vars)
        del plain['remedy_ca']
        run = ansible.playbook('remedy_read.yml', plain)
        self.assert_clean_failure(run, 'CERTIFICATE_VERIFY_FAILED', 'ca_path')

    def test_plain_http_is_refused_by_the_collection(self, ansible, remedy, remedy_vars):
        run = ansible.playbook('remedy_read.yml', dict(remedy_vars, remedy_url=remedy.http_url))
        self.assert_clean_failure(run, 'clear text', 'allow_http')
        assert remedy.control.counters()['requests'] == {}

    def test_sso_gateway_html_page_is_explained_not_dumped(self, ansible, remedy, remedy_vars):
        page = ('<!DOCTYPE html><html><head><title>Remedy Single Sign-On</title></head><body><form action="/rsso/start">'
                '<input name="goto" value="SSO-MARKUP-MARKER"></form></body></html>')
        remedy.control.inject(401, count=1, path='/api/jwt/login', body=page, headers={'Content-Type': 'text/html;charset=UTF-8'})
        run = ansible.playbook('remedy_read.yml', remedy_vars)
        self.assert_clean_failure(run, 'HTTP 401: an HTML page titled \\"Remedy Single Sign-On\\"', 'single sign-on gateway')
        assert 'SSO-MARKUP-MARKER' not in run.output and '<form' not in run.output
        assert remedy.control.counters()['requests'] == {'POST /api/jwt/login': 1}

    def test_answer_that_is_not_json(self, ansible, remedy, remedy_vars):
        remedy.control.inject(200, count=1, path='/api/arsys', body='<html><title>Maintenance</title></html>',
                              headers={'Content-Type': 'text/html'})
        run = ansible.playbook('remedy_read.yml', remedy_vars)
        self.assert_clean_failure(run, 'not JSON', 'text/html', '<html><title>Maintenance</title></html>')

    def test_missing_requests_library(self, ansible, remedy, remedy_vars, tmp_path):
        bare = tmp_path / 'bare-venv'
        subprocess.run([sys.executable, '-m', 'venv', '--without-pip', str(bare)], check=True)
        run = ansible.playbook('remedy_read.yml', dict(remedy_vars, ansible_python_interpreter=str(bare / 'bin' / 'python')))
        assert run.rc == 2, run
        assert 'Failed to import the required Python library (requests)' in run.stdout, run
        assert 'Traceback (most recent call last)' not in run.stdout.split('"msg"')[-1]


def test_plain_http_is_served_with_allow_http(ansible, remedy, remedy_vars):
    # AR System commonly serves its REST API over plain HTTP: with allow_http the collection uses it.
    run = ansible.playbook('remedy_read.yml', dict(remedy_vars, remedy_url=remedy.http_url, allow_http=True))
    assert run.rc == 0, run
    assert 'people: 3' in run.stdout, run
    counters = remedy.control.counters()
    assert counters['requests']['GET /api/arsys/v1/entry/CTM:People'] == 1
    assert counters['logins'] == counters['logouts'] == 1


def test_verbose_output_holds_no_secret(ansible, remedy, remedy_vars, tmp_path):
    wrong = 'Not-The-Passw0rd!'
    run = ansible.playbook('remedy_secrets.yml', dict(remedy_vars, wrong_password=wrong), args=['-vvv'])
    assert run.rc == 0, run
    tokens = (tmp_path / 'tokens.txt').read_text().split()
    assert len(tokens) == 2 and all(token.count('.') == 2 for token in tokens)
    assert 'ARERR 623' in run.output  # the failures did happen and were reported
    for secret in [PASSWORD, wrong] + tokens:
        assert secret not in run.output, 'a secret leaked into the -vvv output'
    for part in tokens[0].split('.')[1:]:
        assert part not in run.output


def test_demo_playbook_shipped_in_the_collection(ansible, remedy):
    run = ansible.playbook('restauth.enterprise.demo_remedy', env=env_for(remedy))
    assert run.rc == 0, run
    assert re.search(r'Created INC\d{12} with status Assigned', run.stdout), run
    assert re.search(r'Query found 1 entry: INC\d{12}, status Assigned, description: restauth.enterprise demo: disk full on db01', run.stdout), run
    assert 'Status Assigned -> In Progress (changed: True); second run changed: False' in run.stdout, run
    assert 'entries left with that number: 0' in run.stdout
    assert 'Logged out: True' in run.stdout
    counters = remedy.control.counters()
    assert counters['logins'] == 1 and counters['logouts'] == 1


def test_create_never_reads_its_location_back(ansible, remedy, remedy_vars):
    # Every GET of the form fails (as the Location of a *_Create form may): the create needs none of them.
    remedy.control.inject(500, count=3, path='/api/arsys/v1/entry/RESTAUTH:Ticket', method='GET')
    run = ansible.playbook('remedy_create_lost_answer.yml', remedy_vars)
    assert run.rc == 0, run
    assert run.recap()[1:] == (1, 0, 0), run
    entries = remedy.control.state()['forms']['RESTAUTH:Ticket']
    assert [values['Summary'] for values in entries.values()] == ['read-back lost']
    counters = remedy.control.counters()
    assert counters['requests']['POST /api/arsys/v1/entry/RESTAUTH:Ticket'] == 1
    assert not [key for key in counters['requests'] if key.startswith('GET /api/arsys/v1/entry/RESTAUTH:Ticket')]
    assert counters['logins'] == counters['logouts'] == 1


def seed_entries(remedy, form, count):
    """``count`` entries in ``form``, made through the REST API with a login of the test's own, then counters zeroed."""
    token = raw_login(remedy)
    with requests.Session() as session:
        session.headers['Authorization'] = 'AR-JWT ' + token
        for number in range(count):
            response = session.post('%s/api/arsys/v1/entry/%s' % (remedy.url, form), json={'values': {'Summary': 'entry %03d' % number}},
                                    verify=remedy.ca_path, timeout=10)
            response.raise_for_status()
        session.post(remedy.url + '/api/jwt/logout', verify=remedy.ca_path, timeout=10).raise_for_status()
    remedy.control.reset()


@pytest.mark.parametrize('limit', [120, None], ids=['limit-120', 'no-limit'])
def test_server_cap_without_links_is_not_taken_for_the_last_page(ansible, remedy, remedy_vars, limit):
    seed_entries(remedy, 'RESTAUTH:Paged', 120)
    remedy.control.configure(max_limit=50, list_links=False)
    extra = {'form': 'RESTAUTH:Paged', 'expected': 120}
    if limit:
        extra['limit'] = limit
    run = ansible.playbook('remedy_paged.yml', dict(remedy_vars, **extra))
    assert run.rc == 0, run
    # 50 + 50 + 20: the third page is shorter than the server's cap, so it is the last.
    assert remedy.control.counters()['requests']['GET /api/arsys/v1/entry/RESTAUTH:Paged'] == 3


def test_login_answer_that_is_not_a_jwt_is_named_never_printed(ansible, remedy, remedy_vars):
    remedy.control.configure(login_answer='json')
    run = ansible.playbook('remedy_read.yml', remedy_vars, args=['-vvv'])
    assert run.rc == 2, run
    # Every simulator JWT starts with its header, {"alg":"HS256","typ":"JWT"} in base64url.
    assert 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' not in run.output
    assert 'the login answer is not a JWT: a JSON object with the fields token' in run.stdout, run
    assert 'Traceback' not in run.output
    assert remedy.control.counters()['logins'] == 1


@pytest.mark.parametrize('lifetime,clock_offset', [(60, -40), (20, 0)], ids=['server-clock-40s-behind', 'lifetime-20s'])
def test_paged_read_logs_in_once_whatever_the_clocks(ansible, remedy, remedy_vars, lifetime, clock_offset):
    # Without the server's Date, a JWT whose exp is within 30 s of the local clock looked expired at every page.
    seed_entries(remedy, 'RESTAUTH:Paged', 5)
    remedy.control.configure(token_lifetime=lifetime, clock_offset=clock_offset)
    run = ansible.playbook('remedy_paged.yml', dict(remedy_vars, form='RESTAUTH:Paged', page_size=1, expected=5))
    assert run.rc == 0, run
    counters = remedy.control.counters()
    assert counters['requests']['GET /api/arsys/v1/entry/RESTAUTH:Paged'] == 5
    assert (counters['logins'], counters['logouts'], counters['active_tokens']) == (1, 1, 0)


def test_tokens_renewed_during_a_task_are_all_logged_out(ansible, remedy, remedy_vars):
    seed_entries(remedy, 'RESTAUTH:Paged', 4)
    remedy.control.configure(token_lifetime=4)
    remedy.control.delay(1.5, count=4, path='/api/arsys/v1/entry/RESTAUTH:Paged', method='GET')
    run = ansible.playbook('remedy_paged.yml', dict(remedy_vars, form='RESTAUTH:Paged', page_size=1, expected=4))
    assert run.rc == 0, run
    counters = remedy.control.counters()
    assert counters['logins'] > 1, counters
    assert counters['logouts'] == counters['logins'] and counters['active_tokens'] == 0, counters


def test_worklog_add_rerun_check_mode_attachments_and_refusals(ansible, remedy, remedy_vars, tmp_path):
    binary = bytes(range(256)) + b'\r\n--restauth-\r\n\x00\r\n\r\n\n\r'  # NUL, CR/LF runs, a boundary look-alike
    text = 'caf\u00e9 notes\r\n'.encode('utf-8')
    (tmp_path / 'dump.bin').write_bytes(binary)
    (tmp_path / 'notes.txt').write_bytes(text)
    files = [str(tmp_path / 'dump.bin'), str(tmp_path / 'notes.txt')]
    run = ansible.playbook('remedy_worklog.yml', dict(remedy_vars, files=files), args=['-vvv'])
    assert run.rc == 0, run
    counters = remedy.control.counters()
    # Two adds (check mode, the rerun and both refusals wrote nothing); the refusals did not even log in.
    assert counters['requests']['POST /api/arsys/v1/entry/HPD:WorkLog'] == 2
    assert counters['requests']['GET /api/arsys/v1/entry/HPD:WorkLog'] == 4
    assert counters['logins'] == counters['logouts'] == 4
    state = remedy.control.state()
    worklogs = state['forms']['HPD:WorkLog']
    assert sorted(values.get('Detailed Description') or '' for values in worklogs.values()) == ['', 'Removed old logs; "12 GB" free again.']
    (with_files,) = state['attachments']['HPD:WorkLog'].values()
    assert base64.b64decode(with_files['z2AF Work Log01']['base64']) == binary
    assert base64.b64decode(with_files['z2AF Work Log02']['base64']) == text
    assert (with_files['z2AF Work Log01']['name'], with_files['z2AF Work Log02']['name']) == ('dump.bin', 'notes.txt')
    assert PASSWORD not in run.output and 'AR-JWT ' not in run.output and 'Traceback' not in run.output
