#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: discovery_token
short_description: Get a BMC Discovery API token
version_added: 0.2.0
description:
  - Logs in to the BMC Discovery appliance (C(POST /api/token) with the user name and password) and returns the expiring
    token, ready for the O(ignore:token) option of the other Discovery modules or for an C(Authorization) header.
  - With O(token) set (for example a permanent token from the appliance's Users page), no login happens; the token is
    proven with one read (C(GET /api/v<api_version>/discovery)) and a refused token fails the task.
  - BMC Discovery has no logout. A token from C(/api/token) expires, and a permanent token lasts until its user is deleted.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.discovery
  - restauth.enterprise.attributes.TOKEN
attributes:
  check_mode:
    details:
      - Without O(token), the module logs in even in check mode, because the later tasks of a check-mode run need a token
        to read the appliance. A given O(token) is checked with one read, never a login.
notes:
  - Register the result with C(no_log) on the task, so that the token does not appear in the output or logs.
  - The user needs the C(api-access) permission to use the REST API.
seealso:
  - module: restauth.enterprise.discovery_search_info
  - plugin: restauth.enterprise.token
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Log in once for the whole play
  restauth.enterprise.discovery_token:
    url: https://discovery.example.com
    username: "{{ discovery_user }}"
    password: "{{ discovery_password }}"
  register: disco_login
  no_log: true

- name: Use the token in the other Discovery modules
  restauth.enterprise.discovery_search_info:
    url: https://discovery.example.com
    token: "{{ disco_login.token }}"
    query: search Host show name, os_type

- name: Use the token with ansible.builtin.uri
  ansible.builtin.uri:
    url: https://discovery.example.com/api/v1.10/discovery
    ca_path: /etc/pki/discovery-ca.pem
    headers:
      Authorization: "{{ disco_login.authorization }}"
  no_log: true
'''

RETURN = r'''
token:
  description:
    - The token. Pass it to the O(token) option of the other Discovery modules.
    - When the task was given O(token), it is returned as given; it stays masked in the reported invocation and in logs.
  returned: always
  type: str
  sample: eyJhbGciOi...
authorization:
  description: The value of the C(Authorization) header for the token (C(Bearer <token>)).
  returned: always
  type: str
  sample: Bearer eyJhbGciOi...
expires_at:
  description:
    - When the token expires, in ISO 8601 UTC, from the C(expires_in) of the login answer (one hour when it has none).
    - V(null) when the task was given O(token), because the appliance does not tell a token's expiry.
  returned: always
  type: str
  sample: '2026-11-22T21:05:00Z'
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_token


def main():
    run_token('discovery', resources.BearerTokenResource, api.connect, {})


if __name__ == '__main__':
    main()
