# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: discovery
short_description: Hosts from a BMC Discovery search
version_added: 0.2.0
description:
  - Runs a search on a BMC Discovery appliance (every page, through C(results_id)) and adds one host per row.
  - The host is named by the first of O(hostnames) whose attribute is not empty; every attribute the search shows
    becomes a host variable under its name, except names Ansible reserves for itself (such as C(name), which is
    the host's name by default anyway).
  - Groups and variables come from O(keyed_groups), O(groups) and O(compose), as for every constructed inventory.
  - The configuration file name must end with C(.discovery.yml) or C(.discovery.yaml).
author:
  - restauth.enterprise contributors (@restauth)
extends_documentation_fragment:
  - restauth.enterprise.inventory_discovery
  - constructed
  - inventory_cache
options:
  plugin:
    description: The name of this plugin; it makes the file this plugin's.
    type: str
    required: true
    choices: [restauth.enterprise.discovery]
  query:
    description: The search whose rows become hosts.
    type: str
    default: search Host show name, os_type, os_version, os_class
  hostnames:
    description: The attributes that may name a host, in order; the first that is not empty wins. A row without any is skipped.
    type: list
    elements: str
    default: [name]
  address:
    description: The attribute whose value becomes C(ansible_host) (it must be in the search's C(show)); without it, use O(compose).
    type: str
'''

EXAMPLES = r'''
# hosts.discovery.yml
plugin: restauth.enterprise.discovery
url: https://discovery.example.com
# username and password from DISCOVERY_USERNAME / DISCOVERY_PASSWORD, or a permanent token in DISCOVERY_TOKEN
query: search Host show name, os_type, os_version, os_class, ip_addr
address: ip_addr
keyed_groups:
  - key: os_class | lower
    prefix: os
groups:
  windows: os_class == 'Windows'
compose:
  os_label: os_type ~ ' ' ~ os_version
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/discovery-inventory
cache_timeout: 3600
'''

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.display import Display
from ansible.vars.reserved import is_reserved_name

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import basic_secrets
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import RestAuthError, scrub
from ansible_collections.restauth.enterprise.plugins.module_utils._http import HAS_REQUESTS
from ansible_collections.restauth.enterprise.plugins.module_utils._options import DISCOVERY, argument_spec

display = Display()


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'restauth.enterprise.discovery'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('.discovery.yml', '.discovery.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option('cache') and cache
        rows = None
        if use_cache:
            try:
                rows = self._cache[cache_key]
            except KeyError:
                rows = None
        if rows is None:
            rows = self.search()
            if self.get_option('cache'):
                self._cache[cache_key] = rows
        for row in rows:
            self.add_row(row)

    def connection_params(self):
        """The connection options, validated by the argument spec the modules use."""
        spec = argument_spec('discovery')
        given = dict((name, self.get_option(name)) for name in spec if self.get_option(name) is not None)
        result = ArgumentSpecValidator(spec).validate(given)
        if result.error_messages:
            raise AnsibleParserError('%s inventory: %s' % (DISCOVERY.title, '; '.join(result.error_messages)))
        return result.validated_parameters

    def search(self):
        """The rows of the search, as dicts keyed by heading."""
        if not HAS_REQUESTS:
            raise AnsibleParserError('%s inventory: the Python library requests is needed on the controller' % DISCOVERY.title)
        # Imported here: the plugin must load (and show its docs) without requests.
        from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api as discovery
        from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import resources
        params = self.connection_params()
        secrets = [params.get(option.name) for option in DISCOVERY.options if option.no_log and params.get(option.name)]
        secrets.extend(basic_secrets(params.get('username'), params.get('password')))
        disco = None
        try:
            disco = discovery.connect(params, warn=lambda message: display.warning(scrub(message, secrets)))
            return resources.search(disco, self.get_option('query'), fmt='object')['results']
        except RestAuthError as exc:
            if disco is not None:
                secrets.extend(disco.client.secrets())
            raise AnsibleParserError('%s inventory: %s' % (DISCOVERY.title, scrub(str(exc), secrets)))
        finally:
            if disco is not None:
                disco.close()

    def host_name(self, row):
        for attribute in self.get_option('hostnames'):
            value = row.get(attribute)
            if value not in (None, '', []):
                return str(value[0] if isinstance(value, list) else value)
        return None

    def add_row(self, row):
        if not isinstance(row, dict):
            return
        name = self.host_name(row)
        if name is None:
            return
        self.inventory.add_host(name)
        for key, value in row.items():
            if not is_reserved_name(key):
                self.inventory.set_variable(name, key, value)
        address = self.get_option('address')
        if address and row.get(address) not in (None, ''):
            value = row[address]
            self.inventory.set_variable(name, 'ansible_host', str(value[0] if isinstance(value, list) else value))
        strict = self.get_option('strict')
        hostvars = self.inventory.get_host(name).get_vars()
        self._set_composite_vars(self.get_option('compose'), hostvars, name, strict=strict)
        self._add_host_to_composed_groups(self.get_option('groups'), hostvars, name, strict=strict)
        self._add_host_to_keyed_groups(self.get_option('keyed_groups'), hostvars, name, strict=strict)
