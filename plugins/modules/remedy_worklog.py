#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: remedy_worklog
short_description: Add a work log, with attachments, to a BMC Remedy AR System incident
version_added: 0.2.0
description:
  - Makes sure the incident O(incident_number) has a work log with the summary O(summary) and the notes O(notes),
    as an entry of the form O(form) (V(HPD:WorkLog)).
  - A work log with the same incident, summary and notes that is already there is left as it is (V(changed=false)),
    so a rerun adds nothing. A work log is a record, so O(log_type), O(view_access) and O(attachments) apply when it is
    created and are not compared afterwards.
  - Files in O(attachments) are sent with the work log in one multipart request, byte for byte.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.remedy
  - restauth.enterprise.attributes.STATE_MODULE
options:
  incident_number:
    description:
      - The incident the work log belongs to, for example V(INC000000000101) (its C(Incident Number)).
    type: str
    required: true
  summary:
    description:
      - The summary of the work log (its C(Description) field).
    type: str
    required: true
  notes:
    description:
      - The text of the work log (its C(Detailed Description) field).
    type: str
  log_type:
    description:
      - The C(Work Log Type), for example V(General Information) or V(Working Log).
    type: str
    default: General Information
  view_access:
    description:
      - Who may see the work log (C(View Access)) - V(Internal) (support staff) or V(Public) (the customer too).
    type: str
    choices: [Internal, Public]
    default: Internal
  attachments:
    description:
      - Up to three local files to attach (on the node that runs the task), sent as the attachment fields
        C(z2AF Work Log01) to C(z2AF Work Log03), each named by its file name.
      - Every file is checked before any request is sent; a missing file, more than three files or a file larger
        than 10 MiB fails the task without contacting the server.
    type: list
    elements: path
  form:
    description:
      - The work log form.
    type: str
    default: HPD:WorkLog
notes:
  - In check mode the module looks for the work log and reports whether it would add it, and sends no write.
seealso:
  - module: restauth.enterprise.remedy_entry
  - module: restauth.enterprise.remedy_jwt_token
'''

EXAMPLES = r'''
- name: Note the disk cleanup on the incident, with the log file
  restauth.enterprise.remedy_worklog:
    url: https://itsm.example.com:8443
    token: "{{ remedy_login.token }}"
    incident_number: "{{ created['values']['Incident Number'] }}"
    summary: Disk cleaned up
    notes: Removed old logs from /var/log; 12 GB free again.
    log_type: Working Log
    view_access: Public
    attachments:
      - /tmp/cleanup.log
'''

RETURN = r'''
entry_id:
  description: The id of the work log added or found. V(null) in check mode when it would be added.
  returned: always
  type: str
  sample: '000000000000101'
values:
  description:
    - The work log's fields - when it is added, what was sent (attachment fields hold the file names); when it was
      there already, what the server holds.
  returned: always
  type: dict
  sample: {"Incident Number": "INC000000000101", "Description": "Disk cleaned up", "Work Log Type": "Working Log",
           "View Access": "Public", "z2AF Work Log01": "cleanup.log"}
diff:
  description: The fields of the work log added (empty when it was there already).
  returned: always
  type: dict
  sample: {"before": {}, "after": {"Description": "Disk cleaned up"}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.resources import WorklogResource, check_attachments

OPTIONS = dict(
    incident_number=dict(type='str', required=True), summary=dict(type='str', required=True), notes=dict(type='str'),
    log_type=dict(type='str', default='General Information'),
    view_access=dict(type='str', default='Internal', choices=['Internal', 'Public']),
    attachments=dict(type='list', elements='path'), form=dict(type='str', default='HPD:WorkLog'),
)


def prepare(module):
    """Check the attachments before any request; a work log is only ever added (state present)."""
    try:
        check_attachments(module.params['attachments'])
    except OptionError as exc:
        module.fail_on(exc)
    module.params['state'] = 'present'
    return module.params


def main():
    run_resource('remedy', WorklogResource, connect, OPTIONS, prepare=prepare)


if __name__ == '__main__':
    main()
