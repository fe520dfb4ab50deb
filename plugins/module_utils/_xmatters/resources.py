# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""xMatters resources: the adapters of xmatters_group and xmatters_oauth_token (the engines are in ``_resource``)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import VENDOR, protocol

# The group fields the module manages: option name -> API field name.
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


class GroupResource(Resource):
    """An xMatters group, found by its targetName (the logic of ``xmatters_group``; the engine is ``_resource.ensure``)."""

    vendor = VENDOR
    module = 'xmatters_group'
    kind = 'group'
    body_key = 'group'

    def __init__(self, api, params):
        super(GroupResource, self).__init__(api, params)
        self._supervisor_ids = None
        # The supervisors are embedded only when they are compared (state=present).
        # With the observers: an update sends the whole group (protocol.EMBED_GROUP).
        self._embed = protocol.EMBED_GROUP if params.get('state', 'present') == 'present' else None

    def label(self):
        return 'group %s' % self.params['name']

    def wanted(self):
        wanted = dict((option, self.params.get(option)) for option, _field in GROUP_FIELDS)
        wanted['name'] = self.params['name']
        if self.params.get('supervisors') is not None:
            wanted['supervisors'] = sorted(set(self.params['supervisors']))
        return wanted

    def find(self):
        return [self.api.get_group(self.params['name'], embed=self._embed)]

    def view(self, obj):
        return group_view(obj, self._embed is not None)

    def guard(self, action, current, changes):
        # Resolved in check mode too: an unknown person fails the prediction as it would fail the change.
        if 'supervisors' in changes:
            self._supervisor_ids = [self.api.person_id(person) for person in changes['supervisors']]

    def create(self, wanted):
        return self.api.save_group(self._body(wanted))

    def update(self, current, changes):
        # xMatters updates with a POST to the collection that carries the group's id (xMatters REST API, "Modify a group"):
        # the whole group as it should be, so that nothing the update leaves out is reset.
        return self.api.save_group(dict(self._whole(current), **self._body(changes)))

    def delete(self, current):
        return self.api.delete_group(current['id'])

    def read_back(self, action, current, written, changes):
        group_id = written['id'] if current is None else current['id']
        stored = self.api.get_group(group_id, embed=protocol.EMBED_GROUP)
        if current is None:
            return stored or written
        return stored

    def predict(self, current, changes):
        predicted = dict(current or {'recipientType': 'GROUP'})
        for key, value in changes.items():
            if key == 'supervisors':
                predicted['supervisors'] = {'count': len(value), 'total': len(value),
                                            'data': [{'targetName': person, 'recipientType': 'PERSON'} for person in value]}
            else:
                predicted[_GROUP_API_FIELDS[key]] = value
        return predicted

    def _whole(self, current):
        """The current group as an update body: its plain fields, site, supervisors (ids) and observers (role names)."""
        body = {'id': current['id'], 'targetName': current.get('targetName')}
        body.update((field, current[field]) for field in protocol.GROUP_CARRIED_FIELDS if current.get(field) is not None)
        site = current.get('site')
        site = site.get('id') if isinstance(site, dict) else site
        if site:
            body['site'] = site
        if embedded_complete(current, 'supervisors'):
            supervisors = embedded_items(current, 'supervisors')
        else:
            supervisors = self.api.group_supervisors(current['id'])
        body['supervisors'] = [person['id'] for person in supervisors if person.get('id')]
        require_complete(current, 'observers', self.label())
        body['observers'] = [{'name': role['name']} for role in embedded_items(current, 'observers') if role.get('name')]
        return body

    def _body(self, values):
        body = dict((_GROUP_API_FIELDS[key], value) for key, value in values.items() if key != 'supervisors')
        if 'supervisors' in values:
            body['supervisors'] = self._supervisor_ids
        return body


_GROUP_API_FIELDS = dict(GROUP_FIELDS, name='targetName')


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
