# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC Discovery module rules: row shapes, run waiting and idempotency, vault credential fields."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import resources
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError, RestAuthError


class FakeRuns:
    """The run calls of DiscoveryAPI, answering from a list (only pure decisions are tested here)."""

    def __init__(self, runs, later=None):
        self.listed = runs
        self.later = list(later or [])
        self.started = []
        self.cancelled = []

    def runs(self):
        return self.listed

    def run(self, run_id):
        return self.later.pop(0) if self.later else None

    def start_run(self, ranges, label, scan_level):
        self.started.append((ranges, label, scan_level))
        return {'uuid': 'new-1'}

    def cancel_run(self, run_id):
        self.cancelled.append(run_id)


def params(**extra):
    base = {'label': 'nightly', 'ranges': ['192.0.2.0/24'], 'scan_level': 'Full Discovery', 'wait': False, 'wait_timeout': 60, 'state': 'present'}
    base.update(extra)
    return base


class TestShapes:

    def test_object_rows_from_lists_dicts_and_value_cells(self):
        rows = [['h1', {'value': 'UNIX'}], {'name': 'h2', 'os_class': {'value': 'Windows'}}]
        assert resources.shaped(rows, ['name', 'os_class'], 'object') == [{'name': 'h1', 'os_class': 'UNIX'}, {'name': 'h2', 'os_class': 'Windows'}]
        assert resources.shaped(rows, ['name', 'os_class'], 'table') == [['h1', 'UNIX'], ['h2', 'Windows']]

    def test_limit_below_one_is_refused(self):
        with pytest.raises(OptionError):
            resources.search(None, 'search Host', limit=0)


class TestRuns:

    def test_a_running_label_is_not_started_again(self):
        fake = FakeRuns([{'uuid': 'r1', 'label': 'nightly', 'finished': False}])
        result = resources.ensure_run(fake, params(), check_mode=False)
        assert result['changed'] is False and result['run']['uuid'] == 'r1' and fake.started == []

    def test_a_finished_label_starts_a_new_run(self):
        fake = FakeRuns([{'uuid': 'r1', 'label': 'nightly', 'finished': True}], later=[{'uuid': 'new-1', 'label': 'nightly'}])
        result = resources.ensure_run(fake, params(), check_mode=False)
        assert result['changed'] is True and result['run']['uuid'] == 'new-1' and len(fake.started) == 1

    def test_check_mode_starts_and_cancels_nothing(self):
        fake = FakeRuns([])
        assert resources.ensure_run(fake, params(), check_mode=True)['changed'] is True and fake.started == []
        fake = FakeRuns([{'uuid': 'r1', 'label': 'nightly'}])
        assert resources.ensure_run(fake, params(state='absent'), check_mode=True)['changed'] is True and fake.cancelled == []

    def test_wait_polls_until_finished(self):
        fake = FakeRuns([], later=[{'uuid': 'new-1', 'label': 'nightly'}, {'uuid': 'new-1', 'finished': False}, {'uuid': 'new-1', 'finished': True}])
        waits = []
        result = resources.ensure_run(fake, params(wait=True), check_mode=False, sleep=waits.append, clock=lambda: 0)
        assert result['run']['finished'] is True and len(waits) == 2

    def test_wait_timeout_fails_with_changed(self):
        fake = FakeRuns([], later=[{'uuid': 'new-1', 'label': 'nightly'}] + [{'uuid': 'new-1', 'finished': False}] * 5)
        moments = iter(range(0, 1000, 30))
        with pytest.raises(RestAuthError) as caught:
            resources.ensure_run(fake, params(wait=True, wait_timeout=60), check_mode=False, sleep=lambda s: None, clock=lambda: next(moments))
        assert 'still running after wait_timeout' in str(caught.value) and caught.value.changed


class TestCredential:

    def test_password_only_with_update_password_always(self):
        given = {'label': 'l', 'types': ['ssh'], 'password': 'S3cret', 'update_password': 'on_create'}
        assert 'password' not in resources.CredentialResource(None, given).wanted()
        assert resources.CredentialResource(None, dict(given, update_password='always')).wanted()['password'] == 'S3cret'

    def test_the_login_is_never_the_credential_fields(self):
        with pytest.raises(OptionError, match='login_username'):
            resources.credential_connect({'url': 'https://d.example.com', 'username': 'scanner', 'password': 'S3cret'})
