# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""TrueSight adapters: the blackout window's times and selection, the event body, and what a refused create leaves."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, OptionError, RestAuthError
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api, resources

ADMIN = '/tsws/10.0/api/unifiedadmin'
WANTED = {'selection': 'hostname EQUALS "db01"', 'enabled': True, 'start': '2030-01-01T21:00:00Z', 'end': '2030-01-01T23:00:00Z',
          'timezone': 'UTC', 'recurrence': 'none'}


class TestTimes:

    @pytest.mark.parametrize('text,zone,expected', [
        ('2030-01-01T22:00:00', 'Europe/Paris', 1893531600000),
        ('2030-01-01T21:00:00Z', 'Europe/Paris', 1893531600000),
        ('2030-01-01T16:00:00-05:00', 'UTC', 1893531600000),
        ('2030-01-01T21:00:00', 'UTC', 1893531600000),
    ], ids=['naive-in-zone', 'z-wins', 'offset-wins', 'naive-utc'])
    def test_iso_times_become_epoch_milliseconds(self, text, zone, expected):
        assert resources.epoch_ms(text, zone, 'start') == expected
        assert resources.iso_ms(expected) == '2030-01-01T21:00:00Z'

    @pytest.mark.parametrize('text,zone,words', [
        ('tomorrow', 'UTC', "start 'tomorrow' is not an ISO 8601 time"),
        ('2030-01-01T22:00:00', 'Mars/Olympus', 'timezone Mars/Olympus is not a known time zone'),
    ], ids=['not-iso', 'unknown-zone'])
    def test_bad_times_are_option_errors(self, text, zone, words):
        with pytest.raises(OptionError) as info:
            resources.epoch_ms(text, zone, 'start')
        assert words in str(info.value)


def test_selection_names_each_device_joined_with_or():
    assert resources.selection_for(['db01', 'we"b01']) == 'hostname EQUALS "db01" OR hostname EQUALS "web01"'


def test_event_body_fills_the_slots_and_attributes_win():
    params = {'event_class': 'EVENT', 'severity': 'MAJOR', 'msg': 'm', 'object': 'o', 'host': 'h',
              'attributes': {'severity': 'CRITICAL', 'mc_priority': 'PRIORITY_1'}}
    assert resources.event_body(params) == {'eventSourceHostName': 'h', 'attributes': {
        'CLASS': 'EVENT', 'severity': 'CRITICAL', 'msg': 'm', 'mc_object': 'o', 'mc_priority': 'PRIORITY_1'}}


def created(resource_id):
    return {'statusCode': '200', 'statusMsg': 'OK', 'response': [{'resourceId': resource_id, 'statusCode': '200'}]}


class TestCreate:

    def blackout(self, server):
        connected = api.connect({'url': server.url, 'token': '_t', 'allow_http': True, 'retries': 0})
        return resources.BlackoutResource(connected, {'name': 'Patching', 'tenant': '*'})

    def test_a_policy_refused_in_its_envelope_takes_its_timeframe_away(self, server):
        server.reply(200, created('tf-1'))
        server.reply(200, {'statusCode': '409', 'statusMsg': 'Policy Patching already exists', 'response': None})
        server.reply(200, created('tf-1'))
        with pytest.raises(APIError) as info:
            self.blackout(server).create(dict(WANTED))
        assert info.value.status == 409
        assert [(r.method, r.path) for r in server.requests] == [
            ('POST', ADMIN + '/Timeframe/create'), ('POST', ADMIN + '/BlackoutPolicy/create'), ('DELETE', ADMIN + '/Timeframe/tf-1/delete')]
        sent = server.requests[1].json()['blackoutPolicy']
        assert sent['timeframes'] == [{'name': 'Patching', 'id': 'tf-1'}] and sent['type'] == 'blackout'
        assert server.requests[0].json()['timeframe']['startDate'] == 1893531600000

    def test_a_policy_create_that_may_have_happened_leaves_the_timeframe(self, server):
        # A 504 on a POST: the gateway may have passed it on, the policy may reference the timeframe.
        server.reply(200, created('tf-1'))
        server.reply(504, {'statusCode': '504', 'statusMsg': 'Gateway Timeout'})
        with pytest.raises(APIError):
            self.blackout(server).create(dict(WANTED))
        assert [r.method for r in server.requests] == ['POST', 'POST']


def token_answer(token):
    payload = {'authToken': token, 'authPassed': True, 'expires': '2099-01-01T00:00:00.000Z'}
    return {'statusCode': '200', 'statusMsg': 'OK', 'response': payload}


class TestEvents:

    def connect(self, server, tsim_url):
        return api.connect({'url': server.url, 'username': 'apiuser', 'password': 'pw', 'tenant': '*', 'allow_http': True,
                            'retries': 0, 'tsim_url': tsim_url})

    @pytest.mark.parametrize('other', [False, '', True], ids=['tsim-is-url', 'tsim-empty', 'tsim-elsewhere'])
    def test_the_event_carries_the_tsps_token_to_tsim(self, server, other):
        # Empty is unset: the AWX credential type injects TRUESIGHT_TSIM_URL empty when its field is not filled.
        server.reply(200, token_answer('_tsps'))
        server.reply(200, {'statusCode': '200', 'statusMsg': 'OK', 'responseList': [{'mc_ueid': 'mc.cell.1', 'statusCode': '200'}]})
        server.reply(200, {'statusCode': '200', 'statusMsg': 'OK', 'response': {'authPassed': True}})
        tsim_url = server.url.replace('127.0.0.1', 'localhost') if other is True else (None if other is False else other)
        connected = self.connect(server, tsim_url)
        assert connected.create_event('pncell', {'attributes': {'msg': 'm'}}) == 'mc.cell.1'
        assert connected.close() == []
        login, event, logout = server.requests
        assert (login.method, event.method, logout.method) == ('POST', 'POST', 'DELETE')
        assert event.path == '/bppmws/api/Event/create?routingId=pncell&routingIdType=CELL_NAME'
        assert event.json() == [{'attributes': {'msg': 'm'}}] and event.headers['Authorization'] == 'authToken _tsps'
        assert event.headers['Host'].startswith('localhost' if other else '127.0.0.1')
        assert logout.headers['authToken'] == 'authToken _tsps'

    @pytest.mark.parametrize('answer', [
        dict(status=500, body={'statusCode': '500', 'statusMsg': 'Cell pncell is not reachable'}),
        dict(status=200, body={'statusCode': '500', 'statusMsg': 'Cell pncell is not reachable', 'responseList': []}),
        dict(status=200, body={'statusCode': '200', 'responseList': [{'statusCode': '400', 'statusMsg': 'bad slot'}]}),
        dict(status=200, body='<html>not json</html>'),
    ], ids=['http-error', 'envelope', 'event', 'not-json'])
    @pytest.mark.parametrize('other', [False, True], ids=['tsim-is-url', 'tsim-elsewhere'])
    def test_what_tsim_answered_names_tsim_and_the_sign_in_stays_the_presentation_servers(self, server, other, answer):
        server.reply(200, token_answer('_tsps'))
        server.reply(**answer)
        server.reply(200, {'statusCode': '200', 'statusMsg': 'OK', 'response': {'authPassed': True}})
        connected = self.connect(server, server.url.replace('127.0.0.1', 'localhost') if other else None)
        with pytest.raises(RestAuthError) as info:
            connected.create_event('pncell', {'attributes': {'msg': 'm'}})
        message = str(info.value)
        assert message.startswith('BMC TrueSight Infrastructure Management: POST /bppmws/api/Event/create'), message
        assert 'Presentation Server' not in message
        assert len(server.requests) == 2  # the event is not sent again
        connected.close()

    @pytest.mark.parametrize('when', ['before', 'renewal'])
    def test_a_refused_sign_in_names_the_presentation_server(self, server, when):
        refused = {'statusCode': '401', 'statusMsg': 'Authentication failed'}
        if when == 'renewal':  # tsim_url is url: TSIM refuses the token, the sign-in again is refused
            server.reply(200, token_answer('_tsps'))
            server.reply(401, refused)
        server.reply(401, refused)
        with pytest.raises(RestAuthError) as info:
            self.connect(server, None if when == 'renewal' else server.url.replace('127.0.0.1', 'localhost')).create_event('pncell', {'attributes': {}})
        assert str(info.value).startswith('BMC TrueSight Presentation Server: POST /tsws/'), str(info.value)
        assert 'failed with HTTP 401' in str(info.value)
        assert len(server.requests) == (3 if when == 'renewal' else 1)

    @pytest.mark.parametrize('answer,words', [
        ({'statusCode': '500', 'statusMsg': 'Cell pncell is not reachable', 'responseList': []}, 'failure 500 in its envelope'),
        ({'statusCode': '200', 'responseList': [{'statusCode': '400', 'statusMsg': 'bad slot'}]}, 'refused the event: bad slot'),
        ({'statusCode': '200', 'responseList': []}, 'without the mc_ueid'),
    ], ids=['envelope', 'event', 'no-id'])
    def test_a_200_that_does_not_give_an_event_id_fails(self, server, answer, words):
        server.reply(200, answer)
        connected = api.connect({'url': server.url, 'token': '_t', 'allow_http': True, 'retries': 0})
        with pytest.raises(RestAuthError) as info:
            connected.create_event('pncell', {'attributes': {}})
        assert words in str(info.value) and 'BMC TrueSight' in str(info.value)
        assert len(server.requests) == 1


class TestGuard:

    @pytest.mark.parametrize('changes,words', [
        ({'start': '2030-01-01T21:00:00Z', 'end': '2030-01-01T23:00:00Z'}, 'needs devices or selection'),
        ({'selection': 's', 'start': '2030-01-01T21:00:00Z'}, 'needs a start and an end'),
        ({'selection': 's', 'start': '2030-01-01T23:00:00Z', 'end': '2030-01-01T21:00:00Z'}, 'is not after start'),
    ], ids=['no-selection', 'no-end', 'end-before-start'])
    def test_a_window_that_cannot_work_is_refused_before_any_request(self, server, changes, words):
        connected = api.connect({'url': server.url, 'token': '_t', 'allow_http': True, 'retries': 0})
        with pytest.raises(OptionError) as info:
            resources.BlackoutResource(connected, {'name': 'W'}).guard('create', None, changes)
        assert words in str(info.value) and server.requests == []
