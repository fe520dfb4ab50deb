#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xtam_record_info
short_description: Read records of Xton Access Manager, with their secrets on request
version_added: 0.1.0
description:
  - Returns one record by O(record_id), or the records of the folder O(folder_id) (only those called O(name) when given).
  - Without O(unlock), records come back without secrets.
  - With O(unlock=true), each record is unlocked (C(GET /rest/record/unlock/<id>), which XTAM may audit) and its
    C(custom) fields, which XTAM sends as a JSON document inside a string, come back parsed into a dictionary,
    secret values included.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xtam
  - restauth.enterprise.attributes.INFO_MODULE
options:
  record_id:
    description:
      - Return only this record (an empty list when it does not exist). Mutually exclusive with O(folder_id).
    type: str
  folder_id:
    description:
      - Return the records of this folder (sub-folders are left out).
    type: str
  name:
    description:
      - With O(folder_id), return only the records with this name.
    type: str
  unlock:
    description:
      - Unlock the records and return their C(custom) fields with the secret values.
      - Put C(no_log) on the task, and use the values in a later task, rather than printing them.
        The module warns when the task does not have C(no_log).
    type: bool
    default: false
notes:
  - To pull one secret into another task, the P(restauth.enterprise.xtam_secret#lookup) lookup is shorter.
seealso:
  - module: restauth.enterprise.xtam_record
  - plugin: restauth.enterprise.xtam_secret
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: List the records of a folder (no secrets)
  restauth.enterprise.xtam_record_info:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
    folder_id: i-2Zh30SUCq7c
  register: servers

- name: Read the root credential of db01
  restauth.enterprise.xtam_record_info:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
    record_id: i-2qhyGh2UB0V
    unlock: true
  register: db01
  no_log: true

- name: Use it (a client configuration only its owner can read)
  ansible.builtin.copy:
    dest: /etc/app/db01.cnf
    content: |
      [client]
      user={{ db01.records[0].custom.User }}
      password={{ db01.records[0].custom.Password }}
    mode: "0600"
  no_log: true
'''

RETURN = r'''
records:
  description: The records found.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The record id.
      type: str
      sample: i-2qhyGh2UB0V
    name:
      description: The record name.
      type: str
      sample: db01 root
    recordType:
      description: The record type, with at least its C(name).
      type: dict
      sample: {"id": "i-83XfwpNvCHy", "name": "Unix Host"}
    custom:
      description:
        - The record's fields parsed into a dictionary, secret values included. Only with O(unlock=true).
      type: dict
      returned: when O(unlock=true)
      sample: {"Host": "db01.example.com", "Port": "22", "User": "root", "Password": "..."}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.resources import read_records
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule(
        'xtam',
        dict(
            record_id=dict(type='str'),
            folder_id=dict(type='str'),
            name=dict(type='str'),
            unlock=dict(type='bool', default=False),
        ),
        required_one_of=[('record_id', 'folder_id')],
        mutually_exclusive=[('record_id', 'folder_id')],
    )
    params = module.params
    if params['unlock'] and not module.no_log:
        module.warn('unlock: true returns secret values; set no_log: true on this task so that they stay out of the output and logs')

    with module.connection(connect) as api:
        records = read_records(api, record_id=params['record_id'], folder_id=params['folder_id'],
                               name=params['name'], unlock=params['unlock'])
    module.exit_json(changed=False, records=records)


if __name__ == '__main__':
    main()
