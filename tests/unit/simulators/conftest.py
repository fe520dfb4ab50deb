# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make ``tests/`` importable so that ``import simulators`` works, and share simulator fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parents[2]
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))


@pytest.fixture(scope="module", name="remedy_server")
def fixture_remedy_server():
    """One Remedy simulator (HTTPS + plain HTTP) per test module."""
    simulators = pytest.importorskip("simulators")
    with simulators.start("remedy", http_port=0) as handle:
        yield handle


@pytest.fixture(name="remedy")
def fixture_remedy(remedy_server):
    """The module's Remedy simulator, back to its seed data, settings and zeroed counters."""
    remedy_server.control.reset(state=True)
    return remedy_server
