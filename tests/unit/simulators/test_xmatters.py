# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The xMatters simulator, seen through real HTTPS requests (xmatters_xtam.md part A, interface.md §6)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("trustme")
requests = pytest.importorskip("requests")

from simulators import start  # noqa: E402  # pylint: disable=wrong-import-position  # after the guards
from simulators.xmatters import (  # noqa: E402  # pylint: disable=wrong-import-position
    DEMO_API_KEY,
    DEMO_API_SECRET,
    DEMO_CLIENT_ID,
    DEMO_FUNCTION_ID,
    DEMO_PASSWORD,
    DEMO_TRIGGER_API_KEY,
    DEMO_USER,
    SSO_USER,
)

API = "/api/xm/1"
DEMO = (DEMO_USER, DEMO_PASSWORD)


@pytest.fixture(scope="module", name="xm_server")
def fixture_xm_server():
    with start("xmatters") as handle:
        yield handle


@pytest.fixture(name="xm")
def fixture_xm(xm_server):
    xm_server.control.reset(state=True)
    return xm_server


def call(sim, method, path, auth=DEMO, token=None, **kwargs):
    headers = kwargs.pop("headers", {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
        auth = None
    return requests.request(method, sim.url + path, auth=auth, headers=headers, verify=sim.ca_path, timeout=10, **kwargs)


def token(sim, **fields):
    body = {"grant_type": "password", "client_id": DEMO_CLIENT_ID, "username": DEMO_USER, "password": DEMO_PASSWORD}
    body.update(fields)
    return requests.post(sim.url + API + "/oauth2/token", data=body, verify=sim.ca_path, timeout=10)


def group_names(sim, **params):
    return [group["targetName"] for group in call(sim, "GET", API + "/groups", params=params).json()["data"]]


class TestAuthentication:

    @pytest.mark.parametrize("auth", [DEMO, (DEMO_API_KEY, DEMO_API_SECRET)], ids=["password", "api-key"])
    def test_basic_with_a_password_or_an_api_key(self, xm, auth):
        assert call(xm, "GET", API + "/groups", auth=auth).status_code == 200

    @pytest.mark.parametrize("auth", [(DEMO_USER, "wrong"), (DEMO_API_KEY, "wrong"), ("x-api-key-unknown", DEMO_API_SECRET)],
                             ids=["password", "key-secret", "unknown-key"])
    def test_wrong_basic_credentials_get_401_in_the_xmatters_error_shape(self, xm, auth):
        response = call(xm, "GET", API + "/groups", auth=auth)
        assert response.status_code == 401
        assert response.json() == {"code": 401, "reason": "Unauthorized", "message": "Invalid credentials"}
        assert xm.control.counters()["login_failures"] == 1

    def test_the_sso_user_always_gets_401_with_basic_and_with_the_password_grant(self, xm):
        idp_password = xm.env()["XMATTERS_DEMO_SSO_PASSWORD"]
        assert call(xm, "GET", API + "/groups", auth=(SSO_USER, idp_password)).status_code == 401
        assert token(xm, username=SSO_USER, password=idp_password).json()["error"] == "invalid_grant"

    def test_sso_message_names_the_sso_refusal_of_the_right_password_only(self, xm):
        xm.control.configure(sso_message="SSO users must sign in through their identity provider")
        idp_password = xm.env()["XMATTERS_DEMO_SSO_PASSWORD"]
        assert call(xm, "GET", API + "/groups", auth=(SSO_USER, idp_password)).json()["message"].startswith("SSO users")
        assert call(xm, "GET", API + "/groups", auth=(SSO_USER, "wrong")).json()["message"] == "Invalid credentials"
        assert call(xm, "GET", API + "/groups", auth=(DEMO_USER, "wrong")).json()["message"] == "Invalid credentials"

    def test_bypass_sso_lets_the_sso_user_in(self, xm):
        xm.control.configure(users={SSO_USER: {"password": "Web-App-Pw1", "sso": True, "bypass_sso": True}})
        assert call(xm, "GET", API + "/groups", auth=(SSO_USER, "Web-App-Pw1")).status_code == 200

    def test_an_api_key_of_a_deleted_user_stops_working(self, xm):
        xm.control.configure(users={"someone": {"password": "x"}})
        assert call(xm, "GET", API + "/groups", auth=(DEMO_API_KEY, DEMO_API_SECRET)).status_code == 401

    def test_password_grant_returns_a_bearer_token_that_works(self, xm):
        response = token(xm)
        body = response.json()
        assert response.status_code == 200
        assert set(body) >= {"access_token", "token_type", "refresh_token", "expires_in"}
        assert body["token_type"] == "bearer" and body["expires_in"] == 900
        assert call(xm, "GET", API + "/groups", token=body["access_token"]).status_code == 200
        assert xm.control.state()["grants"] == ["password"]

    def test_refresh_grant_rotates_the_refresh_token(self, xm):
        first = token(xm).json()
        second = token(xm, grant_type="refresh_token", refresh_token=first["refresh_token"]).json()
        assert second["refresh_token"] != first["refresh_token"]
        again = token(xm, grant_type="refresh_token", refresh_token=first["refresh_token"])
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
        assert token(xm, grant_type="refresh_token", refresh_token=second["refresh_token"]).status_code == 200

    def test_without_rotation_the_refresh_token_is_reusable(self, xm):
        xm.control.configure(rotate_refresh_tokens=False)
        first = token(xm).json()
        second = token(xm, grant_type="refresh_token", refresh_token=first["refresh_token"]).json()
        assert second["refresh_token"] == first["refresh_token"]

    @pytest.mark.parametrize("fields,error", [
        ({"client_id": "nope"}, "invalid_client"),
        ({"password": "wrong"}, "invalid_grant"),
        ({"grant_type": "client_credentials"}, "unsupported_grant_type"),
    ], ids=["client", "password", "grant"])
    def test_token_endpoint_errors_speak_oauth(self, xm, fields, error):
        response = token(xm, **fields)
        assert response.status_code == 400
        assert response.json()["error"] == error

    def test_the_token_parameters_may_come_in_the_query_string(self, xm):
        params = {"grant_type": "password", "client_id": DEMO_CLIENT_ID, "username": DEMO_USER, "password": DEMO_PASSWORD}
        response = requests.post(xm.url + API + "/oauth2/token", params=params, verify=xm.ca_path, timeout=10)
        assert response.status_code == 200, response.text
        assert call(xm, "GET", API + "/groups", token=response.json()["access_token"]).status_code == 200

    def test_the_token_endpoint_wants_a_form(self, xm):
        response = requests.post(xm.url + API + "/oauth2/token", json={"grant_type": "password"}, verify=xm.ca_path, timeout=10)
        assert response.json()["error"] == "invalid_request"

    def test_access_tokens_expire(self, xm):
        access = token(xm).json()["access_token"]
        xm.control.expire_tokens()
        response = call(xm, "GET", API + "/groups", token=access)
        assert response.status_code == 401 and response.json()["code"] == 401

    def test_token_lifetime_setting(self, xm):
        xm.control.configure(token_lifetime=60)
        assert token(xm).json()["expires_in"] == 60


class TestGroups:

    def test_list_envelope_with_server_relative_links(self, xm):
        xm.control.configure(seed_groups=5)
        body = call(xm, "GET", API + "/groups", params={"offset": 2, "limit": 3}).json()
        assert (body["count"], body["total"], len(body["data"])) == (3, 7, 3)
        assert body["links"]["self"] == API + "/groups?offset=2&limit=3"
        assert body["links"]["next"] == API + "/groups?offset=5&limit=3"
        assert body["links"]["previous"] == API + "/groups?offset=0&limit=3"
        last = call(xm, "GET", body["links"]["next"]).json()
        assert last["count"] == 2 and "next" not in last["links"]

    def test_the_default_limit_is_100_and_above_1000_is_refused(self, xm):
        xm.control.configure(seed_groups=150)
        assert call(xm, "GET", API + "/groups").json()["count"] == 100
        assert call(xm, "GET", API + "/groups", params={"limit": 1000}).json()["count"] == 152
        response = call(xm, "GET", API + "/groups", params={"limit": 1001})
        assert response.status_code == 400 and "between 1 and 1000" in response.json()["message"]

    def test_seed_groups_adds_and_removes_generated_groups(self, xm):
        xm.control.configure(seed_groups=2500)
        assert call(xm, "GET", API + "/groups", params={"limit": 1}).json()["total"] == 2502
        xm.control.configure(seed_groups=1)
        assert group_names(xm) == ["Operations", "Database Team", "Generated Group 00001"]
        xm.control.reset(state=True)
        assert group_names(xm) == ["Operations", "Database Team"]

    def test_next_links_keep_the_other_query_parameters(self, xm):
        xm.control.configure(seed_groups=3)
        body = call(xm, "GET", API + "/groups", params={"search": "generated", "limit": 2}).json()
        assert body["total"] == 3
        assert parse_qs(urlsplit(body["links"]["next"]).query) == {"search": ["generated"], "offset": ["2"], "limit": ["2"]}

    def test_create_get_by_name_or_id_update_by_post_with_id_and_delete(self, xm):
        jdoe = call(xm, "GET", API + "/people/jdoe").json()
        created = call(xm, "POST", API + "/groups", json={"targetName": "Ops Team", "description": "d", "supervisors": [jdoe["id"]]})
        assert created.status_code == 201
        group = created.json()
        assert group["recipientType"] == "GROUP" and group["links"]["self"] == f"{API}/groups/{group['id']}"
        by_name = call(xm, "GET", API + "/groups/Ops%20Team", params={"embed": "supervisors"}).json()
        assert by_name["id"] == group["id"]
        assert by_name["supervisors"]["data"][0]["targetName"] == "jdoe" and by_name["supervisors"]["total"] == 1
        updated = call(xm, "POST", API + "/groups", json={"id": group["id"], "description": "d", "status": "INACTIVE"})
        assert updated.status_code == 200
        assert updated.json()["status"] == "INACTIVE" and updated.json()["description"] == "d"
        deleted = call(xm, "DELETE", API + "/groups/" + group["id"])
        assert deleted.status_code == 200 and deleted.json()["targetName"] == "Ops Team"
        gone = call(xm, "DELETE", API + "/groups/" + group["id"])
        assert gone.status_code == 204 and gone.content == b""
        assert call(xm, "GET", API + "/groups/" + group["id"]).status_code == 404

    @pytest.mark.parametrize("auth,supervisor", [(DEMO, DEMO_USER), ((DEMO_API_KEY, DEMO_API_SECRET), DEMO_USER)], ids=["password", "api-key"])
    def test_a_group_created_without_supervisors_is_supervised_by_the_caller(self, xm, auth, supervisor):
        call(xm, "POST", API + "/groups", auth=auth, json={"targetName": "Mine"})
        group = call(xm, "GET", API + "/groups/Mine", params={"embed": "supervisors"}).json()
        assert [person["targetName"] for person in group["supervisors"]["data"]] == [supervisor]

    @pytest.mark.parametrize("supervisors", [[], None], ids=["empty", "null"])
    def test_a_group_created_with_empty_or_null_supervisors_has_none(self, xm, supervisors):
        call(xm, "POST", API + "/groups", json={"targetName": "Nobody's", "supervisors": supervisors})
        assert call(xm, "GET", API + "/groups/Nobody's", params={"embed": "supervisors"}).json()["supervisors"]["total"] == 0

    def test_an_update_replaces_the_group_so_what_it_omits_is_reset(self, xm):
        jdoe = call(xm, "GET", API + "/people/jdoe").json()
        group = call(xm, "POST", API + "/groups", json={"targetName": "G", "description": "d", "observedByAll": False,
                                                        "supervisors": [jdoe["id"]], "observers": [{"name": "Standard User"}]}).json()
        embedded = call(xm, "GET", API + "/groups/G", params={"embed": "supervisors,observers"}).json()
        assert embedded["observers"] == {"count": 1, "total": 1, "data": [{"name": "Standard User"}]}
        assert embedded["supervisors"]["total"] == 1
        call(xm, "POST", API + "/groups", json={"id": group["id"], "status": "INACTIVE"})
        after = call(xm, "GET", API + "/groups/G", params={"embed": "supervisors,observers"}).json()
        assert (after["targetName"], after["status"], after["description"], after["observedByAll"]) == ("G", "INACTIVE", "", True)
        assert after["supervisors"]["total"] == 0 and after["observers"]["total"] == 0

    def test_supervisors_as_id_objects_are_accepted(self, xm):
        asmith = call(xm, "GET", API + "/people/asmith").json()
        response = call(xm, "POST", API + "/groups", json={"targetName": "G", "supervisors": [{"id": asmith["id"]}]})
        assert response.status_code == 201

    @pytest.mark.parametrize("body,status,text", [
        ({"targetName": "Operations"}, 409, "already exists"),
        ({"description": "no name"}, 400, "targetName is required"),
        ({"targetName": "G", "supervisors": ["nobody"]}, 400, "no person"),
        ({"targetName": "G", "status": "SLEEPING"}, 400, "status must be"),
        ({"id": "00000000-0000-0000-0000-000000000000", "description": "x"}, 404, "Could not find"),
        ({"targetName": "G", "observers": ["Standard User"]}, 400, "observers must be"),
    ], ids=["duplicate", "no-name", "unknown-supervisor", "bad-status", "unknown-id", "bad-observers"])
    def test_refusals(self, xm, body, status, text):
        response = call(xm, "POST", API + "/groups", json=body)
        assert response.status_code == status
        assert text in response.json()["message"] and response.json()["code"] == status

    def test_429_with_retry_after_on_demand(self, xm):
        xm.control.inject(429, path=API + "/groups", retry_after=1)
        response = call(xm, "GET", API + "/groups")
        assert response.status_code == 429 and response.headers["Retry-After"] == "1"
        assert response.json()["code"] == 429
        assert call(xm, "GET", API + "/groups").status_code == 200


def test_env_offers_the_client_id_api_key_and_sso_user(xm):
    env = xm.env()
    assert env["XMATTERS_USERNAME"] == DEMO_USER and env["XMATTERS_PASSWORD"] == DEMO_PASSWORD
    assert env["XMATTERS_CLIENT_ID"] == DEMO_CLIENT_ID
    assert env["XMATTERS_DEMO_API_KEY"] == DEMO_API_KEY and env["XMATTERS_DEMO_SSO_USER"] == SSO_USER
    # The demo flow's trigger URL (for `make demo`): its own apiKey in the query, and it triggers without a login.
    trigger_url = env["XMATTERS_DEMO_TRIGGER_URL"]
    assert trigger_url == f"{xm.url}/api/integration/1/functions/{DEMO_FUNCTION_ID}/triggers?apiKey={DEMO_TRIGGER_API_KEY}"
    assert requests.post(trigger_url, json={"properties": {"a": "1"}}, verify=xm.ca_path, timeout=10).status_code == 202


class TestPeopleAndMembers:

    def test_people_need_both_names_and_update_by_post_with_id(self, xm):
        refused = call(xm, "POST", API + "/people", json={"targetName": "mm", "firstName": "Mia"})
        assert refused.status_code == 400 and "lastName required" in refused.json()["message"]
        created = call(xm, "POST", API + "/people", json={"targetName": "mm", "firstName": "Mia", "lastName": "M", "roles": ["Standard User"]})
        assert created.status_code == 201
        person = created.json()
        assert call(xm, "POST", API + "/people", json={"targetName": "mm", "firstName": "X", "lastName": "Y"}).status_code == 409
        updated = call(xm, "POST", API + "/people", json={"id": person["id"], "status": "INACTIVE"})
        assert updated.status_code == 200 and updated.json()["firstName"] == "Mia"
        read = call(xm, "GET", API + "/people/mm", params={"embed": "roles,supervisors"}).json()
        assert read["roles"]["data"][0]["name"] == "Standard User" and read["site"]["name"] == "Default Site"
        assert call(xm, "DELETE", API + "/people/" + person["id"]).status_code == 200
        assert call(xm, "DELETE", API + "/people/" + person["id"]).status_code == 204

    def test_people_search_and_sites_search(self, xm):
        assert [p["targetName"] for p in call(xm, "GET", API + "/people", params={"search": "smith"}).json()["data"]] == ["asmith"]
        assert [s["name"] for s in call(xm, "GET", API + "/sites", params={"search": "berlin"}).json()["data"]] == ["Berlin Office"]

    def test_adding_a_member_twice_answers_200_and_removing_a_non_member_204(self, xm):
        first = call(xm, "POST", API + "/groups/Operations/members", json={"id": "jdoe", "recipientType": "PERSON"})
        again = call(xm, "POST", API + "/groups/Operations/members", json={"id": "jdoe", "recipientType": "PERSON"})
        assert (first.status_code, again.status_code) == (201, 200)
        member = first.json()["member"]
        assert member["targetName"] == "jdoe" and first.json()["group"]["targetName"] == "Operations"
        device = call(xm, "POST", API + "/groups/Operations/members", json={"id": "jdoe|Work Email", "recipientType": "DEVICE"})
        assert device.status_code == 201
        listed = call(xm, "GET", API + "/groups/Operations/members").json()
        assert [item["member"]["recipientType"] for item in listed["data"]] == ["PERSON", "DEVICE"]
        assert call(xm, "DELETE", API + f"/groups/Operations/members/{member['id']}").status_code == 200
        assert call(xm, "DELETE", API + f"/groups/Operations/members/{member['id']}").status_code == 204
        assert xm.control.state()["members"] == {"Operations": [["DEVICE", "jdoe|Work Email"]]}

    def test_unknown_members_and_groups_are_404(self, xm):
        assert call(xm, "POST", API + "/groups/Operations/members", json={"id": "ghost", "recipientType": "PERSON"}).status_code == 404
        assert call(xm, "GET", API + "/groups/Nope/members").status_code == 404

    def test_cap_limit_answers_fewer_than_asked_instead_of_refusing(self, xm):
        xm.control.configure(max_limit=2, cap_limit=True)
        body = call(xm, "GET", API + "/people", params={"limit": 1000}).json()
        assert body["count"] == 2 and parse_qs(urlsplit(body["links"]["next"]).query) == {"offset": ["2"], "limit": ["2"]}
