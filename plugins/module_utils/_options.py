# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""One table of connection options per vendor.

The table is the single source of the module argspec (with its environment
fallbacks), of what the ``token`` lookup accepts and validates, and of the doc
fragments (``tests/tools/doc_fragments.py`` writes them; a unit test fails when
they are out of date). Change an option here, never in three places.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import env_fallback


class Option:
    """One connection option. ``env`` is the environment variable read when the option is not set.

    ``description`` lines may name ``{url_example}`` and ``{token_module}``, which
    the doc fragment writer fills in for each vendor.
    """

    def __init__(self, name, description, type='str', default=None, env=None, no_log=None, required=False,
                 choices=None, elements=None):
        self.name = name
        self.description = description
        self.type = type
        self.default = default
        self.env = env
        self.no_log = no_log
        self.required = required
        self.choices = choices
        self.elements = elements

    def spec(self):
        """This option as an AnsibleModule argument spec entry."""
        entry = {'type': self.type}
        for key in ('default', 'no_log', 'choices', 'elements'):
            value = getattr(self, key)
            if value is not None:
                entry[key] = value
        if self.required:
            entry['required'] = True
        if self.env:
            entry['fallback'] = (env_fallback, [self.env])
        return entry


class Vendor:
    """A vendor's name, display title, environment prefix and connection options."""

    def __init__(self, name, title, env_prefix, token_module, url_example, extra_options=()):
        self.name = name
        self.title = title
        self.env_prefix = env_prefix
        self.token_module = token_module
        self.url_example = url_example
        self.options = tuple(_connection_options(self)) + tuple(extra_options)

    def option(self, name):
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(name)


def _connection_options(vendor):
    prefix = vendor.env_prefix
    return [
        Option('url', [
            'Base URL of the server, for example V({url_example}).',
            'Give the scheme, host, port and application path only; the collection adds the API paths.',
        ], required=True, env=prefix + '_URL'),
        Option('username', [
            'User to log in as. Not used when O(token) is set.',
        ], env=prefix + '_USERNAME'),
        Option('password', [
            'Password of O(username).',
        ], no_log=True, env=prefix + '_PASSWORD'),
        Option('token', [
            'A token obtained earlier, by {token_module} or the P(restauth.enterprise.token#lookup) lookup.',
            'When it is set, no login happens and the token is not logged out; a token the server refuses fails the task.',
        ], no_log=True, env=prefix + '_TOKEN'),
        Option('validate_certs', [
            "Verify the server's TLS certificate.",
            'Set to V(false) only on a test system: passwords and tokens could then be sent to an impostor.',
        ], type='bool', default=True, env=prefix + '_VALIDATE_CERTS'),
        Option('ca_path', [
            'PEM file with the certificate(s) of the CA that signed the server certificate,'
            ' when the node running the task does not already trust it.',
        ], type='path', env=prefix + '_CA_PATH'),
        Option('timeout', [
            'Seconds to wait for the whole answer of each HTTP request (its headers and body), from 1 to 3600.',
            'An answer body larger than 64 MiB is refused; the environment variable C(RESTAUTH_MAX_RESPONSE_BYTES)'
            ' (a number of bytes) changes that limit.',
        ], type='int', default=30),
        Option('retries', [
            'How often a request is repeated after a connection failure or an HTTP 429, 502, 503 or 504 answer,'
            ' waiting longer each time (exponential backoff).',
            'A write (C(POST), C(PATCH)) that may have reached the server is never repeated: only after HTTP 429 or 503'
            ' (the server says it did not process it) or when the connection never opened. After a 502, a 504, a read'
            ' timeout or a broken connection the task fails and says that the write may have gone through.',
            'A C(Retry-After) header of up to 60 seconds is honoured. V(0) disables retries.',
        ], type='int', default=3),
        Option('allow_http', [
            'Allow a plain V(http://) O(url).',
            'Off by default because passwords and tokens would cross the network in clear text.',
        ], type='bool', default=False),
        Option('token_cache', [
            'Reuse one login across tasks, hosts and forks through the encrypted token cache shared by every module'
            ' of the collection and the P(restauth.enterprise.token#lookup) lookup.',
            'The first task that needs a login logs in and stores the credential; later tasks with the same O(url), user,'
            ' authentication type and secret use it until shortly before it expires. Concurrent tasks wait for that one login.'
            ' A credential the server refuses is dropped and replaced by one new login. Cached credentials are not logged out.',
            'The cache lives in C(~/.cache/restauth) on the node that runs the task (C(RESTAUTH_CACHE_DIR) changes it),'
            ' directory mode 0700 and files 0600, encrypted with a key from C(RESTAUTH_CACHE_KEY) or a key file created'
            ' there. See the reusing logins guide for the trade-offs.',
            'No effect when there is no login to reuse: with O(token), an SPS API key or xMatters Basic authentication.',
            'Needs the Python library C(cryptography) where the task runs; without it the task warns and logs in by itself.',
        ], type='bool', default=False, env='RESTAUTH_TOKEN_CACHE', no_log=False),
        Option('token_cache_url', [
            'Where the token cache of O(token_cache) lives. Unset or V(file:///<directory>): the encrypted cache directory'
            ' on the node that runs the task.',
            'V(redis://[:password@]host:port/db), V(rediss://...) (TLS) or V(unix:///path/to/socket): a Redis or Valkey server'
            ' shared by every controller, execution node and job, so that one login serves them all. It holds the same'
            ' encrypted entries as the directory: C(RESTAUTH_CACHE_KEY) is then required (the same secret on every node),'
            ' and the server password may come from C(RESTAUTH_CACHE_PASSWORD). Needs the Python library C(redis) where the'
            ' task runs. A server that cannot be reached makes the task warn and log in without the cache.',
            'With the cache on, a C(Retry-After) of a 429 or 503 answer is recorded there for O(url), and other tasks wait'
            ' until then (60 seconds at most, and never longer than O(timeout)) before their next request.',
        ], env='RESTAUTH_CACHE_URL', no_log=True),
        Option('token_cache_logout', [
            'With O(token_cache): when this task replaces a cached login that this machine made (it is about to expire),'
            ' the old login is logged out instead of left to expire on the server, where it may hold a session or license.',
            'The module M(restauth.enterprise.token_cache) logs out and removes cached logins at the end of a workflow.',
        ], type='bool', default=False, env='RESTAUTH_CACHE_LOGOUT', no_log=False),
    ]


REMEDY = Vendor(
    'remedy', 'BMC Remedy AR System', 'REMEDY', 'restauth.enterprise.remedy_jwt_token', 'https://itsm.example.com:8443',
    extra_options=[
        Option('auth_string', [
            'The optional C(authString) login field, used by external authentication (AREA) plugins.',
        ], no_log=False),
        Option('ar_headers', [
            'Extra C(X-AR-*) headers sent on every call, for example C(X-AR-Client-Type), C(X-AR-RPC-Queue),'
            ' C(X-AR-Timeout) or C(X-AR-Trace-Id).',
            'Other header names are refused so that these cannot replace the C(Authorization) header.',
        ], type='dict'),
    ],
)

SPS = Vendor(
    'sps', 'One Identity Safeguard for Privileged Sessions', 'SPS', 'restauth.enterprise.sps_token', 'https://sps.example.com',
    extra_options=[
        Option('auth_type', [
            'How to log in: V(password) (O(username) and O(password), HTTP Basic), V(x509) (O(client_cert) and'
            ' O(client_key)) or V(api_key) (O(api_key)).',
            'When not set, V(api_key) is used if O(api_key) is set, V(x509) if O(client_cert) is set, else V(password).',
        ], choices=['password', 'x509', 'api_key']),
        Option('login_method', [
            'The id of the SPS login method to use (sent as C(login_method)); see M(restauth.enterprise.sps_login_methods_info).',
        ]),
        Option('client_cert', [
            'PEM file with the X.509 client certificate, for O(auth_type=x509).',
        ], type='path'),
        Option('client_key', [
            'PEM file with the private key of O(client_cert), when the certificate file does not hold it.',
        ], type='path', no_log=False),
        Option('api_key', [
            'An SPS API key, sent as C(Authorization: apikey <key>).',
            'An API key can read and change objects but cannot commit a configuration transaction.',
        ], no_log=True, env='SPS_API_KEY'),
    ],
)

XTAM = Vendor(
    'xtam', 'Xton Access Manager', 'XTAM', 'restauth.enterprise.xtam_token', 'https://pam.example.com/xtam',
    extra_options=[
        Option('auth_type', [
            'How to sign in: V(basic) (O(username) and O(password)) or V(token) (federated sign-in through CAS'
            ' with O(api_token)).',
            'When not set, V(token) is used if O(api_token) is set, else V(basic).',
        ], choices=['basic', 'token']),
        Option('api_token', [
            'An XTAM API authentication token, for O(auth_type=token).',
        ], no_log=True, env='XTAM_API_TOKEN'),
        Option('cas_url', [
            'Base URL of the federated sign-in (CAS) server, for O(auth_type=token).',
            'Default: the scheme, host and port of O(url) followed by C(/cas).',
        ]),
    ],
)

XMATTERS = Vendor(
    'xmatters', 'xMatters', 'XMATTERS', 'restauth.enterprise.xmatters_oauth_token', 'https://acme.xmatters.com',
    extra_options=[
        Option('auth_type', [
            'V(basic): HTTP Basic with O(username) and O(password), or with an API key as O(username) and its secret'
            ' as O(password).',
            'V(oauth): an OAuth access token obtained with O(client_id) and O(username)/O(password) or O(refresh_token).',
            'The token is renewed before it expires, and once when the server refuses it.',
            'When not set, V(oauth) is used if O(client_id) or O(refresh_token) is set, else V(basic).',
        ], choices=['basic', 'oauth']),
        Option('client_id', [
            'The xMatters OAuth client id (the company\'s client id shown in xMatters), for O(auth_type=oauth).',
        ], env='XMATTERS_CLIENT_ID'),
        Option('refresh_token', [
            'An OAuth refresh token, for O(auth_type=oauth); used instead of O(username) and O(password).',
        ], no_log=True, env='XMATTERS_REFRESH_TOKEN'),
    ],
)

TRUESIGHT = Vendor(
    'truesight', 'BMC TrueSight Presentation Server', 'TRUESIGHT', 'restauth.enterprise.truesight_token',
    'https://tsps.example.com:8043',
    extra_options=[
        Option('tenant', [
            'The TSWS tenant name sent as C(tenantName) at login.',
        ], default='*', env='TRUESIGHT_TENANT'),
    ],
)

DISCOVERY = Vendor(
    'discovery', 'BMC Discovery', 'DISCOVERY', 'restauth.enterprise.discovery_token', 'https://discovery.example.com',
    extra_options=[
        Option('api_version', [
            'The REST API version in every path (C(/api/v<api_version>/...)), for example V(1.14).',
            'When not set, the highest of the C(api_versions) that C(GET /api/about) lists, compared numerically'
            ' (V(1.10) is higher than V(1.9)); with O(token_cache) the answer is kept for a day.',
        ], env='DISCOVERY_API_VERSION'),
    ],
)

VENDORS = {
    REMEDY.name: REMEDY,
    SPS.name: SPS,
    XTAM.name: XTAM,
    XMATTERS.name: XMATTERS,
    TRUESIGHT.name: TRUESIGHT,
    DISCOVERY.name: DISCOVERY,
}


#: the connection options of a module that calls only endpoints needing no login (sps_login_methods_info): any
#: credential or token cache option would be ignored there, so such a module does not accept them
ANONYMOUS_OPTIONS = ('url', 'validate_certs', 'ca_path', 'timeout', 'retries', 'allow_http')
#: the vendors that have such a module (their doc fragment gets an ANONYMOUS variant)
ANONYMOUS_VENDORS = ('sps',)


def argument_spec(vendor, extra=None, anonymous=False):
    """The argument spec of a module of ``vendor``: its connection options (``ANONYMOUS_OPTIONS`` only if ``anonymous``) plus ``extra``."""
    spec = dict((option.name, option.spec()) for option in VENDORS[vendor].options if not anonymous or option.name in ANONYMOUS_OPTIONS)
    spec.update(extra or {})
    return spec


def vendor_of(name_or_title):
    """The ``Vendor`` named ``name_or_title`` (its key, ``remedy``, or its display title), or None."""
    for vendor in VENDORS.values():
        if name_or_title in (vendor.name, vendor.title):
            return vendor
    return None


def where_to_set(vendor, name, lookup=False):
    """Where option ``name`` of ``vendor`` can be set, for a message: ``option username or env REMEDY_USERNAME``.

    ``lookup`` names what a lookup reads instead (its keyword and the ``ansible_restauth_*`` variables).
    The environment variable comes from the option table, so a message cannot name a variable that is not read.
    """
    vendor = vendor_of(vendor)
    try:
        env = vendor.option(name).env if vendor is not None else None
    except KeyError:
        env = None
    if lookup:
        places = ['keyword %s' % name, 'variable ansible_restauth_%s_%s' % (vendor.name, name) if vendor else None,
                  'env %s' % env if env else None, 'variable ansible_restauth_%s' % name if vendor else None]
    else:
        places = ['option %s' % name, 'env %s' % env if env else None]
    places = [place for place in places if place]
    return ' or '.join(places) if len(places) < 3 else '%s or %s' % (', '.join(places[:-1]), places[-1])


def missing_text(vendor, names, lookup=False):
    """``no username given (option username or env REMEDY_USERNAME)`` for each option in ``names``."""
    return '; '.join('no %s given (%s)' % (name, where_to_set(vendor, name, lookup)) for name in names)
