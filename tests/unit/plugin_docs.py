# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A plugin's documented options with their doc fragments, and a lookup or inventory plugin ready to run in the unit suite.

The unit suite imports the collection from sys.path, without Ansible's collection loader, so the plugin loader cannot
find the plugins: ``plugin()`` builds one as the loader would and gives Ansible's configuration its documented options,
so ``set_options`` / ``get_option`` read keywords, variables and environment exactly as in a playbook run.
"""

from __future__ import annotations

import importlib

import yaml
from ansible import constants as C

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core before 2.19 templates every string
    def trust_as_template(value):
        return value

COLLECTION = 'restauth.enterprise'
PACKAGE = 'ansible_collections.restauth.enterprise.plugins'


def fragment(name):
    """The documentation of fragment ``restauth.enterprise.<file>[.<VARIABLE>]`` or of an ansible-core one (``constructed``)."""
    if name.startswith(COLLECTION + '.'):
        file_name, _dot, variable = name[len(COLLECTION) + 1:].partition('.')
        source = importlib.import_module('%s.doc_fragments.%s' % (PACKAGE, file_name))
    else:
        file_name, _dot, variable = name.partition('.')
        source = importlib.import_module('ansible.plugins.doc_fragments.%s' % file_name)
    return yaml.safe_load(getattr(source.ModuleDocFragment, variable or 'DOCUMENTATION')) or {}


def documented_options(documentation):
    """The options of a DOCUMENTATION string, its fragments merged as ansible-doc merges them (the plugin's own win)."""
    doc = yaml.safe_load(documentation)
    options = {}
    for name in doc.get('extends_documentation_fragment') or []:
        options.update(fragment(name).get('options') or {})
    options.update(doc.get('options') or {})
    return options


def plugin(kind, name, **kwargs):
    """The ``kind`` (lookup, inventory) plugin ``name`` of the collection, its options known to Ansible's configuration."""
    source = importlib.import_module('%s.%s.%s' % (PACKAGE, kind, name))
    fqcn = '%s.%s' % (COLLECTION, name)
    C.config.initialize_plugin_configuration_definitions(kind, fqcn, documented_options(source.DOCUMENTATION))
    cls = source.LookupModule if kind == 'lookup' else source.InventoryModule
    instance = cls(**kwargs)
    # What the plugin loader sets on a plugin it loads (PluginLoader._update_object).
    instance._load_name = fqcn  # pylint: disable=protected-access
    instance._redirected_names = [fqcn]  # pylint: disable=protected-access
    instance._original_path = source.__file__  # pylint: disable=protected-access
    instance.ansible_name = fqcn
    return instance


def template(text):
    """``text`` as a template written in a playbook (ansible-core 2.19 and later template only trusted strings)."""
    return trust_as_template(text)
