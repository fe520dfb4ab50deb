# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: token
short_description: Log in to a vendor's REST API and return the token or the headers to send
version_added: 0.1.0
description:
  - Logs in with the vendor's connection options and returns the token (O(output=token)) or a dictionary
    of the HTTP headers that carry it (O(output=header)), for other tasks such as M(ansible.builtin.uri)
    or the O(ignore:token) option of the collection's modules.
  - The token is not released afterwards; it lives until the server expires it.
  - Each connection option is taken from the first of, in this order, the lookup's keywords, an
    C(ansible_restauth_<vendor>_<option>) variable (for example C(ansible_restauth_sps_url)), the vendor's
    environment variable (E(SPS_URL), ...) and last a vendor-neutral C(ansible_restauth_<option>) variable.
  - A URL and credentials (user name, password, tokens, keys, client certificate) are never combined when one
    comes from a vendor-neutral variable and the other from the vendor's own variables or environment; such a
    lookup fails without sending anything, since the neutral variables may be set for another vendor's server.
    Keywords go with either side.
  - For V(xmatters), O(output=token) needs OAuth (O(auth_type=oauth) or O(client_id)) and returns the access token;
    with HTTP Basic (a password or an API key) there is no token, only the header, so use O(output=header).
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
      - The vendor, one of V(remedy), V(sps), V(xtam), V(xmatters), V(truesight), V(discovery).
    required: true
    type: list
    elements: str
  output:
    description:
      - V(token) returns the token itself (Remedy the JWT, SPS the C(session_id) value or, with an SPS API key, the key,
        TrueSight the authToken, BMC Discovery the Bearer token, xMatters the OAuth access token, XTAM the C(JSESSIONID) session cookie value).
      - 'V(header) returns a dictionary of headers, for example C({"Authorization": "AR-JWT ..."}) for Remedy,
        C({"Cookie": "session_id=..."}) for an SPS session or C({"Authorization": "apikey ..."}) for an SPS API key,
        C({"Authorization": "authToken ..."}) for TrueSight, C({"Authorization": "Bearer ..."}) or C({"Authorization": "Basic ..."}) for xMatters.'
      - 'For XTAM: C({"Cookie": "JSESSIONID=...; XSRF-TOKEN=...", "X-XSRF-TOKEN": "..."}), ready for data-modifying calls
        (the session cookie alone when XTAM set no C(XSRF-TOKEN) cookie on whoami).'
    type: str
    choices: [token, header]
    default: token
notes:
  - Lookups run on the controller, so the environment variables are read there.
  - Jinja evaluates a lookup each time the expression is used. Put the lookup in a task with C(set_fact)
    (or C(register) a token module) to log in once, rather than in C(vars), where every use logs in again.
  - Lookups ignore check mode.
seealso:
  - module: restauth.enterprise.remedy_jwt_token
  - module: restauth.enterprise.sps_token
  - module: restauth.enterprise.truesight_token
  - module: restauth.enterprise.xmatters_oauth_token
  - module: restauth.enterprise.xtam_token
  - plugin: restauth.enterprise.xtam_secret
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Log in once and keep the token as a fact
  ansible.builtin.set_fact:
    remedy_token: "{{ lookup('restauth.enterprise.token', 'remedy', url=remedy_url, username=remedy_user, password=remedy_password) }}"
  no_log: true

- name: Call an endpoint the collection has no module for (connection from REMEDY_URL, REMEDY_USERNAME, REMEDY_PASSWORD on the controller)
  ansible.builtin.uri:
    url: "{{ remedy_url }}/api/arsys/v1/entry/CTM:People?limit=5"
    ca_path: /etc/pki/itsm-ca.pem
    headers: "{{ lookup('restauth.enterprise.token', 'remedy', output='header') }}"
  no_log: true

- name: Read SPS with a session cookie from the lookup (SPS_URL, SPS_USERNAME, SPS_PASSWORD in the environment)
  ansible.builtin.uri:
    url: "{{ sps_url }}/api/info"
    ca_path: /etc/pki/sps-ca.pem
    headers: "{{ lookup('restauth.enterprise.token', 'sps', output='header') }}"
  no_log: true

- name: A TrueSight authToken for a tenant, connection from TRUESIGHT_URL, TRUESIGHT_USERNAME and TRUESIGHT_PASSWORD
  ansible.builtin.set_fact:
    tsps_headers: "{{ lookup('restauth.enterprise.token', 'truesight', tenant='*', output='header') }}"
  no_log: true

- name: An xMatters OAuth access token from a refresh token
  ansible.builtin.set_fact:
    xm_token: "{{ lookup('restauth.enterprise.token', 'xmatters', url=xm_url, client_id=xm_client_id, refresh_token=xm_refresh_token) }}"
  no_log: true

- name: xMatters with an API key - Basic auth has no token, ask for the header
  ansible.builtin.uri:
    url: "{{ xm_url }}/api/xm/1/people?limit=10"
    ca_path: /etc/pki/xmatters-ca.pem
    headers: "{{ lookup('restauth.enterprise.token', 'xmatters', url=xm_url, username=xm_api_key, password=xm_api_secret, output='header') }}"
  no_log: true

- name: Sign in to XTAM with an API token (federated sign-in) and create a folder with ansible.builtin.uri
  ansible.builtin.uri:
    url: https://pam.example.com/xtam/rest/folder/create/{{ parent_folder_id }}
    ca_path: /etc/pki/pam-ca.pem
    method: POST
    body_format: json
    body: {name: Team folder}
    headers: "{{ lookup('restauth.enterprise.token', 'xtam', url='https://pam.example.com/xtam', api_token=xtam_api_token, output='header') }}"
  no_log: true
'''

RETURN = r'''
_raw:
  description:
    - A list with one element, the token (a string) or the headers (a dictionary).
  type: list
  elements: raw
'''

from ansible.errors import AnsibleLookupError

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import RestAuthError
from ansible_collections.restauth.enterprise.plugins.plugin_utils._vendor_lookup import VendorLookupBase, lookup_error


class LookupModule(VendorLookupBase):

    OWN_OPTIONS = ('output',)

    def run(self, terms, variables=None, **kwargs):
        self.load_options(variables, kwargs)
        if len(terms) != 1:
            raise AnsibleLookupError('give exactly one vendor, for example lookup(\'restauth.enterprise.token\', \'remedy\', ...)')
        vendor = self.vendor_name(terms[0])
        params = self.vendor_params(vendor, kwargs)
        api = self.connect(vendor, params, keep=True)
        try:
            credential = api.login()
        except RestAuthError as exc:
            raise lookup_error(exc, vendor, params, api)
        finally:
            api.close()
        if self.get_option('output') == 'header':
            return [credential.request_headers()]
        if credential.token is None:
            raise AnsibleLookupError(
                "%s: the %s login has no token, only a header to send; use output='header'"
                % (api.client.vendor, api.client.auth.authenticator.method)
            )
        return [credential.token]
