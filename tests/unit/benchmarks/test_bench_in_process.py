# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Section 5 of docs/performance.md (in-process execution): its numbers, its verdict, and ``--section in-process`` replacing only it."""

from __future__ import annotations

import importlib.util
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
SPEC = importlib.util.spec_from_file_location('bench_in_process', os.path.join(ROOT, 'benchmarks', 'bench.py'))
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)

FIGURE = {'rounds': 30, 'in_process': 0.060, 'launched': 0.480, 'uri': 0.500, 'set_fact': 0.020, 'ratio': 0.12,
          'logins': [{'way': 'in-process (the default)', 'logins': 200, 'seconds': 12.34},
                     {'way': 'launched (`RESTAUTH_IN_PROCESS=0`)', 'logins': 200, 'seconds': 56.78}]}


def test_the_section_shows_every_measured_number_and_the_verdict():
    text = bench.render_in_process(FIGURE)
    for expected in ('| `remedy_entry_info`, in-process | 60 |', '| `remedy_entry_info`, launched | 480 |', '| `ansible.builtin.uri` GET | 500 |',
                     '| `ansible.builtin.set_fact` (the floor) | 20 |', '| ratio in-process / uri | 0.12 |', 'within the target of 0.2',
                     'launched module takes 8.00 times', '| in-process (the default) | 200 | 12.3 |', '| launched (`RESTAUTH_IN_PROCESS=0`) | 200 | 56.8 |',
                     '30 rounds'):
        assert expected in text, expected


def test_a_missed_target_is_called_missed():
    assert '**above** the target of 0.2' in bench.render_in_process(dict(FIGURE, in_process=0.2, ratio=0.4))


def test_only_section_5_is_replaced_and_it_is_added_when_missing():
    old = bench.render_in_process(dict(FIGURE, in_process=0.9, ratio=1.8))
    page = '# Performance\n\n## 4. The token lookup\n\nfour\n\n' + old + '\n## 6. Later\n\nsix\n'
    new = bench.replace_section(page, bench.render_in_process(FIGURE))
    assert new.startswith('# Performance\n\n## 4. The token lookup\n\nfour\n\n## 5. In-process module execution')
    assert '| ratio in-process / uri | 0.12 |' in new and '1.80' not in new
    assert new.endswith('\n## 6. Later\n\nsix\n')
    added = bench.replace_section('# Performance\n\n## 4. The token lookup\n\nfour\n', bench.render_in_process(FIGURE))
    assert added.count(bench.IN_PROCESS_HEADING) == 1 and added.startswith('# Performance\n\n## 4.')
