# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: api
short_description: Read any endpoint of a vendor's REST API with the collection's login
version_added: 0.2.0
description:
  - Logs in with the vendor's connection options, sends one GET (or follows the vendor's pages with O(paginate)), logs out,
    and returns the decoded JSON answer (with O(paginate), the list of every item).
  - The path is relative to the vendor's API root, as for the C(<vendor>_api) modules (for example
    M(restauth.enterprise.xmatters_api)) - V(remedy) and V(truesight) the URL itself, V(sps) C(/api), V(xtam) C(/rest),
    V(xmatters) C(/api/xm/1), V(discovery) C(/api/v<api_version>).
  - Each connection option is taken from the first of, in this order, the lookup's keywords, an
    C(ansible_restauth_<vendor>_<option>) variable (for example C(ansible_restauth_sps_url)), the vendor's
    environment variable (E(SPS_URL), ...) and last a vendor-neutral C(ansible_restauth_<option>) variable.
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
  - restauth.enterprise.lookup_connection
options:
  _terms:
    description:
      - The vendor (one of V(remedy), V(sps), V(xtam), V(xmatters), V(truesight), V(discovery)), then the path to read.
    required: true
    type: list
    elements: str
  query:
    description:
      - Query parameters, encoded by the lookup.
    type: dict
  paginate:
    description:
      - Follow the vendor's paging (Remedy, SPS, xMatters) and return every item.
    type: bool
    default: false
notes:
  - Lookups run on the controller, so the environment variables are read there.
  - Lookups ignore check mode; the lookup only reads.
  - The answer is returned as the server sent it; it is not masked.
seealso:
  - module: restauth.enterprise.xmatters_api
  - module: restauth.enterprise.remedy_api
  - plugin: restauth.enterprise.token
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: One xMatters person, connection from XMATTERS_URL, XMATTERS_USERNAME and XMATTERS_PASSWORD
  ansible.builtin.debug:
    msg: "{{ lookup('restauth.enterprise.api', 'xmatters', '/people/jdoe') }}"

- name: Every xMatters group, page after page
  ansible.builtin.set_fact:
    groups: "{{ lookup('restauth.enterprise.api', 'xmatters', '/groups', paginate=true, url=xm_url, username=xm_key, password=xm_secret) }}"

- name: The SPS e-mail settings
  ansible.builtin.set_fact:
    email: "{{ lookup('restauth.enterprise.api', 'sps', '/configuration/management/email', url=sps_url) }}"
'''

RETURN = r'''
_raw:
  description:
    - A list with one element, the decoded JSON answer (null when the answer is not JSON), or with O(paginate) the list of items.
  type: list
  elements: raw
'''

from ansible.errors import AnsibleLookupError

from ansible_collections.restauth.enterprise.plugins.module_utils._api import API_OPTIONS, call, check_params
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import RestAuthError
from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY
from ansible_collections.restauth.enterprise.plugins.plugin_utils._vendor_lookup import VendorLookupBase, lookup_error


class LookupModule(VendorLookupBase):

    OWN_OPTIONS = ('query', 'paginate')

    def run(self, terms, variables=None, **kwargs):
        self.load_options(variables, kwargs)
        if len(terms) != 2:
            raise AnsibleLookupError("give the vendor and the path, for example lookup('restauth.enterprise.api', 'xmatters', '/people/jdoe')")
        vendor = self.vendor_name(terms[0])
        spec = REGISTRY[vendor].api_spec
        params = self.vendor_params(vendor, kwargs)
        wanted = dict((name, option.get('default')) for name, option in API_OPTIONS.items())
        wanted.update(path=str(terms[1]), query=self.get_option('query'), paginate=self.get_option('paginate'), transaction='none')
        try:
            check_params(spec, wanted, REGISTRY[vendor].title)
        except RestAuthError as exc:
            raise lookup_error(exc, vendor, params)
        api = self.connect(vendor, params, keep=False)
        try:
            result = call(spec, api, wanted)
        except RestAuthError as exc:
            raise lookup_error(exc, vendor, params, api)
        finally:
            api.close()
        return [result['items'] if wanted['paginate'] else result['json']]
