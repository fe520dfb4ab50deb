# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The xMatters simulator's events, triggers and on-call, seen through real HTTPS requests."""

from __future__ import annotations

import pytest

pytest.importorskip("trustme")
requests = pytest.importorskip("requests")

from simulators import start  # noqa: E402  # pylint: disable=wrong-import-position  # after the guards
from simulators.xmatters import (  # noqa: E402  # pylint: disable=wrong-import-position
    DEMO_FORM_ID,
    DEMO_FUNCTION_ID,
    DEMO_PASSWORD,
    DEMO_TRIGGER_API_KEY,
    DEMO_USER,
)

API = "/api/xm/1"
DEMO = (DEMO_USER, DEMO_PASSWORD)
TRIGGER = f"/api/integration/1/functions/{DEMO_FUNCTION_ID}/triggers"


@pytest.fixture(scope="module", name="xm_server")
def fixture_xm_server():
    with start("xmatters") as handle:
        yield handle


@pytest.fixture(name="xm")
def fixture_xm(xm_server):
    xm_server.control.reset(state=True)
    return xm_server


def call(sim, method, path, auth=DEMO, **kwargs):
    return requests.request(method, sim.url + path, auth=auth, verify=sim.ca_path, timeout=10, **kwargs)


def test_the_integration_trigger_takes_its_api_key_or_a_login(xm):
    by_key = call(xm, "POST", TRIGGER, auth=None, params={"apiKey": DEMO_TRIGGER_API_KEY}, json={"properties": {"a": "1"}})
    assert by_key.status_code == 202 and set(by_key.json()) == {"requestId"}
    assert call(xm, "POST", TRIGGER, auth=None, params={"apiKey": "wrong"}, json={}).status_code == 401
    assert call(xm, "POST", TRIGGER, auth=None, json={}).status_code == 401
    assert call(xm, "POST", TRIGGER, json={"priority": "HIGH"}).status_code == 202
    assert call(xm, "POST", TRIGGER, json={"priority": "URGENT"}).status_code == 400
    assert call(xm, "POST", "/api/integration/1/functions/nope/triggers", json={}).status_code == 404


def test_the_form_trigger_answers_the_event_and_a_terminated_event_is_final(xm):
    answer = call(xm, "POST", f"{API}/forms/{DEMO_FORM_ID}/triggers", json={"recipients": [{"id": "jdoe"}]}).json()
    assert set(answer) == {"requestId", "id", "eventId"}
    assert call(xm, "POST", f"{API}/forms/{DEMO_FORM_ID}/triggers", json={"recipients": [{"targetName": "jdoe"}]}).status_code == 400
    assert call(xm, "GET", f"{API}/events/{answer['eventId']}").json()["id"] == answer["id"]
    assert call(xm, "POST", f"{API}/events", json={"id": answer["id"], "status": "ACTIVE"}).status_code == 400  # already ACTIVE
    assert call(xm, "POST", f"{API}/events", json={"id": answer["id"], "status": "TERMINATED"}).json()["status"] == "TERMINATED"
    assert call(xm, "POST", f"{API}/events", json={"id": answer["id"], "status": "ACTIVE"}).status_code == 400
    assert call(xm, "POST", f"{API}/events", json={"id": "nope", "status": "ACTIVE"}).status_code == 404


def test_events_filter_by_property_and_embed_properties_only_when_asked(xm):
    for host in ("db01", "db02", "db01"):
        call(xm, "POST", TRIGGER, json={"properties": {"Host": host}})
    listed = call(xm, "GET", f"{API}/events", params={"propertyName": "Host", "propertyValue": "db01", "limit": 1}).json()
    assert listed["total"] == 2 and "next" in listed["links"] and "properties" not in listed["data"][0]
    embedded = call(xm, "GET", f"{API}/events", params={"embed": "properties"}).json()["data"]
    assert [event["properties"]["Host"] for event in embedded] == ["db01", "db02", "db01"]
    assert call(xm, "GET", f"{API}/events", params={"propertyName": "Host"}).status_code == 400


def test_on_call_members_appear_only_embedded_and_an_unknown_group_is_404(xm):
    window = {"groups": "Operations,Database Team", "from": "2024-05-01T00:00:00Z", "to": "2024-05-01T10:00:00Z"}
    bare = call(xm, "GET", f"{API}/on-call", params=window).json()
    assert [(item["group"]["targetName"], item["shift"]["name"]) for item in bare["data"]] == [
        ("Operations", "Night Shift"), ("Operations", "Day Shift"), ("Database Team", "24x7")]
    assert all("members" not in item for item in bare["data"])
    owners = call(xm, "GET", f"{API}/on-call", params=dict(window, embed="members.owner")).json()["data"][2]["members"]["data"]
    assert [entry["member"]["targetName"] for entry in owners] == ["asmith", "jdoe|Work Email"]
    assert owners[1]["member"]["owner"]["targetName"] == "jdoe"
    plain = call(xm, "GET", f"{API}/on-call", params=dict(window, embed="members")).json()["data"][2]["members"]["data"]
    assert "owner" not in plain[1]["member"]
    missing = call(xm, "GET", f"{API}/on-call", params={"groups": "Operations,Nobody"})
    assert missing.status_code == 404 and "Nobody" in missing.json()["message"]


def test_the_verbose_log_redacts_the_trigger_api_key(capfd):
    with start("xmatters", verbose=True) as sim:
        call(sim, "POST", TRIGGER, auth=None, params={"x": "1", "apiKey": DEMO_TRIGGER_API_KEY}, json={})
        call(sim, "POST", TRIGGER, auth=None, params={"apiKey": "wrong-key"}, json={})
    logged = capfd.readouterr().err
    assert f"{TRIGGER}?x=1&apiKey=<redacted>" in logged and "apiKey=<redacted> " in logged
    assert DEMO_TRIGGER_API_KEY not in logged and "wrong-key" not in logged
