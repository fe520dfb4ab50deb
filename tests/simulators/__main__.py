# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run simulators until SIGTERM/SIGINT. From the ``tests/`` directory::

    python -m simulators remedy --env-file /tmp/sim.env
    python -m simulators all --port 8443     # vendor i listens on port + i
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import signal
import sys
import tempfile
import threading
from typing import Any

from . import VENDORS, CertificateAuthority, SimulatorHandle, start


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m simulators", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("vendor", choices=[*VENDORS, "all"], help="the vendor to simulate, or all of them")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=0, help="HTTPS port, 0 for any free port (with 'all': the first)")
    parser.add_argument("--http-port", type=int, default=0, help="plain-HTTP port, 0 for any free port (with 'all': the first)")
    parser.add_argument("--state-dir", help="directory for ca.pem (default: a temporary directory removed at exit)")
    parser.add_argument("--env-file", help="write shell 'export' lines here once ready (removed at exit)")
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


def _describe(handles: list[SimulatorHandle]) -> str:
    lines = []
    for handle in handles:
        lines.append(f"{handle.vendor.name}: {handle.url}" + (f"  (plain HTTP: {handle.http_url})" if handle.http_url else ""))
        lines.append(f"  CA bundle: {handle.ca_path}")
        credentials = handle.vendor.demo_credentials()
        if credentials:
            lines.append(f"  demo credentials: {credentials[0]} / {credentials[1]}")
        lines.append(f"  control: {handle.control.url}")
    return "\n".join(lines)


def _write_env_file(path: str, handles: list[SimulatorHandle]) -> None:
    """Write atomically (temporary file + rename) so that a script waiting for the file never reads half of it."""
    lines = [f"export {name}={shlex.quote(value)}\n" for handle in handles for name, value in handle.env().items()]
    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".sim-env-")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.writelines(lines)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _remove(path: str | None) -> None:
    if path and os.path.exists(path):
        os.unlink(path)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    _remove(args.env_file)  # a file left by a killed earlier run must not look like "ready" for long
    state_dir = args.state_dir or tempfile.mkdtemp(prefix="restauth-sim-")
    handles: list[SimulatorHandle] = []
    try:
        handles = _start_all(args, state_dir)
        print(_describe(handles), flush=True)
        if args.env_file:
            _write_env_file(args.env_file, handles)
        stop.wait()
    except (OSError, ValueError) as exc:
        print(f"cannot start the simulator: {exc}", file=sys.stderr)
        return 2
    finally:
        _stop_all(handles)
        _remove(args.env_file)
        if not args.state_dir:
            shutil.rmtree(state_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
