#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: token_cache
short_description: Log out and remove the logins kept in the restauth.enterprise token cache
version_added: 0.2.0
description:
  - Ends the logins that tasks with O(restauth.enterprise.remedy_entry#module:token_cache=true) left in the token cache. Each selected login is logged
    out on its server (where the vendor has a logout) and its entry removed. It works on the cache the tasks used (the directory on this node or the
    Redis or Valkey server O(token_cache_url) names), on the entries sealed with the same key (C(RESTAUTH_CACHE_KEY), or the key file of the directory).
  - Runs where the cache is, usually the controller (C(localhost)); it needs no vendor credentials, the cache holds the logins.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.attributes.ACTION_GROUP_TOKEN_CACHE
  - restauth.enterprise.attributes.STATE_MODULE
attributes:
  check_mode:
    details: Lists the logins it would log out and remove, and changes nothing.
  diff_mode:
    details: The vendor and URL of each login before and after; never a token.
options:
  state:
    description: V(absent) logs out and removes the selected cached logins.
    type: str
    choices: [absent]
    default: absent
  vendor:
    description: Only the logins of this vendor. Default every vendor.
    type: str
    choices: [discovery, remedy, sps, truesight, xmatters, xtam]
  url:
    description: Only the logins of this server, the O(restauth.enterprise.remedy_entry#module:url) the tasks used. Default every server.
    type: str
  token_cache_url:
    description:
      - The cache, as the tasks named it. Unset or V(file:///<directory>) is the cache directory on this node (C(RESTAUTH_CACHE_DIR),
        default C(~/.cache/restauth)); V(redis://), V(rediss://) or V(unix://) a Redis or Valkey server.
      - A server password in it (V(redis://:<password>@host:6379/0)) is kept out of output and logs. If not set, E(RESTAUTH_CACHE_URL) is used.
    type: str
  ca_path:
    description: A PEM file of the CA that signed the servers' certificates, for the logout requests. Default what the task that logged in used.
    type: path
  validate_certs:
    description: Verify the servers' TLS certificates for the logout requests. Default what the task that logged in used.
    type: bool
  timeout:
    description: Seconds to wait for the cache server and for each logout answer.
    type: int
    default: 30
notes:
  - A token without logout (xMatters OAuth, BMC Discovery; it expires on its own) or a login the server no longer knows (expired, logged out elsewhere)
    is removed and reported with RV(logins[].logged_out=false) and a RV(logins[].note).
seealso:
  - module: restauth.enterprise.remedy_entry
  - ref: ansible_collections.restauth.enterprise.docsite.guide_reusing_logins
    description: Reusing logins, the token cache and its security model.
'''

EXAMPLES = r'''
- name: At the end of the workflow, log out every login the jobs cached on the shared server
  restauth.enterprise.token_cache:
    state: absent
    token_cache_url: redis://cache.example.com:6379/0
  environment:
    RESTAUTH_CACHE_KEY: "{{ cache_key }}"
    RESTAUTH_CACHE_PASSWORD: "{{ cache_password }}"
  delegate_to: localhost
  run_once: true

- name: Only the Remedy logins of one server, from the cache directory of this controller
  restauth.enterprise.token_cache:
    vendor: remedy
    url: https://itsm.example.com:8443
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
logins:
  description: One item per vendor and server whose cached entries were selected, logged out and removed (in check mode, those that would be).
  returned: always
  type: list
  elements: dict
  contains:
    vendor:
      description: The vendor's name.
      type: str
      sample: BMC Remedy AR System
    url:
      description: The server the entries are for.
      type: str
      sample: https://itsm.example.com:8443
    removed:
      description: What each removed entry held, logins first. V(login) a login; V(api_version) the API version BMC Discovery negotiated (no logout).
      type: list
      elements: str
      sample: [login, api_version]
    logged_out:
      description: Whether the server confirmed the logout of every cached login of this server (false when no login was cached).
      type: bool
      sample: true
    note:
      description: Why RV(logins[].logged_out) is false, for example that the vendor documents no logout. Not returned in check mode.
      returned: when logged_out is false, outside check mode
      type: str
      sample: "BMC Discovery documents no logout or revoke call: the cached token was removed, and stays valid until it expires"
'''

from ansible.module_utils.basic import AnsibleModule, env_fallback

from ansible_collections.restauth.enterprise.plugins.module_utils._cache import URL_ENV, CacheUnavailable, TokenCache
from ansible_collections.restauth.enterprise.plugins.module_utils._cache_purge import purge
from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY  # every vendor's logout travels with the module


def main():
    module = AnsibleModule(
        argument_spec={
            'state': {'type': 'str', 'choices': ['absent'], 'default': 'absent'},
            'vendor': {'type': 'str', 'choices': sorted(REGISTRY)},
            'url': {'type': 'str'},
            'token_cache_url': {'type': 'str', 'no_log': True, 'fallback': (env_fallback, [URL_ENV])},
            'ca_path': {'type': 'path'},
            'validate_certs': {'type': 'bool'},
            'timeout': {'type': 'int', 'default': 30},
        },
        supports_check_mode=True,
    )
    params = module.params
    title = REGISTRY[params['vendor']].title if params['vendor'] else None
    try:
        cache = TokenCache.from_environment(url=params['token_cache_url'], timeout=params['timeout'])
        logins = purge(cache, vendor_title=title, url=params['url'], check_mode=module.check_mode, ca_path=params['ca_path'],
                       validate_certs=params['validate_certs'], timeout=params['timeout'], warn=module.warn)
    except CacheUnavailable as exc:
        module.fail_json(msg='token_cache: the cache cannot be used: %s' % exc)
    diff = {'before': {'logins': ['%s %s' % (login['vendor'], login['url']) for login in logins]}, 'after': {'logins': []}}
    module.exit_json(changed=bool(logins), logins=logins, diff=diff)


if __name__ == '__main__':
    main()
