# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xMatters events and on-call: triggers and their apiKey, event status through ensure, on-call paging, over a scripted server."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, AuthenticationError, OptionError, TransportError
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import events

FUNCTION = '/api/integration/1/functions/7d4c1a2b/triggers'
KEY = 'b7e1c2d3-secret-key'


def connect(server, **params):
    base = {'url': server.url, 'allow_http': True, 'retries': 0}
    base.update(params)
    return events.connect(base)


def status_change(server, event_id='e1', status='TERMINATED', **login):
    api = connect(server, **(login or {'username': 'u', 'password': 'p'}))
    return events.EventStatusResource(api, {'event_id': event_id, 'status': status})


class TestTriggers:

    def test_an_api_key_in_the_url_sends_no_login_and_is_a_client_secret(self, server):
        server.reply(202, {'requestId': 'r1'})
        trigger_url = '%s%s?apiKey=%s' % (server.url, FUNCTION, KEY)
        params = {'trigger_url': trigger_url, 'properties': {'Host': 'db01'}, 'recipients': ['Ops']}
        api = connect(server, trigger_url=trigger_url)  # neither username nor password: no login is needed
        result = events.trigger(api, params, check_mode=False, warn=None)
        assert result == {'changed': True, 'request_id': 'r1', 'event_id': None}
        sent = server.requests[0]
        assert 'Authorization' not in sent.headers
        assert urlsplit(sent.path).path == FUNCTION and parse_qs(urlsplit(sent.path).query) == {'apiKey': [KEY]}
        assert sent.json() == {'properties': {'Host': 'db01'}, 'recipients': [{'targetName': 'Ops'}]}
        assert KEY in api.client.secrets()

    def test_a_refused_api_key_names_it_without_showing_it(self, server):
        server.reply(401, {'code': 401, 'reason': 'Unauthorized', 'message': 'Invalid apiKey'})
        trigger_url = '%s%s?apiKey=%s' % (server.url, FUNCTION, KEY)
        api = connect(server, trigger_url=trigger_url)
        with pytest.raises(AuthenticationError) as info:
            events.trigger(api, {'trigger_url': trigger_url}, check_mode=False, warn=None)
        assert 'HTTP 401' in str(info.value) and 'apiKey in trigger_url was refused' in str(info.value)
        assert KEY not in str(info.value)
        assert len(server.requests) == 1  # a refused key is not sent again

    def test_a_broken_connection_is_not_repeated_and_not_quoted_with_the_key(self, server):
        server.reply(drop=True, times=2).reply(202, {'requestId': 'r9'})
        trigger_url = '%s%s?apiKey=%s' % (server.url, FUNCTION, KEY)
        api = connect(server, trigger_url=trigger_url, retries=3)
        with pytest.raises(TransportError) as info:
            events.trigger(api, {'trigger_url': trigger_url}, check_mode=False, warn=None)
        assert 'may have been processed' in str(info.value) and KEY not in str(info.value)
        assert len(server.requests) == 1  # a trigger that may have gone through is not sent twice

    def test_without_a_key_the_trigger_carries_the_collection_login(self, server):
        server.reply(202, {'requestId': 'r2'})
        api = connect(server, username='u', password='p')
        events.trigger(api, {'trigger_url': server.url + FUNCTION}, check_mode=False, warn=None)
        assert server.requests[0].headers['Authorization'].startswith('Basic ')

    def test_a_form_trigger_names_recipients_by_id_and_returns_the_event_id(self, server):
        server.reply(202, {'requestId': 'r3', 'id': 'e3', 'eventId': '1000003'})
        api = connect(server, username='u', password='p')
        params = {'form_id': 'f/1', 'recipients': ['jdoe', {'id': 'Ops', 'recipientType': 'GROUP'}], 'priority': 'HIGH',
                  'conference': {'bridgeId': 'b', 'type': 'BRIDGE'}}
        assert events.trigger(api, params, check_mode=False, warn=None) == {'changed': True, 'request_id': 'r3', 'event_id': 'e3'}
        assert server.requests[0].path == '/api/xm/1/forms/f%2F1/triggers'
        assert server.requests[0].json() == {'recipients': [{'id': 'jdoe'}, {'id': 'Ops', 'recipientType': 'GROUP'}], 'priority': 'HIGH',
                                             'conference': {'bridgeId': 'b', 'type': 'BRIDGE'}}

    def test_check_mode_sends_nothing(self, server):
        api = connect(server, username='u', password='p')
        assert events.trigger(api, {'form_id': 'f1'}, check_mode=True, warn=None) == {'changed': True, 'request_id': None, 'event_id': None}
        assert server.requests == []

    def test_an_answer_without_request_id_warns(self, server):
        server.reply(202, b'')
        warnings = []
        api = connect(server, username='u', password='p')
        result = events.trigger(api, {'form_id': 'f1'}, check_mode=False, warn=warnings.append)
        assert result['changed'] is True and result['request_id'] is None
        assert warnings and 'without a requestId' in warnings[0]

    @pytest.mark.parametrize('trigger_url, message', [
        ('https://other.example.com/api/integration/1/functions/x/triggers?apiKey=' + KEY, 'is not on'),
        ('https://u:pw@127.0.0.1/api/integration/1/functions/x/triggers', 'must not hold a user name'),
        ('http://127.0.0.1:1/api/xm/1/people?apiKey=' + KEY, 'is not an HTTP trigger URL'),
    ])
    def test_trigger_urls_elsewhere_are_refused_without_their_query(self, trigger_url, message):
        with pytest.raises(OptionError) as info:
            events.check_trigger_url(trigger_url, 'http://127.0.0.1:1', allow_http=True)
        assert message in str(info.value)
        assert KEY not in str(info.value) and 'pw' not in str(info.value)

    @pytest.mark.parametrize('trigger_url', [
        'HTTPS://Acme.xMatters.com/api/integration/1/functions/x/triggers',
        'https://acme.xmatters.com:443/api/integration/1/functions/x/triggers?apiKey=k',
    ])
    def test_the_trigger_url_origin_compares_as_the_client_does(self, trigger_url):
        events.check_trigger_url(trigger_url, 'https://acme.xmatters.com')

    @pytest.mark.parametrize('recipient', [{'recipientType': 'GROUP'}, 3, ''])
    def test_unreadable_recipients_are_refused(self, recipient):
        with pytest.raises(OptionError):
            events.recipients_body([recipient], 'form')

    def test_the_api_key_is_read_from_the_query(self):
        assert events.trigger_api_key('https://a/api/integration/1/functions/x/triggers?x=1&apiKey=k%2B1') == 'k+1'
        assert events.trigger_api_key('https://a/api/integration/1/functions/x/triggers') is None
        assert events.trigger_api_key(None) is None


class TestEventInfo:

    def test_events_of_another_request_are_dropped_when_the_server_ignores_the_filter(self):
        listed = [{'id': 'e1', 'requestId': 'r1'}, {'id': 'e2', 'requestId': 'r2'}, {'id': 'e3'}]
        assert [event['id'] for event in events.of_request(listed, 'r1')] == ['e1', 'e3']


class TestEventStatus:

    def test_the_status_it_already_has_sends_nothing(self, server):
        server.reply(200, {'id': 'e1', 'eventId': '7', 'status': 'SUSPENDED'})
        result = ensure(status_change(server, status='SUSPENDED'), 'present')
        assert result['changed'] is False and result['event']['status'] == 'SUSPENDED'
        assert [(r.method, urlsplit(r.path).path) for r in server.requests] == [('GET', '/api/xm/1/events/e1')]

    def test_an_externally_terminated_event_is_terminated(self, server):
        server.reply(200, {'id': 'e1', 'status': 'TERMINATED_EXTERNAL'})
        assert ensure(status_change(server, status='TERMINATED'), 'present')['changed'] is False
        assert len(server.requests) == 1

    @pytest.mark.parametrize('check_mode', [False, True])
    def test_a_terminated_event_is_final(self, server, check_mode):
        server.reply(200, {'id': 'e1', 'status': 'TERMINATED'})
        with pytest.raises(OptionError) as info:
            ensure(status_change(server, status='ACTIVE'), 'present', check_mode=check_mode)
        assert 'event e1 is TERMINATED and cannot become ACTIVE' in str(info.value)
        assert [r.method for r in server.requests] == ['GET']

    def test_a_change_posts_id_and_status_and_reads_the_event_back(self, server):
        server.reply(200, {'id': 'uuid-1', 'eventId': '7', 'status': 'ACTIVE'})
        server.reply(200, {'id': 'uuid-1', 'status': 'SUSPENDED'})
        server.reply(200, {'id': 'uuid-1', 'eventId': '7', 'status': 'SUSPENDED', 'properties': {'a': 1}})
        result = ensure(status_change(server, event_id='7', status='SUSPENDED'), 'present')
        assert result['changed'] is True and result['event']['properties'] == {'a': 1}
        assert result['diff'] == {'before': {'status': 'ACTIVE'}, 'after': {'status': 'SUSPENDED'}}
        assert server.requests[1].method == 'POST' and server.requests[1].path == '/api/xm/1/events'
        assert server.requests[1].json() == {'id': 'uuid-1', 'status': 'SUSPENDED'}
        assert parse_qs(urlsplit(server.requests[0].path).query) == {'embed': ['properties']}

    def test_a_failed_read_back_says_the_change_went_through(self, server):
        server.reply(200, {'id': 'e1', 'status': 'ACTIVE'}).reply(200, {'id': 'e1', 'status': 'TERMINATED'})
        server.reply(500, {'code': 500, 'message': 'boom'})
        with pytest.raises(APIError) as info:
            ensure(status_change(server), 'present')
        assert info.value.changed is True and 'went through' in str(info.value)
        assert [r.method for r in server.requests] == ['GET', 'POST', 'GET']

    def test_an_unknown_event_fails_naming_it(self, server):
        server.reply(404, {'code': 404, 'message': 'Could not find an event'})
        with pytest.raises(APIError) as info:
            ensure(status_change(server, event_id='nope'), 'present')
        assert 'there is no event nope' in str(info.value) and info.value.status == 404


class TestOnCall:

    def test_groups_are_comma_joined_and_every_page_is_read(self, server):
        item = {'group': {'id': 'g1', 'targetName': 'Ops'}, 'shift': {'id': 's1', 'name': 'Day'},
                'start': '2024-05-01T08:00:00.000Z', 'end': '2024-05-01T20:00:00.000Z',
                'members': {'count': 2, 'total': 2, 'data': [
                    {'position': 2, 'delay': 5, 'member': {'id': 'p2', 'targetName': 'asmith', 'recipientType': 'PERSON'}},
                    {'position': 1, 'delay': 0, 'member': {'id': 'd1', 'targetName': 'jdoe|Work Email', 'recipientType': 'DEVICE',
                                                           'owner': {'id': 'p1', 'targetName': 'jdoe'}}}]}}
        server.reply(200, {'count': 1, 'total': 2, 'data': [item], 'links': {'next': '/api/xm/1/on-call?groups=Ops,DB%20Team&offset=1&limit=1'}})
        server.reply(200, {'count': 1, 'total': 2, 'data': [dict(item, shift={'id': 's2', 'name': 'Night'})]})
        api = connect(server, username='u', password='p')
        items = api.oncall(['Ops', 'DB Team'], {'from': '2024-05-01T00:00:00Z'}, page_size=1)
        first = urlsplit(server.requests[0].path)
        assert first.path == '/api/xm/1/on-call' and 'groups=Ops,DB%20Team' in first.query
        assert parse_qs(first.query) == {'groups': ['Ops,DB Team'], 'from': ['2024-05-01T00:00:00Z'], 'embed': ['members.owner'],
                                         'offset': ['0'], 'limit': ['1']}
        assert len(server.requests) == 2 and len(items) == 2
        view = events.oncall_view(items[0], warn=None)
        assert view['members'] == [
            {'target_name': 'jdoe|Work Email', 'recipient_type': 'DEVICE', 'level': 1, 'delay': 0, 'id': 'd1', 'owner': 'jdoe'},
            {'target_name': 'asmith', 'recipient_type': 'PERSON', 'level': 2, 'delay': 5, 'id': 'p2', 'owner': None}]
        assert (view['group'], view['shift'], view['start']) == ('Ops', 'Day', '2024-05-01T08:00:00.000Z')

    def test_a_cut_short_member_list_warns(self):
        warnings = []
        item = {'group': {'targetName': 'Ops'}, 'shift': {'name': 'Day'},
                'members': {'count': 1, 'total': 3, 'data': [{'position': 1, 'member': {'targetName': 'a'}}]}}
        assert len(events.oncall_members(item, warnings.append)) == 1
        assert 'has 3 members but the answer holds 1' in warnings[0]

    @pytest.mark.parametrize('value, expected', [
        ('2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z'),
        ('2024-05-01T02:00:00+02:00', '2024-05-01T00:00:00Z'),
        ('2024-05-01T00:00:00', '2024-05-01T00:00:00Z'),
    ])
    def test_times_are_sent_as_utc(self, value, expected):
        assert events.utc_time(value, 'from') == expected

    def test_a_time_that_is_not_iso_8601_is_refused(self):
        with pytest.raises(OptionError) as info:
            events.utc_time('tomorrow', 'to')
        assert "to must be an ISO 8601 date and time" in str(info.value)
