# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the XTAM unit tests script on a ScriptedServer: whoami answers with cookies, a connected XtamAPI."""

from __future__ import annotations

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam import api as xtam_api

USER = {'id': 'i-u1', 'userName': 'jdoe', 'firstName': 'John', 'lastName': 'Doe'}
SECRET = 'Pa55-w0rd-Not-Shown'


def cookies(**values):
    """Set-Cookie headers for the scripted server (one dict key per cookie: header names differ only by case)."""
    names = ['Set-Cookie', 'set-cookie', 'SET-COOKIE']
    return dict((names[index], '%s=%s; Path=/xtam; Secure' % item) for index, item in enumerate(sorted(values.items())))


def whoami_reply(server, session='SESS-1', xsrf='XSRF-1'):
    values = {'XSRF-TOKEN': xsrf}
    if session:
        values['JSESSIONID'] = session
    server.reply(200, USER, headers=cookies(**values))


def connect(server, **params):
    base = {'url': server.url + '/xtam', 'allow_http': True, 'retries': 0}
    base.update(params)
    return xtam_api.connect(base)


def header(request, name):
    return dict((key.lower(), value) for key, value in request.headers.items()).get(name.lower())
