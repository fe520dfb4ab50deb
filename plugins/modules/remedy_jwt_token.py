#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: remedy_jwt_token
short_description: Log in to BMC Remedy AR System and get a JWT, or release one
version_added: 0.1.0
description:
  - With O(state=present), logs in to the AR System REST API (C(POST /api/jwt/login)) and returns the JWT,
    ready for the O(ignore:token) option of the other Remedy modules or for an C(Authorization) header.
  - With O(state=absent), releases the token given in O(token) (C(POST /api/jwt/logout)).
  - Logging in once and passing the token to later tasks avoids a login per task, which AR System can
    answer with error 9093 when the same user appears to connect from several computers.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.remedy
  - restauth.enterprise.attributes.TOKEN
attributes:
  check_mode:
    details:
      - With O(state=present) and no O(token), the module logs in even in check mode, because the later tasks of a
        check-mode run need a token to read the server. A given O(token) is checked with one read, never a login.
      - With O(state=absent) the token is not released in check mode and no request is sent; the module predicts a
        change unless the token's own expiry time has passed.
options:
  state:
    description:
      - V(present) logs in and returns a token (RV(ignore:changed=true)). With O(token) set, no login happens; the token
        is checked with one read of the C(User) form (a refused token fails the task) and returned with its expiry
        (RV(ignore:changed=false)).
      - V(absent) releases O(token); a token that the server no longer knows gives RV(ignore:changed=false).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Register the result with C(no_log) on the task, so that the token does not appear in the output or logs.
  - A token lasts one hour by default (set by the AR System administrator); RV(expires_at) says when it ends.
seealso:
  - module: restauth.enterprise.remedy_entry
  - module: restauth.enterprise.remedy_entry_info
  - plugin: restauth.enterprise.token
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Log in once for the whole play
  restauth.enterprise.remedy_jwt_token:
    url: https://itsm.example.com:8443
    username: "{{ remedy_user }}"
    password: "{{ remedy_password }}"
  register: remedy_login
  no_log: true

- name: Use the token in the other Remedy modules
  restauth.enterprise.remedy_entry_info:
    url: https://itsm.example.com:8443
    token: "{{ remedy_login.token }}"
    form: HPD:IncidentInterface
    query: "'Status' = \"Assigned\""

- name: Use the token with ansible.builtin.uri
  ansible.builtin.uri:
    url: https://itsm.example.com:8443/api/arsys/v1/entry/CTM:People?limit=1
    ca_path: /etc/pki/itsm-ca.pem
    headers:
      Authorization: "{{ remedy_login.authorization }}"
  no_log: true

- name: Release the token at the end of the play
  restauth.enterprise.remedy_jwt_token:
    url: https://itsm.example.com:8443
    token: "{{ remedy_login.token }}"
    state: absent
'''

RETURN = r'''
token:
  description:
    - The JWT. Pass it to the O(token) option of the other Remedy modules.
    - When the task was given O(token), it is returned as given (so is RV(authorization)); it stays masked in the reported invocation and in logs.
  returned: state is present
  type: str
  sample: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJEZW1vIn0.c2lnbmF0dXJl
authorization:
  description: The value of the C(Authorization) header for the token, for use with M(ansible.builtin.uri).
  returned: state is present
  type: str
  sample: AR-JWT eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJEZW1vIn0.c2lnbmF0dXJl
expires_at:
  description:
    - When the token expires, in ISO 8601 UTC, from the JWT C(exp) claim.
    - For a new login whose token carries no readable C(exp) claim, the login time plus one hour (the AR System default).
  returned: state is present
  type: str
  sample: '2026-11-22T21:05:00Z'
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_token
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.resources import JwtResource


def main():
    run_token('remedy', JwtResource, connect, dict(state=dict(type='str', default='present', choices=['present', 'absent'])),
              required_if=[('state', 'absent', ('token',))])


if __name__ == '__main__':
    main()
