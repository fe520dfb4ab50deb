# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The collection's own exceptions.

module_utils raise these; modules turn them into ``fail_json`` and plugins into
``AnsibleError`` (see ``_module.py`` and ``plugin_utils/_lookup.py``), so the same
vendor code runs on a managed node and on the controller.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
import re

from contextlib import contextmanager
from urllib.parse import quote, quote_plus

REDACTED = '********'


class RestAuthError(Exception):
    """Base of every failure a user can cause or meet.

    ``str(error)`` is the whole message a user reads: the vendor, what was attempted,
    the HTTP status when there is one, the vendor's own words and a hint.
    ``changed`` is true when the failure came after a change was applied
    (see ``change_applied``): the task must say so rather than report nothing done.
    """

    changed = False

    def __init__(self, message, vendor=None, hint=None, status=None):
        super(RestAuthError, self).__init__(message)
        self.message = message
        self.vendor = vendor
        self.hint = hint
        self.status = status

    def __str__(self):
        text = self.message
        if self.vendor:
            text = '%s: %s' % (self.vendor, text)
        if self.hint:
            text = '%s. Hint: %s' % (text.rstrip('.'), self.hint)
        return text


class OptionError(RestAuthError):
    """Options that cannot work, found before any request is sent."""


class AmbiguousMatchError(RestAuthError):
    """What names the object to change matches more than one object: nothing is changed."""


class TransportError(RestAuthError):
    """The server could not be reached or did not answer in time."""


class TLSError(TransportError):
    """TLS failed, most often because the server certificate could not be verified."""


class ResponseFormatError(RestAuthError):
    """The server answered with a body the collection cannot read (not JSON, wrong shape)."""


class APIError(RestAuthError):
    """The server answered with an HTTP error status.

    ``vendor_code`` is the vendor's own error number or type when it sent one
    (for example the AR System message number).
    """

    def __init__(self, message, vendor=None, hint=None, status=None, vendor_code=None, vendor_message=None):
        super(APIError, self).__init__(message, vendor=vendor, hint=hint, status=status)
        self.vendor_code = vendor_code
        self.vendor_message = vendor_message


class AuthenticationError(APIError):
    """Login refused, or a credential that is no longer accepted (HTTP 401)."""


class ForbiddenError(APIError):
    """The server refused the call for this user (HTTP 403)."""


class NotFoundError(APIError):
    """The object or endpoint does not exist (HTTP 404)."""


class ConflictError(APIError):
    """The request conflicts with the server's state (HTTP 409)."""


@contextmanager
def change_applied(what):
    """Mark a collection error raised in the block as coming after ``what`` went through.

    For the read-back after a successful write: its failure must not hide that
    the server changed something, or a rerun would apply the change again.
    """
    try:
        yield
    except RestAuthError as exc:
        exc.changed = True
        exc.message = '%s went through, but what followed failed: %s' % (what, exc.message)
        raise


def error_class_for(status):
    """The exception class that describes an HTTP error status."""
    return {
        401: AuthenticationError,
        403: ForbiddenError,
        404: NotFoundError,
        409: ConflictError,
    }.get(status, APIError)


def secret_variants(secret):
    """Every form in which ``secret`` may show up in an echoed request or header.

    Raw; with surrounding whitespace (a pasted value ending in a newline)
    removed; form-encoded (``quote_plus``, as in a login form body);
    percent-encoded (``quote``); JSON-escaped as ``json.dumps`` writes it with
    and without ``ensure_ascii``; and base64 (a value sent in a Basic
    ``Authorization`` header). Empty forms are left out.
    """
    text = secret if isinstance(secret, str) else str(secret)
    forms = set()
    for value in (text, text.strip()):
        if not value:
            continue
        forms.add(value)
        forms.add(quote_plus(value, safe=''))
        forms.add(quote(value, safe=''))
        forms.add(quote(value))
        forms.add(json.dumps(value)[1:-1])
        forms.add(json.dumps(value, ensure_ascii=False)[1:-1])
        forms.add(base64.b64encode(value.encode('utf-8')).decode('ascii'))
    return set(form for form in forms if form)


def scrub(text, secrets):
    """Replace every secret in ``text``, in each of its encodings (see ``secret_variants``), by a mask.

    A defence in depth for places Ansible's own no_log masking does not reach
    (lookup errors, tokens obtained during the run, an error page that echoes
    the login form). Longest forms first so that a secret containing another
    one is masked whole. Hex digits of escapes match in either case.
    """
    if not text:
        return text
    forms = set()
    for secret in secrets:
        if secret:
            forms.update(secret_variants(secret))
    for form in sorted(forms, key=len, reverse=True):
        text = re.sub(re.escape(form), REDACTED, text, flags=re.IGNORECASE)
    return text
