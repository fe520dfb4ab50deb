# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection's roles end to end: real ansible-playbook runs of the installed roles against the HTTPS
simulators, asserting on what the simulators hold afterwards."""

from __future__ import annotations

import json
import os
import re

import pytest
import requests
from ansible import release as ansible_release

from simulators.xmatters import DEMO_FUNCTION_ID, DEMO_TRIGGER_API_KEY

CORE = tuple(int(part) for part in ansible_release.__version__.split('.')[:2])

pytestmark = pytest.mark.slow

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))

SPS_USER = 'ansible'
SPS_PASSWORD = 'Ansible-Passw0rd!'
XTAM_API_TOKEN = 'xtam-demo-api-token-7Jq2'
XTAM_APPLICATIONS = 'i-3Apps000001'  # the simulator's Applications folder
XTAM_SECRET_TYPE = 'i-4SecretType'
RECORD_NAME = 'SPS API key ci-bot-'  # the role's default record name for the prefix the tests use
ADMIN_KEYS = '/api/configuration/aaa/local_database/api_keys'
XM_API_KEY = 'x-api-key-5b1f6a4e-2c1d-4e8a-9d3b-7f0e6c2a1b90'
XM_API_SECRET = 'Api-Secr3t-9f8e7d6c'
WRONG_TRIGGER_KEY = 'f00dfeed-0000-4bad-9bad-c0ffee000000'


# ---- sps_api_key_rotation ----------------------------------------------------------------------------


@pytest.fixture
def rotation_vars(sps, xtam, tmp_path):
    return {
        'sps_api_key_rotation_sps': {'url': sps.url, 'ca_path': sps.ca_path, 'username': SPS_USER, 'password': SPS_PASSWORD,
                                     'login_method': 'local'},
        'sps_api_key_rotation_xtam': {'url': xtam.url + '/xtam', 'ca_path': xtam.ca_path, 'api_token': XTAM_API_TOKEN},
        'sps_api_key_rotation_name_prefix': 'ci-bot-',
        'sps_api_key_rotation_xtam_folder_id': XTAM_APPLICATIONS,
        'sps_api_key_rotation_xtam_record_type_id': XTAM_SECRET_TYPE,
        'sps_api_key_rotation_xtam_field': 'Secret',
        'sps_api_key_rotation_xtam_fields': {'Host': 'sps.example.com'},
        'out_dir': str(tmp_path),
    }


def sps_session(sps, user=SPS_USER, password=SPS_PASSWORD):
    answer = requests.get(sps.url + '/api/authentication', auth=(user.encode('utf-8'), password.encode('utf-8')), verify=sps.ca_path, timeout=10)
    answer.raise_for_status()
    return answer.headers['Set-Cookie'].split(';')[0].split('=', 1)[1]


def raw_api_key(sps, name, user=SPS_USER, password=SPS_PASSWORD):
    """Create a key the way a user would by hand; return (id, secret)."""
    answer = requests.post(sps.url + '/api/user/api_keys', json={'name': name}, verify=sps.ca_path, timeout=10,
                           headers={'Cookie': 'session_id=%s' % sps_session(sps, user, password)})
    answer.raise_for_status()
    return answer.json()['key'], answer.json()['body']['token']


def key_works(sps, secret):
    """Whether SPS accepts the secret as an API key."""
    answer = requests.get(sps.url + '/api/user/api_keys', headers={'Authorization': 'apikey %s' % secret},
                          verify=sps.ca_path, timeout=10)
    return answer.status_code == 200


def sps_keys(sps):
    """Key id → name of every key SPS holds."""
    return {key: item['name'] for key, item in sps.control.state()['api_keys'].items()}


def vault_records(xtam):
    """The records named RECORD_NAME in the Applications folder, with their fields parsed (XTAM keeps them as JSON text)."""
    return [dict(record, custom=json.loads(record['custom'])) for record in xtam.control.state()['records'].values()
            if record['folder'] == XTAM_APPLICATIONS and record['name'] == RECORD_NAME]


def vault_secret(xtam):
    records = vault_records(xtam)
    assert len(records) == 1, records
    return records[0]['custom']['Secret']


def rotate(ansible, rotation_vars, **extra):
    return ansible.playbook('sps_api_key_rotation_run.yml', dict(rotation_vars, **extra), args=['-v'])


def test_rotation_replaces_the_old_key_only_after_the_new_one_is_stored_and_works(ansible, sps, xtam, rotation_vars, tmp_path):
    legacy_id, legacy_secret = raw_api_key(sps, 'legacy')
    unrelated_id = raw_api_key(sps, 'unrelated')[0]
    others_id = raw_api_key(sps, 'ci-bot-of-someone-else', user='jürgen', password='Pässwörd-ü')[0]

    first = rotate(ansible, rotation_vars, sps_api_key_rotation_old_key_names=['legacy'])
    assert first.rc == 0, first
    reported = json.loads((tmp_path / 'rotation.json').read_text())
    first_secret = vault_secret(xtam)
    assert key_works(sps, first_secret)
    assert not key_works(sps, legacy_secret)
    keys = sps_keys(sps)
    assert reported['key_name'].startswith('ci-bot-') and keys[reported['key_id']] == reported['key_name']
    assert reported['removed_key_ids'] == [legacy_id]
    assert set(keys) == {reported['key_id'], unrelated_id, others_id}  # other names and other users' keys stay
    record = vault_records(xtam)[0]
    assert reported['xtam_record_id'] == record['id'] and record['recordType']['id'] == XTAM_SECRET_TYPE
    assert record['custom']['Host'] == 'sps.example.com'
    assert reported['key_id'] in record['description']

    second = rotate(ansible, rotation_vars)
    assert second.rc == 0, second
    rotated = json.loads((tmp_path / 'rotation.json').read_text())
    second_secret = vault_secret(xtam)
    assert second_secret != first_secret and key_works(sps, second_secret)
    assert not key_works(sps, first_secret)
    assert rotated['removed_key_ids'] == [reported['key_id']]
    assert set(sps_keys(sps)) == {rotated['key_id'], unrelated_id, others_id}
    assert rotated['xtam_record_id'] == reported['xtam_record_id']  # the same record, updated
    assert vault_records(xtam)[0]['custom']['Host'] == 'sps.example.com'

    # One SPS login and one XTAM sign-in (signed out again) per run; the verification used the key alone.
    assert sps.control.counters()['logins'] == 2 + 3  # + the three logins of raw_api_key
    xtam_counters = xtam.control.counters()
    assert xtam_counters['logins'] == 2 and xtam_counters['logouts'] == 2 and xtam_counters['active_tokens'] == 0
    for secret in (legacy_secret, first_secret, second_secret, SPS_PASSWORD, XTAM_API_TOKEN):
        assert secret not in first.output + second.output, 'a secret leaked into the output'


FAULTS = {
    # The first GET of the admin key list is the verification with the new key (old keys are chosen after it).
    'verify': ('sps', dict(status=403, path=ADMIN_KEYS, method='GET'), 'Verify the new key'),
    'store': ('xtam', dict(status=500, path='/xtam/rest/record/update', method='POST'), 'Store the secret of the new key'),
}


@pytest.mark.parametrize('fault', sorted(FAULTS))
def test_failed_rotation_keeps_the_old_key_and_removes_the_new_one(ansible, sps, xtam, rotation_vars, fault):
    seeded = rotate(ansible, rotation_vars)
    assert seeded.rc == 0, seeded
    old_secret = vault_secret(xtam)
    old_keys = sps_keys(sps)
    vendor, rule, step = FAULTS[fault]
    {'sps': sps, 'xtam': xtam}[vendor].control.inject(**rule)

    failed = rotate(ansible, rotation_vars)
    assert failed.rc == 2, failed
    assert 'SPS API key rotation failed at %s' % step in failed.stdout, failed
    assert 'The XTAM record was put back and the new key ci-bot-' in failed.stdout
    assert 'The old key(s) were not touched and still work' in failed.stdout
    assert ('HTTP 403' if fault == 'verify' else 'HTTP 500') in failed.stdout
    assert sps_keys(sps) == old_keys  # the new key is gone, the old one is still there
    assert vault_secret(xtam) == old_secret
    assert key_works(sps, old_secret)
    assert xtam.control.counters()['active_tokens'] == 0  # signed out on failure too
    assert old_secret not in failed.output


def test_failed_first_rotation_leaves_no_record_and_no_key(ansible, sps, xtam, rotation_vars):
    xtam.control.inject(500, path='/xtam/rest/record/new', method='POST')
    failed = rotate(ansible, rotation_vars)
    assert failed.rc == 2, failed
    assert 'SPS API key rotation failed at Store the secret of the new key' in failed.stdout, failed
    assert vault_records(xtam) == [] and sps_keys(sps) == {}


def test_rotation_refuses_a_name_that_is_taken(ansible, sps, xtam, rotation_vars):
    taken_id, taken_secret = raw_api_key(sps, 'ci-bot-fixed')
    run = rotate(ansible, rotation_vars, sps_api_key_rotation_name='ci-bot-fixed')
    assert run.rc == 2, run
    assert "already has an API key named 'ci-bot-fixed'" in run.stdout and 'Nothing was changed' in run.stdout
    assert sps_keys(sps) == {taken_id: 'ci-bot-fixed'} and key_works(sps, taken_secret)
    assert vault_records(xtam) == []


def test_rotation_needs_a_record_type_to_create_the_record(ansible, sps, xtam, rotation_vars):
    run = rotate(ansible, dict(rotation_vars, sps_api_key_rotation_xtam_record_type_id=''))
    assert run.rc == 2, run
    assert 'none is created only with sps_api_key_rotation_xtam_record_type_id set' in run.stdout, run
    assert sps_keys(sps) == {}  # checked before any key was created


def test_rotation_argument_spec_names_the_missing_variables(ansible, sps, xtam, rotation_vars):
    incomplete = {name: value for name, value in rotation_vars.items()
                  if name not in ('sps_api_key_rotation_name_prefix', 'sps_api_key_rotation_xtam_folder_id')}
    run = rotate(ansible, incomplete)
    assert run.rc == 2, run
    assert 'Validation of arguments failed' in run.stdout, run
    assert 'missing required arguments: sps_api_key_rotation_name_prefix, sps_api_key_rotation_xtam_folder_id' in run.stdout
    assert sps.control.counters()['requests'] == {} and xtam.control.counters()['requests'] == {}


# ---- remedy_incident -----------------------------------------------------------------------------------


def incidents(remedy):
    return list(remedy.control.state()['forms'].get('HPD:IncidentInterface', {}).values())


def remedy_writes(remedy):
    return {key: count for key, count in remedy.control.counters()['requests'].items() if key.startswith(('POST /api/arsys', 'PUT /api/arsys'))}


@pytest.fixture
def incident(ansible, remedy, tmp_path):
    """Runs the remedy_incident role with the connection in the REMEDY_* environment; returns (run, result)."""
    env = {'REMEDY_URL': remedy.url, 'REMEDY_CA_PATH': remedy.ca_path, 'REMEDY_USERNAME': 'Demo', 'REMEDY_PASSWORD': 'Demo-Passw0rd!'}

    def run(**role_vars):
        remedy.control.reset()
        result = ansible.playbook('remedy_incident_run.yml', dict(role_vars, out_dir=str(tmp_path)), env=env)
        reported = tmp_path / 'incident.json'
        data = json.loads(reported.read_text()) if result.rc == 0 else None
        if reported.exists():
            reported.unlink()
        return result, data

    return run


OPEN = dict(remedy_incident_correlation_id='ALERT-4711', remedy_incident_summary='Disk full on db01',
            remedy_incident_first_name='Allen', remedy_incident_last_name='Allbrook')


def test_remedy_incident_open_update_resolve(incident, remedy):
    run, opened = incident(**OPEN)
    assert run.rc == 0, run
    assert opened['changed'] is True and opened['status'] == 'Assigned'
    [stored] = incidents(remedy)
    assert stored['Incident Number'] == opened['incident_number']
    assert stored['Vendor Ticket Number'] == 'ALERT-4711'
    for field, value in {'First_Name': 'Allen', 'Last_Name': 'Allbrook', 'Description': 'Disk full on db01',
                         'Impact': '4-Minor/Localized', 'Urgency': '4-Low', 'Reported Source': 'Direct Input',
                         'Service_Type': 'User Service Restoration'}.items():
        assert stored[field] == value, field
    counters = remedy.control.counters()
    assert counters['logins'] == 1 and counters['logouts'] == 1

    run, again = incident(**OPEN)
    assert run.rc == 0, run
    assert again['changed'] is False and again['incident_number'] == opened['incident_number']
    assert len(incidents(remedy)) == 1 and remedy_writes(remedy) == {}  # found, not created twice

    run, updated = incident(remedy_incident_action='update', remedy_incident_correlation_id='ALERT-4711',
                            remedy_incident_values={'Urgency': '2-High', 'Assigned Group': 'Unix Ops'})
    assert run.rc == 0, run
    assert updated['changed'] is True
    [stored] = incidents(remedy)
    assert stored['Urgency'] == '2-High' and stored['Assigned Group'] == 'Unix Ops' and stored['Status'] == 'Assigned'

    resolve = dict(remedy_incident_action='resolve', remedy_incident_number=opened['incident_number'],
                   remedy_incident_resolution='Rotated the logs of /var')
    run, resolved = incident(**resolve)
    assert run.rc == 0, run
    assert resolved['changed'] is True and resolved['status'] == 'Resolved'
    [stored] = incidents(remedy)
    assert stored['Status'] == 'Resolved' and stored['Resolution'] == 'Rotated the logs of /var'
    assert stored['Status_Reason'] == 'No Further Action Required'

    run, resolved_again = incident(**resolve)
    assert run.rc == 0, run
    assert resolved_again['changed'] is False and remedy_writes(remedy) == {}


@pytest.mark.parametrize('role_vars, message', [
    (dict(OPEN, remedy_incident_action='close'), 'value of remedy_incident_action must be one of: open, update, resolve, got: close'),
    (dict(OPEN, remedy_incident_impact='5-None'), 'value of remedy_incident_impact must be one of'),
    ({'remedy_incident_summary': 'No correlation id'}, "action 'open' needs remedy_incident_correlation_id"),
    ({'remedy_incident_action': 'resolve', 'remedy_incident_number': 'INC000000000101'}, 'remedy_incident_resolution (the resolution text)'),
    ({'remedy_incident_action': 'update', 'remedy_incident_number': 'INC000000000999', 'remedy_incident_values': {'Urgency': '1-Critical'}},
     'remedy_incident: 0 incidents match \'Incident Number\' = "INC000000000999"; there is nothing to update'),
], ids=['bad-action', 'bad-impact', 'open-without-correlation', 'resolve-without-text', 'update-unknown'])
def test_remedy_incident_refusals(incident, remedy, role_vars, message):
    run, reported = incident(**role_vars)
    assert run.rc == 2 and reported is None, run
    # ansible-core 2.19 prints the failure's message as an error line; before 2.19 it is shown only inside the task's
    # JSON result, where its double quotes are escaped.
    shown = message if CORE >= (2, 19) else json.dumps(message)[1:-1]
    assert shown in run.stdout, run
    assert incidents(remedy) == [] and remedy_writes(remedy) == {}


def test_remedy_incident_finds_duplicates_instead_of_guessing(incident, remedy):
    for copy in (1, 2):
        requests.post(remedy.url + '/api/arsys/v1/entry/HPD:IncidentInterface_Create', verify=remedy.ca_path, timeout=10,
                      headers={'Authorization': 'AR-JWT ' + remedy_token(remedy)},
                      json={'values': {'Description': 'duplicate %d' % copy, 'Vendor Ticket Number': 'DUP-1', 'First_Name': 'Allen',
                                       'Last_Name': 'Allbrook', 'Impact': '4-Minor/Localized', 'Urgency': '4-Low',
                                       'Reported Source': 'Direct Input', 'Service_Type': 'User Service Restoration'}}).raise_for_status()
    run, reported = incident(remedy_incident_action='resolve', remedy_incident_correlation_id='DUP-1', remedy_incident_resolution='x')
    assert run.rc == 2 and reported is None, run
    assert '2 incidents match' in run.stdout and 'give remedy_incident_number to name one' in run.stdout
    assert all(entry['Status'] == 'New' for entry in incidents(remedy))


def remedy_token(remedy):
    answer = requests.post(remedy.url + '/api/jwt/login', data={'username': 'Demo', 'password': 'Demo-Passw0rd!'},
                           verify=remedy.ca_path, timeout=10)
    answer.raise_for_status()
    return answer.text


# ---- xmatters_oncall_group ------------------------------------------------------------------------------


@pytest.fixture
def oncall(ansible, xm, tmp_path):
    """Runs the xmatters_oncall_group role with an API key in the connection variable; returns the run."""
    connection = {'url': xm.url, 'ca_path': xm.ca_path, 'username': XM_API_KEY, 'password': XM_API_SECRET}

    def run(**role_vars):
        return ansible.playbook('xmatters_oncall_group_run.yml',
                                dict(role_vars, xmatters_oncall_group_connection=connection, out_dir=str(tmp_path)))

    return run


def group(xm, name):
    found = [item for item in xm.control.state()['groups'] if item['targetName'] == name]
    return found[0] if found else None


def supervisors(xm, name):
    """The targetNames of the group's supervisors (the simulator keeps person ids)."""
    answer = requests.get(xm.url + '/api/xm/1/people', auth=(XM_API_KEY, XM_API_SECRET), verify=xm.ca_path, timeout=10)
    answer.raise_for_status()
    names = {person['id']: person['targetName'] for person in answer.json()['data']}
    return sorted(names[person_id] for person_id in group(xm, name)['supervisors'])


def test_xmatters_oncall_group_is_ensured_idempotently(oncall, xm, tmp_path):
    wanted = dict(xmatters_oncall_group_name='DBA On-Call', xmatters_oncall_group_description='Database on-call',
                  xmatters_oncall_group_supervisors=['jdoe', 'asmith'])
    created = oncall(**wanted)
    assert created.rc == 0, created
    assert created.recap()[1] == 1, created
    stored = group(xm, 'DBA On-Call')
    assert stored['description'] == 'Database on-call' and supervisors(xm, 'DBA On-Call') == ['asmith', 'jdoe']
    assert stored['status'] == 'ACTIVE'
    assert json.loads((tmp_path / 'group.json').read_text())['id'] == stored['id']

    again = oncall(**wanted)
    assert again.rc == 0, again
    assert again.recap()[1] == 0, again
    assert group(xm, 'DBA On-Call') == stored

    changed = oncall(**dict(wanted, xmatters_oncall_group_supervisors=['asmith']))
    assert changed.rc == 0 and changed.recap()[1] == 1, changed
    assert supervisors(xm, 'DBA On-Call') == ['asmith']
    assert XM_API_SECRET not in created.output + again.output + changed.output


def test_xmatters_oncall_group_can_be_removed(oncall, xm):
    run = oncall(xmatters_oncall_group_name='Operations', xmatters_oncall_group_state='absent')
    assert run.rc == 0 and run.recap()[1] == 1, run
    assert group(xm, 'Operations') is None


@pytest.mark.parametrize('role_vars, message', [
    ({'xmatters_oncall_group_supervisors': ['jdoe']}, 'missing required arguments: xmatters_oncall_group_name'),
    ({'xmatters_oncall_group_name': 'No Boss'}, 'set xmatters_oncall_group_supervisors'),
    ({'xmatters_oncall_group_name': 'X', 'xmatters_oncall_group_supervisors': ['jdoe'], 'xmatters_oncall_group_status': 'PAUSED'},
     'value of xmatters_oncall_group_status must be one of: ACTIVE, INACTIVE, got: PAUSED'),
], ids=['no-name', 'no-supervisors', 'bad-status'])
def test_xmatters_oncall_group_refusals(oncall, xm, role_vars, message):
    run = oncall(**role_vars)
    assert run.rc == 2, run
    assert message in run.stdout, run
    assert xm.control.counters()['requests'] == {}


# ---- where the connection comes from ----------------------------------------------------------------------
# Each role takes its connection from the play's module_defaults for the group, from the environment (as AWX
# credentials inject it), or from its own connection variables, as its argument spec says.

def remedy_connection(remedy):
    return {'url': remedy.url, 'ca_path': remedy.ca_path, 'username': 'Demo', 'password': 'Demo-Passw0rd!'}


def xm_connection(xm):
    return {'url': xm.url, 'ca_path': xm.ca_path, 'username': XM_API_KEY, 'password': XM_API_SECRET}


def sps_connection(sps):
    return {'url': sps.url, 'ca_path': sps.ca_path, 'username': SPS_USER, 'password': SPS_PASSWORD, 'login_method': 'local'}


def xtam_connection(xtam):
    return {'url': xtam.url + '/xtam', 'ca_path': xtam.ca_path, 'api_token': XTAM_API_TOKEN}


def as_env(prefix, connection):
    """The connection as the <PREFIX>_* variables the modules read (options without one are left out)."""
    names = {'url': 'URL', 'ca_path': 'CA_PATH', 'username': 'USERNAME', 'password': 'PASSWORD', 'api_token': 'API_TOKEN'}
    return {'%s_%s' % (prefix, names[key]): value for key, value in connection.items() if key in names}


ROLE_CONNECTIONS = {
    # role: [(play group, role variable, env prefix, connection builder, simulator fixture)]
    'remedy_incident': [('play_remedy', 'remedy_incident_connection', 'REMEDY', remedy_connection, 'remedy')],
    'xmatters_oncall_group': [('play_xmatters', 'xmatters_oncall_group_connection', 'XMATTERS', xm_connection, 'xm')],
    'sps_api_key_rotation': [('play_sps', 'sps_api_key_rotation_sps', 'SPS', sps_connection, 'sps'),
                             ('play_xtam', 'sps_api_key_rotation_xtam', 'XTAM', xtam_connection, 'xtam')],
}
ROLE_WORK = {
    'remedy_incident': dict(OPEN),
    'xmatters_oncall_group': {'xmatters_oncall_group_name': 'Sources On-Call', 'xmatters_oncall_group_supervisors': ['jdoe']},
    'sps_api_key_rotation': {'sps_api_key_rotation_name_prefix': 'ci-bot-', 'sps_api_key_rotation_xtam_folder_id': XTAM_APPLICATIONS,
                             'sps_api_key_rotation_xtam_record_type_id': XTAM_SECRET_TYPE, 'sps_api_key_rotation_xtam_field': 'Secret'},
}


def assert_role_did_its_work(role, servers, result, run):
    """The simulators hold what the role was asked for, with one login (released where the vendor has a logout)."""
    if role == 'remedy_incident':
        [stored] = incidents(servers['remedy'])
        assert stored['Vendor Ticket Number'] == 'ALERT-4711' and stored['Incident Number'] == result['incident_number']
        counters = servers['remedy'].control.counters()
        assert counters['logins'] == 1 and counters['logouts'] == 1, counters
    elif role == 'xmatters_oncall_group':
        stored = group(servers['xm'], 'Sources On-Call')
        assert stored is not None and stored['id'] == result['id']
        assert supervisors(servers['xm'], 'Sources On-Call') == ['jdoe']
        assert XM_API_SECRET not in run.output
    else:
        secret = vault_secret(servers['xtam'])
        assert key_works(servers['sps'], secret)
        assert sps_keys(servers['sps']) == {result['key_id']: result['key_name']}
        assert servers['sps'].control.counters()['logins'] == 1
        counters = servers['xtam'].control.counters()
        assert counters['logins'] == 1 and counters['logouts'] == 1 and counters['active_tokens'] == 0, counters
        assert secret not in run.output and SPS_PASSWORD not in run.output


@pytest.mark.parametrize('source', ['play_module_defaults', 'environment', 'role_variables'])
@pytest.mark.parametrize('role', sorted(ROLE_CONNECTIONS))
def test_role_takes_the_connection_from_the_play_the_environment_or_its_variables(ansible, request, tmp_path, role, source):
    extra_vars = dict(ROLE_WORK[role], role=role, out_dir=str(tmp_path))
    env = {}
    servers = {}
    for play_group, role_variable, prefix, build, fixture in ROLE_CONNECTIONS[role]:
        servers[fixture] = handle = request.getfixturevalue(fixture)
        connection = build(handle)
        if source == 'play_module_defaults':
            extra_vars[play_group] = connection
        elif source == 'environment':
            env.update(as_env(prefix, connection))
            if 'login_method' in connection:  # no environment variable names it
                extra_vars[role_variable] = {'login_method': connection['login_method']}
        else:
            extra_vars[role_variable] = connection
    run = ansible.playbook('roles_connection_sources.yml', extra_vars, env=env)
    assert run.rc == 0, run
    assert 'missing required arguments' not in run.output
    assert_role_did_its_work(role, servers, json.loads((tmp_path / 'result.json').read_text()), run)


def test_remedy_incident_combines_play_defaults_with_its_connection_variable(ansible, remedy, tmp_path):
    """The play gives the server, the role variable the user: the role needs both (the README's example)."""
    connection = remedy_connection(remedy)
    run = ansible.playbook('roles_connection_sources.yml', dict(
        OPEN, role='remedy_incident', out_dir=str(tmp_path),
        play_remedy={'url': connection['url'], 'ca_path': connection['ca_path']},
        remedy_incident_connection={'username': connection['username'], 'password': connection['password']}))
    assert run.rc == 0, run
    assert_role_did_its_work('remedy_incident', {'remedy': remedy}, json.loads((tmp_path / 'result.json').read_text()), run)


# ---- the README examples, as written ---------------------------------------------------------------------------


def readme_example(role, replacements):
    """The YAML example of the role's README, with the example servers and users replaced by the simulators'."""
    with open(os.path.join(ROOT, 'roles', role, 'README.md'), encoding='utf-8') as handle:
        text = handle.read()
    blocks = re.findall(r'^```yaml\n(.*?)^```', text, re.S | re.M)
    assert len(blocks) == 1, blocks
    example = blocks[0]
    for old, new in replacements.items():
        assert old in example, old
        example = example.replace(old, new)
    return example


def run_example(ansible, tmp_path, example, extra_vars, env=None):
    path = tmp_path / 'example.yml'
    path.write_text(example)
    return ansible.playbook(str(path), extra_vars, env=env)


def test_remedy_incident_readme_example_runs(ansible, remedy, tmp_path):
    example = readme_example('remedy_incident', {'https://itsm.example.com:8443': remedy.url, '/etc/pki/itsm-ca.pem': remedy.ca_path})
    alert = {'remedy_user': 'Demo', 'vault_remedy_password': 'Demo-Passw0rd!', 'alert_id': 'ALERT-0815', 'alert_host': 'db01'}
    opened = run_example(ansible, tmp_path, example, alert)
    assert opened.rc == 0, opened
    [stored] = incidents(remedy)
    assert stored['Vendor Ticket Number'] == 'ALERT-0815' and stored['Description'] == 'Disk full on db01'
    assert stored['Assigned Group'] == 'Unix Ops' and stored['Status'] == 'Assigned'

    resolved = run_example(ansible, tmp_path, example, dict(alert, alert_cleared=True))
    assert resolved.rc == 0, resolved
    [stored] = incidents(remedy)
    assert stored['Status'] == 'Resolved' and stored['Resolution'] == 'Cleaned up /var/log'
    counters = remedy.control.counters()
    assert counters['logins'] == counters['logouts'] == 3, counters  # one login per role run, each released
    assert 'Demo-Passw0rd!' not in opened.output + resolved.output


def test_remedy_change_readme_example_opens_plans_and_logs_once(ansible, remedy, tmp_path):
    example = readme_example('remedy_change', {})
    env = {'REMEDY_URL': remedy.url, 'REMEDY_CA_PATH': remedy.ca_path, 'REMEDY_USERNAME': 'Demo', 'REMEDY_PASSWORD': 'Demo-Passw0rd!'}
    first = run_example(ansible, tmp_path, example, None, env=env)
    assert first.rc == 0, first
    forms = remedy.control.state()['forms']
    [change] = forms['CHG:ChangeInterface'].values()
    number = change['Infrastructure Change ID']
    assert re.match(r'^CRQ\d{12}$', number) and '%s is Planning In Progress' % number in first.stdout, first
    assert change['Vendor Ticket Number'] == 'PATCH-2026-11-db01' and change['Company'] == 'Calbro Services'
    assert change['Status'] == 'Planning In Progress'
    [worklog] = forms['CHG:WorkLog'].values()
    assert (worklog['Infrastructure Change ID'], worklog['Description']) == (number, 'Backup taken')
    assert worklog['Detailed Description'] == 'Full backup of db01 at 02:00, verified.'
    counters = remedy.control.counters()
    assert counters['requests']['POST /api/arsys/v1/entry/CHG:ChangeInterface_Create'] == 1
    assert not [key for key in counters['requests'] if key.startswith('GET /api/arsys/v1/entry/CHG:ChangeInterface_Create')]
    assert counters['logins'] == counters['logouts'] == 1

    remedy.control.reset()
    second = run_example(ansible, tmp_path, example, None, env=env)
    assert second.rc == 0, second
    assert '%s is Planning In Progress' % number in second.stdout, second
    assert remedy_writes(remedy) == {}  # found, already planned, work log there: nothing written twice
    forms = remedy.control.state()['forms']
    assert len(forms['CHG:ChangeInterface']) == 1 and len(forms['CHG:WorkLog']) == 1
    assert 'Demo-Passw0rd!' not in first.output + second.output


def test_xmatters_oncall_group_readme_example_runs(ansible, xm, tmp_path):
    example = readme_example('xmatters_oncall_group', {'https://acme.xmatters.com': xm.url})
    run = run_example(ansible, tmp_path, example, {'vault_xm_api_key': XM_API_KEY, 'vault_xm_api_secret': XM_API_SECRET},
                      env={'XMATTERS_CA_PATH': xm.ca_path})  # the example trusts the system CAs; the simulator has its own
    assert run.rc == 0, run
    stored = group(xm, 'Database On-Call')
    assert stored['description'] == 'Primary on-call for the databases'
    assert supervisors(xm, 'Database On-Call') == ['asmith', 'jdoe']
    assert XM_API_SECRET not in run.output


def test_sps_api_key_rotation_readme_example_runs(ansible, sps, xtam, tmp_path):
    example = readme_example('sps_api_key_rotation', {'https://sps.example.com': sps.url, 'https://pam.example.com/xtam': xtam.url + '/xtam',
                                                      'username: ci-bot': 'username: ' + SPS_USER})
    run = run_example(ansible, tmp_path, example, {'vault_sps_password': SPS_PASSWORD, 'vault_xtam_api_token': XTAM_API_TOKEN},
                      env={'SPS_CA_PATH': sps.ca_path, 'XTAM_CA_PATH': xtam.ca_path})
    assert run.rc == 0, run
    [record] = vault_records(xtam)
    assert key_works(sps, record['custom']['Secret'])
    [name] = sps_keys(sps).values()
    assert name.startswith('ci-bot-') and 'New key %s; removed 0 old key(s)' % name in run.stdout
    assert record['custom']['Secret'] not in run.output


# ---- maintenance_window ---------------------------------------------------------------------------------


def test_maintenance_window_opens_runs_and_always_closes(ansible, truesight, xm):
    trigger_url = '%s/api/integration/1/functions/%s/triggers?apiKey=%s' % (xm.url, DEMO_FUNCTION_ID, DEMO_TRIGGER_API_KEY)
    run = ansible.playbook('maintenance_window_run.yml', {'ts_url': truesight.url, 'ts_ca': truesight.ca_path,
                                                          'ts_user': 'apiuser', 'ts_password': 'Api-Passw0rd!',
                                                          'xm_url': xm.url, 'xm_ca': xm.ca_path, 'xm_trigger_url': trigger_url,
                                                          'wrong_key': WRONG_TRIGGER_KEY})
    assert run.rc == 0, run
    # The failing task shows, and so does the role's own failure, which names the window and the task (the play's
    # rescue then checks the message).
    assert 'the patch failed' in run.stdout, run
    assert 'Maintenance window Patching db01: A task that fails failed: the patch failed' in run.stdout, run
    # xMatters was told once, when the window went wrong (not when the first run went well), by the trigger's apiKey;
    # the third run's notice, its apiKey refused, created no event (and its failure is in the role's message, see the play).
    counters = xm.control.counters()
    assert counters['requests'].get('POST /api/integration/1/functions/%s/triggers' % DEMO_FUNCTION_ID) == 2
    assert counters['login_failures'] == 1
    [event] = xm.control.state()['events']
    assert event['submitter'] == {'targetName': 'integration'}
    assert event['properties'] == {'window': 'Patching db01', 'devices': 'hostname EQUALS "db01.example.com"', 'duration': 60,
                                   'failed_task': 'A task that fails', 'error': 'the patch failed', 'Team': 'Database Team'}, event
    assert DEMO_TRIGGER_API_KEY not in run.output and WRONG_TRIGGER_KEY not in run.output
    requests_seen = truesight.control.counters()['requests']
    admin = '/tsws/10.0/api/unifiedadmin'
    # The stale window and the second run's window were created; the first run moved the stale one (its timeframe).
    assert requests_seen.get('POST %s/BlackoutPolicy/create' % admin) == 2
    assert sum(count for key, count in requests_seen.items() if key.startswith('PUT %s/Timeframe/' % admin)) == 1
    assert sum(count for key, count in requests_seen.items() if key.startswith('DELETE %s/BlackoutPolicy/' % admin)) == 2
    state = truesight.control.state()
    assert state['timeframes'] == [] and [policy['name'] for policy in state['policies']] == ['Baseline']
