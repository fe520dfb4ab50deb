#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xtam_folder_info
short_description: List what a folder of Xton Access Manager holds
version_added: 0.2.0
description:
  - Returns the sub-folders and the records of the folder O(folder_id) (C(GET /rest/folder/list/<folder_id>)), with their ids,
    which is what O(restauth.enterprise.xtam_record#module:folder_id), O(restauth.enterprise.xtam_record#module:record_id) and
    O(restauth.enterprise.xtam_folder#module:parent_id) need.
  - Records come back without secrets; nothing is unlocked.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xtam
  - restauth.enterprise.attributes.INFO_MODULE
options:
  folder_id:
    description:
      - The id of the folder, for example V(i-2Zh30SUCq7c). The task fails when it does not exist (or the user may not see it).
      - See the XTAM guide of the collection to find the root folder's id.
    type: str
    required: true
seealso:
  - module: restauth.enterprise.xtam_folder
  - module: restauth.enterprise.xtam_record_info
  - module: restauth.enterprise.xtam_record_type_info
'''

EXAMPLES = r'''
- name: What the Servers folder holds
  restauth.enterprise.xtam_folder_info:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
    folder_id: i-2Zh30SUCq7c
  register: servers

- name: The id of its record called db01 root
  ansible.builtin.debug:
    msg: "{{ (servers.records | selectattr('name', 'equalto', 'db01 root') | first).id }}"
'''

RETURN = r'''
folders:
  description: The folders directly under O(folder_id).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "i-3Apps000001", "name": "Applications", "description": "", "folder": true}]
records:
  description: The records directly in O(folder_id), without secrets (no C(custom)).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "i-2qhyGh2UB0V", "name": "db01 root", "recordType": {"id": "i-83XfwpNvCHy", "name": "Unix Host"}}]
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.resources import read_folder
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule('xtam', dict(folder_id=dict(type='str', required=True)))
    with module.connection(connect) as api:
        folders, records = read_folder(api, module.params['folder_id'])
    module.exit_json(changed=False, folders=folders, records=records)


if __name__ == '__main__':
    main()
