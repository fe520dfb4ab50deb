#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: sps_session_info
short_description: Search the sessions recorded by One Identity Safeguard for Privileged Sessions
version_added: 0.2.0
description:
  - Searches the audited sessions of SPS (C(GET /api/audit/sessions)), active and closed, and returns every page of the result.
  - Each session is returned as SPS gives it, with its C(key), its C(meta) and, when O(fields) are given, a C(body) that holds those fields.
  - The user needs the privilege to search sessions (Search in the SPS web UI). Works with every O(auth_type), API keys included.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.sps
  - restauth.enterprise.attributes.INFO_MODULE
options:
  query:
    description:
      - The SPS search expression, sent as the C(q) parameter, for example V(protocol:ssh user.name:alice). Its terms must all match.
    type: str
  start:
    description:
      - The beginning of the time window, as ISO 8601 (V(2026-01-31T08:00:00Z); without a zone, UTC) or epoch seconds.
      - Only sessions active at some moment of the window are returned (with O(end)).
    type: raw
  end:
    description:
      - The end of the time window, in the same forms as O(start).
    type: raw
  fields:
    description:
      - The session fields each result carries in its C(body), as dotted paths for nested fields (V(user.name), V(server.address)).
      - Without it, SPS returns only the key and meta of each session.
    type: list
    elements: str
  sort:
    description:
      - The field to sort by; a leading V(-) sorts in descending order, for example V(-start_time).
    type: str
  limit:
    description:
      - Return at most this many sessions. Without it, every session that matches is returned (page by page).
    type: int
seealso:
  - module: restauth.enterprise.sps_info
  - module: restauth.enterprise.sps_api
'''

EXAMPLES = r'''
- name: The SSH sessions of alice during the last day, newest first
  restauth.enterprise.sps_session_info:
    url: https://sps.example.com
    username: "{{ sps_user }}"
    password: "{{ sps_password }}"
    query: protocol:ssh user.name:alice
    start: "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() - 86400, utc=true) }}"
    fields: [start_time, end_time, user.name, server.address]
    sort: -start_time
  register: alice_sessions

- name: The ten latest sessions, with an API key
  restauth.enterprise.sps_session_info:
    url: https://sps.example.com
    api_key: "{{ sps_api_key }}"
    fields: [protocol, start_time]
    sort: -start_time
    limit: 10
'''

RETURN = r'''
sessions:
  description: The matching sessions, as SPS returns them.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The id of the session in SPS.
      type: str
    meta:
      description: The links of the session (C(href)).
      type: dict
    body:
      description: 'The requested O(fields), nested as in the session (C(user.name) is C({"user": {"name": ...}})). Only with O(fields).'
      type: dict
  sample: [{"key": "rUhhQZ3jYsY1NDWYp9DEpq", "meta": {"href": "/api/audit/sessions/rUhhQZ3jYsY1NDWYp9DEpq"},
            "body": {"start_time": 1767225660, "user": {"name": "alice"}}}]
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule

OPTIONS = dict(
    query=dict(type='str'), start=dict(type='raw'), end=dict(type='raw'), fields=dict(type='list', elements='str'),
    sort=dict(type='str'), limit=dict(type='int'),
)


def main():
    module = RestAuthModule('sps', OPTIONS)
    params = module.params
    try:
        query = resources.audit_query(params)
        if params['limit'] is not None and params['limit'] < 1:
            raise OptionError('limit must be 1 or more', vendor=sps.VENDOR)
    except OptionError as exc:
        module.fail_on(exc)
    with module.connection(sps.connect) as api:
        sessions = api.audit_sessions(query, params['limit'])
    module.exit_json(changed=False, sessions=sessions)


if __name__ == '__main__':
    main()
