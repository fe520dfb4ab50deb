# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The SPS adapters of the shared engine (``_resource``): configuration objects (``sps_config``), API keys
(``sps_api_key``) and the session of ``sps_token``. Only what is specific to SPS is here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import datetime
import json

from contextlib import nullcontext

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import REDACTED, NotFoundError, OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601
from ansible_collections.restauth.enterprise.plugins.module_utils._sps import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.api import config_path, config_url
from ansible_collections.restauth.enterprise.plugins.module_utils._sps.auth import auth_type_of


# 9999-12-31T23:59:59Z: the last moment ISO 8601 can write with four digits.
LATEST_MOMENT = 253402300799


def moment(value, option):
    """``value`` (epoch seconds, or ISO 8601 where no zone means UTC) as epoch seconds; ``option`` names it in errors."""
    seconds = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        text = str(value).strip()
        try:
            seconds = float(text)
        except ValueError:
            try:
                parsed = datetime.datetime.fromisoformat(text[:-1] + '+00:00' if text[-1:] in ('Z', 'z') else text)
                seconds = (parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.timezone.utc)).timestamp()
            except (ValueError, OverflowError):
                seconds = None
    if seconds is None or not 0 <= seconds <= LATEST_MOMENT:  # also NaN and infinity
        raise OptionError('%s %r is neither ISO 8601 nor epoch seconds' % (option, value), vendor=VENDOR,
                          hint='for example 2026-01-31T08:00:00Z, 2026-01-31 or 1769846400')
    return seconds


def audit_query(params):
    """The query parameters of the session search for the options of sps_session_info (``protocol`` says how each is sent)."""
    query = {}
    if params.get('query'):
        query[protocol.AUDIT_QUERY] = params['query']
    window = {}
    for option in ('start', 'end'):
        if params.get(option) not in (None, ''):
            window[option] = moment(params[option], option)
            query[option] = iso8601(window[option])
    if len(window) == 2 and window['start'] > window['end']:
        raise OptionError('start %s is after end %s' % (query['start'], query['end']), vendor=VENDOR)
    if params.get('fields'):
        query['fields'] = protocol.AUDIT_FIELDS_SEPARATOR.join(params['fields'])
    if params.get('sort'):
        query['sort'] = params['sort']
    return query


# Field names whose values sps_config masks in its diff and result (bodies may carry passwords or keys).
DEFAULT_SECRET_KEYS = ('password', 'passphrase', 'secret', 'token', 'private_key', 'api_key', 'plain', 'key_passphrase')


def deep_merge(current, wanted):
    """``current`` with ``wanted`` laid over it: nested objects merge, everything else is replaced."""
    merged = copy.deepcopy(current) if isinstance(current, dict) else {}
    for key, value in wanted.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def mask(value, secret_keys):
    """A copy of ``value`` with the values of ``secret_keys`` replaced by a mask, at any depth."""
    if isinstance(value, dict):
        return dict((k, REDACTED if k in secret_keys and v not in (None, '') else mask(v, secret_keys)) for k, v in value.items())
    if isinstance(value, list):
        return [mask(item, secret_keys) for item in value]
    return value


def secret_values(value, secret_keys):
    """Every string held under one of ``secret_keys`` in ``value`` (for Ansible's no_log masking)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in secret_keys and isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item):
                found.append(str(item))
            else:
                found.extend(secret_values(item, secret_keys))
    elif isinstance(value, list):
        for item in value:
            found.extend(secret_values(item, secret_keys))
    return found


class ConfigResource(Resource):
    """One configuration object of ``sps_config``: a singleton, an item of a list (found by ``match`` or ``key``,
    or named by its own path), brought to ``body`` (laid over it with ``merge``, or replacing it) in a transaction.

    An object here is ``{'key', 'body', 'list'}``: ``list`` is the path of the list the item belongs to, None
    for an object written at ``path`` itself (a singleton, or an item named by its path). SPS ``PUT`` replaces
    the whole object, so an update sends the complete new body (SPS REST API Reference Guide, "Change the
    configuration").
    """

    vendor = VENDOR
    module = 'sps_config'
    kind = 'item'
    body_key = 'body'
    id_key = 'key'
    none_leaves = False     # a null in body is a field emptied on purpose, as SPS stores it

    def __init__(self, api, params):
        super(ConfigResource, self).__init__(api, params)
        self.path = config_path(params['path'])
        self.secret_keys = frozenset(params.get('secret_keys') or DEFAULT_SECRET_KEYS)
        self.item_key = params.get('key')       # the key of the object meant, once known
        self.current = None                     # the one match, for ``wanted`` (replace) and the purpose
        self.write_only = self.path in protocol.WRITE_ONLY_LISTS

    def given_id(self):
        return self.item_key

    def label(self):
        return config_url(self.path, self.params.get('key'))

    def written_name(self, obj):
        key = self.object_id(obj) if obj is not None else None
        return config_url(obj['list'], key) if obj is not None and obj.get('list') else self.label()

    def purpose(self, action):
        if action == 'create':
            return 'creating an item in %s' % config_url(self.path)
        current = self.current or {}
        where = config_url(current['list'], current['key']) if current.get('list') else self.label()
        return '%s %s' % ('deleting' if action == 'delete' else 'changing', where)

    def target(self, current):
        """The whole body to send: ``body`` laid over ``current`` (merge) or ``body`` alone."""
        body = self.params.get('body') or {}
        return deep_merge(current, body) if self.params.get('merge', True) else copy.deepcopy(body)

    def wanted(self):
        if self.current is None:
            return deep_merge(self.params.get('match') or {}, self.params.get('body') or {})
        target = self.target(self.current['body'])
        # With replace, a field the body leaves out is one the object must lose.
        return dict(dict((field, None) for field in self.current['body']), **target)

    def find(self):
        key, match, absent = self.params.get('key'), self.params.get('match'), self.params.get('state') == 'absent'
        self.label()  # refuse a path part or key such as '..' before any request
        if self.write_only:
            return self._write_only(key, match, absent)
        self.api.refuse_pending_transaction('%s %s' % ('deleting' if absent else 'changing', self.label()))
        if key is not None:
            found = self.api.get_config(self.path, key, missing_ok=True)
            return self._found([_object(found, key, self.path)] if found is not None else [])
        listing = self.api.get_config(self.path, missing_ok=True)
        if listing is not None and 'items' in listing:
            if not match:
                raise OptionError(('state=absent on a list needs match or key to know which item to delete' if absent else
                                   '%s is a list: give match (the body fields that identify the item) or key' % self.label()),
                                  vendor=VENDOR, hint='for example match: {name: ops}')
            return self._found([{'key': item_key, 'body': body, 'list': self.path} for item_key, body in self.api.list_bodies(self.path, listing)
                                if all(body.get(name) == value for name, value in match.items())])
        if listing is not None and not absent:
            if match:
                raise OptionError('match applies to list paths, and %s is a single object' % self.label(), vendor=VENDOR)
            # A singleton, or an item of a list named by its path: PUT replaces it at that path either way.
            return self._found([_object(listing, listing.get('key'), None)])
        item = self._item_of_list()
        if item is None:
            if listing is None:
                raise NotFoundError('%s does not exist' % self.label(), vendor=VENDOR, status=404,
                                    hint='check path: an object, a list, or an item of a list under %s/' % protocol.CONFIGURATION_PATH)
            raise OptionError('%s is a single object and cannot be deleted; give the path of a list with key or match, or the '
                              'path of an item of a list' % self.label(), vendor=VENDOR)
        if match:
            raise OptionError('match applies to list paths, and %s is an item' % self.label(), vendor=VENDOR)
        if listing is None and not absent:
            raise NotFoundError('%s has no item with key %s' % (config_url(item[0]), item[1]), vendor=VENDOR, status=404,
                                hint='give the path of the list with match to create the item')
        # An item named by its own path, to delete from its list (already gone: nothing to do).
        self.item_key = item[1]
        return self._found([_object(listing, item[1], item[0])] if listing is not None else [])

    def _write_only(self, key, match, absent):
        """A write-only list (passwords, private keys): SPS permits no read of it, so nothing is found and every run creates."""
        if absent or key is not None or match:
            raise OptionError('%s holds write-only objects: SPS permits neither reading, changing nor deleting them, so sps_config can '
                              'only create one (state=present, without key or match)' % self.label(), vendor=VENDOR,
                              hint='to replace a password or key, create a new one and point the object that uses it at the new key')
        self.api.refuse_pending_transaction('creating an item in %s' % self.label())
        self.api.client.warn('SPS: %s is write-only (SPS does not permit GET on it), so sps_config cannot compare it with body: it '
                             'creates a new object on every run and reports changed. Reference the returned key from the object '
                             'that uses it, and run the task only when a new one is wanted' % self.label())
        return self._found([])

    def _found(self, matches):
        self.current = matches[0] if len(matches) == 1 else None
        return matches

    def _item_of_list(self):
        """``(list path, key)`` when ``self.path`` names an item of a list (its parent is a list), else None."""
        parent, _sep, key = self.path.rpartition('/')
        if not parent:
            return None
        listing = self.api.get_config(parent, missing_ok=True)
        if listing is None or 'items' not in listing:
            return None
        return parent, key

    def view(self, obj):
        return obj['body']

    def object_id(self, obj):
        return obj.get('key')

    def output(self, obj):
        return mask(obj['body'], self.secret_keys)

    def guard(self, action, current, changes):
        self.api.require_transactions(self.purpose(action))

    def writing(self, action):
        return self.api.transaction(self.purpose(action), self.params.get('commit_message'))

    def create(self, wanted):
        key = self.api.create_config(self.path, wanted)
        return {'key': key, 'body': wanted, 'list': self.path}

    def update(self, current, changes):
        self.api.put_config(current.get('list') or self.path, self.target(current['body']), current['key'] if current.get('list') else None)

    def delete(self, current):
        self.api.delete_config(current['list'], current['key'])

    def read_back(self, action, current, written, changes):
        if self.write_only:
            return written  # SPS never shows the object again
        obj = written if current is None else current
        where = obj.get('list') or self.path
        key = obj['key'] if obj.get('list') else None
        after = self.api.get_config(where, key, missing_ok=current is None)
        return {'key': obj['key'], 'body': (after or {}).get('body', self.predict(current, changes)['body']), 'list': obj.get('list')}

    def predict(self, current, changes):
        if current is None:
            return {'key': None, 'body': changes, 'list': self.path}
        return dict(current, body=self.target(current['body']))

    def diff(self, before, after, current, changes, obj=None):
        return {'before': mask(before, self.secret_keys), 'after': mask(after, self.secret_keys)}

    def ambiguous(self, matches):
        match = json.dumps(self.params.get('match'), sort_keys=True)
        return ('%d items of %s match %s, and sps_config changes one item' % (len(matches), config_url(self.path), match),
                'add fields to match so that it identifies one item, or give key')

    def missing(self):
        return ('%s has no item with key %s' % (config_url(self.path), self.item_key), 'leave key out and give match to create the item')


def _object(answer, key, list_path):
    body = answer.get('body')
    return {'key': key, 'body': body if isinstance(body, dict) else {}, 'list': list_path}


class ApiKeyResource(Resource):
    """The caller's own API key by name (created through the self-service list), or keys of any user removed
    through the administrators' list inside a configuration transaction (``sps_api_key``).

    Several keys may share a name: state=present is satisfied by one of them, state=absent removes them all.
    """

    vendor = VENDOR
    module = 'sps_api_key'
    kind = 'API key'
    body_key = 'api_key'    # the secret of a key just created; SPS shows it only in the answer to the creation
    id_key = 'key_id'
    ids_key = 'key_ids'
    many = True

    def given_id(self):
        # A key named by id is only removed, never created: present always works by name.
        return self.params.get('key_id') if self.params.get('state') == 'absent' else None

    def label(self):
        key_id, name = self.params.get('key_id'), self.params.get('name')
        return 'the API key(s) %s' % (key_id or 'named %s' % name)

    def wanted(self):
        return {'name': self.params.get('name')}

    def extra(self):
        return {'name': self.params.get('name'), 'api_key': None}

    def find(self):
        params = self.params
        if params.get('state') != 'absent':
            return [key for key in self.api.own_api_keys() if key['name'] == params['name']]
        # Before the admin list is read: it shows what the session's own pending transaction made of it.
        self.api.refuse_pending_transaction('removing %s' % self.label())
        return [key for key in self.api.all_api_keys()
                if all(params.get(option) is None or key[field] == params[option]
                       for option, field in (('key_id', 'key_id'), ('name', 'name'), ('owner', 'username')))]

    def view(self, obj):
        return dict((field, value) for field, value in obj.items() if field != 'api_key')

    def object_id(self, obj):
        return obj.get('key_id')

    def output(self, obj):
        return obj.get('api_key')

    def guard(self, action, current, changes):
        if action == 'delete':
            self.api.require_transactions('removing %s' % self.label())

    def writing(self, action):
        # Keys of the logged-in user are created outside a transaction; removals go through the configuration.
        return self.api.transaction('removing %s' % self.label()) if action == 'delete' else nullcontext()

    def create(self, wanted):
        key_id, secret = self.api.create_own_api_key(wanted['name'])
        return {'key_id': key_id, 'name': wanted['name'], 'api_key': secret}

    def read_back(self, action, current, written, changes):
        return written

    def delete(self, current):
        self.api.delete_api_key(current['key_id'])

    def predict(self, current, changes):
        return {'key_id': None, 'name': changes.get('name')}

    def diff(self, before, after, current, changes, obj=None):
        # The keys of that name before and after, with ids, names and owners; never a secret.
        if isinstance(before, list):
            return {'before': {'api_keys': before}, 'after': {'api_keys': []}}
        if changes:
            return {'before': {'api_keys': []}, 'after': {'api_keys': [{'key_id': obj.get('key_id'), 'name': obj.get('name')}]}}
        kept = [self.view(obj)] if obj is not None else []
        return {'before': {'api_keys': kept}, 'after': {'api_keys': kept}}


class SessionResource(TokenResource):
    """The SPS session of ``sps_token`` (the rules are ``_resource.run_token``): a given session is proven by one
    read of ``/api/transaction``; state=absent ends it with ``DELETE /api/authentication``."""

    vendor = VENDOR
    can_log_out = True

    def refusal(self):
        if not self.given_token() and auth_type_of(self.params) == 'api_key':
            return OptionError('an API key needs no login, so there is no session token to get', vendor=VENDOR,
                               hint='give api_key to the other SPS modules directly, or use auth_type password or x509 here')
        return None

    def validate(self):
        self.api.client.get(protocol.TRANSACTION_PATH)

    def logout(self):
        return self.api.logout()

    def is_live(self):
        return self.api.session_is_live()

    def output(self, credential):
        return {'token': credential.token, 'expires_at': iso8601(credential.expires_at)}
