#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: sps_config
short_description: Change the configuration of One Identity Safeguard for Privileged Sessions in a transaction
version_added: 0.1.0
description:
  - Makes one configuration object of SPS (under C(/api/configuration/)) match O(body), or deletes an item of a list. Before reading, the module
    checks that the session holds no open transaction (C(GET /api/transaction)) left by an earlier task (this task would read its pending changes and
    commit them with its own), so it fails and names them. The module reads the object first and compares. Only when it differs does it open a
    configuration transaction, send the whole new body (C(PUT)), create the item (C(POST) to the list) or delete it (C(DELETE)), and commit.
  - When anything fails after the transaction was opened, including the commit, the module rolls the transaction back (C(DELETE /api/transaction));
    when the rollback fails too, the message says where the pending change is left. When the commit went through but reading the object back failed,
    the task fails with C(changed=true) and says so.
  - A transaction locks the SPS configuration, like an administrator editing in the web UI; when another session holds the lock, the module fails and
    says so (HTTP 409). API keys cannot commit transactions, so a change with O(auth_type=api_key) fails before anything is sent, in check mode too.
    Reading (no change needed) works with any login.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.sps
  - restauth.enterprise.attributes.STATE_MODULE
options:
  path:
    description:
      - The object or list under C(/api/configuration/) (that prefix may be given), for example V(management/email) or V(aaa/local_database/groups).
      - It may also name one item of a list by its key, for example V(aaa/local_database/groups/ca2dc85730ca082ee6b5c8). Then O(state=present) updates
        that item, and O(state=absent) deletes it (and changes nothing when it is already gone).
    type: str
    required: true
  body:
    description:
      - 'The fields the object must hold, in the JSON shape of SPS (for example C({"selection": "fqdn", "value": "..."}) for choice fields). Required
        with O(state=present).'
    type: dict
  merge:
    description:
      - V(true) lays O(body) over the current object, nested objects too (fields not given keep their values); V(false) makes it exactly O(body).
    type: bool
    default: true
  match:
    description:
      - 'For a list O(path), the body fields that identify the item, for example C({name: ops}). No item matches and O(state=present) creates it from
        O(match) and O(body); one matches and it is updated when it differs; O(state=absent) deletes it. Several matches fail the task.'
    type: dict
  key:
    description: For a list O(path), the SPS key of the item, instead of O(match).
    type: str
  state:
    description: V(present) makes the object match O(body); V(absent) deletes the list item named by O(match), O(key) or O(path).
    type: str
    choices: [present, absent]
    default: present
  commit_message:
    description: The commit message, for SPS systems whose accounting settings require one.
    type: str
  secret_keys:
    description: Field names whose values are masked in RV(body) and RV(diff) and hidden from the output, at any depth.
    type: list
    elements: str
    default: [password, passphrase, secret, token, private_key, api_key, plain, key_passphrase]
notes:
  - SPS keeps passwords and private keys as separate write-only objects referenced by key; manage those references, not the secrets, with this module.
    After a commit of authentication or cluster settings, SPS may end the session.
  - 'With O(path=passwords) or O(path=private_keys) (write-only lists) the module creates a new object from O(body), for example C({"plain": "..."}),
    without reading first, because SPS permits no GET there. It cannot compare, so every run creates one, reports C(changed) and warns why.
    O(key), O(match) and O(state=absent) are refused on those paths.'
seealso:
  - module: restauth.enterprise.sps_token
'''

EXAMPLES = r'''
- name: Set the e-mail addresses of SPS (other fields keep their values)
  restauth.enterprise.sps_config:
    url: https://sps.example.com
    token: "{{ sps_login.token }}"
    path: management/email
    body: {admin_address: sps-admins@example.com, smtp_server: {selection: fqdn, value: smtp.example.com}}

- name: Make sure the local group ops exists with these members
  restauth.enterprise.sps_config:
    url: https://sps.example.com
    token: "{{ sps_login.token }}"
    path: aaa/local_database/groups
    match: {name: ops}
    body: {members: [alice, bob]}

- name: Delete the local group legacy
  restauth.enterprise.sps_config:
    url: https://sps.example.com
    token: "{{ sps_login.token }}"
    path: aaa/local_database/groups
    match: {name: legacy}
    state: absent
'''

RETURN = r'''
key:
  description: The SPS key of the object (of a single object, the last part of its path, for example V(email)); V(null)
    for an item created in check mode or that did not exist.
  returned: always
  type: str
  sample: ca2dc85730ca082ee6b5c8
body:
  description:
    - The object after the change as SPS answers it (in check mode, as it would be), secret fields masked.
    - With O(state=absent), the object deleted (V(null) when there was none).
  returned: always
  type: dict
  sample: {"name": "ops", "members": ["alice", "bob"]}
diff:
  description: The fields that change, before and after (a deletion, the object before), secret fields masked.
  returned: always
  type: dict
  sample: {"before": {"admin_address": "admin@example.com"}, "after": {"admin_address": "sps-admins@example.com"}}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_resource

OPTIONS = dict(
    path=dict(type='str', required=True), body=dict(type='dict'), merge=dict(type='bool', default=True), match=dict(type='dict'),
    key=dict(type='str', no_log=False), state=dict(type='str', default='present', choices=['present', 'absent']),
    commit_message=dict(type='str'), secret_keys=dict(type='list', elements='str', default=list(resources.DEFAULT_SECRET_KEYS), no_log=False),
)


def prepare(module):
    """Mask the secret fields of body wherever the task's output shows them."""
    module.hide(resources.secret_values(module.params['body'] or {}, frozenset(module.params['secret_keys'])))
    return module.params


def main():
    run_resource('sps', resources.ConfigResource, sps.connect, OPTIONS, prepare=prepare,
                 mutually_exclusive=[('match', 'key')], required_if=[('state', 'present', ('body',))])


if __name__ == '__main__':
    main()
