#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: sps_api_key_info
short_description: List the API keys of One Identity Safeguard for Privileged Sessions users
version_added: 0.1.0
description:
  - Reads the API keys of all users from C(/api/configuration/aaa/local_database/api_keys).
  - SPS never shows a key's secret again after its creation; the list holds ids, names and owners only.
  - The user needs read access to Users & Access Control on SPS. Works with every O(auth_type), API keys included.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.sps
  - restauth.enterprise.attributes.INFO_MODULE
options:
  name:
    description:
      - Return only the keys with this name.
    type: str
seealso:
  - module: restauth.enterprise.sps_api_key
'''

EXAMPLES = r'''
- name: List every API key
  restauth.enterprise.sps_api_key_info:
    url: https://sps.example.com
    username: "{{ sps_user }}"
    password: "{{ sps_password }}"
  register: sps_keys

- name: Find the keys named ci-bot
  restauth.enterprise.sps_api_key_info:
    url: https://sps.example.com
    api_key: "{{ sps_api_key }}"
    name: ci-bot
'''

RETURN = r'''
api_keys:
  description: The API keys, never with their secret.
  returned: always
  type: list
  elements: dict
  contains:
    key_id:
      description: The id of the key (for O(restauth.enterprise.sps_api_key#module:key_id)).
      type: str
    name:
      description: The name given to the key at its creation.
      type: str
    username:
      description: The user the key belongs to.
      type: str
    login_method:
      description: The login method of that user.
      type: str
  sample: [{"key_id": "575bbc51-c2a8-414b-8b7a-173da8d3cc9b", "name": "ci-bot", "username": "ansible", "login_method": "local"}]
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule('sps', dict(name=dict(type='str')))
    name = module.params['name']
    with module.connection(sps.connect) as api:
        keys = [key for key in api.all_api_keys() if name is None or key['name'] == name]
    module.exit_json(changed=False, api_keys=keys)


if __name__ == '__main__':
    main()
