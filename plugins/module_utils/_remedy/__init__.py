# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""BMC Remedy AR System REST API.

The package's rule: ``protocol`` holds every wire detail (paths, field names,
limits, scheme words), each marked VERIFIED, INFERRED or CHOICE; ``auth`` the
login methods and their table; ``api`` the thin HTTP calls; ``resources`` the
module logic specific to AR System. Nothing outside this package knows an AR
path or field name.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import REMEDY

VENDOR = REMEDY.title
