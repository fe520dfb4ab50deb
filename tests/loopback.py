# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Loopback helpers shared by the unit and integration tests."""

from __future__ import annotations

import socket


def free_port():
    """A loopback port with nothing listening on it (for 'connection refused' cases)."""
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port
