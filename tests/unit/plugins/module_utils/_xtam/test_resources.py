# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xtam_record's adapter: what is compared, sent and masked; the safety of updates; ambiguity and absence."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam import resources
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    AmbiguousMatchError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ResponseFormatError,
    RestAuthError,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure
from xtam_scripts import SECRET, connect, whoami_reply


def record(api, **params):
    """xtam_record's adapter for these options (the ones not given are None)."""
    options = dict.fromkeys(('name', 'folder_id', 'record_type_id', 'record_id', 'description', 'custom'))
    options['state'] = 'present'
    options.update(params)
    return resources.RecordResource(api, options)


class TestRecordResource:

    def test_only_given_custom_keys_are_compared_and_the_whole_set_is_sent(self, server):
        whoami_reply(server)
        server.reply(200, {'id': 'i-r', 'name': 'db01', 'description': 'd',
                           'custom': '{"Host": "db01", "Port": "22", "Password": "old-%s"}' % SECRET})  # unlock
        server.reply(200, {'id': 'i-r'})  # update
        server.reply(200, {'id': 'i-r', 'name': 'db01', 'description': 'd'})  # get after
        seen = []
        records = record(connect(server, username='u', password='p'), record_id='i-r', custom={'Port': 22, 'Password': SECRET})
        records.hide = seen.extend
        result = ensure(records, 'present')
        assert result['changed'] is True
        assert result['diff'] == {'before': {'custom': {'Host': '********', 'Port': '********', 'Password': '********'}},
                                  'after': {'custom': {'Host': '********', 'Port': '********', 'Password': '******** (changed)'}}}
        # The record is read once, unlocked (its secrets are what is compared), then updated and read back.
        assert [request.path for request in server.requests[1:]] == [
            '/xtam/rest/record/unlock/i-r', '/xtam/rest/record/update/i-r', '/xtam/rest/record/get/i-r']
        update = server.requests[2]
        assert parse_qs(update.body.decode())['custom'] == ['{"Host": "db01", "Port": 22, "Password": "%s"}' % SECRET]
        assert 'old-' + SECRET in seen  # the value read from the server is masked by the module too
        assert SECRET not in repr(result)

    def test_check_mode_sends_no_change(self, server):
        whoami_reply(server)
        server.reply(200, [{'id': 'i-r', 'name': 'db01', 'recordType': {'name': 'Secret'}}])
        server.reply(200, {'id': 'i-r', 'name': 'db01', 'description': ''})
        result = ensure(record(connect(server, username='u', password='p'), folder_id='i-f', name='db01', state='absent'), 'absent', check_mode=True)
        assert result['changed'] is True and result['record_id'] == 'i-r'
        assert [r.method for r in server.requests] == ['GET', 'GET', 'GET']

    def test_two_records_with_one_name_fail(self, server):
        whoami_reply(server)
        server.reply(200, [{'id': 'i-1', 'name': 'x', 'recordType': {}}, {'id': 'i-2', 'name': 'x', 'recordType': {}}])
        with pytest.raises(AmbiguousMatchError) as info:
            ensure(record(connect(server, username='u', password='p'), folder_id='i-f', name='x', description='d'), 'present')
        assert 'folder i-f holds 2 records named' in str(info.value) and 'record_id' in str(info.value)

    def test_a_record_id_that_does_not_exist_is_not_found_like_every_vendor_and_nothing_is_written(self, server):
        whoami_reply(server)
        server.reply(404, {'status': 404, 'message': 'Record not found'})
        with pytest.raises(NotFoundError) as info:
            ensure(record(connect(server, username='u', password='p'), record_id='i-x', description='d'), 'present')
        assert info.value.status == 404
        assert str(info.value).startswith('Xton Access Manager: record i-x does not exist. Hint: leave record_id out')
        assert [request.path for request in server.requests[1:]] == ['/xtam/rest/record/get/i-x']


class TestRecordSafety:
    """An update never erases the stored fields; a write that went through is reported as a change."""

    def test_an_update_without_custom_neither_unlocks_nor_sends_custom(self, server):
        whoami_reply(server)
        server.reply(200, {'id': 'i-r', 'name': 'db01', 'description': 'old'})  # get
        server.reply(200, {'id': 'i-r'})  # update
        server.reply(200, {'id': 'i-r', 'name': 'db01', 'description': 'new'})  # get after
        result = ensure(record(connect(server, username='u', password='p'), record_id='i-r', description='new'), 'present')
        assert result['changed'] is True and 'custom' not in result['record']
        assert [request.path for request in server.requests[1:]] == [
            '/xtam/rest/record/get/i-r', '/xtam/rest/record/update/i-r', '/xtam/rest/record/get/i-r']
        assert parse_qs(server.requests[2].body.decode()) == {'name': ['db01'], 'description': ['new']}

    def test_an_unlock_answer_without_custom_stops_before_the_update(self, server):
        whoami_reply(server)
        server.reply(200, {'id': 'i-r', 'name': 'db01'})  # unlock, without custom
        with pytest.raises(ResponseFormatError) as info:
            ensure(record(connect(server, username='u', password='p'), record_id='i-r', custom={'Password': SECRET}), 'present')
        assert 'answered without the record\'s "custom" fields' in str(info.value) and 'nothing was changed' in str(info.value)
        assert len(server.requests) == 2

    def test_a_failed_read_back_after_an_update_reports_the_change(self, server):
        whoami_reply(server)
        server.reply(200, {'id': 'i-r', 'name': 'db01', 'description': 'old'})
        server.reply(200, {'id': 'i-r'})
        server.reply(500, {'status': 500, 'message': 'down'})
        with pytest.raises(RestAuthError) as info:
            ensure(record(connect(server, username='u', password='p'), record_id='i-r', description='new'), 'present')
        assert info.value.changed is True
        assert str(info.value).startswith('Xton Access Manager: the update of record i-r went through, but what followed failed: GET')

    def test_an_unreadable_create_answer_reports_the_change(self, server):
        whoami_reply(server)
        server.reply(200, [])  # folder list: no such record
        server.reply(200, '<html>ok</html>', headers={'Content-Type': 'text/html'})  # create answered, not JSON
        with pytest.raises(ResponseFormatError) as info:
            ensure(record(connect(server, username='u', password='p'), folder_id='i-f', name='web', record_type_id='i-t', custom={'Password': SECRET}),
                   'present')
        assert info.value.changed is True and "the creation of record 'web' went through" in str(info.value)


def folder(api, **params):
    """xtam_folder's adapter for these options."""
    options = {'name': 'Team', 'parent_id': 'i-root', 'description': None, 'state': 'present'}
    options.update(params)
    return resources.FolderResource(api, options)


class TestFolderResource:

    def test_a_folder_filled_between_the_check_and_the_delete_is_a_clear_refusal(self, server):
        whoami_reply(server)
        server.reply(200, [{'id': 'i-team', 'name': 'Team', 'folder': True}, {'id': 'i-r', 'name': 'Team', 'recordType': {}}])  # parent list
        server.reply(200, {'id': 'i-team', 'name': 'Team', 'description': '', 'folder': True})  # get
        server.reply(200, [])  # the folder's own list: empty when checked
        server.reply(400, {'status': 400, 'error': 'Bad Request', 'message': 'Folder i-team is not empty'})  # delete
        with pytest.raises(ConflictError) as info:
            ensure(folder(connect(server, username='u', password='p'), state='absent'), 'absent')
        assert str(info.value) == (
            "Xton Access Manager: folder i-team ('Team') still holds folders or records, and XTAM deletes only an empty folder "
            "(XTAM answered HTTP 400: Folder i-team is not empty). Hint: delete or move what it holds first "
            "(restauth.enterprise.xtam_record and xtam_folder with state: absent); restauth.enterprise.xtam_folder_info lists it")
        assert info.value.status == 400 and info.value.changed is not True
        assert [(request.method, request.path) for request in server.requests[1:]] == [
            ('GET', '/xtam/rest/folder/list/i-root'), ('GET', '/xtam/rest/folder/get/i-team'), ('GET', '/xtam/rest/folder/list/i-team'),
            ('DELETE', '/xtam/rest/folder/delete/i-team')]

    def test_another_delete_failure_is_not_called_a_full_folder(self, server):
        whoami_reply(server)
        server.reply(200, [{'id': 'i-team', 'name': 'Team', 'folder': True}])
        server.reply(200, {'id': 'i-team', 'name': 'Team', 'folder': True})
        server.reply(200, [])
        server.reply(403, {'status': 403, 'message': 'Access denied'})
        with pytest.raises(ForbiddenError) as info:
            ensure(folder(connect(server, username='u', password='p'), state='absent'), 'absent')
        assert 'Access denied' in str(info.value) and 'empty folder' not in str(info.value)

    def test_create_sends_json_and_the_update_keeps_the_name(self, server):
        whoami_reply(server)
        server.reply(200, [{'id': 'i-team', 'name': 'Team', 'folder': True}])
        server.reply(200, {'id': 'i-team', 'name': 'Team', 'description': 'old', 'folder': True})
        server.reply(200, {'id': 'i-team', 'name': 'Team', 'description': 'new', 'folder': True})  # update
        server.reply(200, {'id': 'i-team', 'name': 'Team', 'description': 'new', 'folder': True})  # read back
        result = ensure(folder(connect(server, username='u', password='p'), description='new'), 'present')
        assert result['changed'] is True and result['folder_id'] == 'i-team'
        update = server.requests[3]
        assert update.path == '/xtam/rest/folder/update/i-team' and json.loads(update.body) == {'name': 'Team', 'description': 'new'}

    def test_a_record_of_that_name_is_not_the_folder(self, server):
        whoami_reply(server)
        server.reply(200, [{'id': 'i-r', 'name': 'Team', 'recordType': {'name': 'Secret'}}])
        server.reply(200, {'id': 'i-new', 'name': 'Team', 'description': '', 'folder': True})  # create
        server.reply(200, {'id': 'i-new', 'name': 'Team', 'description': '', 'folder': True})  # read back
        result = ensure(folder(connect(server, username='u', password='p')), 'present')
        assert result['changed'] is True and result['folder_id'] == 'i-new'
        create = server.requests[2]
        assert create.path == '/xtam/rest/folder/create/i-root' and json.loads(create.body) == {'name': 'Team', 'description': ''}


class TestRecordTypes:

    def test_only_id_and_name_filtered_exactly(self, server):
        whoami_reply(server)
        server.reply(200, [{'id': 'i-1', 'name': 'Unix Host', 'fields': [{'name': 'Host'}]}, {'id': 'i-2', 'name': 'unix host'}, 'junk'],
                     times=2)
        api = connect(server, username='u', password='p')
        assert resources.read_record_types(api, 'Unix Host') == [{'id': 'i-1', 'name': 'Unix Host'}]
        assert [item['id'] for item in resources.read_record_types(api)] == ['i-1', 'i-2']

    def test_an_answer_that_is_not_a_list(self, server):
        whoami_reply(server)
        server.reply(200, {'recordTypes': []})
        with pytest.raises(ResponseFormatError) as info:
            resources.read_record_types(connect(server, username='u', password='p'))
        assert 'GET /rest/recordType/list did not answer a list' in str(info.value)
