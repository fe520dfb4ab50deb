# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The TrueSight (TSWS) simulator, seen through real HTTPS requests (bmc.md part C, interface.md §6)."""

from __future__ import annotations

import calendar
import re
import time

import pytest

pytest.importorskip("trustme")
requests = pytest.importorskip("requests")

from simulators import start  # noqa: E402  # pylint: disable=wrong-import-position  # after the guards

TOKEN = "/tsws/api/v10.1/token"
DEVICES = "/tsws/10.0/api/omprovider/devices"
INSTANCES = "/tsws/10.0/api/omprovider/instances"
DEMO = ("apiuser", "Api-Passw0rd!")
ALL_DEVICES = {"tenantId": "*", "deviceEntityType": "all", "parentDeviceId": "-1"}


@pytest.fixture(scope="module", name="server")
def fixture_server():
    with start("truesight") as handle:
        yield handle


@pytest.fixture(name="sim")
def fixture_sim(server):
    server.control.reset(state=True)
    return server


def call(sim, method, path, token=None, header="Authorization", scheme="authToken", **kwargs):
    """A request carrying ``token`` in ``header`` (Authorization or the header named authToken) as "<scheme> <token>"."""
    headers = kwargs.pop("headers", {})
    if token:
        headers[header] = f"{scheme} {token}" if scheme else token
    return requests.request(method, sim.url + path, headers=headers, verify=sim.ca_path, timeout=10, **kwargs)


def login(sim, username=DEMO[0], password=DEMO[1], tenant="*"):
    return call(sim, "POST", TOKEN, json={"username": username, "password": password, "tenantName": tenant})


def token_of(response):
    body = response.json()
    return body.get("response", body)["authToken"]


class TestLogin:

    def test_wrapped_answer_by_default(self, sim):
        response = login(sim)
        assert response.status_code == 200
        body = response.json()
        assert body["statusCode"] == "200" and body["statusMsg"] == "OK"
        payload = body["response"]
        assert payload["authPassed"] is True and payload["status"] == "OK"
        assert re.fullmatch(r"_[0-9a-f]{32}", payload["authToken"])
        expires = calendar.timegm(time.strptime(payload["expires"], "%Y-%m-%dT%H:%M:%S.000Z"))
        assert time.time() + 3590 < expires <= time.time() + 3600
        assert sim.control.counters()["logins"] == 1

    def test_flat_answer_when_configured(self, sim):
        sim.control.configure(response_shape="flat")
        body = login(sim).json()
        assert "response" not in body and body["authPassed"] is True and body["authToken"].startswith("_")

    @pytest.mark.parametrize("style,pattern", [
        ("naive", r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"), ("timestamp", r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"), ("missing", None),
    ])
    def test_expires_formats(self, sim, style, pattern):
        sim.control.configure(expires_format=style)
        payload = login(sim).json()["response"]
        if pattern is None:
            assert "expires" not in payload
        else:
            assert re.fullmatch(pattern, payload["expires"])
            expires = calendar.timegm(time.strptime(payload["expires"], "%Y-%m-%dT%H:%M:%S"))
            assert (expires > time.time() + 3000) == (style == "naive")

    def test_query_parameters_are_accepted(self, sim):
        response = call(sim, "POST", TOKEN, params={"username": DEMO[0], "password": DEMO[1], "tenantName": "*"})
        assert response.status_code == 200 and token_of(response)

    @pytest.mark.parametrize("username,password,tenant", [
        (DEMO[0], "wrong", "*"), ("nobody", "x", "*"), ("leaver", "Gone-Passw0rd!", "*"), (DEMO[0], DEMO[1], "NoSuchTenant"),
    ], ids=["wrong-password", "unknown-user", "deactivated", "unknown-tenant"])
    def test_refused_logins_are_401_envelopes(self, sim, username, password, tenant):
        response = login(sim, username, password, tenant)
        assert response.status_code == 401
        body = response.json()
        assert body["statusCode"] == "401" and "Authentication failed" in body["statusMsg"]
        assert sim.control.counters()["login_failures"] == 1

    def test_the_system_user_never_gets_a_token(self, sim):
        response = login(sim, "System", "System-Passw0rd!")
        assert response.status_code == 401 and "System user" in response.json()["statusMsg"]

    def test_a_user_without_api_access_is_403(self, sim):
        response = login(sim, "operator", "Op-Passw0rd!")
        assert response.status_code == 403 and "api-access" in response.json()["statusMsg"]

    @pytest.mark.parametrize("body", [{"username": DEMO[0]}, "not json"], ids=["no-password", "not-json"])
    def test_incomplete_login_is_400(self, sim, body):
        kwargs = {"json": body} if isinstance(body, dict) else {"data": body}
        assert call(sim, "POST", TOKEN, **kwargs).status_code == 400


class TestTokens:

    @pytest.mark.parametrize("header", ["Authorization", "authToken"])
    def test_devices_with_either_token_header(self, sim, header):
        token = token_of(login(sim))
        response = call(sim, "GET", DEVICES, token, header=header, params=ALL_DEVICES)
        assert response.status_code == 200
        body = response.json()
        # The omprovider envelope: data under responseContent, responseMsg "Success" (field evidence, TSPS PowerShell module).
        assert body["statusCode"] == "200" and body["statusMsg"] == "OK" and body["responseMsg"] == "Success" and "response" not in body
        names = [device["dnsName"] for device in body["responseContent"]["deviceList"]]
        assert names == ["db01.example.com", "web01.example.com", "esx01.example.com", "vm-app01.example.com"]

    @pytest.mark.parametrize("params,ids", [
        ({"parentDeviceId": "0"}, [101, 102, 103]), ({"parentDeviceId": "103"}, [104]),
        ({"deviceEntityType": "VmWare.Host"}, [103]),
    ], ids=["no-parent", "children", "entity-type"])
    def test_device_query_parameters(self, sim, params, ids):
        token = token_of(login(sim))
        body = call(sim, "GET", DEVICES, token, params=dict(ALL_DEVICES, **params)).json()
        assert [device["deviceId"] for device in body["responseContent"]["deviceList"]] == ids

    @pytest.mark.parametrize("scheme", ["authtoken", "AUTHTOKEN", None], ids=["lower", "upper", "bare-named"])
    def test_the_scheme_word_is_read_in_any_case_on_data_calls(self, sim, scheme):
        token = token_of(login(sim))
        header = "authToken" if scheme is None else "Authorization"
        assert call(sim, "GET", DEVICES, token, header=header, scheme=scheme, params=ALL_DEVICES).status_code == 200

    @pytest.mark.parametrize("params,ids", [
        ({"deviceId": "101"}, [11, 12]), ({"monUniqName": "LinuxCPU"}, [12, 13]),
        ({"deviceId": "102", "monUniqName": "LinuxCPU"}, [13]), ({"deviceId": "999"}, []), ({}, [11, 12, 13, 14]),
    ], ids=["device", "monitor-type", "both", "unknown-device", "all"])
    def test_monitor_instances_under_response_content(self, sim, params, ids):
        token = token_of(login(sim))
        response = call(sim, "GET", INSTANCES, token, params=dict({"tenantId": "*"}, **params))
        assert response.status_code == 200
        body = response.json()
        assert body["statusCode"] == "200" and body["responseMsg"] == "Success" and "response" not in body
        assert [instance["monInstId"] for instance in body["responseContent"]["instanceList"]] == ids
        assert all({"serverId", "monTypeId", "monUniqName", "monInstName"} <= set(item) for item in body["responseContent"]["instanceList"])

    def test_monitor_instances_need_a_token_and_an_integer_device(self, sim):
        assert call(sim, "GET", INSTANCES, None, params={"tenantId": "*", "deviceId": "101"}).status_code == 401
        token = token_of(login(sim))
        response = call(sim, "GET", INSTANCES, token, params={"tenantId": "*", "deviceId": "db01"})
        assert response.status_code == 400 and response.json()["statusMsg"] == "deviceId must be an integer"

    def test_flat_devices(self, sim):
        sim.control.configure(response_shape="flat")
        token = token_of(login(sim))
        assert len(call(sim, "GET", DEVICES, token, params=ALL_DEVICES).json()["deviceList"]) == 4

    @pytest.mark.parametrize("token", [None, "_unknown"], ids=["missing", "unknown"])
    def test_calls_without_a_valid_token_are_401(self, sim, token):
        response = call(sim, "GET", DEVICES, token, params=ALL_DEVICES)
        assert response.status_code == 401 and response.json()["statusMsg"] == "Invalid/expired token"

    def test_expired_token_is_401(self, sim):
        token = token_of(login(sim))
        sim.control.expire_tokens()
        assert call(sim, "GET", DEVICES, token, params=ALL_DEVICES).status_code == 401

    def test_permission_removed_after_login_is_403_and_deactivation_401(self, sim):
        token = token_of(login(sim))
        users = {DEMO[0]: {"password": DEMO[1], "api_access": False}}
        sim.control.configure(users=users)
        assert call(sim, "GET", DEVICES, token, params=ALL_DEVICES).status_code == 403
        users[DEMO[0]] = {"password": DEMO[1], "active": False}
        sim.control.configure(users=users)
        assert call(sim, "GET", DEVICES, token, params=ALL_DEVICES).status_code == 401

    def test_validate_with_and_without_details(self, sim):
        token = token_of(login(sim))
        plain = call(sim, "GET", TOKEN, token, header="authToken").json()
        assert plain["statusCode"] == "200" and "response" not in plain
        detailed = call(sim, "GET", TOKEN, token, header="authToken", headers={"getTokenDetails": "true"}).json()
        assert detailed["response"] == {"tenantName": "*", "username": DEMO[0]}
        assert call(sim, "GET", TOKEN).status_code == 400

    @pytest.mark.parametrize("method", ["GET", "DELETE"])
    def test_validate_and_logout_read_the_header_named_authtoken_only(self, sim, method):
        token = token_of(login(sim))
        response = call(sim, method, TOKEN, token, header="Authorization")
        assert response.status_code == 400 and response.json()["statusMsg"] == "The authToken is missing from the request."
        assert call(sim, "GET", DEVICES, token, params=ALL_DEVICES).status_code == 200

    def test_logout_releases_once(self, sim):
        token = token_of(login(sim))
        active = sim.control.counters()["active_tokens"]  # tokens of earlier tests live on: reset keeps them
        first = call(sim, "DELETE", TOKEN, token, header="authToken")
        assert first.status_code == 200 and first.json()["response"] == {"authPassed": True, "status": "OK"}
        second = call(sim, "DELETE", TOKEN, token, header="authToken")
        assert second.status_code == 401 and second.json()["statusMsg"] == "Invalid/expired token"
        assert call(sim, "GET", DEVICES, token, params=ALL_DEVICES).status_code == 401
        counters = sim.control.counters()
        assert counters["logouts"] == 1 and counters["active_tokens"] == active - 1

    def test_tokens_are_redacted_in_recorded_headers(self, sim):
        token = token_of(login(sim))
        call(sim, "GET", DEVICES, token, header="authToken", params=ALL_DEVICES)
        headers = sim.control.state()["last_headers"]
        assert headers["authtoken"] == "<redacted>" and token not in str(headers)


def test_settings_are_checked(sim):
    for settings in ({"response_shape": "round"}, {"expires_format": "epoch"}, {"users": {"x": {}}}, {"tenants": "*"}):
        with pytest.raises(requests.HTTPError):
            sim.control.configure(**settings)


def test_env_names_the_demo_user(sim):
    env = sim.env()
    assert env["TRUESIGHT_URL"] == sim.url and env["TRUESIGHT_USERNAME"] == DEMO[0] and env["TRUESIGHT_PASSWORD"] == DEMO[1]


ADMIN = "/tsws/10.0/api/unifiedadmin"
FRAME = {"name": "W", "startDate": 1893531600000, "endDate": 1893538800000, "timezone": "UTC", "recurrence": "none"}


class TestBlackouts:

    def create(self, sim, token, path, body):
        response = call(sim, "POST", ADMIN + path, token, json=body)
        assert response.status_code == 200 and response.json()["statusCode"] == "200", response.text
        return response.json()["response"][0]["resourceId"]

    def test_a_policy_needs_its_timeframe_and_holds_it_until_deleted(self, sim):
        token = token_of(login(sim))
        frame_id = self.create(sim, token, "/Timeframe/create", {"timeframe": FRAME})
        policy = {"name": "W", "type": "blackout", "agentSelectionCriteria": 'hostname EQUALS "db01"',
                  "timeframes": [{"name": "W", "id": frame_id}]}
        policy_id = self.create(sim, token, "/BlackoutPolicy/create", {"blackoutPolicy": policy})
        again = call(sim, "POST", ADMIN + "/BlackoutPolicy/create", token, json={"blackoutPolicy": policy}).json()
        assert again["statusCode"] == "409" and "already exists" in again["statusMsg"]
        in_use = call(sim, "DELETE", ADMIN + f"/Timeframe/{frame_id}/delete", token)
        assert in_use.status_code == 400 and "used by the policy W" in in_use.json()["statusMsg"]
        listed = call(sim, "POST", ADMIN + "/Policy/list", token, json={"type": "blackout", "stringToSearch": "w"}).json()
        assert [item["id"] for item in listed["response"]["policyList"]] == [policy_id]
        assert call(sim, "DELETE", ADMIN + f"/BlackoutPolicy/{policy_id}/delete", token).json()["statusCode"] == "200"
        assert call(sim, "DELETE", ADMIN + f"/Timeframe/{frame_id}/delete", token).json()["statusCode"] == "200"
        assert sim.control.state()["timeframes"] == []

    @pytest.mark.parametrize("policy,words", [
        ({"name": "W", "type": "blackout", "agentSelectionCriteria": "x", "timeframes": [{"id": "nope"}]}, "existing timeframes"),
        ({"name": "W", "type": "monitoring"}, "type blackout"),
    ], ids=["unknown-timeframe", "wrong-type"])
    def test_bad_policies_are_400(self, sim, policy, words):
        response = call(sim, "POST", ADMIN + "/BlackoutPolicy/create", token_of(login(sim)), json={"blackoutPolicy": policy})
        assert response.status_code == 400 and words in response.json()["statusMsg"]


class TestEvents:

    def test_an_event_gets_an_mc_ueid_and_an_unknown_cell_fails_in_the_envelope(self, sim):
        token = token_of(login(sim))
        event = [{"eventSourceHostName": "db01", "attributes": {"CLASS": "EVENT", "msg": "m", "severity": "MINOR"}}]
        sent = call(sim, "POST", "/bppmws/api/Event/create", token, json=event,
                    params={"routingId": "pncell_tsim", "routingIdType": "CELL_NAME"}).json()
        assert sent["statusCode"] == "200" and sent["responseList"][0]["mc_ueid"].startswith("mc.pncell_tsim.")
        lost = call(sim, "POST", "/bppmws/api/Event/create", token, json=event, params={"routingId": "x", "routingIdType": "CELL_NAME"})
        assert lost.status_code == 200 and lost.json()["statusCode"] == "500"
        assert call(sim, "POST", "/bppmws/api/Event/create", token, json=event).status_code == 400
        assert len(sim.control.state()["events"]) == 1
