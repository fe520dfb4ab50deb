#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xtam_token
short_description: Sign in to Xton Access Manager and get the session, or sign it out
version_added: 0.1.0
description:
  - With O(state=present), signs in to XTAM with HTTP Basic (O(username), O(password)) or with an API token through
    the federated sign-in module (O(api_token), CAS), and returns the session cookie value as RV(token), ready for the
    O(ignore:token) option of the other XTAM modules, together with the XSRF token and the headers for
    M(ansible.builtin.uri).
  - With O(state=absent), signs out the session given in O(token).
  - Signing in once and passing the token to later tasks avoids a sign-in (and a new XTAM session) per task.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xtam
  - restauth.enterprise.attributes.TOKEN
attributes:
  check_mode:
    details:
      - With O(state=present) and no O(token), the module signs in even in check mode, because the later tasks of a
        check-mode run need a session to read the server. A given O(token) is checked with one read, never a sign-in.
      - With O(state=absent) the session is not signed out in check mode; the module asks XTAM whether the session
        is still live and predicts a change only then.
options:
  state:
    description:
      - V(present) signs in and returns the session; with O(token) set, no sign-in happens and the module fetches
        that session's XSRF token.
      - V(absent) signs out O(token) (C(POST /logout), an inferred endpoint); a session that XTAM no longer knows
        gives RV(ignore:changed=false).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Register the result with C(no_log) on the task, so that the session does not appear in the output or logs.
  - The session lasts until XTAM's idle timeout ends it; XTAM does not say when, so no expiry is returned.
  - XTAM's sign-out endpoint is not documented publicly; the collection uses C(POST <url>/logout) with the XSRF header.
    If your server answers differently, the session simply ends at its idle timeout.
seealso:
  - module: restauth.enterprise.xtam_record
  - module: restauth.enterprise.xtam_record_info
  - module: restauth.enterprise.xtam_user_info
  - plugin: restauth.enterprise.token
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Sign in once with an API token (federated sign-in through CAS)
  restauth.enterprise.xtam_token:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
  register: xtam_login
  no_log: true

- name: Use the session in the other XTAM modules
  restauth.enterprise.xtam_record_info:
    url: https://pam.example.com/xtam
    token: "{{ xtam_login.token }}"
    folder_id: i-2Zh30SUCq7c

- name: Call an endpoint the collection has no module for
  ansible.builtin.uri:
    url: https://pam.example.com/xtam/rest/folder/root
    ca_path: /etc/pki/pam-ca.pem
    headers: "{{ xtam_login.headers }}"
  no_log: true

- name: Sign out at the end of the play
  restauth.enterprise.xtam_token:
    url: https://pam.example.com/xtam
    token: "{{ xtam_login.token }}"
    state: absent
'''

RETURN = r'''
token:
  description:
    - The value of the C(JSESSIONID) session cookie. Pass it to the O(token) option of the other XTAM modules.
    - When the task was given O(token), it is returned as given; it stays masked in the reported invocation and in logs.
  returned: state is present
  type: str
  sample: 3C5F0D9A1B2E4F60718293A4B5C6D7E8
xsrf_token:
  description:
    - The session's XSRF token (the C(XSRF-TOKEN) cookie), sent as C(X-XSRF-TOKEN) on data-modifying calls.
    - V(null) when XTAM set no such cookie (a server without cross-site scripting protection); RV(headers) then carry the session cookie only.
  returned: state is present
  type: str
  sample: 6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f
headers:
  description: The headers that carry the session, for M(ansible.builtin.uri).
  returned: state is present
  type: dict
  sample: {"Cookie": "JSESSIONID=3C5F...; XSRF-TOKEN=6f1c...", "X-XSRF-TOKEN": "6f1c..."}
user:
  description: The signed-in user, as C(/rest/user/whoami) answers it.
  returned: state is present
  type: dict
  sample: {"userName": "jdoe", "firstName": "John", "lastName": "Doe"}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.resources import SessionResource
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_token


def main():
    run_token('xtam', SessionResource, connect, dict(state=dict(type='str', default='present', choices=['present', 'absent'])),
              required_if=[('state', 'absent', ('token',))])


if __name__ == '__main__':
    main()
