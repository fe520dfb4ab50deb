# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""BMC TrueSight Presentation Server (TSWS), one file per concern.

The rule of this package: every path, field name and scheme word is in
``protocol.py`` (marked VERIFIED, INFERRED or CHOICE); ``auth.py`` holds the
login methods and their table; ``envelope.py`` reads TSWS answers;
``api.py`` makes the HTTP calls (one each) and explains errors;
``resources.py`` adapts them to the collection's resource engine.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._options import TRUESIGHT

VENDOR = TRUESIGHT.title
