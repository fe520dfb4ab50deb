# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client for a simulator's control path (``/__sim__/``), for tests and scripts."""

from __future__ import annotations

from typing import Any

import requests

CONTROL_PATH = "/__sim__"


class SimulatorControl:
    """Talk to the control path of a running simulator.

    ``url`` is the simulator's base URL (``https://127.0.0.1:PORT``) or its control URL (``…/__sim__``);
    ``ca_path`` is the simulator's CA bundle. Every method raises ``requests.HTTPError`` on a non-2xx answer.
    """

    def __init__(self, url: str, ca_path: str, timeout: float = 10.0) -> None:
        base = url.rstrip("/")
        if base.endswith(CONTROL_PATH):
            base = base[: -len(CONTROL_PATH)]
        self.url = base + CONTROL_PATH
        self.ca_path = ca_path
        self.timeout = timeout

    def counters(self) -> dict[str, Any]:
        """``{"logins", "login_failures", "logouts", "requests": {"METHOD /path": n}, "active_tokens"}``."""
        return self._call("GET", "counters")

    def reset(self, state: bool = False) -> dict[str, Any]:
        """Zero the counters and drop queued faults and delays; ``state=True`` also restores seed data and settings."""
        return self._call("POST", "reset", {"state": state})

    def inject(self, status: int, count: int = 1, path: str | None = None, method: str | None = None,
               retry_after: int | float | str | None = None, body: Any = None,
               headers: dict[str, str] | None = None, after: bool = False) -> dict[str, Any]:
        """Answer the next ``count`` matching vendor requests with ``status`` (and optional body/headers).

        ``after=True`` processes each request first and then answers the fault (a write that went through
        behind a gateway that lost the answer).
        """
        fault: dict[str, Any] = {"status": status, "count": count, "after": after}
        optional = {"path": path, "method": method, "retry_after": retry_after, "body": body, "headers": headers}
        fault.update({key: value for key, value in optional.items() if value is not None})
        return self._call("POST", "faults", fault)

    def delay(self, seconds: float, count: int = 1, path: str | None = None, method: str | None = None) -> dict[str, Any]:
        """Hold the next ``count`` matching vendor responses for ``seconds``."""
        rule: dict[str, Any] = {"seconds": seconds, "count": count}
        rule.update({key: value for key, value in {"path": path, "method": method}.items() if value is not None})
        return self._call("POST", "delay", rule)

    def expire_tokens(self) -> dict[str, Any]:
        """Make every issued token expired."""
        return self._call("POST", "expire-tokens")

    def expire_xsrf(self) -> dict[str, Any]:
        """XTAM: make the XSRF token of every session stale (refused); the next whoami of a session issues a new one."""
        return self._call("POST", "expire-xsrf")

    def configure(self, **settings: Any) -> dict[str, Any]:
        """Change settings at run time, e.g. ``configure(token_lifetime=5)``."""
        return self._call("POST", "config", settings)

    def state(self) -> dict[str, Any]:
        """The vendor's data dump plus ``last_headers`` (secrets redacted)."""
        return self._call("GET", "state")

    def _call(self, method: str, name: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        response = requests.request(method, f"{self.url}/{name}", json=payload, verify=self.ca_path, timeout=self.timeout)
        response.raise_for_status()
        return response.json()
