#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_group
short_description: Create, update or delete an xMatters group
version_added: 0.1.0
description:
  - Makes the xMatters group named O(name) (its C(targetName)) match the options given, or removes it.
  - The group is found with C(GET /api/xm/1/groups/{name}?embed=supervisors,observers). When it does not exist,
    O(state=present) creates it; when it differs, the whole group as it should be (the current group, its
    supervisors and observers included, merged with the options that differ) is sent in a C(POST) to the
    collection that carries the group's C(id), as xMatters updates objects. No partial object is sent, so an
    update never resets what it does not name.
  - Options not given are left as they are.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.STATE_MODULE
options:
  name:
    description:
      - The group's name (C(targetName)), unique in xMatters.
    type: str
    required: true
  description:
    description:
      - The group's description.
    type: str
  status:
    description:
      - Whether the group is active.
    type: str
    choices: [ACTIVE, INACTIVE]
  supervisors:
    description:
      - The people who supervise the group, by their user id (C(targetName)). The list replaces the current supervisors.
      - Each must be an existing xMatters person; an unknown one fails the task, in check mode too.
      - When omitted on create, xMatters makes the user the module logs in as the group's supervisor.
        An empty list creates a group without supervisors.
    type: list
    elements: str
  observed_by_all:
    description:
      - Whether every user can see the group (C(observedByAll)).
    type: bool
  allow_duplicates:
    description:
      - Whether a person can be notified more than once when they appear several times in the group (C(allowDuplicates)).
    type: bool
  use_default_devices:
    description:
      - Whether members are notified on their default devices (C(useDefaultDevices)).
    type: bool
  external_key:
    description:
      - The group's external key (C(externalKey)), for groups kept in step with another system.
    type: str
  state:
    description:
      - V(present) creates or updates the group; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - After a create or an update the module reads the group back (with its supervisors and observers), so RV(group) shows what the server stored.
  - A deletion that the server answers with C(204 No Content) means the group was already gone and reports no change.
seealso:
  - module: restauth.enterprise.xmatters_group_info
  - module: restauth.enterprise.xmatters_oauth_token
'''

EXAMPLES = r'''
- name: Ensure the database on-call group, with an API key
  restauth.enterprise.xmatters_group:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    name: Database Team
    description: Primary on-call for the databases
    supervisors: [jdoe, asmith]
    observed_by_all: true

- name: Deactivate it, with an OAuth token from the refresh token
  restauth.enterprise.xmatters_group:
    url: https://acme.xmatters.com
    client_id: "{{ xm_client_id }}"
    refresh_token: "{{ xm_refresh_token }}"
    name: Database Team
    status: INACTIVE

- name: Remove a group
  restauth.enterprise.xmatters_group:
    url: https://acme.xmatters.com
    token: "{{ xm_login.access_token }}"
    name: Old Team
    state: absent
'''

RETURN = r'''
group:
  description:
    - The group after the change, as the server answers it, with its supervisors and observers embedded.
    - For O(state=absent), the group that was deleted (V(null) when there was none).
    - In check mode, the group as it would be (a new group has no C(id) yet).
  returned: always
  type: dict
  sample:
    id: 9a1d3d7a-6d8e-4d0c-9a59-5f0a7c1b2e33
    targetName: Database Team
    recipientType: GROUP
    status: ACTIVE
    description: Primary on-call for the databases
    observedByAll: true
    supervisors: {"count": 1, "total": 1, "data": [{"id": "1b2c...", "targetName": "jdoe", "recipientType": "PERSON"}]}
    links: {"self": "/api/xm/1/groups/9a1d3d7a-6d8e-4d0c-9a59-5f0a7c1b2e33"}
diff:
  description: The options that change, before and after (for O(state=absent), the group's managed fields before).
  returned: always
  type: dict
  sample: {"before": {"status": "ACTIVE"}, "after": {"status": "INACTIVE"}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api, protocol, resources

OPTIONS = dict(
    name=dict(type='str', required=True), description=dict(type='str'), external_key=dict(type='str', no_log=False),
    status=dict(type='str', choices=list(protocol.STATUSES)), supervisors=dict(type='list', elements='str'),
    observed_by_all=dict(type='bool'), allow_duplicates=dict(type='bool'), use_default_devices=dict(type='bool'),
    state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    run_resource('xmatters', resources.GroupResource, api.connect, OPTIONS)


if __name__ == '__main__':
    main()
