#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: discovery_credential
short_description: Create, update or delete a BMC Discovery vault credential
version_added: 0.2.0
description:
  - Makes the credential labelled O(label) in the appliance's credential vault (C(/api/v<api_version>/vault/credentials))
    match the options given, or removes it.
  - Updates send only the fields that differ, with C(PATCH) (a C(PUT) would reset the fields it does not carry,
    the password included). Options not given are left as they are.
  - The password is never returned, shown in the diff, or read back (the appliance does not give it).
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.discovery
  - restauth.enterprise.attributes.STATE_MODULE
options:
  label:
    description:
      - The credential's label; the module finds the credential by it (two credentials with the label fail the task).
    type: str
    required: true
  types:
    description:
      - The credential types, for example V([ssh]) or V([windows]). Required to create a credential.
    type: list
    elements: str
  username:
    description:
      - The user name the appliance logs in with when it scans with this credential.
      - Not the connection's user (in this module the connection's user is O(login_username)). No environment fallback.
    type: str
  password:
    description:
      - The password the appliance logs in with when it scans with this credential. Never returned nor shown.
      - Not the connection's password (in this module that is O(login_password)). No environment fallback.
    type: str
  login_username:
    description:
      - The user this module logs in to the REST API as (what O(ignore:username) is in the other Discovery modules,
        whose O(username) this module needs for the credential itself). Not used when O(token) is set.
      - If not set, the environment variable E(DISCOVERY_USERNAME) on the node that runs the module is used.
    type: str
  login_password:
    description:
      - The password of O(login_username).
      - If not set, the environment variable E(DISCOVERY_PASSWORD) on the node that runs the module is used.
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the credential is created.
      - V(always) sends it on every run; the appliance cannot tell whether it changed, so the task then reports a change every time.
    type: str
    choices: [always, on_create]
    default: on_create
  ip_range:
    description:
      - The addresses the credential is used for, for example V(10.0.0.0/8) or V(0.0.0.0/0,::/0).
    type: str
  enabled:
    description:
      - Whether the credential is used.
    type: bool
  description:
    description:
      - A description.
    type: str
  state:
    description:
      - V(present) creates or updates the credential, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Changing the vault needs the permission to manage credentials besides C(api-access).
  - O(username) and O(password) are the vault credential's own fields, as in the Discovery user interface. The module logs
    in with O(token) or O(login_username) and O(login_password) (or E(DISCOVERY_TOKEN), E(DISCOVERY_USERNAME),
    E(DISCOVERY_PASSWORD)). Without any of them it fails rather than guess, so that C(module_defaults) setting the
    connection's O(username) and O(password) cannot turn the API login into a scanning credential.
seealso:
  - module: restauth.enterprise.discovery_run
'''

EXAMPLES = r'''
- name: An SSH credential for the Linux estate
  restauth.enterprise.discovery_credential:
    url: https://discovery.example.com
    login_username: "{{ discovery_user }}"
    login_password: "{{ discovery_password }}"
    label: linux-scan
    types: [ssh]
    username: scanner
    password: "{{ scanner_password }}"
    ip_range: 10.0.0.0/8

- name: Remove it
  restauth.enterprise.discovery_credential:
    url: https://discovery.example.com
    token: "{{ discovery_token }}"
    label: linux-scan
    state: absent
'''

RETURN = r'''
credential:
  description: The credential as the appliance stores it, without the password; V(null) after O(state=absent).
  returned: always
  type: dict
  sample: {"uuid": "0a1b2c3d", "label": "linux-scan", "types": ["ssh"], "username": "scanner", "enabled": true}
uuid:
  description: The credential's uuid (V(null) for a credential check mode would create).
  returned: always
  type: str
  sample: 0a1b2c3d
'''

from ansible.module_utils.basic import env_fallback

from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import resources
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource

OPTIONS = dict(
    label=dict(type='str', required=True), types=dict(type='list', elements='str'), ip_range=dict(type='str'),
    enabled=dict(type='bool'), description=dict(type='str'),
    update_password=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
    username=dict(type='str'), password=dict(type='str', no_log=True),
    login_username=dict(type='str', fallback=(env_fallback, ['DISCOVERY_USERNAME'])),
    login_password=dict(type='str', no_log=True, fallback=(env_fallback, ['DISCOVERY_PASSWORD'])),
    state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    run_resource('discovery', resources.CredentialResource, resources.credential_connect, OPTIONS)


if __name__ == '__main__':
    main()
