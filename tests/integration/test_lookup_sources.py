# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The lookups' option sources: vendor-scoped variables, the vendor's environment, neutral variables last, never mixed."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow

SPS_USER, SPS_PASSWORD = 'ansible', 'Ansible-Passw0rd!'


def test_neutral_variables_never_carry_another_vendors_credentials(ansible, remedy, sps, tmp_path):
    extra = {'remedy_url': remedy.url, 'remedy_ca': remedy.ca_path, 'remedy_user': 'Demo', 'remedy_password': 'Demo-Passw0rd!',
             'sps_url': sps.url, 'out_dir': str(tmp_path)}
    env = {'SPS_USERNAME': SPS_USER, 'SPS_PASSWORD': SPS_PASSWORD, 'SPS_CA_PATH': sps.ca_path}
    run = ansible.playbook('token_option_sources.yml', extra, env=env)
    assert run.rc == 0, run
    seen = json.loads((tmp_path / 'sources.json').read_text())
    assert seen['mixed'] and seen['mixed_again'], seen
    # The refusals, as the failed tasks' registered results hold them: ansible-core before 2.19 shows a failed no_log
    # task only as censored, 2.19 and later print the lookup's error anyway.
    assert 'One Identity Safeguard for Privileged Sessions: the url comes from ansible_restauth_url but password comes from SPS_PASSWORD' in seen['mixed_msg']
    assert 'the url comes from ansible_restauth_sps_url but token comes from ansible_restauth_token' in seen['mixed_again_msg']
    assert seen['sps'] > 0 and seen['remedy'] > 0 and seen['scoped'] == 'AR-JWT '
    # The Remedy server never saw the SPS credentials: two Remedy logins, both good.
    remedy_counters = remedy.control.counters()
    assert remedy_counters['logins'] == 2 and remedy_counters['login_failures'] == 0, remedy_counters
    assert sps.control.counters()['logins'] == 1
    assert SPS_PASSWORD not in run.output
