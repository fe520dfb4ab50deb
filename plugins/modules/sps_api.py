#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: sps_api
short_description: Call any One Identity Safeguard for Privileged Sessions REST endpoint with the collection's login
version_added: 0.2.0
description:
  - Sends one call to the One Identity Safeguard for Privileged Sessions REST API with the connection options of the collection's other sps modules,
    so the login, O(token), O(token_cache), retries and the one new login when the server refuses a token all apply.
  - O(path) is relative to the API root, O(url) + C(/api), for example C(/configuration/management/email).
  - Sends the session cookie (or the API key) of the login.
  - A write under C(/configuration/) is made in a configuration transaction, opened, committed, and rolled back when the call
    or the commit fails (O(transaction=auto)). An API-key login cannot commit, and such a write fails before anything is sent.
  - O(paginate) reads C(offset)/C(limit) pages of the C(items) list until a page whose C(meta) names no C(next).
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.sps
  - restauth.enterprise.api
options:
  transaction:
    description:
      - V(auto) makes a write under C(/configuration/) in a transaction (open, commit, and roll back on failure).
      - V(none) sends the call as it is (for example inside a transaction you manage with other calls of this module).
    type: str
    choices: [auto, none]
    default: auto
seealso:
  - module: restauth.enterprise.sps_token
'''

EXAMPLES = r'''
- name: Read the e-mail settings
  restauth.enterprise.sps_api:
    url: https://sps.example.com
    username: admin
    password: "{{ sps_password }}"
    path: /configuration/management/email
  register: email

- name: Change them, in a transaction the module commits
  restauth.enterprise.sps_api:
    url: https://sps.example.com
    username: admin
    password: "{{ sps_password }}"
    path: /configuration/management/email
    method: PUT
    body: "{{ email.json.body | combine({'admin_address': 'ops@example.com'}) }}"
'''

RETURN = r'''
status:
  description: The HTTP status of the answer; V(null) in check mode when the call was not sent.
  returned: unless O(paginate=true)
  type: int
  sample: 200
json:
  description: The decoded JSON body, or V(null) when the body is empty or not JSON.
  returned: unless O(paginate=true)
  type: raw
content:
  description: The body as text, when it is not JSON.
  returned: when the body is not empty and not JSON
  type: str
headers:
  description: The response headers, without C(Set-Cookie) (the login's cookies are the collection's).
  returned: unless O(paginate=true)
  type: dict
items:
  description: Every item of every page, in the server's order.
  returned: with O(paginate=true)
  type: list
  elements: raw
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps
from ansible_collections.restauth.enterprise.plugins.module_utils._api import run_api


def main():
    run_api(sps.API_SPEC, 'sps')


if __name__ == '__main__':
    main()
