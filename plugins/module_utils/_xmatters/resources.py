# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""xMatters resources: the adapters of xmatters_group and xmatters_oauth_token (the engines are in ``_resource``)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import NotFoundError, OptionError, ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol

# The group fields the module manages: option name -> API field name.
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.protocol import VENDOR
GROUP_FIELDS = (
    ('description', 'description'),
    ('status', 'status'),
    ('observed_by_all', 'observedByAll'),
    ('allow_duplicates', 'allowDuplicates'),
    ('use_default_devices', 'useDefaultDevices'),
    ('external_key', 'externalKey'),
)


def embedded_items(obj, key):
    """The items of an embedded collection (``{"count", "total", "data"}``, or a bare list), dicts only."""
    embedded = obj.get(key) if isinstance(obj, dict) else None
    data = embedded.get('data') if isinstance(embedded, dict) else embedded
    return [item for item in data or [] if isinstance(item, dict)]


def embedded_complete(obj, key):
    """False when the server embedded fewer items than its ``total`` says exist."""
    embedded = obj.get(key) if isinstance(obj, dict) else None
    total = embedded.get('total') if isinstance(embedded, dict) else None
    return not isinstance(total, int) or total <= len(embedded_items(obj, key))


def require_complete(obj, key, label):
    """Refuse an update whose current object the server embedded in part: sending the whole object would drop the rest."""
    if not embedded_complete(obj, key):
        raise ResponseFormatError('the server embedded only part of the %s of %s; the update, which must send them all, was not sent'
                                  % (key, label), vendor=VENDOR)


def supervisor_names(group):
    names = [person.get('targetName') or person.get('id') for person in embedded_items(group, 'supervisors')]
    return sorted(name for name in names if name)


def group_view(group, with_supervisors):
    """The managed fields of a group, by option name."""
    view = {'name': group.get('targetName')}
    for option, field in GROUP_FIELDS:
        view[option] = group.get(field)
    if with_supervisors:
        view['supervisors'] = supervisor_names(group)
    return view


class _Recipient(Resource):
    """What groups and people share: found by their targetName, supervisors (and roles) compared as sets of names,
    and an update that sends the whole object as it should be (the current one merged with the changes)."""

    vendor = VENDOR
    name_option = None      # the option that names the object
    fields = ()             # the plain fields: (option, API field)
    embed = None            # what to embed when reading the object to compare and update it
    name_lists = ('supervisors',)  # list options compared as sets of names

    def __init__(self, api, params):
        super(_Recipient, self).__init__(api, params)
        self._supervisor_ids = None
        # Embedded only when they are compared and sent back (state=present).
        self._embed = self.embed if params.get('state', 'present') == 'present' else None
        self._api_fields = dict(self.fields, **{self.name_option: 'targetName'})

    def label(self):
        return '%s %s' % (self.kind, self.params[self.name_option])

    def wanted(self):
        wanted = dict((option, self.params.get(option)) for option, _field in self.fields)
        wanted[self.name_option] = self.params[self.name_option]
        for option in self.name_lists:
            if self.params.get(option) is not None:
                wanted[option] = sorted(set(self.params[option]))
        return wanted

    def find(self):
        return [self.get(self.params[self.name_option], embed=self._embed)]

    def guard(self, action, current, changes):
        # Resolved in check mode too: an unknown person fails the prediction as it would fail the change.
        if 'supervisors' in changes:
            self._supervisor_ids = [self.api.person_id(person) for person in changes['supervisors']]

    def create(self, wanted):
        return self.save(self._body(wanted))

    def update(self, current, changes):
        # xMatters updates with a POST to the collection that carries the object's id (xMatters REST API, "Modify a
        # group", "Modify a person"): the whole object as it should be, so that nothing the update leaves out is reset.
        return self.save(dict(self._whole(current), **self._body(changes)))

    def read_back(self, action, current, written, changes):
        stored = self.get(written['id'] if current is None else current['id'], embed=self.embed)
        return stored or written if current is None else stored

    def predict(self, current, changes):
        predicted = dict(current or {'recipientType': self.kind.upper()})
        for key, value in changes.items():
            if key == 'supervisors':
                predicted[key] = _envelope([{'targetName': person, 'recipientType': 'PERSON'} for person in value])
            elif key == 'roles':
                predicted[key] = _envelope([{'name': role} for role in value])
            elif key == 'site':
                predicted[key] = {'id': value}
            else:
                predicted[self._api_fields[key]] = value
        return predicted

    def _whole(self, current):
        """The current object as an update body: its plain fields, site and supervisors (ids)."""
        body = {'id': current['id'], 'targetName': current.get('targetName')}
        body.update((field, current[field]) for field in self.carried if current.get(field) is not None)
        if site_id(current.get('site')):
            body['site'] = site_id(current['site'])
        body['supervisors'] = [person['id'] for person in self.supervisors(current) if person.get('id')]
        return body

    def supervisors(self, current):
        require_complete(current, 'supervisors', self.label())
        return embedded_items(current, 'supervisors')

    def _body(self, values):
        body = dict((self._api_fields[key], value) for key, value in values.items() if key not in ('supervisors', 'roles', 'site'))
        for key in ('roles', 'site'):
            if key in values:
                body[key] = values[key]
        if 'supervisors' in values:
            body['supervisors'] = self._supervisor_ids
        return body


def _envelope(items):
    return {'count': len(items), 'total': len(items), 'data': items}


class GroupResource(_Recipient):
    """An xMatters group, found by its targetName (the logic of ``xmatters_group``; the engine is ``_resource.ensure``)."""

    module = 'xmatters_group'
    kind = 'group'
    body_key = 'group'
    name_option = 'name'
    fields = GROUP_FIELDS
    # With the observers: an update sends the whole group.
    embed = protocol.EMBED_GROUP
    carried = protocol.GROUP_CARRIED_FIELDS

    def get(self, name, embed=None):
        return self.api.get_group(name, embed=embed)

    def save(self, body):
        return self.api.save_group(body)

    def view(self, obj):
        return group_view(obj, self._embed is not None)

    def delete(self, current):
        return self.api.delete_group(current['id'])

    def supervisors(self, current):
        # Embedded in part: read in full from /groups/{id}/supervisors.
        if embedded_complete(current, 'supervisors'):
            return embedded_items(current, 'supervisors')
        return self.api.group_supervisors(current['id'])

    def _whole(self, current):
        body = super(GroupResource, self)._whole(current)
        require_complete(current, 'observers', self.label())
        body['observers'] = [{'name': role['name']} for role in embedded_items(current, 'observers') if role.get('name')]
        return body


# The person fields xmatters_person manages: option name -> API field name.
PERSON_FIELDS = (
    ('first_name', 'firstName'),
    ('last_name', 'lastName'),
    ('status', 'status'),
    ('language', 'language'),
    ('timezone', 'timezone'),
    ('external_key', 'externalKey'),
)
_UUID = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')


def role_names(person):
    return sorted(role.get('name') for role in embedded_items(person, 'roles') if role.get('name'))


def site_id(site):
    return site.get('id') if isinstance(site, dict) else site


def person_view(person, embedded):
    """The managed fields of a person, by option name (roles and supervisors only when they were embedded)."""
    view = {'target_name': person.get('targetName'), 'site': site_id(person.get('site'))}
    for option, field in PERSON_FIELDS:
        view[option] = person.get(field)
    if embedded:
        view['roles'] = role_names(person)
        view['supervisors'] = supervisor_names(person)
    return view


class PersonResource(_Recipient):
    """An xMatters person, found by their targetName (the logic of ``xmatters_person``)."""

    module = 'xmatters_person'
    kind = 'person'
    body_key = 'person'
    name_option = 'target_name'
    fields = PERSON_FIELDS
    embed = protocol.EMBED_PERSON
    carried = protocol.PERSON_CARRIED_FIELDS
    name_lists = ('roles', 'supervisors')

    def __init__(self, api, params):
        super(PersonResource, self).__init__(api, params)
        self._site = None

    def get(self, name, embed=None):
        return self.api.get_person(name, embed=embed)

    def save(self, body):
        return self.api.save_person(body)

    def view(self, obj):
        return person_view(obj, self._embed is not None)

    def delete(self, current):
        return self.api.delete_person(current['id'])

    def wanted(self):
        wanted = super(PersonResource, self).wanted()
        if self.params.get('site') is not None:
            # Compared by id: the server answers a site as {"id"}. An unknown site fails here, in check mode too.
            wanted['site'] = self._site_id(self.params['site'])
        return wanted

    def _site_id(self, name):
        if self._site is None:
            if _UUID.match(name):
                self._site = name
            else:
                ids = [site.get('id') for site in self.api.sites(name) if isinstance(site, dict) and site.get('name') == name]
                if not ids:
                    raise NotFoundError('there is no site named %r' % name, vendor=VENDOR, status=404,
                                        hint='site is the name (or id) of an xMatters site, for example Default Site')
                self._site = ids[0]
        return self._site

    def guard(self, action, current, changes):
        if action == 'create':
            missing = sorted(option for option, _field in protocol.PERSON_REQUIRED if not changes.get(option))
            if missing:
                raise OptionError('creating %s needs %s' % (self.label(), ' and '.join(missing)), vendor=VENDOR,
                                  hint='xMatters creates a person only with a first and a last name')
        super(PersonResource, self).guard(action, current, changes)

    def _whole(self, current):
        body = super(PersonResource, self)._whole(current)
        require_complete(current, 'roles', self.label())
        body['roles'] = role_names(current)
        return body


class OAuthTokenResource(TokenResource):
    """The OAuth tokens of ``xmatters_oauth_token`` (the rules are ``_resource.run_token``): a given access token is
    proven by one read of ``/people`` (one person asked for); xMatters has no call that revokes a token."""

    vendor = VENDOR

    def validate(self):
        # A 403 (the user may not list people) still proves the token was accepted.
        self.api.client.get(protocol.PEOPLE_PATH, params={'limit': 1}, expect=(403,))

    def output(self, credential):
        given = self.given_token()
        return {
            'access_token': credential.token,
            'refresh_token': getattr(credential, 'refresh_token', None) or (self.params.get('refresh_token') if given else None),
            'expires_in': getattr(credential, 'expires_in', None),
            'expires_at': iso8601(credential.expires_at),
            'token_type': getattr(credential, 'token_type', None) or 'bearer',
        }
