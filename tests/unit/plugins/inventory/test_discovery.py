# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Discovery inventory plugin's parse() in this process against the Discovery simulator.

Integration (test_discovery.py) runs ansible-inventory for groups, compose, the address, the cache and 5,000 hosts;
here the branches it does not reach: which files are the plugin's, host names from other attributes, rows without a
name, options refused before any request, and errors that do not show the password.
"""

from __future__ import annotations

import os

import pytest
from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader

from ansible_collections.restauth.enterprise.plugins.inventory import discovery as discovery_plugin

from plugin_docs import plugin

simulators = pytest.importorskip('simulators')

PASSWORD = 'Api-Passw0rd!'


@pytest.fixture(scope='module')
def appliance():
    handle = simulators.start('discovery')
    yield handle
    handle.stop()


@pytest.fixture
def parse(appliance, tmp_path, monkeypatch):
    """``parse(config text)``: the InventoryData the plugin fills from ``<tmp>/hosts.discovery.yml``."""
    for name in list(os.environ):
        if name.startswith(('DISCOVERY_', 'RESTAUTH_')):
            monkeypatch.delenv(name)
    appliance.control.reset(state=True)

    def run(config, connection=True):
        head = 'plugin: restauth.enterprise.discovery\n'
        if connection:
            head += 'url: %s\nca_path: %s\nusername: apiuser\npassword: %s\nretries: 0\n' % (appliance.url, appliance.ca_path, PASSWORD)
        path = tmp_path / 'hosts.discovery.yml'
        path.write_text(head + config)
        inventory = InventoryData()
        plugin('inventory', 'discovery').parse(inventory, DataLoader(), str(path), cache=False)
        return inventory
    return run


def searches(appliance):
    return sum(count for key, count in appliance.control.counters()['requests'].items() if key.endswith('/data/search'))


@pytest.mark.parametrize('name, accepted', [
    ('hosts.discovery.yml', True), ('site.discovery.yaml', True), ('hosts.yml', False), ('discovery.yml', False),
])
def test_only_discovery_files_are_the_plugins(tmp_path, name, accepted):
    path = tmp_path / name
    path.write_text('plugin: restauth.enterprise.discovery\n')
    assert plugin('inventory', 'discovery').verify_file(str(path)) is accepted


def test_hosts_take_the_first_attribute_that_names_them_and_keep_the_others_as_variables(parse, appliance):
    inventory = parse('query: search Host show name, ip_addr, os_class\nhostnames: [hostname_that_no_row_has, ip_addr]\naddress: ip_addr\n'
                      'groups:\n  windows: os_class == "Windows"\n')
    host = inventory.get_host('10.0.0.2')
    assert host is not None and len(inventory.hosts) == 12
    assert host.vars['ansible_host'] == '10.0.0.2' and host.vars['os_class'] == 'Windows'
    assert 'name' not in host.vars  # a reserved name, never a host variable
    assert '10.0.0.2' in [h.name for h in inventory.groups['windows'].get_hosts()]
    assert searches(appliance) == 1


def test_rows_without_any_name_attribute_are_skipped(parse):
    inventory = parse('query: search Host show name, ip_addr\nhostnames: [serial]\n')
    assert len(inventory.hosts) == 0


def test_missing_credentials_are_named_before_any_request(parse, appliance):
    with pytest.raises(AnsibleParserError) as refused:
        parse('url: %s\n' % appliance.url, connection=False)
    assert str(refused.value).startswith('BMC Discovery inventory: ') and 'username' in str(refused.value)
    assert appliance.control.counters()['requests'] == {}


def test_a_failed_search_is_a_parser_error_without_the_password(parse, appliance):
    appliance.control.inject(500, path='/api/v1.10/data/search', body={'message': 'engine failure for apiuser:%s' % PASSWORD, 'code': 500})
    with pytest.raises(AnsibleParserError) as failed:
        parse('query: search Host show name\n')
    assert 'BMC Discovery inventory' in str(failed.value) and 'HTTP 500' in str(failed.value)
    assert PASSWORD not in str(failed.value)


def test_without_requests_the_inventory_says_so_and_sends_nothing(parse, appliance, monkeypatch):
    monkeypatch.setattr(discovery_plugin, 'HAS_REQUESTS', False)
    with pytest.raises(AnsibleParserError, match='requests is needed on the controller'):
        parse('query: search Host show name\n')
    assert appliance.control.counters()['requests'] == {}
