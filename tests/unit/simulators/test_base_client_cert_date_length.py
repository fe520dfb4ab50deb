# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Base capabilities added for SPS and open to every vendor: an optional client certificate on the TLS listener,
a vendor's own ``Date`` header, and 411 for bodies of unknown length. Exercised over real HTTPS."""

from __future__ import annotations

import http.client
import ssl

import pytest

pytest.importorskip("trustme")
requests = pytest.importorskip("requests")

from simulators import Vendor, start  # noqa: E402  # pylint: disable=wrong-import-position  # after the guards
from simulators._base import json_reply  # noqa: E402  # pylint: disable=wrong-import-position

SERVER_DATE = "Mon, 01 Jan 2001 00:00:00 GMT"


class Peer(Vendor):
    """Shows the peer certificate, answers with its own Date, and wants a length on POST."""

    name = "peer"
    env_prefix = "PEER"
    request_client_cert = True
    length_required_methods = frozenset({"POST"})

    def routes(self):
        return [("GET", "/whoami", self.whoami), ("POST", "/submit", self.submit), ("GET", "/old-date", self.old_date)]

    def whoami(self, request):
        return json_reply(200, {"common_name": request.peer_common_name(), "has_cert": request.peer_cert is not None})

    def submit(self, request):
        return json_reply(200, {"length_given": request.length_given, "body": request.body.decode()})

    def old_date(self, _request):
        return json_reply(200, {}, {"Date": SERVER_DATE})


class Plain(Peer):
    """The same routes with the base's defaults: no client certificate asked, no 411."""

    name = "plain"
    env_prefix = "PLAIN"
    request_client_cert = False
    length_required_methods = frozenset()


@pytest.fixture(scope="module", name="peer")
def fixture_peer():
    with start(Peer) as handle:
        yield handle


def test_a_client_certificate_from_the_ca_is_seen_by_the_vendor(peer, tmp_path):
    cert, key = peer.issue_client_cert("Alice Example", str(tmp_path))
    answer = requests.get(peer.url + "/whoami", cert=(cert, key), verify=peer.ca_path, timeout=10)
    assert answer.json() == {"common_name": "Alice Example", "has_cert": True}


def test_the_client_certificate_is_optional(peer):
    answer = requests.get(peer.url + "/whoami", verify=peer.ca_path, timeout=10)
    assert answer.json() == {"common_name": None, "has_cert": False}


def test_a_certificate_from_another_ca_fails_the_handshake(peer, tmp_path):
    import trustme  # pylint: disable=import-outside-toplevel
    stranger = trustme.CA().issue_cert("mallory.client.invalid", common_name="Mallory")
    stranger.cert_chain_pems[0].write_to_path(str(tmp_path / "m.crt"))
    stranger.private_key_pem.write_to_path(str(tmp_path / "m.key"))
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(peer.url + "/whoami", cert=(str(tmp_path / "m.crt"), str(tmp_path / "m.key")), verify=peer.ca_path, timeout=10)


def test_vendors_that_do_not_ask_get_no_certificate(tmp_path):
    with start(Plain) as plain:
        cert, key = plain.issue_client_cert("Alice", str(tmp_path))
        answer = requests.get(plain.url + "/whoami", cert=(cert, key), verify=plain.ca_path, timeout=10)
        assert answer.json() == {"common_name": None, "has_cert": False}
        no_length = _raw_post(plain, "/submit")
        assert no_length[0] == 200  # without length_required_methods nothing changes


def test_a_vendor_date_header_replaces_the_default(peer):
    answer = requests.get(peer.url + "/old-date", verify=peer.ca_path, timeout=10)
    assert answer.headers["Date"] == SERVER_DATE
    assert answer.raw.headers.getlist("Date") == [SERVER_DATE]
    normal = requests.get(peer.url + "/whoami", verify=peer.ca_path, timeout=10)
    assert normal.headers["Date"] != SERVER_DATE and normal.headers["Date"].endswith("GMT")


def _raw_post(handle, path, headers=None, body=None):
    """A POST that sends exactly the given headers (http.client adds no Content-Length when asked not to)."""
    context = ssl.create_default_context(cafile=handle.ca_path)
    host, port = handle.url.rsplit("//", 1)[1].rsplit(":", 1)
    connection = http.client.HTTPSConnection(host, int(port), context=context, timeout=10)
    try:
        connection.putrequest("POST", path)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_post_without_length_is_answered_411(peer):
    status, body = _raw_post(peer, "/submit")
    assert status == 411 and b"Length Required" in body


@pytest.mark.parametrize("headers, body", [({"Content-Length": "0"}, None), ({"Content-Length": "2"}, b"{}"),
                                           ({"Transfer-Encoding": "chunked"}, b"2\r\nok\r\n0\r\n\r\n")],
                         ids=["empty", "sized", "chunked"])
def test_post_with_a_length_is_routed(peer, headers, body):
    status, answer = _raw_post(peer, "/submit", headers, body)
    assert status == 200 and b'"length_given": true' in answer
