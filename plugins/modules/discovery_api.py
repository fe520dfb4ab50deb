#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: discovery_api
short_description: Call any BMC Discovery REST endpoint with the collection's login
version_added: 0.2.0
description:
  - Sends one request to the BMC Discovery REST API with the login of the connection options (the Bearer token from
    C(/api/token), or O(token)), its retries and its one new login when the token is refused.
  - O(path) is relative to C(<url>/api/v<api_version>), for example C(/data/kinds/Host) or C(/vault/credential_types).
  - Errors C({message, code, transient}) are read into the task's message; an answer marked C(transient) is retried
    like a 503 where the method allows it.
  - With O(paginate), a GET of a C(results_id)/C(next_offset) list (such as C(/data/search), with the search in
    O(query)) is read to its end and every row is returned in RV(items).
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.discovery
  - restauth.enterprise.api
seealso:
  - module: restauth.enterprise.discovery_search_info
'''

EXAMPLES = r'''
- name: Read the node kinds the appliance knows
  restauth.enterprise.discovery_api:
    url: https://discovery.example.com
    username: "{{ discovery_user }}"
    password: "{{ discovery_password }}"
    path: /vault/credentials
  register: credentials

- name: Every row of a search, paged by results_id
  restauth.enterprise.discovery_api:
    url: https://discovery.example.com
    token: "{{ discovery_token }}"
    path: /data/search
    query:
      query: search Host show name
      format: object
    paginate: true
  register: hosts
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

from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api
from ansible_collections.restauth.enterprise.plugins.module_utils._api import run_api


def main():
    run_api(api.API_SPEC, 'discovery')


if __name__ == '__main__':
    main()
