# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The xtam_secret lookup in this process: the field picked in every record, and failures that name the cause, not the secrets."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleLookupError

from ansible_collections.restauth.enterprise.plugins.plugin_utils import _vendor_lookup

DB01, API_KEY = 'i-2qhyGh2UB0V', 'i-3AbCdEf0001'


def test_a_record_id_is_asked_for(lookup):
    with pytest.raises(AnsibleLookupError, match='give the id of a record'):
        lookup('xtam_secret').run([], variables={})


def test_without_field_each_term_gives_its_record_fields_in_order(lookup, connection):
    handle, keywords = connection('xtam')
    records = lookup('xtam_secret').run([API_KEY, DB01], variables={}, **keywords)
    assert records == [{'Secret': 'k3y-Of-The-Api'}, {'Host': 'db01.example.com', 'Port': '22', 'User': 'root', 'Password': 's3cr3t-db01'}]
    counters = handle.control.counters()
    assert (counters['logins'], counters['logouts'], counters['active_tokens']) == (1, 1, 0), counters


def test_a_field_missing_from_a_later_record_names_the_fields_and_no_value_of_the_records_read(lookup, connection):
    handle, keywords = connection('xtam')
    with pytest.raises(AnsibleLookupError) as failed:
        lookup('xtam_secret').run([DB01, API_KEY], variables={}, field='Password', **keywords)
    message = str(failed.value)
    assert "record %s has no field 'Password'; its fields are Secret (names are case sensitive)" % API_KEY in message
    assert 's3cr3t-db01' not in message and 'k3y-Of-The-Api' not in message
    assert handle.control.counters()['logouts'] == 1


def test_a_failed_logout_is_a_warning_without_the_record_secrets(lookup, connection, monkeypatch):
    handle, keywords = connection('xtam')
    warnings = []
    monkeypatch.setattr(_vendor_lookup.display, 'warning', warnings.append)
    handle.control.inject(500, path='/xtam/logout', body={'message': 'cannot end session, last value s3cr3t-db01'})
    assert lookup('xtam_secret').run([DB01], variables={}, field='Password', **keywords) == ['s3cr3t-db01']
    assert len(warnings) == 1 and 'HTTP 500' in warnings[0], warnings
    assert 's3cr3t-db01' not in warnings[0]
