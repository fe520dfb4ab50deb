# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the SPS unit tests share: a scripted SPS session, its answers, and sps_config run through the engine."""

from __future__ import annotations

from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure
from ansible_collections.restauth.enterprise.plugins.module_utils._sps import resources
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.api import connect as sps_connect


SID = 'a1f71d030e657634730b9e887cb59a5e56162860'
COOKIE = 'session_id=%s; Path=/; Secure; HttpOnly; Max-Age=1200' % SID
LOGIN_OK = {'meta': {'href': '/api/authentication', 'next': '/api'}}
CLOSED = {'key': 'transaction', 'body': {'status': 'closed', 'commit_message': 'optional'},
          'meta': {'href': '/api/transaction', 'parent': '/api', 'remaining_seconds': 0, 'changes': None}}
OPEN = {'key': 'transaction', 'body': {'status': 'open', 'commit_message': 'optional'},
        'meta': {'href': '/api/transaction', 'remaining_seconds': 900, 'changes': '/api/transaction/changes'}}


def sps_error(kind, message, details=None):
    return {'error': {'type': kind, 'message': message, 'details': details or {}}, 'meta': {'href': '/api/x'}}


def connect(server, warnings=None, **params):
    base = {'url': server.url, 'username': 'ansible', 'password': 'pw-secret', 'allow_http': True, 'retries': 0}
    base.update(params)
    return sps_connect(base, warn=(warnings.append if warnings is not None else None))


def login_ok(server, headers=None):
    server.reply(200, LOGIN_OK, headers=dict({'Set-Cookie': COOKIE}, **(headers or {})))


def config(server, path, state='present', check_mode=False, **options):
    """What sps_config answers for ``options``, on a given session of ``server``."""
    params = dict(path=path, body=None, merge=True, match=None, key=None, state=state, commit_message=None,
                  secret_keys=list(resources.DEFAULT_SECRET_KEYS))
    params.update(options)
    return ensure(resources.ConfigResource(connect(server, token=SID), params), state, check_mode=check_mode)
