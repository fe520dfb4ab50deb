# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This module_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The one resource engine: "make this object match" decided once for every vendor.

A vendor describes an object kind with a small ``Resource`` adapter: how to find
it, create, update and delete it, what it would look like after a change, what
must be refused before any write. ``ensure()`` owns everything else: exactly one
match, "named by id but missing", loose equality, check mode (nothing sent, a
predicted result), the diff, masking and the result shape. Adapters hold only
what is specific to their vendor; they never branch on check mode.

``TokenResource`` and ``run_token()`` do the same for the ``*_token`` modules.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from contextlib import nullcontext

from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    REDACTED, AmbiguousMatchError, NotFoundError, OptionError, change_applied,
)


def same(current, wanted, none_leaves=True):
    """Whether ``current`` already holds ``wanted``, as REST APIs answer values.

    ``wanted`` None means "leave as it is"; with ``none_leaves`` False it means
    "empty" instead (a field set to null on purpose). Numbers and strings compare by their
    text (``8080`` and ``'8080'``), because servers answer a field as a JSON number
    or string depending on its type; an empty string and null are the same empty
    field. Booleans only equal booleans (``True`` is not ``1`` nor ``'True'``),
    lists compare whole, and a wanted dict names only the keys it holds: each
    must be present in the current dict and hold its value (the other keys are left).
    """
    if wanted is None:
        return none_leaves or current in (None, '')
    if isinstance(current, bool) or isinstance(wanted, bool):
        return isinstance(current, bool) and isinstance(wanted, bool) and current == wanted
    if current == wanted:
        return True
    if isinstance(wanted, dict) and isinstance(current, dict):
        return all(key in current and same(current[key], value, none_leaves) for key, value in wanted.items())
    if current in (None, '') and wanted == '':
        return True
    if current is None or isinstance(current, (dict, list)) or isinstance(wanted, (dict, list)):
        return False
    return str(current) == str(wanted)


def changes_between(current, wanted, none_leaves=True):
    """The part of ``wanted`` (option -> value) that ``current`` (option -> value) does not hold yet."""
    return dict((key, value) for key, value in wanted.items() if not same(current.get(key), value, none_leaves))


def masked(values, secret_keys):
    """``values`` with the value of each secret key replaced by a mask (a copy; a list masks each item; other values as they are)."""
    if isinstance(values, list) and secret_keys:
        return [masked(item, secret_keys) for item in values]
    if not isinstance(values, dict) or not secret_keys:
        return values
    return dict((key, REDACTED if key in secret_keys and value is not None else value) for key, value in values.items())


class Resource:
    """One kind of object of one vendor, as ``ensure()`` sees it.

    Subclasses set the class attributes and implement ``find``, ``create``,
    ``update``, ``delete``, ``view`` and ``predict``; the other hooks have defaults.
    ``params`` are the module's options. Objects are whatever the vendor answers
    (usually the JSON dict); ``view`` turns one into option -> value for comparison.
    """

    vendor = None
    module = None           # the module name, for messages ("xmatters_group changes one group")
    kind = 'object'         # what an object is called in messages
    body_key = 'object'     # the result key that holds the object (each module's documented key)
    id_key = None           # the result key that holds the object's id, or None when the module returns none
    secret_keys = ()        # view keys (and top-level body keys) masked in the diff and the result
    none_leaves = True      # False: a None in ``wanted`` empties the field instead of leaving it
    # True: what the user names may match several objects (API keys share a name): state=present is
    # satisfied by the first match, and state=absent deletes every match, all in one ``writing('delete')``.
    many = False
    ids_key = None          # with ``many``: the result key that lists the id of every object deleted

    def __init__(self, api, params):
        self.api = api
        self.params = params

    def hide(self, secrets):
        """Told about secret values read from the server; ``run_resource`` makes the module mask them. Default: nothing."""

    # What the user asked for.

    def given_id(self):
        """The id the user named the object by, or None (then a missing object is created)."""
        return None

    def label(self):
        """How messages name the object the user means (its id, name or query)."""
        given = self.given_id()
        return '%s %s' % (self.kind, given) if given is not None else self.kind

    def written_name(self, obj):
        """How the message of a failure after a write names ``obj`` (the object written): the label and its id."""
        object_id = self.object_id(obj) if obj is not None else None
        label = self.label()
        if object_id is None or str(object_id) in label:
            return label
        return '%s (id %s)' % (label, object_id)

    def wanted(self):
        """Option -> value the object must hold; None values are left as they are."""
        return {}

    # What the server holds.

    def find(self):
        """The current objects that match what the user named: a list (0, 1, or more)."""
        raise NotImplementedError

    def view(self, obj):
        """The managed fields of ``obj``, as option -> value (compared to ``wanted`` and shown in the diff)."""
        raise NotImplementedError

    def object_id(self, obj):
        """The id of ``obj``; None when it has none yet (a prediction)."""
        return obj.get('id') if isinstance(obj, dict) else None

    def output(self, obj):
        """What the result shows under ``body_key`` for ``obj`` (default: the object itself)."""
        return obj

    def extra(self):
        """Further result fields the module documents (for example the name asked for); default none."""
        return {}

    # Changes.

    def guard(self, action, current, changes):
        """Refuse what must not be sent, before any write and in check mode too (``action``: create, update, delete)."""

    def writing(self, action):
        """The context every write of ``action`` runs in (an SPS transaction, for one); default none."""
        return nullcontext()

    def create(self, wanted):
        """Create the object; returns what the server answered (used by ``read_back``)."""
        raise NotImplementedError

    def update(self, current, changes):
        """Send ``changes`` to ``current``; returns what the server answered (or None)."""
        raise NotImplementedError

    def delete(self, current):
        """Delete ``current``; False when the server says it was already gone (no change)."""
        raise NotImplementedError

    def read_back(self, action, current, written, changes):
        """The object as the server stores it after a write (``current`` is None for a create).

        Runs under ``change_applied``: a failure here fails the task with changed.
        Default: the object predicted from what was sent.
        """
        return self.predict(current, changes)

    def predict(self, current, changes):
        """The object as it would be after ``changes`` (``current`` None: a new object), for check mode."""
        raise NotImplementedError

    def diff(self, before, after, current, changes, obj=None):
        """The diff shown for a change: ``before`` and ``after`` hold the fields that change, secrets masked.

        ``obj`` is the object the result shows. With ``many``, a state=absent diff has the list of the
        managed fields of every object deleted as ``before`` and an empty list as ``after``.
        A vendor whose secrets sit inside a field (XTAM's custom fields) renders them here.
        """
        return {'before': masked(before, self.secret_keys), 'after': masked(after, self.secret_keys)}

    # Messages.

    def ambiguous(self, matches):
        """The message and hint for more than one match."""
        return ('%d %ss match %s, and %s changes one %s' % (len(matches), self.kind, self.label(), self.module, self.kind),
                'name the %s so that one matches' % self.kind)

    def missing(self):
        """The message and hint for an object named by id that does not exist."""
        return ('%s does not exist' % self.label(), None)


def exactly_one(resource, matches=None):
    """The one current object the user named, or None; 2+ matches raise ``AmbiguousMatchError`` (nothing is written).

    With ``resource.many``, several matches are allowed and the first one is the object.
    """
    if matches is None:
        matches = [match for match in resource.find() if match is not None]
    if len(matches) > 1 and not resource.many:
        message, hint = resource.ambiguous(matches)
        raise AmbiguousMatchError(message, vendor=resource.vendor, hint=hint)
    return matches[0] if matches else None


def ensure(resource, state, check_mode=False, diff=True):
    """Bring the object ``resource`` names to ``state`` (present or absent); the module's result.

    The result holds ``changed``, the object under ``resource.body_key``, its id
    under ``resource.id_key`` (when set) and, with ``diff``, ``diff`` as
    ``{'before': ..., 'after': ...}``: the fields that change (a create: everything
    sent; a delete: the managed fields before), secrets masked. In check mode
    nothing is written and the object is the predicted one. An object named by
    id that does not exist is ``NotFoundError`` (status 404) for every vendor.
    With ``resource.many``, state=absent deletes every match (see ``_absent_all``).
    """
    matches = [match for match in resource.find() if match is not None]
    if state == 'absent' and resource.many:
        return _absent_all(resource, matches, check_mode, diff)
    current = exactly_one(resource, matches)
    if state == 'absent':
        return _absent(resource, current, check_mode, diff)
    if current is None and resource.given_id() is not None:
        message, hint = resource.missing()
        raise NotFoundError(message, vendor=resource.vendor, hint=hint, status=404)
    wanted = dict((key, value) for key, value in resource.wanted().items() if value is not None or not resource.none_leaves)
    if current is None:
        return _write(resource, 'create', None, wanted, check_mode, diff, before={}, after=wanted)
    view = resource.view(current)
    changes = changes_between(view, wanted, resource.none_leaves)
    if not changes:
        return _result(resource, False, current, diff, {}, {}, changes=changes)
    before = dict((key, view.get(key)) for key in changes)
    return _write(resource, 'update', current, changes, check_mode, diff, before=before, after=changes)


def _absent(resource, current, check_mode, diff):
    if current is None:
        return _result(resource, False, None, diff, {}, {}, object_id=resource.given_id())
    resource.guard('delete', current, {})
    if not check_mode:
        with resource.writing('delete'):
            deleted = resource.delete(current)
        if deleted is False:
            # Gone between the read and the delete: nothing was deleted.
            return _result(resource, False, None, diff, {}, {}, object_id=resource.given_id())
    return _result(resource, True, current, diff, resource.view(current), {}, current=current)


def _absent_all(resource, matches, check_mode, diff):
    """Delete every match in one ``writing('delete')``: all are guarded first, so a refusal deletes none.

    The result lists the ids under ``ids_key``; the object and its id are those of the one match when
    exactly one was deleted (else None and the id the user gave).
    """
    for match in matches:
        resource.guard('delete', match, {})
    deleted = list(matches)
    if matches and not check_mode:
        with resource.writing('delete'):
            deleted = [match for match in matches if resource.delete(match) is not False]
    one = deleted[0] if len(deleted) == 1 else None
    before = [resource.view(match) for match in deleted] if deleted else {}
    result = _result(resource, bool(deleted), one, diff, before, [] if deleted else {}, object_id=resource.given_id(), current=one)
    result[resource.ids_key or 'ids'] = [resource.object_id(match) for match in deleted]
    return result


def _write(resource, action, current, changes, check_mode, diff, before, after):
    resource.guard(action, current, changes)
    if check_mode:
        return _result(resource, True, resource.predict(current, changes), diff, before, after, changes=changes)
    with resource.writing(action):
        written = resource.update(current, changes) if action == 'update' else resource.create(changes)
    what = 'the %s of %s' % ('update' if action == 'update' else 'creation', resource.written_name(current if current is not None else written))
    with change_applied(what):
        obj = resource.read_back(action, current, written, changes)
    return _result(resource, True, obj, diff, before, after, current=current, changes=changes)


def _result(resource, changed, obj, diff, before, after, object_id=None, current=None, changes=None):
    result = dict(resource.extra())
    result.update({'changed': changed, resource.body_key: masked(resource.output(obj), resource.secret_keys) if obj is not None else None})
    if resource.id_key:
        result[resource.id_key] = resource.object_id(obj) if obj is not None else object_id
    if diff:
        result['diff'] = resource.diff(before, after, current, changes or {}, obj)
    return result


def iso8601(timestamp):
    """A POSIX timestamp as ISO 8601 UTC (``2026-11-22T21:05:00Z``), or None: the ``expires_at`` of the token modules."""
    if timestamp is None:
        return None
    moment = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


class TokenResource:
    """The session of one vendor, as ``run_token()`` sees it (the ``*_token`` modules).

    ``login()`` returns a ``Credential``; ``validate()`` proves a given token is
    accepted (an authenticated read, never a login) and raises the collection error
    the server's answer means; ``output(credential)`` is the module's result fields.
    ``login_in_check_mode``: the later tasks of a check-mode run need a session to
    read, so a token module logs in even in check mode unless this is False.
    """

    vendor = None
    can_log_out = False
    login_in_check_mode = True

    def __init__(self, api, params):
        self.api = api
        self.params = params

    def refusal(self):
        """A collection error for options that can never give a token (checked before connecting), or None."""
        return None

    def given_token(self):
        return self.params.get('token')

    def login(self):
        """The session's credential: a login, or the given token's credential without any request."""
        return self.api.login()

    def validate(self):
        """Prove the given token is accepted with one authenticated read; raise what a refusal means."""
        raise NotImplementedError

    def logout(self):
        """End the session; False when it had already ended."""
        raise NotImplementedError

    def is_live(self):
        """Whether the session is still accepted (check mode of state=absent)."""
        raise NotImplementedError

    def output(self, credential):
        return {'token': credential.token if credential is not None else None}


def run_token(resource, state, check_mode=False):
    """The result of a token module: one ``changed`` rule for every vendor.

    present: a login is a change, a given token is validated and is no change;
    in check mode, a given token is still validated (a read, no login) and a login
    happens only when ``login_in_check_mode``. absent: the logout is the change
    (check mode asks whether the session is live and sends no logout).
    """
    refusal = resource.refusal()
    if refusal is not None:
        raise refusal
    if state == 'absent':
        if not resource.can_log_out:
            raise OptionError('state=absent cannot work: there is no logout call, a session ends when it stays unused', vendor=resource.vendor)
        return {'changed': resource.is_live() if check_mode else resource.logout() is not False}
    if resource.given_token():
        resource.validate()
        return dict(resource.output(resource.login()), changed=False)
    if check_mode and not resource.login_in_check_mode:
        return dict(resource.output(None), changed=True)
    return dict(resource.output(resource.login()), changed=True)
