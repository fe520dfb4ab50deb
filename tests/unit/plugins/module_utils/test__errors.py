# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection's exceptions: messages, and failures that come after a change went through."""

from __future__ import annotations

import base64

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import basic_secrets
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    REDACTED,
    APIError,
    RestAuthError,
    change_applied,
    scrub,
    secret_variants,
)


def test_an_error_after_an_applied_change_says_so_and_is_changed():
    with pytest.raises(APIError) as caught:
        with change_applied('the commit of 1 change'):
            raise APIError('GET /api/configuration/x failed with HTTP 500: boom', vendor='sps', status=500)
    assert caught.value.changed is True
    assert caught.value.status == 500
    assert str(caught.value) == ('sps: the commit of 1 change went through, but what followed failed: '
                                 'GET /api/configuration/x failed with HTTP 500: boom')


def test_errors_are_not_changed_by_default_and_other_exceptions_pass_untouched():
    assert RestAuthError('x').changed is False
    with pytest.raises(KeyError):
        with change_applied('the create'):
            raise KeyError('k')


PASSWORD = 'P\u00e4ss w\u00f6rd!&x'


@pytest.mark.parametrize('form', [
    PASSWORD,
    'P%C3%A4ss+w%C3%B6rd%21%26x',          # form-encoded (quote_plus)
    'P%C3%A4ss%20w%C3%B6rd%21%26x',        # percent-encoded (quote)
    'P%c3%a4ss%20w%c3%b6rd%21%26x',        # lower-case hex digits
    'P\\u00e4ss w\\u00f6rd!&x',             # JSON, ensure_ascii
    'P\\u00E4ss w\\u00F6rd!&x',             # JSON, upper-case hex digits
    base64.b64encode(PASSWORD.encode('utf-8')).decode('ascii'),
], ids=['raw', 'form', 'percent', 'percent-lower', 'json', 'json-upper', 'base64'])
def test_scrub_masks_every_encoding_of_a_secret(form):
    text = scrub('login failed: password=%s; end' % form, [PASSWORD])
    assert text == 'login failed: password=%s; end' % REDACTED


def test_scrub_masks_a_secret_pasted_with_its_newline_in_either_form():
    # The JSON-escaped form (with its \\n) is masked whole.
    assert scrub('token abc123 and abc123\\n', ['abc123\n']) == 'token %s and %s' % (REDACTED, REDACTED)


def test_scrub_masks_the_basic_pair_given_with_the_secrets():
    pair = base64.b64encode(('Demo:%s' % PASSWORD).encode('utf-8')).decode('ascii')
    assert pair not in scrub('Authorization: Basic %s' % pair, basic_secrets('Demo', PASSWORD))


def test_secret_variants_leave_out_empty_forms():
    assert '' not in secret_variants('  ')
