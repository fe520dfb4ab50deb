# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The AR System adapters of the shared engines: form entries (remedy_entry), work logs (remedy_worklog) and the JWT
(remedy_jwt_token)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import time

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy.auth import authorization, jwt_expiry
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601


class EntryResource(Resource):
    """One entry of a form (the logic of ``remedy_entry``; the engine is ``_resource.ensure``).

    An entry is ``{'entry_id': ..., 'values': {...}}``. A null in ``values`` empties
    the field: AR System stores an empty field as NULL (BMC "AR System REST API", entries).
    """

    vendor = VENDOR
    module = 'remedy_entry'
    kind = 'entry'
    body_key = 'values'
    id_key = 'entry_id'
    none_leaves = False

    def given_id(self):
        return self.params.get('entry_id')

    def label(self):
        form = self.params['form']
        if self.params.get('entry_id') is not None:
            return 'entry %s in form %s' % (self.params['entry_id'], form)
        if self.params.get('query') is not None:
            return 'the entry of form %s matching %s' % (form, self.params['query'])
        return 'a new entry in form %s' % form

    def written_name(self, obj):
        return 'entry %s in form %s' % (self.object_id(obj) or '(no id)', self.params['form'])

    def wanted(self):
        return dict(self.params.get('values') or {})

    def find(self):
        form, entry_id, query = self.params['form'], self.params.get('entry_id'), self.params.get('query')
        if entry_id is not None:
            return [self.api.get_entry(form, entry_id)]
        if query is None:
            if self.params.get('state') == 'absent':
                raise OptionError('state=absent needs entry_id or query to know which entry to delete', vendor=VENDOR)
            return []
        return self.api.find_entries(form, query=query, limit=2)

    def view(self, obj):
        return obj['values']

    def object_id(self, obj):
        return obj.get('entry_id')

    def output(self, obj):
        return obj['values']

    def create(self, wanted):
        entry_id, location, returned = self.api.create_entry(self.params['form'], wanted, fields=self.params.get('return_fields'))
        return {'entry_id': entry_id, 'location': location, 'returned': returned or {}}

    def update(self, current, changes):
        self.api.update_entry(self.params['form'], current['entry_id'], changes)

    def delete(self, current):
        self.api.delete_entry(self.params['form'], current['entry_id'])

    def read_back(self, action, current, written, changes):
        if current is None:
            # The create answer's values (return_fields) over what was sent; the Location of a *_Create interface
            # form is not always readable, so it is never read.
            return {'entry_id': written['entry_id'], 'values': dict(changes, **written['returned'])}
        after = self.api.get_entry(self.params['form'], current['entry_id'])
        return after or self.predict(current, changes)

    def predict(self, current, changes):
        if current is None:
            return {'entry_id': None, 'values': dict(changes)}
        return {'entry_id': current['entry_id'], 'values': dict(current['values'], **changes)}

    def ambiguous(self, matches):
        query, form = self.params['query'], self.params['form']
        count = len(self.api.find_entries(form, query=query, fields=['Request ID']))
        return ('the query %s matches %d entries of form %s, and remedy_entry changes one entry' % (query, count, form),
                'narrow the query so that it matches one entry, or give entry_id')

    def missing(self):
        return ('entry %s does not exist in form %s' % (self.params['entry_id'], self.params['form']),
                'leave entry_id out to create a new entry (AR System assigns the id), or use query')


def qualification_text(value):
    """``value`` as an AR qualification string literal: in double quotes, a double quote inside written twice."""
    return '"%s"' % str(value).replace('"', '""')


def check_attachments(paths, limit=protocol.MAX_ATTACHMENT_BYTES):
    """Fail before any request when the attachments cannot all be sent: too many, not a file, or too large."""
    paths = list(paths or [])
    fields = protocol.WORKLOG_ATTACHMENT_FIELDS
    if len(paths) > len(fields):
        raise OptionError('attachments holds %d files; a work log takes at most %d' % (len(paths), len(fields)), vendor=VENDOR,
                          hint='attach the others to another work log, or pack them into one archive')
    for path in paths:
        if not os.path.isfile(path):
            raise OptionError('attachment %s is not a readable file' % path, vendor=VENDOR,
                              hint='give the path of a file on the node that runs the task (the controller for this collection)')
        size = os.path.getsize(path)
        if size > limit:
            raise OptionError('attachment %s has %d bytes, more than the %d a work log attachment may have' % (path, size, limit),
                              vendor=VENDOR, hint='compress the file or attach a smaller excerpt')
    return paths


class WorklogResource(Resource):
    """A work log of an incident (the logic of ``remedy_worklog``; the engine is ``_resource.ensure``).

    A work log is found by incident and summary, its notes compared here (see protocol.py). A work log is a record
    of what happened: one that is there is never changed, so log_type, view_access and attachments apply when it is
    created. Several identical work logs: the first is the one (a rerun changes nothing).
    """

    vendor = VENDOR
    module = 'remedy_worklog'
    kind = 'work log'
    body_key = 'values'
    id_key = 'entry_id'
    none_leaves = False
    many = True

    def form(self):
        return self.params.get('form') or protocol.WORKLOG_FORM

    def label(self):
        return 'the work log "%s" of incident %s' % (self.params['summary'], self.params['incident_number'])

    def written_name(self, obj):
        return 'work log %s of incident %s' % (self.object_id(obj) or '(no id)', self.params['incident_number'])

    def files(self):
        """(attachment field, path) for each file of the attachments option."""
        return list(zip(protocol.WORKLOG_ATTACHMENT_FIELDS, self.params.get('attachments') or []))

    def wanted(self):
        values = {protocol.WORKLOG_INCIDENT: self.params['incident_number'], protocol.WORKLOG_SUMMARY: self.params['summary'],
                  protocol.WORKLOG_TYPE: self.params['log_type'], protocol.WORKLOG_VIEW_ACCESS: self.params['view_access']}
        if self.params.get('notes'):
            values[protocol.WORKLOG_NOTES] = self.params['notes']
        for field, path in self.files():
            values[field] = os.path.basename(path)
        return values

    def find(self):
        query = "'%s' = %s AND '%s' = %s" % (protocol.WORKLOG_INCIDENT, qualification_text(self.params['incident_number']),
                                             protocol.WORKLOG_SUMMARY, qualification_text(self.params['summary']))
        fields = [protocol.WORKLOG_INCIDENT, protocol.WORKLOG_SUMMARY, protocol.WORKLOG_NOTES, protocol.WORKLOG_TYPE,
                  protocol.WORKLOG_VIEW_ACCESS]
        notes = self.params.get('notes') or None
        return [entry for entry in self.api.find_entries(self.form(), query=query, fields=fields)
                if (entry['values'].get(protocol.WORKLOG_NOTES) or None) == notes]

    def view(self, obj):
        # The work log found is the one wanted (see the class docstring): nothing of it is compared or changed.
        return self.wanted()

    def object_id(self, obj):
        return obj.get('entry_id')

    def output(self, obj):
        return obj['values']

    def create(self, wanted):
        attachments = []
        for field, path in self.files():
            try:
                with open(path, 'rb') as handle:
                    attachments.append((field, wanted[field], handle.read()))
            except (IOError, OSError) as exc:
                raise OptionError('attachment %s cannot be read: %s' % (path, exc.strerror or exc), vendor=VENDOR)
        entry_id, location, returned = self.api.create_entry(self.form(), wanted, attachments=attachments)
        return {'entry_id': entry_id, 'location': location, 'returned': returned or {}}

    def read_back(self, action, current, written, changes):
        # Nothing is read back: the create answer says all there is (see EntryResource.read_back).
        return {'entry_id': written['entry_id'], 'values': dict(changes, **written['returned'])}

    def predict(self, current, changes):
        return {'entry_id': None, 'values': dict(changes)}


class JwtResource(TokenResource):
    """The AR System JWT of ``remedy_jwt_token`` (the rules are ``_resource.run_token``).

    Check mode of state=absent answers offline: the token's own ``exp`` claim says whether it can still be live.
    """

    vendor = VENDOR
    can_log_out = True

    def validate(self):
        self.api.check_token()

    def logout(self):
        return self.api.logout(self.given_token())

    def is_live(self):
        expiry = jwt_expiry(self.given_token())
        return expiry is None or expiry > time.time()

    def output(self, credential):
        # expires_at is the exp claim as the server wrote it: the same for a login and for the token given back
        # later (the credential's own expiry is moved onto the local clock for renewals).
        return {'token': credential.token, 'authorization': authorization(credential.token)['Authorization'],
                'expires_at': iso8601(jwt_expiry(credential.token) or credential.expires_at)}
