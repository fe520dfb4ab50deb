# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run simulators until SIGTERM/SIGINT. From the ``tests/`` directory::

    python -m simulators remedy --env-file /tmp/sim.env
    python -m simulators all --port 8443     # vendor i listens on port + i (and --http-port + i)

It prints every URL (as the modules' url option wants it), the CA file, and every seed user, key, token and
client certificate (issued at start for SPS), with the failure each trap user shows; --env-file writes the
<VENDOR>_* variables the modules read, to source in a shell.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import sys
import tempfile
import time
from typing import Any

from . import VENDORS, CertificateAuthority, SimulatorHandle, start
from .xmatters import SEED_PEOPLE as XMATTERS_PEOPLE
from .xtam import SEED_RECORD_TYPES as XTAM_RECORD_TYPES


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m simulators", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("vendor", choices=[*VENDORS, "all"], help="the vendor to simulate, or all of them")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=0, help="HTTPS port, 0 for any free port (with 'all': the first)")
    parser.add_argument("--http-port", type=int, default=0, help="plain-HTTP port, 0 for any free port (with 'all': the first)")
    parser.add_argument("--state-dir", help="directory for ca.pem (default: a temporary directory removed at exit)")
    parser.add_argument("--env-file", help="write shell 'export' lines here once ready (removed at exit)")
    parser.add_argument("--dump-file", help="at exit, write every simulator's counters and state here as JSON (what the run sent)")
    parser.add_argument("--token-lifetime", type=float, help="token lifetime in seconds (default 3600)")
    parser.add_argument("--verbose", action="store_true", help="log requests to stderr")
    return parser.parse_args(argv)


def _nth_port(port: int, index: int) -> int:
    return port + index if port else 0


def _start_all(args: argparse.Namespace, state_dir: str) -> list[SimulatorHandle]:
    names = list(VENDORS) if args.vendor == "all" else [args.vendor]
    settings: dict[str, Any] = {} if args.token_lifetime is None else {"token_lifetime": args.token_lifetime}
    ca = CertificateAuthority()  # one CA for all vendors: one ca.pem
    handles: list[SimulatorHandle] = []
    try:
        for index, name in enumerate(names):
            handles.append(start(name, host=args.host, port=_nth_port(args.port, index),
                                 http_port=_nth_port(args.http_port, index), state_dir=state_dir, ca=ca,
                                 verbose=args.verbose, **settings))
    except Exception:
        _stop_all(handles)
        raise
    return handles


def _stop_all(handles: list[SimulatorHandle]) -> None:
    for handle in handles:
        handle.stop()


def _issue_client_certs(handles: list[SimulatorHandle], directory: str) -> dict[str, tuple[str, str]]:
    """A client certificate for every certificate user of a simulator that asks for one (SPS): common name → (cert, key)."""
    certs: dict[str, tuple[str, str]] = {}
    for handle in handles:
        if handle.vendor.request_client_cert:
            for common_name in handle.simulator.settings.get("certificate_users", {}):
                certs[common_name] = handle.issue_client_cert(common_name, directory)
    return certs


def _user_notes(vendor: str, name: str, entry: Any, demo: str | None) -> str:
    """What a seed user is for: the demo user, or the failure it lets a reader try."""
    notes = ["the demo user"] if name == demo else []
    if isinstance(entry, dict):
        if entry.get("sso") and not entry.get("bypass_sso"):
            notes.append("single sign-on: Basic and the password grant are refused")
        if entry.get("api_access") is False:
            notes.append("no API permission: 403 on every call")
        if entry.get("active") is False:
            notes.append("deactivated: 401 at login")
    if vendor in ("truesight", "discovery") and name == "System":
        notes.append("the local System user never gets a token")
    return f"  ({'; '.join(notes)})" if notes else ""


def _credential_lines(handle: SimulatorHandle, certs: dict[str, tuple[str, str]]) -> list[str]:
    """Every user, key, token and id of the simulator's seed data, as a reader of the guides needs them."""
    vendor, settings = handle.vendor, handle.simulator.settings
    demo = (vendor.demo_credentials() or (None, None))[0]
    lines = []
    for name, entry in settings.get("users", {}).items():
        password = entry["password"] if isinstance(entry, dict) else entry
        lines.append(f"  user {name} / {password}{_user_notes(vendor.name, name, entry, demo)}")
    for client_id in settings.get("client_ids", []):
        lines.append(f"  OAuth client_id: {client_id}")
    for key, entry in settings.get("api_keys", {}).items():
        if isinstance(entry, dict) and "secret" in entry:
            lines.append(f"  API key {key} / {entry['secret']}  (of {entry['user']}; works with single sign-on too)")
    now = time.time()
    for token, entry in settings.get("api_tokens", {}).items():
        state = ("disabled" if not entry["enabled"] else
                 "expired" if entry["expires_at"] is not None and entry["expires_at"] <= now else "valid")
        lines.append(f"  API token {token}  ({state}, of {entry['user']})")
    for method in settings.get("login_methods", []):
        lines.append(f"  login method {method['id']}: {method['name']} ({method['type']}"
                     f"{'' if method.get('api_key_access') else '; API keys refused'})")
    for common_name, user in settings.get("certificate_users", {}).items():
        if common_name in certs:
            cert, key = certs[common_name]
            lines.append(f"  client certificate of {user} (CN {common_name}): client_cert={cert} client_key={key}")
    for token, user in settings.get("permanent_tokens", {}).items():
        lines.append(f"  permanent token {token}  (of {user})")
    for tenant in settings.get("tenants", []):
        lines.append(f"  tenant: {tenant}")
    return lines


def _seed_lines(handle: SimulatorHandle) -> list[str]:
    """The ids of the seed objects the guides and role READMEs use (people, groups, folders, record types, devices)."""
    name, state = handle.vendor.name, handle.vendor.state()
    items: list[tuple[str, list[str]]] = []
    if name == "remedy":
        people = state["forms"].get("CTM:People", {}).values()
        items.append(("CTM:People", [f"{p['First Name']} {p['Last Name']} ({p['Remedy Login ID']})" for p in people]))
    elif name == "xmatters":
        items.append(("people", [person["targetName"] for person in XMATTERS_PEOPLE]))
        items.append(("groups", [group["targetName"] for group in state["groups"]]))
    elif name == "xtam":
        items.append(("folders", [f"{folder['id']} {folder['name']}" for folder in state["folders"].values()]))
        items.append(("record types", [f"{kind['id']} {kind['name']}" for kind in XTAM_RECORD_TYPES]))
        items.append(("records", [f"{record['id']} {record['name']!r} in {record['folder']}" for record in state["records"].values()]))
    elif name == "truesight":
        items.append(("devices", [f"{device['deviceId']} {device['dnsName']}" for device in state["devices"]]))
    elif name == "discovery":
        items.append(("vault credentials", [credential["label"] for credential in state["credentials"]]))
    return [f"  {label}: {', '.join(values)}" for label, values in items if values]


def _env_values(handle: SimulatorHandle, certs: dict[str, tuple[str, str]]) -> dict[str, str]:
    values = handle.env()
    if handle.vendor.request_client_cert and certs:
        cert, key = next(iter(certs.values()))
        values[f"{handle.vendor.env_prefix}_CLIENT_CERT"], values[f"{handle.vendor.env_prefix}_CLIENT_KEY"] = cert, key
    return values


def _describe(handles: list[SimulatorHandle], certs: dict[str, tuple[str, str]], env_file: str | None) -> str:
    lines = []
    for handle in handles:
        prefix = handle.vendor.env_prefix
        # The URL as the modules' url option wants it (XTAM's includes the /xtam application path).
        lines.append(f"{handle.vendor.name}: url={handle.env()[prefix + '_URL']}"
                     + (f"  (plain HTTP: {handle.http_url})" if handle.http_url else ""))
        lines.append(f"  ca_path={handle.ca_path}")
        lines.extend(_credential_lines(handle, certs))
        lines.extend(_seed_lines(handle))
        lines.append(f"  control: {handle.control.url}")
    if env_file:
        lines.append(f"environment for the modules: . {shlex.quote(os.path.abspath(env_file))}")
    lines.append("stop with Ctrl-C")
    return "\n".join(lines)


def _write_env_file(path: str, handles: list[SimulatorHandle], certs: dict[str, tuple[str, str]]) -> None:
    """Write atomically (temporary file + rename) so that a script waiting for the file never reads half of it."""
    lines = [f"export {name}={shlex.quote(value)}\n" for handle in handles for name, value in _env_values(handle, certs).items()]
    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".sim-env-")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.writelines(lines)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _write_dump(path: str, handles: list[SimulatorHandle]) -> None:
    """What each simulator received: its counters and its data (secrets of the last headers redacted), by vendor."""
    dump = {handle.vendor.name: {"counters": handle.simulator.counters_snapshot(), "state": handle.simulator.state()} for handle in handles}
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(dump, stream, indent=1, sort_keys=True, default=str)


def _remove(path: str | None) -> None:
    if path and os.path.exists(path):
        os.unlink(path)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    # The handler takes no lock: a second signal (make passing on the one the group got) may arrive while the first
    # handler runs, and threading.Event.set() re-entered there deadlocks.
    stopping: list[int] = []
    parent = os.getppid()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda number, _dummy: stopping.append(number))
    _remove(args.env_file)  # a file left by a killed earlier run must not look like "ready" for long
    state_dir = args.state_dir or tempfile.mkdtemp(prefix="restauth-sim-")
    handles: list[SimulatorHandle] = []
    try:
        handles = _start_all(args, state_dir)
        certs = _issue_client_certs(handles, state_dir)
        print(_describe(handles, certs, args.env_file), flush=True)
        if args.env_file:
            _write_env_file(args.env_file, handles, certs)
        # Also stop when the parent goes (make killed without passing the signal on): no orphan keeps the ports.
        while not stopping and os.getppid() == parent:
            time.sleep(0.2)
    except (OSError, ValueError) as exc:
        print(f"cannot start the simulator: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.dump_file and handles:
            _write_dump(args.dump_file, handles)
        _stop_all(handles)
        _remove(args.env_file)
        if not args.state_dir:
            shutil.rmtree(state_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
