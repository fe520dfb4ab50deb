#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_person_info
short_description: Read xMatters people
version_added: 0.2.0
description:
  - With O(target_name), returns that person (an empty list when they do not exist), with roles and supervisors.
  - Otherwise returns every person, or those O(search) finds, reading page after page (C(offset) and C(limit),
    then the C(links.next) of each answer) until the last one.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.INFO_MODULE
options:
  target_name:
    description:
      - Return only the person with this user id (C(targetName)) or id.
    type: str
  search:
    description:
      - Return the people the xMatters search finds for these space-separated terms (names and user ids), every page.
      - Ignored with O(target_name).
    type: str
  page_size:
    description:
      - How many people to ask for in each request while following the pages, from 1 to 1000 (the xMatters maximum).
    type: int
    default: 1000
seealso:
  - module: restauth.enterprise.xmatters_person
'''

EXAMPLES = r'''
- name: One person, with an API key
  restauth.enterprise.xmatters_person_info:
    url: "{{ xm_url }}"
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    target_name: jdoe
  register: jdoe

- name: Everyone named Smith
  restauth.enterprise.xmatters_person_info:
    url: "{{ xm_url }}"
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    search: smith
  register: smiths
'''

RETURN = r'''
people:
  description: The people, in the server's order, as the server answers them.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b
      targetName: jdoe
      firstName: Jane
      lastName: Doe
      recipientType: PERSON
      status: ACTIVE
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.api import connect


def main():
    module = RestAuthModule('xmatters', dict(target_name=dict(type='str'), search=dict(type='str'),
                                             page_size=dict(type='int', default=protocol.PAGE_SIZE)))
    params = module.params
    if not 1 <= params['page_size'] <= protocol.MAX_PAGE_SIZE:
        module.fail_json(msg='page_size must be between 1 and %d, not %s' % (protocol.MAX_PAGE_SIZE, params['page_size']))
    with module.connection(connect) as api:
        if params['target_name'] is not None:
            person = api.get_person(params['target_name'], embed=protocol.EMBED_PERSON)
            people = [person] if person else []
        else:
            people = api.people(search=params['search'], page_size=params['page_size'])
    module.exit_json(changed=False, people=people)


if __name__ == '__main__':
    main()
