# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The search parameters of sps_session_info: time forms, fields and sort (no network)."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.resources import audit_query, moment


@pytest.mark.parametrize('value', [1767225600, 1767225600.0, '1767225600', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00',
                                   '2026-01-01', '2026-01-01T01:00:00+01:00'])
def test_every_form_of_a_moment_is_the_same_instant(value):
    assert moment(value, 'start') == 1767225600


@pytest.mark.parametrize('value', ['yesterday', '2026-13-01', '', True, 'nan', 'inf', -1, 1e300, '0001-01-01T00:00:00+01:00'])
def test_a_moment_that_is_no_time_names_the_option(value):
    with pytest.raises(OptionError) as info:
        moment(value, 'end')
    assert 'end' in str(info.value) and 'neither ISO 8601 nor epoch seconds' in str(info.value)


def test_the_query_sends_iso_8601_utc_comma_separated_fields_and_the_sort():
    params = {'query': 'protocol:ssh', 'start': 1767225600, 'end': '2026-01-02T00:00:00+02:00', 'fields': ['user.name', 'start_time'],
              'sort': '-start_time', 'limit': None}
    assert audit_query(params) == {'q': 'protocol:ssh', 'start': '2026-01-01T00:00:00Z', 'end': '2026-01-01T22:00:00Z',
                                   'fields': 'user.name,start_time', 'sort': '-start_time'}
    assert audit_query({}) == {}


def test_a_window_that_ends_before_it_starts_is_refused():
    with pytest.raises(OptionError) as info:
        audit_query({'start': '2026-01-02', 'end': '2026-01-01'})
    assert 'start 2026-01-02T00:00:00Z is after end 2026-01-01T00:00:00Z' in str(info.value)
