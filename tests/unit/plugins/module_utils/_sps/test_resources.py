# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The SPS adapters: sps_config over a scripted HTTP server, and the search parameters of sps_session_info (no network)."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, NotFoundError, OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure
from ansible_collections.restauth.enterprise.plugins.module_utils._sps import resources
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.api import config_path
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.resources import audit_query, moment
from sps_support import CLOSED, config, connect, sps_error


@pytest.mark.parametrize('value', [1767225600, 1767225600.0, '1767225600', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00',
                                   '2026-01-01', '2026-01-01T01:00:00+01:00'])
def test_every_form_of_a_moment_is_the_same_instant(value):
    assert moment(value, 'start') == 1767225600


@pytest.mark.parametrize('value', ['yesterday', '2026-13-01', '', True, 'nan', 'inf', -1, 1e300, '0001-01-01T00:00:00+01:00'])
def test_a_moment_that_is_no_time_names_the_option(value):
    with pytest.raises(OptionError) as info:
        moment(value, 'end')
    assert 'end' in str(info.value) and 'neither ISO 8601 nor epoch seconds' in str(info.value)


def test_the_query_sends_iso_8601_utc_comma_separated_fields_and_the_sort():
    params = {'query': 'protocol:ssh', 'start': 1767225600, 'end': '2026-01-02T00:00:00+02:00', 'fields': ['user.name', 'start_time'],
              'sort': '-start_time', 'limit': None}
    assert audit_query(params) == {'q': 'protocol:ssh', 'start': '2026-01-01T00:00:00Z', 'end': '2026-01-01T22:00:00Z',
                                   'fields': 'user.name,start_time', 'sort': '-start_time'}
    assert audit_query({}) == {}


def test_a_window_that_ends_before_it_starts_is_refused():
    with pytest.raises(OptionError) as info:
        audit_query({'start': '2026-01-02', 'end': '2026-01-01'})
    assert 'start 2026-01-02T00:00:00Z is after end 2026-01-01T00:00:00Z' in str(info.value)


class TestConfigResource:

    def test_merge_is_deep_and_equal_bodies_change_nothing(self, server):
        current = {'key': 'email', 'body': {'a': 1, 'smtp': {'selection': 'ip', 'value': '1.2.3.4'}}}
        server.reply(200, CLOSED).reply(200, current)
        result = config(server, 'management/email', body={'smtp': {'selection': 'ip'}})
        assert result['changed'] is False and len(server.requests) == 2

    def test_check_mode_sends_no_write(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {'a': 1, 'password': 'old'}})
        result = config(server, '/api/configuration/management/email/', check_mode=True, body={'a': 2})
        assert result['changed'] and result['diff'] == {'before': {'a': 1}, 'after': {'a': 2}}
        assert result['body'] == {'a': 2, 'password': '********'}
        assert [r.method for r in server.requests] == ['GET', 'GET']

    def test_several_matches_fail_with_the_count(self, server):
        server.reply(200, CLOSED).reply(200, {'items': [{'key': 'k1', 'body': {'name': 'ops'}}, {'key': 'k2', 'body': {'name': 'ops'}}]})
        with pytest.raises(Exception) as info:
            config(server, 'aaa/local_database/groups', body={'members': []}, match={'name': 'ops'})
        assert '2 items of /api/configuration/aaa/local_database/groups match {"name": "ops"}' in str(info.value)

    def test_replace_drops_the_fields_body_leaves_out_and_sends_body_alone(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {'a': 1, 'b': 2}})
        server.reply(200, {}).reply(200, {}).reply(200, {}).reply(200, {'key': 'email', 'body': {'a': 1}})  # open, PUT, commit, read
        result = config(server, 'management/email', body={'a': 1}, merge=False)
        assert result['changed'] is True and result['body'] == {'a': 1}
        assert result['diff'] == {'before': {'b': 2}, 'after': {'b': None}}
        put = [r for r in server.requests if r.method == 'PUT' and r.path == '/api/configuration/management/email']
        assert len(put) == 1 and put[0].json() == {'a': 1}

    def test_merge_sends_the_whole_object_and_a_null_empties_a_field(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {'a': 1, 'b': 2, 'n': {'x': 1, 'y': 2}}})
        server.reply(200, {}).reply(200, {}).reply(200, {}).reply(200, {'key': 'email', 'body': {}})
        result = config(server, 'management/email', body={'b': None, 'n': {'y': 3}})
        assert result['changed'] is True and result['diff']['after'] == {'b': None, 'n': {'x': 1, 'y': 3}}
        put = [r for r in server.requests if r.method == 'PUT' and r.path == '/api/configuration/management/email']
        assert put[0].json() == {'a': 1, 'b': None, 'n': {'x': 1, 'y': 3}}

    def test_check_mode_with_an_api_key_refuses_a_change_and_sends_nothing_more(self, server):
        server.reply(200, {'key': 'email', 'body': {'a': 1}})
        with pytest.raises(OptionError, match='API keys cannot open or commit'):
            ensure(resources.ConfigResource(connect(server, api_key='K3y=='), dict(
                path='management/email', body={'a': 2}, merge=True, match=None, key=None, state='present',
                secret_keys=list(resources.DEFAULT_SECRET_KEYS))), 'present', check_mode=True)
        assert [r.method for r in server.requests] == ['GET']

    @pytest.mark.parametrize('path', ['', '/api/configuration', 'a/../b'])
    def test_paths_outside_the_configuration_are_refused(self, path):
        with pytest.raises(OptionError):
            config_path(path)

    def test_secret_values_are_found_at_any_depth(self):
        body = {'a': {'password': 'p1'}, 'list': [{'token': 't1'}], 'plain': ''}
        assert sorted(resources.secret_values(body, resources.DEFAULT_SECRET_KEYS)) == ['p1', 't1']


class TestReadBackAfterCommit:

    def test_a_failed_read_back_says_the_commit_went_through(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {'a': 1}})
        server.reply(200, {}).reply(200, {}).reply(200, {})  # open, PUT, commit
        server.reply(500, sps_error('InternalError', 'down'))
        with pytest.raises(APIError) as info:
            config(server, 'management/email', body={'a': 2})
        assert info.value.changed is True
        assert str(info.value).startswith('One Identity Safeguard for Privileged Sessions: the update of '
                                          '/api/configuration/management/email went through, but what followed failed: GET')


class TestItemPaths:

    def calls(self, server):
        return ['%s %s' % (r.method, r.path) for r in server.requests]

    def test_absent_on_an_item_path_deletes_the_item(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'k1', 'body': {'name': 'ops'}}).reply(200, {'items': [{'key': 'k1'}]})
        server.reply(200, {}).reply(200, {}).reply(200, {})  # open, DELETE, commit
        result = config(server, 'aaa/local_database/groups/k1', state='absent')
        assert result['changed'] is True and result['key'] == 'k1'
        # The session is checked for a pending transaction once, before the first read.
        assert self.calls(server) == ['GET /api/transaction', 'GET /api/configuration/aaa/local_database/groups/k1',
                                      'GET /api/configuration/aaa/local_database/groups', 'POST /api/transaction',
                                      'DELETE /api/configuration/aaa/local_database/groups/k1', 'PUT /api/transaction']

    def test_absent_on_a_gone_item_is_unchanged(self, server):
        server.reply(200, CLOSED).reply(404, sps_error('NotFound', 'no')).reply(200, {'items': []})
        result = config(server, 'aaa/local_database/groups/k1', state='absent')
        assert result['changed'] is False and result['key'] == 'k1'

    def test_absent_on_a_singleton_is_still_refused(self, server):
        server.reply(200, CLOSED).reply(200, {'key': 'email', 'body': {}}).reply(200, {'key': 'management', 'body': {}})
        with pytest.raises(OptionError) as info:
            config(server, 'management/email', state='absent')
        assert 'is a single object and cannot be deleted' in str(info.value)

    def test_absent_on_a_path_that_does_not_exist_fails(self, server):
        server.reply(200, CLOSED).reply(404, sps_error('NotFound', 'no')).reply(404, sps_error('NotFound', 'no'))
        with pytest.raises(NotFoundError) as info:
            config(server, 'nothing/here', state='absent')
        assert '/api/configuration/nothing/here does not exist' in str(info.value)

    @pytest.mark.parametrize('key', ['.', '..'])
    def test_dot_keys_are_refused_before_any_request(self, server, key):
        with pytest.raises(OptionError):
            config(server, 'aaa/local_database/groups', state='absent', key=key)
        assert server.requests == []
