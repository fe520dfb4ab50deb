# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ansible-core matrix of ``make test``: every core that meta/runtime.yml claims, each on its Python.

    python3 tests/tools/matrix.py venvs            # build the venvs of every leg (at once: pip mostly waits)
    python3 tests/tools/matrix.py run [--jobs 2]   # run every stage of every leg, two at a time
    python3 tests/tools/matrix.py run --leg 2.16   # only one leg (and --stage units to narrow it further)
    python3 tests/tools/matrix.py table            # the README's compatibility table, from LEGS

The default leg (2.19 on Python 3.11, ``.venv``) runs the Makefile's own stages; the other legs run what they add:
units and sanity on every core, integration on the oldest and the newest, galaxy-importer and ansible-lint's
production profile on the oldest. On 2.16 every module is launched as AnsiballZ (2.16 to 2.18 lack the in-process
API), so its integration stage is also the suite's run with launched modules (``make integration-launched`` runs
the vendor files that way on 2.19, by hand); the default leg's test_in_process compares both ways on 2.19.
A leg whose Python is missing is skipped, and the summary says so on a line of
its own; nothing is skipped for any other reason. Each stage writes ``.build/matrix/<leg>-<stage>.log``; a failed
stage prints its log's tail. Stages that share a cache under HOME (every sanity stage; lint and the importer) run one
at a time (SHARES). The summary (``.build/matrix/summary.txt``) gives each stage's wall time and counts.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
LOGS = os.path.join(ROOT, '.build', 'matrix')
MATRIX = os.path.join(ROOT, 'tests', 'matrix')
PYTEST = ['-m', 'pytest', '-c', 'tests/pytest.ini', '-q', '-p', 'no:cacheprovider']
# Two xdist workers: these machines have two cores, and most of a test's time is an ansible process's CPU.
XDIST = ['-n', '2']
# The examples runner checks the docs against the simulators; it runs once, in the default leg.
NOT_TWICE = ['--ignore=tests/integration/test_examples.py']

Leg = collections.namedtuple('Leg', 'core python stages default')

LEGS = (
    Leg('2.16', '3.11', ('units', 'sanity', 'integration', 'importer'), False),
    Leg('2.17', '3.11', ('units', 'sanity'), False),
    Leg('2.18', '3.11', ('units', 'sanity'), False),
    Leg('2.19', '3.11', ('units', 'integration', 'sanity', 'lint', 'docs', 'changelog-check'), True),
    Leg('2.20', '3.12', ('units', 'sanity'), False),
    Leg('2.21', '3.12', ('units', 'sanity', 'integration'), False),
)
# What a stage costs, roughly, in minutes on two cores: the longest start first, so that the last ones are short.
WEIGHT = {'integration': 10, 'sanity': 4, 'docs': 2, 'importer': 2, 'lint': 1, 'units': 1, 'changelog-check': 1}
# Stages that share a cache under HOME run one at a time. ansible-test names a sanity venv
# ~/.ansible/test/venv/<test>/<python>/<hash of its requirements>, and two cores with the same pins on the same Python
# (2.20 and 2.21 for import and pep8) build the same directory at once and break each other ("No module named
# pip._vendor..."). ansible-lint (lint, and the importer stage) keeps the collection's link in one cache per project.
SHARES = {'sanity': 'ansible-test venvs', 'lint': 'ansible-lint cache', 'importer': 'ansible-lint cache'}
IMPORTER_LEG = '2.16'


def venv_of(leg):
    return os.path.join(ROOT, '.venv' if leg.default else '.venv-core%s' % leg.core)


def requirements_of(leg):
    return os.path.join(MATRIX, 'core-%s.txt' % leg.core)


def importer_venv():
    return os.path.join(ROOT, '.venv-importer%s' % IMPORTER_LEG)


def importer_requirements():
    return os.path.join(MATRIX, 'importer-%s.txt' % IMPORTER_LEG)


def find_python(version):
    """A Python ``version`` that really runs (pyenv's shims exist for versions that are not selected)."""
    major, minor = version.split('.')
    home = os.path.expanduser('~')
    pyenv_root = os.environ.get('PYENV_ROOT') or os.path.join(home, '.pyenv')
    candidates = [os.environ.get('PYTHON%s%s' % (major, minor)), 'python%s' % version]
    versions = os.path.join(pyenv_root, 'versions')
    if os.path.isdir(versions):
        candidates += [os.path.join(versions, name, 'bin', 'python%s' % version)
                       for name in sorted(os.listdir(versions), reverse=True) if name.startswith(version + '.')]
    candidates += ['/usr/local/bin/python%s' % version, '/usr/bin/python%s' % version]
    for candidate in candidates:
        if not candidate:
            continue
        path = shutil.which(candidate) or candidate
        try:
            subprocess.run([path, '-c', 'import sys, venv; assert sys.version_info[:2] == (%s, %s)' % (major, minor)],
                           check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        return path
    return None


def _fresh(venv, requirements):
    stamp = os.path.join(venv, '.installed')
    return os.path.exists(stamp) and all(os.path.getmtime(stamp) >= os.path.getmtime(path) for path in requirements)


def build_venv(python, venv, requirements, log):
    """``venv`` with ``requirements`` (fully pinned files), rebuilt only when a file changed since the last build."""
    if _fresh(venv, requirements):
        return True
    shutil.rmtree(venv, ignore_errors=True)
    with open(log, 'w', encoding='utf-8') as out:
        command = [python, '-m', 'venv', venv]
        ok = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False).returncode == 0
        if ok:
            command = [os.path.join(venv, 'bin', 'python'), '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check']
            for path in requirements:
                command += ['-r', path]
            ok = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False).returncode == 0
    if ok:
        # The Makefile's stamp name too: `make demo VENV=<this venv>` (test_demo) must not reinstall the default pins here.
        with open(os.path.join(venv, '.installed'), 'w', encoding='utf-8'):
            pass
    return ok


def legs_to_run(only):
    legs = [leg for leg in LEGS if not only or leg.core in only]
    if only and len(legs) != len(set(only)):
        raise SystemExit('unknown leg in %s; the legs are %s' % (', '.join(only), ', '.join(leg.core for leg in LEGS)))
    return legs


def venvs(only=None):
    """Build every leg's venv at once (the default leg's .venv is the Makefile's). Returns {core: python or None}."""
    os.makedirs(LOGS, exist_ok=True)
    pythons, threads, results = {}, [], {}
    for leg in legs_to_run(only):
        pythons[leg.core] = find_python(leg.python)
        if leg.default or pythons[leg.core] is None:
            continue
        jobs = [(leg.core, venv_of(leg), [requirements_of(leg)])]
        if leg.core == IMPORTER_LEG and 'importer' in leg.stages:
            jobs.append(('importer' + leg.core, importer_venv(), [importer_requirements()]))
        for name, venv, requirements in jobs:
            log = os.path.join(LOGS, 'venv-%s.log' % name)

            def work(name, python, venv, requirements, log):
                results[name] = build_venv(python, venv, requirements, log)

            thread = threading.Thread(target=work, args=(name, pythons[leg.core], venv, requirements, log))
            thread.start()
            threads.append((name, thread, log))
    failed = []
    for name, thread, log in threads:
        thread.join()
        if not results.get(name):
            failed.append(name)
            print('matrix: the venv of %s failed to build; %s ends:\n%s' % (name, log, tail(log)))
    if failed:
        raise SystemExit(1)
    return pythons


def tail(path, lines=120):
    try:
        with open(path, encoding='utf-8', errors='replace') as handle:
            return ''.join(handle.readlines()[-lines:])
    except OSError:
        return ''


def stage_command(leg, stage):
    """(command, extra environment) of one stage."""
    if leg.default:
        return ['make', '--no-print-directory', stage], {}
    python = os.path.join(venv_of(leg), 'bin', 'python')
    if stage == 'units':
        return [python] + PYTEST + XDIST + ['tests/unit'], {}
    if stage == 'integration':
        return [python] + PYTEST + XDIST + ['tests/integration'] + NOT_TWICE, {}
    if stage == 'sanity':
        return ['bash', 'tests/tools/sanity.sh', venv_of(leg)], {}
    if stage == 'importer':
        # galaxy-importer (which runs ansible-doc and ansible-lint itself) and ansible-lint's production profile over
        # the repository, both with the oldest core.
        script = 'set -e; PATH="$0/bin:$PATH" ansible-lint; "$1" %s tests/release/test_galaxy_importer.py' % ' '.join(PYTEST)
        return ['bash', '-c', script, importer_venv(), python], {'RELEASE_VENV': importer_venv()}
    raise SystemExit('unknown stage %s' % stage)


COUNTS = re.compile(r'(\d+) (passed|failed|skipped|xfailed|xpassed|errors?|deselected)')


def counts(log):
    """The pytest (or ansible-test) outcome of a log, as short text."""
    text = tail(log, 40)
    found = collections.OrderedDict()
    for line in text.splitlines():
        if re.search(r'(passed|failed|error).* in [\d.]+s', line):
            found = collections.OrderedDict((kind, number) for number, kind in COUNTS.findall(line))
    if found:
        return ', '.join('%s %s' % (number, kind) for kind, number in found.items())
    return ''


class Job:
    def __init__(self, leg, stage):
        self.leg, self.stage = leg, stage
        self.name = '%s-%s' % (leg.core, stage)
        self.log = os.path.join(LOGS, self.name + '.log')
        self.rc = None
        self.seconds = None

    def run(self):
        command, extra = stage_command(self.leg, self.stage)
        env = dict(os.environ, **extra)
        env.pop('RESTAUTH_IN_PROCESS', None)
        started = time.time()
        with open(self.log, 'w', encoding='utf-8') as out:
            out.write('$ %s\n' % ' '.join(command))
            out.flush()
            self.rc = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False).returncode
        self.seconds = time.time() - started


def next_job(queue, running):
    """The job to start now: the heaviest one whose shared cache (SHARES) no running job holds, or None.

    A stage of a group weighs as much as the group's stages still queued: the groups run one stage at a time, so
    the longest chain starts first and the other slot takes the rest around it.
    """
    held = set(SHARES.get(job.stage) for job in running) - {None}
    best, weight = None, None
    for job in queue:
        group = SHARES.get(job.stage)
        if group in held:
            continue
        if group:
            mine = sum(WEIGHT.get(other.stage, 1) for other in queue if SHARES.get(other.stage) == group)
        else:
            mine = WEIGHT.get(job.stage, 1)
        if weight is None or mine > weight:
            best, weight = job, mine
    return best


def run(only=None, stages=None, jobs=2):
    started = time.time()
    pythons = venvs(only)
    os.makedirs(LOGS, exist_ok=True)
    skipped, queue = [], []
    for leg in legs_to_run(only):
        if pythons[leg.core] is None:
            skipped.append(leg)
            print('\n*** matrix: ansible-core %s SKIPPED: no working python%s on this machine ***\n' % (leg.core, leg.python), flush=True)
            continue
        queue += [Job(leg, stage) for stage in leg.stages if not stages or stage in stages]
    queue.sort(key=lambda job: -WEIGHT.get(job.stage, 1))
    done, ready, running = [], threading.Condition(), []

    def worker():
        while True:
            with ready:
                job = next_job(queue, running)
                while job is None and queue:
                    ready.wait()
                    job = next_job(queue, running)
                if job is None:
                    return
                queue.remove(job)
                running.append(job)
            print('matrix: %s started (%s)' % (job.name, ', '.join(other.name for other in running)), flush=True)
            job.run()
            with ready:
                running.remove(job)
                done.append(job)
                ready.notify_all()
            print('matrix: %s %s in %s%s' % (job.name, 'passed' if job.rc == 0 else 'FAILED', minutes(job.seconds),
                                             (' (%s)' % counts(job.log)) if counts(job.log) else ''), flush=True)
            if job.rc != 0:
                print('---- %s ends:\n%s----' % (job.log, tail(job.log)), flush=True)

    threads = [threading.Thread(target=worker) for _number in range(max(1, jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = summary(done, skipped, time.time() - started)
    print(report, flush=True)
    with open(os.path.join(LOGS, 'summary.txt'), 'w', encoding='utf-8') as handle:
        handle.write(report)
    return 0 if done and all(job.rc == 0 for job in done) else 1


def minutes(seconds):
    return '%d:%02d' % divmod(int(round(seconds)), 60)


def summary(done, skipped, seconds):
    lines = ['', 'ansible-core matrix (wall time %s; stages ran two at a time)' % minutes(seconds),
             '%-6s %-7s %-21s %-7s %-7s %s' % ('core', 'python', 'stage', 'result', 'time', 'counts')]
    order = dict((leg.core, number) for number, leg in enumerate(LEGS))
    for job in sorted(done, key=lambda job: (order[job.leg.core], job.leg.stages.index(job.stage))):
        lines.append('%-6s %-7s %-21s %-7s %-7s %s' % (job.leg.core, job.leg.python, job.stage, 'passed' if job.rc == 0 else 'FAILED',
                                                       minutes(job.seconds), counts(job.log)))
    for leg in skipped:
        lines.append('%-6s %-7s %-21s SKIPPED: no working python%s on this machine' % (leg.core, leg.python, ', '.join(leg.stages), leg.python))
    return '\n'.join(lines) + '\n'


def table():
    """The compatibility table of the README: what the matrix runs."""
    lines = ['| ansible-core | Python | tested by `make test` |', '|---|---|---|']
    for leg in LEGS:
        stages = list(leg.stages)
        if 'integration' in stages:
            launched = tuple(int(part) for part in leg.core.split('.')) < (2, 19)
            stages[stages.index('integration')] = 'integration (%s)' % ('modules launched' if launched else 'modules in-process')
        lines.append('| %s | %s | %s |' % (leg.core, leg.python, ', '.join(stages).replace('importer', 'galaxy-importer, ansible-lint production')))
    return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('action', choices=('venvs', 'run', 'table'))
    parser.add_argument('--leg', action='append', help='only this ansible-core (2.16, ...); repeatable')
    parser.add_argument('--stage', action='append', help='only this stage (units, sanity, integration, ...); repeatable')
    parser.add_argument('--jobs', type=int, default=2, help='stages at once (default 2)')
    args = parser.parse_args()
    if args.action == 'table':
        sys.stdout.write(table())
        return 0
    if args.action == 'venvs':
        pythons = venvs(args.leg)
        for core, python in pythons.items():
            print('matrix: %s: %s' % (core, python or 'SKIPPED: no python'))
        return 0
    return run(args.leg, args.stage, args.jobs)


if __name__ == '__main__':
    sys.exit(main())
