# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Runs xtam_record_info (in the worker process when that is equivalent); a result with unlocked secrets is marked no_log."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.restauth.enterprise.plugins.plugin_utils._in_process import InProcessAction


def hide_unlocked(action, result):
    """Mark the result no_log when the task asked for secrets or the result holds some, unless it is a failure without records.

    The values stay in the result, so a registered variable still has them; only
    the display and logs of this result are censored, as for a task with no_log.
    """
    unlock = action._task.args.get('unlock', False)
    records = result.get('records')
    holds_secrets = isinstance(records, list) and any(isinstance(record, dict) and 'custom' in record for record in records)
    if result.get('failed') and not holds_secrets:
        return result  # a failure holds no record, and its message must stay readable
    if boolean(unlock, strict=False) or holds_secrets:
        result['_ansible_no_log'] = True
        # ansible-core before 2.19 copies the play context's no_log over the result's.
        action._play_context.no_log = True
    return result


class ActionModule(InProcessAction):

    def finish(self, result):
        return hide_unlocked(self, result)
