# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shared simulator base, exercised through a small test vendor over real HTTPS, and the CLI."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("trustme")
requests = pytest.importorskip("requests")

from simulators import VENDORS, CertificateAuthority, SimulatorControl, Vendor, start  # noqa: E402  # pylint: disable=wrong-import-position  # after the guards
from simulators._base import json_reply  # noqa: E402  # pylint: disable=wrong-import-position

TESTS_DIR = Path(__file__).resolve().parents[2]


class Echo(Vendor):
    """A minimal vendor: echoes what it received, issues tokens, crashes on demand."""

    name = "echo"
    env_prefix = "ECHO"
    DEFAULT_SETTINGS = {"greeting": "hello"}
    secret_headers = frozenset({"x-api-key"})

    def routes(self):
        return [
            ("GET", "/api/echo/{first}/{second}", self.echo),
            ("POST", "/api/echo/{first}/{second}", self.echo),
            ("GET", "/api/choice/{kind:a|b}", self.echo),
            ("GET", "/api/crash", self.crash),
            ("POST", "/api/token", self.token),
            ("GET", "/api/whoami", self.whoami),
            ("GET", "/api/cookies", self.cookies),
        ]

    def echo(self, request, **params):
        return json_reply(200, {"segments": request.segments, "params": params, "query": request.query,
                                "form": request.form(), "body": request.body.decode(), "is_tls": request.is_tls,
                                "greeting": self.sim.settings["greeting"]})

    def crash(self, _request):
        raise RuntimeError("boom")

    def token(self, _request):
        return json_reply(200, {"token": self.sim.tokens.issue("someone", self.sim.settings["token_lifetime"]).value})

    def whoami(self, request):
        token = self.sim.tokens.lookup(request.header("X-Token", ""))
        return json_reply(200, {"user": token.subject}) if token else json_reply(401, {"echo_error": "bad token"})

    def cookies(self, _request):
        return json_reply(200, {}, {"Set-Cookie": ["a=1; Path=/", "b=2; HttpOnly"], "X-One": "single"})

    def error(self, status, message):
        return json_reply(status, {"echo_error": message, "status": status})

    def check_setting(self, key, value):
        if not isinstance(value, str):
            raise ValueError("'greeting' must be a string")
        return value

    def state(self):
        return {"greeting": self.sim.settings["greeting"]}

    def demo_credentials(self):
        return "echo-user", "echo-pass"


@pytest.fixture(scope="module", name="echo_server")
def fixture_echo_server():
    with start(Echo, http_port=0) as handle:
        yield handle


@pytest.fixture(name="echo")
def fixture_echo(echo_server):
    echo_server.control.reset(state=True)
    return echo_server


def get(handle, path, **kwargs):
    return requests.get(handle.url + path, verify=handle.ca_path, timeout=10, **kwargs)


def post(handle, path, **kwargs):
    return requests.post(handle.url + path, verify=handle.ca_path, timeout=10, **kwargs)


# ---- TLS and binding -------------------------------------------------------------------------------------


def test_tls_verifies_with_the_written_ca_for_ip_and_localhost(tmp_path):
    with start(Echo, state_dir=str(tmp_path)) as handle:
        assert handle.ca_path == str(tmp_path / "ca.pem")
        assert handle.url.startswith("https://127.0.0.1:")
        port = handle.url.rsplit(":", 1)[1]
        assert get(handle, "/api/echo/a/b").status_code == 200
        localhost = requests.get(f"https://localhost:{port}/api/echo/a/b", verify=handle.ca_path, timeout=10)
        assert localhost.status_code == 200
        context = ssl.create_default_context(cafile=handle.ca_path)
        with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                assert tls.version() in ("TLSv1.2", "TLSv1.3")
    assert (tmp_path / "ca.pem").exists()  # a caller's state_dir is left in place


def test_the_server_requires_tls_1_2_or_newer():
    # OpenSSL's own defaults often refuse TLS 1.1 as well, so a TLS 1.1 handshake could not tell the difference.
    assert CertificateAuthority().server_context().minimum_version == ssl.TLSVersion.TLSv1_2


def test_a_client_without_the_ca_fails_verification(echo):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(echo.url + "/api/echo/a/b", timeout=10)
    assert get(echo, "/api/echo/a/b").status_code == 200  # the failed handshake did not hurt the server


def test_the_temporary_state_dir_is_removed_on_stop():
    handle = start(Echo)
    ca_dir = os.path.dirname(handle.ca_path)
    assert os.path.exists(handle.ca_path)
    handle.stop()
    assert not os.path.exists(ca_dir)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::", "example.com", ""])
def test_only_loopback_addresses_can_be_bound(host):
    with pytest.raises(ValueError, match="loopback"):
        start(Echo, host=host)


def test_localhost_binds_the_ipv4_loopback():
    with start(Echo, host="localhost") as handle:
        assert handle.url.startswith("https://127.0.0.1:")


def test_stop_releases_ports_and_threads_quickly_even_with_open_connections():
    before = set(threading.enumerate())
    handle = start(Echo, http_port=0)
    session = requests.Session()
    assert session.get(handle.url + "/api/echo/a/b", verify=handle.ca_path, timeout=10).status_code == 200
    assert session.get(handle.http_url + "/api/echo/a/b", timeout=10).status_code == 200  # two keep-alive connections
    assert len(set(threading.enumerate()) - before) == 4  # two listeners, two connection handlers
    began = time.monotonic()
    handle.stop()
    assert time.monotonic() - began < 2
    ports = [int(url.rsplit(":", 1)[1]) for url in (handle.url, handle.http_url)]
    with start(Echo, port=ports[0], http_port=ports[1]) as again:  # the ports are free again
        assert get(again, "/api/echo/a/b").status_code == 200
    deadline = time.monotonic() + 2
    while set(threading.enumerate()) - before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not set(threading.enumerate()) - before
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", ports[0]), timeout=2)
    handle.stop()  # idempotent
    session.close()


def test_no_plain_http_listener_unless_asked():
    with start(Echo) as handle:
        assert handle.http_url is None


# ---- requests, replies and routing ------------------------------------------------------------------------


def test_request_object_decodes_segments_query_form_and_tls_flag(echo):
    response = post(echo, "/api/echo/HPD%3AIncident%20Interface/a%2Fb%7Cc?q=%27A%27%3D%22x%22&empty=&fields=values(A,+B)",
                    data={"username": "u", "password": "p w"})
    data = response.json()
    assert data["segments"] == ["api", "echo", "HPD:Incident Interface", "a/b|c"]
    assert data["params"] == {"first": "HPD:Incident Interface", "second": "a/b|c"}
    assert data["query"] == {"q": "'A'=\"x\"", "empty": "", "fields": "values(A, B)"}
    assert data["form"] == {"username": "u", "password": "p w"}
    assert data["is_tls"] is True
    over_http = requests.get(echo.http_url + "/api/echo/a/b/", timeout=10).json()  # trailing slash ignored
    assert over_http["is_tls"] is False
    assert over_http["segments"] == ["api", "echo", "a", "b"]


def test_chunked_request_bodies_are_read(echo):
    response = post(echo, "/api/echo/a/b", data=(part for part in (b"hello ", b"chunked ", b"world")))
    assert response.json()["body"] == "hello chunked world"


def test_replies_carry_date_content_type_and_length(echo):
    response = get(echo, "/api/echo/a/b")
    assert response.headers["Content-Type"] == "application/json"
    assert int(response.headers["Content-Length"]) == len(response.content)
    assert response.headers["Date"].endswith("GMT")
    assert "Python" not in response.headers["Server"]


def test_a_list_header_value_is_sent_as_several_headers(echo):
    response = get(echo, "/api/cookies")
    assert response.raw.headers.getlist("Set-Cookie") == ["a=1; Path=/", "b=2; HttpOnly"]
    assert response.cookies.get("a") == "1" and response.cookies.get("b") == "2"
    assert response.headers["X-One"] == "single"


def test_unknown_route_answers_404_in_the_vendor_style(echo):
    for path in ("/api/nothing", "/api/echo/only-one", "/api/choice/c", "/api/echo//b", "/"):
        response = get(echo, path)
        assert response.status_code == 404, path
        assert response.json() == {"echo_error": f"No resource at {path}", "status": 404}
    assert get(echo, "/api/choice/b").status_code == 200


def test_wrong_method_answers_405_with_allow(echo):
    response = requests.delete(echo.url + "/api/echo/a/b", verify=echo.ca_path, timeout=10)
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST"
    assert response.json()["status"] == 405


def test_a_crashing_handler_answers_500_and_stays_quiet(echo, capfd):
    response = get(echo, "/api/crash")
    assert response.status_code == 500
    assert response.json() == {"echo_error": "Internal simulator error", "status": 500}
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(echo.url + "/api/echo/a/b", timeout=10)  # a failed handshake is not logged either
    assert get(echo, "/api/echo/a/b").status_code == 200
    assert capfd.readouterr().err == ""


def test_verbose_logs_requests_to_stderr(capfd):
    with start(Echo, verbose=True) as handle:
        get(handle, "/api/crash")
    err = capfd.readouterr().err
    assert "[echo-sim]" in err and "GET /api/crash" in err and "RuntimeError('boom')" in err


# ---- counters and reset -----------------------------------------------------------------------------------


def test_counters_count_vendor_requests_per_method_and_raw_path(echo):
    get(echo, "/api/echo/a/b?x=1")
    get(echo, "/api/echo/a/b?x=2")
    post(echo, "/api/echo/a/b")
    get(echo, "/api/echo/HPD%3AX/b")
    get(echo, "/api/nothing")
    requests.get(echo.http_url + "/api/echo/a/b", timeout=10)
    echo.control.state()
    counters = echo.control.counters()
    assert counters["requests"] == {"GET /api/echo/a/b": 3, "POST /api/echo/a/b": 1, "GET /api/echo/HPD%3AX/b": 1,
                                    "GET /api/nothing": 1}
    assert counters["logins"] == counters["login_failures"] == counters["logouts"] == 0


def test_reset_zeroes_counters_and_drops_queued_faults_and_delays(echo):
    get(echo, "/api/echo/a/b")
    echo.control.inject(503, count=5)
    echo.control.delay(5)
    assert echo.control.reset() == {"logins": 0, "login_failures": 0, "logouts": 0, "requests": {}, "active_tokens": 0}
    began = time.monotonic()
    assert get(echo, "/api/echo/a/b").status_code == 200
    assert time.monotonic() - began < 2


def test_reset_with_state_restores_settings_but_plain_reset_does_not(echo):
    echo.control.configure(greeting="bonjour")
    echo.control.reset()
    assert get(echo, "/api/echo/a/b").json()["greeting"] == "bonjour"
    echo.control.reset(state=True)
    assert get(echo, "/api/echo/a/b").json()["greeting"] == "hello"


# ---- faults and delays ------------------------------------------------------------------------------------


def test_injected_faults_answer_n_times_then_normal_handling_resumes(echo):
    echo.control.inject(503, count=2, retry_after=1)
    for _dummy in range(2):
        response = get(echo, "/api/echo/a/b")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "1"
        assert response.json() == {"echo_error": "Service Unavailable", "status": 503}  # vendor style by default
    response = get(echo, "/api/echo/a/b")
    assert response.status_code == 200
    assert "Retry-After" not in response.headers
    assert echo.control.counters()["requests"] == {"GET /api/echo/a/b": 3}  # faulted requests are counted


def test_faults_filter_on_path_prefix_and_method(echo):
    echo.control.inject(500, path="/api/choice", method="get")
    assert post(echo, "/api/echo/a/b").status_code == 200
    assert get(echo, "/api/echo/a/b").status_code == 200
    assert get(echo, "/api/choice/a").status_code == 500
    assert get(echo, "/api/choice/a").status_code == 200


def test_faults_carry_json_or_text_bodies_and_headers(echo):
    echo.control.inject(429, body={"custom": True}, headers={"X-Rate": "0"}, retry_after=2.5)
    echo.control.inject(502, body="<html>bad gateway</html>")
    first = get(echo, "/api/echo/a/b")
    assert (first.status_code, first.json(), first.headers["X-Rate"], first.headers["Retry-After"]) == (429, {"custom": True}, "0", "2.5")
    second = get(echo, "/api/echo/a/b")
    assert (second.status_code, second.text) == (502, "<html>bad gateway</html>")
    assert second.headers["Content-Type"].startswith("text/plain")


def test_queued_faults_are_consumed_in_order(echo):
    echo.control.inject(503)
    echo.control.inject(500, count=2)
    assert [get(echo, "/api/echo/a/b").status_code for _dummy in range(4)] == [503, 500, 500, 200]


def test_after_faults_process_the_request_then_answer_the_fault(echo):
    echo.control.inject(504, path="/api/token", after=True)
    response = post(echo, "/api/token")
    assert response.status_code == 504
    assert echo.control.counters()["active_tokens"] == 1  # the token was issued behind the lost answer
    echo.control.inject(504, path="/api/token")
    assert post(echo, "/api/token").status_code == 504
    assert echo.control.counters()["active_tokens"] == 1  # a plain fault processes nothing


def test_faults_do_not_apply_to_the_control_path(echo):
    echo.control.inject(503)
    assert echo.control.counters()["requests"] == {}
    assert get(echo, "/api/echo/a/b").status_code == 503


def test_delays_hold_responses(echo):
    echo.control.delay(0.4, path="/api/echo")
    began = time.monotonic()
    assert get(echo, "/api/echo/a/b").status_code == 200
    assert time.monotonic() - began >= 0.4
    echo.control.delay(1)
    with pytest.raises(requests.exceptions.Timeout):
        requests.get(echo.url + "/api/echo/a/b", verify=echo.ca_path, timeout=0.3)


@pytest.mark.parametrize("endpoint, payload, message", [
    ("faults", {"status": 42}, "status"),
    ("faults", {"status": "503"}, "status"),
    ("faults", {"status": 503, "count": 0}, "count"),
    ("faults", {"status": 503, "path": "api"}, "path"),
    ("faults", {"status": 503, "method": 1}, "method"),
    ("faults", {"status": 503, "headers": {"X": 1}}, "headers"),
    ("faults", {"status": 503, "retry_after": -1}, "retry_after"),
    ("faults", {"status": 503, "after": "yes"}, "after"),
    ("faults", {"status": 503, "bogus": 1}, "bogus"),
    ("delay", {"seconds": -1}, "seconds"),
    ("delay", {}, "seconds"),
    ("config", {"token_lifetime": 0}, "token_lifetime"),
    ("config", {"token_lifetime": True}, "token_lifetime"),
    ("config", {"greeting": 5}, "greeting"),
    ("config", {"nonsense": 1}, "nonsense"),
    ("reset", {"stat": True}, "stat"),
    ("config", [1], "object"),
])
def test_control_path_rejects_bad_input_with_400(echo, endpoint, payload, message):
    response = requests.post(f"{echo.url}/__sim__/{endpoint}", json=payload, verify=echo.ca_path, timeout=10)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_control_path_rejects_non_json_and_unknown_endpoints(echo):
    response = requests.post(f"{echo.url}/__sim__/faults", data="{not json", verify=echo.ca_path, timeout=10)
    assert response.status_code == 400 and "not JSON" in response.json()["error"]
    assert requests.get(f"{echo.url}/__sim__/nothing", verify=echo.ca_path, timeout=10).status_code == 404
    assert requests.get(f"{echo.url}/__sim__/reset", verify=echo.ca_path, timeout=10).status_code == 404
    with pytest.raises(requests.HTTPError):
        echo.control.inject(1000)


def test_control_client_accepts_base_or_control_url(echo):
    assert SimulatorControl(echo.url + "/__sim__/", echo.ca_path).url == echo.control.url == echo.url + "/__sim__"
    assert SimulatorControl(echo.http_url, echo.ca_path).counters()["requests"] == {}  # also served over plain HTTP


def test_state_includes_vendor_data_and_redacted_last_headers(echo):
    secrets = {"Authorization": "Bearer s3cr3t", "Cookie": "session=s3cr3t", "X-Api-Key": "s3cr3t"}
    get(echo, "/api/echo/a/b", headers={**secrets, "X-Custom": "visible"})
    state = echo.control.state()
    assert state["greeting"] == "hello"
    headers = state["last_headers"]
    assert headers["authorization"] == headers["cookie"] == headers["x-api-key"] == "<redacted>"
    assert headers["x-custom"] == "visible"
    assert "s3cr3t" not in str(state)


# ---- tokens and settings ----------------------------------------------------------------------------------


def test_expire_tokens_and_active_token_count(echo):
    token = post(echo, "/api/token").json()["token"]
    assert get(echo, "/api/whoami", headers={"X-Token": token}).json() == {"user": "someone"}
    assert echo.control.counters()["active_tokens"] >= 1
    assert echo.control.expire_tokens()["expired"] >= 1
    assert echo.control.counters()["active_tokens"] == 0
    assert get(echo, "/api/whoami", headers={"X-Token": token}).status_code == 401


def test_token_lifetime_applies_to_tokens_issued_afterwards(echo):
    old = post(echo, "/api/token").json()["token"]
    assert echo.control.configure(token_lifetime=0.5) == {"configured": ["token_lifetime"]}
    short = post(echo, "/api/token").json()["token"]
    time.sleep(0.6)
    assert get(echo, "/api/whoami", headers={"X-Token": short}).status_code == 401
    assert get(echo, "/api/whoami", headers={"X-Token": old}).status_code == 200


def test_start_validates_settings_and_vendor_names():
    with pytest.raises(ValueError, match="unknown setting"):
        start(Echo, colour="red")
    with pytest.raises(ValueError, match="token_lifetime"):
        start(Echo, token_lifetime=-1)
    with pytest.raises(ValueError, match="unknown vendor"):
        start("nope")
    assert set(VENDORS) >= {"remedy"}


def test_env_names_the_urls_ca_credentials_and_control(echo):
    assert echo.env() == {"ECHO_URL": echo.url, "ECHO_CA_PATH": echo.ca_path, "ECHO_USERNAME": "echo-user",
                          "ECHO_PASSWORD": "echo-pass", "ECHO_HTTP_URL": echo.http_url,
                          "ECHO_SIM_CONTROL": echo.url + "/__sim__"}


# ---- the CLI ----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _cli(*args):
    """Run the CLI; kill it if the test leaves it running."""
    process = subprocess.Popen([sys.executable, "-m", "simulators", *args], cwd=TESTS_DIR,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def _read_env_file(path, process, timeout=15):
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the env file never appeared"
        time.sleep(0.05)
    env = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        export, assignment = shlex.split(line)
        assert export == "export"
        name, _sep, value = assignment.partition("=")
        env[name] = value
    return env


def _stop(process, signum):
    process.send_signal(signum)
    return process.communicate(timeout=5)


def test_cli_serves_remedy_writes_the_env_file_and_exits_0_on_sigterm(tmp_path):
    env_file = tmp_path / "remedy.env"
    state_dir = tmp_path / "state"
    with _cli("remedy", "--env-file", str(env_file), "--state-dir", str(state_dir), "--token-lifetime", "120") as process:
        env = _read_env_file(env_file, process)
        assert sorted(env) == ["REMEDY_CA_PATH", "REMEDY_HTTP_URL", "REMEDY_PASSWORD", "REMEDY_SIM_CONTROL",
                               "REMEDY_URL", "REMEDY_USERNAME"]
        assert env["REMEDY_CA_PATH"] == str(state_dir / "ca.pem")
        login = requests.post(env["REMEDY_URL"] + "/api/jwt/login", verify=env["REMEDY_CA_PATH"], timeout=10,
                              data={"username": env["REMEDY_USERNAME"], "password": env["REMEDY_PASSWORD"]})
        assert login.status_code == 200
        assert requests.get(env["REMEDY_HTTP_URL"] + "/api/about", timeout=10).status_code == 200
        assert SimulatorControl(env["REMEDY_SIM_CONTROL"], env["REMEDY_CA_PATH"]).counters()["logins"] == 1
        began = time.monotonic()
        stdout, stderr = _stop(process, signal.SIGTERM)
        assert process.returncode == 0, stderr
        assert time.monotonic() - began < 3
    assert env["REMEDY_URL"] in stdout and env["REMEDY_CA_PATH"] in stdout and "Demo / Demo-Passw0rd!" in stdout
    assert stderr == ""
    assert not env_file.exists()
    assert (state_dir / "ca.pem").exists()  # a given state dir is kept


def test_cli_all_starts_every_vendor_and_exits_0_on_sigint(tmp_path):
    env_file = tmp_path / "all.env"
    with _cli("all", "--env-file", str(env_file)) as process:
        env = _read_env_file(env_file, process)
        for vendor in VENDORS.values():
            control = SimulatorControl(env[f"{vendor.env_prefix}_SIM_CONTROL"], env[f"{vendor.env_prefix}_CA_PATH"])
            assert control.counters()["requests"] == {}
        _stop(process, signal.SIGINT)
        assert process.returncode == 0
    assert not os.path.exists(os.path.dirname(env["REMEDY_CA_PATH"]))  # the temporary state dir is removed


def test_cli_refuses_a_non_loopback_host():
    with _cli("remedy", "--host", "0.0.0.0") as process:
        _stdout, stderr = process.communicate(timeout=15)
    assert process.returncode == 2
    assert "loopback" in stderr


def test_cli_reports_a_busy_port():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with _cli("remedy", "--port", str(busy.getsockname()[1])) as process:
            _stdout, stderr = process.communicate(timeout=15)
    assert process.returncode == 2
    assert "cannot start" in stderr
