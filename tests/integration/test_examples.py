# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every example a user can copy runs: the EXAMPLES of each plugin, the YAML blocks of the guides and READMEs.

Each block runs as written against the simulators, with only the server URLs, CA files and credentials
substituted (``SERVERS``, ``CA_FILES`` below), the variables a reader is told to have (``USER_VARS``), and the
logins and tokens some examples take from an earlier step (``SETUP``). A block that is a task list runs as the tasks of
a play on localhost; a block that is a playbook runs as it is. The role READMEs run in test_roles.py.
"""

from __future__ import annotations

import ast
import glob
import os
import re
import sys

import pytest
import yaml

from vendor_tables import vendor_names

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))

pytestmark = pytest.mark.slow

# The example hosts and the simulator that plays each (longest first, so a path after the host stays).
SERVERS = {
    'https://itsm.example.com:8443': 'remedy',
    'https://remedy.example.com:8443': 'remedy',
    'https://sps.example.com': 'sps',
    'https://pam.example.com/xtam': 'xtam',
    'https://acme.xmatters.com': 'xmatters',
    'https://tsps.example.com:8043': 'truesight',
    'https://tsps.example.com': 'truesight',
    'https://tsim.example.com': 'truesight',  # the TrueSight simulator also serves TSIM's /bppmws
    'https://discovery.example.com': 'discovery',
}

# CA files the examples name, and whose simulator CA stands in for them.
CA_FILES = {
    '/etc/pki/itsm-ca.pem': 'remedy',
    '/etc/pki/sps-ca.pem': 'sps',
    '/etc/pki/pam-ca.pem': 'xtam',
    '/etc/pki/xmatters-ca.pem': 'xmatters',
    '/etc/pki/tsps-ca.pem': 'truesight',
    '/etc/pki/discovery-ca.pem': 'discovery',
}

# Literal credentials in examples, per vendor, and the simulator's demo credentials that stand in for them.
CREDENTIALS = {
    'sps': {'username: admin\n': 'username: "{{ sps_user }}"\n'},
}

# Client certificate files the examples name: (vendor, the simulator user the certificate maps to, cert or key).
CLIENT_CERTS = {
    '/etc/pki/ansible.crt': ('sps', 'ansible-cert', 0),
    '/etc/pki/ansible.key': ('sps', 'ansible-cert', 1),
}

# Task files of the reader's own that examples include, written beside the playbook.
READER_FILES = {
    'patch.yml': "- name: The reader's own patching tasks\n  ansible.builtin.debug:\n    msg: patching\n",
}

# Files of the reader's machine that examples read (an attachment): written to the scratch directory, which stands in.
LOCAL_FILES = {
    '/tmp/cleanup.log': 'removed 12 GB of old logs\n',
}

# Directories of the reader's machine that examples write to: a scratch directory stands in.
DIRECTORIES = ('/etc/ci/', '/etc/monitoring/', '/etc/app/', '~/.cache/')

# The simulator's flow trigger, with the apiKey of its URL (tests/simulators/xmatters.py).
TRIGGER_URL = '{url}/api/integration/1/functions/7d4c1a2b-3e5f-4a6b-8c9d-0e1f2a3b4c5d/triggers?apiKey=b7e1c2d3-4f5a-6b7c-8d9e-0f1a2b3c4d5e'

# The shared token cache server the examples name, and the real Valkey server of the tests that stands in for it.
CACHE_SERVER = 'redis://cache.example.com:6379/0'
CACHE_VARS = {'cache_key': 'the-examples-shared-cache-passphrase', 'cache_password': '{password}'}

# Server-side settings for the examples: a discovery run that waits for its end finishes in seconds, not an hour.
SIMULATOR_SETTINGS = {
    'discovery': {'run_seconds': 3},
}

# Variables the examples expect the reader to have (group_vars, a vault, a credential).
USER_VARS = {
    'remedy': {'itsm_url': '{url}', 'remedy_url': '{url}', 'itsm_user': '{user}', 'remedy_user': '{user}', 'itsm_password': '{password}',
               'remedy_password': '{password}', 'vault_remedy_password': '{password}',
               # what the AWX credential type of the extra vars kind injects
               'restauth_remedy_url': '{url}', 'restauth_remedy_username': '{user}', 'restauth_remedy_password': '{password}',
               'restauth_remedy_ca_cert': '{ca_pem}'},
    'sps': {'sps_url': '{url}', 'sps_user': '{user}', 'sps_password': '{password}', 'vault_sps_password': '{password}',
            'sps_admin': '{user}', 'sps_admin_password': '{password}'},
    'xtam': {'xtam_url': '{url}', 'xtam_user': '{user}', 'xtam_password': '{password}', 'xtam_api_token': '{XTAM_API_TOKEN}',
             'vault_xtam_api_token': '{XTAM_API_TOKEN}', 'parent_folder_id': 'i-2Zh30SUCq7c', 'parent_id': 'i-2Zh30SUCq7c',
             'new_root_password': 'N3w-Root-Passw0rd!', 'rotated_password': 'R0tated-Passw0rd!', 'db02_root_password': 'Db02-Passw0rd!',
             'vault_db02_root_password': 'Db02-Passw0rd!', 'web01_root_password': 'Web01-Passw0rd!'},
    'xmatters': {'xm_url': '{url}', 'xm_user': '{user}', 'xm_password': '{password}', 'xm_client_id': '{XMATTERS_CLIENT_ID}',
                 'xm_api_key': '{XMATTERS_DEMO_API_KEY}', 'xm_api_secret': '{XMATTERS_DEMO_API_SECRET}',
                 'xm_key': '{XMATTERS_DEMO_API_KEY}', 'xm_secret': '{XMATTERS_DEMO_API_SECRET}',
                 'xm_trigger_url': TRIGGER_URL, 'xm_db_trigger_url': TRIGGER_URL,
                 'vault_xm_api_key': '{XMATTERS_DEMO_API_KEY}', 'vault_xm_api_secret': '{XMATTERS_DEMO_API_SECRET}'},
    'truesight': {'tsps_url': '{url}', 'tsps_user': '{user}', 'tsps_password': '{password}'},
    'discovery': {'discovery_url': '{url}', 'discovery_user': '{user}', 'discovery_password': '{password}',
                  'scanner_password': 'Scann3r-Passw0rd!'},
}

# What examples take from an earlier step (a registered login, a token kept as a fact): the variable, the vendor,
# and the tasks that make it, run before the example with the connection from the environment.
SETUP = {
    'remedy_login': ('remedy', [{'restauth.enterprise.remedy_jwt_token': {}, 'register': 'remedy_login'}]),
    'remedy_token': ('remedy', [{'restauth.enterprise.remedy_jwt_token': {}, 'register': 'setup_login'},
                                {'ansible.builtin.set_fact': {'remedy_token': '{{ setup_login.token }}'}}]),
    'created': ('remedy', [{'restauth.enterprise.remedy_entry': {
        'form': 'HPD:IncidentInterface_Create', 'return_fields': ['Incident Number'],
        'values': {'z1D_Action': 'CREATE', 'First_Name': 'Allen', 'Last_Name': 'Allbrook', 'Description': 'Disk full on db01',
                   'Impact': '4-Minor/Localized', 'Urgency': '4-Low', 'Status': 'Assigned', 'Reported Source': 'Direct Input',
                   'Service_Type': 'User Service Restoration'}}, 'register': 'created'}]),
    'sps_login': ('sps', [{'restauth.enterprise.sps_token': {}, 'register': 'sps_login'}]),
    'sps_api_key': ('sps', [{'restauth.enterprise.sps_api_key': {'name': 'example-setup'}, 'register': 'setup_key'},
                            {'ansible.builtin.set_fact': {'sps_api_key': '{{ setup_key.api_key }}'}}]),
    'xtam_login': ('xtam', [{'restauth.enterprise.xtam_token': {}, 'register': 'xtam_login'}]),
    'xm_login': ('xmatters', [{'restauth.enterprise.xmatters_oauth_token': {'client_id': '{{ xm_client_id }}'}, 'register': 'xm_login'}]),
    'xm_refresh_token': ('xmatters', [{'restauth.enterprise.xmatters_oauth_token': {'client_id': '{{ xm_client_id }}'}, 'register': 'setup_login'},
                                      {'ansible.builtin.set_fact': {'xm_refresh_token': '{{ setup_login.refresh_token }}'}}]),
    'disco': ('discovery', [{'restauth.enterprise.discovery_token': {}, 'register': 'disco'}]),
    'disco_login': ('discovery', [{'restauth.enterprise.discovery_token': {}, 'register': 'disco_login'}]),
    'discovery_token': ('discovery', [{'restauth.enterprise.discovery_token': {}, 'register': 'setup_login'},
                                      {'ansible.builtin.set_fact': {'discovery_token': '{{ setup_login.token }}'}}]),
    'tsps_login': ('truesight', [{'restauth.enterprise.truesight_token': {}, 'register': 'tsps_login'}]),
}

# The environment a reader of the examples has: each server's URL, CA file and demo user (nothing that picks a login method).
ENV_SUFFIXES = ('_URL', '_CA_PATH', '_USERNAME', '_PASSWORD')


def plugin_examples():
    for path in sorted(glob.glob(os.path.join(ROOT, 'plugins', '*', '*.py'))):
        tree = ast.parse(open(path, encoding='utf-8').read())
        for node in tree.body:
            if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'EXAMPLES':
                yield os.path.relpath(path, ROOT), 1, node.value.value


def rst_blocks(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    index = 0
    while index < len(lines):
        if re.match(r'\s*\.\. code-block:: yaml(\+jinja)?\s*$', lines[index]):
            first = index + 1
            while first < len(lines) and not lines[first].strip():
                first += 1
            indent = len(lines[first]) - len(lines[first].lstrip())
            end = first
            while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) >= indent):
                end += 1
            yield index + 1, '\n'.join(line[indent:] for line in lines[first:end])
            index = end
        else:
            index += 1


def markdown_blocks(path):
    text = open(path, encoding='utf-8').read()
    for match in re.finditer(r'```ya?ml\n(.*?)```', text, re.S):
        yield text[:match.start()].count('\n') + 1, match.group(1)


def example_blocks():
    blocks = list(plugin_examples())
    for path in sorted(glob.glob(os.path.join(ROOT, 'docs', 'docsite', 'rst', '*.rst'))):
        blocks.extend((os.path.relpath(path, ROOT), line, text) for line, text in rst_blocks(path))
    readme = os.path.join(ROOT, 'README.md')
    blocks.extend(('README.md', line, text) for line, text in markdown_blocks(readme))
    return blocks


BLOCKS = example_blocks()


def vendors_of(text):
    wanted = set(vendor for host, vendor in SERVERS.items() if host in text)
    wanted.update(vendor for path, vendor in CA_FILES.items() if path in text)
    for name, values in USER_VARS.items():
        if any(re.search(r'\b%s\b' % var, text) for var in values):
            wanted.add(name)
    for var, (vendor, _tasks) in SETUP.items():
        if re.search(r'\b%s\b' % var, text):
            wanted.add(vendor)
    for vendor in vendor_names():
        if re.search(r'restauth\.enterprise\.%s_|\b%s\b|vendor: %s\b' % (vendor, vendor.upper(), vendor), text) or "'%s'" % vendor in text:
            wanted.add(vendor)
    return wanted


def substituted(text, handles, scratch):
    for vendor in handles:
        for literal, value in CREDENTIALS.get(vendor, {}).items():
            text = text.replace(literal, value)
    for path in LOCAL_FILES:
        text = text.replace(path, '%s/%s' % (scratch, os.path.basename(path)))
    for directory in DIRECTORIES:
        text = text.replace(directory, '%s/%s/' % (scratch, directory.strip('/').replace('/', '-')))
    for host in sorted(SERVERS, key=len, reverse=True):
        if SERVERS[host] in handles:
            text = text.replace(host, handles[SERVERS[host]].url if SERVERS[host] != 'xtam' else handles['xtam'].env()['XTAM_URL'])
    for path, vendor in CA_FILES.items():
        if vendor in handles:
            text = text.replace(path, handles[vendor].ca_path)
    for path, (vendor, user, which) in CLIENT_CERTS.items():
        if vendor in handles and path in text:
            text = text.replace(path, handles[vendor].issue_client_cert(user, scratch)[which])
    return text


def user_vars(handles):
    values = {}
    for vendor, handle in handles.items():
        env = handle.env()
        with open(handle.ca_path, encoding='ascii') as pem:
            words = dict(env, url=env['%s_URL' % handle.vendor.env_prefix], user=env.get('%s_USERNAME' % handle.vendor.env_prefix),
                         password=env.get('%s_PASSWORD' % handle.vendor.env_prefix), ca_pem=pem.read())
        values.update((name, value.format(**words)) for name, value in USER_VARS[vendor].items())
    return values


def registered(tasks):
    names = set()
    for task in tasks or ():
        if isinstance(task, dict):
            if task.get('register'):
                names.add(task['register'])
            for key in ('block', 'rescue', 'always'):
                names |= registered(task.get(key))
    return names


def playbook(text, handles, scratch):
    """The plays to run for one block, with the reader's variables and what it takes from an earlier step."""
    data = yaml.safe_load(substituted(text, handles, scratch))
    plays = data if isinstance(data, list) and data and isinstance(data[0], dict) and ('hosts' in data[0] or 'import_playbook' in data[0]) else None
    if plays is None:
        plays = [{'name': 'Example', 'hosts': 'localhost', 'gather_facts': False, 'tasks': data}]
    reader = user_vars(handles)
    for play in plays:
        play['vars'] = dict(reader, **(play.get('vars') or {}))
        tasks = play.get('tasks') or []
        setup = [dict(task, name='Set up what an earlier step of the example made', no_log=True)
                 for var, (vendor, steps) in SETUP.items()
                 if re.search(r'\b%s\b' % var, text) and var not in registered(tasks) and vendor in handles for task in steps]
        directories = [{'name': 'The reader\'s directories', 'ansible.builtin.file': {'path': '%s/%s' % (scratch, directory.strip('/').replace('/', '-')),
                                                                                      'state': 'directory', 'mode': '0700'}}
                       for directory in DIRECTORIES if directory in text]
        play['pre_tasks'] = directories + setup + list(play.get('pre_tasks') or [])
    return plays


def inventory(plays, path):
    """An inventory in which every group a play targets holds two hosts run locally (the example's own hosts stand in)."""
    groups = sorted(set(name for play in plays for name in re.split(r'[:,]', str(play.get('hosts', 'localhost')))
                        if name and name not in ('localhost', 'all', '127.0.0.1')))
    local = 'ansible_connection=local ansible_python_interpreter=%s' % sys.executable
    lines = ['localhost %s' % local]
    for group in groups:
        lines.extend(['[%s]' % group, '%s-1 %s' % (group, local), '%s-2 %s' % (group, local)])
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


# Examples that call an endpoint a simulator does not serve yet, by source and the name of their first task.
# Strict: once the simulator serves it, the example passes and this list must shrink.
PENDING = {}


def first_task_name(text):
    data = yaml.safe_load(text)
    first = data[0] if isinstance(data, list) and data else {}
    return first.get('name') if isinstance(first, dict) else None


def cases():
    for source, line, text in BLOCKS:
        reason = PENDING.get((source, first_task_name(text)))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        yield pytest.param(source, line, text, id='%s:%d' % (source, line), marks=marks)


@pytest.mark.parametrize('source, line, text', list(cases()))
def test_example_runs_against_the_simulators(ansible, fresh_server, request, source, line, text, tmp_path):
    handles = dict((vendor, fresh_server(vendor)) for vendor in sorted(vendors_of(text)))
    cache = None
    if CACHE_SERVER in text:
        cache = request.getfixturevalue('valkey')
        cache.flush()
        text = text.replace(CACHE_SERVER, cache.url)
    for vendor, handle in handles.items():
        if SIMULATOR_SETTINGS.get(vendor):
            handle.control.configure(**SIMULATOR_SETTINGS[vendor])
    assert handles or cache, 'the example names no vendor the runner knows: %s:%d' % (source, line)
    path = tmp_path / 'example.yml'
    env = {}
    for handle in handles.values():
        prefix = handle.vendor.env_prefix
        env.update((name, value) for name, value in handle.env().items() if name in ['%s%s' % (prefix, suffix) for suffix in ENV_SUFFIXES])
    config = yaml.safe_load(text)
    if isinstance(config, dict) and 'plugin' in config:
        # An inventory source: ansible-inventory reads it as a file named like the example's.
        source = tmp_path / 'hosts.discovery.yml'
        source.write_text(substituted(text, handles, str(tmp_path)))
        run = ansible.inventory(str(source), env=env)
        assert run.rc == 0 and '"hostvars"' in run.stdout and '[WARNING]' not in run.output, run
        return
    plays = playbook(text, handles, str(tmp_path))
    for name, content in list(READER_FILES.items()) + list(LOCAL_FILES.items()):
        if name in text:
            (tmp_path / os.path.basename(name)).write_text(content)
    if cache is not None:
        for play in plays:
            play['vars'].update((name, value.format(password=cache.password)) for name, value in CACHE_VARS.items())
    path.write_text(yaml.safe_dump(plays, sort_keys=False))
    run = ansible.playbook(str(path), env=env, args=['-i', inventory(plays, tmp_path / 'inventory.ini')])
    assert 'no hosts matched' not in run.output, run
    errors = re.findall(r'(?:\[ERROR\]|fatal: .*?FAILED! =>)(.*)', run.output)
    assert run.rc == 0, '%s:%d %s\n%r' % (source, line, errors[0].strip() if errors else '', run)
