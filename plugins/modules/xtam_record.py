#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xtam_record
short_description: Create, update or delete a record of Xton Access Manager
version_added: 0.1.0
description:
  - Makes one XTAM record match O(name), O(description) and the fields of O(custom), or removes it.
  - The record is named by O(record_id), or found by O(name) in the folder O(folder_id). When nothing matches,
    O(state=present) creates it (with O(record_type_id)); when one record matches, only what differs is updated;
    when several records of the folder have that name, the task fails.
  - The values of O(custom) never appear in the results or the diff; the diff shows which fields change, with masked values.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xtam
  - restauth.enterprise.attributes.STATE_MODULE
options:
  name:
    description:
      - The record name. With O(folder_id) it finds the record; with O(record_id) it renames the record.
      - Required with O(folder_id), and so to create a record.
    type: str
  folder_id:
    description:
      - The id of the folder that holds the record, for example V(i-2Zh30SUCq7c) (older XTAM versions use numbers).
      - Required when O(record_id) is not given.
    type: str
  record_type_id:
    description:
      - The id of the record type, for example V(i-83XfwpNvCHy) for a C(Unix Host) type. Used only to create a record.
    type: str
  record_id:
    description:
      - The id of the record. When given, O(folder_id) is not needed and the record is not searched by name.
    type: str
  description:
    description:
      - The record description. Left as it is when not given.
    type: str
  custom:
    description:
      - 'The record''s fields, for example C({"Host": "db01", "Port": "22", "User": "root", "Password": "..."}). Field names are case
        sensitive and depend on the record type.'
      - Fields not given keep their values (the module sends the whole merged set, as XTAM expects).
      - Comparing needs the current values, so the module unlocks the record (which XTAM may audit) when O(custom) is given.
      - When O(custom) is not given, the record's fields are neither read nor sent, and XTAM keeps them as they are.
      - 'Fields whose name contains C(pass), C(pwd), C(secret), C(key), C(token), C(credential) or C(private) (in any case,
        for example C(Password) or C(SSH Key)) are secrets: their values (of 4 characters or more) are hidden wherever they
        would appear in the output. Other values, such as C(Port: 22), are not, so that ids and names in the output stay intact.'
    type: dict
  state:
    description:
      - V(present) creates or updates the record; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Record paths other than create and unlock (get, update, delete) are not documented publicly; see the XTAM guide of
    the collection for the choices made.
seealso:
  - module: restauth.enterprise.xtam_record_info
  - module: restauth.enterprise.xtam_token
  - plugin: restauth.enterprise.xtam_secret
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Store the root credential of db01
  restauth.enterprise.xtam_record:
    url: https://pam.example.com/xtam
    token: "{{ xtam_login.token }}"
    folder_id: i-2Zh30SUCq7c
    record_type_id: i-83XfwpNvCHy
    name: db01 root
    description: Database server
    custom:
      Host: db01.example.com
      Port: "22"
      User: root
      Password: "{{ new_root_password }}"

- name: Rotate only the password (the other fields keep their values)
  restauth.enterprise.xtam_record:
    url: https://pam.example.com/xtam
    token: "{{ xtam_login.token }}"
    record_id: i-2qhyGh2UB0V
    custom:
      Password: "{{ rotated_password }}"

- name: Remove a record
  restauth.enterprise.xtam_record:
    url: https://pam.example.com/xtam
    token: "{{ xtam_login.token }}"
    folder_id: i-2Zh30SUCq7c
    name: db01 root
    state: absent
'''

RETURN = r'''
record_id:
  description: The id of the record created, updated, found or deleted; V(null) when nothing matched or in check mode before a create.
  returned: always
  type: str
  sample: i-2qhyGh2UB0V
record:
  description:
    - The record after the change, without secrets. When O(custom) was given, C(custom) lists the record's fields with
      masked values (V(******** (changed)) for those this task changes). For O(state=absent), the record deleted (or V(null)).
  returned: always
  type: dict
  sample: {"id": "i-2qhyGh2UB0V", "name": "db01 root", "description": "Database server",
           "recordType": {"id": "i-83XfwpNvCHy", "name": "Unix Host"}, "custom": {"Host": "********", "Password": "******** (changed)"}}
diff:
  description: What changes (name, description, the masked custom fields) before and after; for O(state=absent), the record before.
  returned: always
  type: dict
  sample: {"before": {"name": "db01 root", "custom": {"Password": "********"}}, "after": {"name": "db01 root", "custom": {"Password": "******** (changed)"}}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.resources import RecordResource, record_params
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource

OPTIONS = dict(
    name=dict(type='str'), folder_id=dict(type='str'), record_type_id=dict(type='str'), record_id=dict(type='str'),
    description=dict(type='str'), custom=dict(type='dict', no_log=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    run_resource('xtam', RecordResource, connect, OPTIONS, prepare=record_params,
                 required_one_of=[('record_id', 'folder_id')], required_by={'folder_id': ('name',)})


if __name__ == '__main__':
    main()
