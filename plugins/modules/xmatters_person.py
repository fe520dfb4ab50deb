#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_person
short_description: Create, update or delete an xMatters person
version_added: 0.2.0
description:
  - Makes the xMatters person (user) whose user id is O(target_name) match the options given, or removes them.
  - The person is found with C(GET /api/xm/1/people/{target_name}?embed=roles,supervisors). When they do not exist, O(state=present) creates them with C(POST
    /api/xm/1/people); when they differ, the whole person as they should be (the current person, roles, site and supervisors included, merged with the options
    that differ) is sent in the same C(POST) with the person's C(id), as xMatters updates people. No partial object is sent.
  - Options not given are left as they are.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.STATE_MODULE
options:
  target_name:
    description: The person's user id (C(targetName)), unique in xMatters.
    type: str
    required: true
  first_name:
    description: The first name (C(firstName)). Required to create a person.
    type: str
  last_name:
    description: The last name (C(lastName)). Required to create a person.
    type: str
  roles:
    description: The names of the person's roles, for example V(Standard User). The list replaces the current roles.
    type: list
    elements: str
  site:
    description:
      - The person's site, by its name (for example V(Default Site)) or id. An unknown site fails the task, in check mode too.
      - Compared and shown in the diff by its id.
    type: str
  status:
    description: Whether the person is active.
    type: str
    choices: [ACTIVE, INACTIVE]
  supervisors:
    description:
      - The people who supervise this person, by their user id (C(targetName)). The list replaces the current supervisors.
      - Each must be an existing xMatters person; an unknown one fails the task, in check mode too.
    type: list
    elements: str
  language:
    description: The person's language, as xMatters names it (for example V(en)).
    type: str
  timezone:
    description: The person's time zone, for example V(Europe/Berlin).
    type: str
  external_key:
    description: The person's external key (C(externalKey)), for people kept in step with another system.
    type: str
  state:
    description: V(present) creates or updates the person; V(absent) deletes them.
    type: str
    choices: [present, absent]
    default: present
notes:
  - After a create or an update the module reads the person back (with roles and supervisors), so RV(person) shows what the server stored.
  - A deletion that the server answers with C(204 No Content) means the person was already gone and reports no change.
seealso:
  - module: restauth.enterprise.xmatters_person_info
  - module: restauth.enterprise.xmatters_group_member
'''

EXAMPLES = r'''
- name: Ensure a person, with an API key
  restauth.enterprise.xmatters_person:
    url: "{{ xm_url }}"
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    target_name: mmiller
    first_name: Mia
    last_name: Miller
    roles: [Standard User]
    site: Default Site
    timezone: Europe/Berlin
    supervisors: [jdoe]

- name: Deactivate them
  restauth.enterprise.xmatters_person:
    url: "{{ xm_url }}"
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    target_name: mmiller
    status: INACTIVE

- name: Remove them
  restauth.enterprise.xmatters_person:
    url: "{{ xm_url }}"
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    target_name: mmiller
    state: absent
'''

RETURN = r'''
person:
  description:
    - The person after the change, as the server answers them, with roles and supervisors embedded.
    - For O(state=absent), the person that was deleted (V(null) when there was none).
    - In check mode, the person as they would be (a new person has no C(id) yet).
  returned: always
  type: dict
  sample:
    id: 5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b
    targetName: mmiller
    firstName: Mia
    lastName: Miller
    recipientType: PERSON
    status: ACTIVE
    site: {"id": "d6b8f797-b8dc-5160-8d8b-ff4209dcf75d"}
    roles: {"count": 1, "total": 1, "data": [{"name": "Standard User"}]}
diff:
  description: The options that change, before and after (for O(state=absent), the person's managed fields before).
  returned: always
  type: dict
  sample: {"before": {"status": "ACTIVE"}, "after": {"status": "INACTIVE"}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api, protocol, resources

OPTIONS = dict(
    target_name=dict(type='str', required=True), first_name=dict(type='str'), last_name=dict(type='str'),
    roles=dict(type='list', elements='str'), site=dict(type='str'), status=dict(type='str', choices=list(protocol.STATUSES)),
    supervisors=dict(type='list', elements='str'), language=dict(type='str'), timezone=dict(type='str'),
    external_key=dict(type='str', no_log=False), state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    run_resource('xmatters', resources.PersonResource, api.connect, OPTIONS)


if __name__ == '__main__':
    main()
