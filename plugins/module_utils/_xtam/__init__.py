# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""Xton Access Manager (XTAM): one module per concern.

The package's rule: ``protocol`` holds every path, name and scheme word (each marked VERIFIED, INFERRED or
CHOICE); ``auth`` the sign-in methods and their table; ``api`` one HTTP call per function; ``custom`` the
record fields that hold secrets; ``resources`` the adapters the modules run. Nothing outside ``protocol``
spells an XTAM path or header name.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import XTAM

VENDOR = XTAM.title
