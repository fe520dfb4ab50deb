# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The ``custom`` fields of an XTAM record: parsing them, and telling and masking the ones that hold secrets.

Nothing here sends a request; no value of a secret field leaves these functions unmasked except
through ``secret_values``/``secret_field_values`` (which feed the no_log and scrub lists).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import REDACTED, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.protocol import VENDOR

MASK = REDACTED
MASK_CHANGED = REDACTED + ' (changed)'

# Parts of field names that mark a field of a record as secret. XTAM's REST API does not say which fields of a
# record type are secret, so a name that contains one of these (in any case) is treated as one: Password,
# Root password, SSH Key, Private key passphrase, API Token, Secret...
SECRET_FIELD_PARTS = ('pass', 'pwd', 'secret', 'key', 'token', 'credential', 'private')
# Shorter values are not registered as no_log values: Ansible would mask that text everywhere in the output
# (a Port of 1 turns every "1" of a record id into ********). Secrets are masked by field name in the result
# and the diff whatever their length.
MIN_NO_LOG_LENGTH = 4


def parse_custom(record):
    """The ``custom`` field map of an unlocked record: a JSON object encoded as a string inside the record.

    Errors never quote the content: it holds the record's secrets.
    """
    raw = record.get('custom') if isinstance(record, dict) else None
    record_id = record.get('id') if isinstance(record, dict) else None
    if raw is None or raw == '':
        return {}
    if isinstance(raw, dict):
        return raw  # a server that sends the map itself, not encoded (tolerated)
    if not isinstance(raw, str):
        raise ResponseFormatError(
            'record %s has a "custom" value of type %s where a JSON string was expected' % (record_id, type(raw).__name__),
            vendor=VENDOR,
        )
    try:
        custom = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise ResponseFormatError(
            'record %s has a "custom" field that is not valid JSON (%s); its content is not shown because '
            'it holds secrets' % (record_id, exc),
            vendor=VENDOR,
            hint='the record was probably written by a client that did not JSON-encode its fields; fix it in the XTAM web '
                 'interface or rewrite it with restauth.enterprise.xtam_record',
        )
    if not isinstance(custom, dict):
        raise ResponseFormatError(
            'record %s has a "custom" field that holds a JSON %s, not an object of fields' % (record_id, type(custom).__name__),
            vendor=VENDOR,
        )
    return custom


def is_secret_field(name):
    """Whether the ``custom`` field ``name`` holds a secret (its name contains a part of SECRET_FIELD_PARTS)."""
    lowered = str(name).lower()
    return any(part in lowered for part in SECRET_FIELD_PARTS)


def secret_field_values(custom):
    """The values of the secret fields of a ``custom`` map, as text, for a module's no_log values.

    Only fields that ``is_secret_field`` names, and only values of at least MIN_NO_LOG_LENGTH characters.
    """
    secrets = dict((key, value) for key, value in (custom or {}).items() if is_secret_field(key))
    return [value for value in secret_values(secrets) if len(value) >= MIN_NO_LOG_LENGTH]


def masked_secret_fields(custom):
    """A copy of a ``custom`` map with the values of its secret fields masked (for a module's invocation)."""
    return dict((key, MASK if is_secret_field(key) and value is not None else value) for key, value in (custom or {}).items())


def option_text_values(value):
    """The text Ansible registers as no_log values for an option holding ``value``: every non-empty leaf as a string."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in option_text_values(item)]
    if isinstance(value, (list, tuple, set)):
        return [text for item in value for text in option_text_values(item)]
    if value is None or isinstance(value, bool):
        return []
    text = value if isinstance(value, str) else str(value)
    return [text] if text else []


def secret_values(custom):
    """Every value of a ``custom`` map as text (the values a lookup pulls, masked in its errors)."""
    values = []
    for value in (custom or {}).values():
        if isinstance(value, (dict, list)):
            values.append(json.dumps(value))
        elif value is not None and not isinstance(value, bool):
            values.append(str(value))
    return [value for value in values if value]


def masked(custom, changed=()):
    """Every field of ``custom`` masked; the ``changed`` ones say so."""
    return dict((key, MASK_CHANGED if key in changed else MASK) for key in (custom or {}))


def public_record(record, custom=None, changed=()):
    """A record safe to return: ``custom`` replaced by its field names with masked values (or left out)."""
    result = dict(record or {})
    result.pop('custom', None)
    if custom is not None:
        result['custom'] = masked(custom, changed)
    return result
