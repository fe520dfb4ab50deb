#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: sps_token
short_description: Log in to One Identity Safeguard for Privileged Sessions and get a session token, or end one
version_added: 0.1.0
description:
  - With O(state=present), logs in to the SPS REST API (C(GET /api/authentication)) with a password
    (O(auth_type=password)) or an X.509 client certificate (O(auth_type=x509)) and returns the C(session_id) cookie
    value, ready for the O(ignore:token) option of the other SPS modules or for a C(Cookie) header.
  - With O(state=absent), ends the session given in O(token) (C(DELETE /api/authentication)).
  - Logging in once and passing the token to later tasks avoids a login per task.
  - SPS ends a session after 20 minutes without a request; each request starts the 20 minutes again.
  - When the SPS server's clock differs from this host's by more than 60 seconds, the module warns about the clock skew.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.sps
  - restauth.enterprise.attributes.TOKEN
attributes:
  check_mode:
    details:
      - With O(state=present) and no O(token), the module logs in even in check mode, because the later tasks of a
        check-mode run need a session to read SPS. A given O(token) is checked with one read, never a login.
      - With O(state=absent) the session is not ended in check mode; the module asks SPS whether the session is still
        live (one read of C(/api/transaction)) and predicts a change only then.
options:
  state:
    description:
      - V(present) logs in and returns a session token (RV(ignore:changed=true)). With O(token) set, no login happens;
        the session is checked with one read of C(/api/transaction) (a refused one fails the task) and returned
        (RV(ignore:changed=false)).
      - V(absent) ends the session given in O(token) (C(DELETE /api/authentication)); a session that SPS no longer
        knows gives RV(ignore:changed=false). A server without that call fails the task; its sessions end after 20
        idle minutes.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Register the result with C(no_log) on the task, so that the token does not appear in the output or logs.
  - An API key (O(auth_type=api_key)) needs no login; give it to the other modules directly.
  - SPS documents no logout; the collection uses C(DELETE /api/authentication), which ends the session and any
    configuration transaction still open in it. A session the play no longer uses ends after 20 idle minutes.
seealso:
  - module: restauth.enterprise.sps_config
  - module: restauth.enterprise.sps_login_methods_info
  - plugin: restauth.enterprise.token
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Log in once for the whole play
  restauth.enterprise.sps_token:
    url: https://sps.example.com
    username: "{{ sps_user }}"
    password: "{{ sps_password }}"
    login_method: local
  register: sps_login
  no_log: true

- name: Use the session in the other SPS modules
  restauth.enterprise.sps_config:
    url: https://sps.example.com
    token: "{{ sps_login.token }}"
    path: management/email
    body:
      admin_address: sps-admins@example.com

- name: Use the session with ansible.builtin.uri
  ansible.builtin.uri:
    url: https://sps.example.com/api/info
    ca_path: /etc/pki/sps-ca.pem
    headers:
      Cookie: "session_id={{ sps_login.token }}"
  no_log: true

- name: End the session at the end of the play
  restauth.enterprise.sps_token:
    url: https://sps.example.com
    token: "{{ sps_login.token }}"
    state: absent
'''

RETURN = r'''
token:
  description:
    - The session id (the value of the C(session_id) cookie). Pass it to the O(token) option of the other SPS modules.
  returned: state is present
  type: str
  sample: a1f71d030e657634730b9e887cb59a5e56162860
expires_at:
  description:
    - When the session ends if it stays unused, in ISO 8601 UTC (20 idle minutes after the login). Every request
      made with the session moves this time on. V(null) for a given O(token), whose last use is unknown.
  returned: state is present
  type: str
  sample: '2026-11-22T21:25:00Z'
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_token


def main():
    run_token('sps', resources.SessionResource, sps.connect, dict(state=dict(type='str', default='present', choices=['present', 'absent'])),
              required_if=[('state', 'absent', ('token',))])


if __name__ == '__main__':
    main()
