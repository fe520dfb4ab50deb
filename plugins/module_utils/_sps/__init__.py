# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""One Identity Safeguard for Privileged Sessions (SPS): the vendor package.

The rule of the package: ``protocol`` holds every path, field name, limit and scheme word, each marked
VERIFIED (with its public source), INFERRED or CHOICE; ``auth`` one authenticator per login method and the
``METHODS`` table; ``api`` the error description, ``connect`` and the thin API calls; ``transaction`` the
configuration transaction (open, commit, roll back, refuse a pending one); ``resources`` the adapters of the
modules. Nothing outside ``auth`` decides the login method.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import SPS

VENDOR = SPS.title
