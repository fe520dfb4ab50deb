# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The TrueSight adapters of the resource engine (``_resource``): only what is specific to TSWS.

Rule: the engine owns check mode, diff and idempotency; an adapter says how to read, write and show one object.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import time

try:
    from zoneinfo import ZoneInfo  # Python 3.9+
except ImportError:  # pragma: no cover - the collection requires Python 3.9 for modules
    ZoneInfo = None

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import NotFoundError, OptionError, RestAuthError, change_applied
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, TokenResource, iso8601
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import protocol
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.protocol import VENDOR
from ansible_collections.restauth.enterprise.plugins.module_utils._truesight.auth import authorization


class AuthTokenResource(TokenResource):
    """The TSWS authToken of ``truesight_token`` (the rules are ``_resource.run_token``): a given token is proven by
    ``GET /tsws/api/v10.1/token``, the same call that tells check mode of state=absent whether it is still live."""

    vendor = VENDOR
    can_log_out = True

    def validate(self):
        self.api.check_token(self.given_token())

    def logout(self):
        return self.api.logout(self.given_token())

    def is_live(self):
        return self.api.token_is_valid(self.given_token())

    def output(self, credential):
        return {'token': credential.token, 'authorization': authorization(credential.token)['Authorization'],
                'expires_at': iso8601(credential.expires_at)}


def _zone(name):
    """The tzinfo of ``name`` (an IANA name such as Europe/Paris, or UTC)."""
    if name.upper() in ('UTC', 'Z', 'GMT', 'ETC/UTC'):
        return datetime.timezone.utc
    try:
        return ZoneInfo(name)
    except Exception:  # pylint: disable=broad-except  # ZoneInfoNotFoundError, ValueError, a missing zoneinfo alike
        raise OptionError('timezone %s is not a known time zone' % name, vendor=VENDOR,
                          hint='give an IANA time zone name such as UTC or Europe/Paris')


def epoch_ms(text, zone_name, option):
    """The ISO 8601 time ``text`` as epoch milliseconds; a time without an offset is read in ``zone_name``."""
    try:
        moment = datetime.datetime.fromisoformat(text.strip().replace('Z', '+00:00').replace('z', '+00:00'))
    except (AttributeError, ValueError):
        raise OptionError('%s %r is not an ISO 8601 time' % (option, text), vendor=VENDOR,
                          hint='write it as 2026-12-01T22:00:00 (read in timezone) or 2026-12-01T21:00:00Z')
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zone(zone_name))
    return int(moment.timestamp() * 1000)


def iso_ms(value):
    """Epoch milliseconds as ISO 8601 UTC, or None."""
    return iso8601(value / 1000.0) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def selection_for(devices):
    """The agentSelectionCriteria naming each device (see protocol.SELECTION_CLAUSE)."""
    return protocol.SELECTION_JOIN.join(protocol.SELECTION_CLAUSE % name.replace('"', '') for name in devices)


class BlackoutResource(Resource):
    """A maintenance window of ``truesight_blackout``: a blackout policy and the timeframe it references.

    The object is ``{'policy': ..., 'timeframe': ...}``; the timeframe is named after the policy. A create writes
    the timeframe then the policy (and removes the timeframe when the server refused the policy in its answer);
    a delete removes the policy then its timeframe (the server refuses to delete a timeframe in use).
    """

    vendor = VENDOR
    module = 'truesight_blackout'
    kind = 'blackout policy'
    body_key = 'policy'
    id_key = 'policy_id'
    TIMEFRAME_KEYS = ('start', 'end', 'timezone', 'recurrence')

    def __init__(self, api, params):
        super(BlackoutResource, self).__init__(api, params)
        self._current = None

    def label(self):
        return 'blackout policy %s' % self.params['name']

    def find(self):
        name = self.params['name']
        found = [policy for policy in self.api.blackout_policies(name) if policy.get('name') == name]
        matches = []
        for policy in found:
            frames = [frame for frame in policy.get('timeframes') or [] if isinstance(frame, dict) and frame.get('id')]
            timeframe = self.api.timeframe(frames[0]['id']) if frames else None
            matches.append({'policy': policy, 'timeframe': timeframe or {}})
        self._current = matches[0] if len(matches) == 1 else None
        return matches

    def object_id(self, obj):
        return obj['policy'].get('id') if obj else None

    def output(self, obj):
        return obj['policy']

    def extra(self):
        return {'name': self.params['name']}

    def view(self, obj):
        policy, timeframe = obj['policy'], obj['timeframe']
        return {'description': policy.get('description'), 'enabled': policy.get('enabled'),
                'selection': policy.get('agentSelectionCriteria'),
                'start': iso_ms(timeframe.get('startDate')), 'end': iso_ms(timeframe.get('endDate')),
                'timezone': timeframe.get('timezone'), 'recurrence': timeframe.get('recurrence')}

    def wanted(self):
        params = self.params
        zone = params['timezone']
        wanted = {'description': params.get('description'), 'enabled': params['enabled'],
                  'selection': params.get('selection') or (selection_for(params['devices']) if params.get('devices') else None),
                  'timezone': zone, 'recurrence': params['recurrence']}
        start = epoch_ms(params['start'], zone, 'start') if params.get('start') else None
        current_start = self._current['timeframe'].get('startDate') if self._current else None
        if start is None and (params.get('duration') or params.get('end')) and self._current is None:
            start = int(time.time() * 1000)  # a new window opens now
        base = start if start is not None else current_start
        end = epoch_ms(params['end'], zone, 'end') if params.get('end') else None
        if end is None and params.get('duration') and base is not None:
            end = base + params['duration'] * 60000
        wanted['start'], wanted['end'] = iso_ms(start), iso_ms(end)
        return wanted

    def guard(self, action, current, changes):
        if action == 'delete':
            return
        merged = dict(self.view(current)) if current else {}
        merged.update(changes)
        if not merged.get('selection'):
            raise OptionError('%s needs devices or selection' % self.label(), vendor=VENDOR,
                              hint='name the devices the maintenance window silences')
        if not merged.get('end') or not merged.get('start'):
            raise OptionError('%s needs a start and an end' % self.label(), vendor=VENDOR,
                              hint='give end (ISO 8601) or duration (minutes from start); a new window starts now unless start is given')
        if merged['end'] <= merged['start']:
            raise OptionError('end %s is not after start %s' % (merged['end'], merged['start']), vendor=VENDOR)
        if self.params.get('devices') and 'selection' in changes:
            known = set(str(device.get(protocol.DEVICE_NAME_FIELD) or '').strip().lower() for device in self.api.devices())
            unknown = [name for name in self.params['devices'] if name.strip().lower() not in known]
            if unknown:
                raise NotFoundError('no device named %s is known to TrueSight' % ', '.join(unknown), vendor=VENDOR, status=404,
                                    hint='use the device names (dnsName) that restauth.enterprise.truesight_device_info lists')

    def _timeframe_body(self, values):
        return {'name': self.params['name'], 'description': 'Maintenance window of the blackout policy %s' % self.params['name'],
                'startDate': epoch_ms(values['start'], 'UTC', 'start'), 'endDate': epoch_ms(values['end'], 'UTC', 'end'),
                'timezone': values['timezone'], 'recurrence': values['recurrence']}

    def _policy_body(self, values, timeframe_id, current=None):
        body = dict(current or {})
        body.pop('id', None)
        body.update({'name': self.params['name'], 'type': protocol.BLACKOUT_TYPE, 'enabled': values['enabled'],
                     'agentSelectionCriteria': values['selection'],
                     'timeframes': [{'name': self.params['name'], 'id': timeframe_id}]})
        body.setdefault('tenant', {'name': self.params.get('tenant') or protocol.DEFAULT_TENANT})
        body.setdefault('precedence', protocol.BLACKOUT_PRECEDENCE)
        body.setdefault('shared', False)
        if values.get('description') is not None:
            body['description'] = values['description']
        return body

    def create(self, wanted):
        timeframe_id = self.api.create_timeframe(self._timeframe_body(wanted))
        try:
            policy_id = self.api.create_blackout(self._policy_body(wanted, timeframe_id))
        except RestAuthError as exc:
            if getattr(exc, 'in_envelope', False):  # refused: the policy surely does not exist, its timeframe goes
                try:
                    self.api.delete_timeframe(timeframe_id)
                except RestAuthError:
                    pass
            raise
        return {'policy': {'id': policy_id}, 'timeframe': {'id': timeframe_id}}

    def update(self, current, changes):
        values = dict(self.view(current))
        values.update(changes)
        timeframe_id = current['timeframe'].get('id')
        if any(key in changes for key in self.TIMEFRAME_KEYS) or not timeframe_id:
            if timeframe_id:
                self.api.update_timeframe(timeframe_id, self._timeframe_body(values))
            else:
                timeframe_id = self.api.create_timeframe(self._timeframe_body(values))
        if any(key not in self.TIMEFRAME_KEYS for key in changes) or timeframe_id != current['timeframe'].get('id'):
            self.api.update_blackout(current['policy']['id'], self._policy_body(values, timeframe_id, current['policy']))
        return {'policy': current['policy'], 'timeframe': {'id': timeframe_id}}

    def delete(self, current):
        self.api.delete_blackout(current['policy']['id'])
        timeframe_id = current['timeframe'].get('id')
        if timeframe_id:
            with change_applied('the deletion of %s' % self.written_name(current)):
                self.api.delete_timeframe(timeframe_id)

    def read_back(self, action, current, written, changes):
        policy = self.api.policy(written['policy']['id'])
        timeframe = self.api.timeframe(written['timeframe']['id'])
        return {'policy': policy or {}, 'timeframe': timeframe or {}}

    def predict(self, current, changes):
        values = dict(self.view(current)) if current else {}
        values.update(changes)
        timeframe_id = current['timeframe'].get('id') if current else None
        policy = self._policy_body(values, timeframe_id, current['policy'] if current else None)
        if current:
            policy['id'] = current['policy'].get('id')
        timeframe = self._timeframe_body(values) if values.get('start') and values.get('end') else {}
        return {'policy': policy, 'timeframe': timeframe}


class BlackoutInfo:
    """``truesight_blackout_info``: the blackout policies, or those named ``name`` (exactly)."""

    def __init__(self, api, params):
        self.api = api
        self.params = params

    def policies(self):
        name = self.params.get('name')
        found = self.api.blackout_policies(name)
        return [policy for policy in found if policy.get('name') == name] if name else found


def event_body(params):
    """The one TSIM event of ``truesight_event``: the source host and the slots (``attributes`` win)."""
    slots = {'CLASS': params.get('event_class') or 'EVENT', 'severity': params['severity'], 'msg': params['msg']}
    if params.get('object'):
        slots['mc_object'] = params['object']
    slots.update(params.get('attributes') or {})
    event = {'attributes': slots}
    if params.get('host'):
        event['eventSourceHostName'] = params['host']
    return event
