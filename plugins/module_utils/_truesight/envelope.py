# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""Reading TSWS answers: the envelope around the payload and its own status code.

Rule: pure functions over decoded JSON; no HTTP call and no message for the user beyond the shape found.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.protocol import VENDOR


def unwrap(body):
    """The payload of a TSWS answer: ``responseContent`` (omprovider) or ``response`` (unifiedadmin, login) of the
    envelope when it holds an object or a list, else the body itself (the flat forms)."""
    if isinstance(body, dict):
        for key in protocol.PAYLOAD_KEYS:
            if isinstance(body.get(key), (dict, list)):
                return body[key]
    return body


def status_code(body):
    """The envelope's own ``statusCode`` (a string such as "200") as an int, or None."""
    code = body.get('statusCode') if isinstance(body, dict) else None
    try:
        return int(str(code).strip()) if code is not None else None
    except ValueError:
        return None


def device_list(body):
    """The devices of a devices answer: ``responseContent.deviceList`` (or under ``response``), ``deviceList``, or a bare list."""
    payload = unwrap(body)
    if isinstance(payload, dict):
        payload = payload.get(protocol.DEVICE_LIST_FIELD)
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise ResponseFormatError('GET %s returned no "%s" list of devices' % (protocol.DEVICES_PATH, protocol.DEVICE_LIST_FIELD),
                                  vendor=VENDOR)
    return payload
