# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The BMC Discovery simulator, seen through real HTTP(S) requests (bmc.md part B, field_evidence.md §7, interface.md §12)."""

from __future__ import annotations

import pytest

pytest.importorskip("trustme")
requests = pytest.importorskip("requests")

from simulators import start  # noqa: E402  # pylint: disable=wrong-import-position  # after the guards

PERMANENT = "perm-apiuser-6f1c2d9e8b7a"
V = "/api/v1.10"


@pytest.fixture(scope="module", name="server")
def fixture_server():
    with start("discovery", http_port=0) as handle:
        yield handle


@pytest.fixture(name="sim")
def fixture_sim(server):
    server.control.reset(state=True)
    return server


def call(sim, method, path, token=PERMANENT, scheme="Bearer", **kwargs):
    headers = {"Authorization": f"{scheme} {token}"} if token else {}
    return requests.request(method, sim.url + path, headers=headers, verify=sim.ca_path, timeout=10, **kwargs)


def test_about_needs_no_token_and_the_form_login_gives_an_expiring_token(sim):
    assert call(sim, "GET", "/api/about", token=None).json()["api_versions"][-1] == "1.10"
    answer = requests.post(sim.url + "/api/token", data={"grant_type": "password", "username": "apiuser", "password": "Api-Passw0rd!"},
                           verify=sim.ca_path, timeout=10).json()
    assert answer["expires_in"] == 3600 and call(sim, "GET", V + "/discovery", token=answer["access_token"]).status_code == 200
    bad = requests.post(sim.url + "/api/token", data={"username": "System", "password": "System-Passw0rd!"}, verify=sim.ca_path, timeout=10)
    assert bad.status_code == 401 and bad.json() == {"message": "Invalid username or password", "code": 401, "transient": False}


def test_bearer_case_permissions_and_versions(sim):
    assert call(sim, "GET", V + "/discovery", scheme="bearer").status_code == 401
    sim.control.configure(strict_bearer=False)
    assert call(sim, "GET", V + "/discovery", scheme="bearer").status_code == 200
    viewer = requests.post(sim.url + "/api/token", data={"username": "viewer", "password": "View-Passw0rd!"}, verify=sim.ca_path, timeout=10)
    assert call(sim, "GET", V + "/discovery", token=viewer.json()["access_token"]).status_code == 403
    assert call(sim, "GET", V + "/discovery", token="perm-leaver-0a1b2c3d").status_code == 401
    assert call(sim, "GET", "/api/v1.11/discovery").status_code == 404


def test_the_served_versions_change_at_run_time_and_an_unserved_one_gets_404(sim):
    sim.control.configure(api_versions=["1.0", "1.12"])  # an upgrade that drops 1.10
    assert call(sim, "GET", "/api/about", token=None).json()["api_versions"] == ["1.0", "1.12"]
    assert call(sim, "GET", V + "/discovery").status_code == 404
    assert call(sim, "POST", V + "/discovery/runs", json={"ranges": ["198.51.100.0/24"]}).status_code == 404
    assert sim.control.state()["runs"] == []
    assert call(sim, "GET", "/api/v1.12/discovery").status_code == 200


def test_plain_http_face(sim):
    assert requests.get(sim.http_url + "/api/about", timeout=10).status_code == 200
    answer = requests.get(sim.http_url + V + "/discovery", headers={"Authorization": f"Bearer {PERMANENT}"}, timeout=10)
    assert answer.status_code == 403 and answer.json()["message"] == "Access forbidden"


def test_search_pages_by_results_id_at_most_100_rows(sim):
    sim.control.configure(hosts=250)
    first = call(sim, "GET", V + "/data/search", params={"query": "search Host show name", "limit": 500}).json()[0]
    assert len(first["results"]) == 100 and first["next_offset"] == 100 and first["count"] == 250
    last = call(sim, "GET", V + "/data/search", params={"results_id": first["results_id"], "offset": 200, "limit": 100}).json()[0]
    assert len(last["results"]) == 50 and "next_offset" not in last
    long_query = "search Host show name" + ", name" * 1500
    assert call(sim, "GET", V + "/data/search", params={"query": long_query}).status_code == 414
    posted = call(sim, "POST", V + "/data/search", params={"limit": 5, "format": "object"}, json={"query": long_query}).json()[0]
    assert len(posted["results"]) == 5 and posted["results"][0]["name"] == "host0001"


def test_vault_put_resets_patch_merges_and_passwords_are_never_read(sim):
    body = {"label": "l1", "types": ["ssh"], "username": "u", "password": "p", "description": "d"}
    created = call(sim, "POST", V + "/vault/credentials", json=body).json()
    path = V + "/vault/credentials/" + created["uuid"]
    assert call(sim, "PATCH", path, json={"ip_range": "10.0.0.0/8"}).json()["description"] == "d"
    assert "password" not in call(sim, "GET", path).json()
    assert call(sim, "PUT", path, json={"label": "l1", "types": ["ssh"]}).json()["description"] == ""
    stored = [item for item in sim.control.state()["credentials"] if item["label"] == "l1"][0]
    assert stored["password"] is None


def test_runs_list_only_unfinished_and_cancel(sim):
    run = call(sim, "POST", V + "/discovery/runs", json={"ranges": ["192.0.2.0/24"], "label": "n"}).json()
    assert [item["uuid"] for item in call(sim, "GET", V + "/discovery/runs").json()] == [run["uuid"]]
    one = call(sim, "GET", V + "/discovery/runs/" + run["uuid"]).json()
    assert isinstance(one, list) and one[0]["finished"] is False
    call(sim, "PATCH", V + "/discovery/runs/" + run["uuid"], json={"cancelled": True})
    assert call(sim, "GET", V + "/discovery/runs").json() == []
