#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: remedy_entry
short_description: Create, update or delete an entry of a BMC Remedy AR System form
version_added: 0.1.0
description:
  - Makes one entry of an AR System form match O(values), or removes it. Without O(entry_id) and O(query), every run creates a new entry.
  - The entry is named by O(entry_id) or found by an AR qualification in O(query). When nothing matches, O(state=present) creates the entry (AR System assigns
    its id); when one entry matches, only the fields of O(values) that differ are updated; when several match, the task fails and says how many.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.remedy
  - restauth.enterprise.attributes.STATE_MODULE
options:
  form:
    description: The form name, for example V(HPD:IncidentInterface_Create) or V(CTM:People).
    type: str
    required: true
  entry_id:
    description:
      - The id of the entry, for example V(000000000000101) or, on join forms such as V(HPD:IncidentInterface), V(INC000000000101|INC000000000101).
      - Mutually exclusive with O(query).
    type: str
  query:
    description:
      - An AR qualification that selects the entry, for example V('Incident Number' = "INC000000000101"). Field names go in single quotes, text values in
        double quotes.
      - Mutually exclusive with O(entry_id).
    type: str
  values:
    description: Field names and the values they must hold (V(null) empties a field). Fields not listed are left as they are. Required with O(state=present).
    type: dict
  return_fields:
    description:
      - On a create, the fields whose values the server returns with its answer (sent as C(fields=values(...)) on the create request), for example
        V(Incident Number) and V(Request ID) on V(HPD:IncidentInterface_Create). Ignored when the entry exists already.
      - RV(values) then holds what was sent plus these fields as the server set them. The new entry is never read back by its C(Location), which a C(*_Create)
        interface form does not always serve.
    type: list
    elements: str
    version_added: 0.2.0
  state:
    description: V(present) creates or updates the entry; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - After an update the module reads the entry back, so RV(values) shows what the server's workflow made of it. After a create, RV(values) is what was sent
    plus the fields of O(return_fields) from the server's answer.
  - Join and display-only forms create entries without returning an id; RV(entry_id) is then V(null).
seealso:
  - module: restauth.enterprise.remedy_entry_info
  - module: restauth.enterprise.remedy_jwt_token
'''

EXAMPLES = r'''
- name: Open an incident
  restauth.enterprise.remedy_entry:
    url: https://itsm.example.com:8443
    token: "{{ remedy_login.token }}"
    form: HPD:IncidentInterface_Create
    values:
      z1D_Action: CREATE
      First_Name: Allen
      Last_Name: Allbrook
      Description: Disk full on db01
      Impact: 4-Minor/Localized
      Urgency: 4-Low
      Status: Assigned
      Reported Source: Direct Input
      Service_Type: User Service Restoration
    return_fields: [Incident Number, Request ID]
  register: created

- name: Move the incident to In Progress (no change when it already is)
  restauth.enterprise.remedy_entry:
    url: https://itsm.example.com:8443
    token: "{{ remedy_login.token }}"
    form: HPD:IncidentInterface
    query: "'Incident Number' = \"{{ created['values']['Incident Number'] }}\""
    values: {Status: In Progress}

- name: Make sure a person exists, with module_defaults for the connection
  module_defaults:
    group/restauth.enterprise.remedy:
      url: https://itsm.example.com:8443
      token: "{{ remedy_login.token }}"
  block:
    - name: Ensure the person
      restauth.enterprise.remedy_entry:
        form: CTM:People
        query: "'Remedy Login ID' = \"jdoe\""
        values:
          First Name: Jane
          Last Name: Doe
          Remedy Login ID: jdoe

    - name: Delete an entry
      restauth.enterprise.remedy_entry:
        form: CTM:People
        query: "'Remedy Login ID' = \"jsmith\""
        state: absent
'''

RETURN = r'''
entry_id:
  description: The id of the entry created, updated, found or deleted. V(null) when nothing matched, or on forms that give no id.
  returned: always
  type: str
  sample: '000000000000101'
values:
  description:
    - The entry after an update, as the server answers it (all its fields). After a create, the values sent plus the fields of O(return_fields) as the server
      set them.
    - For O(state=absent), the entry that was deleted (V(null) when there was none). In check mode, the entry as it would be.
  returned: always
  type: dict
  sample: {"Incident Number": "INC000000000101", "Status": "Assigned", "Description": "Disk full on db01"}
diff:
  description: The fields of O(values) that change, before and after (for O(state=absent), the whole entry before).
  returned: always
  type: dict
  sample: {"before": {"Status": "Assigned"}, "after": {"Status": "In Progress"}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.resources import EntryResource

OPTIONS = dict(
    form=dict(type='str', required=True), entry_id=dict(type='str'), query=dict(type='str'), values=dict(type='dict'),
    return_fields=dict(type='list', elements='str'), state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    run_resource('remedy', EntryResource, connect, OPTIONS, mutually_exclusive=[('entry_id', 'query')], required_if=[('state', 'present', ('values',))])


if __name__ == '__main__':
    main()
