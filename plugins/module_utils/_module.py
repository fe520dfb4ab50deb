# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The module side of the collection: argspec, missing ``requests``, and errors as ``fail_json``."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from contextlib import contextmanager

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.restauth.enterprise.plugins.module_utils._http import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import basic_secrets
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import RestAuthError, scrub, secret_variants
from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS, argument_spec, missing_text
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import ensure, run_token as token_result


#: the argument spec's messages for missing options (required, required_if, required_one_of...), the names in group 1
MISSING = re.compile(r'(?:missing required arguments|the following are missing|one of the following is required): ([\w, ]+)$')

#: what Ansible shows instead of a no_log option in a task's invocation
NO_LOG_MARK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


class RestAuthModule(AnsibleModule):
    """An AnsibleModule whose argspec is the vendor's connection options plus the module's own.

    ``anonymous``: the module calls only endpoints that need no login, so it has no credential or token cache options.
    """

    def __init__(self, vendor, module_options=None, anonymous=False, **kwargs):
        kwargs.setdefault('supports_check_mode', True)
        self._vendor_name = vendor
        super(RestAuthModule, self).__init__(argument_spec=argument_spec(vendor, module_options, anonymous=anonymous), **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        # An error page may echo the login form or headers: the password then
        # shows up form-encoded, JSON-escaped or inside a base64 Basic pair,
        # forms Ansible's masking of the raw value does not catch.
        self._secrets = list(self.no_log_values)
        self._secrets.extend(basic_secrets(self.params.get('username'), self.params.get('password')))
        # A URL option with user:password@ is refused (see _http.check_url), but the
        # task result still shows the options it was given: mask that part too.
        for value in self.params.values():
            if isinstance(value, str) and '@' in value and '://' in value:
                userinfo = urlinfo(value)
                if userinfo:
                    self._secrets.extend([userinfo, userinfo.partition(':')[2]])
        self.hide(self._secrets)
        self._api = None

    def fail_json(self, msg=None, **kwargs):
        """Fail; a missing-options message of the argument spec also names each option's environment variable."""
        match = MISSING.search(msg) if isinstance(msg, str) else None
        vendor = VENDORS.get(getattr(self, '_vendor_name', None))
        if match and vendor is not None:
            names = [name.strip() for name in match.group(1).split(',')]
            known = [name for name in names if name in [option.name for option in vendor.options]]
            if known:
                msg = '%s. %s: %s' % (msg.rstrip('.'), vendor.title, missing_text(vendor.name, known))
        super(RestAuthModule, self).fail_json(msg=msg, **kwargs)

    def hide(self, secrets):
        """Have Ansible mask every encoding of ``secrets`` in whatever the task returns."""
        for secret in secrets:
            if secret:
                self.no_log_values.update(secret_variants(secret))

    def reveal_given_token(self, result):
        """Return the user's own ``token`` as given where ``result`` holds it (a token module validated it), not masked.

        Ansible masks every no_log option value anywhere in a result; the task asked for this one back. The option
        itself stays masked in the reported invocation, and it was kept out of the logs when the module started.
        """
        token = self.params.get('token')
        if not token or token not in [value for value in result.values() if isinstance(value, str)]:
            return
        others = set()
        for name, value in self.params.items():
            if name != 'token' and value and self._no_log(name):
                others.update(secret_variants(value))
        if token in others:
            return  # the same value is also a password or key of this task: it stays masked
        self.no_log_values.difference_update(set(secret_variants(token)) - others)
        result['invocation'] = {'module_args': dict(self.params, token=NO_LOG_MARK)}

    def _no_log(self, name):
        return bool((self.argument_spec.get(name) or {}).get('no_log'))

    def scrub(self, text):
        """``text`` without any secret option or credential of this task, in any encoding."""
        secrets = list(self._secrets)
        if self._api is not None:
            secrets.extend(self._api.client.secrets())
        return scrub(text, secrets)

    def warn(self, warning):
        super(RestAuthModule, self).warn(self.scrub(warning))

    @contextmanager
    def connection(self, connect, keep=False):
        """Yield the vendor API for this task's options, and release it whatever happens.

        A login made for this task is logged out when the block ends, unless
        ``keep`` (the token is the task's result). A collection error inside the
        block fails the task with its message; call ``exit_json`` after the block.
        """
        api = self._api = self._connect(connect, keep)
        try:
            yield api
        except RestAuthError as exc:
            self._close(api, hide_tokens=True)
            self.fail_on(exc)
        except BaseException:
            self._close(api, hide_tokens=True)
            raise
        self._close(api, hide_tokens=not keep)

    def _connect(self, connect, keep):
        try:
            return connect(self.params, warn=self.warn, keep=keep)
        except RestAuthError as exc:
            self.fail_on(exc)
        return None  # not reached: fail_on exits

    def _close(self, api, hide_tokens):
        secrets = api.client.secrets()
        for error in api.close():
            self.warn('could not release the login: %s' % scrub(str(error), secrets))
        if hide_tokens:
            # Tokens obtained during the task are not module options, so Ansible
            # does not know to mask them; only the token modules return them.
            self.hide(secrets)

    def fail_on(self, error):
        """Fail the task with the message of a collection error."""
        details = {'changed': True} if error.changed else {}
        if error.status is not None:
            details['status'] = error.status
        vendor_code = getattr(error, 'vendor_code', None)
        if vendor_code is not None:
            details['vendor_code'] = vendor_code
        self.fail_json(msg=self.scrub(str(error)), **details)


def run_resource(vendor, resource_class, connect, module_options, prepare=None, **kwargs):
    """The whole of a resource module: its options, one connection and ``_resource.ensure``.

    ``prepare(module)``, when given, returns the options the adapter works with (before any request).
    """
    module = RestAuthModule(vendor, module_options, **kwargs)
    params = prepare(module) if prepare else module.params
    with module.connection(connect) as api:
        resource = resource_class(api, params)
        resource.hide = module.hide
        result = ensure(resource, module.params['state'], check_mode=module.check_mode)
    module.exit_json(**result)


def run_token(vendor, session_class, connect, module_options, **kwargs):
    """The whole of a ``*_token`` module: its options, one connection kept for state=present and ``_resource.run_token``."""
    module = RestAuthModule(vendor, module_options, **kwargs)
    state = module.params.get('state') or 'present'
    with module.connection(connect, keep=state == 'present') as api:
        result = token_result(session_class(api, module.params), state, check_mode=module.check_mode)
    module.reveal_given_token(result)
    module.exit_json(**result)


def urlinfo(url):
    """What stands between ``scheme://`` and ``@`` in ``url`` (a user and password), or None."""
    match = re.match(r'^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)@', url)
    return match.group(1) if match else None
