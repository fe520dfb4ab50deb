# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xMatters events and on-call end to end: xmatters_event, xmatters_event_info, xmatters_oncall_info."""

from __future__ import annotations

import json
from urllib.parse import quote, quote_plus

import pytest

from hostile import HostileServer
from simulators.xmatters import DEMO_FORM_ID, DEMO_FUNCTION_ID, DEMO_PASSWORD, DEMO_TRIGGER_API_KEY, DEMO_USER

pytestmark = pytest.mark.slow

TRIGGER = 'POST /api/integration/1/functions/%s/triggers' % DEMO_FUNCTION_ID
FORM_TRIGGER = 'POST /api/xm/1/forms/%s/triggers' % DEMO_FORM_ID
CHANGE = 'POST /api/xm/1/events'
WRONG_KEY = 'f00dfeed-0000-4bad-9bad-c0ffee000000'


def test_trigger_find_and_end_events(ansible, xm, tmp_path):
    trigger_url = '%s/api/integration/1/functions/%s/triggers?apiKey=%s' % (xm.url, DEMO_FUNCTION_ID, DEMO_TRIGGER_API_KEY)
    run = ansible.playbook('xmatters_event_lifecycle.yml', {
        'xm_url': xm.url, 'xm_ca': xm.ca_path, 'xm_user': DEMO_USER, 'xm_password': DEMO_PASSWORD,
        'xm_trigger_url': trigger_url, 'xm_form_id': DEMO_FORM_ID, 'wrong_key': WRONG_KEY, 'out_dir': str(tmp_path)},
        args=['-vvv'])
    assert run.rc == 0, run
    requests = xm.control.counters()['requests']
    # Check mode sent no trigger: two integration triggers went through, the wrong key was the third; one form trigger.
    assert requests[TRIGGER] == 3, requests
    assert requests[FORM_TRIGGER] == 1, requests
    # Status changes: SUSPENDED and TERMINATED only (not the check-mode run, the repeat, the terminated nor the unknown event).
    assert requests[CHANGE] == 2, requests
    # The info module read the db01 events two per page: two pages.
    assert sum(count for key, count in requests.items() if key == 'GET /api/xm/1/events') == 3, requests  # request_id + 2 pages
    assert not any('elsewhere' in key for key in requests)
    events = xm.control.state()['events']
    ids = json.loads((tmp_path / 'events.json').read_text())
    by_request = {event['requestId']: event for event in events}
    assert by_request[ids['by_key']]['status'] == 'TERMINATED'
    assert by_request[ids['by_key']]['recipients'] == [{'targetName': 'Database Team'}]
    assert by_request[ids['by_key']]['submitter'] == {'targetName': 'integration'}  # the apiKey, no login
    form_event = by_request[ids['by_form']]
    assert form_event['status'] == 'SUSPENDED'
    assert form_event['recipients'] == [{'id': 'jdoe'}, {'id': 'Operations', 'recipientType': 'GROUP'}]
    assert form_event['priority'] == 'LOW' and form_event['conference'] == {'bridgeId': 'Ops bridge', 'type': 'BRIDGE'}
    assert form_event['submitter'] == {'targetName': DEMO_USER}
    assert [event['submitter']['targetName'] for event in events] == ['integration', DEMO_USER, DEMO_USER]
    # The apiKeys (right and wrong) never show, though the task results of -vvv are printed.
    assert 'apiKey in trigger_url was refused' in run.output
    for secret in (DEMO_TRIGGER_API_KEY, WRONG_KEY, DEMO_PASSWORD):
        assert secret not in run.output, 'a secret leaked into the -vvv output'


def test_oncall_now_and_over_a_range_with_the_connection_from_the_environment(ansible, xm):
    run = ansible.playbook('xmatters_oncall_info.yml', env={
        'XMATTERS_URL': xm.url, 'XMATTERS_CA_PATH': xm.ca_path, 'XMATTERS_USERNAME': DEMO_USER, 'XMATTERS_PASSWORD': DEMO_PASSWORD})
    assert run.rc == 0, run
    requests = xm.control.counters()['requests']
    # now: one page; the range: three shifts two per page; the unknown group: one 404; the bad time: nothing.
    assert requests['GET /api/xm/1/on-call'] == 4, requests


def test_a_server_that_echoes_the_request_line_shows_no_form_of_the_api_key(ansible, tmp_path):
    key = 'K\u00e9y+/=&x 1'  # characters that every encoding writes differently
    server = HostileServer('echo', tmp_path)
    try:
        trigger_url = '%s/api/integration/1/functions/f1/triggers?apiKey=%s' % (server.url, quote(key, safe=''))
        run = ansible.adhoc('restauth.enterprise.xmatters_event', json.dumps({
            'url': server.url, 'ca_path': server.ca_path, 'trigger_url': trigger_url, 'properties': {'a': 'b'}}), args=['-vvv'])
        assert len(server.requests) == 1 and 'Authorization' not in server.requests[0].headers, run  # the key, no login
        assert quote(key, safe='') in server.requests[0].path
    finally:
        server.stop()
    assert run.rc != 0 and 'Traceback' not in run.output, run
    assert 'xMatters: POST /api/integration/1/functions/f1/triggers failed with HTTP 401' in run.output, run
    assert 'apiKey in trigger_url was refused' in run.output
    for form in (key, quote(key, safe=''), quote_plus(key, safe=''), quote(key, safe='').lower(), json.dumps(key)[1:-1]):
        assert form not in run.output, (form, run)
