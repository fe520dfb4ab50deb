# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The transport (_http.HTTPClient), against a real loopback server: what a user of a module would see."""

from __future__ import annotations

import email.utils
import os
import time

import pytest
import yaml

from hostile import HostileServer
from loopback import free_port

from ansible_collections.restauth.enterprise.plugins.module_utils import _http
from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    AuthSession,
    Authenticator,
    Credential,
    GivenCredential,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._http import (
    BACKOFF_CAP,
    ErrorInfo,
    HTTPClient,
    backoff_delay,
    parse_retry_after,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    APIError,
    AuthenticationError,
    ForbiddenError,
    NotFoundError,
    OptionError,
    ResponseFormatError,
    TLSError,
    TransportError,
)

VENDOR = 'Test Vendor'


class CountingLogin(Authenticator):
    """Hands out tok-1, tok-2, ... without the network, and counts logins and logouts."""

    vendor = VENDOR
    method = 'password'

    def __init__(self, lifetime=None, logout_error=None):
        self.logins = 0
        self.logouts = []
        self.lifetime = lifetime
        self.logout_error = logout_error

    def login(self, client):
        self.logins += 1
        token = 'tok-%d' % self.logins
        expires = time.time() + self.lifetime if self.lifetime is not None else None
        return Credential(token=token, headers={'Authorization': 'Bearer ' + token}, expires_at=expires)

    def logout(self, client, credential):
        if self.logout_error:
            raise self.logout_error
        self.logouts.append(credential.token)
        return True


def make_client(server, sleeps, auth=None, **kwargs):
    kwargs.setdefault('allow_http', server.url.startswith('http:'))
    return HTTPClient(VENDOR, server.url, auth=auth, sleep=sleeps, rng=lambda: 0.5, **kwargs)


class TestURLs:

    @pytest.mark.parametrize('url', ['ftp://host', 'itsm.example.com', 'https://', '', None], ids=['ftp', 'no-scheme', 'no-host', 'empty', 'none'])
    def test_unusable_url_is_refused_before_any_request(self, url):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, url)
        assert 'is not an absolute http(s) URL' in str(info.value)
        assert str(info.value).startswith(VENDOR + ':')

    def test_plain_http_is_refused_with_the_reason_and_the_way_out(self):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, 'http://itsm.example.com:8008')
        message = str(info.value)
        assert 'clear text' in message and 'allow_http' in message

    def test_plain_http_allowed_on_request(self, server, sleeps):
        server.reply(200, {'ok': True})
        assert make_client(server, sleeps, allow_http=True).get('/x').json() == {'ok': True}

    @pytest.mark.parametrize('base,path,expected', [
        ('https://h:8443', '/api/x', 'https://h:8443/api/x'),
        ('https://h:8443/', 'api/x', 'https://h:8443/api/x'),
        ('https://h/xtam/', '/rest/user/whoami', 'https://h/xtam/rest/user/whoami'),
        ('https://h:8443', 'https://h:8443/api/y?a=1', 'https://h:8443/api/y?a=1'),
        ('https://h', 'https://H:443/api/z', 'https://H:443/api/z'),
    ], ids=['plain', 'slashes', 'app-path', 'absolute-same-origin', 'default-port'])
    def test_url_joining(self, base, path, expected):
        assert HTTPClient(VENDOR, base).url_for(path) == expected

    @pytest.mark.parametrize('other', ['https://evil.example.com/api', 'http://h:8443/api', 'https://h:9999/api'], ids=['host', 'scheme', 'port'])
    def test_credentials_never_follow_a_link_to_another_server(self, other):
        with pytest.raises(ResponseFormatError) as info:
            HTTPClient(VENDOR, 'https://h:8443').url_for(other)
        assert 'does not send credentials elsewhere' in str(info.value)

    def test_a_second_server_the_user_named_is_allowed(self):
        client = HTTPClient(VENDOR, 'https://pam.example.com/xtam', other_urls=['https://sso.example.com:8443/cas'])
        assert client.url_for('https://sso.example.com:8443/cas/login') == 'https://sso.example.com:8443/cas/login'
        assert client.url_for('https://pam.example.com/xtam/?ticket=ST-1') == 'https://pam.example.com/xtam/?ticket=ST-1'
        with pytest.raises(ResponseFormatError) as info:
            client.url_for('https://sso.example.com/cas/login')  # same host, other port
        assert 'https://pam.example.com:443 or https://sso.example.com:8443' in str(info.value)

    def test_a_second_server_must_meet_the_same_url_rules(self):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, 'https://pam.example.com/xtam', other_urls=['http://sso.example.com/cas'])
        assert 'clear text' in str(info.value) and 'http://sso.example.com/cas' in str(info.value)


class TestRequests:

    def test_user_agent_names_the_collection_and_no_browser(self, server, sleeps):
        server.reply(204)
        make_client(server, sleeps).get('/ping')
        agent = server.requests[0].headers['User-Agent']
        assert agent.startswith('restauth.enterprise/%s' % _http.COLLECTION_VERSION)
        assert 'Mozilla' not in agent

    def test_version_matches_galaxy_yml(self):
        root = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..')
        with open(os.path.join(root, 'galaxy.yml')) as handle:
            assert yaml.safe_load(handle)['version'] == _http.COLLECTION_VERSION

    def test_json_body_and_query_are_sent(self, server, sleeps):
        server.reply(201, {'id': 7})
        response = make_client(server, sleeps).post('/items', json={'name': 'a'}, params={'q': "'A' = \"b\""})
        assert response.status == 201 and response.json() == {'id': 7}
        sent = server.requests[0]
        assert sent.json() == {'name': 'a'}
        assert sent.path.startswith('/items?q=')

    def test_non_json_body_shows_its_start_and_content_type(self, server, sleeps):
        page = '<html><body>' + 'Login to the portal ' * 30 + '</body></html>'
        server.reply(200, page, headers={'Content-Type': 'text/html'})
        response = make_client(server, sleeps).get('/api/thing')
        with pytest.raises(ResponseFormatError) as info:
            response.json()
        message = str(info.value)
        assert 'not JSON' in message and 'text/html' in message and 'GET /api/thing' in message
        assert '<html><body>Login to the portal' in message
        assert '...' in message and page not in message
        assert 'url points at the REST API' in message

    def test_empty_body_where_json_expected(self, server, sleeps):
        server.reply(200, b'')
        response = make_client(server, sleeps).get('/api/thing')
        assert response.json(allow_empty=True) is None
        with pytest.raises(ResponseFormatError) as info:
            response.json()
        assert 'empty body' in str(info.value)

    @pytest.mark.parametrize('status,error_class', [
        (400, APIError), (401, AuthenticationError), (403, ForbiddenError), (404, NotFoundError), (500, APIError),
    ], ids=lambda value: str(value) if isinstance(value, int) else value.__name__)
    def test_error_statuses_map_to_exceptions(self, server, sleeps, status, error_class):
        server.reply(status, 'nope')
        with pytest.raises(error_class) as info:
            make_client(server, sleeps).get('/api/thing')
        assert info.value.status == status
        assert 'GET /api/thing failed with HTTP %d: nope' % status in str(info.value)

    def test_expected_status_is_returned_not_raised(self, server, sleeps):
        server.reply(404, 'gone')
        assert make_client(server, sleeps).get('/x', expect=(404,)).status == 404

    def test_vendor_reader_supplies_message_code_and_hint(self, server, sleeps):
        server.reply(403, {'error': 'E42'})
        client = make_client(server, sleeps, describe_error=lambda response: ErrorInfo('the E42 refusal', code=42, hint='ask for E42 rights'))
        with pytest.raises(ForbiddenError) as info:
            client.get('/x')
        assert info.value.vendor_code == 42
        assert str(info.value) == '%s: GET /x failed with HTTP 403: the E42 refusal. Hint: ask for E42 rights' % VENDOR

    def test_redirect_is_not_followed_and_is_explained(self, server, sleeps):
        server.reply(302, b'', headers={'Location': 'https://sso.example.com/login'})
        with pytest.raises(APIError) as info:
            make_client(server, sleeps).get('/api/x')
        assert len(server.requests) == 1
        assert 'redirected to https://sso.example.com/login' in str(info.value)

    def test_session_does_not_replay_cookies_on_its_own(self, server, sleeps):
        server.reply(200, b'{}', headers={'Set-Cookie': 'session_id=abc; Path=/'}).reply(200, b'{}')
        client = make_client(server, sleeps)
        first = client.get('/login')
        client.get('/next')
        assert first.cookies() == {'session_id': 'abc'}
        assert 'Cookie' not in server.requests[1].headers


class TestRetries:

    def test_503_twice_then_success(self, server, sleeps):
        server.reply(503, times=2).reply(200, {'ok': 1})
        response = make_client(server, sleeps, retries=3).get('/x')
        assert response.json() == {'ok': 1}
        assert len(server.requests) == 3
        assert sleeps.waits == [backoff_delay(0, lambda: 0.5), backoff_delay(1, lambda: 0.5)]

    @pytest.mark.parametrize('status', [429, 502, 503, 504])
    def test_each_retry_status_is_retried(self, server, sleeps, status):
        server.reply(status).reply(200, {})
        make_client(server, sleeps).get('/x')
        assert len(server.requests) == 2

    @pytest.mark.parametrize('status', [500, 400, 404, 409])
    def test_other_statuses_are_not_retried(self, server, sleeps, status):
        server.reply(status)
        with pytest.raises(APIError):
            make_client(server, sleeps).get('/x')
        assert len(server.requests) == 1 and sleeps.waits == []

    def test_retry_after_seconds_is_honoured(self, server, sleeps):
        server.reply(429, headers={'Retry-After': '2'}).reply(200, {})
        make_client(server, sleeps).get('/x')
        assert sleeps.waits == [2.0]

    def test_retry_after_http_date_is_honoured(self, server, sleeps):
        when = email.utils.formatdate(time.time() + 5, usegmt=True)
        server.reply(503, headers={'Retry-After': when}).reply(200, {})
        make_client(server, sleeps).get('/x')
        assert len(sleeps.waits) == 1 and 3.0 <= sleeps.waits[0] <= 5.0

    def test_retry_after_too_long_fails_at_once_and_says_so(self, server, sleeps):
        server.reply(429, headers={'Retry-After': '120'})
        with pytest.raises(APIError) as info:
            make_client(server, sleeps).get('/x')
        assert sleeps.waits == [] and len(server.requests) == 1
        assert 'wait 120 seconds (Retry-After)' in str(info.value)

    def test_gives_up_after_retries_and_says_how_often_it_tried(self, server, sleeps):
        server.reply(503, times=4)
        with pytest.raises(APIError) as info:
            make_client(server, sleeps, retries=3).get('/x')
        assert info.value.status == 503
        assert len(server.requests) == 4 and len(sleeps.waits) == 3
        assert 'tried 4 times' in str(info.value)

    def test_zero_retries(self, server, sleeps):
        server.reply(503)
        with pytest.raises(APIError):
            make_client(server, sleeps, retries=0).get('/x')
        assert len(server.requests) == 1 and sleeps.waits == []

    def test_post_is_retried_on_503_because_the_server_refused_it(self, server, sleeps):
        server.reply(503).reply(201, {})
        make_client(server, sleeps).post('/items', json={})
        assert [r.method for r in server.requests] == ['POST', 'POST']

    def test_backoff_grows_and_stays_bounded(self):
        lows = [backoff_delay(attempt, lambda: 0.0) for attempt in range(30)]
        highs = [backoff_delay(attempt, lambda: 1.0) for attempt in range(30)]
        assert highs[:5] == [0.5, 1.0, 2.0, 4.0, 8.0]
        assert all(high <= BACKOFF_CAP for high in highs)
        assert all(low >= high / 2 for low, high in zip(lows, highs))
        assert highs == sorted(highs)

    @pytest.mark.parametrize('value,expected', [
        ('3', 3.0), (' 0 ', 0.0), ('', None), (None, None), ('soon', None), ('-5', None),
    ], ids=['int', 'zero', 'empty', 'none', 'garbage', 'negative'])
    def test_retry_after_parsing(self, value, expected):
        assert parse_retry_after(value) == expected

    def test_retry_after_date_in_the_past_means_now(self):
        assert parse_retry_after(email.utils.formatdate(time.time() - 60, usegmt=True)) == 0.0


class TestTransportFailures:

    def test_connection_refused_is_retried_then_explained(self, sleeps):
        client = HTTPClient(VENDOR, 'https://127.0.0.1:%d' % free_port(), sleep=sleeps, retries=2)
        with pytest.raises(TransportError) as info:
            client.post('/api/jwt/login', data={'username': 'u'})
        message = str(info.value)
        assert 'cannot connect to https://127.0.0.1:' in message and 'after 3 attempts' in message
        assert 'Connection refused' in message and 'check url' in message
        assert len(sleeps.waits) == 2

    def test_unknown_host_is_explained(self, sleeps):
        client = HTTPClient(VENDOR, 'https://no-such-host.invalid', sleep=sleeps, retries=0)
        with pytest.raises(TransportError) as info:
            client.get('/x')
        assert 'cannot connect to https://no-such-host.invalid:443' in str(info.value)

    def test_dropped_connection_get_is_retried(self, server, sleeps):
        server.reply(drop=True).reply(200, {'ok': 1})
        assert make_client(server, sleeps).get('/x').json() == {'ok': 1}
        assert len(server.requests) == 2

    def test_dropped_connection_post_is_not_repeated(self, server, sleeps):
        # The server got the POST: repeating it could create the object twice.
        server.reply(drop=True).reply(201, {})
        with pytest.raises(TransportError):
            make_client(server, sleeps).post('/items', json={'a': 1})
        assert len(server.requests) == 1 and sleeps.waits == []

    def test_read_timeout_is_explained(self, server, sleeps):
        server.reply(200, {}, delay=1.0)
        with pytest.raises(TransportError) as info:
            make_client(server, sleeps, timeout=0.2, retries=0).get('/slow')
        assert 'GET /slow got no answer within 0.2 seconds' in str(info.value)
        assert 'timeout option' in str(info.value)

    def test_read_timeout_post_is_not_repeated(self, server, sleeps):
        server.reply(201, {}, delay=1.0).reply(201, {})
        with pytest.raises(TransportError):
            make_client(server, sleeps, timeout=0.2).post('/items', json={})
        assert len(server.requests) == 1


class TestTLS:

    def test_unknown_ca_fails_with_a_hint_and_no_retry(self, tls_server, sleeps):
        client = HTTPClient(VENDOR, tls_server.url, sleep=sleeps)
        with pytest.raises(TLSError) as info:
            client.get('/x')
        message = str(info.value)
        assert 'CERTIFICATE_VERIFY_FAILED' in message and 'certificate verify failed' in message
        assert 'ca_path' in message and 'validate_certs' in message
        assert 'Traceback' not in message and 'HTTPSConnectionPool' not in message
        assert sleeps.waits == [] and tls_server.requests == []

    def test_validate_certs_false_works_and_warns_once(self, tls_server, sleeps):
        tls_server.reply(200, {}, times=2)
        warnings = []
        client = HTTPClient(VENDOR, tls_server.url, validate_certs=False, warn=warnings.append, sleep=sleeps)
        client.get('/x')
        client.get('/y')
        assert len(warnings) == 1 and 'validate_certs: false' in warnings[0]


class TestReauthentication:

    def test_login_happens_lazily_once_and_the_credential_is_sent(self, server, sleeps):
        server.reply(200, {}, times=2)
        login = CountingLogin()
        client = make_client(server, sleeps, auth=AuthSession(login))
        assert login.logins == 0
        client.get('/a')
        client.get('/b')
        assert login.logins == 1
        assert [r.headers['Authorization'] for r in server.requests] == ['Bearer tok-1', 'Bearer tok-1']

    def test_401_drops_the_credential_logs_in_once_and_retries_once(self, server, sleeps):
        server.reply(401, 'expired').reply(200, {'ok': 1})
        login = CountingLogin()
        response = make_client(server, sleeps, auth=AuthSession(login)).get('/a')
        assert response.json() == {'ok': 1}
        assert login.logins == 2
        assert [r.headers['Authorization'] for r in server.requests] == ['Bearer tok-1', 'Bearer tok-2']

    def test_401_after_the_new_login_fails_instead_of_looping(self, server, sleeps):
        server.reply(401, 'no', times=5)
        login = CountingLogin()
        with pytest.raises(AuthenticationError) as info:
            make_client(server, sleeps, auth=AuthSession(login)).get('/a')
        assert login.logins == 2 and len(server.requests) == 2
        assert info.value.status == 401

    @pytest.mark.parametrize('answers,sent', [
        ([(409, 'stale'), (200, {'ok': 1})], ['Bearer tok-1', 'Bearer tok-1-renewed']),
        ([(409, 'stale'), (409, 'stale')], ['Bearer tok-1', 'Bearer tok-1-renewed']),
        ([(400, 'bad')], ['Bearer tok-1']),
    ], ids=['renewed-once', 'refused-again', 'not-curable'])
    def test_a_refusal_the_authenticator_cures_without_a_login_is_sent_once_more(self, server, sleeps, answers, sent):
        class Renewing(CountingLogin):
            def refresh(self, client, credential, response):
                if response.status != 409:
                    return None
                token = credential.token + '-renewed'
                return Credential(token=token, headers={'Authorization': 'Bearer ' + token})

        for status, body in answers:
            server.reply(status, body)
        login = Renewing(lifetime=3600)
        client = make_client(server, sleeps, auth=AuthSession(login))
        if answers[-1][0] == 200:
            assert client.post('/a', json={}).json() == {'ok': 1}
            server.reply(200, {})
            client.post('/b', json={})
            assert server.requests[-1].headers['Authorization'] == 'Bearer tok-1-renewed'  # the renewed one stays
            assert client.auth.current(client).expires_at is not None  # with the lifetime of the one it renewed
        else:
            with pytest.raises(APIError):
                client.post('/a', json={})
            assert [r.headers['Authorization'] for r in server.requests] == sent
        assert [r.headers['Authorization'] for r in server.requests][:len(sent)] == sent
        assert login.logins == 1

    def test_given_token_refused_fails_without_login(self, server, sleeps):
        server.reply(401, 'expired token')
        given = GivenCredential(Credential(token='given', headers={'Authorization': 'Bearer given'}), vendor=VENDOR)
        with pytest.raises(AuthenticationError) as info:
            make_client(server, sleeps, auth=AuthSession(given)).get('/a')
        assert len(server.requests) == 1
        assert 'expired token' in str(info.value)

    def test_expired_credential_is_renewed_before_sending_and_logged_out(self, server, sleeps):
        server.reply(200, {}, times=2)
        login = CountingLogin(lifetime=0.4)
        client = make_client(server, sleeps, auth=AuthSession(login))
        client.get('/a')
        time.sleep(0.5)
        client.get('/b')
        assert login.logins == 2
        assert [request.headers['Authorization'] for request in server.requests] == ['Bearer tok-1', 'Bearer tok-2']
        # The token it replaced was the task's own: released at once, not left to expire on the server.
        assert login.logouts == ['tok-1']
        assert client.close() == []
        assert login.logouts == ['tok-1', 'tok-2']

    def test_short_lived_credential_is_not_renewed_before_its_last_quarter(self, server, sleeps):
        server.reply(200, {}, times=3)
        login = CountingLogin(lifetime=20)  # shorter than EXPIRY_MARGIN: renewed 5 s before its end, not at once
        client = make_client(server, sleeps, auth=AuthSession(login))
        for path in ('/a', '/b', '/c'):
            client.get(path)
        assert login.logins == 1

    def test_credential_that_seems_expired_when_obtained_is_used_until_refused(self, server, sleeps):
        server.reply(200, {}, times=3)
        login = CountingLogin(lifetime=0)
        client = make_client(server, sleeps, auth=AuthSession(login))
        for path in ('/a', '/b', '/c'):
            client.get(path)
        assert login.logins == 1

    def test_unauthenticated_request_sends_no_credential(self, server, sleeps):
        server.reply(200, {})
        login = CountingLogin()
        make_client(server, sleeps, auth=AuthSession(login)).get('/about', authenticated=False)
        assert login.logins == 0 and 'Authorization' not in server.requests[0].headers

    def test_cookies_travel_in_one_explicit_header(self, server, sleeps):
        server.reply(200, {})
        given = GivenCredential(Credential(token='s1', cookies={'session_id': 's1', 'XSRF-TOKEN': 'x'}), vendor=VENDOR)
        make_client(server, sleeps, auth=AuthSession(given)).get('/a')
        assert server.requests[0].headers['Cookie'] == 'XSRF-TOKEN=x; session_id=s1'


class TestRelease:

    def test_close_logs_out_what_it_obtained(self, server, sleeps):
        server.reply(200, {})
        login = CountingLogin()
        client = make_client(server, sleeps, auth=AuthSession(login))
        client.get('/a')
        assert client.close() == []
        assert login.logouts == ['tok-1']

    def test_close_keeps_a_token_handed_to_the_user(self, server, sleeps):
        server.reply(200, {})
        login = CountingLogin()
        client = make_client(server, sleeps, auth=AuthSession(login, keep=True))
        client.get('/a')
        client.close()
        assert login.logouts == []

    def test_close_without_login_does_nothing(self, server, sleeps):
        login = CountingLogin()
        make_client(server, sleeps, auth=AuthSession(login)).close()
        assert login.logins == 0 and login.logouts == []

    def test_close_never_logs_out_a_given_token(self, server, sleeps):
        server.reply(200, {})
        given = GivenCredential(Credential(token='given'), vendor=VENDOR)
        client = make_client(server, sleeps, auth=AuthSession(given))
        client.get('/a')
        assert client.close() == [] and len(server.requests) == 1

    def test_failed_logout_is_returned_not_raised(self, server, sleeps):
        server.reply(200, {})
        login = CountingLogin(logout_error=TransportError('down', vendor=VENDOR))
        client = make_client(server, sleeps, auth=AuthSession(login))
        client.get('/a')
        errors = client.close()
        assert len(errors) == 1 and 'down' in str(errors[0])

    def test_secrets_include_every_token_obtained(self, server, sleeps):
        server.reply(401).reply(200, {})
        client = make_client(server, sleeps, auth=AuthSession(CountingLogin()))
        client.get('/a')
        assert set(client.secrets()) == {'tok-1', 'tok-2'}


def test_renewed_credential_replaces_the_old_headers_whole(server, sleeps):
    """After a re-login, nothing of the refused credential is sent (a cookie it had, the new one lacks)."""

    class CookieThenHeader(CountingLogin):
        def login(self, client):
            self.logins += 1
            if self.logins == 1:
                return Credential(token='old', cookies={'session_id': 'old'})
            return Credential(token='new', headers={'Authorization': 'Bearer new'})

    server.reply(401).reply(200, {})
    make_client(server, sleeps, auth=AuthSession(CookieThenHeader())).get('/a')
    first, second = server.requests
    assert first.headers['Cookie'] == 'session_id=old'
    assert second.headers['Authorization'] == 'Bearer new' and 'Cookie' not in second.headers


@pytest.mark.parametrize('value, encoded', [
    ('INC000000000001', 'INC000000000001'),
    ('a/b', 'a%2Fb'),
    ('x?y#z', 'x%3Fy%23z'),
    ('line\r\nX-Evil: 1', 'line%0D%0AX-Evil%3A%201'),
    ('.hidden', '.hidden'),
    ('...', '...'),
    (42, '42'),
], ids=['plain', 'slash', 'query-and-fragment', 'crlf', 'leading-dot', 'three-dots', 'number'])
def test_path_part_encodes_every_reserved_character(value, encoded):
    assert _http.path_part(value, 'id', 'sps') == encoded


@pytest.mark.parametrize('value', ['.', '..', '', None], ids=['dot', 'dot-dot', 'empty', 'none'])
def test_path_part_refuses_ids_that_name_another_path(value):
    with pytest.raises(OptionError) as caught:
        _http.path_part(value, 'key', 'sps')
    assert str(caught.value).startswith('sps: key ')
    assert 'another path' in str(caught.value)


@pytest.fixture
def hostile(tmp_path):
    servers = []

    def start(behaviour, **kwargs):
        started = HostileServer(behaviour, tmp_path, **kwargs)
        servers.append(started)
        return started

    yield start
    for started in servers:
        started.stop()


def hostile_client(server, sleeps, **kwargs):
    return HTTPClient(VENDOR, server.url, ca_path=server.ca_path, sleep=sleeps, rng=lambda: 0.5, **kwargs)


class TestWritesAreNotRepeated:

    @pytest.mark.parametrize('status', [502, 504])
    def test_post_after_a_gateway_error_is_reported_not_repeated(self, server, sleeps, status):
        server.reply(status, 'gateway').reply(201, {})
        with pytest.raises(APIError) as info:
            make_client(server, sleeps).post('/items', json={'a': 1})
        assert len(server.requests) == 1 and sleeps.waits == []
        assert 'may have gone through' in str(info.value) and 'not sent again' in str(info.value)

    @pytest.mark.parametrize('status', [429, 503])
    def test_post_refused_unprocessed_is_repeated(self, server, sleeps, status):
        server.reply(status, 'busy').reply(201, {'id': 1})
        assert make_client(server, sleeps).post('/items', json={'a': 1}).json() == {'id': 1}
        assert len(server.requests) == 2

    @pytest.mark.parametrize('status', [502, 504])
    def test_get_after_a_gateway_error_is_still_retried(self, server, sleeps, status):
        server.reply(status, 'gateway').reply(200, {'ok': 1})
        assert make_client(server, sleeps).get('/x').json() == {'ok': 1}
        assert len(server.requests) == 2

    def test_read_timeout_on_post_says_the_write_may_have_gone_through(self, server, sleeps):
        server.reply(201, {}, delay=1.0)
        with pytest.raises(TransportError) as info:
            make_client(server, sleeps, timeout=0.2).post('/items', json={})
        assert 'may have been processed' in str(info.value)


class TestURLChecks:

    @pytest.mark.parametrize('url', ['https://127.0.0.1:99999', 'https://host:abc', 'https://host:0'], ids=['99999', 'abc', 'zero'])
    def test_bad_port_is_an_option_error(self, url):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, url)
        assert 'port' in str(info.value)

    @pytest.mark.parametrize('url', ['https://user:s3cr3t-pw@host', 'https://s3cr3t-pw@host/x', 'https://user:s3cr3t-pw@host:99999'])
    def test_userinfo_is_refused_without_showing_it(self, url):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, url)
        assert 'user name or password' in str(info.value)
        assert 's3cr3t-pw' not in str(info.value)

    @pytest.mark.parametrize('url', ['https://host/app?x=1', 'https://host/app#frag', 'https://host/?', 'https://host/#'])
    def test_query_or_fragment_is_refused(self, url):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, url)
        assert 'query or fragment' in str(info.value)

    def test_second_server_with_a_password_is_refused_too(self):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, 'https://host', other_urls=['https://u:s3cr3t-pw@cas.example.com'])
        assert 's3cr3t-pw' not in str(info.value)

    def test_url_with_a_line_break_is_refused_without_echo(self):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, 'https://host/\r\nX-Evil: s3cr3t-pw')
        assert 's3cr3t-pw' not in str(info.value)

    def test_whitespace_around_the_url_is_removed(self):
        assert HTTPClient(VENDOR, ' https://host:8443/app/\n').base_url == 'https://host:8443/app'

    def test_a_link_with_a_bad_port_is_a_format_error(self):
        client = HTTPClient(VENDOR, 'https://127.0.0.1:8443')
        with pytest.raises(ResponseFormatError) as info:
            client.url_for('https://127.0.0.1:99999/x')
        assert 'bad host or port' in str(info.value)

    @pytest.mark.parametrize('timeout', [0, -1, 3601, 10 ** 9])
    def test_unusable_timeout_is_an_option_error(self, timeout):
        with pytest.raises(OptionError) as info:
            HTTPClient(VENDOR, 'https://host', timeout=timeout)
        assert 'timeout' in str(info.value)


class TestEnvironment:

    def test_netrc_does_not_replace_the_credential(self, server, sleeps, tmp_path, monkeypatch):
        netrc = tmp_path / '.netrc'
        netrc.write_text('machine 127.0.0.1 login intruder password netrc-pw\n')
        netrc.chmod(0o600)
        monkeypatch.setenv('HOME', str(tmp_path))
        monkeypatch.setenv('NETRC', str(netrc))
        server.reply(200, {})
        make_client(server, sleeps, auth=AuthSession(CountingLogin())).get('/x')
        assert server.requests[0].headers['Authorization'] == 'Bearer tok-1'

    def test_proxy_variables_are_still_honoured(self, server, sleeps, monkeypatch):
        # The proxy is the scripted server itself: the request reaches it with the absolute URL (proxy form).
        monkeypatch.setenv('HTTP_PROXY', server.url)
        monkeypatch.setenv('NO_PROXY', '')
        server.reply(200, {})
        HTTPClient(VENDOR, 'http://proxied.example.com', allow_http=True, sleep=sleeps).get('/x')
        assert server.requests[0].path == 'http://proxied.example.com/x'

    @pytest.mark.parametrize('variable', ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'])
    def test_ca_bundle_variables_still_apply_without_ca_path(self, hostile, sleeps, monkeypatch, variable):
        server = hostile('echo_json')
        monkeypatch.delenv('REQUESTS_CA_BUNDLE', raising=False)
        monkeypatch.delenv('CURL_CA_BUNDLE', raising=False)
        monkeypatch.setenv(variable, server.ca_path)
        assert HTTPClient(VENDOR, server.url, sleep=sleeps).get('/x', expect=(400,)).status == 400

    def test_no_proxy_is_honoured(self, server, sleeps, monkeypatch):
        monkeypatch.setenv('HTTP_PROXY', 'http://127.0.0.1:%d' % free_port())
        monkeypatch.setenv('NO_PROXY', '127.0.0.1')
        server.reply(200, {})
        make_client(server, sleeps).get('/x')
        assert server.requests[0].path == '/x'


class TestHeaders:

    def test_trailing_newline_of_a_token_is_removed(self, server, sleeps):
        server.reply(200, {})
        make_client(server, sleeps, auth=AuthSession(GivenCredential(Credential(token='abc\n', headers={'Authorization': 'Bearer abc\r\n'})))).get('/x')
        assert server.requests[0].headers['Authorization'] == 'Bearer abc'

    @pytest.mark.parametrize('value', ['Bearer ab\r\ncd-s3cr3t', 'Bearer ab\ncd-s3cr3t', 'Bearer ab\x00cd-s3cr3t'])
    def test_a_line_break_inside_a_value_is_refused_without_echo(self, server, sleeps, value):
        with pytest.raises(OptionError) as info:
            make_client(server, sleeps, auth=AuthSession(GivenCredential(Credential(token='t', headers={'Authorization': value})))).get('/x')
        assert 'Authorization' in str(info.value) and 's3cr3t' not in str(info.value)
        assert server.requests == []

    def test_a_header_http_client_refuses_is_an_option_error(self, server, sleeps):
        with pytest.raises(OptionError) as info:
            make_client(server, sleeps, headers={'X-AR-Trace': 'caf\u00e9-\u2603-s3cr3t'}).get('/x')
        assert 's3cr3t' not in str(info.value) and 'cannot be sent' in str(info.value)


class TestHostileAnswers:

    def test_a_dripping_body_fails_at_the_deadline(self, hostile, sleeps):
        server = hostile('drip', drip_every=0.4)
        started = time.monotonic()
        with pytest.raises(TransportError) as info:
            hostile_client(server, sleeps, timeout=1, retries=0).get('/x')
        assert time.monotonic() - started < 2.5
        assert 'no complete answer within 1 seconds' in str(info.value)

    def test_a_body_over_the_cap_fails(self, hostile, sleeps, monkeypatch):
        monkeypatch.setenv('RESTAUTH_MAX_RESPONSE_BYTES', str(1024 * 1024))
        server = hostile('huge', size=5 * 1024 * 1024)
        with pytest.raises(ResponseFormatError) as info:
            hostile_client(server, sleeps).get('/x')
        assert 'answer larger than 1048576 bytes' in str(info.value)

    def test_the_default_cap_is_64_mib(self):
        assert _http.max_response_bytes(VENDOR, environ={}) == 64 * 1024 * 1024
        with pytest.raises(OptionError):
            _http.max_response_bytes(VENDOR, environ={'RESTAUTH_MAX_RESPONSE_BYTES': 'lots'})

    def test_a_connection_cut_mid_body_is_retried_for_get(self, hostile, sleeps):
        server = hostile('cut')
        with pytest.raises(TransportError) as info:
            hostile_client(server, sleeps, retries=2).get('/x')
        assert len(server.requests) == 3
        assert 'broke before the whole answer came' in str(info.value)

    def test_a_connection_cut_mid_body_is_not_repeated_for_post(self, hostile, sleeps):
        server = hostile('cut')
        with pytest.raises(TransportError) as info:
            hostile_client(server, sleeps, retries=2).post('/x', json={})
        assert len(server.requests) == 1
        assert 'may have been processed' in str(info.value)

    def test_damaged_gzip_is_a_format_error(self, hostile, sleeps):
        server = hostile('gzip')
        with pytest.raises(ResponseFormatError) as info:
            hostile_client(server, sleeps).get('/x')
        assert 'cannot be decoded (Content-Encoding: gzip)' in str(info.value)

    def test_deeply_nested_json_is_a_format_error(self, hostile, sleeps):
        server = hostile('deep')
        response = hostile_client(server, sleeps).get('/x')
        with pytest.raises(ResponseFormatError) as info:
            response.json()
        assert 'nested too deeply' in str(info.value)
        assert response.error_body() is None

    def test_a_non_ascii_digit_in_retry_after_is_not_a_traceback(self, hostile, sleeps):
        server = hostile('retry_after')
        with pytest.raises(APIError) as info:
            hostile_client(server, sleeps, retries=1).get('/x')
        assert info.value.status == 503 and len(server.requests) == 2

    def test_answers_read_in_chunks_keep_the_connection_for_the_next_request(self, hostile, sleeps):
        server = hostile('echo_json')
        client = hostile_client(server, sleeps)
        for _dummy in range(3):
            assert client.get('/x', expect=(400,)).json()['error'] == 'bad request'
        assert len(server.requests) == 3 and server.connections == 1

    def test_snippets_come_from_the_start_of_the_body(self):
        response = _http.Response(VENDOR, 'GET', 'https://h/x', 500, {}, b'a b ' * 10 ** 6)
        assert response.snippet() == ('a b ' * 50)[:200] + '...'


@pytest.mark.parametrize('value', ['\u00b2', '\u0663', '1\u00b2'])
def test_retry_after_with_non_ascii_digits_is_ignored(value):
    assert parse_retry_after(value) is None


class TestMultipartBody:
    """multipart_body: the bytes of a multipart/form-data request (RFC 7578), checked byte for byte."""

    def test_parts_are_framed_exactly(self):
        content_type, body = _http.multipart_body([
            ('entry', None, 'application/json', '{"values": {"A": "1"}}'),
            ('attach-File', 'a.bin', 'application/octet-stream', b'\x00\r\n--x\r\n\xff'),
        ], boundary='BOUND')
        assert content_type == 'multipart/form-data; boundary=BOUND'
        assert body == (b'--BOUND\r\nContent-Disposition: form-data; name="entry"\r\nContent-Type: application/json\r\n\r\n'
                        b'{"values": {"A": "1"}}\r\n'
                        b'--BOUND\r\nContent-Disposition: form-data; name="attach-File"; filename="a.bin"\r\n'
                        b'Content-Type: application/octet-stream\r\n\r\n\x00\r\n--x\r\n\xff\r\n--BOUND--\r\n')

    def test_the_boundary_never_occurs_in_the_data(self):
        content_type, body = _http.multipart_body([('f', 'f', None, b'--BOUND and more')], boundary='BOUND')
        boundary = content_type.split('boundary=', 1)[1]
        assert boundary != 'BOUND' and body.count(boundary.encode()) == 2
        assert b'\r\n\r\n--BOUND and more\r\n--' + boundary.encode() + b'--\r\n' in body

    def test_a_random_boundary_differs_between_bodies(self):
        assert _http.multipart_body([('a', None, None, b'')])[0] != _http.multipart_body([('a', None, None, b'')])[0]

    def test_quotes_and_line_breaks_in_names_cannot_end_the_header(self):
        content_type, body = _http.multipart_body([('n"\r\nX-Evil: 1', 'f"\n.txt', 'text/plain\r\nX: y', b'd')], boundary='B')
        head = body.split(b'\r\n\r\n', 1)[0]
        assert head == (b'--B\r\nContent-Disposition: form-data; name="n%22%0D%0AX-Evil: 1"; filename="f%22%0A.txt"\r\n'
                        b'Content-Type: text/plainX: y')
        assert content_type == 'multipart/form-data; boundary=B'

    def test_non_ascii_file_names_are_sent_as_utf8(self):
        body = _http.multipart_body([('attach-F', 'r\u00e9sum\u00e9.txt', None, b'x')], boundary='B')[1]
        assert b'filename="r\xc3\xa9sum\xc3\xa9.txt"' in body
