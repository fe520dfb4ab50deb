#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_group_info
short_description: Read xMatters groups
version_added: 0.1.0
description:
  - Returns every group of the xMatters instance, reading page after page (C(offset) and C(limit), then the
    C(links.next) of each answer) until the last one.
  - With O(name), returns only that group (an empty list when it does not exist), with its supervisors.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.INFO_MODULE
options:
  name:
    description:
      - Return only the group with this name (C(targetName)) or id.
    type: str
  page_size:
    description:
      - How many groups to ask for in each request while following the pages, from 1 to 1000 (the xMatters maximum).
      - The default, 1000, reads the groups in the fewest requests, which matters on instances with thousands of
        groups, as xMatters rate-limits requests.
    type: int
    default: 1000
seealso:
  - module: restauth.enterprise.xmatters_group
  - module: restauth.enterprise.xmatters_oauth_token
'''

EXAMPLES = r'''
- name: Every group, with OAuth from the refresh token
  restauth.enterprise.xmatters_group_info:
    url: https://acme.xmatters.com
    client_id: "{{ xm_client_id }}"
    refresh_token: "{{ xm_refresh_token }}"
  register: all_groups

- name: Show the names of the inactive ones
  ansible.builtin.debug:
    msg: "{{ all_groups.groups | selectattr('status', 'eq', 'INACTIVE') | map(attribute='targetName') | list }}"

- name: One group, with an API key
  restauth.enterprise.xmatters_group_info:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    name: Database Team
  register: db_team
'''

RETURN = r'''
groups:
  description: The groups, in the server's order, as the server answers them.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 9a1d3d7a-6d8e-4d0c-9a59-5f0a7c1b2e33
      targetName: Database Team
      recipientType: GROUP
      status: ACTIVE
      description: Primary on-call for the databases
      links: {"self": "/api/xm/1/groups/9a1d3d7a-6d8e-4d0c-9a59-5f0a7c1b2e33"}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.api import connect


def main():
    module = RestAuthModule(
        'xmatters',
        dict(
            name=dict(type='str'),
            page_size=dict(type='int', default=protocol.PAGE_SIZE),
        ),
    )
    params = module.params
    if not 1 <= params['page_size'] <= protocol.MAX_PAGE_SIZE:
        module.fail_json(msg='page_size must be between 1 and %d, not %s' % (protocol.MAX_PAGE_SIZE, params['page_size']))

    with module.connection(connect) as api:
        if params['name'] is not None:
            group = api.get_group(params['name'], embed=protocol.EMBED_SUPERVISORS)
            groups = [group] if group else []
        else:
            groups = api.groups(page_size=params['page_size'])
    module.exit_json(changed=False, groups=groups)


if __name__ == '__main__':
    main()
