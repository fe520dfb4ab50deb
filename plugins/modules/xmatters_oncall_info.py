#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_oncall_info
short_description: Find who is on call in xMatters groups
version_added: 0.2.0
description:
  - Returns the shifts of the O(groups) that are on call now, or between O(from) and O(to), with their members in
    escalation order (C(GET /api/xm/1/on-call?groups=...&embed=members.owner)), every page.
  - A group that does not exist fails the task with the server's answer (HTTP 404).
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.INFO_MODULE
options:
  groups:
    description:
      - The groups, by name (C(targetName)) or id. A name cannot hold a comma (the API separates groups with commas).
    type: list
    elements: str
    required: true
  from:
    description:
      - The start of the time range, ISO 8601 (for example V(2026-12-01T08:00:00Z)); a time without offset is UTC.
      - Without O(from) and O(to), the shifts on call now.
    type: str
  to:
    description:
      - The end of the time range, ISO 8601.
    type: str
  page_size:
    description:
      - How many on-call shifts to ask for in each request while following the pages, from 1 to 1000.
    type: int
    default: 1000
seealso:
  - module: restauth.enterprise.xmatters_event
  - module: restauth.enterprise.xmatters_group_info
'''

EXAMPLES = r'''
- name: Who is on call for the database team now
  restauth.enterprise.xmatters_oncall_info:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    groups:
      - Database Team
  register: db_oncall

- name: Show the first person to be paged
  ansible.builtin.debug:
    msg: "{{ db_oncall.oncall[0].members[0].target_name }}"
  when: db_oncall.oncall | length > 0 and db_oncall.oncall[0].members | length > 0

- name: The shifts of two groups over a weekend
  restauth.enterprise.xmatters_oncall_info:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    groups: [Operations, Database Team]
    from: "2026-12-05T00:00:00Z"
    to: "2026-12-07T00:00:00Z"
'''

RETURN = r'''
oncall:
  description:
    - One item per group and shift occurrence, the groups in the order given and each group's shifts by start time.
  returned: always
  type: list
  elements: dict
  contains:
    group:
      description: The group's name (C(targetName)).
      type: str
    group_id:
      description: The group's id.
      type: str
    shift:
      description: The shift's name.
      type: str
    shift_id:
      description: The shift's id.
      type: str
    start:
      description: When this occurrence of the shift starts (ISO 8601, UTC).
      type: str
    end:
      description: When it ends.
      type: str
    members:
      description:
        - The members of the shift in escalation order, each with C(target_name), C(recipient_type) (C(PERSON),
          C(GROUP), C(DEVICE)), C(level) (the member's position in the escalation, from 1), C(delay) (minutes before it
          is notified), C(id), and C(owner) (for a device, the name of the person who owns it, else V(null)).
      type: list
      elements: dict
  sample:
    - group: Database Team
      group_id: 9a1d3d7a-6d8e-4d0c-9a59-5f0a7c1b2e33
      shift: 24x7
      shift_id: 0b6a3f1e-2c44-5d1e-9f0a-8b7c6d5e4f3a
      start: "2026-12-01T00:00:00.000Z"
      end: "2026-12-02T00:00:00.000Z"
      members:
        - {target_name: asmith, recipient_type: PERSON, level: 1, delay: 0, id: 8f801c38-7165-568b-afe7-be5c1a825f3f, owner: null}
        - {target_name: "jdoe|Work Email", recipient_type: DEVICE, level: 2, delay: 15, id: 2d1c0b9a-8e7f-5a6b-9c8d-7e6f5a4b3c2d, owner: jdoe}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import events

OPTIONS = {
    'groups': dict(type='list', elements='str', required=True),
    'from': dict(type='str'),
    'to': dict(type='str'),
    'page_size': dict(type='int', default=protocol.PAGE_SIZE),
}


def main():
    events.run_oncall_info(RestAuthModule('xmatters', OPTIONS))


if __name__ == '__main__':
    main()
