# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The TrueSight adapters of the resource engine (``_resource``): only what is specific to TSWS.

Rule: the engine owns check mode, diff and idempotency; an adapter says how to read, write and show one object.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._resource import TokenResource, iso8601
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.auth import authorization


class AuthTokenResource(TokenResource):
    """The TSWS authToken of ``truesight_token`` (the rules are ``_resource.run_token``): a given token is proven by
    ``GET /tsws/api/v10.1/token``, the same call that tells check mode of state=absent whether it is still live."""

    vendor = VENDOR
    can_log_out = True

    def validate(self):
        self.api.check_token(self.given_token())

    def logout(self):
        return self.api.logout(self.given_token())

    def is_live(self):
        return self.api.token_is_valid(self.given_token())

    def output(self, credential):
        return {'token': credential.token, 'authorization': authorization(credential.token)['Authorization'],
                'expires_at': iso8601(credential.expires_at)}
