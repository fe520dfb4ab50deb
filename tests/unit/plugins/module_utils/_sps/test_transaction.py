# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""SPS configuration transactions: open, commit, roll back, and a transaction the task did not open, over a scripted HTTP server."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    APIError,
    ConflictError,
    OptionError,
    ResponseFormatError,
    RestAuthError,
)
from sps_support import CLOSED, OPEN, SID, config, connect, login_ok, sps_error


class TestTransaction:
    """The helper opens, commits, and rolls back on any failure; requests asserted as the server saw them."""

    def calls(self, server):
        return ['%s %s' % (r.method, r.path) for r in server.requests]

    def test_success_opens_changes_and_commits(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(200, {}).reply(200, {})
        api = connect(server, token=SID)
        with api.transaction('testing') as transaction:
            api.put_config('management/email', {'admin_address': 'a@x'})
        assert transaction.committed and not transaction.rolled_back
        assert self.calls(server) == ['GET /api/transaction', 'POST /api/transaction', 'PUT /api/configuration/management/email',
                                      'PUT /api/transaction']
        assert server.requests[1].headers['Content-Length'] == '0'
        assert server.requests[3].json() == {'status': 'commit'}

    def test_commit_message_is_sent(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(200, {})
        with connect(server, token=SID).transaction('testing', commit_message='ticket 42'):
            pass
        assert server.requests[2].json() == {'status': 'commit', 'commit_message': 'ticket 42'}

    def test_failed_change_rolls_back_and_says_so(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(400, sps_error('InvalidRequest', 'bad body')).reply(200, {})
        api = connect(server, token=SID)
        with pytest.raises(APIError) as info:
            with api.transaction('testing'):
                api.put_config('management/email', {})
        assert self.calls(server)[-1] == 'DELETE /api/transaction'
        assert 'InvalidRequest: bad body' in str(info.value) and 'rolled back' in str(info.value)

    def test_failed_commit_rolls_back(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(200, {}).reply(400, sps_error('SemanticError', 'Configuration is invalid')).reply(200, {})
        api = connect(server, token=SID)
        with pytest.raises(APIError) as info:
            with api.transaction('changing X'):
                api.put_config('management/email', {})
        assert self.calls(server)[-2:] == ['PUT /api/transaction', 'DELETE /api/transaction']
        assert str(info.value).startswith('One Identity Safeguard for Privileged Sessions: committing the transaction for changing X failed')
        assert 'nothing was applied' in str(info.value)

    def test_failed_rollback_is_reported_too(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(400, sps_error('SemanticError', 'invalid')).reply(500, sps_error('InternalError', 'down'))
        with pytest.raises(APIError) as info:
            with connect(server, token=SID).transaction('testing'):
                pass
        assert 'Rolling the transaction back failed too' in str(info.value) and 'InternalError: down' in str(info.value)

    def test_other_exceptions_roll_back_and_propagate(self, server):
        server.reply(200, CLOSED).reply(200, {}).reply(200, {})
        with pytest.raises(KeyError):
            with connect(server, token=SID).transaction('testing'):
                raise KeyError('boom')
        assert self.calls(server) == ['GET /api/transaction', 'POST /api/transaction', 'DELETE /api/transaction']

    def test_lock_held_elsewhere_is_a_clear_conflict(self, server):
        server.reply(200, CLOSED).reply(409, sps_error('ConfigurationLocked', 'The configuration is locked by admin (web UI).'))
        with pytest.raises(ConflictError) as info:
            with connect(server, token=SID).transaction('changing management/email'):
                pytest.fail('the block must not run')
        message = str(info.value)
        assert 'cannot open a configuration transaction for changing management/email' in message
        assert 'locked by admin (web UI)' in message and 'configuration lock' in message
        assert self.calls(server) == ['GET /api/transaction', 'POST /api/transaction']

    def test_api_key_fails_before_opening(self, server):
        with pytest.raises(OptionError) as info:
            with connect(server, api_key='K3y==').transaction('changing management/email'):
                pytest.fail('the block must not run')
        assert 'API keys cannot open or commit' in str(info.value) and 'auth_type: password' in str(info.value)
        assert server.requests == []


class TestPendingTransaction:
    """A transaction already open in the session is never built on nor committed by another task."""

    def calls(self, server):
        return ['%s %s' % (r.method, r.path) for r in server.requests]

    def test_an_open_transaction_is_refused_before_any_read_or_write(self, server):
        server.reply(200, OPEN).reply(200, {'changes': [
            {'type': 'replace', 'path': '/api/configuration/management/email', 'old_value': {'password': 'Old-S3cret'},
             'new_value': {'password': 'New-S3cret'}}]})
        with pytest.raises(RestAuthError) as info:
            config(server, 'management/email', body={'a': 1})
        message = str(info.value)
        assert message.startswith(
            'One Identity Safeguard for Privileged Sessions: refusing changing /api/configuration/management/email: the session '
            'already has an open configuration transaction that this task did not open (status open, pending: replace '
            '/api/configuration/management/email)')
        assert 'DELETE /api/transaction' in message and 'S3cret' not in message
        assert self.calls(server) == ['GET /api/transaction', 'GET /api/transaction/changes']

    def test_the_legacy_status_format_is_read(self, server):
        server.reply(200, {'key': 'transaction', 'transaction': {'status': 'closed'}}).reply(200, {'key': 'email', 'body': {'a': 1}})
        assert config(server, 'management/email', body={'a': 1})['changed'] is False

    def test_unlisted_changes_still_refuse(self, server):
        server.reply(200, OPEN).reply(500, sps_error('InternalError', 'down'))
        with pytest.raises(RestAuthError) as info:
            connect(server, token=SID).refuse_pending_transaction('testing')
        assert 'its changes could not be listed' in str(info.value)

    def test_a_status_without_status_is_a_format_error(self, server):
        server.reply(200, {'key': 'transaction'})
        with pytest.raises(ResponseFormatError):
            connect(server, token=SID).refuse_pending_transaction('testing')

    def test_api_keys_are_not_asked(self, server):
        connect(server, api_key='K3y==').refuse_pending_transaction('testing')
        assert server.requests == []

    @pytest.mark.parametrize('own, expected, absent', [
        (False, 'in a session that stays open after this task (given in token', 'nothing else uses it'),
        (True, "The session was this task's own and nothing else uses it: SPS cancels its transaction when the session ends",
         'given in token'),
    ], ids=['given-token', 'own-login'])
    def test_a_failed_rollback_says_where_the_transaction_is_left(self, server, own, expected, absent):
        if own:
            login_ok(server)
        server.reply(200, CLOSED).reply(200, {}).reply(400, sps_error('SemanticError', 'invalid')).reply(500, sps_error('InternalError', 'down'))
        api = connect(server) if own else connect(server, token=SID)
        with pytest.raises(APIError) as info:
            with api.transaction('testing'):
                pass
        assert expected in str(info.value) and absent not in str(info.value)
        assert api.pending_checked is False  # a later transaction of the task looks again
