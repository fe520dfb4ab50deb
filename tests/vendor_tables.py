# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Test data per vendor, checked against the collection's vendor registry.

A test that covers "every vendor" takes its vendors from ``plugins/module_utils/_vendors.py``
and its per-vendor data from a table passed through ``every_vendor``: a vendor added to the
registry without test data then fails the test file's collection with the vendor's name,
instead of being left out of the test without a word.
"""

from __future__ import annotations

from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY


def every_vendor(what, table):
    """``table`` (keyed by vendor name) when it has a row for each registered vendor and no other; else AssertionError."""
    missing = sorted(set(REGISTRY) - set(table))
    unknown = sorted(set(table) - set(REGISTRY))
    if missing or unknown:
        raise AssertionError('%s: %s' % (what, '; '.join(
            ['no test data for registered vendor %s' % name for name in missing]
            + ['test data for unregistered vendor %s' % name for name in unknown])))
    return table


def vendor_names():
    """Every registered vendor, sorted."""
    return sorted(REGISTRY)


def env_prefixes():
    """The registered vendors' environment prefixes (``SPS_``), in the registry's order."""
    return tuple(vendor.vendor.env_prefix + '_' for vendor in REGISTRY.values())
