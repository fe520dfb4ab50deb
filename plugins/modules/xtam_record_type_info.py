#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xtam_record_type_info
short_description: List the record types of Xton Access Manager
version_added: 0.2.0
description:
  - Returns the id and name of each record type (C(GET /rest/recordType/list)), or only of those called O(name).
    The id is what O(restauth.enterprise.xtam_record#module:record_type_id) needs to create a record.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xtam
  - restauth.enterprise.attributes.INFO_MODULE
options:
  name:
    description:
      - Return only the record types with this name, compared exactly (case sensitive), for example V(Unix Host).
        An empty list when none has it.
    type: str
notes:
  - The path of the record type list is not documented publicly; see the XTAM guide of the collection for the choice made.
seealso:
  - module: restauth.enterprise.xtam_record
  - module: restauth.enterprise.xtam_folder_info
'''

EXAMPLES = r'''
- name: The id of the Unix Host record type
  restauth.enterprise.xtam_record_type_info:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
    name: Unix Host
  register: unix_host

- name: Create a record of that type
  restauth.enterprise.xtam_record:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
    folder_id: i-2Zh30SUCq7c
    record_type_id: "{{ unix_host.record_types[0].id }}"
    name: web01 root
    custom:
      Host: web01.example.com
      User: root
      Password: "{{ web01_root_password }}"
  no_log: true
'''

RETURN = r'''
record_types:
  description: The record types, each with its C(id) and C(name).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The record type id.
      type: str
      sample: i-83XfwpNvCHy
    name:
      description: The record type name.
      type: str
      sample: Unix Host
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.resources import read_record_types
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule('xtam', dict(name=dict(type='str')))
    with module.connection(connect) as api:
        record_types = read_record_types(api, module.params['name'])
    module.exit_json(changed=False, record_types=record_types)


if __name__ == '__main__':
    main()
