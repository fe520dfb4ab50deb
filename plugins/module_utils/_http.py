# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""Transport: one HTTP client for every vendor, over a ``requests.Session``.

It owns what no vendor should write twice: base URL joining, TLS settings,
timeouts and the deadline of each answer, retries with exponential backoff
(connection failures and 429/502/503/504, ``Retry-After`` honoured), a
non-browser User-Agent, the ``http://`` refusal, the origin rule for absolute
URLs, JSON decoding with readable failures, the mapping of HTTP errors to the
collection's exceptions, and the single "401 -> drop the credential -> log in
once -> retry once" renewal through the ``AuthSession`` it is given (or, for a
refusal the authenticator cures without a login, such as a stale XTAM XSRF
token, "renew the credential -> retry once").

No token cache and no wiring of options to authenticators here: that is
``_connect``. The transport only knows the small ``pacer`` interface the cache
provides for the shared back-off: ``pause()`` before each request (seconds other
tasks were asked to wait, bounded here by ``timeout``) and ``hold(seconds)`` after a
429/503 ``Retry-After``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import email.utils
import json
import math
import os
import random
import re
import time
import traceback
import warnings

from urllib.parse import quote, urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    AuthenticationError,
    OptionError,
    ResponseFormatError,
    TLSError,
    TransportError,
    error_class_for,
)

try:
    import requests
    from requests import exceptions as requests_errors
    from urllib3 import exceptions as _urllib3_errors
    from urllib3.exceptions import InsecureRequestWarning, NewConnectionError
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

# Keep in step with galaxy.yml (a unit test checks it).
COLLECTION_VERSION = '0.2.0'
# Some appliances treat browser User-Agents differently (SPS answers them with
# web-UI behaviour), so the collection names itself plainly.
USER_AGENT = 'restauth.enterprise/%s (Ansible collection; +https://github.com/restauth/enterprise)' % COLLECTION_VERSION

RETRY_STATUSES = frozenset((429, 502, 503, 504))
# A request that may have reached the server is repeated only when repeating
# it is harmless; a POST is repeated only when it surely never left.
IDEMPOTENT_METHODS = frozenset(('GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'))
# Statuses that say the server did not process the request (RFC 9110 15.6.4
# for 503, RFC 6585 section 4 for 429), so a write may be sent again. A 502 or
# 504 comes from a gateway that may have passed the write on and lost the answer.
UNPROCESSED_STATUSES = frozenset((429, 503))
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
# A server that asks for a longer pause than this gets an error instead of a
# task that hangs for minutes without a word.
MAX_RETRY_AFTER = 60.0
SNIPPET_LENGTH = 200
# Error messages quote the start of a body; only this much of it is looked at.
SNIPPET_SOURCE_BYTES = 4096
# The timeout option bounds the whole answer of each request (headers and
# body), in seconds; more than an hour is refused as a typo rather than a wait.
MAX_TIMEOUT = 3600
# The largest answer body read, after decompression: a bigger one fails the
# request instead of filling the memory of the node. 64 MiB by default; the
# environment variable RESTAUTH_MAX_RESPONSE_BYTES (a number of bytes) changes it.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
MAX_RESPONSE_BYTES_ENV = 'RESTAUTH_MAX_RESPONSE_BYTES'
READ_CHUNK = 64 * 1024
# Characters no header name or value may hold: they would end the header or the request.
_HEADER_BREAKS = re.compile(r'[\r\n\x00]')


class ErrorInfo:
    """What a vendor's error body says: its message, its own error code, and a hint."""

    def __init__(self, message=None, code=None, hint=None):
        self.message = message
        self.code = code
        self.hint = hint


class Response:
    """An HTTP answer, read whole, with the request it answers."""

    def __init__(self, vendor, method, url, status, headers, content, reason='', set_cookies=None, request_headers=None):
        self.vendor = vendor
        self.method = method
        self.url = url
        self.status = status
        self.headers = headers
        self.content = content or b''
        self.reason = reason or ''
        self.set_cookies = list(set_cookies or [])
        # The headers the request was sent with (case-insensitive), or None when unknown: what a vendor's error
        # reader may check (XTAM: whether the XSRF header went out). Never shown: they hold the credential.
        self.request_headers = request_headers
        self.attempts = 1

    @property
    def path(self):
        return urlsplit(self.url).path or '/'

    @property
    def ok(self):
        return 200 <= self.status < 300

    @property
    def text(self):
        return self.content.decode('utf-8', errors='replace')

    def header(self, name, default=None):
        return self.headers.get(name, default)

    def snippet(self):
        text = ' '.join(self.content[:SNIPPET_SOURCE_BYTES].decode('utf-8', errors='replace').split())
        if len(text) > SNIPPET_LENGTH:
            text = text[:SNIPPET_LENGTH] + '...'
        return text

    def json(self, allow_empty=False):
        """The decoded JSON body; a ``ResponseFormatError`` that shows the start of anything else."""
        if not self.content.strip():
            if allow_empty:
                return None
            raise ResponseFormatError(
                '%s %s returned HTTP %s with an empty body where JSON was expected' % (self.method, self.path, self.status),
                vendor=self.vendor, status=self.status,
            )
        try:
            return json.loads(self.text)
        except RecursionError:
            raise ResponseFormatError(
                '%s %s returned HTTP %s with JSON nested too deeply to read' % (self.method, self.path, self.status),
                vendor=self.vendor, status=self.status,
            )
        except ValueError:
            raise ResponseFormatError(
                '%s %s returned HTTP %s with a body that is not JSON (Content-Type: %s): %r'
                % (self.method, self.path, self.status, self.header('Content-Type', 'none'), self.snippet()),
                vendor=self.vendor, status=self.status,
                hint='check that url points at the REST API; a proxy, load balancer or login page may have answered',
            )

    def error_body(self):
        """The JSON body of an error answer, or None when it is empty or not JSON (for ``describe_error``)."""
        try:
            return json.loads(self.text) if self.content.strip() else None
        except (ValueError, RecursionError):
            return None

    def cookies(self):
        """Cookies set by this response, read from the headers.

        Parsed by hand rather than through a cookie jar: a jar judges
        ``Expires`` by the local clock and silently drops a fresh session
        cookie when the controller's clock runs ahead of the server's.
        """
        cookies = {}
        for line in self.set_cookies:
            pair = line.split(';', 1)[0]
            if '=' in pair:
                name, value = pair.split('=', 1)
                cookies[name.strip()] = value.strip()
        return cookies


def check_url(url, vendor, allow_http=False, option='url'):
    """Refuse URLs that cannot work, would send credentials in clear text, or to another place than meant.

    ``option`` names the option in messages. A URL with a user or password
    (``https://user:pw@host``) is refused: the HTTP library would replace the
    collection's credentials by them, and they would show in messages; the
    message does not repeat the URL then. A query or fragment is refused: the
    collection appends API paths to the URL, which would land in the query.
    Whitespace around the URL is removed; whitespace inside it is refused.
    """
    if isinstance(url, str):
        url = url.strip()  # a value pasted with its newline
    if isinstance(url, str) and re.search(r'[\s\x00]', url):
        # Not quoted: the URL may hold a password.
        raise OptionError('%s is not an absolute http(s) URL: it holds spaces or line breaks' % option, vendor=vendor,
                          hint='give the base URL of the server, for example https://server.example.com:8443')
    url = url if isinstance(url, str) else ''
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        parts = port = None
    if _without_userinfo(url) != url or (parts is not None and '@' in parts.netloc):
        raise OptionError(
            '%s holds a user name or password before the host (user:password@host); they are not shown here and the '
            'URL is not used' % option, vendor=vendor,
            hint='remove them from %s and give the credentials in the username and password (or token) options' % option,
        )
    if parts is None or parts.scheme not in ('http', 'https') or not parts.hostname:
        raise OptionError(
            '%s %r is not an absolute http(s) URL with a valid port' % (option, url), vendor=vendor,
            hint='give the base URL of the server, for example https://server.example.com:8443 (ports are 1 to 65535)',
        )
    if port == 0:
        raise OptionError('%s %r has port 0' % (option, url), vendor=vendor, hint='ports are 1 to 65535')
    if parts.query or parts.fragment or url.rstrip('/').endswith(('?', '#')):
        raise OptionError(
            '%s %r has a query or fragment (? or #); the collection appends the API paths to the URL, and requests '
            'would go to the wrong path' % (option, url), vendor=vendor,
            hint='give the scheme, host, port and application path only',
        )
    if parts.scheme == 'http' and not allow_http:
        raise OptionError(
            'refusing the plain http:// URL %s: passwords and tokens would travel in clear text' % url, vendor=vendor,
            hint='use the https:// URL of the server, or set allow_http: true on a trusted test network',
        )
    return url.rstrip('/')


def check_timeout(timeout, vendor):
    """The ``timeout`` option as seconds: more than 0 and at most ``MAX_TIMEOUT``."""
    try:
        seconds = float(timeout)
    except (TypeError, ValueError):
        seconds = None
    if seconds is None or math.isnan(seconds) or seconds <= 0 or seconds > MAX_TIMEOUT:
        raise OptionError('timeout %r cannot be used: give a number of seconds above 0 and at most %d' % (timeout, MAX_TIMEOUT), vendor=vendor,
                          hint='the timeout bounds the whole answer of each request')
    return timeout


def max_response_bytes(vendor, environ=None):
    """The size cap of an answer body: ``MAX_RESPONSE_BYTES`` or the ``RESTAUTH_MAX_RESPONSE_BYTES`` variable."""
    value = (os.environ if environ is None else environ).get(MAX_RESPONSE_BYTES_ENV)
    if value is None or not value.strip():
        return MAX_RESPONSE_BYTES
    if not re.match(r'^[0-9]+$', value.strip()) or int(value) < 1:
        raise OptionError('%s=%r is not a number of bytes' % (MAX_RESPONSE_BYTES_ENV, value), vendor=vendor,
                          hint='give a whole number such as 67108864 (64 MiB), or unset it')
    return int(value)


def _environ_proxies(url):
    """The proxies the environment sets for ``url`` (HTTPS_PROXY, NO_PROXY...), as requests would use them.

    The session does not trust the environment (that would also bring ~/.netrc
    credentials), so the proxy variables are read here.
    """
    try:
        return requests.utils.get_environ_proxies(url, no_proxy=None)
    except ValueError:
        return {}


def _without_userinfo(url):
    """``url`` with anything before an ``@`` in its authority removed, for messages."""
    return re.sub(r'^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@', r'\1', url or '')


def backoff_delay(attempt, rng=random.random):
    """Seconds to wait before retry number ``attempt + 1``.

    Exponential, capped, with the upper half jittered so that forks that failed
    together do not all come back at the same instant.
    """
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
    return ceiling / 2 + rng() * ceiling / 2


def parse_retry_after(value, now=None):
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if re.match(r'^[0-9]+$', value):
        # ASCII digits only: str.isdigit() also accepts digits such as '²' that float() refuses.
        return float(value)
    when = http_date(value)
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when - now)


def http_date(value):
    """An HTTP date (``Date``, ``Retry-After``) as a POSIX timestamp, or None when absent or unreadable."""
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
        return when.timestamp() if when is not None else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _root_cause(exc):
    """The innermost reason of a requests/urllib3 exception, as short text."""
    reason = exc
    for _dummy in range(6):
        inner = getattr(reason, 'reason', None)
        if not isinstance(inner, Exception):
            args = getattr(reason, 'args', None)
            inner = args[0] if args and isinstance(args[0], Exception) else None
        if inner is None or inner is reason:
            break
        reason = inner
    text = str(reason)
    match = re.search(r'\[SSL[^\]]*\][^(\'"]*', text) or re.search(r'\[Errno -?\d+\][^\'")]*', text)
    if match:
        text = match.group(0)
    return text.strip()


def _request_never_left(exc):
    """True when the connection failed before anything was sent (safe to repeat any method)."""
    if isinstance(exc, requests_errors.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], 'reason', None) if exc.args else None
    return isinstance(reason, NewConnectionError)


class HTTPClient:
    """Sends requests for one vendor and one base URL.

    ``auth`` is an ``AuthSession`` (or None for anonymous endpoints).
    ``describe_error(response)`` is the vendor's reader of error bodies,
    returning an ``ErrorInfo`` or None. ``transient(response)``, when given, tells
    an answer the vendor marks as temporary (BMC Discovery's ``"transient": true``):
    it is retried like a 503 by the rules of ``_send`` (a write only when the status
    says it was not processed).
    """

    def __init__(self, vendor, url, auth=None, validate_certs=True, ca_path=None, timeout=30, retries=3,
                 allow_http=False, headers=None, describe_error=None, client_cert=None, warn=None,
                 sleep=time.sleep, rng=random.random, other_urls=(), transient=None):
        self.vendor = vendor
        self.transient = transient
        self.base_url = check_url(url, vendor, allow_http)
        # Servers the user named besides url (such as a separate sign-in server)
        # that absolute URLs may also point at.
        self.origins = [_origin(self.base_url)] + [_origin(check_url(other, vendor, allow_http, option='a server URL'))
                                                   for other in other_urls]
        self.auth = auth
        self.timeout = check_timeout(timeout, vendor)
        self.max_response_bytes = max_response_bytes(vendor)
        self.retries = max(0, int(retries))
        self.headers = dict(headers or {})
        self.describe_error = describe_error
        self.warn = warn or (lambda message: None)
        # The shared back-off (token cache), or None: each task then backs off on its own.
        self.pacer = None
        self._sleep = sleep
        self._rng = rng
        # Passed with every request rather than set on the session: requests lets
        # REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE (common in containers and execution
        # environments) override session.verify, which would silently ignore ca_path.
        self.verify = (ca_path or True) if validate_certs else False
        if not validate_certs:
            self.warn('TLS certificate verification is disabled (validate_certs: false): the server is not authenticated '
                      'and credentials could be sent to an impostor. Prefer ca_path with the CA that signed its certificate.')
        self.session = self._new_session(client_cert)

    @staticmethod
    def _new_session(client_cert):
        session = requests.Session()
        # Without this, requests takes credentials from ~/.netrc and puts them in
        # place of the collection's Authorization header on every request, and
        # lets REQUESTS_CA_BUNDLE replace ca_path. Proxies and the CA bundle
        # variables are read explicitly instead (see _transmit).
        session.trust_env = False
        session.headers['User-Agent'] = USER_AGENT
        session.headers['Accept'] = 'application/json'
        # Every cookie the collection sends is part of a Credential; a jar that
        # keeps and replays cookies on its own would hide what is sent.
        session.cookies.set_policy(_NoCookies())
        if client_cert:
            session.cert = client_cert
        return session

    def url_for(self, path):
        """An absolute URL for ``path``; absolute URLs must stay on the configured server."""
        if '://' in path:
            try:
                origin = _origin(path)
            except ValueError:
                raise ResponseFormatError('the server pointed to a URL that cannot be used (bad host or port): %r'
                                          % _without_userinfo(path)[:SNIPPET_LENGTH], vendor=self.vendor)
            if origin not in self.origins:
                raise ResponseFormatError(
                    'the server pointed to %s, which is not on %s; the collection does not send credentials elsewhere'
                    % (_origin(path), ' or '.join(self.origins)), vendor=self.vendor,
                )
            return path
        return '%s/%s' % (self.base_url, path.lstrip('/'))

    def request(self, method, path, params=None, json=None, data=None, headers=None, authenticated=True, expect=()):
        """Send one request and return its ``Response``.

        Statuses outside 2xx raise the matching ``APIError`` unless listed in
        ``expect``. When the server refuses the credential, it is dropped, a
        new one is obtained and the request is sent again, once; a refusal the
        authenticator cures without a login (a stale XTAM XSRF token) is sent
        again once too.
        """
        method = method.upper()
        url = self.url_for(path)
        credential = self.auth.current(self) if authenticated and self.auth else None
        response = self._send(method, url, params=params, json=json, data=data, headers=self._headers(headers, credential))

        renewed = self._renewed(credential, response) if credential is not None else None
        if renewed is not None:
            response = self._send(method, url, params=params, json=json, data=data, headers=self._headers(headers, renewed))

        if not response.ok and response.status not in expect:
            raise self.error_for(response)
        return response

    def _renewed(self, credential, response):
        """The credential to send a refused request with once more, or None.

        A refused credential is dropped and a new one obtained by a login; a refusal the authenticator cures
        without one (``Authenticator.refresh``, for a request the server surely did not process) renews it.
        """
        if self.auth.authenticator.rejects(response) and self.auth.can_renew:
            self.auth.refused(credential)
            return self.auth.current(self)
        if response.ok:
            return None
        return self.auth.refreshed(self, credential, response)

    def _headers(self, headers, credential):
        """The client's headers, the request's own, then what the credential carries.

        Whitespace around values is removed (a token or API key pasted with its
        trailing newline). A line break or NUL left inside a name or value is
        refused before anything is sent, naming the header but never its value.
        """
        merged = dict(self.headers)
        merged.update(headers or {})
        if credential is not None:
            merged.update(credential.request_headers())
        checked = {}
        for name, value in merged.items():
            name = str(name).strip()
            value = '' if value is None else str(value).strip()
            if _HEADER_BREAKS.search(name) or _HEADER_BREAKS.search(value) or not name:
                raise OptionError(
                    'the %s header cannot be sent: its name or value holds a line break or NUL character'
                    % (repr(name) if not _HEADER_BREAKS.search(name) else 'a'), vendor=self.vendor,
                    hint='check the token, API key or extra header values for pasted line breaks (the value is not shown)',
                )
            checked[name] = value
        return checked

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, **kwargs):
        return self.request('POST', path, **kwargs)

    def put(self, path, **kwargs):
        return self.request('PUT', path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)

    def _send(self, method, url, **kwargs):
        """Send until an answer worth returning, repeating only what may be repeated.

        Any method is sent again when the connection never opened. Once the
        request may have reached the server, only idempotent methods are
        repeated (after a broken connection, a read timeout, 502 or 504); a
        POST or PATCH is repeated only after 429 or 503, which say the server
        did not process it.
        """
        attempt = 0
        idempotent = method in IDEMPOTENT_METHODS
        while True:
            self._wait_for_others()
            try:
                response = self._transmit(method, url, **kwargs)
            except requests_errors.SSLError as exc:
                raise TLSError(
                    'TLS connection to %s failed: %s' % (_origin(url), _root_cause(exc)), vendor=self.vendor,
                    hint='set ca_path to the PEM file of the CA that signed the server certificate, '
                         'or validate_certs: false to skip verification (never in production)',
                )
            except (requests_errors.ConnectionError, requests_errors.Timeout, requests_errors.ChunkedEncodingError,
                    _urllib3_errors.ProtocolError, _urllib3_errors.ReadTimeoutError) as exc:
                if attempt < self.retries and (idempotent or _request_never_left(exc)):
                    self._sleep(backoff_delay(attempt, self._rng))
                    attempt += 1
                    continue
                raise self._transport_error(exc, method, url, attempt)
            response.attempts = attempt + 1
            self._tell_others(response)
            if self._retryable(response) and attempt < self.retries and (idempotent or response.status in UNPROCESSED_STATUSES):
                delay = self._retry_delay(response, attempt)
                if delay is not None:
                    self._sleep(delay)
                    attempt += 1
                    continue
            return response

    def _retryable(self, response):
        """Whether ``response`` is worth another try: a retry status, or one the vendor marks transient."""
        if response.status in RETRY_STATUSES:
            return True
        return self.transient is not None and not response.ok and bool(self.transient(response))

    def _transmit(self, method, url, **kwargs):
        """One request and its whole answer, read within ``timeout`` seconds and ``max_response_bytes``."""
        deadline = time.monotonic() + self.timeout
        with warnings.catch_warnings():
            # The user chose validate_certs: false and was warned once; urllib3
            # would otherwise print the same warning to stderr on every request.
            warnings.simplefilter('ignore', InsecureRequestWarning)
            try:
                raw = self.session.request(method, url, timeout=self.timeout, verify=self._verify_for(),
                                           proxies=_environ_proxies(url), allow_redirects=False, stream=True, **kwargs)
            except (ValueError, UnicodeError) as exc:
                # requests' InvalidHeader and InvalidURL are ValueErrors, as are
                # http.client's refusals of a header. The library's text is never
                # quoted: it holds the header value (a token, a password).
                raise OptionError(
                    '%s %s cannot be sent: a header or the URL holds characters HTTP does not allow (%s)'
                    % (method, urlsplit(url).path, type(exc).__name__), vendor=self.vendor,
                    hint='check the token, API key, extra headers and url for line breaks or non-ASCII characters',
                )
            try:
                content = self._read_body(raw, method, url, deadline)
            except BaseException:
                raw.close()  # drops the connection: what is left of the answer is never read
                raise
            # Read to its end: the connection goes back to the pool for the next request.
            release = getattr(raw.raw, 'release_conn', None)
            if release is not None:
                release()
        return Response(self.vendor, method, url, raw.status_code, raw.headers, content, raw.reason, _set_cookie_lines(raw),
                        request_headers=getattr(getattr(raw, 'request', None), 'headers', None))

    def _read_body(self, raw, method, url, deadline):
        """The decoded body of ``raw``, in chunks, failing past the deadline or the size cap."""
        chunks = []
        size = 0
        stream = raw.raw
        while True:
            if time.monotonic() > deadline:
                raise TransportError(
                    '%s %s got no complete answer within %s seconds (the server is sending it too slowly)'
                    % (method, urlsplit(url).path, self.timeout), vendor=self.vendor,
                    hint='raise the timeout option if the server is slow; it bounds the whole answer of each request'
                         + self._write_note(method),
                )
            try:
                # read1 returns what has arrived instead of waiting for a whole chunk,
                # so the deadline is checked while a slow server drips its answer.
                chunk = stream.read1(READ_CHUNK, decode_content=True) if hasattr(stream, 'read1') else stream.read(READ_CHUNK, decode_content=True)
            except _urllib3_errors.DecodeError as exc:
                raise ResponseFormatError(
                    '%s %s returned HTTP %s with a body that cannot be decoded (Content-Encoding: %s)'
                    % (method, urlsplit(url).path, raw.status_code, raw.headers.get('Content-Encoding', 'none')),
                    vendor=self.vendor, status=raw.status_code,
                    hint='a proxy or the server sent a damaged compressed answer' + self._write_note(method),
                )
            if not chunk:
                return b''.join(chunks)
            size += len(chunk)
            if size > self.max_response_bytes:
                raise ResponseFormatError(
                    '%s %s returned an answer larger than %d bytes; the collection stops reading there'
                    % (method, urlsplit(url).path, self.max_response_bytes), vendor=self.vendor, status=raw.status_code,
                    hint='narrow the request (filters, smaller pages), or raise %s' % MAX_RESPONSE_BYTES_ENV + self._write_note(method),
                )
            chunks.append(chunk)

    def _verify_for(self):
        """``verify`` for a request: ca_path, or without it the CA bundle variables requests documents, or False."""
        if self.verify is True:
            return os.environ.get('REQUESTS_CA_BUNDLE') or os.environ.get('CURL_CA_BUNDLE') or True
        return self.verify

    @staticmethod
    def _write_note(method):
        if method in IDEMPOTENT_METHODS:
            return ''
        return '; the %s may have been processed by the server, so it was not sent again: check before running the task again' % method

    def _wait_for_others(self):
        """Wait while the server asked every task to (shared back-off), never longer than ``timeout``."""
        if self.pacer is not None:
            delay = min(self.pacer.pause(), self.timeout)
            if delay > 0:
                self._sleep(delay)

    def _tell_others(self, response):
        """Record a 429/503 ``Retry-After`` for the other tasks (shared back-off)."""
        if self.pacer is not None and response.status in UNPROCESSED_STATUSES:
            asked = parse_retry_after(response.header('Retry-After'))
            if asked is not None and asked > 0:
                self.pacer.hold(min(asked, MAX_RETRY_AFTER))

    def _retry_delay(self, response, attempt):
        asked = parse_retry_after(response.header('Retry-After'))
        if asked is None:
            return backoff_delay(attempt, self._rng)
        if asked > MAX_RETRY_AFTER:
            return None
        return asked

    def _transport_error(self, exc, method, url, attempt):
        tries = ' after %d attempts' % (attempt + 1) if attempt else ''
        never_left = _request_never_left(exc)
        note = '' if never_left else self._write_note(method)
        if isinstance(exc, (requests_errors.Timeout, _urllib3_errors.ReadTimeoutError)):
            return TransportError(
                '%s %s got no answer within %s seconds%s' % (method, urlsplit(url).path, self.timeout, tries),
                vendor=self.vendor, hint='raise the timeout option if the server is slow, or check that url is right' + note,
            )
        if not never_left:
            return TransportError(
                '%s %s: the connection to %s broke before the whole answer came%s: %s'
                % (method, urlsplit(url).path, _origin(url), tries, _root_cause(exc)), vendor=self.vendor,
                hint='a proxy, load balancer or the server closed the connection' + note,
            )
        return TransportError(
            'cannot connect to %s%s: %s' % (_origin(url), tries, _root_cause(exc)), vendor=self.vendor,
            hint='check url (host and port) and that the server is reachable from where the task runs',
        )

    def error_for(self, response):
        """The exception that describes an unsuccessful ``response``."""
        info = None
        if self.describe_error is not None:
            info = self.describe_error(response)
        info = info or ErrorInfo()
        detail = info.message or response.snippet() or response.reason or 'no details in the answer'
        message = '%s %s failed with HTTP %s: %s' % (response.method, response.path, response.status, detail)
        error_class = error_class_for(response.status)
        if self.auth is not None and self.auth.authenticator.rejects(response):
            # What the vendor's authenticator calls a refusal (XTAM: a redirect to the sign-in page) is one.
            error_class = AuthenticationError
        hint = info.hint or self._generic_hint(response)
        if response.status in (502, 504) and response.method not in IDEMPOTENT_METHODS:
            hint = ('a gateway answered for the server, which may have processed the %s (the write may have gone through); '
                    'it was not sent again: check on the server before running the task again' % response.method)
        return error_class(message, vendor=self.vendor, status=response.status, hint=hint,
                           vendor_code=info.code, vendor_message=info.message)

    def _generic_hint(self, response):
        status = response.status
        if 300 <= status < 400:
            return ('the server redirected to %s; url probably does not point at the REST API '
                    '(a login page or proxy answered)' % response.header('Location', 'another page'))
        if status in RETRY_STATUSES:
            asked = parse_retry_after(response.header('Retry-After'))
            if asked is not None and asked > MAX_RETRY_AFTER:
                return 'the server asked to wait %d seconds (Retry-After), longer than the collection waits; try again later' % asked
            return 'the server is busy or unavailable; it was tried %d times (the retries option sets how often)' % response.attempts
        if status == 401:
            return 'the credentials were refused or the token expired'
        if status == 403:
            return 'the user is not allowed to do this'
        return None

    def close(self):
        """Release what the auth session obtained itself; return the errors met doing so."""
        errors = []
        if self.auth is not None:
            errors = self.auth.release(self)
        self.session.close()
        return errors

    def secrets(self):
        return self.auth.secrets() if self.auth is not None else []


def path_part(value, what, vendor):
    """``value`` as one percent-encoded path segment, for ids and names put into a URL.

    Every character that is not unreserved is encoded, so ``/``, ``?``, ``#``,
    CR/LF and spaces cannot change the path. ``.`` and ``..`` cannot be
    encoded safely (HTTP libraries and servers remove dot segments, even as
    ``%2E``): an id of ``..`` would act on the parent path, such as a whole
    list. They are refused, as is an empty id.
    """
    text = '' if value is None else str(value)
    if text in ('', '.', '..'):
        raise OptionError('%s %r cannot be used: it would name another path than the object meant' % (what, text),
                          vendor=vendor, hint='give the id or name of the object itself')
    return quote(text, safe='')


def multipart_body(parts, boundary=None):
    """A ``multipart/form-data`` body (RFC 7578): ``(content_type, body_bytes)``.

    ``parts`` is a list of ``(name, filename, content_type, data)``: ``filename``
    None for a plain field, ``content_type`` None for none, ``data`` bytes (or
    text, sent as UTF-8) copied byte for byte. Quotes, CR and LF in a name or
    file name are percent-encoded as browsers do (the HTML form submission
    rules), so they cannot end the header. The boundary is random and never
    occurs in the data.
    """
    encoded = []
    for name, filename, content_type, data in parts:
        data = data.encode('utf-8') if isinstance(data, str) else bytes(data)
        disposition = 'form-data; name="%s"' % _multipart_quote(name)
        if filename is not None:
            disposition += '; filename="%s"' % _multipart_quote(filename)
        head = 'Content-Disposition: %s\r\n' % disposition
        if content_type:
            head += 'Content-Type: %s\r\n' % content_type.replace('\r', '').replace('\n', '')
        encoded.append((head.encode('utf-8'), data))
    while boundary is None or any(boundary.encode('ascii') in data for _dummy, data in encoded):
        boundary = 'restauth-%s' % ''.join(random.choice('0123456789abcdef') for _dummy in range(32))
    delimiter = ('--%s' % boundary).encode('ascii')
    body = b''.join(delimiter + b'\r\n' + head + b'\r\n' + data + b'\r\n' for head, data in encoded) + delimiter + b'--\r\n'
    return 'multipart/form-data; boundary=%s' % boundary, body


def _multipart_quote(text):
    return str(text).replace('"', '%22').replace('\r', '%0D').replace('\n', '%0A')


class _NoCookies:
    """A cookie policy that refuses every cookie (see ``HTTPClient._new_session``)."""

    netscape = True
    rfc2965 = False
    hide_cookie2 = False

    def set_ok(self, cookie, request):
        return False

    def return_ok(self, cookie, request):
        return False

    def domain_return_ok(self, domain, request):
        return False

    def path_return_ok(self, path, request):
        return False


def _origin(url):
    parts = urlsplit(url)
    port = parts.port or {'http': 80, 'https': 443}.get(parts.scheme)
    return '%s://%s:%s' % (parts.scheme, (parts.hostname or '').lower(), port)


def _set_cookie_lines(raw):
    """Every ``Set-Cookie`` header of a requests response (requests folds them into one string)."""
    original = getattr(raw.raw, 'headers', None)
    if original is not None and hasattr(original, 'getlist'):
        return original.getlist('Set-Cookie')
    folded = raw.headers.get('Set-Cookie')
    return [folded] if folded else []
