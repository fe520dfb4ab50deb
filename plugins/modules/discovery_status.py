#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: discovery_status
short_description: Read, start or stop BMC Discovery scanning
version_added: 0.2.0
description:
  - 'Reads the discovery status of the appliance (C(GET /api/v<api_version>/discovery)) and, with O(status), sets it
    (C(PATCH) with C({"status": "running"}) or C({"status": "stopped"})) when it differs.'
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.discovery
  - restauth.enterprise.attributes.STATE_MODULE
options:
  status:
    description:
      - V(running) starts discovery, V(stopped) stops it. Without it, the module only reads.
    type: str
    choices: [running, stopped]
notes:
  - Changing the status needs the permission to start and stop discovery besides C(api-access).
seealso:
  - module: restauth.enterprise.discovery_run
'''

EXAMPLES = r'''
- name: Stop discovery for a maintenance window
  restauth.enterprise.discovery_status:
    url: https://discovery.example.com
    username: "{{ discovery_user }}"
    password: "{{ discovery_password }}"
    status: stopped

- name: Read it
  restauth.enterprise.discovery_status:
    url: https://discovery.example.com
    token: "{{ discovery_token }}"
  register: disco
'''

RETURN = r'''
status:
  description: The discovery status after the task (predicted in check mode).
  returned: always
  type: str
  sample: running
running:
  description: Whether a discovery run is in progress, as the appliance says.
  returned: always
  type: bool
  sample: false
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.protocol import STATUSES
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule('discovery', dict(status=dict(type='str', choices=list(STATUSES))))
    with module.connection(api.connect) as disco:
        result = resources.ensure_status(disco, module.params['status'], module.check_mode)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
