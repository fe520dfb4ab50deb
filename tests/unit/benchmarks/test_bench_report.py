# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""docs/performance.md as benchmarks/bench.py writes it: the measured numbers, and targets called missed when they are.

Only the rendering is tested here; the benchmark itself runs with `make bench`, never in `make test`.
"""

from __future__ import annotations

import copy
import importlib.util
import os

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
SPEC = importlib.util.spec_from_file_location('bench', os.path.join(ROOT, 'benchmarks', 'bench.py'))
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)

MACHINE = {'cpu': 'Test CPU @ 1.00GHz', 'cores': 2, 'os': 'Linux-6', 'python': '3.11.7', 'ansible_core': '2.19.14',
           'load': '0.50', 'load_end': '1.50', 'date': '2026-01-01 00:00 UTC'}


def logins(vendor, cache_on_logins):
    module = bench.LOGIN_MODULES[vendor]
    return [
        {'way': '`ansible.builtin.uri`, a login before every read', 'logins': 200, 'logouts': 0, 'requests': 400, 'seconds': 90.04},
        {'way': '`%s`, token cache off' % module, 'logins': 200, 'logouts': 200, 'requests': 600, 'seconds': 60.0},
        {'way': '`%s`, token cache on' % module, 'logins': cache_on_logins, 'logouts': 0, 'requests': 201, 'seconds': 45.0},
    ]


FIGURES = {
    'logins': {'remedy': logins('remedy', 1), 'sps': logins('sps', 1)},
    'overhead': {'pairs': 30, 'module': 0.33, 'uri': 0.30, 'ratio': 1.1},
    'pagination': [{'page_size': None, 'requests': [5], 'seconds': 0.98, 'runs': 3},
                   {'page_size': 100, 'requests': [50], 'seconds': 1.96, 'runs': 3}],
    'lookup': [{'way': 'token cache off (a login every call)', 'median': 0.0040, 'calls': 30, 'logins': 30},
               {'way': 'cold cache (an empty cache directory every call)', 'median': 0.0120, 'calls': 30, 'logins': 30},
               {'way': 'warm cache (the entry is present)', 'median': 0.0015, 'calls': 30, 'logins': 0}],
}


def test_the_report_shows_the_machine_the_command_and_every_measured_number():
    text = bench.render(MACHINE, FIGURES, 'make bench')
    for expected in ('| CPU | Test CPU @ 1.00GHz |', '| ansible-core | 2.19.14 |', '| load average at the start, at the end | 0.50, 1.50 |',
                     '| command | `make bench` |',
                     '| `ansible.builtin.uri`, a login before every read | 200 | 0 | 400 | 90.0 |',
                     '| `remedy_entry_info`, token cache on | 1 | 0 | 201 | 45.0 |',
                     '| `sps_api_key_info`, token cache off | 200 | 200 | 600 | 60.0 |',
                     '| `remedy_entry_info` with `token` | 330 |', '| ratio module / uri | 1.10 |',
                     '| default (1000, the xMatters maximum) | 5 | 0.98 |', '| 100 | 50 | 1.96 |',
                     '| warm cache (the entry is present) | 1.5 | 0 |', '8.0 times faster than a cold one (12.0 ms)'):
        assert expected in text
    assert text.count('logs in exactly once (target: 1), 25% less in wall time') == 2
    assert 'within the target of 1.2' in text
    assert 'missed' not in text and 'not in this checkout' not in text


def without_cache(figures):
    for vendor in ('remedy', 'sps'):
        figures['logins'][vendor].pop()
    figures['lookup'][1:] = []


@pytest.mark.parametrize('change,says', [
    (lambda figures: figures['logins']['sps'][2].update(logins=3), 'the run logs in 3 times: **the target of exactly 1 is missed**'),
    (lambda figures: figures['overhead'].update(ratio=1.25), '1.25 times as long per task as the bare `uri` call, **above** the target'),
    (without_cache, 'The token cache is not in this checkout'),
], ids=['cache-misses-one-login', 'overhead-above-target', 'no-cache-in-checkout'])
def test_the_report_says_so_when_a_target_is_missed_or_a_figure_is_missing(change, says):
    figures = copy.deepcopy(FIGURES)
    change(figures)
    assert says in bench.render(MACHINE, figures, 'make bench')


FLEET = {'jobs': [{'way': 'cache directory of each job', 'jobs': 100, 'logins': 100, 'reads': 1000, 'seconds': 400.2},
                  {'way': 'cache on one Valkey server', 'jobs': 100, 'logins': 1, 'reads': 1000, 'seconds': 380.0}],
         'storm': [{'way': 'token cache off: each task backs off alone', 'inside': 37, 'reads': 161, 'logins': 160},
                   {'way': 'token cache on: the back-off is shared', 'inside': 2, 'reads': 161, 'logins': 1}]}


@pytest.mark.parametrize('shared_logins,says', [(1, 'the whole fleet logs in exactly once, the target'),
                                                (4, 'the whole fleet logs in 4 times: **the target of exactly 1 is missed**')])
def test_the_fleet_section_shows_both_caches_and_the_storm(shared_logins, says):
    figures = copy.deepcopy(dict(FIGURES, fleet=FLEET))
    figures['fleet']['jobs'][1]['logins'] = shared_logins
    text = bench.render(MACHINE, figures, 'make bench')
    assert bench.FLEET_HEADING in text and says in text
    assert '| cache directory of each job | 100 | 100 | 1000 | 400 |' in text
    assert '| token cache on: the back-off is shared | 2 | 161 | 1 |' in text
    # The section alone replaces the one of an existing page, or is added at its end.
    page = bench.render(MACHINE, dict(FIGURES), 'make bench')
    assert bench.FLEET_HEADING not in page
    once = bench.replace_section(page, bench.render_fleet(figures['fleet']), bench.FLEET_HEADING)
    assert once.count(bench.FLEET_HEADING) == 1 and says in once
    twice = bench.replace_section(once, bench.render_fleet(FLEET), bench.FLEET_HEADING)
    assert twice.count(bench.FLEET_HEADING) == 1 and 'exactly once, the target' in twice
