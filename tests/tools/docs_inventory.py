# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Write an intersphinx inventory of the Ansible docsite labels the collection docs link to.

    python tests/tools/docs_inventory.py OUTPUT.inv

The docs build runs offline, so Sphinx cannot download the Ansible docsite's
objects.inv. The pages antsibull-docs renders link to a few of its labels; this
inventory maps exactly those to their addresses, so that the links work in the
built site and every *other* unresolved reference still fails the build. When
the build fails with "undefined label" for a label of the Ansible docsite, add
it here (its page and anchor are in the URL of that docsite section).
"""

import sys
import zlib

BASE = 'https://docs.ansible.com/projects/ansible/devel/'

# label -> (page#anchor relative to BASE, title)
LABELS = {
    'ansible_configuration_settings': ('reference_appendices/config.html#ansible-configuration-settings',
                                       'Ansible Configuration Settings'),
    # Modules with an action plugin (all of ours: they run in the worker on the controller) link to it.
    'action_plugins': ('plugins/action.html#action-plugins', 'Action plugins'),
    'common_return_values': ('reference_appendices/common_return_values.html#common-return-values', 'Return Values'),
    'ansible_collections.ansible.builtin.uri_module': (
        'collections/ansible/builtin/uri_module.html#ansible-collections-ansible-builtin-uri-module',
        'ansible.builtin.uri module'),
}

# Environment variables of ansible-core that option docs name (the inventory plugin's cache options).
ENVVARS = ('ANSIBLE_CACHE_PLUGIN', 'ANSIBLE_CACHE_PLUGIN_CONNECTION', 'ANSIBLE_CACHE_PLUGIN_PREFIX', 'ANSIBLE_CACHE_PLUGIN_TIMEOUT')


def inventory(labels, envvars=ENVVARS):
    header = ('# Sphinx inventory version 2\n'
              '# Project: Ansible\n'
              '# Version: devel\n'
              '# The remainder of this file is compressed using zlib.\n').encode('utf-8')
    lines = ''.join('%s std:label -1 %s %s\n' % (name, uri, title) for name, (uri, title) in sorted(labels.items()))
    lines += ''.join('%s std:envvar -1 reference_appendices/config.html#envvar-%s -\n' % (name, name) for name in sorted(envvars))
    return header + zlib.compress(lines.encode('utf-8'))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], 'wb') as handle:
        handle.write(inventory(LABELS))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
