#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xtam_api
short_description: Call any Xton Access Manager REST endpoint with the collection's login
version_added: 0.2.0
description:
  - Sends one call to the Xton Access Manager REST API with the connection options of the collection's other xtam modules,
    so the login, O(token), O(token_cache), retries and the one new login when the server refuses a token all apply.
  - O(path) is relative to the API root, O(url) + C(/rest), for example C(/folder/list/i-2Zh30SUCq7c).
  - Sends the session cookie of the sign-in (Basic or federated), with the C(X-XSRF-TOKEN) header that data-modifying calls need.
  - XTAM has no paging the module follows.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xtam
  - restauth.enterprise.api
seealso:
  - module: restauth.enterprise.xtam_token
'''

EXAMPLES = r'''
- name: List a folder
  restauth.enterprise.xtam_api:
    url: https://pam.example.com/xtam
    username: "{{ xtam_user }}"
    password: "{{ xtam_password }}"
    path: /folder/list/i-2Zh30SUCq7c
  register: folder
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

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.api import API_SPEC
from ansible_collections.restauth.enterprise.plugins.module_utils._api import run_api


def main():
    run_api(API_SPEC, 'xtam')


if __name__ == '__main__':
    main()
