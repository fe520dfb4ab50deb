# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The module side, run as a module runs (arguments in, JSON result out) with a fake vendor API and no server.

What ``ensure()`` and ``run_token()`` decide is test__resource.py's; here: what the task result shows of it, failures
as messages (status, vendor code, changed) without traceback or secret in any encoding, the login released whatever
happens, tokens masked unless the module returns them (or the user gave the token), check mode handed on, and what a
missing option's message names.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import quote, quote_plus

import pytest
from ansible.module_utils.common import warnings as ansible_warnings

try:
    from ansible.module_utils import _internal as module_internal
except ImportError:  # ansible-core before 2.19: module warnings always go into the result
    module_internal = None

from ansible_collections.restauth.enterprise.plugins.module_utils import _module
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, AuthenticationError, change_applied

from module_support import give_args

PASSWORD = 'S\u00e9cret p&ss:1'
TOKEN = 'jwt-TOKEN-0123456789'
GIVEN = 'eyJhbGciOi.GIVEN-token.sig'
LOGIN = dict(url='https://itsm.example.com', username='Demo', password=PASSWORD)
PASSWORD_FORMS = {
    'raw': PASSWORD,
    'form': quote_plus(PASSWORD),
    'percent': quote(PASSWORD, safe=''),
    'percent-lower': quote(PASSWORD, safe='').replace('%C3%A9', '%c3%a9'),
    'json': json.dumps(PASSWORD)[1:-1],
    'basic': base64.b64encode(('Demo:' + PASSWORD).encode('utf-8')).decode('ascii'),
}


class FakeClient:
    def __init__(self, secrets):
        self._secrets = list(secrets)

    def secrets(self):
        return list(self._secrets)


class FakeAPI:
    """The VendorAPI side the module sees: the tokens its client holds, and a close() that logs out."""

    def __init__(self, close_errors=()):
        self.client = FakeClient([TOKEN])
        self.close_errors = list(close_errors)
        self.closed = 0

    def close(self):
        self.closed += 1
        return self.close_errors


class Connector:
    """``connect(params, warn, keep)``: hands out one FakeAPI, or raises ``error``."""

    def __init__(self, error=None, close_errors=()):
        self.error = error
        self.api = FakeAPI(close_errors)
        self.calls = []

    def __call__(self, params, warn=None, keep=False):
        self.calls.append(dict(keep=keep, params=params))
        if self.error is not None:
            raise self.error
        return self.api


@pytest.fixture
def run(monkeypatch, capsys):
    """Run ``body()`` as a module with ``args`` (after the ``LOGIN`` ones unless ``login=False``): returns (exit code, result dict, raw stdout)."""
    monkeypatch.setattr(ansible_warnings, '_global_warnings', type(ansible_warnings._global_warnings)())  # a dict from 2.19, a list before
    monkeypatch.setattr(ansible_warnings, '_global_deprecations', type(ansible_warnings._global_deprecations)())
    if module_internal is not None and hasattr(module_internal, 'is_controller'):  # ansible-core 2.19+: a module's warnings go into its result, as on a target
        monkeypatch.setattr(module_internal, 'is_controller', False)

    def runner(body, check_mode=False, login=True, **args):
        give_args(monkeypatch, check_mode, **dict(LOGIN if login else {}, **args))
        with pytest.raises(SystemExit) as exited:
            body()
        out = capsys.readouterr().out
        return exited.value.code, json.loads(out), out
    return runner


def assert_no_secret(out):
    for form, text in PASSWORD_FORMS.items():
        assert text not in out, form
    assert TOKEN not in out


class EchoingThing:
    """A resource adapter stand-in: ensure() is replaced, so only what the module does around it runs."""

    def __init__(self, api, params):
        self.api = api
        self.params = params
        self.hide = None


@pytest.mark.parametrize('form', sorted(PASSWORD_FORMS))
def test_an_error_page_echoing_the_password_fails_with_the_message_scrubbed(run, form):
    error = AuthenticationError('POST /api/jwt/login failed with HTTP 401: bad login %s' % PASSWORD_FORMS[form], vendor='remedy', status=401)
    connector = Connector(error=error)
    code, result, out = run(lambda: _module.run_resource('remedy', EchoingThing, connector, dict(state=dict(default='present'))))
    assert code == 1 and result['failed'] is True
    assert result['status'] == 401 and 'changed' not in result
    assert 'remedy' in result['msg'] and 'HTTP 401' in result['msg'] and 'bad login' in result['msg']
    assert 'Traceback' not in out and 'exception' not in result
    assert_no_secret(out)


def test_a_failure_after_an_applied_write_is_changed_with_status_and_vendor_code_and_the_login_is_released(run, monkeypatch):
    connector = Connector()

    def ensure(resource, state, check_mode=False):
        with change_applied('the create'):
            raise APIError('the read back failed (token %s)' % TOKEN, vendor='remedy', status=500, vendor_code=9093)

    monkeypatch.setattr(_module, 'ensure', ensure)
    code, result, out = run(lambda: _module.run_resource('remedy', EchoingThing, connector, dict(state=dict(default='present'))))
    assert code == 1 and result['changed'] is True and 'the create went through' in result['msg']
    assert result['status'] == 500 and result['vendor_code'] == 9093
    assert connector.api.closed == 1 and connector.calls[0]['keep'] is False
    assert_no_secret(out)


@pytest.mark.parametrize('check_mode', [False, True])
def test_run_resource_hands_on_check_mode_state_and_hide_and_masks_the_tokens_of_its_login(run, monkeypatch, check_mode):
    connector = Connector()
    seen = {}

    def ensure(resource, state, check_mode=False):
        seen.update(state=state, check_mode=check_mode, hide=resource.hide, prepared=resource.params.get('prepared'))
        return dict(changed=True, echoed=TOKEN)

    monkeypatch.setattr(_module, 'ensure', ensure)

    def prepare(module):
        return dict(module.params, prepared=True)

    code, result, out = run(lambda: _module.run_resource('remedy', EchoingThing, connector, dict(state=dict(default='absent')), prepare=prepare),
                            check_mode=check_mode)
    assert code == 0 and result['changed'] is True
    assert seen['state'] == 'absent' and seen['check_mode'] is check_mode and seen['prepared'] is True
    assert callable(seen['hide'])
    assert TOKEN not in out  # a token of the task's login, never an option: masked all the same
    assert connector.api.closed == 1


def test_a_token_module_returns_its_token_and_keeps_the_login_for_present_only(run, monkeypatch):
    results = []

    def token_result(session, state, check_mode=False):
        results.append((state, check_mode))
        return dict(changed=state == 'present', token=TOKEN if state == 'present' else None)

    monkeypatch.setattr(_module, 'token_result', token_result)
    options = dict(state=dict(default='present', choices=['present', 'absent']))
    present, absent = Connector(), Connector()
    code, result, _out = run(lambda: _module.run_token('remedy', EchoingThing, present, options), check_mode=True)
    assert code == 0 and result['token'] == TOKEN
    code, result, out = run(lambda: _module.run_token('remedy', EchoingThing, absent, options), state='absent')
    assert code == 0 and TOKEN not in out
    assert [present.calls[0]['keep'], absent.calls[0]['keep']] == [True, False]
    assert results == [('present', True), ('absent', False)]


def test_a_logout_that_fails_is_a_warning_without_the_token(run):
    connector = Connector(close_errors=[APIError('DELETE /api/jwt/logout with %s failed with HTTP 500' % TOKEN, vendor='remedy', status=500)])

    def body():
        module = _module.RestAuthModule('remedy')
        with module.connection(connector):
            pass
        module.exit_json(changed=False)

    code, result, out = run(body)
    assert code == 0 and result['changed'] is False
    warnings = [w if isinstance(w, str) else w.get('event', w).get('msg', str(w)) for w in result.get('warnings', [])]
    assert any('could not release the login' in w and 'HTTP 500' in w for w in warnings), result
    assert TOKEN not in out


def test_an_unexpected_exception_releases_the_login_and_propagates(monkeypatch):
    connector = Connector()
    give_args(monkeypatch, url='https://itsm.example.com')
    module = _module.RestAuthModule('remedy')
    with pytest.raises(KeyError):
        with module.connection(connector):
            raise KeyError('a bug')
    assert connector.api.closed == 1


def test_credentials_in_a_url_option_are_masked_in_the_result(run):
    def body():
        module = _module.RestAuthModule('remedy', dict(webhook=dict(type='str')))
        module.exit_json(changed=False, echoed=module.params['webhook'], warned=module.scrub('see %s' % module.params['webhook']))
    code, result, out = run(body, password=None, webhook='https://hook:W3bh00k-pw@hooks.example.com/x')
    assert code == 0
    assert 'W3bh00k-pw' not in out and 'hook:W3bh00k-pw' not in out
    assert 'hooks.example.com' in result['warned']


def test_without_requests_the_module_says_which_library_is_missing(run, monkeypatch):
    monkeypatch.setattr(_module, 'HAS_REQUESTS', False)
    monkeypatch.setattr(_module, 'REQUESTS_IMPORT_ERROR', 'No module named requests')
    code, result, out = run(lambda: _module.RestAuthModule('remedy'))
    assert code == 1 and 'requests' in result['msg'] and 'Traceback' not in out


@pytest.mark.parametrize('url, expected', [
    ('https://user:pw@host/x', 'user:pw'),
    ('redis://:pw@cache:6379/0', ':pw'),
    ('https://host/x?mail=a@b', None),
    ('not a url @ all', None),
])
def test_urlinfo_is_what_stands_between_the_scheme_and_the_at_sign(url, expected):
    assert _module.urlinfo(url) == expected


def exit_with(run, args, result):
    """The JSON a remedy module given a url and ``args`` only prints for ``result`` after ``reveal_given_token``."""
    def body():
        module = _module.RestAuthModule('remedy')
        module.reveal_given_token(result)
        module.exit_json(**result)
    return run(body, login=False, **dict({'url': 'https://itsm.example.com'}, **args))[1]


def test_a_given_token_is_returned_as_given_and_stays_masked_in_the_invocation(run):
    shown = exit_with(run, {'token': GIVEN, 'password': 'Pa55word'},
                      {'changed': False, 'token': GIVEN, 'authorization': 'AR-JWT %s' % GIVEN})
    assert shown['token'] == GIVEN and shown['authorization'] == 'AR-JWT %s' % GIVEN
    # Nowhere else: ansible-core 2.21 no longer has the module return its invocation (the controller adds it),
    # the older cores do, and there it stays masked.
    assert sorted(key for key, value in shown.items() if GIVEN in json.dumps(value)) == ['authorization', 'token']
    if 'invocation' in shown:
        assert shown['invocation']['module_args']['token'] == _module.NO_LOG_MARK
        assert shown['invocation']['module_args']['password'] == _module.NO_LOG_MARK


def test_without_the_token_in_the_result_everything_stays_masked(run):
    shown = exit_with(run, {'token': GIVEN}, {'changed': False, 'note': 'token %s' % GIVEN})
    assert GIVEN not in json.dumps(shown)


def test_a_token_that_is_also_the_password_stays_masked(run):
    shown = exit_with(run, {'token': GIVEN, 'password': GIVEN}, {'changed': False, 'token': GIVEN})
    assert GIVEN not in json.dumps(shown)


def failure_of(run, vendor, args, **kwargs):
    """The message a ``vendor`` module given only ``args`` fails with as it starts."""
    return run(lambda: _module.RestAuthModule(vendor, **kwargs), login=False, **args)[1]['msg']


@pytest.mark.parametrize('vendor, env', [('remedy', 'REMEDY_URL'), ('sps', 'SPS_URL'), ('xtam', 'XTAM_URL'), ('xmatters', 'XMATTERS_URL'),
                                         ('truesight', 'TRUESIGHT_URL'), ('discovery', 'DISCOVERY_URL')])
def test_a_missing_url_names_its_environment_variable(run, monkeypatch, vendor, env):
    monkeypatch.delenv(env, raising=False)
    message = failure_of(run, vendor, {})
    assert message.startswith('missing required arguments: url. ')
    assert message.endswith(': no url given (option url or env %s)' % env)


def test_a_token_required_by_state_names_its_environment_variable(run, monkeypatch):
    monkeypatch.delenv('REMEDY_TOKEN', raising=False)
    message = failure_of(run, 'remedy', {'url': 'https://itsm.example.com', 'state': 'absent'},
                         module_options={'state': {'type': 'str', 'default': 'present'}}, required_if=[('state', 'absent', ('token',))])
    assert message == 'state is absent but all of the following are missing: token. BMC Remedy AR System: no token given (option token or env REMEDY_TOKEN)'


def test_a_missing_module_option_is_left_as_ansible_says_it(run):
    message = failure_of(run, 'remedy', {'url': 'https://itsm.example.com'}, module_options={'form': {'type': 'str', 'required': True}})
    assert message == 'missing required arguments: form'
