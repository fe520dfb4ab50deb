# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection's action plugins: results marked no_log, and modules run in the worker process or launched."""

from __future__ import annotations

import hashlib

import pytest


pytestmark = pytest.mark.slow

XTAM_USER = 'demo'
XTAM_PASSWORD = 'Demo-Passw0rd!'
DB01_SECRET = 's3cr3t-db01'  # the simulator's seed record i-2qhyGh2UB0V


def xtam_vars(xtam):
    return {'xtam_url': xtam.url + '/xtam', 'xtam_ca': xtam.ca_path, 'xtam_user': XTAM_USER, 'xtam_password': XTAM_PASSWORD}


def test_unlock_without_no_log_hides_the_result_but_registers_it(ansible, xtam):
    run = ansible.playbook('in_process_xtam_unlock.yml', dict(xtam_vars(xtam), secret_length=len(DB01_SECRET),
                                                              secret_sha256=hashlib.sha256(DB01_SECRET.encode()).hexdigest()),
                           args=['-vvv'])
    assert run.rc == 0, run
    assert run.recap() == (4, 0, 0, 0), run
    assert 'registered secret length %d' % len(DB01_SECRET) in run.stdout, run  # the variable holds the value
    assert DB01_SECRET not in run.output, 'the unlocked secret reached the -vvv output'
    assert XTAM_PASSWORD not in run.output
    assert "the output has been hidden due to the fact that 'no_log: true' was specified for this result" in run.stdout
    assert '"name": "db01 root"' in run.stdout, run  # the read without unlock is shown as before
    counters = xtam.control.counters()
    assert counters['requests'].get('GET /xtam/rest/record/unlock/i-2qhyGh2UB0V') == 1, counters
