# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The resource engine, driven with a fake resource and no server: every branch of ensure() and run_token()."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    REDACTED, AmbiguousMatchError, APIError, AuthenticationError, NotFoundError, OptionError,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import (
    Resource, TokenResource, ensure, run_token, same,
)


class FakeStore:
    """The server side: objects by id, and every write in order."""

    def __init__(self, *objects):
        self.objects = dict((obj['id'], dict(obj)) for obj in objects)
        self.writes = []
        self.fail_read = False
        self.gone_on_delete = False

    def read(self, object_id):
        if self.fail_read:
            raise APIError('GET /things/%s failed with HTTP 500' % object_id, vendor='fake', status=500)
        found = self.objects.get(object_id)
        return dict(found) if found else None


class Thing(Resource):
    vendor = 'fake'
    module = 'fake_thing'
    kind = 'thing'
    body_key = 'thing'
    id_key = 'thing_id'
    secret_keys = ('password',)

    def given_id(self):
        return self.params.get('id')

    def label(self):
        return 'thing %s' % (self.params.get('id') or self.params.get('name'))

    def wanted(self):
        return dict((key, self.params.get(key)) for key in ('name', 'port', 'enabled', 'password'))

    def find(self):
        if self.params.get('id') is not None:
            return [self.api.read(self.params['id'])]
        return [dict(obj) for obj in self.api.objects.values() if obj['name'] == self.params['name']]

    def view(self, obj):
        return dict((key, obj.get(key)) for key in ('name', 'port', 'enabled', 'password'))

    def guard(self, action, current, changes):
        if changes.get('port') == 0:
            raise OptionError('port 0 cannot work', vendor='fake')

    @contextmanager
    def writing(self, action):
        self.api.writes.append(('begin', action))
        yield
        self.api.writes.append(('commit', action))

    def create(self, wanted):
        new = dict(wanted, id='t%d' % (len(self.api.objects) + 1))
        self.api.objects[new['id']] = new
        self.api.writes.append(('create', dict(wanted)))
        return new

    def update(self, current, changes):
        self.api.objects[current['id']].update(changes)
        self.api.writes.append(('update', current['id'], dict(changes)))

    def delete(self, current):
        self.api.writes.append(('delete', current['id']))
        if self.api.gone_on_delete:
            return False
        del self.api.objects[current['id']]
        return True

    def read_back(self, action, current, written, changes):
        return self.api.read(self.object_id(written if current is None else current))

    def predict(self, current, changes):
        return dict(current or {}, **changes)


def thing(**params):
    return dict(dict(id=None, name=None, port=None, enabled=None, password=None), **params)


@pytest.fixture
def store():
    return FakeStore({'id': 't1', 'name': 'web', 'port': 8080, 'enabled': True, 'password': 'old-secret'})


@pytest.mark.parametrize('current, wanted, expected', [
    (8080, '8080', True), ('8080', 8080, True), (8080, 8081, False),
    ('x', None, True), (None, '', True), ('', '', True), (None, 'x', False), ('x', '', False),
    (True, True, True), (True, 'True', False), (1, True, False), (False, 0, False),
    (['a', 'b'], ['a', 'b'], True), (['a'], 'a', False), (None, 0, False), ({'k': 1}, "{'k': 1}", False),
    ({'k': 1, 'j': 2}, {'k': '1'}, True), ({'k': 1}, {'k': 2}, False), ({'j': 2}, {'k': None}, False), (None, {'k': 1}, False),
])
def test_same_compares_as_rest_apis_answer(current, wanted, expected):
    assert same(current, wanted) is expected


@pytest.mark.parametrize('current, expected', [(None, True), ('', True), ('x', False), (0, False)])
def test_a_none_that_empties_equals_only_an_empty_field(current, expected):
    assert same(current, None, none_leaves=False) is expected


def test_a_resource_whose_none_empties_sends_it(store):
    resource = Thing(store, thing(name='web', port=None))
    resource.none_leaves = False
    result = ensure(resource, 'present')
    assert ('update', 't1', {'port': None, 'enabled': None, 'password': None}) in store.writes
    assert result['diff']['after'] == {'port': None, 'enabled': None, 'password': None}


def test_no_match_creates_and_reads_back_in_the_writing_context(store):
    result = ensure(Thing(store, thing(name='db', port='5432')), 'present')
    assert store.writes == [('begin', 'create'), ('create', {'name': 'db', 'port': '5432'}), ('commit', 'create')]
    assert result == {'changed': True, 'thing': {'id': 't2', 'name': 'db', 'port': '5432'}, 'thing_id': 't2',
                      'diff': {'before': {}, 'after': {'name': 'db', 'port': '5432'}}}


def test_one_match_that_holds_the_values_is_no_change_and_no_write(store):
    result = ensure(Thing(store, thing(name='web', port='8080', enabled=True)), 'present')
    assert store.writes == []
    assert result['changed'] is False and result['thing_id'] == 't1'
    assert result['diff'] == {'before': {}, 'after': {}}


def test_one_match_sends_only_what_differs_and_shows_the_stored_object(store):
    result = ensure(Thing(store, thing(name='web', port=9090, enabled=True)), 'present')
    assert store.writes == [('begin', 'update'), ('update', 't1', {'port': 9090}), ('commit', 'update')]
    assert result['changed'] is True and result['thing']['port'] == 9090
    assert result['diff'] == {'before': {'port': 8080}, 'after': {'port': 9090}}


def test_two_matches_are_ambiguous_and_nothing_is_written(store):
    store.objects['t2'] = {'id': 't2', 'name': 'web'}
    for state in ('present', 'absent'):
        with pytest.raises(AmbiguousMatchError) as caught:
            ensure(Thing(store, thing(name='web', port=1)), state)
        assert str(caught.value).startswith('fake: 2 things match thing web, and fake_thing changes one thing. Hint:')
    assert store.writes == []


def test_named_by_id_but_missing_is_not_found_and_never_created(store):
    with pytest.raises(NotFoundError) as caught:
        ensure(Thing(store, thing(id='t9', name='web')), 'present')
    assert caught.value.status == 404
    assert str(caught.value) == 'fake: thing t9 does not exist'
    assert store.writes == []


def test_named_by_id_and_missing_is_no_change_for_absent(store):
    result = ensure(Thing(store, thing(id='t9')), 'absent')
    assert result == {'changed': False, 'thing': None, 'thing_id': 't9', 'diff': {'before': {}, 'after': {}}}
    assert store.writes == []


def test_absent_deletes_the_match_and_the_diff_masks_secrets(store):
    result = ensure(Thing(store, thing(name='web')), 'absent')
    assert store.writes == [('begin', 'delete'), ('delete', 't1'), ('commit', 'delete')]
    assert 't1' not in store.objects
    assert result['changed'] is True and result['thing_id'] == 't1'
    assert result['thing']['password'] == REDACTED
    assert result['diff'] == {'before': {'name': 'web', 'port': 8080, 'enabled': True, 'password': REDACTED}, 'after': {}}


def test_a_delete_the_server_says_was_already_gone_is_no_change(store):
    store.gone_on_delete = True
    result = ensure(Thing(store, thing(name='web')), 'absent')
    assert result == {'changed': False, 'thing': None, 'thing_id': None, 'diff': {'before': {}, 'after': {}}}


@pytest.mark.parametrize('params, state, expected', [
    (thing(name='db', port=1), 'present', {'id': None, 'name': 'db', 'port': 1}),
    (thing(name='web', port=1), 'present', {'id': 't1', 'name': 'web', 'port': 1, 'enabled': True, 'password': REDACTED}),
    (thing(name='web'), 'absent', {'id': 't1', 'name': 'web', 'port': 8080, 'enabled': True, 'password': REDACTED}),
], ids=['create', 'update', 'delete'])
def test_check_mode_sends_nothing_and_predicts(store, params, state, expected):
    before = dict(store.objects)
    result = ensure(Thing(store, params), state, check_mode=True)
    assert store.writes == [] and store.objects == before
    assert result['changed'] is True
    assert dict(result['thing'], id=result['thing'].get('id')) == expected


def test_secrets_are_masked_in_the_diff_and_result_of_an_update(store):
    result = ensure(Thing(store, thing(name='web', password='new-secret')), 'present')
    assert store.objects['t1']['password'] == 'new-secret'
    assert result['diff'] == {'before': {'password': REDACTED}, 'after': {'password': REDACTED}}
    assert 'secret' not in repr(result)


@pytest.mark.parametrize('check_mode', [False, True])
@pytest.mark.parametrize('params', [thing(name='db', port=0), thing(name='web', port=0)], ids=['create', 'update'])
def test_the_guard_refuses_before_any_write_in_check_mode_too(store, params, check_mode):
    with pytest.raises(OptionError):
        ensure(Thing(store, params), 'present', check_mode=check_mode)
    assert store.writes == []


@pytest.mark.parametrize('params, what', [
    (thing(name='db', port=1), 'the creation of thing db (id t2) went through'),
    (thing(name='web', port=1), 'the update of thing web (id t1) went through'),
], ids=['create', 'update'])
def test_a_failed_read_back_after_a_write_is_changed_and_says_the_write_went_through(store, params, what):
    store.fail_read = True
    with pytest.raises(APIError) as caught:
        ensure(Thing(store, params), 'present')
    assert caught.value.changed is True
    assert what in str(caught.value) and 'HTTP 500' in str(caught.value)
    assert len([write for write in store.writes if write[0] in ('create', 'update')]) == 1


def test_without_diff_the_result_has_no_diff(store):
    assert 'diff' not in ensure(Thing(store, thing(name='web')), 'present', diff=False)


class FakeCredential:
    def __init__(self, token):
        self.token = token


class Session(TokenResource):
    vendor = 'fake'
    can_log_out = True

    def __init__(self, params, accepted=True, live=True):
        super().__init__(api=None, params=params)
        self.calls = []
        self.accepted = accepted
        self.live = live

    def login(self):
        self.calls.append('login' if not self.given_token() else 'given')
        return FakeCredential(self.given_token() or 'new-token')

    def validate(self):
        self.calls.append('validate')
        if not self.accepted:
            raise AuthenticationError('the token is not accepted (HTTP 401)', vendor='fake', status=401)

    def logout(self):
        self.calls.append('logout')
        return self.live

    def is_live(self):
        self.calls.append('is_live')
        return self.live


@pytest.mark.parametrize('check_mode', [False, True])
def test_a_login_is_a_change_in_check_mode_too(check_mode):
    session = Session({'token': None})
    assert run_token(session, 'present', check_mode) == {'changed': True, 'token': 'new-token'}
    assert session.calls == ['login']


def test_check_mode_answers_offline_when_the_vendor_needs_no_session_for_later_reads():
    session = Session({'token': None})
    session.login_in_check_mode = False
    assert run_token(session, 'present', check_mode=True) == {'changed': True, 'token': None}
    assert session.calls == []


@pytest.mark.parametrize('check_mode', [False, True])
def test_a_given_token_is_validated_never_logged_in_and_is_no_change(check_mode):
    session = Session({'token': 'given-token'})
    assert run_token(session, 'present', check_mode) == {'changed': False, 'token': 'given-token'}
    assert session.calls == ['validate', 'given']


def test_a_refused_given_token_fails_with_the_vendor_error():
    session = Session({'token': 'stale'}, accepted=False)
    with pytest.raises(AuthenticationError):
        run_token(session, 'present')
    assert session.calls == ['validate']


@pytest.mark.parametrize('live', [True, False])
def test_absent_logs_out_and_check_mode_only_asks_whether_the_session_is_live(live):
    session = Session({'token': 't'}, live=live)
    assert run_token(session, 'absent', check_mode=True) == {'changed': live}
    assert session.calls == ['is_live']
    session = Session({'token': 't'}, live=live)
    assert run_token(session, 'absent') == {'changed': live}
    assert session.calls == ['logout']


def test_absent_without_a_logout_call_and_a_refusal_fail_before_any_request():
    session = Session({'token': 't'})
    session.can_log_out = False
    with pytest.raises(OptionError):
        run_token(session, 'absent')
    session = Session({'token': None})
    session.refusal = lambda: OptionError('an API key needs no login', vendor='fake')
    with pytest.raises(OptionError, match='needs no login'):
        run_token(session, 'present')
    assert session.calls == []


class Things(Thing):
    """Things that may share a name: absent removes every match, present is satisfied by the first."""
    many = True
    ids_key = 'thing_ids'

    def extra(self):
        return {'name': self.params.get('name')}


@pytest.fixture
def twins():
    return FakeStore({'id': 't1', 'name': 'web', 'port': 8080, 'password': 's1'}, {'id': 't2', 'name': 'web', 'port': 8080, 'password': 's2'},
                     {'id': 't3', 'name': 'db'})


def test_many_absent_deletes_every_match_in_one_writing_context(twins):
    result = ensure(Things(twins, thing(name='web')), 'absent')
    assert twins.writes == [('begin', 'delete'), ('delete', 't1'), ('delete', 't2'), ('commit', 'delete')]
    assert list(twins.objects) == ['t3']
    assert result['changed'] is True and result['thing_ids'] == ['t1', 't2'] and result['name'] == 'web'
    assert result['thing'] is None and result['thing_id'] is None
    assert [item['password'] for item in result['diff']['before']] == [REDACTED, REDACTED] and result['diff']['after'] == []
    assert 's1' not in repr(result) and 's2' not in repr(result)


def test_many_absent_with_one_match_shows_it_and_in_check_mode_sends_nothing(twins):
    result = ensure(Things(twins, thing(name='db')), 'absent', check_mode=True)
    assert twins.writes == [] and len(twins.objects) == 3
    assert result['changed'] is True and result['thing_ids'] == ['t3'] and result['thing_id'] == 't3'


def test_many_absent_without_match_or_with_all_gone_is_no_change(twins):
    assert ensure(Things(twins, thing(name='mail')), 'absent') == {
        'changed': False, 'name': 'mail', 'thing': None, 'thing_id': None, 'thing_ids': [], 'diff': {'before': {}, 'after': {}}}
    twins.gone_on_delete = True
    result = ensure(Things(twins, thing(name='web')), 'absent')
    assert result['changed'] is False and result['thing_ids'] == []


def test_many_absent_guards_every_match_before_deleting_any(twins):
    resource = Things(twins, thing(name='web'))
    resource.guard = lambda action, current, changes: (_refuse() if current['id'] == 't2' else None)
    with pytest.raises(OptionError):
        ensure(resource, 'absent')
    assert twins.writes == [] and len(twins.objects) == 3


def _refuse():
    raise OptionError('t2 must stay', vendor='fake')


def test_many_present_is_satisfied_by_the_first_match_and_not_ambiguous(twins):
    result = ensure(Things(twins, thing(name='web', port=8080)), 'present')
    assert twins.writes == [] and result['changed'] is False and result['thing_id'] == 't1'
    assert 'thing_ids' not in result
