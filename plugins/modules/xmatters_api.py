#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_api
short_description: Call any xMatters REST endpoint with the collection's login
version_added: 0.2.0
description:
  - Sends one call to the xMatters REST API with the connection options of the collection's other xmatters modules,
    so the login, O(token), O(token_cache), retries and the one new login when the server refuses a token all apply.
  - O(path) is relative to the API root, O(url) + C(/api/xm/1), for example C(/people/jdoe).
  - Logs in with HTTP Basic (a password or an API key) or OAuth, and explains a 401 of an SSO user.
  - O(paginate) follows C(links.next) from C(limit=1000) pages and returns every C(data) item.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.api
seealso:
  - module: restauth.enterprise.xmatters_oauth_token
'''

EXAMPLES = r'''
- name: Every person, page after page
  restauth.enterprise.xmatters_api:
    url: https://acme.xmatters.com
    username: "{{ xm_api_key }}"
    password: "{{ xm_api_secret }}"
    path: /people
    paginate: true
  register: people
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

from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api
from ansible_collections.restauth.enterprise.plugins.module_utils._api import run_api


def main():
    run_api(api.API_SPEC, 'xmatters')


if __name__ == '__main__':
    main()
