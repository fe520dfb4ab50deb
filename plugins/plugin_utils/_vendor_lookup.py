# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This plugin_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The controller side of the collection: lookups that log in to a vendor.

A lookup reads the same connection options as the vendor's modules and
validates them with the very argument spec the modules use, so the two cannot
drift apart. Each option is taken from the first of: the lookup's keywords, an
``ansible_restauth_<vendor>_<option>`` variable, the vendor's environment
variable (``SPS_URL``), a vendor-neutral ``ansible_restauth_<option>`` variable.
A URL and credentials never come from different sides of that line: a neutral
URL with the vendor's credentials (or the reverse) is refused, because the
neutral variables may have been set for another vendor's server.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import difflib
import os

from ansible.errors import AnsibleLookupError
from ansible.module_utils.basic import missing_required_lib
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import MissingOptionError, basic_secrets
from ansible_collections.restauth.enterprise.plugins.module_utils._http import HAS_REQUESTS
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import RestAuthError, scrub
from ansible_collections.restauth.enterprise.plugins.module_utils._options import VENDORS, argument_spec, missing_text
from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY

display = Display()


class VendorLookupBase(LookupBase):
    """A lookup that connects to one vendor with the vendor's connection options."""

    #: options of the lookup itself, not connection options
    OWN_OPTIONS = ()

    def load_options(self, variables, direct):
        """``set_options`` with the ``ansible_restauth_*`` variables templated first.

        Lookups receive variables as written, and a value such as
        ``ansible_restauth_url: "{{ itsm_url }}"`` in group_vars is the normal way
        to set them.
        """
        ours = dict((name, value) for name, value in (variables or {}).items() if name.startswith('ansible_restauth_'))
        if ours:
            ours = self._templar.template(ours)
        self.restauth_vars = ours
        self.set_options(var_options=ours, direct=direct)

    def vendor_name(self, name):
        name = str(name).strip().lower()
        if name in REGISTRY:
            return name
        raise AnsibleLookupError('unknown vendor %r; choose one of %s' % (name, ', '.join(sorted(REGISTRY))))

    def vendor_params(self, vendor, direct):
        """The validated connection options of ``vendor`` (keywords, then variables, then environment)."""
        spec = argument_spec(vendor)
        refuse_unknown_options(vendor, direct, self.OWN_OPTIONS, str(getattr(self, '_load_name', None) or 'token').rsplit('.', 1)[-1])
        given, sources = option_sources(vendor, direct, getattr(self, 'restauth_vars', {}))
        refuse_mixed_sources(vendor, sources)
        missing = [option.name for option in VENDORS[vendor].options if option.required and option.name not in sources]
        if missing:
            raise AnsibleLookupError('%s: %s' % (VENDORS[vendor].title, missing_text(vendor, missing, lookup=True)))
        result = ArgumentSpecValidator(spec).validate(given)
        if result.error_messages:
            raise AnsibleLookupError('%s: %s' % (VENDORS[vendor].title, '; '.join(result.error_messages)))
        return result.validated_parameters

    def connect(self, vendor, params, keep):
        """The vendor API for ``params``; errors become ``AnsibleLookupError`` without any secret."""
        if not HAS_REQUESTS:
            raise AnsibleLookupError(missing_required_lib('requests'))

        def warn(message):
            display.warning(scrub(message, option_secrets(vendor, params)))

        try:
            return REGISTRY[vendor].connect(params, warn=warn, keep=keep)
        except MissingOptionError as exc:
            # Worded for a lookup: keywords and ansible_restauth_* variables rather than module options.
            raise lookup_error(exc.in_lookup(), vendor, params)
        except RestAuthError as exc:
            raise lookup_error(exc, vendor, params)


# Options that say who logs in: they must come from the same side as the URL they are sent to.
IDENTITY_OPTIONS = ('username', 'client_id', 'client_cert', 'client_key')


def refuse_unknown_options(vendor, direct, own_options, lookup):
    """Refuse the keywords that are no option of the ``lookup`` for ``vendor``, each described for what it is.

    An option of another vendor is named as such; any other name is unknown, with the nearest valid name when one is close.
    """
    valid = set(option.name for option in VENDORS[vendor].options) | set(own_options)
    problems = []
    for name in sorted(set(direct) - valid):
        others = sorted(other.name for other in VENDORS.values() if other.name != vendor and name in [option.name for option in other.options])
        if others:
            problems.append('%s is a%s %s option, not a %s one' % (name, 'n' if others[0][0] in 'aeiosx' else '', '/'.join(others), vendor))
            continue
        close = difflib.get_close_matches(name, sorted(valid), n=1)
        problems.append('unknown option %s for the %s lookup; %s' % (
            name, lookup if lookup.startswith(vendor) else '%s %s' % (vendor, lookup),
            'did you mean %s?' % close[0] if close else 'its options are %s' % ', '.join(sorted(valid))))
    if problems:
        raise AnsibleLookupError('%s: %s' % (VENDORS[vendor].title, '; '.join(problems)))


def option_sources(vendor, direct, variables):
    """``(given, sources)``: the value of each connection option of ``vendor`` and where it comes from.

    The first of: a keyword of the lookup, the ``ansible_restauth_<vendor>_<option>`` variable, the vendor's
    environment variable (left to the argument spec's fallback, only named here), the vendor-neutral
    ``ansible_restauth_<option>`` variable. Options set nowhere are absent from both.
    """
    given, sources = {}, {}
    for option in VENDORS[vendor].options:
        name = option.name
        scoped, neutral = 'ansible_restauth_%s_%s' % (vendor, name), 'ansible_restauth_%s' % name
        if direct.get(name) is not None:
            given[name], sources[name] = direct[name], 'keyword'
        elif variables.get(scoped) is not None:
            given[name], sources[name] = variables[scoped], scoped
        elif option.env and option.env in os.environ:
            sources[name] = option.env
        elif variables.get(neutral) is not None:
            given[name], sources[name] = variables[neutral], neutral
    return given, sources


def refuse_mixed_sources(vendor, sources):
    """Refuse a URL and credentials of which one comes from a vendor-neutral variable and the other from the vendor's own settings.

    Keywords belong to the call and go with either side.
    """
    url = sources.get('url')
    if url in (None, 'keyword'):
        return
    url_neutral = url == 'ansible_restauth_url'
    secret = set(option.name for option in VENDORS[vendor].options if option.no_log)
    for name in sorted(sources):
        if name == 'url' or sources[name] == 'keyword' or (name not in secret and name not in IDENTITY_OPTIONS):
            continue
        if (sources[name] == 'ansible_restauth_%s' % name) != url_neutral:
            raise AnsibleLookupError(
                '%s: the url comes from %s but %s comes from %s; a vendor-neutral variable may be meant for another vendor\'s '
                'server, so the two are not combined. Set both for this vendor (keywords, ansible_restauth_%s_* variables or the '
                '%s_* environment variables) or both as vendor-neutral ansible_restauth_* variables'
                % (VENDORS[vendor].title, url, name, sources[name], vendor, VENDORS[vendor].env_prefix))


def option_secrets(vendor, params):
    """The secret option values in ``params``, and the Basic pair of username and password (``scrub`` adds their encodings)."""
    secrets = [params.get(option.name) for option in VENDORS[vendor].options if option.no_log and params.get(option.name)]
    secrets.extend(basic_secrets(params.get('username'), params.get('password')))
    return secrets


def lookup_error(error, vendor, params, api=None):
    """``error`` as an ``AnsibleLookupError``, with the secret options and any token obtained masked.

    Lookup errors reach the output as they are: Ansible's no_log masking does
    not apply to them.
    """
    secrets = option_secrets(vendor, params)
    if api is not None:
        secrets.extend(api.client.secrets())
    return AnsibleLookupError(scrub(str(error), secrets))
