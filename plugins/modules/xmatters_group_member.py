#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_group_member
short_description: Add or remove the members of an xMatters group
version_added: 0.2.0
description:
  - Makes the xMatters group O(group) hold the O(members) given (O(state=present)), or not hold them (O(state=absent)).
  - The current members are read with C(GET /api/xm/1/groups/{id}/members), every page. A member is added with C(POST /api/xm/1/groups/{id}/members) and
    removed with C(DELETE /api/xm/1/groups/{id}/members/{member id}).
  - With O(exclusive=true) and O(state=present), members not listed are removed too.
  - Members are compared by their C(targetName) and C(recipientType); one already there is not added again.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.STATE_MODULE
options:
  group:
    description: The group, by its name (C(targetName)) or id. An unknown group fails the task.
    type: str
    required: true
  members:
    description:
      - The members, each a person, a device or a group. Each one to add must exist; an unknown one fails the task, in check mode too, before any change.
    type: list
    elements: dict
    required: true
    suboptions:
      target_name:
        description: The member's C(targetName) (a person's user id, a group's name, a device's V(<user>|<device name>)).
        type: str
        required: true
      recipient_type:
        description: What the member is.
        type: str
        choices: [PERSON, DEVICE, GROUP]
        default: PERSON
  exclusive:
    description: With O(state=present), remove the members of the group that O(members) does not list. Ignored with O(state=absent).
    type: bool
    default: false
  state:
    description: V(present) adds the members that are missing; V(absent) removes those that are there.
    type: str
    choices: [present, absent]
    default: present
notes:
  - After a change the module reads the members back, so RV(members) shows what the server holds.
seealso:
  - module: restauth.enterprise.xmatters_group
  - module: restauth.enterprise.xmatters_person
'''

EXAMPLES = r'''
- name: Jane and Alan are in Operations, and only they
  restauth.enterprise.xmatters_group_member:
    url: "{{ xm_url }}"
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    group: Operations
    members:
      - target_name: jdoe
      - target_name: asmith
    exclusive: true

- name: The Database Team and Jane's work email are members too
  restauth.enterprise.xmatters_group_member:
    url: "{{ xm_url }}"
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    group: Operations
    members:
      - {target_name: Database Team, recipient_type: GROUP}
      - {target_name: jdoe|Work Email, recipient_type: DEVICE}

- name: Alan leaves
  restauth.enterprise.xmatters_group_member:
    url: "{{ xm_url }}"
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    group: Operations
    members:
      - target_name: asmith
    state: absent
'''

RETURN = r'''
members:
  description: The members of the group after the change (in check mode, as they would be), in the server's order.
  returned: always
  type: list
  elements: dict
  sample: [{"target_name": "jdoe", "recipient_type": "PERSON"}, {"target_name": "asmith", "recipient_type": "PERSON"}]
added:
  description: The members added (in check mode, that would be added).
  returned: always
  type: list
  elements: dict
  sample: [{"target_name": "asmith", "recipient_type": "PERSON"}]
removed:
  description: The members removed (in check mode, that would be removed).
  returned: always
  type: list
  elements: dict
  sample: []
diff:
  description: The members before and after, when they change.
  returned: always
  type: dict
  sample: {"before": [{"target_name": "jdoe", "recipient_type": "PERSON"}],
           "after": [{"target_name": "jdoe", "recipient_type": "PERSON"}, {"target_name": "asmith", "recipient_type": "PERSON"}]}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.members import GroupMembers

OPTIONS = dict(
    group=dict(type='str', required=True),
    members=dict(type='list', elements='dict', required=True, options=dict(
        target_name=dict(type='str', required=True),
        recipient_type=dict(type='str', default='PERSON', choices=list(protocol.RECIPIENT_TYPES)),
    )),
    exclusive=dict(type='bool', default=False),
    state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    module = RestAuthModule('xmatters', OPTIONS)
    with module.connection(connect) as api:
        result = GroupMembers(api, module.params).ensure(check_mode=module.check_mode)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
