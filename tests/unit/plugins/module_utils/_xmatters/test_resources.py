# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""xMatters resources: the group adapter driven by ``_resource.ensure`` over a scripted server."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import NotFoundError, OptionError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api as xmatters_api
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import resources as xmatters


def connect(server, **params):
    base = {'url': server.url, 'allow_http': True, 'retries': 0}
    base.update(params)
    return xmatters_api.connect(base)


class TestGroups:

    def test_a_missing_group_is_none_and_a_delete_204_is_no_change(self, server):
        server.reply(404, {'code': 404, 'message': 'Could not find'}).reply(204)
        api = connect(server, username='u', password='p')
        assert api.get_group('Ops Team') is None
        assert server.requests[0].path == '/api/xm/1/groups/Ops%20Team'
        assert api.delete_group('id-1') is False

    def test_a_group_gone_before_the_delete_reports_no_change_and_no_deletion(self, server):
        server.reply(200, {'id': 'g1', 'targetName': 'Ops', 'status': 'ACTIVE'}).reply(204)
        result = ensure(xmatters.GroupResource(connect(server, username='u', password='p'), group(name='Ops', state='absent')), 'absent')
        assert result == {'changed': False, 'group': None, 'diff': {'before': {}, 'after': {}}}
        assert [r.method for r in server.requests] == ['GET', 'DELETE']

    def test_an_unknown_supervisor_fails_in_check_mode_too(self, server):
        server.reply(404, {'code': 404, 'message': 'Could not find a group'})
        server.reply(404, {'code': 404, 'message': 'Could not find a person'})
        groups = xmatters.GroupResource(connect(server, username='u', password='p'), group(name='New', description='x', supervisors=['ghost']))
        with pytest.raises(NotFoundError) as info:
            ensure(groups, 'present', check_mode=True)
        assert "no person 'ghost'" in str(info.value)
        assert [r.method for r in server.requests] == ['GET', 'GET']

    def test_update_posts_the_whole_group_with_the_changes(self, server):
        current = {'id': 'g1', 'targetName': 'Ops', 'description': 'old', 'status': 'ACTIVE', 'groupType': 'ON_CALL',
                   'observedByAll': False, 'site': {'id': 's1'}, 'externalKey': None,
                   'supervisors': {'count': 1, 'total': 1, 'data': [{'id': 'p1', 'targetName': 'jdoe'}]},
                   'observers': {'count': 1, 'total': 1, 'data': [{'name': 'Group Supervisor'}]}}
        server.reply(200, current).reply(200, dict(current, description='new')).reply(200, dict(current, description='new'))
        groups = xmatters.GroupResource(connect(server, username='u', password='p'),
                                        group(name='Ops', description='new', status='ACTIVE', supervisors=['jdoe']))
        result = ensure(groups, 'present')
        assert result['changed'] is True
        assert result['diff'] == {'before': {'description': 'old'}, 'after': {'description': 'new'}}
        assert server.requests[0].path == '/api/xm/1/groups/Ops?embed=supervisors%2Cobservers'
        assert (server.requests[1].method, server.requests[1].path) == ('POST', '/api/xm/1/groups')
        # Nothing the module does not manage is left out: a server that replaces the group keeps it all.
        assert server.requests[1].json() == {'id': 'g1', 'targetName': 'Ops', 'description': 'new', 'status': 'ACTIVE',
                                             'groupType': 'ON_CALL', 'observedByAll': False, 'site': 's1', 'supervisors': ['p1'],
                                             'observers': [{'name': 'Group Supervisor'}]}

    def test_supervisors_embedded_in_part_are_read_in_full_before_the_update(self, server):
        current = {'id': 'g1', 'targetName': 'Ops', 'description': 'old',
                   'supervisors': {'count': 1, 'total': 2, 'data': [{'id': 'p1', 'targetName': 'jdoe'}]},
                   'observers': {'count': 0, 'total': 0, 'data': []}}
        server.reply(200, current)
        server.reply(200, {'count': 2, 'total': 2, 'data': [{'id': 'p1'}, {'id': 'p2'}], 'links': {}})
        server.reply(200, dict(current, description='new')).reply(200, dict(current, description='new'))
        ensure(xmatters.GroupResource(connect(server, username='u', password='p'), group(name='Ops', description='new')), 'present')
        assert server.requests[1].path.startswith('/api/xm/1/groups/g1/supervisors?')
        assert server.requests[2].json()['supervisors'] == ['p1', 'p2']

    def test_observers_embedded_in_part_stop_the_update_before_it_is_sent(self, server):
        current = {'id': 'g1', 'targetName': 'Ops', 'description': 'old', 'supervisors': {'count': 0, 'total': 0, 'data': []},
                   'observers': {'count': 1, 'total': 3, 'data': [{'name': 'A'}]}}
        server.reply(200, current)
        with pytest.raises(ResponseFormatError) as info:
            ensure(xmatters.GroupResource(connect(server, username='u', password='p'), group(name='Ops', description='new')), 'present')
        assert 'only part of the observers' in str(info.value)
        assert [r.method for r in server.requests] == ['GET']

    def test_create_without_supervisors_sends_none_so_the_server_picks_the_caller(self, server):
        created = {'id': 'g9', 'targetName': 'New'}
        server.reply(404, {'code': 404, 'message': 'Could not find'}).reply(201, created).reply(200, created)
        ensure(xmatters.GroupResource(connect(server, username='u', password='p'), group(name='New', description='d')), 'present')
        assert server.requests[1].json() == {'targetName': 'New', 'description': 'd'}


def group(**params):
    """xmatters_group's options: the ones not given are None."""
    options = dict((option, None) for option, _field in xmatters.GROUP_FIELDS)
    options.update(supervisors=None, state='present')
    options.update(params)
    return options


def person(**params):
    """xmatters_person's options: the ones not given are None."""
    options = dict((option, None) for option, _field in xmatters.PERSON_FIELDS)
    options.update(roles=None, supervisors=None, site=None, state='present')
    options.update(params)
    return options


class TestPeople:

    def test_update_posts_the_whole_person_with_the_changes(self, server):
        current = {'id': 'p1', 'targetName': 'mm', 'firstName': 'Mia', 'lastName': 'Miller', 'status': 'ACTIVE', 'language': 'en',
                   'webLogin': 'mm', 'site': {'id': 's1'}, 'roles': {'count': 1, 'total': 1, 'data': [{'id': 'r1', 'name': 'Standard User'}]},
                   'supervisors': {'count': 1, 'total': 1, 'data': [{'id': 'p9', 'targetName': 'jdoe'}]}}
        server.reply(200, current).reply(200, dict(current, status='INACTIVE')).reply(200, dict(current, status='INACTIVE'))
        result = ensure(xmatters.PersonResource(connect(server, username='u', password='p'), person(target_name='mm', status='INACTIVE')),
                        'present')
        assert result['diff'] == {'before': {'status': 'ACTIVE'}, 'after': {'status': 'INACTIVE'}}
        assert server.requests[0].path == '/api/xm/1/people/mm?embed=roles%2Csupervisors'
        assert server.requests[1].json() == {'id': 'p1', 'targetName': 'mm', 'firstName': 'Mia', 'lastName': 'Miller', 'status': 'INACTIVE',
                                             'language': 'en', 'webLogin': 'mm', 'site': 's1', 'roles': ['Standard User'],
                                             'supervisors': ['p9']}

    def test_a_new_person_needs_both_names_before_anything_is_sent(self, server):
        server.reply(404, {'code': 404, 'message': 'Could not find'})
        with pytest.raises(OptionError) as info:
            ensure(xmatters.PersonResource(connect(server, username='u', password='p'), person(target_name='x', first_name='X')), 'present',
                   check_mode=True)
        assert 'creating person x needs last_name' in str(info.value)
        assert [r.method for r in server.requests] == ['GET']

    def test_roles_embedded_in_part_stop_the_update(self, server):
        current = {'id': 'p1', 'targetName': 'mm', 'status': 'ACTIVE', 'roles': {'count': 1, 'total': 2, 'data': [{'name': 'A'}]},
                   'supervisors': {'count': 0, 'total': 0, 'data': []}}
        server.reply(200, current)
        with pytest.raises(ResponseFormatError):
            ensure(xmatters.PersonResource(connect(server, username='u', password='p'), person(target_name='mm', status='INACTIVE')), 'present')
        assert [r.method for r in server.requests] == ['GET']
