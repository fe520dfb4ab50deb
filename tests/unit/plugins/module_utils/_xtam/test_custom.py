# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""XTAM record fields: the JSON-string custom parsed, its errors never quoting secrets."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam import custom
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import ResponseFormatError
from xtam_scripts import SECRET, connect, whoami_reply


class TestCustom:

    def test_the_double_encoded_custom_is_parsed(self):
        record = {'id': 'i-r', 'custom': '{"Host":"db01","Port":22,"Password":"%s"}' % SECRET}
        assert custom.parse_custom(record) == {'Host': 'db01', 'Port': 22, 'Password': SECRET}

    @pytest.mark.parametrize('raw', [None, ''], ids=['absent', 'empty'])
    def test_no_custom_is_an_empty_map(self, raw):
        assert custom.parse_custom({'id': 'i-r', 'custom': raw}) == {}

    def test_malformed_custom_gives_a_clear_error_without_its_content(self, server):
        whoami_reply(server)
        server.reply(200, {'id': 'i-2qhyGh2UB0V', 'name': 'db01', 'custom': '{"Password": "%s' % SECRET})
        with pytest.raises(ResponseFormatError) as info:
            connect(server, username='jdoe', password='pw').unlock_record('i-2qhyGh2UB0V')
        assert str(info.value) == (
            'Xton Access Manager: record i-2qhyGh2UB0V has a "custom" field that is not valid JSON (Unterminated string '
            'starting at: line 1 column 14 (char 13)); its content is not shown because it holds secrets. Hint: the record was probably '
            'written by a client that did not JSON-encode its fields; fix it in the XTAM web interface or rewrite it with '
            'restauth.enterprise.xtam_record')
        assert SECRET not in str(info.value)

    @pytest.mark.parametrize('raw,kind', [('["a"]', 'list'), ('"text"', 'str')], ids=['list', 'string'])
    def test_custom_that_is_not_an_object(self, raw, kind):
        with pytest.raises(ResponseFormatError) as info:
            custom.parse_custom({'id': 'i-r', 'custom': raw})
        assert 'holds a JSON %s, not an object of fields' % kind in str(info.value)

    def test_secret_values_for_masking(self):
        assert sorted(custom.secret_values({'A': 'x1', 'B': 22, 'C': None, 'D': True, 'E': {'k': 'v'}})) == ['22', 'x1', '{"k": "v"}']

    def test_only_secret_fields_of_some_length_are_no_log_values(self):
        fields = {'Host': 'db01', 'Port': 1, 'User': 'root', 'Password': SECRET, 'SSH Key': 'k3y-value', 'API token': 'abc',
                  'passphrase': None}
        assert sorted(custom.secret_field_values(fields)) == sorted([SECRET, 'k3y-value'])
        assert custom.masked_secret_fields(fields) == {
            'Host': 'db01', 'Port': 1, 'User': 'root', 'Password': '********', 'SSH Key': '********', 'API token': '********',
            'passphrase': None}

    def test_option_text_values_are_what_ansible_registers(self):
        assert sorted(custom.option_text_values({'a': 'x', 'b': 2, 'c': [1.5, None, True, ''], 'd': {'e': 'y'}})) == ['1.5', '2', 'x', 'y']
