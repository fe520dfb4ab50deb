#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: truesight_event
short_description: Send an event to BMC TrueSight Infrastructure Management
version_added: 0.2.0
description:
  - Sends one event to a cell of TrueSight Infrastructure Management (TSIM) with
    C(POST <tsim_url>/bppmws/api/Event/create?routingId=<cell>&routingIdType=CELL_NAME), the body a JSON array of one
    event, authenticated with the Presentation Server's token in the C(Authorization) header (C(authToken <token>)); the module logs in
    to O(url) (or uses O(token)) and sends the event to O(tsim_url).
  - Sending an event is an act, not a state, so the task always reports a change; in check mode nothing is sent.
  - An answer of HTTP 200 whose C(statusCode) (or the event's own) is not 2xx fails the task.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.truesight
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Nothing is sent in check mode; the task reports the change it would make.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
    details: An event is not a state to compare; every run sends a new one.
options:
  tsim_url:
    description:
      - Base URL of the Infrastructure Management server, for example V(https://tsim.example.com); a trailing
        C(/bppmws) is removed with a warning.
      - If not set, the environment variable E(TRUESIGHT_TSIM_URL) on the node that runs the module is used, and
        without it O(url) (a Presentation Server that also serves C(/bppmws)).
    type: str
  cell:
    description:
      - The cell the event is routed to (C(routingId), of type C(CELL_NAME)).
    type: str
    required: true
  msg:
    description:
      - The event's message (the C(msg) slot of the event).
      - Named C(msg), not C(message) as in the first plan of this module, because ansible-core reserves C(message) for itself
        in every module's arguments.
    type: str
    required: true
  severity:
    description:
      - The event's severity.
    type: str
    choices: [CRITICAL, MAJOR, MINOR, WARNING, INFO, OK]
    default: MINOR
  host:
    description:
      - The host the event is about (C(eventSourceHostName)).
    type: str
  object:
    description:
      - The object the event is about (the C(mc_object) slot).
    type: str
  event_class:
    description:
      - The event class (the C(CLASS) slot).
    type: str
    default: EVENT
  attributes:
    description:
      - Further slots of the event, sent as given; they override the slots the options above fill.
    type: dict
seealso:
  - module: restauth.enterprise.truesight_blackout
'''

EXAMPLES = r'''
- name: Tell the operators that patching starts
  restauth.enterprise.truesight_event:
    url: https://tsps.example.com:8043
    username: "{{ tsps_user }}"
    password: "{{ tsps_password }}"
    tsim_url: https://tsim.example.com
    cell: pncell_tsim
    msg: Patching of db01 starts
    severity: INFO
    host: db01.example.com
    object: patching
  register: sent

- name: Show the event's id
  ansible.builtin.debug:
    msg: "{{ sent.event_id }}"
'''

RETURN = r'''
event_id:
  description: The id TSIM gave the event (C(mc_ueid)); null in check mode.
  returned: always
  type: str
  sample: mc.pncell_tsim.5a8c1f2e3d4b
event:
  description: The event as sent (or as it would be, in check mode).
  returned: always
  type: dict
  sample: {"eventSourceHostName": "db01.example.com", "attributes": {"CLASS": "EVENT", "severity": "INFO",
           "msg": "Patching of db01 starts", "mc_object": "patching"}}
'''

from ansible.module_utils.basic import env_fallback

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api, protocol, resources

OPTIONS = dict(
    tsim_url=dict(type='str', fallback=(env_fallback, ['TRUESIGHT_TSIM_URL'])), cell=dict(type='str', required=True),
    msg=dict(type='str', required=True), severity=dict(type='str', default='MINOR', choices=list(protocol.SEVERITIES)),
    host=dict(type='str'), object=dict(type='str'), event_class=dict(type='str', default='EVENT'),
    attributes=dict(type='dict'),
)


def main():
    module = RestAuthModule('truesight', OPTIONS)
    event = resources.event_body(module.params)
    event_id = None
    if not module.check_mode:
        with module.connection(api.connect) as connected:
            event_id = connected.create_event(module.params['cell'], event)
    module.exit_json(changed=True, event_id=event_id, event=event)


if __name__ == '__main__':
    main()
