#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: remedy_api
short_description: Call any BMC Remedy AR System REST endpoint with the collection's login
version_added: 0.2.0
description:
  - Sends one call to the BMC Remedy AR System REST API with the connection options of the collection's other remedy modules,
    so the login, O(token), O(token_cache), retries and the one new login when the server refuses a token all apply.
  - O(path) is relative to the API root, O(url) itself (paths start with C(/api/), for example C(/api/arsys/v1/entry/HPD:WorkLog)).
  - Sends the C(AR-JWT) header of the login, and reads AR System error arrays (C(ARERR)) into the message.
  - O(paginate) reads C(offset)/C(limit) pages of the C(entries) list until a page without C(_links.next).
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.remedy
  - restauth.enterprise.api
seealso:
  - module: restauth.enterprise.remedy_jwt_token
'''

EXAMPLES = r'''
- name: Read work log entries of an incident, every page
  restauth.enterprise.remedy_api:
    url: https://remedy.example.com:8443
    username: "{{ remedy_user }}"
    password: "{{ remedy_password }}"
    path: /api/arsys/v1/entry/HPD:WorkLog
    query:
      q: "'Incident Number' = \"INC000000000101\""
    paginate: true
  register: worklog

- name: Create an entry in a form no module covers
  restauth.enterprise.remedy_api:
    url: https://remedy.example.com:8443
    token: "{{ remedy_token }}"
    path: /api/arsys/v1/entry/CTM:People
    method: POST
    body:
      values:
        First Name: Ada
        Last Name: Lovelace
    status_code: [201]
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

from ansible_collections.restauth.enterprise.plugins.module_utils._api import run_api
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.api import API_SPEC


def main():
    run_api(API_SPEC, 'remedy')


if __name__ == '__main__':
    main()
