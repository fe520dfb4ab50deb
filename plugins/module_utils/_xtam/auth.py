# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""XTAM sign-in: Basic, the federated (CAS) API-token flow, and a session the user already holds.

Every method ends in ``session_credential``: whoami's answer gives the session cookie and the XSRF token that
every later call sends. Which method a task uses is decided by ``METHODS`` through ``_auth.choose_authenticator``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import urljoin, urlsplit, parse_qs

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import (
    AuthMethod,
    Authenticator,
    Credential,
    GivenCredential,
    basic_authorization,
    basic_secrets,
    choose_authenticator,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import AuthenticationError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam import protocol

BASIC_HINT = ('the user name or password is wrong, or the account is locked; check username and password '
              '(or XTAM_USERNAME / XTAM_PASSWORD). When XTAM only allows federated sign-in, use auth_type: token with api_token')
TOKEN_HINT = ('the API token is unknown, disabled or expired; check api_token (or XTAM_API_TOKEN) and that the token '
              'is enabled in XTAM (tokens need the Federated Sign-in Module)')
XSRF_MISSING_HINT = ('XTAM set no %s cookie on GET %s, so the call went without the %s header, and this server '
                     'refuses data-modifying calls without it (cross-site scripting protection): check that no proxy or '
                     'load balancer between here and XTAM drops Set-Cookie headers' % (protocol.XSRF_COOKIE, protocol.WHOAMI_PATH, protocol.XSRF_HEADER))
XSRF_RENEWAL_REFUSED_HINT = ('XTAM refused a data-modifying call for its XSRF token, then the session itself when asked for a '
                             'fresh token (it expired meanwhile); nothing was changed. Run the task again (with token, get a new session first)')
SESSION_HINT = ('the session expired or was signed out; get a new one with restauth.enterprise.xtam_token, or give '
                'username/password or api_token instead of token so the module can sign in')


def is_cas_login(location):
    """Whether ``location`` is the CAS login page (where XTAM sends a session it no longer accepts)."""
    return bool(location) and urlsplit(location).path.rstrip('/').endswith(protocol.CAS_DEFAULT_PATH + protocol.CAS_LOGIN_PATH)


def default_cas_url(url):
    """``<scheme://host[:port]>/cas`` for an XTAM ``url``."""
    parts = urlsplit(url or '')
    return '%s://%s%s' % (parts.scheme, parts.netloc, protocol.CAS_DEFAULT_PATH)


def error_message(response):
    """The message of an XTAM error answer (a Spring-style JSON object's ``message``, else its ``error``), or None."""
    body = response.error_body()
    if isinstance(body, dict):
        message = body.get('message') or body.get('error')
        return str(message) if message else None
    return None


def names_xsrf(message):
    """Whether an error message names the XSRF (CSRF) protection."""
    return bool(message) and any(word in message.lower() for word in protocol.XSRF_REFUSED_WORDS)


def xsrf_refused(response):
    """Whether ``response`` is the XSRF check refusing a data-modifying call that carried a token (a stale one).

    The check runs before the call is handled, so the call was surely not processed (see ``protocol.XSRF_REFUSED_STATUS``).
    """
    sent = response.request_headers
    return (response.status == protocol.XSRF_REFUSED_STATUS and response.method in protocol.XSRF_METHODS
            and sent is not None and protocol.XSRF_HEADER in sent and names_xsrf(error_message(response)))


def session_credential(client, request_headers, given_session=None, refused_hint=None):
    """``GET /rest/user/whoami`` with what authenticates (Basic or the session cookie); the session and XSRF cookies.

    ``request_headers`` carry the authentication; the answer's cookies give the
    credential every later call sends: the session cookie and the XSRF token,
    also as the ``X-XSRF-TOKEN`` header. ``given_session`` is the session cookie
    value already held (XTAM need not set it again).

    The XSRF token comes from whoami's ``XSRF-TOKEN`` cookie, its only public source
    (see ``protocol.XSRF_COOKIE``). When whoami sets none, the credential carries no
    XSRF token: reads need none, and a write is sent without it (a server whose
    protection is off accepts it; one that refuses it gets ``XSRF_MISSING_HINT``).
    """
    response = client.get(protocol.WHOAMI_PATH, authenticated=False, headers=request_headers, expect=(301, 302, 303, 401))
    if not response.ok:
        error = client.error_for(response)
        if response.status == 401 and refused_hint:
            error.hint = refused_hint
        raise error
    user = response.json()
    cookies = response.cookies()
    session = cookies.get(protocol.SESSION_COOKIE) or given_session
    xsrf = cookies.get(protocol.XSRF_COOKIE)
    if not session:
        raise ResponseFormatError(
            'GET %s answered without a %s session cookie' % (protocol.WHOAMI_PATH, protocol.SESSION_COOKIE), vendor=VENDOR,
            status=response.status, hint='check that url includes the XTAM application path, for example https://pam.example.com/xtam',
        )
    sent_headers, sent_cookies = {}, {protocol.SESSION_COOKIE: session}
    if xsrf:
        sent_headers[protocol.XSRF_HEADER] = sent_cookies[protocol.XSRF_COOKIE] = xsrf
    credential = Credential(token=session, headers=sent_headers, cookies=sent_cookies)
    credential.user = user
    return credential


def end_session(client, credential, unsupported=()):
    """``POST /logout`` with the session of ``credential``: True when XTAM ended it.

    False when XTAM no longer knew the session (401), or answered one of the ``unsupported`` statuses.
    """
    response = client.post(protocol.LOGOUT_PATH, authenticated=False, headers=credential.request_headers(),
                           expect=(301, 302, 303, 401) + tuple(unsupported))
    return 300 <= response.status < 400 or response.ok


def session_cookie_header(session):
    """The ``Cookie`` header that authenticates with the session cookie alone."""
    return {'Cookie': '%s=%s' % (protocol.SESSION_COOKIE, session)}


class _RenewsXsrf:
    """A write refused for a stale XSRF token is cured by a new whoami on the same session (its fresh token)."""

    def refresh(self, client, credential, response):
        if not xsrf_refused(response):
            return None
        return session_credential(client, session_cookie_header(credential.token), credential.token,
                                  refused_hint=XSRF_RENEWAL_REFUSED_HINT)


class _SignsOut:
    """A sign-in that opens its own session ends it when the task is done (unless the session is kept or cached)."""

    def logout(self, client, credential):
        return end_session(client, credential, unsupported=protocol.LOGOUT_UNSUPPORTED)


def _rejects(response, cas_url):
    """401, or a redirect to the CAS login page: the session is no longer accepted."""
    if response.status == 401:
        return True
    location = response.header('Location')
    if 300 <= response.status < 400 and location:
        target = urljoin(response.url, location)
        return target.startswith(cas_url.rstrip('/') + protocol.CAS_LOGIN_PATH) or is_cas_login(target)
    return False


class XtamBasicLogin(_RenewsXsrf, _SignsOut, Authenticator):
    """HTTP Basic on ``/rest/user/whoami``; the session cookie and XSRF token from its answer."""

    vendor = VENDOR
    method = 'basic'

    def __init__(self, username, password, cas_url):
        self.username = username
        self.password = password
        self.cas_url = cas_url

    def validate(self):
        self.require(username=self.username, password=self.password)

    def login(self, client):
        headers = {'Authorization': basic_authorization(self.username, self.password)}
        return session_credential(client, headers, refused_hint=BASIC_HINT)

    def rejects(self, response):
        return _rejects(response, self.cas_url)

    def secrets(self):
        return basic_secrets(self.username, self.password)

    def cache_identity(self):
        return (self.method, self.username), (self.password,)


class XtamTokenLogin(_RenewsXsrf, _SignsOut, Authenticator):
    """Federated sign-in with an API token: CAS ``/login`` with a ``token`` header, the service ticket, the session."""

    vendor = VENDOR
    method = 'token'

    def __init__(self, api_token, url, cas_url):
        self.api_token = api_token
        self.url = url.rstrip('/')
        self.cas_url = cas_url.rstrip('/')

    def validate(self):
        self.require(api_token=self.api_token)

    def login(self, client):
        ticket_url = self.service_ticket(client)
        response = client.get(ticket_url, authenticated=False, expect=(302, 303))
        session = response.cookies().get(protocol.SESSION_COOKIE)
        if not session:
            raise AuthenticationError(
                'GET %s?%s=... answered HTTP %s without a %s session cookie: XTAM did not accept the service ticket'
                % (urlsplit(ticket_url).path, protocol.TICKET_PARAM, response.status, protocol.SESSION_COOKIE),
                vendor=VENDOR, status=response.status,
                hint='service tickets are single-use and short-lived; check that the clocks of XTAM and CAS agree and that '
                     'url is the service XTAM registered with CAS',
            )
        return session_credential(client, session_cookie_header(session), session,
                                  refused_hint='XTAM refused the session it had just opened from the service ticket')

    def service_ticket(self, client):
        """The XTAM URL with a service ticket, from the CAS ``Location`` header (redirects are not followed)."""
        path = self.cas_url + protocol.CAS_LOGIN_PATH
        response = client.get(path, params={'service': self.url + '/'}, authenticated=False,
                              headers={protocol.TOKEN_HEADER: self.api_token, 'Accept': 'text/html, */*'}, expect=(200, 302, 303))
        location = response.header('Location')
        if response.status == 200 or not location:
            raise AuthenticationError(
                'GET %s answered HTTP %s without a service ticket: CAS did not accept the API token'
                % (urlsplit(path).path, response.status), vendor=VENDOR, status=response.status, hint=TOKEN_HINT,
            )
        target = urljoin(path, location)
        if not target.startswith(self.url + '/') or not parse_qs(urlsplit(target).query).get(protocol.TICKET_PARAM):
            raise ResponseFormatError(
                'CAS redirected to %s instead of %s/?%s=<service ticket>' % (target.split('?')[0], self.url, protocol.TICKET_PARAM),
                vendor=VENDOR, status=response.status,
                hint='check that url is the XTAM address registered as a service in the federated sign-in module',
            )
        return target

    def rejects(self, response):
        return _rejects(response, self.cas_url)

    def secrets(self):
        return [self.api_token]

    def cache_identity(self):
        return (self.method, self.cas_url), (self.api_token,)


class XtamGivenSession(_RenewsXsrf, GivenCredential):
    """A session cookie value the user holds (the ``token`` option); its XSRF token is fetched once from whoami."""

    def __init__(self, token, cas_url=None):
        super(XtamGivenSession, self).__init__(Credential(token=token, cookies={protocol.SESSION_COOKIE: token}), vendor=VENDOR)
        self.token = token
        self.cas_url = cas_url

    def login(self, client):
        return session_credential(client, session_cookie_header(self.token), self.token, refused_hint=SESSION_HINT)

    def rejects(self, response):
        return _rejects(response, self.cas_url or default_cas_url(response.url))


def _urls(params):
    """``url`` and ``cas_url`` (its default derived from ``url``), without trailing slashes."""
    url = (params.get('url') or '').rstrip('/')
    return url, (params.get('cas_url') or default_cas_url(url)).rstrip('/')


def _token_login(params, warn=None):
    url, cas_url = _urls(params)
    return XtamTokenLogin(params.get('api_token'), url, cas_url)


def _basic_login(params, warn=None):
    return XtamBasicLogin(params.get('username'), params.get('password'), _urls(params)[1])


def _given_session(params, name):
    """The ``token`` option is a session cookie value, whatever method the other options name."""
    return XtamGivenSession(params['token'], cas_url=_urls(params)[1])


#: The sign-in methods, for ``_auth.choose_authenticator``: token when api_token is set, else basic.
METHODS = (
    AuthMethod('token', _token_login, implied_by=('api_token',)),
    AuthMethod('basic', _basic_login),
)


def authenticator_for(params, warn=None):
    """The sign-in the options ask for: a given session, the CAS token flow, or Basic."""
    return choose_authenticator(METHODS, params, warn=warn, given=_given_session)
