#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: truesight_blackout_info
short_description: List the BMC TrueSight blackout policies (maintenance windows)
version_added: 0.2.0
description:
  - Returns the blackout policies of TrueSight (C(POST /tsws/10.0/api/unifiedadmin/Policy/list) with type
    C(blackout)), or the one named O(name).
  - The call is a C(POST) that only reads; it is sent in check mode too and never reports a change.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.truesight
  - restauth.enterprise.attributes.INFO_MODULE
options:
  name:
    description:
      - Return only the policy of this exact name (the server's search matches a part of the name; the module keeps
        exact matches).
    type: str
seealso:
  - module: restauth.enterprise.truesight_blackout
'''

EXAMPLES = r'''
- name: Every maintenance window
  restauth.enterprise.truesight_blackout_info:
    url: https://tsps.example.com:8043
    username: "{{ tsps_user }}"
    password: "{{ tsps_password }}"
  register: windows

- name: Is the patch window still there?
  restauth.enterprise.truesight_blackout_info:
    url: https://tsps.example.com:8043
    token: "{{ tsps_login.token }}"
    name: Patching db01 and web01
  register: patch_window
'''

RETURN = r'''
policies:
  description: The blackout policies, as TrueSight describes them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "5f0a7c1b-2e33-4d0c-9a59-9a1d3d7a6d8e", "name": "Patching db01 and web01", "type": "blackout",
            "enabled": true, "timeframes": [{"name": "Patching db01 and web01", "id": "0c1e..."}]}]
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api, resources


def main():
    module = RestAuthModule('truesight', dict(name=dict(type='str')))
    with module.connection(api.connect) as connected:
        policies = resources.BlackoutInfo(connected, module.params).policies()
    module.exit_json(changed=False, policies=policies)


if __name__ == '__main__':
    main()
