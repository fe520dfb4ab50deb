# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""BMC Discovery (ADDM, BMC Helix Discovery) REST API.

The package's rule: ``protocol`` holds every path, field name and limit (each
marked VERIFIED, INFERRED or CHOICE), ``auth`` the login methods and their
table, ``api`` the thin calls (one HTTP call each) and the error reader,
``resources`` the adapters of the modules. Nothing outside this package knows
a Discovery detail.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

VENDOR = 'BMC Discovery'
