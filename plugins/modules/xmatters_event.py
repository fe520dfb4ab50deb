#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_event
short_description: Trigger an xMatters alert, or suspend, resume or terminate an event
version_added: 0.2.0
description:
  - "Triggers an alert: through the HTTP trigger of a flow or an inbound integration (O(trigger_url)), or through a form
    (O(form_id), C(POST /api/xm/1/forms/{form_id}/triggers)), with the O(properties), O(recipients), O(priority) and O(conference) given.
    A trigger is an act, not a state: it is sent on every run and always reports C(changed); in check mode nothing is sent."
  - "Or changes the status of an existing event (O(event_id) with O(status)): C(POST /api/xm/1/events) with its C(id) and the new status. An event that
    already has that status is left alone (C(changed=false), nothing sent); a terminated event is final: asking another status fails."
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.STATE_MODULE
attributes:
  check_mode:
    details: A trigger is not sent and reports C(changed). A status change reads the event and reports what it would change.
  diff_mode:
    support: partial
    details: A status change shows the status before and after; a trigger has no diff.
options:
  trigger_url:
    description:
      - The URL of the HTTP trigger of a flow (Flow Designer) or of an inbound integration on the instance of O(url),
        C(https://<instance>/api/integration/1/functions/<uuid>/triggers). One of O(trigger_url), O(form_id) and O(event_id) is required.
      - It may carry the trigger's own key as C(?apiKey=...). Then no login is made (O(username), O(password) and the OAuth options are not needed), and the
        key is never shown in messages, in C(-vvv) output or in the task's invocation, as this option is C(no_log). Without an C(apiKey), the request
        carries the collection's login (Basic or OAuth).
    type: str
  form_id:
    description: The id of the form (of a communication plan or workflow) to trigger an event with.
    type: str
  properties:
    description: The values of the form's or flow's properties, by property name.
    type: dict
  recipients:
    description:
      - Who to notify (without it, the form's or flow's default recipients). Each item is a name (C(targetName)) of a person, group or device, or a dict
        with C(id) (a C(targetName) or UUID) and C(recipientType) (C(PERSON), C(GROUP), C(DEVICE)).
      - 'A name is sent as C({"targetName": name}) to a O(trigger_url) and as C({"id": name}) to a form.'
    type: list
    elements: raw
  priority:
    description: The priority of the event.
    type: str
    choices: [LOW, MEDIUM, HIGH]
  conference:
    description: The conference bridge of the event, sent as given in the trigger's C(conference) object, for example C(bridgeId) and C(type) (V(BRIDGE)).
    type: dict
  event_id:
    description: The event whose status to change, by its C(id) (a UUID) or its number (C(eventId)).
    type: str
  status:
    description: The status the event must have, required with O(event_id). V(SUSPENDED) pauses notifications, V(ACTIVE) resumes them, V(TERMINATED) ends it.
    type: str
    choices: [ACTIVE, SUSPENDED, TERMINATED]
seealso:
  - module: restauth.enterprise.xmatters_event_info
  - module: restauth.enterprise.xmatters_oncall_info
  - name: xMatters REST API, events
    description: Trigger an event with a form, and change the status of an event.
    link: https://help.xmatters.com/xmapi/index.html#events
'''

EXAMPLES = r'''
- name: Page the database team through a flow's HTTP trigger (its URL carries the apiKey)
  restauth.enterprise.xmatters_event:
    url: https://acme.xmatters.com
    trigger_url: "{{ xm_trigger_url }}"
    properties:
      Summary: Disk full on db01
      Host: db01
    recipients: [Database Team]
    priority: HIGH
  register: alert

- name: Trigger a form with an API key login
  restauth.enterprise.xmatters_event:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    form_id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e
    properties: {Summary: Nightly backup failed}
    recipients: [{id: Operations, recipientType: GROUP}]
  register: form_alert

- name: Terminate that event once the disk is cleaned
  restauth.enterprise.xmatters_event:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    event_id: "{{ form_alert.event_id }}"
    status: TERMINATED
'''

RETURN = r'''
request_id:
  description:
    - The id of the trigger request (C(requestId)); find the event it created with M(restauth.enterprise.xmatters_event_info) and
      O(restauth.enterprise.xmatters_event_info#module:request_id). V(null) in check mode and for a status change.
  returned: when triggering
  type: str
  sample: 8526acfc-451c-42cc-ab39-2360bbacd3e0
event_id:
  description: The C(id) of the event a form trigger created (V(null) for an HTTP trigger, which answers with its request id only).
  returned: when triggering
  type: str
  sample: dbc9b503-28b7-4bf8-9eea-5d13b58e154e
event:
  description: The event after the status change, as the server answers it, with its properties (in check mode, as it would be).
  returned: when changing a status
  type: dict
  sample: {"id": "dbc9b503-28b7-4bf8-9eea-5d13b58e154e", "eventId": "1000002", "status": "TERMINATED", "priority": "HIGH",
           "properties": {"Summary": "Disk full on db01"}, "links": {"self": "/api/xm/1/events/dbc9b503-28b7-4bf8-9eea-5d13b58e154e"}}
diff:
  description: The status before and after a status change.
  returned: when changing a status
  type: dict
  sample: {"before": {"status": "ACTIVE"}, "after": {"status": "TERMINATED"}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import events, protocol

OPTIONS = dict(
    trigger_url=dict(type='str', no_log=True), form_id=dict(type='str'), properties=dict(type='dict'), recipients=dict(type='list', elements='raw'),
    priority=dict(type='str', choices=list(protocol.EVENT_PRIORITIES)), conference=dict(type='dict'),
    event_id=dict(type='str'), status=dict(type='str', choices=list(protocol.EVENT_STATUSES)),
)
TARGETS = ('trigger_url', 'form_id', 'event_id')


def main():
    events.run_event(RestAuthModule('xmatters', OPTIONS, mutually_exclusive=[TARGETS], required_one_of=[TARGETS], required_together=[('event_id', 'status')]))


if __name__ == '__main__':
    main()
