# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xMatters group members: what to add and remove (pure logic), and a failure after a write that went through."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api as xmatters_api
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.members import GroupMembers, member_of, wanted_members


def recipient(name, kind='PERSON', rid=None):
    return {'id': rid or 'id-' + name, 'targetName': name, 'recipientType': kind}


def members(state='present', exclusive=False, *names):
    return {'group': 'Ops', 'state': state, 'exclusive': exclusive,
            'members': [{'target_name': name, 'recipient_type': kind} for name, kind in names]}


CURRENT = [recipient('jdoe'), recipient('Ops2', 'GROUP'), recipient('jdoe|Work Email', 'DEVICE')]


@pytest.mark.parametrize('params, added, removed', [
    (members('present', False, ('jdoe', 'PERSON'), ('asmith', 'PERSON')), ['asmith'], []),
    # The same name as another type is another member.
    (members('present', False, ('jdoe', 'GROUP')), ['jdoe'], []),
    (members('present', True, ('jdoe', 'PERSON')), [], ['Ops2', 'jdoe|Work Email']),
    (members('absent', True, ('jdoe', 'PERSON'), ('asmith', 'PERSON')), [], ['jdoe']),
])
def test_plan(params, added, removed):
    to_add, to_remove = GroupMembers(None, params).plan(CURRENT)
    assert [member['target_name'] for member in to_add] == added
    assert [item['targetName'] for item in to_remove] == removed


def test_members_asked_twice_count_once_and_default_to_person():
    assert wanted_members([{'target_name': 'a'}, {'target_name': 'a', 'recipient_type': 'PERSON'}, {'target_name': 'a', 'recipient_type': 'GROUP'}]) == [
        {'target_name': 'a', 'recipient_type': 'PERSON'}, {'target_name': 'a', 'recipient_type': 'GROUP'}]


def test_a_membership_or_a_bare_recipient():
    assert member_of({'group': {'id': 'g'}, 'member': recipient('x')}) == recipient('x')
    assert member_of(recipient('x')) == recipient('x')


def page(items):
    return {'count': len(items), 'total': len(items), 'data': items, 'links': {}}


def test_a_failure_after_a_member_was_added_reports_the_change(server):
    server.reply(200, {'id': 'g1', 'targetName': 'Ops'}).reply(200, page([]))
    server.reply(200, recipient('a')).reply(200, recipient('b'))
    server.reply(201, {'member': recipient('a')}).reply(500, {'code': 500, 'message': 'boom'})
    api = xmatters_api.connect({'url': server.url, 'allow_http': True, 'retries': 0, 'username': 'u', 'password': 'p'})
    with pytest.raises(APIError) as info:
        GroupMembers(api, members('present', False, ('a', 'PERSON'), ('b', 'PERSON'))).ensure()
    assert info.value.changed is True
    assert 'the change of the members of group Ops (added a) went through' in str(info.value)
    assert [(r.method, r.path) for r in server.requests][-2:] == [('POST', '/api/xm/1/groups/g1/members')] * 2
