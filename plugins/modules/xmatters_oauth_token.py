#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xmatters_oauth_token
short_description: Get an xMatters OAuth access token and refresh token
version_added: 0.1.0
description:
  - Asks the xMatters OAuth token endpoint (C(POST /api/xm/1/oauth2/token)) for an access token, with the
    password grant (O(client_id), O(username) and O(password)) or the refresh-token grant (O(client_id) and
    O(refresh_token)).
  - Returns the access token, ready for the O(ignore:token) option of the other xMatters modules or for a
    C(Authorization) header, and the refresh token that obtains the next access tokens without a password.
  - When O(refresh_token) is given it is used; O(username) and O(password) then only serve if the server refuses it.
  - With O(token) set (an access token obtained earlier), no token is requested; the server is asked whether it accepts
    that token (one read of C(/api/xm/1/people)), a refused token fails the task, and the token is returned with
    RV(ignore:changed=false). A new token is always a change.
  - O(auth_type) is ignored by this module, which always uses OAuth.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xmatters
  - restauth.enterprise.attributes.TOKEN
attributes:
  check_mode:
    details:
      - With no O(token), the module asks for a token in check mode too, because the later tasks of a check-mode run need
        one to read the server. A given O(token) is checked with one read, never a token request.
      - xMatters has no call that revokes a token, so the module has no O(state=absent).
options:
  state:
    description:
      - V(present) requests an access token, or checks the one given in O(token). xMatters offers no call that revokes a
        token, so there is no V(absent); an access token ends when its RV(expires_in) runs out.
    type: str
    choices: [present]
    default: present
notes:
  - O(client_id) is required when the module requests a token (here or in E(XMATTERS_CLIENT_ID)); it is shown in xMatters under Workflows > OAuth.
  - Register the result with C(no_log) on the task, so that the tokens do not appear in the output or logs.
  - OAuth needs an xMatters (Web/App) password, not an SSO password. With SSO, give the user a Web/App password and
    the Bypass SSO role, obtain a refresh token once, then use O(refresh_token); the role can then be removed.
  - When the server answers a refresh with the same refresh token it was given, Ansible masks it in RV(refresh_token)
    like every value of a secret option; keep using the one you gave.
  - When the server answers a refresh with a new refresh token (rotation), the one given in O(refresh_token) no longer
    works, and RV(refresh_token) is the one to store for the next refresh. With O(token_cache), the cache keeps the newest
    refresh token for the later tasks of the same controller. The other xMatters modules warn when a O(refresh_token)
    given to them was replaced that way.
seealso:
  - module: restauth.enterprise.xmatters_group
  - module: restauth.enterprise.xmatters_group_info
  - plugin: restauth.enterprise.token
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Get a token with the password grant
  restauth.enterprise.xmatters_oauth_token:
    url: https://acme.xmatters.com
    client_id: "{{ xm_client_id }}"
    username: "{{ xm_user }}"
    password: "{{ xm_password }}"
  register: xm_login
  no_log: true

- name: Use the access token in the other xMatters modules
  restauth.enterprise.xmatters_group_info:
    url: https://acme.xmatters.com
    token: "{{ xm_login.access_token }}"

- name: Later, get a new access token from the refresh token (no password needed)
  restauth.enterprise.xmatters_oauth_token:
    url: https://acme.xmatters.com
    client_id: "{{ xm_client_id }}"
    refresh_token: "{{ xm_login.refresh_token }}"
  register: xm_refreshed
  no_log: true

- name: Call an endpoint the collection has no module for
  ansible.builtin.uri:
    url: https://acme.xmatters.com/api/xm/1/people?limit=10
    ca_path: /etc/pki/xmatters-ca.pem
    headers:
      Authorization: "Bearer {{ xm_refreshed.access_token }}"
  no_log: true
'''

RETURN = r'''
access_token:
  description: The OAuth access token. Pass it to the O(ignore:token) option of the other xMatters modules.
  returned: success
  type: str
  sample: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl
refresh_token:
  description:
    - The refresh token, for O(refresh_token) of later tasks or runs. It lasts until revoked in xMatters.
    - The server may send a new one with each refresh (rotation); always keep the newest.
    - For a given O(token), the O(refresh_token) given with it, or V(null).
  returned: success
  type: str
  sample: eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJyZWZyZXNoIn0.c2lnbmF0dXJl
expires_in:
  description:
    - The lifetime of the access token in seconds, as the server sent it (900 when it sent none).
    - V(null) for a given O(token), whose lifetime the server does not tell.
  returned: success
  type: int
  sample: 900
expires_at:
  description:
    - When the access token expires, in ISO 8601 UTC.
    - V(null) for a given O(token), whose lifetime the server does not tell.
  returned: success
  type: str
  sample: '2026-11-22T21:20:00Z'
token_type:
  description: The token type, V(bearer).
  returned: success
  type: str
  sample: bearer
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._module import run_token


def main():
    run_token('xmatters', resources.OAuthTokenResource, api.token_connect, dict(state=dict(type='str', default='present', choices=['present'])))


if __name__ == '__main__':
    main()
