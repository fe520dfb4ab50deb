# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The logic of remedy_entry (EntryResource on the resource engine), every branch, against the Remedy simulator."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.resources import EntryResource, check_attachments, qualification_text
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import AmbiguousMatchError, NotFoundError, OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure

simulators = pytest.importorskip('simulators')

FORM = 'RESTAUTH:Unit'
WRITES = ('POST /api/arsys', 'PUT /api/arsys', 'DELETE /api/arsys')


@pytest.fixture(scope='module')
def server():
    with simulators.start('remedy') as handle:
        yield handle


@pytest.fixture
def api(server):
    server.control.reset(state=True)
    connection = connect({'url': server.url, 'ca_path': server.ca_path, 'username': 'Demo', 'password': 'Demo-Passw0rd!'})
    yield connection
    connection.close()


def entries(server, form=FORM):
    return server.control.state()['forms'].get(form, {})


def writes(server):
    return {key: n for key, n in server.control.counters()['requests'].items() if key.startswith(WRITES)}


def seed(api, *summaries):
    return [api.create_entry(FORM, {'Summary': summary, 'Status': 'New'})[0] for summary in summaries]


def entry(api, form, values=None, entry_id=None, query=None, state='present', check_mode=False, return_fields=None):
    """remedy_entry's result for these options."""
    params = {'form': form, 'values': values, 'entry_id': entry_id, 'query': query, 'state': state, 'return_fields': return_fields}
    return ensure(EntryResource(api, params), state, check_mode=check_mode)


class TestPresent:

    def test_creates_when_nothing_matches(self, api, server):
        result = entry(api, FORM, {'Summary': 'a', 'Status': 'New'}, query="'Summary' = \"a\"", state='present',
                       return_fields=['Request ID', 'Submitter'])
        assert result['changed'] is True
        assert result['entry_id'] in entries(server)
        assert result['values'] == {'Summary': 'a', 'Status': 'New', 'Request ID': result['entry_id'], 'Submitter': 'Demo'}
        assert result['diff'] == {'before': {}, 'after': {'Summary': 'a', 'Status': 'New'}}
        # The values came with the create answer: the new entry's Location was not read.
        requests_seen = server.control.counters()['requests']
        assert requests_seen['POST /api/arsys/v1/entry/%s' % FORM] == 1
        assert not [key for key in requests_seen if key.startswith('GET /api/arsys/v1/entry/%s/' % FORM)]

    def test_create_without_return_fields_answers_what_was_sent(self, api, server):
        result = entry(api, FORM, {'Summary': 'b'}, state='present')
        assert result['values'] == {'Summary': 'b'} and result['entry_id'] in entries(server)

    def test_creates_every_time_without_entry_id_or_query(self, api, server):
        entry(api, FORM, {'Summary': 'x'}, state='present')
        entry(api, FORM, {'Summary': 'x'}, state='present')
        assert len(entries(server)) == 2

    def test_updates_only_the_fields_that_differ(self, api, server):
        entry_id, = seed(api, 'a')
        server.control.reset()
        result = entry(api, FORM, {'Summary': 'a', 'Status': 'Closed'}, entry_id=entry_id, state='present')
        assert result['changed'] is True
        assert result['diff'] == {'before': {'Status': 'New'}, 'after': {'Status': 'Closed'}}
        assert result['values']['Status'] == 'Closed'
        assert entries(server)[entry_id]['Status'] == 'Closed'
        assert writes(server) == {'PUT /api/arsys/v1/entry/%s/%s' % (FORM, entry_id): 1}

    def test_unchanged_entry_is_not_written(self, api, server):
        entry_id, = seed(api, 'a')
        server.control.reset()
        result = entry(api, FORM, {'Summary': 'a', 'Status': 'New'}, query="'Summary' = \"a\"", state='present')
        assert result['changed'] is False and result['entry_id'] == entry_id
        assert result['values']['Summary'] == 'a'
        assert writes(server) == {}

    def test_several_matches_fail_naming_the_count(self, api):
        seed(api, 'dup', 'dup', 'dup')
        with pytest.raises(AmbiguousMatchError) as info:
            entry(api, FORM, {'Status': 'Closed'}, query="'Summary' = \"dup\"", state='present')
        assert 'matches 3 entries of form %s' % FORM in str(info.value)

    def test_unknown_entry_id_is_not_created(self, api, server):
        with pytest.raises(NotFoundError) as info:
            entry(api, FORM, {'Status': 'New'}, entry_id='000000000000999', state='present')
        assert 'leave entry_id out to create' in str(info.value)
        assert writes(server) == {}

    def test_form_without_ids_creates_and_says_so_by_a_null_id(self, api, server):
        result = entry(api, 'AST:ComputerSystem', {'Name': 'srv01'}, state='present')
        assert result['changed'] is True and result['entry_id'] is None
        assert result['values'] == {'Name': 'srv01'}
        assert len(entries(server, 'AST:ComputerSystem')) == 1

    @pytest.mark.parametrize('exists', [False, True], ids=['create', 'update'])
    def test_check_mode_predicts_without_writing(self, api, server, exists):
        if exists:
            seed(api, 'a')
        before = entries(server)
        server.control.reset()
        result = entry(api, FORM, {'Summary': 'a', 'Status': 'Closed'}, query="'Summary' = \"a\"", state='present', check_mode=True)
        assert result['changed'] is True
        assert result['values']['Status'] == 'Closed'
        assert writes(server) == {} and entries(server) == before


class TestAbsent:

    def test_deletes_the_match(self, api, server):
        entry_id, = seed(api, 'a')
        result = entry(api, FORM, query="'Summary' = \"a\"", state='absent')
        assert result['changed'] is True and result['entry_id'] == entry_id
        assert result['diff']['before']['Summary'] == 'a' and result['diff']['after'] == {}
        assert result['values']['Summary'] == 'a'
        assert entries(server) == {}

    def test_nothing_to_delete(self, api, server):
        result = entry(api, FORM, entry_id='000000000000999', state='absent')
        assert result['changed'] is False and writes(server) == {}

    def test_check_mode_deletes_nothing(self, api, server):
        entry_id, = seed(api, 'a')
        result = entry(api, FORM, entry_id=entry_id, state='absent', check_mode=True)
        assert result['changed'] is True
        assert entry_id in entries(server)

    def test_needs_to_know_which_entry(self, api):
        with pytest.raises(OptionError) as info:
            entry(api, FORM, state='absent')
        assert 'needs entry_id or query' in str(info.value)

    def test_several_matches_are_not_deleted(self, api, server):
        seed(api, 'dup', 'dup')
        with pytest.raises(AmbiguousMatchError):
            entry(api, FORM, query="'Summary' = \"dup\"", state='absent')
        assert len(entries(server)) == 2


def test_release_logs_out_the_login_made_for_the_task(server):
    server.control.reset(state=True)
    api = connect({'url': server.url, 'ca_path': server.ca_path, 'username': 'Demo', 'password': 'Demo-Passw0rd!'})
    api.find_entries('CTM:People')
    assert api.close() == []
    counters = server.control.counters()
    assert counters['logins'] == counters['logouts'] == 1 and counters['active_tokens'] == 0


class TestWorklogChecks:
    """What remedy_worklog refuses before any request, and how it writes a qualification."""

    def test_attachments_are_checked_for_count_existence_and_size(self, tmp_path):
        small, big = tmp_path / 'small.txt', tmp_path / 'big.bin'
        small.write_bytes(b'12345')
        big.write_bytes(b'x' * 11)
        assert check_attachments([str(small)] * 3, limit=10) == [str(small)] * 3
        assert check_attachments(None) == []
        with pytest.raises(OptionError, match='attachments holds 4 files; a work log takes at most 3'):
            check_attachments([str(small)] * 4)
        with pytest.raises(OptionError, match='missing.txt is not a readable file'):
            check_attachments([str(small), str(tmp_path / 'missing.txt')])
        with pytest.raises(OptionError, match='is not a readable file'):
            check_attachments([str(tmp_path)])  # a directory is not a file
        with pytest.raises(OptionError, match='big.bin has 11 bytes, more than the 10'):
            check_attachments([str(small), str(big)], limit=10)

    def test_qualification_text_doubles_inner_quotes(self):
        assert qualification_text('say "hi"') == '"say ""hi"""'
