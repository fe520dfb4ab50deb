# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The one registry of the vendors: every place that needs "each vendor" reads it.

The vendor packages are imported here by name, not found at run time: AnsiballZ
packs only the module utilities a module imports, so a module that works for
every vendor (``token_cache``) carries every vendor's login code by importing
this file. Only each package's ``api`` (and through it ``auth``) is imported:
that is what a lookup on the controller needs, and the ``resources`` adapters
stay out of its import time. A new vendor package is added to ``REGISTRY`` and
to the options table in ``_options`` (a unit test fails until both know it).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS as OPTIONS
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api as discovery_api, auth as discovery_auth
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import api as remedy_api, auth as remedy_auth
from ansible_collections.restauth.enterprise.plugins.module_utils._sps import api as sps_api, auth as sps_auth
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import api as truesight_api, auth as truesight_auth
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api as xmatters_api, auth as xmatters_auth
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam import api as xtam_api, auth as xtam_auth

#: The package that holds the vendor packages (``<PACKAGE>_<name>``).
PACKAGE = 'ansible_collections.restauth.enterprise.plugins.module_utils'


class RegisteredVendor:
    """One vendor: what the collection-wide code needs of its package.

    ``name`` (``remedy``), ``title`` and ``options`` (the ``_options.Vendor`` row),
    ``connect(params, warn=None, keep=False)``, ``api_spec`` (the ``<vendor>_api``
    module and the ``api`` lookup), ``methods`` (the login methods, ``auth.METHODS``),
    ``package`` (the vendor package's dotted name) and ``warm_imports`` (the
    modules the vendor's modules load, imported ahead by the in-process runner).
    """

    def __init__(self, name, api, auth):
        self.name = name
        self.vendor = OPTIONS[name]
        self.title = self.vendor.title
        self.options = self.vendor.options
        self.connect = api.connect
        self.api_spec = api.API_SPEC
        self.methods = auth.METHODS
        self.package = '%s._%s' % (PACKAGE, name)
        self.warm_imports = (api.__name__, self.package + '.resources')


REGISTRY = dict((row.name, row) for row in (
    RegisteredVendor('remedy', remedy_api, remedy_auth),
    RegisteredVendor('sps', sps_api, sps_auth),
    RegisteredVendor('xtam', xtam_api, xtam_auth),
    RegisteredVendor('xmatters', xmatters_api, xmatters_auth),
    RegisteredVendor('truesight', truesight_api, truesight_auth),
    RegisteredVendor('discovery', discovery_api, discovery_auth),
))
