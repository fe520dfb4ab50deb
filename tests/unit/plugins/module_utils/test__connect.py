# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The connection edge (_connect): options to a ready client, against a real loopback server."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils import _connect
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import Credential, GivenCredential
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import connect_client, get_or_none
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, NotFoundError, OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, HTTPClient

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


def plain_client(server, sleeps, **kwargs):
    return HTTPClient(VENDOR, server.url, allow_http=True, sleep=sleeps, retries=0, **kwargs)


class TestGetOrNone:

    def test_an_object_that_exists_is_its_response(self, server, sleeps):
        server.reply(200, {'id': 'a'})
        response = get_or_none(plain_client(server, sleeps), '/items/a', params={'fields': 'id'})
        assert response.json() == {'id': 'a'}
        assert [(request.method, request.path) for request in server.requests] == [('GET', '/items/a?fields=id')]

    def test_a_404_is_none_after_one_request(self, server, sleeps):
        server.reply(404, {'error': 'no such item'})
        assert get_or_none(plain_client(server, sleeps), '/items/a') is None
        assert len(server.requests) == 1

    def test_other_failures_still_raise(self, server, sleeps):
        server.reply(500, {'error': 'boom'})
        with pytest.raises(APIError) as info:
            get_or_none(plain_client(server, sleeps), '/items/a')
        assert 'HTTP 500' in str(info.value) and not isinstance(info.value, NotFoundError)

    def test_a_404_that_means_something_else_raises_its_error(self, server, sleeps):
        server.reply(404, {'code': 'NOFORM', 'message': 'no such form'}, times=2)
        client = plain_client(server, sleeps, describe_error=lambda response: ErrorInfo(response.json()['message'], code=response.json()['code']))
        with pytest.raises(NotFoundError) as info:
            get_or_none(client, '/forms/x/a', not_missing=lambda error: error.vendor_code == 'NOFORM')
        assert 'no such form' in str(info.value) and info.value.status == 404
        assert get_or_none(client, '/forms/x/a', not_missing=lambda error: error.vendor_code == 'OTHER') is None
