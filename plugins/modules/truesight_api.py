#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: truesight_api
short_description: Call any BMC TrueSight Presentation Server REST endpoint with the collection's login
version_added: 0.2.0
description:
  - Sends one call to the BMC TrueSight Presentation Server REST API with the connection options of the collection's other truesight modules,
    so the login, O(token), O(token_cache), retries and the one new login when the server refuses a token all apply.
  - O(path) is relative to the API root, O(url) itself (paths start with C(/tsws/), for example C(/tsws/10.0/api/unifiedadmin/Policy/list)).
  - Sends the C(authToken) of the login; an answer whose envelope C(statusCode) is not 2xx fails the task, whatever its HTTP status.
  - TrueSight has no paging the module follows.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.truesight
  - restauth.enterprise.api
seealso:
  - module: restauth.enterprise.truesight_token
'''

EXAMPLES = r'''
- name: List monitoring policies (a POST that only reads, so it also runs in check mode)
  restauth.enterprise.truesight_api:
    url: https://tsps.example.com
    username: "{{ tsps_user }}"
    password: "{{ tsps_password }}"
    path: /tsws/10.0/api/unifiedadmin/Policy/list
    method: POST
    body: {}
    read_only: true
  register: policies
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

from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api as truesight_api
from ansible_collections.restauth.enterprise.plugins.module_utils._api import run_api


def main():
    run_api(truesight_api.API_SPEC, 'truesight')


if __name__ == '__main__':
    main()
