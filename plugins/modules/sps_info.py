#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: sps_info
short_description: Read the firmware version and health of One Identity Safeguard for Privileged Sessions
version_added: 0.2.0
description:
  - Reads what SPS says about itself (C(GET /api/info)) and its health (C(GET /api/health_status)).
  - Works with every O(auth_type), API keys included.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.sps
  - restauth.enterprise.attributes.INFO_MODULE
seealso:
  - module: restauth.enterprise.sps_session_info
'''

EXAMPLES = r'''
- name: Read the firmware version and health
  restauth.enterprise.sps_info:
    url: https://sps.example.com
    username: "{{ sps_user }}"
    password: "{{ sps_password }}"
  register: sps_state

- name: Fail when the disk is nearly full
  ansible.builtin.assert:
    that: sps_state.health.disk < 90
'''

RETURN = r'''
firmware_version:
  description: The firmware version of SPS (C(body.firmware_version) of C(/api/info)), or null when SPS does not say.
  returned: always
  type: str
  sample: 7.5.0
info:
  description: The C(body) of C(GET /api/info) as SPS returns it.
  returned: always
  type: dict
  sample: {"firmware_version": "7.5.0", "version": "7.5.0"}
health:
  description: The C(health_status) of C(GET /api/health_status) as SPS returns it (CPU, memory, disk, sessions, RAID, firmware integrity...).
  returned: always
  type: dict
  sample: {"cpu": 3.5, "memory": 41.2, "disk": 23.0, "sessions_total": 3}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps, protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule('sps')
    with module.connection(sps.connect) as api:
        info = api.info()
        health = api.health_status()
    body = info.get('body') if isinstance(info.get('body'), dict) else info
    status = health.get(protocol.HEALTH_FIELD) if isinstance(health.get(protocol.HEALTH_FIELD), dict) else health
    module.exit_json(changed=False, firmware_version=body.get(protocol.FIRMWARE_VERSION_FIELD), info=body, health=status)


if __name__ == '__main__':
    main()
