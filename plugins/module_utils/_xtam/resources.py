# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""What the XTAM modules run: the session of ``xtam_token``, the record of ``xtam_record``, the reads of the info modules.

Only what is specific to XTAM; the engines are ``_resource.ensure`` and ``_resource.run_token``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import APIError, ConflictError, NotFoundError, OptionError, RestAuthError
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, same
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xtam.custom import (
    masked,
    masked_secret_fields,
    option_text_values,
    public_record,
    secret_field_values,
)


def read_records(api, record_id=None, folder_id=None, name=None, unlock=False):
    """The records of ``xtam_record_info``: one by id, or a folder's (named ``name``); unlocked on request."""
    if record_id is not None:
        found = api.get_record(record_id)
        records = [found] if found is not None else []
    else:
        records = api.records_in(folder_id, name)
    if not unlock:
        return [public_record(record) for record in records]
    unlocked = []
    for record in records:
        full = api.unlock_record(record['id'])
        if full is not None:
            unlocked.append(full)
    return unlocked


def read_folder(api, folder_id):
    """What ``xtam_folder_info`` returns: the sub-folders and the records (without secrets) of a folder."""
    try:
        entries = api.list_folder(folder_id)
    except NotFoundError as exc:
        raise NotFoundError('folder %s does not exist, or the user may not see it' % folder_id, vendor=VENDOR, status=exc.status,
                            hint=_FIND_FOLDER_HINT)
    folders = [dict(entry) for entry in entries if entry.get(protocol.FOLDER_FLAG)]
    records = [public_record(entry) for entry in entries if not entry.get(protocol.FOLDER_FLAG)]
    return folders, records


def read_record_types(api, name=None):
    """What ``xtam_record_type_info`` returns: ``{id, name}`` of every record type (only those called ``name`` when given)."""
    return [{'id': item.get('id'), 'name': item.get('name')} for item in api.record_types() if name is None or item.get('name') == name]


_FIND_FOLDER_HINT = ('list the folders under a known one with restauth.enterprise.xtam_folder_info; the root folder\'s id is '
                     'the "id" of restauth.enterprise.xtam_api with path /folder/root')


class SessionResource(TokenResource):
    """The XTAM session of ``xtam_token`` (the rules are ``_resource.run_token``): a given token is proven by whoami."""

    vendor = VENDOR
    can_log_out = True

    def validate(self):
        self.api.whoami()

    def logout(self):
        return self.api.logout()

    def is_live(self):
        return self.api.session_is_live()

    def output(self, credential):
        return {'token': credential.token, 'xsrf_token': credential.cookies.get(protocol.XSRF_COOKIE),
                'headers': credential.request_headers(), 'user': self.api.whoami()}


def record_params(module):
    """The options xtam_record's adapter works with, after hiding the secret ``custom`` values from the task result.

    ``custom`` is no_log so that Ansible never logs it whole; of its values only those of secret fields stay no_log
    values: Ansible masks a no_log value wherever its text appears, and "1" or "root" would disfigure record ids.
    """
    params = dict(module.params)
    custom = params['custom']
    if custom is not None:
        others = set()
        for option, spec in module.argument_spec.items():
            if option != 'custom' and spec.get('no_log'):
                others.update(option_text_values(params.get(option)))
        module.no_log_values.difference_update(set(option_text_values(custom)) - others)
        module.no_log_values.update(secret_field_values(custom))
        # What the task result shows of the options: secret fields masked by name, whatever their length.
        module.params['custom'] = masked_secret_fields(custom)
    return params


class _ReadBack:
    """After a write: the object as XTAM stores it (``fetch``), else what XTAM answered or what was predicted."""

    def fetch(self, object_id):
        raise NotImplementedError

    def read_back(self, action, current, written, changes):
        if current is None:
            return (self.fetch(written['id']) if written.get('id') else None) or written
        return self.fetch(current['id']) or self.predict(current, changes)


class RecordResource(_ReadBack, Resource):
    """One XTAM record, by id or by name in a folder (the logic of ``xtam_record``; the engine is ``_resource.ensure``).

    With ``custom``, the record is read unlocked at once: its secrets are what is compared. Without it, the update
    form leaves the field out and XTAM keeps the stored fields: they are neither read nor sent, so a failed or empty
    read can never turn into erased secrets. Custom values never leave this class unmasked.
    """

    vendor = VENDOR
    module = 'xtam_record'
    kind = 'record'
    body_key = 'record'
    id_key = 'record_id'

    def __init__(self, api, params):
        super(RecordResource, self).__init__(api, params)
        self.custom = params.get('custom')
        self._current_custom = {}

    def given_id(self):
        return self.params.get('record_id')

    def label(self):
        given = self.given_id()
        return 'record %s' % (given if given is not None else repr(self.params.get('name')))

    def written_name(self, obj):
        return 'record %s' % ((obj or {}).get('id') or self.params.get('name'))

    def wanted(self):
        return {'name': self.params.get('name'), 'description': self.params.get('description'), 'custom': self.custom or None}

    def find(self):
        present = self.params.get('state', 'present') == 'present'
        read = (lambda wanted_id: self.api.unlock_record(wanted_id, require_custom=True)) if present and self.custom else self.api.get_record
        if self.given_id() is not None:
            return [read(self.given_id())]
        matches = self.api.records_in(self.params.get('folder_id'), self.params.get('name'))
        if len(matches) != 1:
            return matches
        # A folder entry need not carry every field (the description, for one).
        return [read(matches[0]['id']) or matches[0]]

    def view(self, obj):
        view = {'name': obj.get('name'), 'description': obj.get('description') or ''}
        if self.custom and self.params.get('state', 'present') == 'present':
            if 'custom' not in obj:  # listed in the folder, gone when unlocked
                raise RestAuthError('record %s disappeared while it was read' % obj.get('id'), vendor=VENDOR)
            self._current_custom = obj['custom']
            self.hide(secret_field_values(obj['custom']))
            view['custom'] = obj['custom']
        return view

    def _changed_keys(self):
        current = self._current_custom
        return [key for key, value in (self.custom or {}).items() if key not in current or not same(current[key], value)]

    def _merged(self):
        return dict(self._current_custom, **(self.custom or {}))

    def guard(self, action, current, changes):
        if action == 'create':
            options = [(option, self.params.get(option)) for option in ('name', 'folder_id', 'record_type_id')]
            missing = [option for option, value in options if not value]
            if missing:
                raise OptionError('creating a record needs %s' % ', '.join(missing), vendor=VENDOR,
                                  hint='the record was not found, so it would be created')

    def create(self, wanted):
        params = self.params
        return self.api.create_record(params['folder_id'], params['record_type_id'], params['name'], params.get('description'), self.custom)

    def update(self, current, changes):
        name = changes.get('name', current.get('name'))
        description = changes.get('description', current.get('description') or '')
        self.api.update_record(current['id'], name, description, self._merged() if self.custom else None)

    def delete(self, current):
        self.api.delete_record(current['id'])

    def fetch(self, object_id):
        return self.api.get_record(object_id)

    def predict(self, current, changes):
        if current is None:
            params = self.params
            return {'name': params['name'], 'description': params.get('description') or '', 'recordType': {'id': params['record_type_id']}}
        return dict(current, **dict((key, value) for key, value in changes.items() if key != 'custom'))

    def output(self, obj):
        if self.params.get('state', 'present') == 'absent' or not self.custom:
            return public_record(obj)
        return public_record(obj, self._merged(), self._changed_keys())

    def diff(self, before, after, current, changes, obj=None):
        before, after = dict(before), dict(after)
        if 'custom' in before:
            before['custom'] = masked(self._current_custom)
        if 'custom' in after:
            after['custom'] = masked(self._merged(), self._changed_keys())
        return {'before': before, 'after': after}

    def ambiguous(self, matches):
        folder_id, name = self.params.get('folder_id'), self.params.get('name')
        return ('folder %s holds %d records named %r, and xtam_record changes one record' % (folder_id, len(matches), name), 'give record_id to choose one')

    def missing(self):
        return ('record %s does not exist' % self.given_id(),
                'leave record_id out and give name, folder_id and record_type_id to create the record')


class FolderResource(_ReadBack, Resource):
    """One XTAM folder, found by name under its parent (the logic of ``xtam_folder``; the engine is ``_resource.ensure``).

    XTAM lets folder names repeat under one parent, so the folder is looked up by name before anything is created,
    and two folders of that name are refused rather than guessed between. Only the description is updated.
    """

    vendor = VENDOR
    module = 'xtam_folder'
    kind = 'folder'
    body_key = 'folder'
    id_key = 'folder_id'

    def label(self):
        return 'folder %r under %s' % (self.params.get('name'), self.params.get('parent_id'))

    def wanted(self):
        return {'name': self.params.get('name'), 'description': self.params.get('description')}

    def find(self):
        parent_id = self.params.get('parent_id')
        try:
            matches = self.api.folders_in(parent_id, self.params.get('name'))
        except NotFoundError as exc:
            raise NotFoundError('the parent folder %s does not exist, or the user may not see it' % parent_id, vendor=VENDOR,
                                status=exc.status, hint=_FIND_FOLDER_HINT)
        if len(matches) != 1:
            return matches
        # A folder entry need not carry every field (the description, for one).
        return [self.api.get_folder(matches[0]['id']) or matches[0]]

    def view(self, obj):
        return {'name': obj.get('name'), 'description': obj.get('description') or ''}

    def guard(self, action, current, changes):
        if action != 'delete':
            return
        entries = self.api.list_folder(current['id'])
        if entries:
            raise ConflictError(self._not_empty(current, entries), vendor=VENDOR, hint=self._not_empty_hint())

    def _not_empty(self, current, entries=None):
        if entries is None:
            return 'folder %s (%r) still holds folders or records, and XTAM deletes only an empty folder' % (current['id'], current.get('name'))
        folders = len([entry for entry in entries if entry.get(protocol.FOLDER_FLAG)])
        return 'folder %s (%r) still holds %d folder(s) and %d record(s), and XTAM deletes only an empty folder; nothing was deleted' % (
            current['id'], current.get('name'), folders, len(entries) - folders)

    @staticmethod
    def _not_empty_hint():
        return ('delete or move what it holds first (restauth.enterprise.xtam_record and xtam_folder with state: absent); '
                'restauth.enterprise.xtam_folder_info lists it')

    def create(self, wanted):
        return self.api.create_folder(self.params['parent_id'], self.params['name'], self.params.get('description'))

    def update(self, current, changes):
        self.api.update_folder(current['id'], current.get('name'), changes.get('description', current.get('description') or ''))

    def delete(self, current):
        try:
            self.api.delete_folder(current['id'])
        except APIError as exc:
            if exc.status != protocol.FOLDER_NOT_EMPTY_STATUS:
                raise
            # Filled between the check and the delete (or a server that counts something the listing does not show).
            raise ConflictError('%s (XTAM answered HTTP %s: %s)' % (self._not_empty(current), exc.status, exc.vendor_message or 'no message'),
                                vendor=VENDOR, status=exc.status, hint=self._not_empty_hint())

    def fetch(self, object_id):
        return self.api.get_folder(object_id)

    def predict(self, current, changes):
        if current is None:
            return {'name': self.params['name'], 'description': self.params.get('description') or '', 'folder': True}
        return dict(current, **changes)

    def ambiguous(self, matches):
        return ('folder %s holds %d folders named %r (XTAM allows equal names), and xtam_folder changes one folder'
                % (self.params.get('parent_id'), len(matches), self.params.get('name')),
                'rename all but one in XTAM; restauth.enterprise.xtam_folder_info lists their ids')
