#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: truesight_device_info
short_description: List the devices BMC TrueSight monitors
version_added: 0.1.0
description:
  - Returns the devices known to TrueSight Infrastructure Management behind the Presentation Server
    (C(GET /tsws/10.0/api/omprovider/devices) for every entity type and parent), limited to those the user may see.
  - TSWS cannot filter devices by host name, so O(name) is applied by the module after reading the list.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.truesight
  - restauth.enterprise.attributes.INFO_MODULE
options:
  name:
    description:
      - Return only the devices whose host name (C(dnsName)) is this, compared case-insensitively.
      - Without it, every device the user may see is returned.
    type: str
notes:
  - The call needs the C(api-access) permission and the permission to see devices; without them TSWS answers 403.
seealso:
  - module: restauth.enterprise.truesight_token
'''

EXAMPLES = r'''
- name: Every device the automation user may see
  restauth.enterprise.truesight_device_info:
    url: https://tsps.example.com:8043
    username: "{{ tsps_user }}"
    password: "{{ tsps_password }}"
  register: tsps_devices

- name: One host, with a token from truesight_token
  restauth.enterprise.truesight_device_info:
    url: https://tsps.example.com:8043
    token: "{{ tsps_login.token }}"
    name: db01.example.com
  register: db01

- name: Show its device id
  ansible.builtin.debug:
    msg: "{{ db01.devices[0].deviceId }}"
  when: db01.devices | length == 1
'''

RETURN = r'''
devices:
  description:
    - The devices, as TSWS describes them (the keys below are the documented ones; others are passed through).
  returned: always
  type: list
  elements: dict
  contains:
    deviceId:
      description: The id of the device in TrueSight.
      type: int
      sample: 101
    dnsName:
      description: The host name of the device.
      type: str
      sample: db01.example.com
    ipAddress:
      description: Its IP address.
      type: str
      sample: 192.0.2.11
    deviceType:
      description: Its device type.
      type: str
      sample: Linux
    parentDeviceId:
      description: The id of its parent device (for example a virtual machine's host); 0 when it has none.
      type: int
      sample: 0
    isMarkedForDelete:
      description: Whether the device is marked for deletion.
      type: bool
      sample: false
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api as truesight_api
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule('truesight', dict(name=dict(type='str')))
    with module.connection(truesight_api.connect) as api:
        devices = api.devices(name=module.params['name'])
    module.exit_json(changed=False, devices=devices)


if __name__ == '__main__':
    main()
