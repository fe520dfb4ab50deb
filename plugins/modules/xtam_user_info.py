#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: xtam_user_info
short_description: Return the user signed in to Xton Access Manager
version_added: 0.1.0
description:
  - Signs in (or uses O(token)) and returns the current user from C(GET /rest/user/whoami).
  - Handy to check that credentials, an API token or a session work before a play does real work.
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.xtam
  - restauth.enterprise.attributes.INFO_MODULE
seealso:
  - module: restauth.enterprise.xtam_token
'''

EXAMPLES = r'''
- name: Who am I, signed in with an API token
  restauth.enterprise.xtam_user_info:
    url: https://pam.example.com/xtam
    api_token: "{{ xtam_api_token }}"
  register: me

- name: Greet
  ansible.builtin.debug:
    msg: "Hello {{ me.user.firstName }} {{ me.user.lastName }}"
'''

RETURN = r'''
user:
  description:
    - The signed-in user as XTAM answers it. C(firstName) and C(lastName) are always there; other keys
      (C(id), C(userName), C(email), ...) depend on the XTAM version.
  returned: always
  type: dict
  sample: {"id": "i-2qhyGh2UB0V", "userName": "jdoe", "firstName": "John", "lastName": "Doe", "email": "jdoe@example.com"}
'''

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.api import connect
from ansible_collections.restauth.enterprise.plugins.module_utils._module import RestAuthModule


def main():
    module = RestAuthModule('xtam')
    with module.connection(connect) as api:
        user = api.whoami()
    module.exit_json(changed=False, user=user)


if __name__ == '__main__':
    main()
