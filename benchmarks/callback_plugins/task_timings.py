# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Record how long each task took on each host, for ``benchmarks/bench.py``.

Enabled by the benchmark only (``ANSIBLE_CALLBACKS_ENABLED=task_timings``); the file named by
``BENCH_TIMINGS`` receives a JSON list of ``{"task", "host", "status", "seconds"}`` when the play
ends. A task's time on a host runs from the moment the strategy starts the task to the moment that
host's result arrives, so it includes what Ansible itself adds around the module.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
name: task_timings
type: aggregate
short_description: Write per-task, per-host durations to the JSON file named by BENCH_TIMINGS
description:
  - Used by the benchmark of restauth.enterprise; not part of the collection.
requirements:
  - the BENCH_TIMINGS environment variable
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'task_timings'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._started = {}
        self._records = []

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._started[task._uuid] = time.perf_counter()

    def _record(self, result, status):
        started = self._started.get(result._task._uuid)
        if started is None:
            return
        self._records.append({
            'task': result._task.get_name(),
            'host': result._host.get_name(),
            'status': status,
            'seconds': time.perf_counter() - started,
        })

    def v2_runner_on_ok(self, result):
        self._record(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, 'failed')

    def v2_runner_on_unreachable(self, result):
        self._record(result, 'unreachable')

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get('BENCH_TIMINGS')
        if path:
            with open(path, 'w') as stream:
                json.dump(self._records, stream)
