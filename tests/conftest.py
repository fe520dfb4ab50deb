# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Make the collection importable as ``ansible_collections.restauth.enterprise`` and the simulators as ``simulators``."""

from __future__ import annotations

import os
import sys

TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS)
COLLECTIONS = os.path.join(ROOT, '.cache', 'collections')


def _link_collection():
    namespace = os.path.join(COLLECTIONS, 'ansible_collections', 'restauth')
    link = os.path.join(namespace, 'enterprise')
    os.makedirs(namespace, exist_ok=True)
    if not os.path.islink(link) or os.path.realpath(link) != ROOT:
        if os.path.islink(link):
            os.unlink(link)
        os.symlink(ROOT, link)


_link_collection()
for path in (COLLECTIONS, TESTS):
    if path not in sys.path:
        sys.path.insert(0, path)


try:
    import pytest
except ImportError:  # pragma: no cover - the tools that import this file without pytest
    pytest = None

if pytest is not None:
    @pytest.fixture(scope='session')
    def valkey(tmp_path_factory):
        """A real Valkey server (tests/cache_server.py) with a password on a loopback port, for the whole session; stopped by its PID."""
        import cache_server
        server = cache_server.CacheServer(tmp_path_factory.mktemp('valkey')).start()
        try:
            yield server
        finally:
            server.stop()
