#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: discovery_run
short_description: Start, wait for or cancel a BMC Discovery snapshot run
version_added: 0.2.0
description:
  - With O(state=present), starts a snapshot discovery run of O(ranges) (C(POST /api/v<api_version>/discovery/runs))
    unless a run labelled O(label) is still running (C(GET /discovery/runs) lists the unfinished runs); a finished
    label starts a new run.
  - With O(wait), polls the run (C(GET /discovery/runs/<uuid>)) until it finishes.
  - 'With O(state=absent), cancels the unfinished runs labelled O(label) (C(PATCH /discovery/runs/<uuid>) with
    C({"cancelled": true})).'
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.discovery
  - restauth.enterprise.attributes.STATE_MODULE
options:
  label:
    description:
      - The run's label; it names the run for idempotency.
    type: str
    required: true
  ranges:
    description:
      - The IP addresses, ranges or subnets to scan, for example V(192.0.2.0/24). Required with O(state=present).
    type: list
    elements: str
  scan_level:
    description:
      - The scan level.
    type: str
    default: Full Discovery
  wait:
    description:
      - Wait until the run finishes (not in check mode).
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait with O(wait) before the task fails; the run goes on.
    type: int
    default: 3600
  state:
    description:
      - V(present) starts the run, V(absent) cancels it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Starting and cancelling runs needs the permission to run discovery besides C(api-access).
seealso:
  - module: restauth.enterprise.discovery_status
'''

EXAMPLES = r'''
- name: Scan a subnet and wait for the result
  restauth.enterprise.discovery_run:
    url: https://discovery.example.com
    username: "{{ discovery_user }}"
    password: "{{ discovery_password }}"
    label: nightly-dmz
    ranges: [192.0.2.0/24]
    wait: true
    wait_timeout: 7200
  register: scan

- name: Cancel it
  restauth.enterprise.discovery_run:
    url: https://discovery.example.com
    token: "{{ discovery_token }}"
    label: nightly-dmz
    state: absent
'''

RETURN = r'''
run:
  description:
    - The run as the appliance describes it (C(uuid), C(label), C(ranges), C(scan_level), C(scan_type), C(total),
      C(finished), C(cancelled), ...); in check mode the run that would start, with C(uuid) V(null).
    - V(null) when O(state=absent) found no unfinished run.
  returned: always
  type: dict
  sample: {"uuid": "6e1f0c2a9b3d4e5f", "label": "nightly-dmz", "ranges": ["192.0.2.0/24"], "finished": false}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery.protocol import DEFAULT_SCAN_LEVEL
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule

OPTIONS = dict(
    label=dict(type='str', required=True), ranges=dict(type='list', elements='str'),
    scan_level=dict(type='str', default=DEFAULT_SCAN_LEVEL), wait=dict(type='bool', default=False),
    wait_timeout=dict(type='int', default=3600), state=dict(type='str', default='present', choices=['present', 'absent']),
)


def main():
    module = RestAuthModule('discovery', OPTIONS, required_if=[('state', 'present', ('ranges',))])
    with module.connection(api.connect) as disco:
        result = resources.ensure_run(disco, module.params, module.check_mode)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
