# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Runs the sps_login_methods_info module in the worker process when that is equivalent to launching it.

The module needs no login, so it has no credential options. A play's ``module_defaults`` for the SPS action group
gives every module of the group the credentials: those are left out here, so that the group's defaults still work.
A credential given in the task itself is not removed: the module refuses it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import ANONYMOUS_OPTIONS, VENDORS
from ansible_collections.restauth.enterprise.plugins.plugin_utils._in_process import InProcessAction

#: how a play may name the SPS action group in module_defaults
GROUPS = ('group/restauth.enterprise.sps', 'group/sps')


def group_default_keys(module_defaults):
    """The option names the SPS group's ``module_defaults`` set (a list of dicts, outermost first, or a dict)."""
    layers = module_defaults if isinstance(module_defaults, list) else [module_defaults or {}]
    keys = set()
    for layer in layers:
        for group in GROUPS:
            keys.update((layer or {}).get(group) or {})
    return keys


def without_group_credentials(args, module_defaults):
    """``args`` without the SPS options this module does not have, where they come from the group's defaults."""
    unused = set(option.name for option in VENDORS['sps'].options) - set(ANONYMOUS_OPTIONS)
    dropped = unused & group_default_keys(module_defaults) & set(args)
    return dict((name, value) for name, value in args.items() if name not in dropped)


class ActionModule(InProcessAction):

    def run(self, tmp=None, task_vars=None):
        self._task.args = without_group_credentials(self._task.args, getattr(self._task, 'module_defaults', None))
        return super(ActionModule, self).run(tmp, task_vars)
