#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xtam_folder
short_description: Create, update or delete a folder of Xton Access Manager
version_added: 0.2.0
description:
  - Makes one XTAM folder called O(name) exist in the folder O(parent_id) with O(description), or removes it.
  - XTAM allows several folders of one name under a parent, so the module looks the folder up by name first. When none
    matches, O(state=present) creates it (C(POST /rest/folder/create/<parent_id>) with a JSON body); when one matches,
    only its description is updated when it differs; when several match, the task fails and changes nothing.
  - XTAM deletes only an empty folder. With O(state=absent), a folder that still holds folders or records is left as it is
    and the task fails, saying what it holds.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xtam
  - restauth.enterprise.attributes.STATE_MODULE
options:
  name:
    description:
      - The folder name, compared exactly (case sensitive). It finds the folder, so it is never changed.
    type: str
    required: true
  parent_id:
    description:
      - The id of the folder that holds the folder, for example V(i-Root0000001) (older XTAM versions use numbers).
      - M(restauth.enterprise.xtam_folder_info) lists the folders under a folder with their ids; see the XTAM guide of the
        collection to find the root folder's id.
    type: str
    required: true
  description:
    description:
      - The folder description. Left as it is when not given; V("") empties it.
    type: str
  state:
    description:
      - V(present) creates the folder or updates its description; V(absent) deletes it (it must be empty).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Folder get, update and delete (C(GET /rest/folder/get/<id>), C(POST /rest/folder/update/<id>) with a JSON body,
    C(DELETE /rest/folder/delete/<id>)) are not documented publicly; see the XTAM guide of the collection for the choices made.
seealso:
  - module: restauth.enterprise.xtam_folder_info
  - module: restauth.enterprise.xtam_record
'''

EXAMPLES = r'''
- name: A folder for the database servers
  restauth.enterprise.xtam_folder:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
    parent_id: i-Root0000001
    name: Databases
    description: Credentials of the database servers
  register: databases

- name: Store a record in it
  restauth.enterprise.xtam_record:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
    folder_id: "{{ databases.folder_id }}"
    record_type_id: i-83XfwpNvCHy
    name: db02 root
    custom:
      Host: db02.example.com
      User: root
      Password: "{{ db02_root_password }}"
  no_log: true

- name: Remove an empty folder
  restauth.enterprise.xtam_folder:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
    parent_id: i-Root0000001
    name: Old servers
    state: absent
'''

RETURN = r'''
folder_id:
  description: The id of the folder created, updated, found or deleted; V(null) when nothing matched, or in check mode before a create.
  returned: always
  type: str
  sample: i-2Zh30SUCq7c
folder:
  description: The folder after the change as XTAM answers it; for O(state=absent), the folder deleted (or V(null)).
  returned: always
  type: dict
  sample: {"id": "i-2Zh30SUCq7c", "name": "Databases", "description": "Credentials of the database servers", "folder": true}
diff:
  description: What changes (name, description) before and after; for O(state=absent), the folder before.
  returned: always
  type: dict
  sample: {"before": {"description": ""}, "after": {"description": "Credentials of the database servers"}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.resources import FolderResource
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource

OPTIONS = dict(
    name=dict(type='str', required=True), parent_id=dict(type='str', required=True), description=dict(type='str'),
    state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    run_resource('xtam', FolderResource, connect, OPTIONS)


if __name__ == '__main__':
    main()
