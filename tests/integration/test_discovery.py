# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC Discovery end to end: real ansible-playbook / ansible / ansible-inventory runs against the Discovery simulator."""

from __future__ import annotations

import json

import pytest
from ansible import release as ansible_release

pytestmark = pytest.mark.slow

CORE = tuple(int(part) for part in ansible_release.__version__.split('.')[:2])

USER = 'apiuser'
PASSWORD = 'Api-Passw0rd!'
PERMANENT = 'perm-apiuser-6f1c2d9e8b7a'
VENDOR = 'BMC Discovery'
V = '/api/v1.10'  # the highest of the simulator's versions, numerically (a text compare would pick 1.9)


@pytest.fixture
def disco_vars(discovery, tmp_path):
    return {'disco_url': discovery.url, 'disco_ca': discovery.ca_path, 'disco_user': USER, 'disco_password': PASSWORD,
            'disco_permanent': PERMANENT, 'scan_password': 'Scan-Secret-41', 'scan_password_2': 'Scan-Secret-42',
            'out_dir': str(tmp_path)}


def env_for(discovery, **extra):
    env = {'DISCOVERY_URL': discovery.url, 'DISCOVERY_USERNAME': USER, 'DISCOVERY_PASSWORD': PASSWORD,
           'DISCOVERY_CA_PATH': discovery.ca_path}
    env.update(extra)
    return env


def test_modules_happy_paths_idempotency_check_mode_and_diff(ansible, discovery, disco_vars):
    run = ansible.playbook('discovery_modules.yml', disco_vars)
    assert run.rc == 0, run
    counters = discovery.control.counters()
    requests = counters['requests']
    # Two logins: discovery_token and the token lookup; every other task used the permanent token.
    assert counters['logins'] == 2 and counters['login_failures'] == 0
    # The version is negotiated per task (no token_cache) and only 1.10 paths were used.
    assert not [key for key in requests if '/api/v1.' in key and not key.split(' ', 1)[1].startswith(V + '/')], requests
    # The long query went by POST, the others by GET (12 rows: one page each).
    assert requests['POST %s/data/search' % V] == 1
    # One run started, one cancel; the check-mode tasks sent no write.
    assert requests['POST %s/discovery/runs' % V] == 1
    assert sum(count for key, count in requests.items() if key.startswith('PATCH %s/discovery/runs/' % V)) == 1
    assert requests['PATCH %s/discovery' % V] == 1
    state = discovery.control.state()
    assert state['status'] == 'stopped'
    assert [run['cancelled'] for run in state['runs']] == [True]
    # The credential: created with its password, updated by PATCH (never PUT), the seed deleted.
    credentials = state['credentials']
    assert [item['label'] for item in credentials] == ['linux-scan']
    assert credentials[0]['password'] == 'Scan-Secret-42' and credentials[0]['description'] == 'Linux servers'
    assert credentials[0]['username'] == 'scanner' and credentials[0]['ip_range'] == '10.0.0.0/8'
    assert not [key for key in requests if key.startswith('PUT ')]
    assert requests['POST %s/vault/credentials' % V] == 1
    assert sum(count for key, count in requests.items() if key.startswith('PATCH %s/vault/credentials/' % V)) == 2
    assert sum(count for key, count in requests.items() if key.startswith('DELETE %s/vault/credentials/' % V)) == 1


def test_failures_are_explained_and_secrets_stay_out_of_verbose_output(ansible, discovery, disco_vars, tmp_path):
    wrong = 'Wrong-Passw0rd-77'
    extra = dict(disco_vars, wrong_password=wrong, viewer_password='View-Passw0rd!', leaver_token='perm-leaver-0a1b2c3d',
                 disco_http_url=discovery.http_url)
    run = ansible.playbook('discovery_failures.yml', extra, args=['-vvv'])
    assert run.rc == 0, run
    tokens = (tmp_path / 'tokens.txt').read_text().split()
    assert len(tokens) == 1 and tokens[0].startswith('exp-')
    for secret in [PASSWORD, wrong, 'View-Passw0rd!', PERMANENT, 'perm-leaver-0a1b2c3d', disco_vars['scan_password']] + tokens:
        assert secret not in run.output, 'a secret leaked into the -vvv output'
    assert 'Traceback' not in run.output
    counters = discovery.control.counters()
    # Without allow_http nothing went to the plain-HTTP face; with it, the login met the 403 and nothing followed.
    # Six logins: wrong password, viewer, plain HTTP, the credential task, discovery_token, the lookup.
    assert counters['requests']['POST /api/token'] == 6
    assert 'GET /api/v1.2/discovery' not in counters['requests']
    assert counters['login_failures'] == 2
    vault = discovery.control.state()['credentials']
    assert [item['password'] for item in vault if item['label'] == 'verbose'] == [disco_vars['scan_password']]
    assert not [item for item in vault if item['label'] in ('no-types', 'would-leak')]


def test_version_negotiation_cache_and_transient_retries(ansible, discovery, disco_vars, tmp_path):
    transient = {'message': 'Service currently unavailable', 'code': 500, 'transient': True}
    discovery.control.inject(500, path=V + '/data/search', method='GET', body=transient)
    # Injected after the cached task's search: the first GET of the search path is the cached task's.
    discovery.control.inject(500, path=V + '/discovery/runs', method='POST', body=transient, after=True)
    env = {'RESTAUTH_CACHE_DIR': str(tmp_path / 'cache')}
    run = ansible.playbook('discovery_versions.yml', disco_vars, env=env)
    assert run.rc == 0, run
    requests = discovery.control.counters()['requests']
    assert requests['GET /api/v1.2/discovery'] == 1
    # One /api/about for the two token_cache tasks, one each for the two tasks without the cache, none with api_version.
    assert requests['GET /api/about'] == 1 + 1 + 1
    assert discovery.control.counters()['logins'] == 1
    # The cached task's search met the transient 500 and was retried; the retried_read task's read went through.
    assert requests['GET %s/data/search' % V] == 3
    # The POST was processed, answered transient 500, and not sent again: one run exists.
    assert requests['POST %s/discovery/runs' % V] == 1
    assert [run['label'] for run in discovery.control.state()['runs']] == ['once']


def test_a_cached_version_no_longer_served_and_the_purge_of_the_cache(ansible, discovery, disco_vars, tmp_path):
    env = {'RESTAUTH_CACHE_DIR': str(tmp_path / 'cache')}
    run = ansible.playbook('discovery_cache_versions.yml', disco_vars, env=env)
    assert run.rc == 0, run
    said = ' '.join(run.output.split())  # warnings may be wrapped
    assert 'the appliance no longer serves API version 1.10, which the token cache held; the tasks now use 1.9' in said, run
    assert 'removed without logging it out' not in said, run
    counters = discovery.control.counters()
    requests = counters['requests']
    # /api/about: the first task, the re-negotiation of the read, that of the write; the re-run took 1.12 from the cache.
    assert requests['GET /api/about'] == 3
    assert counters['logins'] == 1 and counters['logouts'] == 0
    assert requests['GET /api/v1.10/data/search'] == 1 and requests['GET /api/v1.9/data/search'] == 1
    # The write met 404 under 1.9 and was not sent under 1.12; the re-run wrote once: one run exists.
    assert requests['POST /api/v1.9/discovery/runs'] == 1 and requests['POST /api/v1.12/discovery/runs'] == 1
    assert [run['label'] for run in discovery.control.state()['runs']] == ['after-upgrade']
    assert not [name for name in (tmp_path / 'cache').iterdir() if name.name.endswith('.entry')]


INVENTORY = '''plugin: restauth.enterprise.discovery
query: search Host show name, os_type, os_version, os_class, ip_addr
address: ip_addr
keyed_groups:
  - key: os_class | lower
    prefix: os
groups:
  windows_servers: os_type == 'Windows Server'
compose:
  os_label: os_type ~ ' ' ~ os_version
'''


def plain(value):
    """A value of ansible-inventory's JSON without the marks of untrusted data (values from the appliance are never templated)."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def listing(run):
    return plain(json.loads(run.stdout))


def write_inventory(tmp_path, extra=''):
    path = tmp_path / 'hosts.discovery.yml'
    path.write_text(INVENTORY + extra)
    return path


def test_inventory_groups_compose_and_address(ansible, discovery, tmp_path):
    source = write_inventory(tmp_path)
    listed = ansible.inventory(source, env=env_for(discovery))
    assert listed.rc == 0, listed
    data = listing(listed)
    hostvars = data['_meta']['hostvars']
    assert len(hostvars) == 12
    assert hostvars['host0002'] == {'ansible_host': '10.0.0.2', 'ip_addr': '10.0.0.2', 'os_class': 'Windows', 'os_label': 'Windows Server 2022',
                                    'os_type': 'Windows Server', 'os_version': '2022'}
    assert data['os_windows']['hosts'] == ['host0002', 'host0005', 'host0008', 'host0011']
    assert data['windows_servers']['hosts'] == data['os_windows']['hosts'] and len(data['os_unix']['hosts']) == 8
    graph = ansible.inventory(source, args=['--graph', 'os_windows'], env=env_for(discovery))
    assert graph.rc == 0 and '@os_windows:' in graph.stdout and '|--host0011' in graph.stdout, graph
    assert 'WARNING' not in listed.stderr, listed
    counters = discovery.control.counters()
    assert counters['logins'] == 2 and counters['requests']['GET %s/data/search' % V] == 2


def test_inventory_cache_hit_sends_nothing_and_a_wrong_password_is_explained(ansible, discovery, tmp_path):
    source = write_inventory(tmp_path, 'cache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_connection: %s\n' % (tmp_path / 'inv-cache'))
    first = ansible.inventory(source, env=env_for(discovery))
    assert first.rc == 0, first
    discovery.control.reset()
    second = ansible.inventory(source, env=env_for(discovery, DISCOVERY_PASSWORD='not-the-password'))
    assert second.rc == 0, second
    assert listing(second)['_meta']['hostvars'] == listing(first)['_meta']['hostvars']
    assert discovery.control.counters()['requests'] == {}
    wrong = env_for(discovery, DISCOVERY_PASSWORD='not-the-password')
    if CORE >= (2, 19):
        flushed = ansible.inventory(source, args=['--list', '--flush-cache'], env=wrong)
    else:  # ansible-inventory has --flush-cache from ansible-core 2.19 on; ansible-playbook has it on every core
        play = tmp_path / 'nothing.yml'
        play.write_text('- hosts: localhost\n  gather_facts: false\n  tasks: []\n')
        flushed = ansible.playbook(str(play), args=['-i', str(source), '--flush-cache'], env=wrong)
    # Before 2.19 a warning is wrapped at 79 columns: compare with its line breaks undone.
    shown = ' '.join(flushed.stderr.split())
    assert 'HTTP 401' in shown and 'user name or password is wrong' in shown, flushed
    assert discovery.control.counters()['login_failures'] == 1  # the flush asked the appliance again, once
    assert 'not-the-password' not in flushed.output and 'Traceback' not in flushed.output


def test_inventory_of_5000_hosts_in_pages_of_100(ansible, discovery, tmp_path):
    discovery.control.configure(hosts=5000)
    # No constructed options here: templating them 5,000 times costs more CPU than the paging this test is about.
    source = tmp_path / 'big.discovery.yml'
    source.write_text('plugin: restauth.enterprise.discovery\nquery: search Host show name, ip_addr\naddress: ip_addr\n')
    listed = ansible.inventory(source, env=env_for(discovery, DISCOVERY_TOKEN=PERMANENT))
    assert listed.rc == 0, listed
    data = listing(listed)
    assert len(data['_meta']['hostvars']) == 5000 and data['_meta']['hostvars']['host5000']['ansible_host'] == '10.0.19.136'
    counters = discovery.control.counters()
    assert counters['logins'] == 0 and counters['requests']['GET %s/data/search' % V] == 50


def test_demo_playbook_shipped_in_the_collection(ansible, discovery):
    run = ansible.playbook('restauth.enterprise.demo_discovery', env=env_for(discovery))
    assert run.rc == 0, run
    assert 'Discovery knows 8 UNIX hosts: host0001, host0003, host0004, host0006, host0007, host0009, host0010, host0012' in run.stdout, run
    assert 'Discovery is running' in run.stdout and PASSWORD not in run.output
    assert discovery.control.counters()['logins'] == 1
