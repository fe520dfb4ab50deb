#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: sps_api_key
short_description: Create your own API key on One Identity Safeguard for Privileged Sessions, or remove API keys
version_added: 0.1.0
description:
  - With O(state=present), creates an API key for the logged-in user unless the user already has one named O(name),
    and returns its secret. SPS shows the secret only once, in the answer to the creation; store it at once (for
    example in a vault). SPS creates keys only for the user who asks.
  - With O(state=absent), removes the key(s) named O(name) (or the key O(key_id)) of any user through the
    administrators' endpoint, inside a configuration transaction that is then committed. This needs write access to
    Users & Access Control and a password or X.509 login; an API key cannot commit.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.sps
  - restauth.enterprise.attributes.STATE_MODULE
options:
  name:
    description:
      - The name of the key. With O(state=present), a key of the logged-in user with this name means nothing to do.
      - Required unless O(state=absent) and O(key_id) are given.
    type: str
  key_id:
    description:
      - With O(state=absent), remove this key (together with O(name), only if its name matches).
    type: str
  owner:
    description:
      - With O(state=absent), remove only keys of this user name.
    type: str
  state:
    description:
      - V(present) makes sure the logged-in user has a key named O(name); V(absent) removes keys.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Register the result with C(no_log) on the task when it may create a key, so that the secret stays out of the output.
  - API keys do not expire; remove the ones you no longer use. The local C(admin) user cannot have API keys, and a
    login method must have API key access enabled for its users to create keys.
seealso:
  - module: restauth.enterprise.sps_api_key_info
  - module: restauth.enterprise.sps_token
'''

EXAMPLES = r'''
- name: Give the automation user an API key (created once; later runs change nothing)
  restauth.enterprise.sps_api_key:
    url: https://sps.example.com
    username: "{{ sps_user }}"
    password: "{{ sps_password }}"
    name: ci-bot
  register: sps_key
  no_log: true

- name: Keep the secret the first time (SPS never shows it again)
  ansible.builtin.copy:
    content: "{{ sps_key.api_key }}"
    dest: /etc/ci/sps-api-key
    mode: "0600"
  when: sps_key.api_key is not none
  no_log: true

- name: Remove every key named ci-bot
  restauth.enterprise.sps_api_key:
    url: https://sps.example.com
    username: "{{ sps_admin }}"
    password: "{{ sps_admin_password }}"
    name: ci-bot
    state: absent
'''

RETURN = r'''
api_key:
  description:
    - The secret of the key just created, to give to the O(api_key) option or send in an C(Authorization) header after C(apikey).
    - V(null) when the key already existed, in check mode, and with O(state=absent).
  returned: always
  type: str
  sample: hliHOt8OdI8znJaPdPhlkYELXOyj0OBcpepg3da7nbQ=
key_id:
  description: The id of the key created or found (with O(state=absent), of the key removed when there was one).
  returned: always
  type: str
  sample: 575bbc51-c2a8-414b-8b7a-173da8d3cc9b
key_ids:
  description: With O(state=absent), the ids of every key removed (or, in check mode, that would be).
  returned: state is absent
  type: list
  elements: str
  sample: ["575bbc51-c2a8-414b-8b7a-173da8d3cc9b"]
name:
  description: The name of the key asked for (O(name)).
  returned: always
  type: str
  sample: ci-pipeline
diff:
  description:
    - The caller's keys of that name before and after (O(state=present)), or the keys removed (O(state=absent)),
      with ids, names and, for removals, owners; never secrets.
  returned: always
  type: dict
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource

OPTIONS = dict(
    name=dict(type='str'),
    key_id=dict(type='str', no_log=False),
    owner=dict(type='str'),
    state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    run_resource('sps', resources.ApiKeyResource, sps.connect, OPTIONS,
                 required_if=[('state', 'present', ('name',)), ('state', 'absent', ('name', 'key_id'), True)])


if __name__ == '__main__':
    main()
