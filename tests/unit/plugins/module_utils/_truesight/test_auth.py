# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""TrueSight (TSWS) auth: the forms of the login answer's "expires" and the lifetime they give (pure functions)."""

from __future__ import annotations

import calendar
import email.utils
import time

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._truesight import auth


def utc(text):
    return float(calendar.timegm(time.strptime(text, '%Y-%m-%dT%H:%M:%S')))


def iso(moment):
    return time.strftime('%Y-%m-%dT%H:%M:%S.000Z', time.gmtime(moment))


class TestParseExpires:

    @pytest.mark.parametrize('value,expected', [
        ('2018-01-18T13:08:18.000Z', utc('2018-01-18T13:08:18')),
        ('2018-01-18T13:08:18Z', utc('2018-01-18T13:08:18')),
        ('2018-01-18T13:08:18.250Z', utc('2018-01-18T13:08:18') + 0.25),
        ('2015-07-21T06:23:51', utc('2015-07-21T06:23:51')),
        ('2018-01-18 13:08:18', utc('2018-01-18T13:08:18')),
        ('2018-01-18T15:08:18.000+02:00', utc('2018-01-18T13:08:18')),
        ('2018-01-18T08:08:18-0500', utc('2018-01-18T13:08:18')),
        (1516280898, 1516280898.0),
        (1516280898000, 1516280898.0),
        ('1516280898000', 1516280898.0),
        (1516280898.5, 1516280898.5),
    ], ids=['iso-ms-z', 'iso-z', 'iso-fraction', 'naive-10.0', 'space', 'offset', 'offset-no-colon',
            'epoch-s', 'epoch-ms', 'epoch-ms-text', 'epoch-float'])
    def test_documented_and_tolerated_forms(self, value, expected):
        assert auth.parse_expires(value) == pytest.approx(expected)

    @pytest.mark.parametrize('value', [None, '', 'tomorrow', '2018-13-45T00:00:00Z', '18/01/2018 13:08', True, 0, -5, {'t': 1}],
                             ids=['none', 'empty', 'word', 'impossible-date', 'other-format', 'bool', 'zero', 'negative', 'dict'])
    def test_unreadable_values_give_none(self, value):
        assert auth.parse_expires(value) is None


class TestExpiryAtLogin:

    NOW = 1800000000.0

    def test_future_expires_is_trusted(self):
        expires_at, warning = auth.expiry_at_login(iso(self.NOW + 86400), now=self.NOW)
        assert expires_at == self.NOW + 86400 and warning is None

    def test_server_clock_is_the_reference(self):
        # The server's clock is two hours behind the controller's: the token still has 50 minutes.
        server_now = self.NOW - 7200
        date = email.utils.formatdate(server_now, usegmt=True)
        expires_at, warning = auth.expiry_at_login(iso(server_now + 3000), date, now=self.NOW)
        assert expires_at == self.NOW + 3000 and warning is None

    @pytest.mark.parametrize('expires,words', [
        (None, 'is missing'),
        ('soon', "cannot be read ('soon')"),
        ('2015-07-21T06:23:51', 'is not in the future'),
    ], ids=['missing', 'unreadable', 'past'])
    def test_untrustworthy_expires_falls_back_to_one_hour_with_a_warning(self, expires, words):
        expires_at, warning = auth.expiry_at_login(expires, now=self.NOW)
        assert expires_at == self.NOW + 3600
        assert words in warning and '3600 seconds' in warning

    def test_expires_equal_to_the_response_time_falls_back(self):
        # Older TSWS docs: "expires" is the same as responseTimeStamp.
        date = email.utils.formatdate(self.NOW, usegmt=True)
        expires_at, warning = auth.expiry_at_login(iso(self.NOW), date, now=self.NOW)
        assert expires_at == self.NOW + 3600 and 'not in the future' in warning
