# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Ids that would name another path (``.``, ``..``) are refused before any write, for every vendor that puts ids in
URLs; ids with ``/``, ``?``, ``#`` or CR/LF stay one path segment. HTTP libraries remove dot segments, so an
unencoded ``..`` acted on the parent path (a whole list)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow

REMEDY = {'REMEDY_USERNAME': 'Demo', 'REMEDY_PASSWORD': 'Demo-Passw0rd!'}
XMATTERS = {'XMATTERS_USERNAME': 'demo', 'XMATTERS_PASSWORD': 'Demo-Passw0rd!'}
XTAM = {'XTAM_USERNAME': 'demo', 'XTAM_PASSWORD': 'Demo-Passw0rd!'}


def writes(counters):
    return {key: value for key, value in counters['requests'].items() if key.split(' ', 1)[0] in ('POST', 'PUT', 'DELETE')
            and 'login' not in key and 'logout' not in key and 'token' not in key and 'authentication' not in key}


@pytest.mark.parametrize('bad_id', ['.', '..'], ids=['dot', 'dot-dot'])
def test_remedy_entry_refuses_dot_ids(ansible, remedy, bad_id):
    before = remedy.control.state()
    run = ansible.adhoc('restauth.enterprise.remedy_entry', json.dumps({'form': 'RESTAUTH:Ticket', 'entry_id': bad_id, 'state': 'absent'}),
                        env=dict(REMEDY, REMEDY_URL=remedy.url, REMEDY_CA_PATH=remedy.ca_path))
    assert run.rc != 0, run
    assert 'Remedy' in run.output and "entry_id '%s' cannot be used" % bad_id in run.output, run
    assert 'Traceback' not in run.output
    assert writes(remedy.control.counters()) == {}
    assert remedy.control.state() == before


@pytest.mark.parametrize('bad_id', ['.', '..'], ids=['dot', 'dot-dot'])
def test_xmatters_group_refuses_dot_names(ansible, xm, bad_id):
    before = xm.control.state()['groups']
    run = ansible.adhoc('restauth.enterprise.xmatters_group', json.dumps({'name': bad_id, 'state': 'absent'}),
                        env=dict(XMATTERS, XMATTERS_URL=xm.url, XMATTERS_CA_PATH=xm.ca_path))
    assert run.rc != 0, run
    assert "group '%s' cannot be used" % bad_id in run.output, run
    assert writes(xm.control.counters()) == {}
    assert xm.control.state()['groups'] == before


@pytest.mark.parametrize('bad_id', ['.', '..'], ids=['dot', 'dot-dot'])
def test_xtam_record_refuses_dot_ids(ansible, xtam, bad_id):
    run = ansible.adhoc('restauth.enterprise.xtam_record', json.dumps({'record_id': bad_id, 'state': 'absent'}),
                        env=dict(XTAM, XTAM_URL=xtam.url + '/xtam', XTAM_CA_PATH=xtam.ca_path))
    assert run.rc != 0, run
    assert "record_id '%s' cannot be used" % bad_id in run.output, run
    assert 'Traceback' not in run.output
    assert writes(xtam.control.counters()) == {}


def test_reserved_characters_in_a_remedy_entry_id_stay_one_segment(ansible, remedy):
    run = ansible.adhoc('restauth.enterprise.remedy_entry_info', json.dumps({'form': 'RESTAUTH:Ticket', 'entry_id': '../../x?y#z'}),
                        env=dict(REMEDY, REMEDY_URL=remedy.url, REMEDY_CA_PATH=remedy.ca_path))
    assert 'Traceback' not in run.output, run
    requested = [key for key in remedy.control.counters()['requests'] if key.startswith('GET /api/arsys/v1/entry')]
    # One encoded segment under the form: nothing climbed out of it, nothing became a query.
    assert requested == ['GET /api/arsys/v1/entry/RESTAUTH:Ticket/..%2F..%2Fx%3Fy%23z'], requested
