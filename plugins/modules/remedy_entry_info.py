#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: remedy_entry_info
short_description: Read entries of a BMC Remedy AR System form
version_added: 0.1.0
description:
  - Returns one entry by O(entry_id), or the entries that match an AR qualification in O(query),
    reading page after page until O(limit) entries or the last page.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.remedy
  - restauth.enterprise.attributes.INFO_MODULE
options:
  form:
    description:
      - The form name, for example V(HPD:IncidentInterface).
    type: str
    required: true
  entry_id:
    description:
      - Return only this entry (an empty list when it does not exist). Mutually exclusive with O(query).
    type: str
  query:
    description:
      - An AR qualification, for example V('Status' = "Assigned" AND 'Impact' = "1-Extensive/Widespread").
      - Without O(query) and O(entry_id), every entry of the form is returned (up to O(limit)).
    type: str
  fields:
    description:
      - Return only these fields of each entry. By default every field is returned.
    type: list
    elements: str
  sort:
    description:
      - The sort order in AR syntax, field name then V(.asc) or V(.desc), several separated by commas,
        for example V(Submit Date.desc).
    type: str
  limit:
    description:
      - Return at most this many entries. By default every matching entry is returned.
    type: int
  page_size:
    description:
      - How many entries to ask for in each request while following the pages.
    type: int
    default: 500
seealso:
  - module: restauth.enterprise.remedy_entry
  - module: restauth.enterprise.remedy_jwt_token
'''

EXAMPLES = r'''
- name: The ten newest assigned incidents
  restauth.enterprise.remedy_entry_info:
    url: https://itsm.example.com:8443
    token: "{{ remedy_login.token }}"
    form: HPD:IncidentInterface
    query: "'Status' = \"Assigned\""
    fields: [Incident Number, Description, Status]
    sort: Submit Date.desc
    limit: 10
  register: incidents

- name: Show their numbers
  ansible.builtin.debug:
    msg: "{{ incidents.entries | map(attribute='values') | map(attribute='Incident Number') | list }}"
'''

RETURN = r'''
entries:
  description: The entries found, in the server's order (or O(sort)).
  returned: always
  type: list
  elements: dict
  contains:
    entry_id:
      description: The id of the entry.
      type: str
      sample: INC000000000101|INC000000000101
    values:
      description: The fields of the entry (only O(fields) when given).
      type: dict
      sample: {"Incident Number": "INC000000000101", "Status": "Assigned"}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.api import connect


def main():
    module = RestAuthModule(
        'remedy',
        dict(
            form=dict(type='str', required=True),
            entry_id=dict(type='str'),
            query=dict(type='str'),
            fields=dict(type='list', elements='str'),
            sort=dict(type='str'),
            limit=dict(type='int'),
            page_size=dict(type='int', default=protocol.PAGE_SIZE),
        ),
        mutually_exclusive=[('entry_id', 'query')],
    )
    params = module.params
    for name in ('limit', 'page_size'):
        if params[name] is not None and params[name] < 1:
            module.fail_json(msg='%s must be 1 or more, not %s' % (name, params[name]))

    with module.connection(connect) as api:
        if params['entry_id'] is not None:
            entry = api.get_entry(params['form'], params['entry_id'], fields=params['fields'])
            entries = [entry] if entry else []
        else:
            entries = api.find_entries(params['form'], query=params['query'], fields=params['fields'],
                                       sort=params['sort'], limit=params['limit'], page_size=params['page_size'])
    module.exit_json(changed=False, entries=entries)


if __name__ == '__main__':
    main()
