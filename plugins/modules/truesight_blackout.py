#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: truesight_blackout
short_description: Open, change or remove a BMC TrueSight maintenance window (a blackout policy)
version_added: 0.2.0
description:
  - Makes the blackout policy named O(name) match the options given, or removes it. A blackout policy silences the events of the devices it selects during its
    timeframe, which makes it a maintenance window. Options not given are left as they are; rerunning a task with the same options changes nothing.
  - The policy is written through the Unified Administration API (C(/tsws/10.0/api/unifiedadmin/BlackoutPolicy/create), C(.../BlackoutPolicy/<id>/update),
    C(.../BlackoutPolicy/<id>/delete)) and found by name with C(POST .../Policy/list) of type C(blackout). Its times live in a timeframe of its own, named
    after it, created before it and, with O(state=absent), removed after it (TrueSight refuses to delete a timeframe in use); one made by hand is not reused.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.truesight
  - restauth.enterprise.attributes.STATE_MODULE
options:
  name:
    description: The policy's name, unique among the policies; the timeframe takes the same name.
    type: str
    required: true
  description:
    description: The policy's description.
    type: str
  enabled:
    description: Whether the policy is active. V(false) keeps the window defined but lets events through.
    type: bool
    default: true
  devices:
    description:
      - The devices to silence, by host name (C(dnsName), as M(restauth.enterprise.truesight_device_info) lists them). Mutually exclusive with O(selection).
      - They become the policy's agent selection criteria, one C(hostname EQUALS "<name>") clause per device joined with C(OR). Each must be known to
        TrueSight; an unknown one fails the task before anything is written, in check mode too.
    type: list
    elements: str
  selection:
    description: The agent selection criteria as TrueSight writes them, sent as given (by agent, tag or anything else O(devices) does not cover).
    type: str
  start:
    description:
      - When the window opens, ISO 8601 (V(2026-12-01T22:00:00), read in O(timezone), or with an offset such as V(2026-12-01T21:00:00Z)).
      - When omitted, a new window opens now, and an existing one keeps its start (so that O(duration) alone stays idempotent).
    type: str
  end:
    description: When the window closes, ISO 8601 like O(start). Mutually exclusive with O(duration).
    type: str
  duration:
    description: How long the window lasts, in minutes from O(start).
    type: int
  timezone:
    description: The timeframe's IANA time zone (V(Europe/Paris)), in which O(start) and O(end) without an offset are read and a recurring window repeats.
    type: str
    default: UTC
  recurrence:
    description: Whether the window repeats every day or every week at the same time.
    type: str
    choices: [none, daily, weekly]
    default: none
  state:
    description: V(present) creates or updates the policy and its timeframe; V(absent) removes both.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Where BMC's pages are silent, the timeframe calls and the blackout update and delete calls are the collection's choices (C(_truesight/protocol.py)).
  - A policy or timeframe answer of HTTP 200 whose C(statusCode) is not 2xx fails the task with that status.
seealso:
  - module: restauth.enterprise.truesight_blackout_info
  - module: restauth.enterprise.truesight_device_info
'''

EXAMPLES = r'''
- name: Silence two hosts for the two hours of the patch window
  restauth.enterprise.truesight_blackout:
    url: https://tsps.example.com:8043
    username: "{{ tsps_user }}"
    password: "{{ tsps_password }}"
    name: Patching db01 and web01
    devices: [db01.example.com, web01.example.com]
    start: "2026-12-05T22:00:00"
    duration: 120
    timezone: Europe/Paris
  register: window

- name: Every Sunday night, by agent selection criteria
  restauth.enterprise.truesight_blackout:
    url: https://tsps.example.com:8043
    token: "{{ tsps_login.token }}"
    name: Weekly reboot
    selection: 'hostname EQUALS "esx01.example.com"'
    start: "2026-12-06T03:00:00Z"
    end: "2026-12-06T04:00:00Z"
    recurrence: weekly

- name: The window is over
  restauth.enterprise.truesight_blackout:
    url: https://tsps.example.com:8043
    token: "{{ tsps_login.token }}"
    name: Patching db01 and web01
    state: absent
'''

RETURN = r'''
name:
  description: The policy's name, as given.
  returned: always
  type: str
  sample: Patching db01 and web01
policy_id:
  description: The policy's id (a UUID); null when it does not exist, or in check mode before it is created.
  returned: always
  type: str
  sample: 5f0a7c1b-2e33-4d0c-9a59-9a1d3d7a6d8e
policy:
  description: The blackout policy as TrueSight stores it (in check mode, as it would be sent); null when it does not exist.
  returned: always
  type: dict
  sample: {"id": "5f0a7c1b-2e33-4d0c-9a59-9a1d3d7a6d8e", "name": "Patching db01 and web01", "type": "blackout", "enabled": true,
           "agentSelectionCriteria": "hostname EQUALS \"db01.example.com\"", "timeframes": [{"name": "Patching db01 and web01", "id": "0c1e..."}]}
diff:
  description: The managed fields that change, before and after (V(start) and V(end) in UTC).
  returned: always
  type: dict
  sample: {"before": {"end": "2026-12-05T23:00:00Z"}, "after": {"end": "2026-12-06T00:00:00Z"}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api, protocol, resources

OPTIONS = dict(
    name=dict(type='str', required=True), description=dict(type='str'), enabled=dict(type='bool', default=True), devices=dict(type='list', elements='str'),
    selection=dict(type='str'), start=dict(type='str'), end=dict(type='str'), duration=dict(type='int'), timezone=dict(type='str', default='UTC'),
    recurrence=dict(type='str', default='none', choices=list(protocol.RECURRENCES)), state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    run_resource('truesight', resources.BlackoutResource, api.connect, OPTIONS, mutually_exclusive=[('devices', 'selection'), ('end', 'duration')])


if __name__ == '__main__':
    main()
