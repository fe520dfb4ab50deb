#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: discovery_search_info
short_description: Run a BMC Discovery search and return every row
version_added: 0.2.0
description:
  - Runs a query of the Discovery query language (C(GET /api/v<api_version>/data/search)) and reads every page of its
    results, following C(results_id) and C(next_offset) (the appliance gives at most 100 rows a page).
  - 'A query too long for a URL is sent as C(POST) with the JSON body C({"query": ...}); the search still only reads.'
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.discovery
  - restauth.enterprise.attributes.INFO_MODULE
options:
  query:
    description:
      - The search, for example V(search Host show name, os_type).
    type: str
    required: true
  limit:
    description:
      - Return at most this many rows (the pages read stop there). Without it, every row.
    type: int
  format:
    description:
      - V(object) returns each row as a dictionary keyed by the headings; V(table) as a list in the order of RV(headings).
    type: str
    choices: [object, table]
    default: object
notes:
  - The user needs the C(api-access) permission and the permission to read the data searched.
seealso:
  - module: restauth.enterprise.discovery_api
  - plugin: restauth.enterprise.discovery
    plugin_type: inventory
'''

EXAMPLES = r'''
- name: Every Linux host with its OS
  restauth.enterprise.discovery_search_info:
    url: https://discovery.example.com
    username: "{{ discovery_user }}"
    password: "{{ discovery_password }}"
    query: "search Host where os_class = 'UNIX' show name, os_type, os_version"
  register: unix_hosts

- name: Their names
  ansible.builtin.debug:
    msg: "{{ unix_hosts.results | map(attribute='name') | list }}"
'''

RETURN = r'''
results:
  description: The rows, as dictionaries keyed by heading (O(format=object)) or lists (O(format=table)).
  returned: always
  type: list
  elements: raw
  sample: [{"name": "host0001", "os_type": "Ubuntu Linux"}]
headings:
  description: The names of the columns, in order.
  returned: always
  type: list
  elements: str
  sample: [name, os_type]
kind:
  description: The kind of node the search found (for example V(Host)).
  returned: always
  type: str
  sample: Host
count:
  description: How many rows RV(results) holds.
  returned: always
  type: int
  sample: 1
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.protocol import SEARCH_FORMATS


def main():
    module = RestAuthModule('discovery', dict(query=dict(type='str', required=True), limit=dict(type='int'),
                                              format=dict(type='str', default='object', choices=list(SEARCH_FORMATS))))
    with module.connection(api.connect) as disco:
        result = resources.search(disco, module.params['query'], limit=module.params['limit'], fmt=module.params['format'])
    module.exit_json(changed=False, **result)


if __name__ == '__main__':
    main()
