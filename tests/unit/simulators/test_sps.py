# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The SPS simulator over real HTTPS: logins, sessions, API keys, envelopes, transactions and faults."""

from __future__ import annotations

import base64
import email.utils
import http.client
import ssl
import time

import pytest

requests = pytest.importorskip("requests")
simulators = pytest.importorskip("simulators")

PASSWORD = "Ansible-Passw0rd!"


@pytest.fixture(scope="module", name="sps_server")
def fixture_sps_server():
    with simulators.start("sps") as handle:
        yield handle


@pytest.fixture(name="sim")
def fixture_sim(sps_server):
    sps_server.control.reset(state=True)
    return sps_server


def call(sim, method, path, cookie=None, api_key=None, **kwargs):
    headers = kwargs.pop("headers", {})
    if cookie:
        headers["Cookie"] = f"session_id={cookie}"
    if api_key:
        headers["Authorization"] = f"apikey {api_key}"
    return requests.request(method, sim.url + path, headers=headers, verify=sim.ca_path, timeout=10, **kwargs)


def login(sim, user="ansible", password=PASSWORD, **params):
    answer = requests.get(sim.url + "/api/authentication", auth=(user, password), params=params, verify=sim.ca_path, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.cookies.get("session_id") or answer.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]


def test_password_login_sets_a_20_minute_session_cookie(sim):
    answer = requests.get(sim.url + "/api/authentication", auth=("ansible", PASSWORD), verify=sim.ca_path, timeout=10)
    assert answer.status_code == 200 and "meta" in answer.json()
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("session_id=") and "Max-Age=1200" in cookie and "HttpOnly" in cookie
    assert len(cookie.split(";")[0].split("=", 1)[1]) == 40
    assert sim.control.counters()["logins"] == 1


def test_utf8_credentials(sim):
    utf8 = base64.b64encode("jürgen:Pässwörd-ü".encode("utf-8")).decode()
    latin1 = base64.b64encode("jürgen:Pässwörd-ü".encode("latin-1")).decode()
    assert call(sim, "GET", "/api/authentication", headers={"Authorization": f"Basic {utf8}"}).status_code == 200
    assert call(sim, "GET", "/api/authentication", headers={"Authorization": f"Basic {latin1}"}).status_code == 400


@pytest.mark.parametrize("kwargs, status, kind", [
    ({"auth": ("ansible", "wrong")}, 401, "AuthenticationFailure"),
    ({}, 400, "InvalidAuthenticationRequest"),
    ({"headers": {"Authorization": "Basic !!!"}}, 400, "InvalidAuthenticationRequest"),
    ({"auth": ("ansible", PASSWORD), "params": {"login_method": "nope"}}, 400, "InvalidAuthenticationRequest"),
    ({"auth": ("ansible", PASSWORD), "params": {"login_method": "certs", "type": "password"}}, 400, "InvalidAuthenticationRequest"),
    ({"auth": ("ansible", PASSWORD), "params": {"type": "kerberos"}}, 400, "InvalidAuthenticationRequest"),
], ids=["wrong-password", "no-header", "garbled", "unknown-method", "method-of-other-type", "unknown-type"])
def test_failed_logins_use_the_error_envelope(sim, kwargs, status, kind):
    answer = requests.get(sim.url + "/api/authentication", verify=sim.ca_path, timeout=10, **kwargs)
    assert answer.status_code == status
    body = answer.json()
    assert body["error"]["type"] == kind and body["error"]["message"] and body["meta"]["href"] == "/api/authentication"
    assert "Set-Cookie" not in answer.headers


def test_post_on_the_login_is_405(sim):
    answer = call(sim, "POST", "/api/authentication", json={})
    assert answer.status_code == 405 and answer.json()["error"]["type"] == "MethodNotAllowed"


def test_x509_login_maps_the_certificate_to_a_user(sim, tmp_path):
    cert = sim.issue_client_cert("ansible-cert", str(tmp_path))
    answer = requests.get(sim.url + "/api/authentication", params={"type": "x509", "login_method": "certs"}, cert=cert,
                          verify=sim.ca_path, timeout=10)
    assert answer.status_code == 200
    session = answer.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    created = call(sim, "POST", "/api/user/api_keys", cookie=session, json={"name": "from-cert"})
    assert created.status_code == 201
    assert sim.control.state()["api_keys"][created.json()["key"]]["username"] == "ansible"


def test_x509_login_without_or_with_an_unmapped_certificate(sim, tmp_path):
    none = requests.get(sim.url + "/api/authentication", params={"type": "x509"}, verify=sim.ca_path, timeout=10)
    assert none.status_code == 400
    stranger = sim.issue_client_cert("nobody", str(tmp_path))
    unmapped = requests.get(sim.url + "/api/authentication", params={"type": "x509"}, cert=stranger, verify=sim.ca_path, timeout=10)
    assert unmapped.status_code == 401 and "not mapped" in unmapped.json()["error"]["message"]


def test_login_methods_are_anonymous(sim):
    answer = call(sim, "GET", "/api/authentication/login_methods")
    assert answer.status_code == 200
    assert [m["id"] for m in answer.json()["login_methods"]] == ["local", "ldap-corp", "certs"]


def test_sessions_slide_and_expire(sim):
    session = login(sim)
    assert call(sim, "GET", "/api/info", cookie=session).status_code == 200
    assert call(sim, "GET", "/api/info").status_code == 401
    sim.control.expire_tokens()
    expired = call(sim, "GET", "/api/info", cookie=session)
    assert expired.status_code == 401 and expired.json()["error"]["type"] == "AuthenticationFailure"


def test_clock_offset_moves_date_and_cookie_expiry(sim):
    sim.control.configure(clock_offset=3600)
    answer = requests.get(sim.url + "/api/authentication", auth=("ansible", PASSWORD), verify=sim.ca_path, timeout=10)
    server = email.utils.parsedate_to_datetime(answer.headers["Date"]).timestamp()
    assert 3590 < server - time.time() < 3610
    expires = answer.headers["Set-Cookie"].split("Expires=")[1]
    assert 4790 < email.utils.parsedate_to_datetime(expires).timestamp() - time.time() < 4810


def test_own_api_keys_secret_shown_once_and_usable(sim):
    session = login(sim)
    created = call(sim, "POST", "/api/user/api_keys", cookie=session, json={"name": "ci"})
    assert created.status_code == 201
    key, secret = created.json()["key"], created.json()["body"]["token"]
    listed = call(sim, "GET", "/api/user/api_keys", cookie=session).json()["items"]
    assert listed == [{"key": key, "body": {"name": "ci"}, "meta": {"href": f"/api/user/api_keys/{key}"}}]
    admin = call(sim, "GET", "/api/configuration/aaa/local_database/api_keys", api_key=secret).json()["items"]
    assert admin[0]["body"] == {"login_method": "local", "name": "ci", "username": "ansible"}
    assert secret not in str(sim.control.state())
    assert call(sim, "DELETE", f"/api/user/api_keys/{key}", api_key=secret).status_code == 200
    assert call(sim, "GET", "/api/info", api_key=secret).status_code == 401


@pytest.mark.parametrize("user, password, method, reason", [
    ("admin", "admin-Passw0rd!", None, "local admin"),
    ("ansible", PASSWORD, "ldap-corp", "not enabled"),
], ids=["local-admin", "method-without-api-keys"])
def test_api_key_creation_refusals(sim, user, password, method, reason):
    session = login(sim, user, password, **({"login_method": method, "type": "password"} if method else {}))
    answer = call(sim, "POST", "/api/user/api_keys", cookie=session, json={"name": "x"})
    assert answer.status_code == 403 and reason in answer.json()["error"]["message"]


def test_api_keys_cannot_write_configuration(sim):
    session = login(sim)
    secret = call(sim, "POST", "/api/user/api_keys", cookie=session, json={"name": "ci"}).json()["body"]["token"]
    for method, path in (("POST", "/api/transaction"), ("PUT", "/api/configuration/management/email")):
        answer = call(sim, method, path, api_key=secret, json={})
        assert answer.status_code == 403 and "API key" in answer.json()["error"]["message"]


def test_envelopes_of_objects_and_lists(sim):
    session = login(sim)
    email_object = call(sim, "GET", "/api/configuration/management/email", cookie=session).json()
    assert email_object["key"] == "email" and email_object["meta"]["first"] == email_object["meta"]["href"]
    groups = call(sim, "GET", "/api/configuration/aaa/local_database/groups", cookie=session).json()
    assert all(set(item) == {"key", "meta"} for item in groups["items"])
    first = call(sim, "GET", groups["items"][0]["meta"]["href"], cookie=session).json()
    assert first["body"]["name"] == "admins"
    assert call(sim, "GET", "/api/configuration/nothing/here", cookie=session).status_code == 404


def test_transaction_lifecycle_and_lock_between_sessions(sim):
    mine, other = login(sim), login(sim)
    assert call(sim, "POST", "/api/transaction", cookie=mine).json()["body"]["status"] == "open"
    put = call(sim, "PUT", "/api/configuration/management/email", cookie=mine, json={"admin_address": "b@x"})
    assert put.status_code == 200
    changes = call(sim, "GET", "/api/transaction/changes", cookie=mine).json()["changes"]
    assert changes[0]["type"] == "replace" and changes[0]["new_value"] == {"admin_address": "b@x"}
    # The other session sees the committed configuration and meets the lock.
    assert call(sim, "GET", "/api/configuration/management/email", cookie=other).json()["body"]["admin_address"] == "admin@example.com"
    locked = call(sim, "POST", "/api/transaction", cookie=other)
    assert locked.status_code == 409 and locked.json()["error"]["details"]["locked_by"] == "ansible"
    assert call(sim, "PUT", "/api/transaction", cookie=mine, json={"status": "commit"}).json()["body"]["status"] == "closed"
    assert sim.control.state()["configuration"]["singletons"]["management/email"] == {"admin_address": "b@x"}
    assert call(sim, "POST", "/api/transaction", cookie=other).status_code == 200


def test_rollback_discards_and_failed_commit_keeps_the_transaction_open(sim):
    session = login(sim)
    sim.control.configure(fail_commits=1)
    call(sim, "POST", "/api/configuration/aaa/local_database/groups", cookie=session, json={"name": "new"})
    failed = call(sim, "PUT", "/api/transaction", cookie=session, json={"status": "commit"})
    assert failed.status_code == 400 and failed.json()["error"]["type"] == "SemanticError"
    assert sim.control.state()["transaction"]["changes"][0]["type"] == "create"
    assert call(sim, "DELETE", "/api/transaction", cookie=session).json()["body"]["status"] == "closed"
    state = sim.control.state()
    assert state["transaction"] is None
    assert sorted(g["name"] for g in state["configuration"]["lists"]["aaa/local_database/groups"].values()) == ["admins", "ops"]


def test_lock_holder_fault(sim):
    sim.control.configure(lock_holder="admin (web UI)")
    answer = call(sim, "POST", "/api/transaction", cookie=login(sim))
    assert answer.status_code == 409 and "admin (web UI)" in answer.json()["error"]["message"]


def test_admin_key_removal_waits_for_the_commit(sim):
    session = login(sim)
    key = call(sim, "POST", "/api/user/api_keys", cookie=session, json={"name": "ci"}).json()["key"]
    assert call(sim, "DELETE", f"/api/configuration/aaa/local_database/api_keys/{key}", cookie=session).status_code == 200
    assert key in sim.control.state()["api_keys"]
    call(sim, "PUT", "/api/transaction", cookie=session, json={"status": "commit"})
    assert sim.control.state()["api_keys"] == {}


def test_post_without_content_length_is_411(sim):
    session = login(sim)
    context = ssl.create_default_context(cafile=sim.ca_path)
    host, port = sim.url.rsplit("//", 1)[1].rsplit(":", 1)
    connection = http.client.HTTPSConnection(host, int(port), context=context, timeout=10)
    connection.putrequest("POST", "/api/transaction")
    connection.putheader("Cookie", f"session_id={session}")
    connection.endheaders()
    answer = connection.getresponse()
    assert answer.status == 411
    connection.close()
    assert sim.control.state()["transaction"] is None


def test_browser_user_agents_cannot_write(sim):
    session = login(sim)
    answer = call(sim, "POST", "/api/transaction", cookie=session, headers={"User-Agent": "Mozilla/5.0"})
    assert answer.status_code == 403 and answer.json()["error"]["type"] == "XTokenRequired"


def test_logout_ends_the_session_and_can_be_switched_off(sim):
    session = login(sim)
    assert call(sim, "DELETE", "/api/authentication", cookie=session).status_code == 200
    assert call(sim, "GET", "/api/info", cookie=session).status_code == 401
    sim.control.configure(logout_supported=False)
    assert call(sim, "DELETE", "/api/authentication", cookie=login(sim)).status_code == 405


def test_env_names_the_demo_user(sim):
    env = sim.env()
    assert env["SPS_USERNAME"] == "ansible" and env["SPS_PASSWORD"] == PASSWORD and env["SPS_LOGIN_METHOD"] == "local"


def test_transaction_status_is_per_session_and_lists_its_changes(sim):
    mine, other = login(sim), login(sim)
    closed = call(sim, "GET", "/api/transaction", cookie=mine).json()
    assert closed["body"]["status"] == "closed" and closed["meta"]["changes"] is None
    call(sim, "PUT", "/api/configuration/management/email", cookie=mine, json={"admin_address": "b@x"})
    opened = call(sim, "GET", "/api/transaction", cookie=mine).json()
    assert opened["body"] == {"status": "open", "commit_message": "optional"}
    assert opened["meta"]["changes"] == "/api/transaction/changes" and opened["meta"]["remaining_seconds"] > 0
    assert call(sim, "GET", "/api/transaction", cookie=other).json()["body"]["status"] == "closed"


def test_a_transaction_ends_with_its_session(sim):
    session = login(sim)
    call(sim, "PUT", "/api/configuration/management/email", cookie=session, json={"admin_address": "b@x"})
    sim.control.expire_tokens()
    other = login(sim)
    assert call(sim, "POST", "/api/transaction", cookie=other).status_code == 200  # no lock left behind
    assert sim.control.state()["transaction"]["changes"] == []
    assert sim.control.state()["configuration"]["singletons"]["management/email"]["admin_address"] == "admin@example.com"


def test_reads_fail_after_a_commit_on_request(sim):
    session = login(sim)
    sim.control.configure(fail_reads_after_commit=1)
    assert call(sim, "GET", "/api/configuration/management/email", cookie=session).status_code == 200  # before the commit
    call(sim, "PUT", "/api/configuration/management/email", cookie=session, json={"admin_address": "b@x"})
    assert call(sim, "PUT", "/api/transaction", cookie=session, json={"status": "commit"}).status_code == 200
    failed = call(sim, "GET", "/api/configuration/management/email", cookie=session)
    assert failed.status_code == 500 and failed.json()["error"]["type"] == "InternalError"
    assert call(sim, "GET", "/api/configuration/management/email", cookie=session).json()["body"] == {"admin_address": "b@x"}


def test_login_redirect_answers_302_with_the_cookie(sim):
    sim.control.configure(login_redirect=True)
    answer = requests.get(sim.url + "/api/authentication", auth=("ansible", PASSWORD), verify=sim.ca_path, timeout=10,
                          allow_redirects=False)
    assert answer.status_code == 302 and answer.headers["Location"] == "/api"
    assert answer.headers["Set-Cookie"].startswith("session_id=") and answer.json()["meta"]["remaining_seconds"] == 1200


def test_passwords_and_private_keys_are_write_only(sim):
    cookie = login(sim)
    for path in ("passwords", "private_keys"):
        assert call(sim, "GET", f"/api/configuration/{path}", cookie).status_code == 405
        created = call(sim, "POST", f"/api/configuration/{path}", cookie, json={"plain": "S3cret"})
        assert created.status_code == 201
        key = created.json()["key"]
        one = call(sim, "GET", f"/api/configuration/{path}/{key}", cookie)
        assert one.status_code == 200 and "S3cret" not in one.text
        assert call(sim, "PUT", f"/api/configuration/{path}/{key}", cookie, json={"plain": "x"}).status_code == 405
        assert call(sim, "DELETE", f"/api/configuration/{path}/{key}", cookie).status_code == 405


def test_audit_search_pages_filters_and_selects_fields(sim):
    sim.control.configure(audit_page_cap=3)
    cookie = login(sim)
    first = call(sim, "GET", "/api/audit/sessions", cookie, params={"fields": "user.name,server.port", "sort": "-start_time"}).json()
    assert [item["key"] for item in first["items"]] == ["s07", "s06", "s05"] and first["meta"]["match_count"] == 7
    assert first["items"][0]["body"] == {"user": {"name": "dave"}, "server": {"port": 3389}}
    following = call(sim, "GET", first["meta"]["next"], cookie).json()
    assert [item["key"] for item in following["items"]] == ["s04", "s03", "s02"]
    window = call(sim, "GET", "/api/audit/sessions", cookie, params={"start": "2026-01-01T01:00:00Z", "end": "2026-01-01T01:00:00Z"}).json()
    assert [item["key"] for item in window["items"]] == ["s02", "s03"] and "body" not in window["items"][0]
    window = call(sim, "GET", "/api/audit/sessions", cookie, params={"start": "1767229200", "end": "2026-01-01T01:00:00"}).json()
    assert [item["key"] for item in window["items"]] == ["s02", "s03"]
    assert call(sim, "GET", "/api/audit/sessions", cookie, params={"q": "protocol:rdp bob"}).json()["meta"]["match_count"] == 1
    assert call(sim, "GET", "/api/audit/sessions", cookie, params={"start": "soon"}).status_code == 400
    health = call(sim, "GET", "/api/health_status", cookie).json()
    assert health["health_status"]["sessions_total"] == 3
