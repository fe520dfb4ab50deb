# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""One HTTP client for every vendor, over a ``requests.Session``.

It owns what no vendor should write twice: base URL joining, TLS settings,
timeouts, retries with exponential backoff (connection failures and
429/502/503/504, ``Retry-After`` honoured), a non-browser User-Agent, the
``http://`` refusal, JSON decoding with readable failures, the mapping of HTTP
errors to the collection's exceptions, and the single "401 -> drop the
credential -> log in once -> retry once" renewal.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import email.utils
import json
import os
import random
import re
import time
import traceback
import warnings

from urllib.parse import quote, urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import AuthSession
from ansible_collections.restauth.enterprise.plugins.module_utils._cache import CacheUnavailable, TokenCache
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
    from urllib3.exceptions import InsecureRequestWarning, NewConnectionError
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

# Keep in step with galaxy.yml (a unit test checks it).
COLLECTION_VERSION = '0.1.0'
# Some appliances treat browser User-Agents differently (SPS answers them with
# web-UI behaviour), so the collection names itself plainly.
USER_AGENT = 'restauth.enterprise/%s (Ansible collection; +https://github.com/restauth/enterprise)' % COLLECTION_VERSION

RETRY_STATUSES = frozenset((429, 502, 503, 504))
# A request that may have reached the server is repeated only when repeating
# it is harmless; a POST is repeated only when it surely never left.
IDEMPOTENT_METHODS = frozenset(('GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'))
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
# A server that asks for a longer pause than this gets an error instead of a
# task that hangs for minutes without a word.
MAX_RETRY_AFTER = 60.0
SNIPPET_LENGTH = 200


class ErrorInfo:
    """What a vendor's error body says: its message, its own error code, and a hint."""

    def __init__(self, message=None, code=None, hint=None):
        self.message = message
        self.code = code
        self.hint = hint


class Response:
    """An HTTP answer, read whole, with the request it answers."""

    def __init__(self, vendor, method, url, status, headers, content, reason='', set_cookies=None):
        self.vendor = vendor
        self.method = method
        self.url = url
        self.status = status
        self.headers = headers
        self.content = content or b''
        self.reason = reason or ''
        self.set_cookies = list(set_cookies or [])
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
        text = ' '.join(self.text.split())
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
        except ValueError:
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


def check_url(url, vendor, allow_http=False):
    """Refuse URLs that cannot work or would send credentials in clear text."""
    parts = urlsplit(url or '')
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise OptionError(
            'url %r is not an absolute http(s) URL' % (url,), vendor=vendor,
            hint='give the base URL of the server, for example https://server.example.com:8443',
        )
    if parts.scheme == 'http' and not allow_http:
        raise OptionError(
            'refusing the plain http:// URL %s: passwords and tokens would travel in clear text' % url, vendor=vendor,
            hint='use the https:// URL of the server, or set allow_http: true on a trusted test network',
        )
    return url.rstrip('/')


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
    if value.isdigit():
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
    except (TypeError, ValueError, IndexError):
        return None
    return when.timestamp() if when is not None else None


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
    returning an ``ErrorInfo`` or None.
    """

    def __init__(self, vendor, url, auth=None, validate_certs=True, ca_path=None, timeout=30, retries=3,
                 allow_http=False, headers=None, describe_error=None, client_cert=None, warn=None,
                 sleep=time.sleep, rng=random.random, other_urls=()):
        self.vendor = vendor
        self.base_url = check_url(url, vendor, allow_http)
        # Servers the user named besides url (such as a separate sign-in server)
        # that absolute URLs may also point at.
        self.origins = [_origin(self.base_url)] + [_origin(check_url(other, vendor, allow_http)) for other in other_urls]
        self.auth = auth
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.headers = dict(headers or {})
        self.describe_error = describe_error
        self.warn = warn or (lambda message: None)
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
            if _origin(path) not in self.origins:
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
        new one is obtained and the request is sent again, once.
        """
        method = method.upper()
        url = self.url_for(path)
        credential = self.auth.current(self) if authenticated and self.auth else None
        response = self._send(method, url, params=params, json=json, data=data, headers=self._headers(headers, credential))

        if credential is not None and self.auth.authenticator.rejects(response) and self.auth.can_renew:
            self.auth.refused(credential)
            credential = self.auth.current(self)
            response = self._send(method, url, params=params, json=json, data=data, headers=self._headers(headers, credential))

        if not response.ok and response.status not in expect:
            raise self.error_for(response)
        return response

    def _headers(self, headers, credential):
        """The client's headers, the request's own, then what the credential carries."""
        merged = dict(self.headers)
        merged.update(headers or {})
        if credential is not None:
            merged.update(credential.request_headers())
        return merged

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, **kwargs):
        return self.request('POST', path, **kwargs)

    def put(self, path, **kwargs):
        return self.request('PUT', path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)

    def _send(self, method, url, **kwargs):
        attempt = 0
        while True:
            try:
                raw = self._transmit(method, url, **kwargs)
            except requests_errors.SSLError as exc:
                raise TLSError(
                    'TLS connection to %s failed: %s' % (_origin(url), _root_cause(exc)), vendor=self.vendor,
                    hint='set ca_path to the PEM file of the CA that signed the server certificate, '
                         'or validate_certs: false to skip verification (never in production)',
                )
            except (requests_errors.ConnectionError, requests_errors.Timeout) as exc:
                if attempt < self.retries and (method in IDEMPOTENT_METHODS or _request_never_left(exc)):
                    self._sleep(backoff_delay(attempt, self._rng))
                    attempt += 1
                    continue
                raise self._transport_error(exc, method, url, attempt)
            response = Response(self.vendor, method, url, raw.status_code, raw.headers, raw.content, raw.reason,
                                _set_cookie_lines(raw))
            response.attempts = attempt + 1
            if response.status in RETRY_STATUSES and attempt < self.retries:
                delay = self._retry_delay(response, attempt)
                if delay is not None:
                    self._sleep(delay)
                    attempt += 1
                    continue
            return response

    def _transmit(self, method, url, **kwargs):
        with warnings.catch_warnings():
            # The user chose validate_certs: false and was warned once; urllib3
            # would otherwise print the same warning to stderr on every request.
            warnings.simplefilter('ignore', InsecureRequestWarning)
            return self.session.request(method, url, timeout=self.timeout, verify=self.verify, allow_redirects=False, **kwargs)

    def _retry_delay(self, response, attempt):
        asked = parse_retry_after(response.header('Retry-After'))
        if asked is None:
            return backoff_delay(attempt, self._rng)
        if asked > MAX_RETRY_AFTER:
            return None
        return asked

    def _transport_error(self, exc, method, url, attempt):
        tries = ' after %d attempts' % (attempt + 1) if attempt else ''
        if isinstance(exc, requests_errors.Timeout):
            return TransportError(
                '%s %s got no answer within %s seconds%s' % (method, urlsplit(url).path, self.timeout, tries),
                vendor=self.vendor, hint='raise the timeout option if the server is slow, or check that url is right',
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
        return error_class(message, vendor=self.vendor, status=response.status, hint=info.hint or self._generic_hint(response),
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


class VendorAPI:
    """What every vendor's API object offers the modules and lookups: its client, the credential in use, release.

    The lookups rely on ``login()`` and ``close()``; each vendor adds its own calls.
    """

    def __init__(self, client):
        self.client = client

    def login(self):
        """The credential in use: a new login, or the one given (a token, an API key)."""
        return self.client.auth.current(self.client)

    def close(self):
        """Release what the task's own login obtained; return the errors met doing so."""
        return self.client.close()


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


def require_file(option, path, vendor):
    """Fail before any request when the file named by ``option`` does not exist."""
    if path and not os.path.isfile(path):
        raise OptionError('%s %s is not a readable file' % (option, path), vendor=vendor,
                          hint='give the path of a PEM file on the node that runs the task')


def url_without_suffix(url, suffix, warn):
    """``url`` without a trailing ``suffix`` the collection adds itself (users copy base URLs from API docs)."""
    if url and urlsplit(url).path.rstrip('/').endswith(suffix):
        warn('url ends with %s; the collection adds the API paths itself, so %s was removed from %s' % (suffix, suffix, url))
        return url.rstrip('/')[:-len(suffix)]
    return url


def connect_client(vendor, params, authenticator, keep=False, **kwargs):
    """An ``HTTPClient`` built from the common connection options in ``params``.

    ``keep`` leaves a credential obtained by login valid when the client is
    closed (the token modules and the lookup hand it to the user). Without an
    ``authenticator`` the client sends no credentials (anonymous endpoints).
    """
    ca_path = params.get('ca_path')
    require_file('ca_path', ca_path, vendor)
    client = HTTPClient(
        vendor, params.get('url'), auth=AuthSession(authenticator, keep=keep) if authenticator is not None else None,
        validate_certs=params.get('validate_certs', True), ca_path=ca_path,
        timeout=params.get('timeout', 30), retries=params.get('retries', 3), allow_http=params.get('allow_http', False),
        **kwargs
    )
    if params.get('token_cache') and client.auth is not None:
        client.auth.cache = cache_slot(vendor, client.base_url, authenticator, client.warn, timeout=client.timeout)
    return client


def cache_slot(vendor, url, authenticator, warn, environ=None, timeout=None):
    """The token cache entry of this login, or None: nothing to cache (a given token), or no usable cache (warned).

    A login waits at most ``timeout`` (the login's own option) for a neighbour's login before logging in itself.
    """
    identity = authenticator.cache_identity()
    if identity is None:
        return None
    try:
        cache = TokenCache.from_environment(environ)
    except CacheUnavailable as exc:
        warn('%s: token_cache is on but the cache cannot be used (%s); the task logs in without it' % (vendor, exc))
        return None
    names, secrets = identity
    return cache.slot(vendor, url, names, secrets, wait=timeout, warn=warn)


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
