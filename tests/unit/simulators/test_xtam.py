# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The XTAM + CAS simulator, seen through real HTTPS requests (xmatters_xtam.md part B, interface.md §6)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, quote, urlsplit

import pytest

pytest.importorskip("trustme")
requests = pytest.importorskip("requests")

from simulators import start  # noqa: E402  # pylint: disable=wrong-import-position  # after the guards

DEMO = ("demo", "Demo-Passw0rd!")
API_TOKEN = "xtam-demo-api-token-7Jq2"
REST = "/xtam/rest"


@pytest.fixture(scope="module", name="xtam_server")
def fixture_xtam_server():
    with start("xtam") as handle:
        yield handle


@pytest.fixture(name="sim")
def fixture_sim(xtam_server):
    xtam_server.control.reset(state=True)
    return xtam_server


def call(sim, method, path, **kwargs):
    kwargs.setdefault("allow_redirects", False)
    return requests.request(method, sim.url + path, verify=sim.ca_path, timeout=10, **kwargs)


def sign_in(sim):
    """A Basic whoami: the session and XSRF cookies."""
    response = call(sim, "GET", REST + "/user/whoami", auth=DEMO)
    assert response.status_code == 200, response.text
    return {"JSESSIONID": response.cookies["JSESSIONID"], "XSRF-TOKEN": response.cookies["XSRF-TOKEN"]}


def write(sim, method, path, session, xsrf=None, **kwargs):
    headers = kwargs.pop("headers", {})
    headers["X-XSRF-TOKEN"] = session["XSRF-TOKEN"] if xsrf is None else xsrf
    return call(sim, method, path, cookies=session, headers=headers, **kwargs)


def ticket_location(sim, token=API_TOKEN, service=None):
    return call(sim, "GET", "/cas/login", params={"service": service or sim.url + "/xtam/"}, headers={"token": token})


class TestSignIn:

    def test_whoami_with_basic_sets_the_session_and_the_xsrf_cookie(self, sim):
        response = call(sim, "GET", REST + "/user/whoami", auth=DEMO)
        assert response.status_code == 200
        assert response.json()["firstName"] == "Demo" and response.json()["lastName"] == "User"
        lines = response.raw.headers.getlist("Set-Cookie")
        assert [line.split("=")[0] for line in lines] == ["JSESSIONID", "XSRF-TOKEN"]
        assert "HttpOnly" in lines[0] and "HttpOnly" not in lines[1]  # the XSRF cookie is readable by scripts
        assert sim.control.counters()["logins"] == 1

    def test_the_session_cookie_alone_authenticates(self, sim):
        session = sign_in(sim)
        response = call(sim, "GET", REST + "/folder/root", cookies={"JSESSIONID": session["JSESSIONID"]})
        assert response.status_code == 200 and response.json()["id"] == "i-Root0000001"

    @pytest.mark.parametrize("auth", [None, ("demo", "wrong")], ids=["none", "wrong-password"])
    def test_unauthenticated_is_401(self, sim, auth):
        response = call(sim, "GET", REST + "/user/whoami", auth=auth)
        assert response.status_code == 401
        assert response.json()["status"] == 401 and response.json()["error"] == "Unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Basic")

    def test_federated_only_redirects_to_the_cas_login(self, sim):
        sim.control.configure(federated_only=True)
        response = call(sim, "GET", REST + "/user/whoami", auth=DEMO)
        assert response.status_code == 302
        assert response.headers["Location"] == sim.url + "/cas/login?service=" + quote(sim.url + "/xtam/", safe="")

    def test_an_expired_session_is_refused(self, sim):
        session = sign_in(sim)
        sim.control.expire_tokens()
        assert call(sim, "GET", REST + "/folder/root", cookies=session).status_code == 401


class TestCas:

    def test_token_login_gives_a_ticket_that_opens_a_session_once(self, sim):
        response = ticket_location(sim)
        assert response.status_code == 302
        location = response.headers["Location"]
        assert location.startswith(sim.url + "/xtam/?ticket=ST-")
        first = requests.get(location, allow_redirects=False, verify=sim.ca_path, timeout=10)
        assert first.status_code == 302 and first.headers["Location"] == sim.url + "/xtam/"
        session = first.cookies["JSESSIONID"]
        assert call(sim, "GET", REST + "/user/whoami", cookies={"JSESSIONID": session}).json()["userName"] == "demo"
        again = requests.get(location, allow_redirects=False, verify=sim.ca_path, timeout=10)
        assert again.status_code == 401 and "JSESSIONID" not in again.cookies
        assert sim.control.state()["tickets_refused"] == 1

    @pytest.mark.parametrize("token", ["xtam-disabled-token", "xtam-expired-token", "unknown"])
    def test_disabled_expired_or_unknown_tokens_get_401(self, sim, token):
        response = ticket_location(sim, token=token)
        assert response.status_code == 401 and "invalid, disabled or expired" in response.json()["message"]
        assert sim.control.counters()["login_failures"] == 1

    def test_without_a_token_header_cas_shows_its_login_page(self, sim):
        response = call(sim, "GET", "/cas/login", params={"service": sim.url + "/xtam/"})
        assert response.status_code == 200 and "text/html" in response.headers["Content-Type"]

    def test_a_ticket_for_another_service_is_refused(self, sim):
        location = ticket_location(sim, service=sim.url + "/other/").headers["Location"]
        ticket = parse_qs(urlsplit(location).query)["ticket"][0]
        assert call(sim, "GET", "/xtam/", params={"ticket": ticket}).status_code == 401

    def test_tokens_can_be_configured(self, sim):
        sim.control.configure(api_tokens={"fresh": {"user": "auditor"}})
        assert ticket_location(sim, token="fresh").status_code == 302
        assert ticket_location(sim, token=API_TOKEN).status_code == 401
        with pytest.raises(requests.HTTPError):
            sim.control.configure(api_tokens={"bad": {"enabled": True}})

    def test_cas_rest_protocol(self, sim):
        tgt = call(sim, "POST", "/cas/v1/tickets", data={"username": DEMO[0], "password": DEMO[1]})
        assert tgt.status_code == 201 and "/cas/v1/tickets/TGT-" in tgt.headers["Location"]
        st = requests.post(tgt.headers["Location"], data={"service": sim.url + "/xtam/"}, verify=sim.ca_path, timeout=10)
        assert st.status_code == 200 and st.text.startswith("ST-")
        opened = call(sim, "GET", "/xtam/", params={"ticket": st.text})
        assert opened.status_code == 302 and "JSESSIONID" in opened.cookies
        assert call(sim, "POST", "/cas/v1/tickets", data={"username": "demo", "password": "x"}).status_code == 401


class TestXsrf:

    @pytest.mark.parametrize("xsrf", ["", "forged"], ids=["missing", "mismatched"])
    def test_a_modifying_call_without_the_matching_header_is_403(self, sim, xsrf):
        session = sign_in(sim)
        response = write(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", session, xsrf=xsrf)
        assert response.status_code == 403 and "CSRF" in response.json()["message"]
        assert "i-3AbCdEf0001" in sim.control.state()["records"]
        assert sim.control.state()["xsrf_refused"] == 1

    def test_the_header_of_another_session_is_refused(self, sim):
        mine, other = sign_in(sim), sign_in(sim)
        mixed = {"JSESSIONID": mine["JSESSIONID"], "XSRF-TOKEN": other["XSRF-TOKEN"]}
        assert write(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", mixed).status_code == 403

    def test_basic_with_the_header_alone_can_modify_as_in_the_vendor_example(self, sim):
        # Xton's Python example: Basic on every call, the XSRF value from whoami's cookie sent as the header only.
        xsrf = sign_in(sim)["XSRF-TOKEN"]
        response = call(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", auth=DEMO, headers={"X-XSRF-TOKEN": xsrf})
        assert response.status_code == 200, response.text
        assert "i-3AbCdEf0001" not in sim.control.state()["records"]
        assert sim.control.state()["xsrf_refused"] == 0

    @pytest.mark.parametrize("headers", [{}, {"X-XSRF-TOKEN": "forged"}, "auditor"], ids=["no-header", "forged", "other-user"])
    def test_basic_without_a_header_of_the_user_cannot_modify(self, sim, headers):
        if headers == "auditor":
            auditor = call(sim, "GET", REST + "/user/whoami", auth=("auditor", "Audit-Passw0rd!"))
            headers = {"X-XSRF-TOKEN": auditor.cookies["XSRF-TOKEN"]}
        sign_in(sim)
        response = call(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", auth=DEMO, headers=headers)
        assert response.status_code == 403 and "CSRF" in response.json()["message"]
        assert "i-3AbCdEf0001" in sim.control.state()["records"]

    def test_the_session_cookie_with_the_header_alone_can_modify(self, sim):
        session = sign_in(sim)
        response = call(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", cookies={"JSESSIONID": session["JSESSIONID"]},
                        headers={"X-XSRF-TOKEN": session["XSRF-TOKEN"]})
        assert response.status_code == 200, response.text

    def test_a_cookie_that_differs_from_the_header_is_refused(self, sim):
        session = sign_in(sim)
        response = write(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", dict(session, **{"XSRF-TOKEN": "other"}))
        assert response.status_code == 403

    def test_reads_need_no_header(self, sim):
        session = sign_in(sim)
        assert call(sim, "GET", REST + "/record/unlock/i-2qhyGh2UB0V", cookies={"JSESSIONID": session["JSESSIONID"]}).status_code == 200

    @pytest.mark.parametrize("setting", ["xsrf_cookie", "xsrf_protection"])
    def test_whoami_can_answer_without_the_xsrf_cookie(self, sim, setting):
        sim.control.configure(**{setting: False})
        response = call(sim, "GET", REST + "/user/whoami", auth=DEMO)
        assert response.status_code == 200 and response.json()["firstName"] == "Demo"
        assert [line.split("=")[0] for line in response.raw.headers.getlist("Set-Cookie")] == ["JSESSIONID"]
        session = {"JSESSIONID": response.cookies["JSESSIONID"]}
        assert call(sim, "GET", REST + "/record/unlock/i-2qhyGh2UB0V", cookies=session).status_code == 200
        delete = call(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", cookies=session)
        if setting == "xsrf_cookie":  # the session still has a token, which nothing delivered: writes are refused
            assert delete.status_code == 403 and "CSRF" in delete.json()["message"]
            assert "i-3AbCdEf0001" in sim.control.state()["records"] and sim.control.state()["xsrf_refused"] == 1
        else:  # the protection is off: writes need no header
            assert delete.status_code == 200, delete.text
            assert "i-3AbCdEf0001" not in sim.control.state()["records"] and sim.control.state()["xsrf_refused"] == 0

    def test_a_stale_xsrf_token_is_refused_until_whoami_gives_a_new_one(self, sim):
        session = sign_in(sim)
        other = sign_in(sim)
        assert sim.control.expire_xsrf() == {"expired": 2}
        stale = write(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", session)
        assert stale.status_code == 403 and "CSRF" in stale.json()["message"]
        basic = call(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", auth=DEMO, headers={"X-XSRF-TOKEN": other["XSRF-TOKEN"]})
        assert basic.status_code == 403  # a stale token of the user's other session does not serve Basic either
        state = sim.control.state()
        assert (state["xsrf_refused"], state["writes"]) == (2, {})
        renewed = call(sim, "GET", REST + "/user/whoami", cookies={"JSESSIONID": session["JSESSIONID"]})
        fresh = renewed.cookies["XSRF-TOKEN"]
        assert renewed.status_code == 200 and fresh not in (session["XSRF-TOKEN"], other["XSRF-TOKEN"])
        assert call(sim, "GET", REST + "/user/whoami", cookies={"JSESSIONID": session["JSESSIONID"]}).cookies["XSRF-TOKEN"] == fresh
        done = write(sim, "DELETE", REST + "/record/delete/i-3AbCdEf0001", dict(session, **{"XSRF-TOKEN": fresh}))
        assert done.status_code == 200, done.text
        assert sim.control.state()["writes"] == {"DELETE /xtam/rest/record/delete/i-3AbCdEf0001": 1}
        assert sim.control.counters()["logins"] == 3  # the two sign-ins and the Basic call; whoami on a session opens none

    def test_the_xsrf_settings_are_checked(self, sim):
        with pytest.raises(requests.HTTPError, match="400"):
            sim.control.configure(xsrf_cookie="no")


class TestRecordsAndFolders:

    def test_unlock_returns_custom_as_a_json_string_and_get_has_no_secrets(self, sim):
        session = sign_in(sim)
        unlocked = call(sim, "GET", REST + "/record/unlock/i-2qhyGh2UB0V", cookies=session).json()
        assert isinstance(unlocked["custom"], str)
        assert json.loads(unlocked["custom"])["Password"] == "s3cr3t-db01"
        plain = call(sim, "GET", REST + "/record/get/i-2qhyGh2UB0V", cookies=session).json()
        assert "custom" not in plain and plain["recordType"]["name"] == "Unix Host"

    def test_record_create_takes_a_form_and_update_replaces_fields(self, sim):
        session = sign_in(sim)
        path = REST + "/record/new/i-2Zh30SUCq7c/i-83XfwpNvCHy"
        as_json = write(sim, "POST", path, session, json={"name": "x", "custom": "{}"})
        assert as_json.status_code == 415
        created = write(sim, "POST", path, session, data={"name": "web01", "custom": '{"Host": "web01", "Port": 22}'})
        assert created.status_code == 200
        record_id = created.json()["id"]
        assert sim.control.state()["records"][record_id]["custom"] == '{"Host": "web01", "Port": 22}'
        updated = write(sim, "POST", REST + "/record/update/" + record_id, session, data={"description": "d"})
        assert updated.status_code == 200
        stored = sim.control.state()["records"][record_id]
        assert stored["description"] == "d" and stored["name"] == "web01" and stored["custom"] == '{"Host": "web01", "Port": 22}'
        assert write(sim, "DELETE", REST + "/record/delete/" + record_id, session).status_code == 200
        assert call(sim, "GET", REST + "/record/get/" + record_id, cookies=session).status_code == 404

    @pytest.mark.parametrize("custom", ["{not json", "[1, 2]"], ids=["not-json", "not-an-object"])
    def test_invalid_custom_is_400(self, sim, custom):
        session = sign_in(sim)
        response = write(sim, "POST", REST + "/record/new/i-2Zh30SUCq7c/i-4SecretType", session, data={"name": "x", "custom": custom})
        assert response.status_code == 400 and "custom" in response.json()["message"]

    def test_folder_create_takes_json_and_lists_mark_folders(self, sim):
        session = sign_in(sim)
        path = REST + "/folder/create/i-Root0000001"
        assert write(sim, "POST", path, session, data={"name": "as form"}).status_code == 415
        created = write(sim, "POST", path, session, json={"name": "Team", "description": "t"})
        assert created.status_code == 200 and created.json()["folder"] is True
        entries = call(sim, "GET", REST + "/folder/list/i-Root0000001", cookies=session).json()
        assert sorted(entry["name"] for entry in entries if entry.get("folder")) == ["Applications", "Servers", "Team"]
        records = call(sim, "GET", REST + "/folder/list/i-2Zh30SUCq7c", cookies=session).json()
        assert records == [{"id": "i-2qhyGh2UB0V", "name": "db01 root", "recordType": {"id": "i-83XfwpNvCHy", "name": "Unix Host"}}]

    def test_folder_get_update_and_delete(self, sim):
        session = sign_in(sim)
        folder = write(sim, "POST", REST + "/folder/create/i-Root0000001", session, json={"name": "Team"}).json()
        path = "/folder/%s/" + folder["id"]
        assert call(sim, "GET", REST + path % "get", cookies=session).json() == dict(folder, description="")
        assert write(sim, "POST", REST + path % "update", session, data={"description": "d"}).status_code == 415
        updated = write(sim, "POST", REST + path % "update", session, json={"description": "d"})
        assert updated.status_code == 200 and updated.json()["description"] == "d" and updated.json()["name"] == "Team"
        assert call(sim, "DELETE", REST + path % "delete", cookies=session).status_code == 403  # XSRF applies
        assert write(sim, "DELETE", REST + path % "delete", session).status_code == 200
        assert call(sim, "GET", REST + path % "get", cookies=session).status_code == 404
        assert write(sim, "DELETE", REST + path % "delete", session).status_code == 404

    @pytest.mark.parametrize("folder", ["i-2Zh30SUCq7c", "i-Root0000001"], ids=["holds-a-record", "root"])
    def test_only_an_empty_folder_is_deleted(self, sim, folder):
        session = sign_in(sim)
        response = write(sim, "DELETE", REST + "/folder/delete/" + folder, session)
        assert response.status_code == 400 and response.json()["status"] == 400
        assert folder in sim.control.state()["folders"]

    def test_record_types_list_their_fields_and_records_carry_id_and_name(self, sim):
        session = sign_in(sim)
        types = call(sim, "GET", REST + "/recordType/list", cookies=session).json()
        assert {item["name"]: item["id"] for item in types} == {"Unix Host": "i-83XfwpNvCHy", "Secret": "i-4SecretType", "Certificate": "i-5CertType01"}
        assert [field["name"] for field in types[0]["fields"]] == ["Host", "Port", "User", "Password"]
        record = call(sim, "GET", REST + "/record/get/i-2qhyGh2UB0V", cookies=session).json()
        assert record["recordType"] == {"id": "i-83XfwpNvCHy", "name": "Unix Host"}

    def test_unknown_objects_are_404_in_the_spring_style(self, sim):
        session = sign_in(sim)
        response = call(sim, "GET", REST + "/folder/list/i-none", cookies=session)
        assert response.status_code == 404
        assert set(response.json()) == {"timestamp", "status", "error", "message", "path"}

    def test_logout_ends_the_session(self, sim):
        session = sign_in(sim)
        assert call(sim, "POST", "/xtam/logout", cookies=session).status_code == 403  # XSRF applies
        assert write(sim, "POST", "/xtam/logout", session).status_code == 302
        assert call(sim, "GET", REST + "/folder/root", cookies=session).status_code == 401
        assert sim.control.counters()["logouts"] == 1


def test_env_names_the_application_path_and_the_demo_token(sim):
    env = sim.env()
    assert env["XTAM_URL"] == sim.url + "/xtam"
    assert env["XTAM_API_TOKEN"] == API_TOKEN
    assert (env["XTAM_USERNAME"], env["XTAM_PASSWORD"]) == DEMO
