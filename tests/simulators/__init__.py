# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Local HTTPS simulators of the vendor REST APIs, for integration tests and the demo.

    from simulators import start
    with start("remedy", http_port=0) as sim:
        requests.post(sim.url + "/api/jwt/login", data={...}, verify=sim.ca_path)
        sim.control.counters()

Adding a vendor: write one module with a ``Vendor`` subclass and add it to ``VENDORS``.
"""

from __future__ import annotations

from typing import Any, Union

from ._base import CertificateAuthority, SimulatorHandle, Vendor, serve
from .control import SimulatorControl
from .discovery import Discovery
from .remedy import Remedy
from .sps import Sps
from .truesight import Truesight
from .xmatters import Xmatters
from .xtam import Xtam

VENDORS: dict[str, type[Vendor]] = {
    Remedy.name: Remedy,
    Sps.name: Sps,
    Truesight.name: Truesight,
    Xmatters.name: Xmatters,
    Xtam.name: Xtam,
    Discovery.name: Discovery,
}

__all__ = ["VENDORS", "CertificateAuthority", "SimulatorControl", "SimulatorHandle", "Vendor", "start"]


def start(vendor: Union[str, type[Vendor]], **opts: Any) -> SimulatorHandle:
    """Start a simulator and return its running handle (stop it with ``.stop()`` or a ``with`` block).

    ``vendor`` is a key of ``VENDORS`` or a ``Vendor`` subclass. Options: ``host`` (loopback only, default
    127.0.0.1), ``port`` (0: any free port), ``http_port`` (None: no plain-HTTP listener; 0: any free port),
    ``state_dir`` (where ``ca.pem`` is written; default a temporary directory), ``ca`` (a shared
    ``CertificateAuthority``), ``verbose``, and settings: ``token_lifetime`` (seconds, default 3600) plus the
    vendor's own (Remedy: ``users``, ``max_limit``, ``no_id_forms``; SPS: see ``simulators/sps.py``; TrueSight: ``users``,
    ``response_shape``, ``expires_format``, ``tenants``; xMatters: see ``simulators.xmatters``; XTAM: ``users``,
    ``api_tokens``, ``federated_only``, ``xsrf_protection``, ``xsrf_cookie``; Discovery: see ``simulators/discovery.py``).
    """
    if isinstance(vendor, str):
        try:
            vendor = VENDORS[vendor]
        except KeyError:
            raise ValueError(f"unknown vendor {vendor!r}; known: {', '.join(sorted(VENDORS))}") from None
    return serve(vendor, **opts)
