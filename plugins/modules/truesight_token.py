#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: truesight_token
short_description: Get a BMC TrueSight Presentation Server authToken, or log one out
version_added: 0.1.0
description:
  - With O(state=present), logs in to TrueSight Web Services (C(POST /tsws/api/v10.1/token) with the user name, password
    and tenant) and returns the authToken, ready for the O(ignore:token) option of the other TrueSight modules or for an
    C(Authorization) header.
  - With O(state=present) and O(token) set, no login happens; the server is asked whether the token is still valid
    (C(GET /tsws/api/v10.1/token)) and a refused token fails the task.
  - With O(state=absent), logs out the token given in O(token) (C(DELETE /tsws/api/v10.1/token)).
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.truesight
  - restauth.enterprise.attributes.TOKEN
attributes:
  check_mode:
    details:
      - With O(state=present) and no O(token), the module logs in even in check mode, because the later tasks of a
        check-mode run need a token to read the server. A given O(token) is checked with one read, never a login.
      - With O(state=absent) the token is not logged out in check mode; the module asks the server whether the token
        is still valid and predicts a change only then.
options:
  state:
    description:
      - V(present) logs in and returns a token; with O(token) set, no login happens and that token is checked.
      - V(absent) logs out O(token); a token that the server no longer accepts gives RV(ignore:changed=false).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Register the result with C(no_log) on the task, so that the token does not appear in the output or logs.
  - The TrueSight documentation gives both one hour and 24 hours as the token lifetime; the module trusts the
    C(expires) field of the login answer and returns it as RV(expires_at).
  - Every TSWS REST call needs the C(api-access) permission. BMC advises a dedicated user of type C(API Access)
    for automation, with just the permissions it needs.
seealso:
  - module: restauth.enterprise.truesight_device_info
  - plugin: restauth.enterprise.token
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Log in once for the whole play
  restauth.enterprise.truesight_token:
    url: https://tsps.example.com:8043
    username: "{{ tsps_user }}"
    password: "{{ tsps_password }}"
  register: tsps_login
  no_log: true

- name: Use the token in the other TrueSight modules
  restauth.enterprise.truesight_device_info:
    url: https://tsps.example.com:8043
    token: "{{ tsps_login.token }}"
    name: db01.example.com

- name: Use the token with ansible.builtin.uri
  ansible.builtin.uri:
    url: https://tsps.example.com:8043/tsws/10.0/api/omprovider/devices
    ca_path: /etc/pki/tsps-ca.pem
    headers:
      Authorization: "{{ tsps_login.authorization }}"
      Content-Type: application/json
  no_log: true

- name: Log the token out at the end of the play
  restauth.enterprise.truesight_token:
    url: https://tsps.example.com:8043
    token: "{{ tsps_login.token }}"
    state: absent
'''

RETURN = r'''
token:
  description:
    - The authToken. Pass it to the O(token) option of the other TrueSight modules.
    - When the task was given O(token), it is returned as given (so is RV(authorization)); it stays masked in the reported invocation and in logs.
  returned: state is present
  type: str
  sample: _ce14bc5c-e517-4df4-916f-5b942ec25b35
authorization:
  description: The value of the C(Authorization) header for the token, for use with M(ansible.builtin.uri).
  returned: state is present
  type: str
  sample: authToken _ce14bc5c-e517-4df4-916f-5b942ec25b35
expires_at:
  description:
    - When the token expires, in ISO 8601 UTC, from the C(expires) field of the login answer (measured against the
      server's clock, so a controller clock that is off does not shift it).
    - When C(expires) is missing, unreadable or not in the future, the login time plus one hour (the shorter lifetime
      the TSWS documentation gives), with a warning.
    - V(null) when the task was given O(token), because TSWS does not tell a token's expiry afterwards.
  returned: state is present
  type: str
  sample: '2026-11-22T21:05:00Z'
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_token


def main():
    run_token('truesight', resources.AuthTokenResource, api.connect,
              dict(state=dict(type='str', default='present', choices=['present', 'absent'])), required_if=[('state', 'absent', ('token',))])


if __name__ == '__main__':
    main()
