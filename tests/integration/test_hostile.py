# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The transport against hostile answers and hostile options, through real ansible runs.

What a user sees (rc, message naming the vendor, no traceback, no secret in
any encoding even with -vvv) and what the server received (requests, logins,
objects created).
"""

from __future__ import annotations

import base64
import json
import time
from urllib.parse import quote, quote_plus

import pytest
import requests

from hostile import HostileServer

pytestmark = pytest.mark.slow

REMEDY = 'BMC Remedy AR System'
PASSWORD = 'Demo-Passw0rd!'
SPS_PASSWORD = 'Ansible-Passw0rd!'
# A password with every character that encodes differently in a form, a URL and JSON.
HOSTILE_PASSWORD = 'P\u00e4ss w\u00f6rd!&x=1'
ENTRY_POST = 'POST /api/arsys/v1/entry/RESTAUTH:Ticket'


def encodings(secret, username=None):
    """Every form of ``secret`` that must not show up in output."""
    forms = {secret, quote_plus(secret, safe=''), quote(secret, safe=''), quote(secret), json.dumps(secret)[1:-1],
             quote_plus(secret, safe='').lower(), quote(secret, safe='').lower(), json.dumps(secret)[1:-1].upper().replace('\\U', '\\u')}
    if username is not None:
        forms.add(base64.b64encode(('%s:%s' % (username, secret)).encode('utf-8')).decode('ascii'))
    return forms


def assert_no_secret(run, secret, username=None):
    for form in encodings(secret, username):
        assert form not in run.output, (form, run)


def assert_clean_failure(run, vendor, text=None):
    assert run.rc != 0, run
    assert 'Traceback' not in run.output, run
    assert vendor + ':' in run.output, run
    if text:
        assert text in run.output, run


def result(run):
    """The task result of an ad-hoc run (``localhost | FAILED! => {...}``)."""
    return json.loads(run.stdout[run.stdout.index(' => {') + 4:].split('\n}\n', 1)[0] + '\n}')


def remedy_env(remedy, **extra):
    env = {'REMEDY_URL': remedy.url, 'REMEDY_USERNAME': 'Demo', 'REMEDY_PASSWORD': PASSWORD, 'REMEDY_CA_PATH': remedy.ca_path}
    env.update(extra)
    return env


def entries(remedy):
    return remedy.control.state()['forms'].get('RESTAUTH:Ticket', {})


@pytest.fixture
def hostile(tmp_path):
    started = []

    def start(behaviour, **kwargs):
        server = HostileServer(behaviour, tmp_path, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def ticket_args(summary):
    return json.dumps({'form': 'RESTAUTH:Ticket', 'query': "'Summary' = \"%s\"" % summary, 'values': {'Summary': summary, 'Status': 'New'}})


# Item 2: a write is repeated only when it surely was not processed.

def test_post_behind_a_gateway_that_lost_the_answer_is_not_repeated(ansible, remedy):
    before = len(entries(remedy))
    remedy.control.inject(504, method='POST', path='/api/arsys/v1/entry', after=True)
    run = ansible.adhoc('restauth.enterprise.remedy_entry', ticket_args('gateway lost it'), env=remedy_env(remedy))
    assert_clean_failure(run, REMEDY, 'HTTP 504')
    assert 'may have gone through' in run.output and 'not sent again' in run.output, run
    assert remedy.control.counters()['requests'].get(ENTRY_POST) == 1
    assert len(entries(remedy)) == before + 1


@pytest.mark.parametrize('status', [503, 429])
def test_post_refused_as_unprocessed_is_repeated_and_creates_one(ansible, remedy, status):
    before = len(entries(remedy))
    remedy.control.inject(status, method='POST', path='/api/arsys/v1/entry', retry_after=1)
    run = ansible.adhoc('restauth.enterprise.remedy_entry', ticket_args('busy %d' % status), env=remedy_env(remedy))
    assert run.rc == 0, run
    assert remedy.control.counters()['requests'].get(ENTRY_POST) == 2
    assert len(entries(remedy)) == before + 1


# Item 6: pasted line breaks in tokens and keys.

def test_token_with_a_trailing_newline_works(ansible, remedy):
    token = requests.post(remedy.url + '/api/jwt/login', data={'username': 'Demo', 'password': PASSWORD}, verify=remedy.ca_path, timeout=10).text
    env = remedy_env(remedy, REMEDY_TOKEN=token + '\r\n', REMEDY_USERNAME='', REMEDY_PASSWORD='')
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=1', env=env, args=['-vvv'])
    assert run.rc == 0, run
    assert remedy.control.counters()['logins'] == 1
    assert remedy.control.counters()['requests'].get('GET /api/arsys/v1/entry/CTM:People') == 1


def test_sps_api_key_with_a_trailing_newline_works(ansible, sps):
    session = requests.get(sps.url + '/api/authentication', auth=('ansible', SPS_PASSWORD), verify=sps.ca_path, timeout=10)
    session.raise_for_status()
    cookie = session.headers['Set-Cookie'].split(';')[0]
    answer = requests.post(sps.url + '/api/user/api_keys', json={'name': 'pasted'}, verify=sps.ca_path, timeout=10, headers={'Cookie': cookie})
    answer.raise_for_status()
    key = answer.json()['body']['token']
    run = ansible.adhoc('restauth.enterprise.sps_api_key_info', 'name=pasted', args=['-vvv'],
                        env={'SPS_URL': sps.url, 'SPS_CA_PATH': sps.ca_path, 'SPS_API_KEY': key + '\n'})
    assert run.rc == 0, run
    assert key not in run.output


@pytest.mark.parametrize('token', ['abc\r\nX-Injected: hidden-part', 'abc\nhidden-part'], ids=['crlf', 'lf'])
def test_token_with_a_line_break_inside_is_refused_without_echo(ansible, remedy, token):
    env = remedy_env(remedy, REMEDY_TOKEN=token, REMEDY_USERNAME='', REMEDY_PASSWORD='')
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=1', env=env, args=['-vvv'])
    assert_clean_failure(run, REMEDY, 'line break')
    assert 'hidden-part' not in run.output, run
    assert remedy.control.counters()['requests'] == {}


def test_ar_headers_with_a_line_break_are_refused(ansible, remedy):
    args = json.dumps({'form': 'CTM:People', 'limit': 1, 'ar_headers': {'X-AR-Trace-Id': 'a\r\nX-Other: hidden-part'}})
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', args, env=remedy_env(remedy), args=['-vvv'])
    assert_clean_failure(run, REMEDY, 'line break')
    # ar_headers is no secret option (the task result shows it), but the message does not repeat the value.
    assert 'hidden-part' not in result(run)['msg'], run
    assert remedy.control.counters()['logins'] == 0


# Item 7: error pages that echo the login.

LOGINS = [
    ('remedy_jwt_token', 'REMEDY', REMEDY),
    ('xmatters_oauth_token', 'XMATTERS', 'xMatters'),
    ('truesight_token', 'TRUESIGHT', 'BMC TrueSight Presentation Server'),
    ('discovery_token', 'DISCOVERY', 'BMC Discovery'),
]


@pytest.mark.parametrize('behaviour', ['echo', 'echo_json'])
@pytest.mark.parametrize('module, prefix, vendor', LOGINS, ids=[login[0] for login in LOGINS])
def test_an_echoed_login_shows_no_encoding_of_the_password(ansible, hostile, behaviour, module, prefix, vendor):
    server = hostile(behaviour)
    env = {prefix + '_URL': server.url, prefix + '_CA_PATH': server.ca_path, prefix + '_USERNAME': 'Demo', prefix + '_PASSWORD': HOSTILE_PASSWORD}
    if prefix == 'XMATTERS':
        env['XMATTERS_CLIENT_ID'] = 'client-1'
    if prefix == 'DISCOVERY':
        env['DISCOVERY_API_VERSION'] = '1.10'  # else the first request is GET /api/about, not the login
    run = ansible.adhoc('restauth.enterprise.' + module, '', env=env, args=['-vvv'])
    assert_clean_failure(run, vendor)
    assert server.requests and server.requests[0].method == 'POST', run
    assert_no_secret(run, HOSTILE_PASSWORD, 'Demo')


@pytest.mark.parametrize('behaviour', ['echo', 'echo_json'])
def test_an_echoed_login_in_the_lookup_shows_no_encoding_of_the_password(ansible, hostile, behaviour):
    server = hostile(behaviour)
    run = ansible.playbook('token_hostile_server.yml', {'url': server.url, 'ca': server.ca_path, 'password': HOSTILE_PASSWORD}, args=['-vvv'])
    assert run.rc != 0 and 'Traceback' not in run.output, run
    assert REMEDY in run.output, run
    assert server.requests, run
    assert_no_secret(run, HOSTILE_PASSWORD, 'Demo')


# Item 9: credentials from the environment or the URL.

def test_netrc_does_not_replace_the_collections_credentials(ansible, remedy, tmp_path):
    home = tmp_path / 'home'
    home.mkdir()
    netrc = home / '.netrc'
    netrc.write_text('machine 127.0.0.1 login intruder password netrc-secret\n')
    netrc.chmod(0o600)
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=1', env=remedy_env(remedy, HOME=str(home)))
    assert run.rc == 0, run
    counters = remedy.control.counters()
    assert counters['logins'] == 1 and counters['login_failures'] == 0
    assert counters['requests'].get('GET /api/arsys/v1/entry/CTM:People') == 1
    assert 'netrc-secret' not in json.dumps(remedy.control.state().get('last_headers', {}))


def test_a_password_in_the_url_is_refused_and_not_shown(ansible, remedy):
    url = remedy.url.replace('https://', 'https://Demo:url-secret-pw@')
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=1', env=remedy_env(remedy, REMEDY_URL=url), args=['-vvv'])
    assert_clean_failure(run, REMEDY, 'user name or password')
    assert 'url-secret-pw' not in run.output, run
    assert remedy.control.counters()['requests'] == {}


# Item 15: a whole-answer deadline and a size cap.

def test_a_dripping_answer_fails_at_the_timeout(ansible, hostile):
    server = hostile('drip')
    started = time.monotonic()
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=1 timeout=3 retries=0',
                        env={'REMEDY_URL': server.url, 'REMEDY_CA_PATH': server.ca_path, 'REMEDY_TOKEN': 'abc'}, timeout=90)
    elapsed = time.monotonic() - started
    assert_clean_failure(run, REMEDY, 'no complete answer within 3 seconds')
    # ansible itself takes a second or two to start the module.
    assert elapsed < 12, elapsed


def test_an_answer_over_the_size_cap_fails(ansible, hostile):
    server = hostile('huge', size=5 * 1024 * 1024)
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=1 retries=0',
                        env={'REMEDY_URL': server.url, 'REMEDY_CA_PATH': server.ca_path, 'REMEDY_TOKEN': 'abc',
                             'RESTAUTH_MAX_RESPONSE_BYTES': str(1024 * 1024)})
    assert_clean_failure(run, REMEDY, 'answer larger than 1048576 bytes')


# Item 16: answers and options that used to end in a traceback.

@pytest.mark.parametrize('behaviour, text, requests_seen', [
    ('retry_after', 'HTTP 503', 2),
    ('cut', 'broke before the whole answer came', 2),
    ('gzip', 'cannot be decoded (Content-Encoding: gzip)', 1),
    ('deep', 'nested too deeply', 1),
], ids=['retry-after-superscript', 'cut-mid-body', 'bad-gzip', 'deep-json'])
def test_hostile_answers_fail_cleanly(ansible, hostile, behaviour, text, requests_seen):
    server = hostile(behaviour)
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=1 retries=1',
                        env={'REMEDY_URL': server.url, 'REMEDY_CA_PATH': server.ca_path, 'REMEDY_TOKEN': 'abc'})
    assert_clean_failure(run, REMEDY, text)
    assert len(server.requests) == requests_seen, run


def test_a_next_link_with_a_bad_port_fails_cleanly(ansible, hostile):
    server = hostile('next_bad_port')
    run = ansible.adhoc('restauth.enterprise.xmatters_group_info', 'page_size=1',
                        env={'XMATTERS_URL': server.url, 'XMATTERS_CA_PATH': server.ca_path, 'XMATTERS_TOKEN': 'abc'})
    assert_clean_failure(run, 'xMatters', 'bad host or port')


@pytest.mark.parametrize('args, text', [
    ('timeout=0', 'timeout 0 cannot be used'),
    ('timeout=-5', 'timeout -5 cannot be used'),
    ('timeout=99999', 'timeout 99999 cannot be used'),
], ids=['timeout-zero', 'timeout-negative', 'timeout-huge'])
def test_unusable_timeouts_fail_before_any_request(ansible, remedy, args, text):
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', 'form=CTM:People limit=1 ' + args, env=remedy_env(remedy))
    assert_clean_failure(run, REMEDY, text)
    assert remedy.control.counters()['requests'] == {}


@pytest.mark.parametrize('url, text', [
    ('https://127.0.0.1:99999', 'valid port'),
    ('https://127.0.0.1:abc', 'valid port'),
    ('{base}/?tenant=x', 'query or fragment'),
    ('{base}/#top', 'query or fragment'),
], ids=['port-99999', 'port-abc', 'query', 'fragment'])
def test_unusable_urls_fail_before_any_request(ansible, remedy, url, text):
    run = ansible.adhoc('restauth.enterprise.remedy_jwt_token', '', env=remedy_env(remedy, REMEDY_URL=url.format(base=remedy.url)))
    assert_clean_failure(run, REMEDY, text)
    counters = remedy.control.counters()
    assert counters['requests'] == {} and counters['logins'] == 0
