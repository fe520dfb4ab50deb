# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The connection edge (_connect): options to a ready client, against a real loopback server."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils import _connect
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import Credential, GivenCredential
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import connect_client
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError

VENDOR = 'Test Vendor'


def given():
    return GivenCredential(Credential(token='tok-given', headers={'Authorization': 'Bearer tok-given'}))


class TestConnectClient:

    def test_missing_ca_file_is_an_option_error(self, tmp_path):
        with pytest.raises(OptionError) as info:
            connect_client(VENDOR, {'url': 'https://h', 'ca_path': str(tmp_path / 'nope.pem')}, given())
        assert 'ca_path' in str(info.value) and 'nope.pem' in str(info.value)

    def test_ca_path_makes_it_work(self, tls_server, monkeypatch):
        # requests lets these variables override a session's CA bundle; ca_path must still win.
        monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/nonexistent/bundle.pem')
        monkeypatch.setenv('CURL_CA_BUNDLE', '/nonexistent/bundle.pem')
        tls_server.reply(200, {'ok': True})
        client = connect_client(VENDOR, {'url': tls_server.url, 'ca_path': tls_server.ca_path}, given())
        assert client.get('/x', authenticated=False).json() == {'ok': True}


class TestURLSuffix:

    def test_suffix_removal_does_not_echo_a_password(self):
        warned = []
        assert _connect.url_without_suffix('https://u:s3cr3t-pw@host/api', '/api', warned.append) == 'https://u:s3cr3t-pw@host/api'
        assert warned == []
