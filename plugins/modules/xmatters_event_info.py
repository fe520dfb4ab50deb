#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_event_info
short_description: Find xMatters events
version_added: 0.2.0
description:
  - Returns one event (O(event_id)), the events a trigger created (O(request_id)), or the events with a status
    (O(status)) and a property value (O(property_name) and O(property_value)); without any of them, every event.
  - Lists are read page after page (C(offset) and C(limit), then the C(links.next) of each answer) until the last one.
  - Events are read with their C(properties) embedded.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.INFO_MODULE
options:
  event_id:
    description:
      - The event's C(id) (a UUID) or number (C(eventId)). An event that does not exist gives an empty list.
    type: str
  request_id:
    description:
      - The C(requestId) a trigger answered (the C(request_id) of M(restauth.enterprise.xmatters_event)).
      - An HTTP trigger creates its event a moment after it answers, so an empty list right after the trigger may fill later.
    type: str
  status:
    description:
      - Only the events with this status.
    type: str
    choices: [ACTIVE, SUSPENDED, TERMINATED, TERMINATED_EXTERNAL]
  property_name:
    description:
      - Only the events whose property of this name holds O(property_value).
    type: str
  property_value:
    description:
      - The value O(property_name) must hold.
    type: str
  page_size:
    description:
      - How many events to ask for in each request while following the pages, from 1 to 1000 (the xMatters maximum).
    type: int
    default: 1000
seealso:
  - module: restauth.enterprise.xmatters_event
'''

EXAMPLES = r'''
- name: The active events raised for db01
  restauth.enterprise.xmatters_event_info:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    status: ACTIVE
    property_name: Host
    property_value: db01
  register: db01_events

- name: Terminate each of them
  restauth.enterprise.xmatters_event:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    event_id: "{{ item.id }}"
    status: TERMINATED
  loop: "{{ db01_events.events }}"
  loop_control:
    label: "{{ item.eventId }}"
'''

RETURN = r'''
events:
  description: The events, in the server's order, as the server answers them, with their properties.
  returned: always
  type: list
  elements: dict
  sample:
    - id: dbc9b503-28b7-4bf8-9eea-5d13b58e154e
      eventId: "1000002"
      requestId: 8526acfc-451c-42cc-ab39-2360bbacd3e0
      status: ACTIVE
      priority: HIGH
      created: "2026-12-01T11:04:57.000Z"
      properties: {"Host": "db01", "Summary": "Disk full on db01"}
      links: {"self": "/api/xm/1/events/dbc9b503-28b7-4bf8-9eea-5d13b58e154e"}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import events

OPTIONS = dict(
    event_id=dict(type='str'),
    request_id=dict(type='str'),
    status=dict(type='str', choices=list(protocol.EVENT_STATUSES) + ['TERMINATED_EXTERNAL']),
    property_name=dict(type='str'),
    property_value=dict(type='str'),
    page_size=dict(type='int', default=protocol.PAGE_SIZE),
)


def main():
    module = RestAuthModule('xmatters', OPTIONS, required_together=[('property_name', 'property_value')],
                            mutually_exclusive=[('event_id', 'request_id'), ('event_id', 'status'), ('event_id', 'property_name')])
    events.run_event_info(module)


if __name__ == '__main__':
    main()
