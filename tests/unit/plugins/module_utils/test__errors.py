# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection's exceptions: messages, and failures that come after a change went through."""

from __future__ import annotations

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    APIError,
    RestAuthError,
    change_applied,
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
