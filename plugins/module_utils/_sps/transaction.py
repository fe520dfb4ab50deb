# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""SPS configuration transactions: open, commit, roll back on failure, and refuse a transaction the task did not open.

SPS applies no change under /api/configuration outside a transaction (SPS REST API Reference Guide, "Change the
configuration"); a transaction belongs to the session that opened it, and SPS cancels it when that session ends.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError, ResponseFormatError, RestAuthError
from ansible_collections.restauth.enterprise.plugins.module_utils._sps import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.protocol import VENDOR

_PENDING_HINT = ('an earlier task on this session probably failed to commit and to roll back its change. Review the change '
                 '(GET /api/transaction/changes with this session), then discard it (DELETE /api/transaction with this '
                 'session, for example with ansible.builtin.uri) or commit it yourself; or use another session (log in '
                 'again instead of giving token, or clear the token cache): SPS cancels the transaction only when its '
                 'session ends')
_API_KEY_COMMIT_HINT = ('use auth_type: password (username and password) or auth_type: x509 (client_cert and client_key) '
                        'for tasks that change the configuration. API keys can read and create further keys for their user; '
                        'removing a key (sps_api_key state=absent, its own included) goes through the configuration too')


def session_outlives_task(api):
    """True when the session is not this task's alone: given in ``token``, kept, or shared through the token cache."""
    auth = api.client.auth
    return not auth.authenticator.can_login or auth.keep or auth.cache is not None


def transaction_status(api):
    """``(status, changes)`` of the session's transaction: ``open`` or ``closed``, and the pending changes
    as ``"<type> <path>"`` (values left out: they may hold secrets), or None when they could not be read."""
    answer = api.client.get(protocol.TRANSACTION_PATH).json()
    status = None
    if isinstance(answer, dict):
        # SPS 7+ answers body.status; SPS 5.x and 6.x answered transaction.status.
        for holder in (answer.get('body'), answer.get('transaction')):
            if isinstance(holder, dict) and isinstance(holder.get('status'), str):
                status = holder['status']
                break
    if status is None:
        raise ResponseFormatError('GET %s answered without the status of the transaction' % protocol.TRANSACTION_PATH, vendor=VENDOR)
    if status == 'closed':
        return status, []
    try:
        listed = api.client.get(protocol.TRANSACTION_CHANGES_PATH).json()
    except RestAuthError:
        return status, None
    changes = listed.get('changes') if isinstance(listed, dict) else None
    if not isinstance(changes, list):
        return status, None
    return status, ['%s %s' % (change.get('type'), change.get('path')) for change in changes if isinstance(change, dict)]


def refuse_pending(api, purpose):
    """Fail when the session already holds an open transaction: this task would read its pending changes as the
    configuration, and commit them with its own. Checked once per task (API keys hold no transaction)."""
    if api.pending_checked or api.auth_type == 'api_key':
        return
    status, changes = transaction_status(api)
    if status != 'closed':
        if changes is None:
            listed = 'its changes could not be listed'
        elif changes:
            listed = 'pending: %s' % '; '.join(changes)
        else:
            listed = 'no change pending'
        raise RestAuthError('refusing %s: the session already has an open configuration transaction that this task did not '
                            'open (status %s, %s). Nothing was changed, so that this task neither builds on those changes '
                            'nor commits them with its own' % (purpose, status, listed), vendor=VENDOR, hint=_PENDING_HINT)
    api.pending_checked = True


def require_commit_rights(api, purpose):
    """Fail before any change when the login cannot commit (API keys)."""
    if api.auth_type == 'api_key':
        raise OptionError('%s needs a configuration transaction, and API keys cannot open or commit SPS configuration '
                          'transactions (auth_type api_key)' % purpose, vendor=VENDOR, hint=_API_KEY_COMMIT_HINT)


class Transaction:
    """An SPS configuration transaction as a context manager.

    Entering opens it (``POST /api/transaction``; an API-key login fails before that). Leaving the block
    normally commits (``PUT {"status": "commit"}``); an exception in the block, or a failed commit, rolls
    it back (``DELETE /api/transaction``) so that nothing half-applied stays pending, and the error is
    raised with what happened to the transaction added to its message.
    """

    def __init__(self, api, purpose, commit_message=None):
        self.api = api
        self.client = api.client
        self.purpose = purpose
        self.commit_message = commit_message
        self.opened = False
        self.committed = False
        self.rolled_back = False

    def __enter__(self):
        require_commit_rights(self.api, self.purpose)
        refuse_pending(self.api, self.purpose)
        try:
            # An explicit empty body: SPS answers 411 to a POST without Content-Length (VERIFIED).
            self.client.post(protocol.TRANSACTION_PATH, data=b'', headers={'Content-Type': 'application/json'})
        except RestAuthError as error:
            if error.status == protocol.LOCK_CONFLICT_STATUS:
                error.message = 'cannot open a configuration transaction for %s: %s' % (self.purpose, error.message)
            raise
        self.opened = True
        return self

    def commit(self):
        body = dict(protocol.COMMIT_BODY)
        if self.commit_message:
            body[protocol.COMMIT_MESSAGE_FIELD] = self.commit_message
        self.client.put(protocol.TRANSACTION_PATH, json=body)
        self.committed = True

    def rollback(self):
        """``DELETE /api/transaction``; return the error met, or None when the transaction was rolled back."""
        try:
            self.client.delete(protocol.TRANSACTION_PATH)
        except RestAuthError as error:
            return error
        self.rolled_back = True
        return None

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is None:
            try:
                self.commit()
            except RestAuthError as error:
                error.message = 'committing the transaction for %s failed: %s' % (self.purpose, error.message)
                self._after_rollback(error)
                raise
            return False
        if isinstance(exc, RestAuthError):
            self._after_rollback(exc)
        else:
            self.rollback()
        return False

    def _after_rollback(self, error):
        failure = self.rollback()
        if failure is None:
            error.message += '. The transaction was rolled back (DELETE %s): nothing was applied' % protocol.TRANSACTION_PATH
            return
        # A later transaction of this task must look again: this one may still be open.
        self.api.pending_checked = False
        error.message += '. Rolling the transaction back failed too (%s): the change is pending in SPS, not applied' % failure.message
        if session_outlives_task(self.api):
            error.message += (', in a session that stays open after this task (given in token, or shared through the token '
                              'cache), and it keeps the configuration locked. The next task on that session refuses to run '
                              'until the transaction is gone: discard it with DELETE %s on that session'
                              ' (or let the session end)' % protocol.TRANSACTION_PATH)
        else:
            error.message += ('. The session was this task\'s own and nothing else uses it: SPS cancels its transaction when '
                              'the session ends (this task tries to log it out; at the latest after 20 idle minutes), and until then the '
                              'configuration stays locked')
