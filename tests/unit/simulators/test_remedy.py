# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Remedy AR System simulator, seen through real HTTPS requests (bmc.md part A, interface.md §6)."""

from __future__ import annotations

import base64
import http.client
import json
import re
import ssl
import time
from urllib.parse import quote, unquote, urlsplit

import pytest

pytest.importorskip("trustme")
requests = pytest.importorskip("requests")

from simulators import start  # noqa: E402  # pylint: disable=wrong-import-position  # after the guards

DEMO = ("Demo", "Demo-Passw0rd!")
ENTRY = "/api/arsys/v1/entry"
TIMESTAMP_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000")
SESSION_INVALID = 8907


def login(sim, username=DEMO[0], password=DEMO[1]):
    response = requests.post(sim.url + "/api/jwt/login", data={"username": username, "password": password},
                             verify=sim.ca_path, timeout=10)
    assert response.status_code == 200, response.text
    return response.text


def call(sim, method, path, token=None, **kwargs):
    """A request to the HTTPS listener, with ``Authorization: AR-JWT <token>`` when a token is given."""
    headers = kwargs.pop("headers", {})
    if token:
        headers["Authorization"] = f"AR-JWT {token}"
    return requests.request(method, sim.url + path, headers=headers, verify=sim.ca_path, timeout=10, **kwargs)


def raw_call(sim, method, target, token):
    """Send ``target`` byte for byte (requests would percent-encode a raw "|")."""
    context = ssl.create_default_context(cafile=sim.ca_path)
    parts = urlsplit(sim.url)
    connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=context, timeout=10)
    try:
        connection.request(method, target, headers={"Authorization": f"AR-JWT {token}"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def ar_error(response):
    """The single AR status object of an error answer."""
    body = response.json()
    assert isinstance(body, list) and len(body) == 1, body
    assert set(body[0]) == {"messageType", "messageNumber", "messageText", "messageAppendedText"}
    assert body[0]["messageType"] == "ERROR"
    return body[0]


def jwt_parts(token):
    def decode(part):
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    header, claims, signature = token.split(".")
    return decode(header), decode(claims), signature


def create(sim, token, form, values, fields=None):
    params = {} if fields is None else {"fields": fields}
    return call(sim, "POST", f"{ENTRY}/{form}", token, json={"values": values}, params=params)


def forms(sim):
    return sim.control.state()["forms"]


@pytest.fixture(name="token")
def fixture_token(remedy):
    return login(remedy)


# ---- login, tokens, logout --------------------------------------------------------------------------------


def test_login_with_a_form_body_returns_a_jwt_as_text(remedy):
    response = requests.post(remedy.url + "/api/jwt/login", data={"username": "Demo", "password": DEMO[1], "authString": "x"},
                             verify=remedy.ca_path, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    header, claims, signature = jwt_parts(response.text)
    assert header == {"alg": "HS256", "typ": "JWT"}
    assert signature
    assert set(claims) == {"sub", "iss", "iat", "nbf", "exp", "_cacheId", "jti"}
    assert claims["sub"] == "Demo" and claims["iss"] == "remedy-sim"
    assert claims["nbf"] < claims["iat"] <= time.time() + 1
    assert claims["exp"] - claims["iat"] in (3599, 3600)
    assert remedy.control.counters()["logins"] == 1


def test_two_logins_never_share_a_token(remedy):
    first, second = login(remedy), login(remedy)
    assert first != second
    assert jwt_parts(first)[1]["jti"] != jwt_parts(second)[1]["jti"]
    assert remedy.control.counters()["active_tokens"] >= 2


def test_login_accepts_credentials_as_query_parameters_with_an_empty_body(remedy):
    response = requests.post(remedy.url + "/api/jwt/login", params={"username": "Allen", "password": "password"},
                             headers={"Content-Type": "application/x-www-form-urlencoded"}, verify=remedy.ca_path, timeout=10)
    assert response.status_code == 200
    assert jwt_parts(response.text)[1]["sub"] == "Allen"


def test_login_names_are_case_insensitive_passwords_are_not(remedy):
    assert jwt_parts(login(remedy, "allen", "password"))[1]["sub"] == "Allen"
    response = requests.post(remedy.url + "/api/jwt/login", data={"username": "Allen", "password": "PASSWORD"},
                             verify=remedy.ca_path, timeout=10)
    assert response.status_code == 401


@pytest.mark.parametrize("data", [
    {"username": "Demo", "password": "wrong"},
    {"username": "Nobody", "password": "Demo-Passw0rd!"},
    {"username": "Demo", "password": ""},
    {},
])
def test_bad_credentials_answer_401_with_ar_error_623(remedy, data):
    response = requests.post(remedy.url + "/api/jwt/login", data=data, verify=remedy.ca_path, timeout=10)
    assert response.status_code == 401
    error = ar_error(response)
    assert (error["messageNumber"], error["messageText"]) == (623, "Authentication failed")
    assert error["messageAppendedText"] == data.get("username", "")
    counters = remedy.control.counters()
    assert (counters["logins"], counters["login_failures"]) == (0, 1)


def test_users_are_configurable(remedy):
    remedy.control.configure(users={"ops": "0ps-secret"})
    assert jwt_parts(login(remedy, "ops", "0ps-secret"))[1]["sub"] == "ops"
    assert requests.post(remedy.url + "/api/jwt/login", data={"username": "Demo", "password": DEMO[1]},
                         verify=remedy.ca_path, timeout=10).status_code == 401
    with start("remedy", users={"solo": "pw"}) as other:
        assert other.env()["REMEDY_USERNAME"] == "solo" and other.env()["REMEDY_PASSWORD"] == "pw"
        login(other, "solo", "pw")


@pytest.mark.parametrize("settings", [{"users": {}}, {"users": {"a": 1}}, {"max_limit": 0}, {"no_id_forms": "AST:X"},
                                      {"forms": ["F"]}, {"forms": {"F": "Name"}}])
def test_bad_vendor_settings_are_refused(remedy, settings):
    with pytest.raises(requests.HTTPError):
        remedy.control.configure(**settings)


@pytest.mark.parametrize("authorization", [
    None, "", "AR-JWT", "AR-JWT ", "Bearer {token}", "ar-jwt {token}", "AR-JWT  {token}", "AR-JWT {token}x", "{token}",
])
def test_missing_malformed_or_unknown_tokens_answer_401_with_8907(remedy, token, authorization):
    headers = {} if authorization is None else {"Authorization": authorization.format(token=token)}
    response = call(remedy, "GET", f"{ENTRY}/CTM:People", headers=headers)
    assert response.status_code == 401
    assert ar_error(response)["messageNumber"] == SESSION_INVALID
    assert call(remedy, "GET", f"{ENTRY}/CTM:People", token).status_code == 200  # the well-formed header works


def test_expired_tokens_answer_401_with_8907(remedy, token):
    assert call(remedy, "GET", f"{ENTRY}/CTM:People", token).status_code == 200
    remedy.control.expire_tokens()
    response = call(remedy, "GET", f"{ENTRY}/CTM:People", token)
    assert response.status_code == 401
    assert ar_error(response)["messageNumber"] == SESSION_INVALID
    assert call(remedy, "GET", f"{ENTRY}/CTM:People", login(remedy)).status_code == 200  # a new login works


def test_a_one_second_token_lifetime_expires(remedy):
    remedy.control.configure(token_lifetime=1)
    token = login(remedy)
    claims = jwt_parts(token)[1]
    assert claims["exp"] - claims["iat"] in (0, 1)
    assert call(remedy, "GET", f"{ENTRY}/CTM:People", token).status_code == 200
    time.sleep(1.1)
    response = call(remedy, "GET", f"{ENTRY}/CTM:People", token)
    assert response.status_code == 401
    assert ar_error(response)["messageNumber"] == SESSION_INVALID


def test_logout_answers_204_and_revokes_the_token(remedy, token):
    response = call(remedy, "POST", "/api/jwt/logout", token)
    assert (response.status_code, response.content) == (204, b"")
    assert ar_error(call(remedy, "GET", f"{ENTRY}/CTM:People", token))["messageNumber"] == SESSION_INVALID
    again = call(remedy, "POST", "/api/jwt/logout", token)
    assert again.status_code == 401 and ar_error(again)["messageNumber"] == SESSION_INVALID
    assert call(remedy, "POST", "/api/jwt/logout").status_code == 401
    counters = remedy.control.counters()
    assert counters["logouts"] == 1
    assert counters["requests"]["POST /api/jwt/logout"] == 3


# ---- about, version, plain HTTP ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/about", "/api/version"])
def test_about_and_version_need_no_token_on_https_and_http(remedy, path):
    for response in (call(remedy, "GET", path), requests.get(remedy.http_url + path, timeout=10)):
        assert response.status_code == 200
        assert response.json()["version"]


def test_plain_http_is_served_like_https(remedy):
    # AR System commonly serves its REST API over plain HTTP (port 8008 in BMC's examples).
    response = requests.post(remedy.http_url + "/api/jwt/login", data={"username": DEMO[0], "password": DEMO[1]}, timeout=10)
    assert response.status_code == 200
    people = requests.get(remedy.http_url + f"{ENTRY}/CTM:People", headers={"Authorization": f"AR-JWT {response.text}"}, timeout=10)
    assert people.status_code == 200 and len(people.json()["entries"]) == 3
    assert remedy.control.counters()["logins"] == 1


def test_unknown_paths_answer_jettys_html_404_and_wrong_methods_405(remedy, token):
    missing = call(remedy, "GET", "/api/arsys/v2/entry/CTM:People<x>", token)
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("text/html")
    assert "<title>Error 404 Not Found</title>" in missing.text and "<x>" not in missing.text
    wrong = call(remedy, "PATCH", f"{ENTRY}/CTM:People/000000000000001", token)
    assert wrong.status_code == 405 and wrong.headers["Allow"] == "GET, PUT, DELETE"


@pytest.mark.parametrize("method, path", [
    ("GET", f"{ENTRY}/HPD:Incident"), ("POST", f"{ENTRY}/HPD:Incident"), ("GET", f"{ENTRY}/HPD:Incident/000000000000101"),
    ("PUT", f"{ENTRY}/HPD:Incident/000000000000101"), ("DELETE", f"{ENTRY}/HPD:Incident/000000000000101"),
])
def test_a_form_the_server_does_not_have_is_arerr_303(remedy, token, method, path):
    response = call(remedy, method, path, token, json={"values": {"Description": "x"}})
    assert response.status_code == 404
    error = ar_error(response)
    assert (error["messageNumber"], error["messageText"], error["messageAppendedText"]) == (303, "Form does not exist on server", "HPD:Incident")
    assert "HPD:Incident" not in forms(remedy)


def test_a_create_without_the_required_fields_is_arerr_307(remedy, token):
    response = create(remedy, token, "HPD:IncidentInterface_Create", {"z1D_Action": "CREATE", "Description": "x", "Impact": ""})
    assert response.status_code == 400
    error = ar_error(response)
    assert error["messageNumber"] == 307
    assert error["messageAppendedText"] == "First_Name, Last_Name, Impact, Urgency, Reported Source, Service_Type"
    assert "HPD:IncidentInterface" not in forms(remedy)


def test_forms_are_configurable(remedy, token):
    remedy.control.configure(forms={"SITE:Only": ["Name"]})
    assert ar_error(call(remedy, "GET", f"{ENTRY}/CTM:People", token))["messageNumber"] == 303
    assert ar_error(create(remedy, token, "SITE:Only", {"Other": 1}))["messageNumber"] == 307
    assert create(remedy, token, "SITE:Only", {"Name": "n"}).status_code == 201


# ---- entries: create, read, update, delete ---------------------------------------------------------------


def test_create_answers_201_with_location_and_no_body(remedy, token):
    response = create(remedy, token, "RESTAUTH:Sample", {"Short Description": "first", "Count": 3})
    assert (response.status_code, response.content) == (201, b"")
    location = response.headers["Location"]
    assert location == f"{remedy.url}{ENTRY}/RESTAUTH:Sample/000000000000101"
    entry = requests.get(location, headers={"Authorization": f"AR-JWT {token}"}, verify=remedy.ca_path, timeout=10).json()
    values = entry["values"]
    assert values["Short Description"] == "first" and values["Count"] == 3
    assert values["Request ID"] == "000000000000101"
    assert values["Submitter"] == values["Last Modified By"] == "Demo"
    assert TIMESTAMP_RE.fullmatch(values["Submit Date"]) and values["Last Modified Date"] == values["Submit Date"]
    assert entry["_links"] == {"self": [{"href": location}]}
    assert forms(remedy)["RESTAUTH:Sample"] == {"000000000000101": values}
    second = create(remedy, token, "RESTAUTH:Sample", {"Short Description": "second"})
    assert second.headers["Location"].endswith("/000000000000102")


def test_create_returns_the_requested_fields(remedy, token):
    response = create(remedy, token, "RESTAUTH:Sample", {"Short Description": "x", "Count": 1},
                      fields="values(Request ID,  Short Description , Missing)")
    assert response.status_code == 201
    assert response.headers["Location"].endswith("/RESTAUTH:Sample/000000000000101")
    assert response.json()["values"] == {"Request ID": "000000000000101", "Short Description": "x", "Missing": None}


def test_create_with_empty_fields_returns_empty_values(remedy, token):
    response = create(remedy, token, "RESTAUTH:Sample", {"Short Description": "x"}, fields="values()")
    assert response.status_code == 201
    assert response.json()["values"] == {}


def test_create_with_a_malformed_fields_parameter_answers_400_and_stores_nothing(remedy, token):
    response = create(remedy, token, "RESTAUTH:Sample", {"A": "1"}, fields="Request ID")
    assert response.status_code == 400
    assert ar_error(response)["messageAppendedText"].startswith("fields must look like values(")
    assert "RESTAUTH:Sample" not in forms(remedy)


def test_create_on_a_no_id_form_answers_204_without_location_but_stores(remedy, token):
    response = create(remedy, token, "AST:ComputerSystem", {"Name": "host1", "Category": "Hardware"}, fields="values")
    assert (response.status_code, response.content) == (204, b"")
    assert "Location" not in response.headers
    stored = list(forms(remedy)["AST:ComputerSystem"].values())
    assert [entry["Name"] for entry in stored] == ["host1"]


def test_no_id_forms_are_configurable(remedy, token):
    remedy.control.configure(no_id_forms=["RESTAUTH:Join"])
    assert create(remedy, token, "RESTAUTH:Join", {"A": "1"}).status_code == 204
    assert create(remedy, token, "AST:ComputerSystem", {"Name": "h"}).status_code == 201


@pytest.mark.parametrize("body", [
    b"not json",
    json.dumps(json.dumps({"values": {"A": "1"}})).encode(),  # the double-encoding client bug: a JSON string
    b'{"value": {"A": "1"}}',
    b'{"values": ["A"]}',
    b"[]",
    b"",
])
def test_create_and_update_refuse_bodies_without_a_values_object(remedy, token, body):
    headers = {"Content-Type": "application/json"}
    for method, path in (("POST", f"{ENTRY}/RESTAUTH:Sample"), ("PUT", f"{ENTRY}/CTM:People/000000000000001")):
        response = call(remedy, method, path, token, data=body, headers=dict(headers))
        assert response.status_code == 400
        assert ar_error(response)["messageNumber"] > 0
    assert "RESTAUTH:Sample" not in forms(remedy)


def test_core_and_z1d_action_fields_are_not_taken_from_the_client(remedy, token):
    response = create(remedy, token, "RESTAUTH:Sample", {"Request ID": "999", "Submitter": "mallory", "z1D_Action": "CREATE",
                                                         "z1D Action": "CREATE", "A": "1"})
    entry = forms(remedy)["RESTAUTH:Sample"][response.headers["Location"].rsplit("/", 1)[1]]
    assert entry["Request ID"] == "000000000000101" and entry["Submitter"] == "Demo"
    assert "z1D_Action" not in entry and "z1D Action" not in entry


def test_get_honours_fields_and_unknown_ids_answer_404_302(remedy, token):
    response = call(remedy, "GET", f"{ENTRY}/CTM:People/000000000000001", token, params={"fields": "values(First Name, Last Name)"})
    assert response.json()["values"] == {"First Name": "Allen", "Last Name": "Allbrook"}
    missing = call(remedy, "GET", f"{ENTRY}/CTM:People/000000000000999", token)
    assert missing.status_code == 404
    error = ar_error(missing)
    assert (error["messageNumber"], error["messageText"], error["messageAppendedText"]) == (
        302, "Entry does not exist in database", "000000000000999")


def test_put_changes_only_the_given_fields(remedy, token):
    location = create(remedy, token, "RESTAUTH:Sample", {"A": "1", "B": "2"}).headers["Location"]
    entry_id = location.rsplit("/", 1)[1]
    before = forms(remedy)["RESTAUTH:Sample"][entry_id]
    time.sleep(1.01)  # Last Modified Date has one-second resolution
    other = login(remedy, "Allen", "password")
    response = call(remedy, "PUT", f"{ENTRY}/RESTAUTH:Sample/{entry_id}", other, json={"values": {"B": "3", "C": None, "z1D Action": "Modify"}})
    assert (response.status_code, response.content) == (204, b"")
    after = forms(remedy)["RESTAUTH:Sample"][entry_id]
    assert (after["A"], after["B"], after["C"]) == ("1", "3", None)
    assert after["Submit Date"] == before["Submit Date"] and after["Last Modified Date"] > before["Last Modified Date"]
    assert after["Last Modified By"] == "Allen" and after["Submitter"] == "Demo"
    assert "z1D Action" not in after


def test_put_and_delete_on_unknown_ids_answer_404_302(remedy, token):
    for method, kwargs in (("PUT", {"json": {"values": {"A": "1"}}}), ("DELETE", {})):
        response = call(remedy, method, f"{ENTRY}/RESTAUTH:Sample/000000000000042", token, **kwargs)
        assert response.status_code == 404
        assert ar_error(response)["messageNumber"] == 302
    assert forms(remedy) == remedy.control.state()["forms"] and "RESTAUTH:Sample" not in forms(remedy)


def test_delete_answers_204_and_the_entry_is_gone(remedy, token):
    response = call(remedy, "DELETE", f"{ENTRY}/CTM:People/000000000000002", token)
    assert (response.status_code, response.content) == (204, b"")
    assert "000000000000002" not in forms(remedy)["CTM:People"]
    assert call(remedy, "GET", f"{ENTRY}/CTM:People/000000000000002", token).status_code == 404


def test_reads_do_not_change_state_and_reset_restores_the_seed(remedy, token):
    seed = forms(remedy)
    assert sorted(seed) == ["CTM:People"]
    assert [person["Remedy Login ID"] for person in seed["CTM:People"].values()] == ["Allen", "Mary", "Demo"]
    call(remedy, "GET", f"{ENTRY}/CTM:People", token, params={"q": "'First Name' LIKE \"%\""})
    call(remedy, "GET", f"{ENTRY}/CTM:People/000000000000001", token)
    assert forms(remedy) == seed
    call(remedy, "DELETE", f"{ENTRY}/CTM:People/000000000000001", token)
    create(remedy, token, "RESTAUTH:Sample", {"A": "1"})
    remedy.control.reset()
    assert forms(remedy) != seed  # a plain reset keeps the data
    remedy.control.reset(state=True)
    assert forms(remedy) == seed
    assert create(remedy, token, "RESTAUTH:Sample", {"A": "1"}).headers["Location"].endswith("/000000000000101")


def test_both_api_versions_and_encodings_of_form_names_work(remedy, token):
    assert create(remedy, token, "RESTAUTH:Two Words", {"A": "1"}).headers["Location"] == \
        f"{remedy.url}{ENTRY}/RESTAUTH:Two%20Words/000000000000101"
    v10 = call(remedy, "POST", "/api/arsys/v1.0/entry/RESTAUTH%3ATwo%20Words", token, json={"values": {"A": "2"}})
    assert v10.headers["Location"] == f"{remedy.url}/api/arsys/v1.0/entry/RESTAUTH:Two%20Words/000000000000102"
    for target in ("/api/arsys/v1.0/entry/RESTAUTH:Two%20Words/000000000000102",
                   "/api/arsys/v1/entry/RESTAUTH%3ATwo%20Words/000000000000102"):
        status, body = raw_call(remedy, "GET", target, token)
        assert status == 200 and json.loads(body)["values"]["A"] == "2"
    assert sorted(forms(remedy)["RESTAUTH:Two Words"]) == ["000000000000101", "000000000000102"]


# ---- the incident interface ------------------------------------------------------------------------------

INCIDENT = {"z1D_Action": "CREATE", "First_Name": "Allen", "Last_Name": "Allbrook", "Description": "disk full",
            "Impact": "4-Minor/Localized", "Urgency": "4-Low", "Reported Source": "Direct Input",
            "Service_Type": "User Service Restoration"}


def test_incident_interface_create_then_read_back_query_and_modify(remedy, token):
    response = create(remedy, token, "HPD:IncidentInterface_Create", INCIDENT, fields="values(Incident Number, Request ID)")
    assert response.status_code == 201
    location = response.headers["Location"]
    assert location == f"{remedy.url}{ENTRY}/HPD:IncidentInterface_Create/000000000000101"
    assert response.json()["values"] == {"Incident Number": "INC000000000101", "Request ID": "000000000000101"}
    # _links.self names the form: a client must not take the entry id from it.
    assert response.json()["_links"]["self"][0]["href"] == f"{remedy.url}{ENTRY}/HPD:IncidentInterface_Create"
    incident_id = "INC000000000101|INC000000000101"
    incident = forms(remedy)["HPD:IncidentInterface"][incident_id]
    assert (incident["Status"], incident["Request ID"], incident["Description"]) == ("New", incident_id, "disk full")
    assert "z1D_Action" not in incident
    assert "HPD:IncidentInterface_Create" not in forms(remedy)

    read_back = call(remedy, "GET", urlsplit(location).path, token).json()
    assert read_back["values"]["Incident Number"] == "INC000000000101"
    assert read_back["values"]["Request ID"] == "000000000000101"

    found = call(remedy, "GET", f"{ENTRY}/HPD:IncidentInterface", token, params={"q": "'Incident Number' = \"INC000000000101\""}).json()
    href = found["entries"][0]["_links"]["self"][0]["href"]
    assert href == f"{remedy.url}{ENTRY}/HPD:IncidentInterface/INC000000000101%7CINC000000000101"
    assert unquote(href.rsplit("/", 1)[1]) == incident_id  # interface.md §6: the id is the last path segment

    update = call(remedy, "PUT", f"{ENTRY}/HPD:IncidentInterface/{quote(incident_id, safe='')}", token,
                  json={"values": {"z1D Action": "Modify", "Status": "In Progress"}})
    assert update.status_code == 204
    assert call(remedy, "GET", urlsplit(location).path, token).json()["values"]["Status"] == "In Progress"


def test_incident_ids_work_raw_and_percent_encoded(remedy, token):
    create(remedy, token, "HPD:IncidentInterface_Create", {**INCIDENT, "Status": "Assigned"})
    for target in ("/api/arsys/v1/entry/HPD:IncidentInterface/INC000000000101|INC000000000101",
                   "/api/arsys/v1/entry/HPD%3AIncidentInterface/INC000000000101%7CINC000000000101",
                   "/api/arsys/v1/entry/HPD%3AIncidentInterface%5FCreate/000000000000101"):
        status, body = raw_call(remedy, "GET", target, token)
        assert status == 200, target
        assert json.loads(body)["values"]["Status"] == "Assigned"
    status, _body = raw_call(remedy, "GET", "/api/arsys/v1/entry/HPD:IncidentInterface_Create/000000000000999", token)
    assert status == 404


def test_a_deleted_incident_is_gone_from_its_create_form_url_too(remedy, token):
    create(remedy, token, "HPD:IncidentInterface_Create", INCIDENT)
    assert call(remedy, "DELETE", f"{ENTRY}/HPD:IncidentInterface/INC000000000101%7CINC000000000101", token).status_code == 204
    response = call(remedy, "GET", f"{ENTRY}/HPD:IncidentInterface_Create/000000000000101", token)
    assert response.status_code == 404 and ar_error(response)["messageAppendedText"] == "000000000000101"


# ---- list: qualification, fields, sort, paging ---------------------------------------------------------------

ROWS = [
    {"Name": "alpha", "Size": 10, "Status": "Open", "Note": "it's \"quoted\""},
    {"Name": "beta", "Size": 2, "Status": "Closed"},
    {"Name": "gamma", "Size": 33, "Status": "Open", "Note": ""},
    {"Name": "delta", "Size": 2.5, "Status": "Pending", "Note": "n/a"},
    {"Name": "epsilon", "Size": 100, "Status": "Closed", "Note": "50% off"},
]


@pytest.fixture(name="sample")
def fixture_sample(remedy, token):
    for row in ROWS:
        assert create(remedy, token, "RESTAUTH:List", row).status_code == 201
    return remedy, token


def names(response):
    assert response.status_code == 200, response.text
    return [entry["values"]["Name"] for entry in response.json()["entries"]]


def listing(sim, token, **params):
    return call(sim, "GET", f"{ENTRY}/RESTAUTH:List", token, params=params)


@pytest.mark.parametrize("q, expected", [
    ("'Status' = \"Open\"", ["alpha", "gamma"]),
    ("'Status' != \"Open\"", ["beta", "delta", "epsilon"]),
    ("'Status' = \"Open\" AND 'Size' > 10", ["gamma"]),
    ("'Status' = \"Open\" and 'Size' > 10", ["gamma"]),
    ("'Status' = \"Pending\" OR 'Size' >= 100", ["delta", "epsilon"]),
    ("'Status' = \"Pending\" || 'Size' <= 2", ["beta", "delta"]),
    ("NOT 'Status' = \"Open\"", ["beta", "delta", "epsilon"]),
    ("!('Status' = \"Open\") && 'Size' < 3", ["beta", "delta"]),
    ("('Status' = \"Open\" OR 'Status' = \"Closed\") AND NOT ('Size' < 10 OR 'Size' > 50)", ["alpha", "gamma"]),
    ("'Status' = \"Open\" OR 'Status' = \"Closed\" AND 'Size' > 50", ["alpha", "gamma", "epsilon"]),  # AND binds tighter
    ("'Name' LIKE \"%ta\"", ["beta", "delta"]),
    ("'Name' LIKE \"_eta\"", ["beta"]),
    ("'Name' like \"%\"", ["alpha", "beta", "gamma", "delta", "epsilon"]),
    ("'Note' LIKE \"50%\"", ["epsilon"]),
    ("'Size' = 2.5", ["delta"]),
    ("'Size' > 9", ["alpha", "gamma", "epsilon"]),  # numeric, not text ("9" > "10" as text)
    ("'Size' < \"3\"", ["beta", "delta"]),  # numeric text against a number compares numerically
    ("'Note' = $NULL$", ["beta", "gamma"]),  # a missing field and "" are both $NULL$
    ("'Note' != $NULL$", ["alpha", "delta", "epsilon"]),
    ("'Missing Field' = $NULL$ AND 'Size' < 3", ["beta", "delta"]),
    ("'Note' > \"a\"", ["alpha", "delta"]),  # NULLs never satisfy an ordering comparison
    ("'Note' = \"it's \"\"quoted\"\"\"", ["alpha"]),
    ("'Status'=\"Open\"&&'Size'>=33", ["gamma"]),
    ("  ", ["alpha", "beta", "gamma", "delta", "epsilon"]),
])
def test_list_filters_with_the_qualification(sample, q, expected):
    sim, token = sample
    assert names(listing(sim, token, q=q)) == expected


@pytest.mark.parametrize("q", [
    "'Status' = \"Open",  # unterminated string
    "'Status = \"Open\"",  # unterminated field
    "'Status' == \"Open\"",
    "'Status' ~ \"Open\"",
    "'Status' EQUALS \"Open\"",
    "'Status' = \"Open\" 'Size'",  # trailing tokens
    "('Status' = \"Open\"",
    "'Status' = \"Open\")",
    "'Status' = \"Open\" AND",
    "'Status'",
    "$USER$ = \"Demo\"",
])
def test_malformed_qualifications_answer_400(sample, q):
    sim, token = sample
    response = listing(sim, token, q=q)
    assert response.status_code == 400
    error = ar_error(response)
    assert error["messageText"] and "position" in error["messageAppendedText"]


def test_no_match_is_200_with_no_entries(sample):
    sim, token = sample
    response = listing(sim, token, q="'Name' = \"omega\"")
    assert response.status_code == 200 and response.json()["entries"] == []
    assert call(sim, "GET", f"{ENTRY}/RESTAUTH:Never Used", token).json()["entries"] == []


def test_list_entries_carry_values_and_self_links(sample):
    sim, token = sample
    body = listing(sim, token, q="'Name' = \"alpha\"", fields="values(Name,Size , Nope)").json()
    assert body["entries"] == [{"values": {"Name": "alpha", "Size": 10, "Nope": None},
                                "_links": {"self": [{"href": f"{sim.url}{ENTRY}/RESTAUTH:List/000000000000101"}]}}]
    self_link = urlsplit(body["_links"]["self"][0]["href"])
    assert self_link.path == f"{ENTRY}/RESTAUTH:List"
    assert "q=%27Name%27%20%3D%20%22alpha%22" in self_link.query
    assert "next" not in body["_links"] and "prev" not in body["_links"]


def test_list_accepts_a_trailing_slash(sample):
    sim, token = sample
    response = call(sim, "GET", f"{ENTRY}/RESTAUTH%3AList/", token, params={"q": "'Name' = \"beta\""})
    assert names(response) == ["beta"]


@pytest.mark.parametrize("sort, expected", [
    ("Size.asc", ["beta", "delta", "alpha", "gamma", "epsilon"]),
    ("Size.desc", ["epsilon", "gamma", "alpha", "delta", "beta"]),
    ("Name", ["alpha", "beta", "delta", "epsilon", "gamma"]),
    ("Status.asc, Name.desc", ["epsilon", "beta", "gamma", "alpha", "delta"]),
    ("Note.ASC,Name.asc", ["beta", "gamma", "epsilon", "alpha", "delta"]),  # NULLs first
])
def test_list_sorts(sample, sort, expected):
    sim, token = sample
    assert names(listing(sim, token, sort=sort)) == expected


def test_list_pages_with_offset_limit_and_next_prev_links(sample):
    sim, token = sample
    first = listing(sim, token, sort="Name.asc", limit=2).json()
    assert [entry["values"]["Name"] for entry in first["entries"]] == ["alpha", "beta"]
    assert "prev" not in first["_links"]
    seen = [entry["values"]["Name"] for entry in first["entries"]]
    page = first
    while "next" in page["_links"]:
        page = requests.get(page["_links"]["next"][0]["href"], headers={"Authorization": f"AR-JWT {token}"},
                            verify=sim.ca_path, timeout=10).json()
        seen += [entry["values"]["Name"] for entry in page["entries"]]
    assert seen == ["alpha", "beta", "delta", "epsilon", "gamma"]
    last_query = urlsplit(page["_links"]["self"][0]["href"]).query
    assert "offset=4" in last_query and "limit=2" in last_query and "sort=Name.asc" in last_query
    previous = requests.get(page["_links"]["prev"][0]["href"], headers={"Authorization": f"AR-JWT {token}"},
                            verify=sim.ca_path, timeout=10)
    assert names(previous) == ["delta", "epsilon"]
    assert names(listing(sim, token, sort="Name.asc", offset=1, limit=10)) == ["beta", "delta", "epsilon", "gamma"]
    assert names(listing(sim, token, offset=99)) == []


def test_the_server_caps_the_page_size(sample):
    sim, token = sample
    sim.control.configure(max_limit=3)
    body = listing(sim, token, limit=50).json()
    assert len(body["entries"]) == 3
    assert "limit=3" in body["_links"]["next"][0]["href"] and "offset=3" in body["_links"]["next"][0]["href"]
    assert len(listing(sim, token).json()["entries"]) == 3


@pytest.mark.parametrize("params", [{"offset": "-1"}, {"offset": "\u00b2"}, {"limit": "x"}, {"limit": "0"}, {"fields": "Name,Size"}])
def test_bad_list_parameters_answer_400(sample, params):
    sim, token = sample
    response = listing(sim, token, **params)
    assert response.status_code == 400
    assert ar_error(response)["messageNumber"] > 0


# ---- headers, counters, faults on Remedy paths -------------------------------------------------------------


def test_x_ar_headers_arrive_and_last_headers_are_redacted(remedy, token):
    call(remedy, "GET", f"{ENTRY}/CTM:People", token,
         headers={"X-AR-Client-Type": "4020", "X-AR-RPC-Queue": "390620", "X-AR-Timeout": "60", "X-Requested-By": "XMLHttpRequest"})
    state = remedy.control.state()
    headers = state["last_headers"]
    assert (headers["x-ar-client-type"], headers["x-ar-rpc-queue"], headers["x-ar-timeout"]) == ("4020", "390620", "60")
    assert headers["x-requested-by"] == "XMLHttpRequest"
    assert headers["authorization"] == "<redacted>"
    assert token not in json.dumps(state) and token.split(".")[2] not in json.dumps(state)


def test_counters_count_each_remedy_path_as_received(remedy, token):
    call(remedy, "GET", f"{ENTRY}/CTM:People", token, params={"q": "'First Name' = \"Allen\""})
    call(remedy, "GET", "/api/arsys/v1/entry/CTM%3APeople", token)
    counters = remedy.control.counters()
    assert counters["requests"] == {"POST /api/jwt/login": 1, "GET /api/arsys/v1/entry/CTM:People": 1,
                                    "GET /api/arsys/v1/entry/CTM%3APeople": 1}
    assert counters["logins"] == 1


def test_injected_faults_on_remedy_paths(remedy, token):
    remedy.control.inject(503, count=2, path="/api/arsys", method="GET", retry_after=1)
    assert create(remedy, token, "RESTAUTH:Sample", {"A": "1"}).status_code == 201  # POST is not matched
    for _dummy in range(2):
        response = call(remedy, "GET", f"{ENTRY}/RESTAUTH:Sample", token)
        assert response.status_code == 503 and response.headers["Retry-After"] == "1"
        assert response.json() == {"message": "Service Unavailable", "code": 503, "transient": True}
    assert len(call(remedy, "GET", f"{ENTRY}/RESTAUTH:Sample", token).json()["entries"]) == 1
    ar_body = [{"messageType": "ERROR", "messageNumber": 9093, "messageText": "User is currently connected from another machine",
                "messageAppendedText": ""}]
    remedy.control.inject(401, path="/api/jwt/login", body=ar_body)
    refused = requests.post(remedy.url + "/api/jwt/login", data={"username": DEMO[0], "password": DEMO[1]},
                            verify=remedy.ca_path, timeout=10)
    assert refused.status_code == 401 and ar_error(refused)["messageNumber"] == 9093
    assert remedy.control.counters()["logins"] == 1  # only the fixture's login got through


# ---- a third-party client ------------------------------------------------------------------------------------


def test_remedy_py_client_round_trip(remedy):
    remedy_client = pytest.importorskip("remedy_py.RemedyAPIClient")
    port = int(urlsplit(remedy.url).port)
    client = remedy_client.RemedyClient(host="127.0.0.1", username=DEMO[0], password=DEMO[1], port=port, verify=remedy.ca_path)
    assert remedy.control.counters()["logins"] == 1

    created, status = client.create_form_entry("HPD:IncidentInterface_Create", INCIDENT, return_values=["Request ID"])
    assert (status, created["values"]) == (201, {"Request ID": "000000000000101"})
    incident_id = "INC000000000101|INC000000000101"
    assert forms(remedy)["HPD:IncidentInterface"][incident_id]["Description"] == "disk full"

    entry, status = client.get_form_entry("HPD:IncidentInterface_Create", "000000000000101")
    assert status == 200 and entry["values"]["Incident Number"] == "INC000000000101"

    updated, status = client.update_form_entry("HPD:IncidentInterface", incident_id, {"z1D Action": "Modify", "Status": "Resolved"})
    assert status == 204 and updated["values"]["Status"] == "Resolved"
    assert forms(remedy)["HPD:IncidentInterface"][incident_id]["Status"] == "Resolved"

    deleted, status = client.delete_form_entry("HPD:IncidentInterface", incident_id)
    assert (deleted, status) == ({}, 204)
    assert forms(remedy)["HPD:IncidentInterface"] == {}

    released, status = client.release_token()
    assert (released, status) == ({}, 204)
    counters = remedy.control.counters()
    assert (counters["logins"], counters["logouts"], counters["login_failures"]) == (1, 1, 0)
    assert counters["requests"] == {
        "POST /api/jwt/login": 1,
        "POST /api/arsys/v1/entry/HPD:IncidentInterface_Create": 1,
        "GET /api/arsys/v1/entry/HPD:IncidentInterface_Create/000000000000101": 1,
        "PUT /api/arsys/v1/entry/HPD:IncidentInterface/INC000000000101%7CINC000000000101": 1,
        "GET /api/arsys/v1/entry/HPD:IncidentInterface/INC000000000101%7CINC000000000101": 1,
        "DELETE /api/arsys/v1/entry/HPD:IncidentInterface/INC000000000101%7CINC000000000101": 1,
        "POST /api/jwt/logout": 1,
    }
    with pytest.raises(requests.HTTPError):
        client.get_form_entry("CTM:People", "000000000000001")  # the released token is refused


# ---- work logs with attachments (multipart creates) -------------------------------------------------------


WORKLOG = {"Incident Number": "INC000000000101", "Description": "cleanup", "Work Log Type": "General Information"}
BINARY = bytes(range(256)) + b"\r\n--\r\n\x00\r\n\r\n"


def test_a_multipart_create_as_remedy_py_sends_it_keeps_the_file_byte_for_byte(remedy, token):
    # remedy-py's attach call: an "entry" part (no file name, application/json) and "attach-<field>" with the file.
    values = dict(WORKLOG, **{"z2AF Work Log01": "dump.bin"})
    files = {"entry": (None, json.dumps({"values": values}).encode(), "application/json"),
             "attach-z2AF Work Log01": ("dump.bin", BINARY, "application/octet-stream")}
    response = requests.post(f"{remedy.url}{ENTRY}/HPD:WorkLog", files=files, headers={"Authorization": f"AR-JWT {token}"},
                             verify=remedy.ca_path, timeout=10)
    assert response.status_code == 201, response.text
    entry_id = response.headers["Location"].rsplit("/", 1)[1]
    state = remedy.control.state()
    stored = state["attachments"]["HPD:WorkLog"][entry_id]["z2AF Work Log01"]
    assert base64.b64decode(stored["base64"]) == BINARY and stored["name"] == "dump.bin"
    assert state["forms"]["HPD:WorkLog"][entry_id]["z2AF Work Log01"] == {"name": "dump.bin", "sizeBytes": len(BINARY)}


@pytest.mark.parametrize("files, number", [
    ({"attach-z2AF Work Log01": ("a.txt", b"x", "text/plain")}, 8974),  # no entry part
    ({"entry": (None, b'{"values": {}}', "application/json"), "attach-Other Field": ("a.txt", b"x", "text/plain")}, 8975),
    ({"entry": (None, json.dumps({"values": WORKLOG}).encode(), "application/json"),
      "attach-z2AF Work Log01": ("a.txt", b"x", "text/plain")}, 8974),  # the field's value is not the file name
], ids=["no-entry", "unknown-field", "name-mismatch"])
def test_bad_multipart_creates_are_refused_and_store_nothing(remedy, token, files, number):
    response = requests.post(f"{remedy.url}{ENTRY}/HPD:WorkLog", files=files, headers={"Authorization": f"AR-JWT {token}"},
                             verify=remedy.ca_path, timeout=10)
    assert response.status_code == 400 and ar_error(response)["messageNumber"] == number
    assert remedy.control.state()["attachments"] == {} and "HPD:WorkLog" not in forms(remedy)


def test_an_attachment_over_the_size_limit_is_refused(remedy, token):
    remedy.control.configure(max_attachment_bytes=3)
    values = dict(WORKLOG, **{"z2AF Work Log01": "a.txt"})
    files = {"entry": (None, json.dumps({"values": values}).encode(), "application/json"),
             "attach-z2AF Work Log01": ("a.txt", b"four", "text/plain")}
    response = requests.post(f"{remedy.url}{ENTRY}/HPD:WorkLog", files=files, headers={"Authorization": f"AR-JWT {token}"},
                             verify=remedy.ca_path, timeout=10)
    assert ar_error(response)["messageNumber"] == 8976
