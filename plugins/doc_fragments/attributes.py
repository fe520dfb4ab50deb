# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    # Every module: it runs where the task runs and talks to the API over HTTPS.
    DOCUMENTATION = r'''
    attributes:
      platform:
        description: Target OS/families that can be operated against.
        support: N/A
        platforms: all
    '''

    # Modules that only read.
    INFO_MODULE = r'''
    attributes:
      check_mode:
        description: Can run in check_mode and return changed status prediction without modifying target.
        support: full
        details: The module only reads, and behaves the same in check mode.
      diff_mode:
        description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
        support: N/A
        details: The module never changes anything.
    '''

    # Modules that change objects: check mode reads and predicts, diff shows the change.
    STATE_MODULE = r'''
    attributes:
      check_mode:
        description: Can run in check_mode and return changed status prediction without modifying target.
        support: full
        details: The module reads the current state and reports what it would change, without changing it.
      diff_mode:
        description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
        support: full
        details: Secret values are masked in the diff.
    '''

    ACTION_GROUP_REMEDY = r'''
    attributes:
      action_group:
        description: Use C(group/restauth.enterprise.remedy) in C(module_defaults) to set the connection options once for all Remedy modules.
        support: full
        membership:
          - restauth.enterprise.remedy
    '''

    ACTION_GROUP_SPS = r'''
    attributes:
      action_group:
        description: Use C(group/restauth.enterprise.sps) in C(module_defaults) to set the connection options once for all SPS modules.
        support: full
        membership:
          - restauth.enterprise.sps
    '''

    ACTION_GROUP_XTAM = r'''
    attributes:
      action_group:
        description: Use C(group/restauth.enterprise.xtam) in C(module_defaults) to set the connection options once for all XTAM modules.
        support: full
        membership:
          - restauth.enterprise.xtam
    '''

    ACTION_GROUP_XMATTERS = r'''
    attributes:
      action_group:
        description: Use C(group/restauth.enterprise.xmatters) in C(module_defaults) to set the connection options once for all xMatters modules.
        support: full
        membership:
          - restauth.enterprise.xmatters
    '''

    ACTION_GROUP_TRUESIGHT = r'''
    attributes:
      action_group:
        description: Use C(group/restauth.enterprise.truesight) in C(module_defaults) to set the connection options once for all TrueSight modules.
        support: full
        membership:
          - restauth.enterprise.truesight
    '''

    ACTION_GROUP_DISCOVERY = r'''
    attributes:
      action_group:
        description: Use C(group/restauth.enterprise.discovery) in C(module_defaults) to set the connection options once for all BMC Discovery modules.
        support: full
        membership:
          - restauth.enterprise.discovery
    '''
