#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: sps_login_methods_info
short_description: List the login methods of One Identity Safeguard for Privileged Sessions
version_added: 0.1.0
description:
  - Reads C(GET /api/authentication/login_methods), which SPS answers without any login, and returns
    the login methods it offers (local database, LDAP, RADIUS, X.509, ...).
  - The id of a method is what the O(restauth.enterprise.sps_token#module:login_method) option of the other SPS modules takes.
  - Nothing is logged in, so the module has no credential, token or token cache options. Those that the play's
    C(module_defaults) for the SPS action group give are left out for this module.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.sps.ANONYMOUS
  - restauth.enterprise.attributes.INFO_MODULE
seealso:
  - module: restauth.enterprise.sps_token
'''

EXAMPLES = r'''
- name: Which login methods does SPS offer?
  restauth.enterprise.sps_login_methods_info:
    url: https://sps.example.com
    ca_path: /etc/pki/sps-ca.pem
  register: sps_methods

- name: Log in with the first X.509 method
  restauth.enterprise.sps_token:
    url: https://sps.example.com
    client_cert: /etc/pki/ansible.crt
    client_key: /etc/pki/ansible.key
    login_method: "{{ (sps_methods.login_methods | selectattr('type', 'equalto', 'x509') | first).id }}"
  register: sps_login
  no_log: true
'''

RETURN = r'''
login_methods:
  description:
    - The login methods as SPS lists them. Each usually has C(id) (the value for O(restauth.enterprise.sps_token#module:login_method)), C(name) and
      C(type) (V(password) or V(x509)); other keys SPS sends are returned as they are.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "local", "name": "Local database", "type": "password"}, {"id": "certs", "name": "Client certificate", "type": "x509"}]
'''

import functools

from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule('sps', anonymous=True)
    with module.connection(functools.partial(sps.connect, anonymous=True)) as api:
        methods = api.login_methods()
    module.exit_json(changed=False, login_methods=methods)


if __name__ == '__main__':
    main()
