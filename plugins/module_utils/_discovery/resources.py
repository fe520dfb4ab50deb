# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""What the Discovery modules decide: the token, search results, runs, vault credentials and the discovery status.

Credentials go through ``_resource.ensure``; a run and the status are not objects
that are edited, so their small rules are here (check mode, diff, the result).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from contextlib import nullcontext

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError, RestAuthError, change_applied
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.auth import authorization


class BearerTokenResource(TokenResource):
    """The token of ``discovery_token``: a login through ``POST /api/token``, or a given token proven by ``GET /discovery``.

    There is no logout (none is documented; permanent tokens cannot be revoked).
    """

    vendor = VENDOR

    def validate(self):
        self.api.status()

    def output(self, credential):
        if credential is None:
            return {'token': None, 'authorization': None, 'expires_at': None}
        return {'token': credential.token, 'authorization': authorization(credential.token)['Authorization'],
                'expires_at': iso8601(credential.expires_at)}


def cell(value):
    """A result cell: bare, or ``{"value": ...}`` as some appliances (and Tideway's mock) send it."""
    if isinstance(value, dict) and set(value) == {'value'}:
        return value['value']
    return value


def shaped(rows, headings, fmt):
    """Rows as dicts keyed by heading (``object``) or lists in heading order (``table``), whichever the appliance sent."""
    result = []
    for row in rows:
        if isinstance(row, dict):
            row = dict((key, cell(value)) for key, value in row.items())
            result.append(row if fmt == 'object' else [row.get(name) for name in headings])
        elif isinstance(row, list):
            values = [cell(value) for value in row]
            result.append(dict(zip(headings, values)) if fmt == 'object' else values)
        else:
            result.append(cell(row))
    return result


def search(api, query, limit=None, fmt='object'):
    """The ``discovery_search_info`` result: every row (or ``limit``), the headings, kind and count."""
    if limit is not None and limit < 1:
        raise OptionError('limit must be at least 1', vendor=VENDOR)
    rows, first = api.search(query, limit=limit, fmt=fmt)
    headings = [str(name) for name in first.get('headings') or []]
    results = shaped(rows, headings, fmt)
    return {'results': results, 'headings': headings, 'kind': first.get('kind'), 'count': len(results)}


def run_view(run):
    return {'label': run.get('label'), 'ranges': run.get('ranges'), 'scan_level': run.get('scan_level')}


def finished(run):
    """Whether a run is over: the ``finished`` field (CHOICE), or cancelled."""
    return run is None or run.get('finished') is True or run.get('cancelled') is True


def ensure_run(api, params, check_mode, sleep=time.sleep, clock=time.monotonic):
    """``discovery_run``: start a run unless one with the label is unfinished, wait for it, or cancel it."""
    label = params['label']
    running = [run for run in api.runs() if run.get('label') == label and not finished(run)]
    if params['state'] == 'absent':
        if not running:
            return {'changed': False, 'run': None, 'diff': {'before': {}, 'after': {}}}
        if not check_mode:
            for run in running:
                api.cancel_run(run[protocol.RUN_ID_FIELD])
        return {'changed': True, 'run': dict(running[0], cancelled=True), 'diff': {'before': run_view(running[0]), 'after': {}}}
    if running:
        run, changed, diff = running[0], False, {'before': {}, 'after': {}}
    else:
        wanted = {'label': label, 'ranges': list(params['ranges']), 'scan_level': params['scan_level']}
        diff = {'before': {}, 'after': wanted}
        if check_mode:
            return {'changed': True, 'run': dict(wanted, uuid=None), 'diff': diff}
        started = api.start_run(wanted['ranges'], label, wanted['scan_level'])
        run_id = started.get(protocol.RUN_ID_FIELD) if isinstance(started, dict) else None
        with change_applied('the start of the run %s' % label):
            if not run_id:
                raise RestAuthError('POST %s answered without the uuid of the new run' % protocol.RUNS_PATH, vendor=VENDOR)
            run = api.run(run_id) or dict(wanted, uuid=run_id)
        changed = True
    if params.get('wait') and not check_mode:
        with change_applied('the start of the run %s' % label) if changed else nullcontext():
            run = wait_for(api, run, params['wait_timeout'], sleep, clock)
    return {'changed': changed, 'run': run, 'diff': diff}


def wait_for(api, run, timeout, sleep, clock):
    """Poll the run until it is finished; fail after ``timeout`` seconds (the run goes on)."""
    deadline = clock() + timeout
    run_id = run.get(protocol.RUN_ID_FIELD)
    while not finished(run):
        if clock() >= deadline:
            raise RestAuthError('the run %s (%s) was still running after wait_timeout (%s seconds)' % (run.get('label'), run_id, timeout),
                                vendor=VENDOR, hint='raise wait_timeout, or run without wait and check on it later; the run goes on')
        sleep(protocol.POLL_INTERVAL)
        run = api.run(run_id) or dict(run, finished=True)
    return run


def ensure_status(api, wanted, check_mode):
    """``discovery_status``: ``GET /discovery``, and ``PATCH`` it to ``wanted`` when it differs."""
    current = api.status()
    before = current.get('status') if isinstance(current, dict) else None
    if wanted is None or before == wanted:
        return {'changed': False, 'status': before, 'running': current.get('running') if isinstance(current, dict) else None,
                'diff': {'before': {}, 'after': {}}}
    diff = {'before': {'status': before}, 'after': {'status': wanted}}
    if not check_mode:
        api.set_status(wanted)
        with change_applied('the change of the discovery status to %s' % wanted):
            current = api.status()
    return {'changed': True, 'status': wanted if check_mode else current.get('status'), 'running': current.get('running'), 'diff': diff}


def credential_connect(params, warn=None, keep=False):
    """``connect`` for ``discovery_credential``, whose ``username``/``password`` are the vault credential's own:
    the login is ``token`` or ``login_username``/``login_password``, never those two."""
    if not params.get('token') and not params.get('login_username'):
        raise OptionError('discovery_credential logs in with token, or with login_username and login_password; its username '
                          'and password are the vault credential\'s own fields', vendor=VENDOR,
                          hint='set token or login_username/login_password (or DISCOVERY_TOKEN, DISCOVERY_USERNAME, DISCOVERY_PASSWORD)')
    login = dict(params, username=params.get('login_username'), password=params.get('login_password'))
    return connect(login, warn=warn, keep=keep)


CREDENTIAL_FIELDS = ('label', 'types', 'username', 'ip_range', 'enabled', 'description')


class CredentialResource(Resource):
    """A credential of the vault, found by its label; updates are ``PATCH`` (a ``PUT`` would reset what it omits)."""

    vendor = VENDOR
    module = 'discovery_credential'
    kind = 'credential'
    body_key = 'credential'
    id_key = 'uuid'
    secret_keys = protocol.CREDENTIAL_SECRET_FIELDS

    def label(self):
        return 'credential %s' % self.params['label']

    def wanted(self):
        wanted = dict((name, self.params.get(name)) for name in CREDENTIAL_FIELDS)
        if self.params.get('password') is not None and self.params.get('update_password') == 'always':
            wanted['password'] = self.params['password']  # never readable: sent (and reported changed) every run
        return wanted

    def find(self):
        return [item for item in self.api.credentials() if item.get('label') == self.params['label']]

    def view(self, obj):
        return dict((name, obj.get(name)) for name in CREDENTIAL_FIELDS)

    def object_id(self, obj):
        return obj.get(protocol.CREDENTIAL_ID_FIELD) if isinstance(obj, dict) else None

    def output(self, obj):
        return dict((key, value) for key, value in obj.items() if key not in protocol.CREDENTIAL_SECRET_FIELDS)

    def guard(self, action, current, changes):
        if action == 'create' and not self.params.get('types'):
            raise OptionError('a new credential needs types (for example [ssh])', vendor=VENDOR)

    def create(self, wanted):
        fields = dict(wanted)
        if self.params.get('password') is not None:
            fields['password'] = self.params['password']
        return self.api.create_credential(fields)

    def update(self, current, changes):
        return self.api.update_credential(self.object_id(current), changes)

    def delete(self, current):
        return self.api.delete_credential(self.object_id(current))

    def read_back(self, action, current, written, changes):
        uuid = self.object_id(current) if current is not None else self.object_id(written)
        found = self.api.credential(uuid) if uuid else None
        return found if found is not None else self.predict(current, changes)

    def predict(self, current, changes):
        obj = dict(current or {})
        obj.update((key, value) for key, value in changes.items() if key not in protocol.CREDENTIAL_SECRET_FIELDS)
        return obj
