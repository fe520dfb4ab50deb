# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: xtam_secret
short_description: Read a secret field of an Xton Access Manager record
version_added: 0.1.0
description:
  - Signs in to XTAM with the XTAM connection options, unlocks each record given as a term
    (C(GET /rest/record/unlock/<id>)) and returns one field of its C(custom) fields (O(field)),
    or all of them as a dictionary.
  - This is how a playbook pulls a privileged credential from XTAM into another task.
  - The result is a secret. Keep it in a C(set_fact) task with C(no_log), or pass it straight to the option that needs
    it in a task with C(no_log); never print it with C(ansible.builtin.debug).
  - Each connection option is taken from the first of, in this order, the lookup's keywords, an
    C(ansible_restauth_xtam_<option>) variable (for example C(ansible_restauth_xtam_url)), the vendor's
    environment variable (E(XTAM_URL), E(XTAM_API_TOKEN), ...) and last a vendor-neutral C(ansible_restauth_<option>) variable.
  - A URL and credentials (user name, password, tokens, keys, client certificate) are never combined when one
    comes from a vendor-neutral variable and the other from the vendor's own variables or environment; such a
    lookup fails without sending anything, since the neutral variables may be set for another vendor's server.
    Keywords go with either side.
author:
  - restauth.enterprise contributors (@restauth)
requirements:
  - requests
  - cryptography (only for the token cache, token_cache=true)
extends_documentation_fragment:
  - restauth.enterprise.lookup_xtam
options:
  _terms:
    description:
      - The ids of the records, for example V(i-2qhyGh2UB0V).
    required: true
    type: list
    elements: str
  field:
    description:
      - The field to return, for example V(Password), V(Secret) or V(User). Field names are case sensitive.
      - When not set, the whole C(custom) dictionary of each record is returned.
    type: str
notes:
  - Lookups run on the controller, so the environment variables are read there.
  - Jinja evaluates a lookup each time the expression is used; C(set_fact) once rather than putting the lookup in C(vars).
  - XTAM may audit each unlock.
seealso:
  - module: restauth.enterprise.xtam_record_info
  - plugin: restauth.enterprise.token
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Pull the root password of db01 from XTAM, without showing it
  ansible.builtin.set_fact:
    db01_password: "{{ lookup('restauth.enterprise.xtam_secret', 'i-2qhyGh2UB0V', field='Password',
                              url='https://pam.example.com/xtam', api_token=xtam_api_token) }}"
  no_log: true

- name: Use it in another task (a client configuration only its owner can read)
  ansible.builtin.copy:
    dest: /etc/app/db01.cnf
    content: |
      [client]
      user=root
      password={{ db01_password }}
    mode: "0600"
  no_log: true

- name: All fields of a record, connection from XTAM_* environment variables
  ansible.builtin.set_fact:
    db01: "{{ lookup('restauth.enterprise.xtam_secret', 'i-2qhyGh2UB0V') }}"
  no_log: true
'''

RETURN = r'''
_raw:
  description:
    - One element per term, the value of O(field) or, without O(field), the record's C(custom) dictionary.
  type: list
  elements: raw
'''

from ansible.errors import AnsibleLookupError

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.custom import secret_values
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import RestAuthError, scrub
from ansible_collections.restauth.enterprise.plugins.plugin_utils._vendor_lookup import VendorLookupBase, display, lookup_error


class LookupModule(VendorLookupBase):

    OWN_OPTIONS = ('field',)

    def run(self, terms, variables=None, **kwargs):
        self.load_options(variables, kwargs)
        if not terms:
            raise AnsibleLookupError("give the id of a record, for example lookup('restauth.enterprise.xtam_secret', 'i-2qhyGh2UB0V')")
        field = self.get_option('field')
        params = self.vendor_params('xtam', kwargs)
        api = self.connect('xtam', params, keep=False)
        found = []
        results = []
        try:
            for term in terms:
                record = api.unlock_record(str(term))
                if record is None:
                    raise AnsibleLookupError('Xton Access Manager: record %s does not exist, or the user may not see it' % term)
                custom = record['custom']
                found.extend(secret_values(custom))
                if field is None:
                    results.append(custom)
                elif field in custom:
                    results.append(custom[field])
                else:
                    raise AnsibleLookupError(
                        'Xton Access Manager: record %s has no field %r; its fields are %s (names are case sensitive)'
                        % (term, field, ', '.join(sorted(custom)) or 'none'))
        except RestAuthError as exc:
            raise lookup_error(exc, 'xtam', params, api)
        except AnsibleLookupError as exc:
            raise AnsibleLookupError(scrub(str(exc), found + api.client.secrets()))
        finally:
            secrets = api.client.secrets() + found  # before close() forgets the session
            for error in api.close():
                display.warning(scrub(str(error), secrets))
        return results
