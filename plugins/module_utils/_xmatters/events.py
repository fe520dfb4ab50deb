# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""xMatters events and on-call: triggers (a flow's HTTP trigger URL or a form), event status, who is on call.

The logic of ``xmatters_event``, ``xmatters_event_info`` and ``xmatters_oncall_info``. A trigger is an act, not a
state: it is sent on every run (never in check mode). A status change goes through ``_resource.ensure``. A trigger
URL may carry its own ``apiKey``: it is a secret, and with it no login is made.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from urllib.parse import parse_qsl, quote, urlsplit

from ansible_collections.restauth.enterprise.plugins.module_utils._auth import Authenticator, Credential
from ansible_collections.restauth.enterprise.plugins.module_utils._connect import connect_client, get_or_none, url_without_suffix
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import OptionError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import ErrorInfo, check_url, path_part
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import Resource, ensure
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import api as xmatters
from ansible_collections.restauth.enterprise.plugins.module_utils._xmatters import protocol

VENDOR = xmatters.VENDOR


TRIGGER_KEY_HINT = ('the apiKey in trigger_url was refused: copy the URL again from the HTTP trigger of the flow in Flow Designer '
                    '(or the inbound integration), or drop apiKey from it to trigger with the collection\'s login')
FINAL_HINT = 'a terminated event cannot change any more; trigger a new event instead'


class TriggerUrlKey(Authenticator):
    """The ``apiKey`` query parameter of a trigger URL: it travels in the URL itself, so no login is made."""

    vendor = VENDOR
    method = 'trigger_api_key'
    can_login = False

    def __init__(self, api_key):
        self.api_key = api_key

    def login(self, client):
        return Credential()

    def secrets(self):
        return [self.api_key]


class TriggerKeyDescriber(xmatters.Describer):
    """xMatters error bodies, with the hint of a refused trigger apiKey."""

    def __init__(self):
        super(TriggerKeyDescriber, self).__init__(TriggerUrlKey.method)

    def __call__(self, response):
        info = super(TriggerKeyDescriber, self).__call__(response)
        if response.status == 401:
            return ErrorInfo(message=info.message, code=info.code, hint=TRIGGER_KEY_HINT)
        return info


def trigger_api_key(trigger_url):
    """The apiKey query parameter of ``trigger_url``, or None."""
    if not trigger_url:
        return None
    try:
        query = urlsplit(trigger_url).query
    except ValueError:
        return None
    values = [value for name, value in parse_qsl(query, keep_blank_values=True) if name == protocol.TRIGGER_API_KEY]
    return values[-1] if values else None


def _origin(parts):
    """Scheme, host and port of split URL ``parts``, as the client compares them (the default port filled in)."""
    try:
        port = parts.port
    except ValueError:
        raise OptionError('trigger_url or url has a port that is not a number', vendor=VENDOR)
    return parts.scheme.lower(), (parts.hostname or '').lower(), port or {'http': 80, 'https': 443}.get(parts.scheme.lower())


def check_trigger_url(trigger_url, url, allow_http=False):
    """Refuse a trigger URL that is not an integration trigger of the instance at ``url`` (never quoting its query)."""
    try:
        parts = urlsplit(trigger_url)
        base = urlsplit(check_url(url, VENDOR, allow_http))
    except ValueError:
        raise OptionError('trigger_url is not a URL', vendor=VENDOR)
    shown = '%s://%s%s' % (parts.scheme, parts.netloc.rpartition('@')[2], parts.path)
    if '@' in parts.netloc:
        raise OptionError('trigger_url must not hold a user name or password', vendor=VENDOR,
                          hint='the collection logs in with its own options, or with the apiKey of the URL')
    if _origin(parts) != _origin(base):
        raise OptionError('trigger_url %s is not on %s://%s, the xMatters instance of url; the collection does not send credentials elsewhere'
                          % (shown, base.scheme, base.netloc), vendor=VENDOR,
                          hint='set url to the instance the trigger URL belongs to (scheme, host and port as in the trigger URL)')
    if not parts.path.startswith(protocol.INTEGRATION_PREFIX) or not parts.path.rstrip('/').endswith('/triggers'):
        raise OptionError('trigger_url %s is not an HTTP trigger URL (%s<uuid>/triggers)' % (shown, protocol.INTEGRATION_PREFIX),
                          vendor=VENDOR, hint='copy the URL of the HTTP trigger of the flow in Flow Designer, or of the inbound integration; '
                                              'for a form, give form_id instead')


def connect(params, warn=None, keep=False):
    """An ``EventsAPI`` for the connection options in ``params``.

    A ``trigger_url`` with an ``apiKey`` needs no login: the client then sends no credentials (the key travels in the
    URL and is one of the client's secrets, masked in every message). Otherwise the collection's Basic or OAuth login.
    """
    api_key = trigger_api_key(params.get('trigger_url'))
    if api_key is None:
        return EventsAPI(xmatters.connect(params, warn=warn, keep=keep).client)
    warn = warn or (lambda message: None)
    options = dict(params, url=url_without_suffix(params.get('url'), protocol.API_PATH, warn))
    return EventsAPI(connect_client(VENDOR, options, TriggerUrlKey(api_key), keep=keep, describe_error=TriggerKeyDescriber(), warn=warn))


class EventsAPI(xmatters.XmattersAPI):
    """The xMatters calls of events and on-call; functions here are thin: one HTTP call each (a walk for lists)."""

    def trigger(self, url, body):
        """POST a trigger (an absolute trigger URL or a form's path); the decoded answer (a dict, maybe empty) and its status."""
        response = self.client.post(url, json=body)
        answer = response.error_body()
        return (answer if isinstance(answer, dict) else {}), response.status

    def get_event(self, key):
        """The event with this id or eventId (its properties embedded), or None."""
        response = get_or_none(self.client, '%s/%s' % (protocol.EVENTS_PATH, path_part(key, 'event_id', VENDOR)),
                               params={'embed': protocol.EVENT_EMBED})
        return None if response is None else xmatters._object(response, 'event')  # pylint: disable=protected-access

    def change_event(self, event_id, status):
        """Set an event's status (POST /events {"id", "status"}); the server's answer."""
        response = self.client.post(protocol.EVENTS_PATH, json={'id': event_id, 'status': status})
        return response.json(allow_empty=True)

    def events(self, query, page_size=protocol.PAGE_SIZE):
        return self.walk(protocol.EVENTS_PATH, dict(query, embed=protocol.EVENT_EMBED), page_size=page_size)

    def oncall(self, groups, query, page_size=protocol.PAGE_SIZE):
        # The group names are percent-encoded one by one, and the commas between them left as they are (Go client).
        path = '%s?groups=%s' % (protocol.ONCALL_PATH, ','.join(quote(str(group), safe='') for group in groups))
        return self.walk(path, dict(query, embed=protocol.ONCALL_EMBED), page_size=page_size)


# ---- xmatters_event ------------------------------------------------------------------------------------

TRIGGER_ONLY = ('properties', 'recipients', 'priority', 'conference')


def recipients_body(recipients, kind):
    """The ``recipients`` of a trigger body: a name becomes ``{targetName}`` (integration) or ``{id}`` (form)."""
    body = []
    for recipient in recipients:
        if isinstance(recipient, dict):
            if not (recipient.get('id') or recipient.get('targetName')):
                raise OptionError('each recipient given as a dict needs id (a targetName or UUID) and may have recipientType, not %r'
                                  % (recipient,), vendor=VENDOR)
            body.append(dict(recipient))
        elif isinstance(recipient, str) and recipient:
            body.append({protocol.RECIPIENT_NAME_FIELD[kind]: recipient})
        else:
            raise OptionError('recipients holds %r: give targetNames, or dicts with id and recipientType' % (recipient,), vendor=VENDOR)
    return body


def trigger_body(params, kind):
    """The JSON body of a trigger: only what the user gave."""
    body = {}
    if params.get('properties') is not None:
        body['properties'] = params['properties']
    if params.get('recipients') is not None:
        body['recipients'] = recipients_body(params['recipients'], kind)
    if params.get('priority'):
        body['priority'] = params['priority']
    if params.get('conference') is not None:
        body['conference'] = params['conference']
    return body


def trigger(api, params, check_mode, warn):
    """Send the trigger (never in check mode); the module's result."""
    if params.get('trigger_url'):
        kind, target = 'integration', params['trigger_url']
    else:
        kind, target = 'form', protocol.FORM_TRIGGER_PATH % path_part(params['form_id'], 'form_id', VENDOR)
    body = trigger_body(params, kind)
    if check_mode:
        return {'changed': True, 'request_id': None, 'event_id': None}
    answer, status = api.trigger(target, body)
    if not answer.get('requestId'):
        warn('%s: the trigger answered HTTP %s without a requestId; the event may still have been created' % (VENDOR, status))
    return {'changed': True, 'request_id': answer.get('requestId'), 'event_id': answer.get('id')}


class EventStatusResource(Resource):
    """The status of one event (``xmatters_event`` with ``event_id``): unchanged when it already has it; a terminated event is final."""

    vendor = VENDOR
    module = 'xmatters_event'
    kind = 'event'
    body_key = 'event'

    def given_id(self):
        return self.params['event_id']

    def wanted(self):
        return {'status': self.params['status']}

    def find(self):
        return [self.api.get_event(self.params['event_id'])]

    def view(self, obj):
        status = obj.get('status')
        # An event terminated from outside is terminated: asking TERMINATED is no change.
        return {'status': 'TERMINATED' if status in protocol.FINAL_EVENT_STATUSES else status}

    def guard(self, action, current, changes):
        if current is not None and current.get('status') in protocol.FINAL_EVENT_STATUSES:
            raise OptionError('event %s is %s and cannot become %s' % (self.params['event_id'], current.get('status'), changes.get('status')),
                              vendor=VENDOR, hint=FINAL_HINT)

    def update(self, current, changes):
        return self.api.change_event(current['id'], changes['status'])

    def read_back(self, action, current, written, changes):
        return self.api.get_event(current['id']) or self.predict(current, changes)

    def predict(self, current, changes):
        return dict(current or {}, **changes)

    def missing(self):
        return ('there is no event %s' % self.params['event_id'], 'event_id is the id (UUID) or the number (eventId) of an event')


def run_event(module):
    """The whole of ``xmatters_event`` after its argspec."""
    params = module.params
    if params.get('event_id'):
        given = [name for name in TRIGGER_ONLY if params.get(name) is not None]
        if given:
            module.fail_json(msg='%s: %s only go with a trigger (trigger_url or form_id), not with event_id' % (VENDOR, ', '.join(given)))
    # The apiKey of a trigger URL is a secret in its own right, wherever it shows up (the whole URL is no_log already).
    module.hide([trigger_api_key(params.get('trigger_url'))])
    if params.get('trigger_url'):
        try:
            check_trigger_url(params['trigger_url'], params.get('url'), params.get('allow_http'))
        except OptionError as exc:
            module.fail_on(exc)
    with module.connection(connect) as api:
        if params.get('event_id'):
            result = ensure(EventStatusResource(api, params), 'present', check_mode=module.check_mode)
        else:
            result = trigger(api, params, module.check_mode, module.warn)
    module.exit_json(**result)


# ---- xmatters_event_info ----------------------------------------------------------------------------------

def run_event_info(module):
    """The whole of ``xmatters_event_info`` after its argspec."""
    params = module.params
    check_page_size(module)
    with module.connection(connect) as api:
        if params.get('event_id'):
            event = api.get_event(params['event_id'])
            events = [event] if event else []
        else:
            query = {}
            if params.get('status'):
                query['status'] = params['status']
            if params.get('request_id'):
                query[protocol.REQUEST_ID_PARAM] = params['request_id']
            if params.get('property_name') is not None:
                query.update(propertyName=params['property_name'], propertyValue=params['property_value'])
            events = api.events(query, page_size=params['page_size'])
            if params.get('request_id'):
                events = of_request(events, params['request_id'])
    module.exit_json(changed=False, events=events)


def of_request(events, request_id):
    """``events`` without those that name another requestId: a server that ignores the filter lists every event."""
    return [event for event in events if not isinstance(event, dict) or str(event.get('requestId', request_id)) == request_id]


def check_page_size(module):
    if not 1 <= module.params['page_size'] <= protocol.MAX_PAGE_SIZE:
        module.fail_json(msg='%s: page_size must be between 1 and %d, not %s' % (VENDOR, protocol.MAX_PAGE_SIZE, module.params['page_size']))


# ---- xmatters_oncall_info ---------------------------------------------------------------------------------

def utc_time(value, option):
    """An ISO 8601 date and time as UTC ``YYYY-MM-DDTHH:MM:SSZ`` (a time without offset is taken as UTC)."""
    text = value.strip()
    if text.endswith(('Z', 'z')):
        text = text[:-1] + '+00:00'
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise OptionError('%s must be an ISO 8601 date and time such as 2026-12-01T08:00:00Z, not %r' % (option, value), vendor=VENDOR)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def _ref_name(ref):
    return (ref.get('targetName') or ref.get('name') or ref.get('id')) if isinstance(ref, dict) else ref


def oncall_members(item, warn):
    """The members of one on-call item in escalation order: ``{target_name, recipient_type, level, delay, id, owner}``."""
    embedded = item.get('members')
    data = embedded.get('data') if isinstance(embedded, dict) else embedded
    entries = [entry for entry in data or [] if isinstance(entry, dict)]
    total = embedded.get('total') if isinstance(embedded, dict) else None
    if isinstance(total, int) and total > len(entries):
        warn('%s: the shift %s of %s has %d members but the answer holds %d; the list is cut short'
             % (VENDOR, _ref_name(item.get('shift')), _ref_name(item.get('group')), total, len(entries)))
    entries.sort(key=lambda entry: entry.get('position') if isinstance(entry.get('position'), int) else float('inf'))
    members = []
    for index, entry in enumerate(entries, start=1):
        member = entry.get('member') if isinstance(entry.get('member'), dict) else {}
        position = entry.get('position')
        members.append({
            'target_name': member.get('targetName'),
            'recipient_type': member.get('recipientType'),
            # INFERRED: the position is the order in which xMatters escalates through the shift.
            'level': position if isinstance(position, int) and not isinstance(position, bool) else index,
            'delay': entry.get('delay'),
            'id': member.get('id'),
            'owner': _ref_name(member.get('owner')) if member.get('owner') else None,
        })
    return members


def oncall_view(item, warn):
    group = item.get('group') if isinstance(item.get('group'), dict) else {}
    shift = item.get('shift') if isinstance(item.get('shift'), dict) else {}
    return {
        'group': group.get('targetName') or group.get('id'),
        'group_id': group.get('id'),
        'shift': shift.get('name'),
        'shift_id': shift.get('id'),
        'start': item.get('start'),
        'end': item.get('end'),
        'members': oncall_members(item, warn),
    }


def run_oncall_info(module):
    """The whole of ``xmatters_oncall_info`` after its argspec."""
    params = module.params
    check_page_size(module)
    groups = params['groups']
    bad = [group for group in groups if not group or ',' in group]
    if bad:
        module.fail_json(msg='%s: groups cannot hold an empty name or a name with a comma (the API separates groups with commas): %s'
                         % (VENDOR, ', '.join(repr(group) for group in bad)))
    query = {}
    try:
        for option in ('from', 'to'):
            if params.get(option):
                query[option] = utc_time(params[option], option)
    except OptionError as exc:
        module.fail_on(exc)
    with module.connection(connect) as api:
        items = api.oncall(groups, query, page_size=params['page_size'])
        oncall = [oncall_view(item, module.warn) for item in items if isinstance(item, dict)]
    module.exit_json(changed=False, oncall=oncall)
