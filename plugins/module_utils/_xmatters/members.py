# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""xMatters group members: the logic of ``xmatters_group_member`` (a list of members, not one object: no ``Resource``)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import NotFoundError, change_applied
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters.protocol import VENDOR


def member_of(item):
    """The recipient of one item of the members list (a membership ``{"group", "member"}``, or a bare recipient)."""
    member = item.get(protocol.MEMBERSHIP_MEMBER) if isinstance(item, dict) else None
    return member if isinstance(member, dict) else item


def member_view(recipient):
    return {'target_name': recipient.get('targetName'), 'recipient_type': recipient.get('recipientType')}


def _key(member):
    return (member['recipient_type'], member['target_name'])


def wanted_members(members):
    """The members asked for, in order, each once: ``{target_name, recipient_type}``."""
    seen, wanted = set(), []
    for member in members:
        view = {'target_name': member['target_name'], 'recipient_type': member.get('recipient_type') or 'PERSON'}
        if _key(view) not in seen:
            seen.add(_key(view))
            wanted.append(view)
    return wanted


class GroupMembers:
    """Makes the members of one group hold (or not hold) the members asked for."""

    def __init__(self, api, params):
        self.api = api
        self.params = params
        self.group_name = params['group']

    def label(self):
        return 'group %s' % self.group_name

    def current(self, group_id):
        return [member_of(item) for item in self.api.group_members(group_id) if isinstance(member_of(item), dict)]

    def plan(self, current):
        """``(to_add, to_remove)``: views to add, current recipients to remove."""
        wanted = wanted_members(self.params['members'])
        wanted_keys = set(_key(member) for member in wanted)
        present = dict((_key(member_view(recipient)), recipient) for recipient in current)
        if self.params['state'] == 'absent':
            return [], [present[_key(member)] for member in wanted if _key(member) in present]
        to_add = [member for member in wanted if _key(member) not in present]
        to_remove = [recipient for recipient in current
                     if self.params.get('exclusive') and _key(member_view(recipient)) not in wanted_keys]
        return to_add, to_remove

    def resolve(self, member):
        """The id of a member to add; an unknown one fails (in check mode too, before any write)."""
        recipient = self.api.recipient(member['target_name'], member['recipient_type'])
        if recipient is None:
            raise NotFoundError('there is no %s %r to add to %s' % (member['recipient_type'].lower(), member['target_name'], self.label()),
                                vendor=VENDOR, status=404,
                                hint='members are the targetNames of existing people, groups or devices (a device: "<user>|<device name>"), '
                                     'with recipient_type saying which')
        return recipient['id']

    def ensure(self, check_mode=False):
        group = self.api.get_group(self.group_name)
        if group is None:
            raise NotFoundError('there is no %s' % self.label(), vendor=VENDOR, status=404,
                                hint='group is the name (targetName) or id of an existing xMatters group')
        current = self.current(group['id'])
        to_add, to_remove = self.plan(current)
        ids = [self.resolve(member) for member in to_add]
        removed = [member_view(recipient) for recipient in to_remove]
        before = [member_view(recipient) for recipient in current]
        if check_mode or not (to_add or to_remove):
            gone = set(_key(member) for member in removed)
            after = [member for member in before if _key(member) not in gone] + to_add
        else:
            after = self._write(group, to_add, ids, to_remove)
        changed = bool(to_add or to_remove)
        return {'changed': changed, 'members': after, 'added': to_add, 'removed': removed,
                'diff': {'before': before, 'after': after} if changed else {'before': [], 'after': []}}

    def _write(self, group, to_add, ids, to_remove):
        done = []
        writes = [('add', member, member_id) for member, member_id in zip(to_add, ids)]
        writes += [('remove', member_view(recipient), recipient.get('id')) for recipient in to_remove]
        for action, member, member_id in writes:
            if done:
                # A write went through: whatever fails next must not hide it (a rerun finishes the rest).
                with change_applied('the change of the members of %s (%s)' % (self.label(), ', '.join(done))):
                    self._send(group, action, member_id, member)
            else:
                self._send(group, action, member_id, member)
            done.append('%s %s' % ('added' if action == 'add' else 'removed', member['target_name']))
        with change_applied('the change of the members of %s' % self.label()):
            return [member_view(recipient) for recipient in self.current(group['id'])]

    def _send(self, group, action, member_id, member):
        if action == 'add':
            self.api.add_member(group['id'], member_id, member['recipient_type'])
        else:
            self.api.remove_member(group['id'], member_id)
