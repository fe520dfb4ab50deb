# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The token cache (``token_cache: true``), against the vendor simulators over HTTPS.

What a user relies on: one login per credential however many tasks and forks
ask, nothing readable or guessable in the cache directory, a refused or expiring
credential replaced by exactly one new login, and a broken cache never failing
a task.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

import pytest

pytest.importorskip('trustme')
pytest.importorskip('cryptography')

import cache_server  # noqa: E402
import simulators  # noqa: E402

from ansible_collections.restauth.enterprise.plugins.module_utils import _cache  # noqa: E402
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import api as remedy  # noqa: E402
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import AuthenticationError  # noqa: E402
from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY  # noqa: E402
from vendor_tables import every_vendor  # noqa: E402

ENTRY_FORM = '/api/arsys/v1/entry/HPD:IncidentInterface'
CONNECT = dict((name, vendor.connect) for name, vendor in REGISTRY.items())
# An authenticated read per vendor: proves the restored credential is one the server accepts.
READ = every_vendor('an authenticated read per vendor', {
    'remedy': lambda api: api.client.get(ENTRY_FORM, params={'limit': 1}),
    'sps': lambda api: api.client.get('/api/configuration'),
    'truesight': lambda api: api.client.get('/tsws/10.0/api/omprovider/devices'),
    'xmatters': lambda api: api.client.get('/api/xm/1/groups', params={'limit': 1}),
    'xtam': lambda api: api.whoami(),
    'discovery': lambda api: api.status(),
})
# Whether a purge logs each vendor's cached demo login out at the server (xMatters OAuth and Discovery have no logout).
PURGED = every_vendor('the purge of a cached login', {
    'remedy': True, 'sps': True, 'truesight': True, 'xmatters': False, 'xtam': True, 'discovery': False,
})


@pytest.fixture(scope='module')
def servers(tmp_path_factory):
    handles = {}
    try:
        for vendor in sorted(CONNECT):
            handles[vendor] = simulators.start(vendor, state_dir=str(tmp_path_factory.mktemp(vendor)))
        yield handles
    finally:
        for handle in handles.values():
            handle.stop()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / 'cache'
    monkeypatch.setenv('RESTAUTH_CACHE_DIR', str(directory))
    monkeypatch.delenv('RESTAUTH_CACHE_KEY', raising=False)
    return directory


def params_for(handle, auth=None, **overrides):
    """The connection options of the simulator's demo user, with the cache on."""
    env = handle.env()
    prefix = handle.vendor.env_prefix + '_'
    params = {'url': env[prefix + 'URL'], 'ca_path': env[prefix + 'CA_PATH'], 'retries': 0, 'token_cache': True,
              'username': env.get(prefix + 'USERNAME'), 'password': env.get(prefix + 'PASSWORD')}
    if prefix == 'SPS_':
        params['login_method'] = env['SPS_LOGIN_METHOD']
    if prefix == 'XMATTERS_':
        params['client_id'] = env['XMATTERS_CLIENT_ID']
    if auth == 'xtam-token':
        params.update(auth_type='token', api_token=env['XTAM_API_TOKEN'], username=None, password=None)
    params.update(overrides)
    return params


def run_task(vendor, params, warnings=None):
    """What one task does: connect, one authenticated read, release."""
    api = CONNECT[vendor](params, warn=(warnings.append if warnings is not None else None))
    try:
        READ[vendor](api)
        return api.login().token
    finally:
        assert api.close() == []


def logins(handle):
    return handle.control.counters()['logins']


def files(directory):
    return sorted(os.listdir(directory))


@pytest.fixture
def fresh(servers):
    for handle in servers.values():
        handle.control.reset(state=True)
    return servers


# A task in a process of its own, as Ansible runs each module: fresh interpreters, not forks of this
# multi-threaded test process (the simulators run in its threads).
CHILD = """
import json, os, sys, time
from ansible_collections.restauth.enterprise.plugins.module_utils import _cache
from ansible_collections.restauth.enterprise.plugins.module_utils._remedy import api as remedy
barrier = os.environ['BARRIER']
open(os.path.join(barrier, str(os.getpid())), 'w').close()
while not os.path.exists(os.path.join(barrier, 'go')):
    time.sleep(0.01)
if sys.argv[1] == 'key':
    print(_cache.read_or_create_key(sys.argv[2]).hex())
else:
    warnings = []
    api = remedy.connect(json.loads(sys.argv[2]), warn=warnings.append)
    api.client.get(sys.argv[3], params={'limit': 1})
    token = api.login().token
    assert api.close() == []
    assert warnings == [], warnings  # racing first users all use the cache they create together
    print(token)
"""


def in_processes(count, *args):
    """Start ``count`` Python processes running CHILD with ``args``, let them go at once; return their outputs."""
    barrier = tempfile.mkdtemp()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path), BARRIER=barrier)
    children = [subprocess.Popen([sys.executable, '-c', CHILD] + list(args), env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for number in range(count)]
    deadline = time.time() + 120
    while len(os.listdir(barrier)) < count and time.time() < deadline:
        time.sleep(0.05)
    open(os.path.join(barrier, 'go'), 'w').close()
    outputs = []
    try:
        for child in children:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            outputs.append(out.strip())
    finally:
        shutil.rmtree(barrier)
    return outputs


class TestOneLogin:
    def test_twenty_processes_asking_at_once_log_in_once(self, fresh, cache_dir):
        sim = fresh['remedy']
        # A slow login keeps the first process inside it while the other nineteen arrive.
        sim.control.delay(1.0, path='/api/jwt/login', method='POST')
        tokens = in_processes(20, 'task', json.dumps(params_for(sim)), ENTRY_FORM)
        assert len(tokens) == 20 and len(set(tokens)) == 1
        counters = sim.control.counters()
        assert counters['logins'] == 1
        assert counters['logouts'] == 0  # shared: nobody logs it out
        assert counters['requests']['GET ' + ENTRY_FORM] == 20

    @pytest.mark.parametrize('vendor, auth', [(name, None) for name in sorted(READ)] + [('xtam', 'xtam-token')])
    def test_every_vendor_reuses_its_cached_login_in_the_next_task(self, fresh, cache_dir, vendor, auth):
        sim = fresh[vendor]
        first = run_task(vendor, params_for(sim, auth))
        second = run_task(vendor, params_for(sim, auth))
        assert first == second
        counters = sim.control.counters()
        assert counters['logins'] == 1, counters
        assert counters['logouts'] == 0

    def test_without_the_cache_each_task_logs_in_and_out(self, fresh, cache_dir):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim, token_cache=False))
        run_task('remedy', params_for(sim, token_cache=False))
        counters = sim.control.counters()
        assert (counters['logins'], counters['logouts']) == (2, 2)
        assert not cache_dir.exists()

    def test_a_given_token_is_used_as_it_is_and_nothing_is_cached(self, fresh, cache_dir):
        sim = fresh['remedy']
        api = remedy.connect(params_for(sim, token_cache=False), keep=True)
        token = api.login().token
        api.close()
        run_task('remedy', params_for(sim, token=token, username=None, password=None))
        assert logins(sim) == 1
        assert not cache_dir.exists() or not [name for name in files(cache_dir) if name.endswith('.entry')]


class TestRenewal:
    def test_a_refused_cached_token_is_replaced_by_exactly_one_login(self, fresh, cache_dir):
        sim = fresh['remedy']
        old = run_task('remedy', params_for(sim))
        sim.control.expire_tokens()
        new = run_task('remedy', params_for(sim))
        assert new != old
        assert logins(sim) == 2
        # The replacement is what the cache holds now.
        assert run_task('remedy', params_for(sim)) == new
        assert logins(sim) == 2

    @pytest.mark.parametrize('auth', [None, 'xtam-token'], ids=['basic', 'token'])
    def test_a_renewed_xtam_xsrf_token_replaces_the_cached_one(self, fresh, cache_dir, auth):
        sim = fresh['xtam']
        whoami = 'GET /xtam/rest/user/whoami'

        def task(name):
            api = CONNECT['xtam'](params_for(sim, auth))
            try:
                return api.create_folder('i-Root0000001', name, '')
            finally:
                assert api.close() == []

        task('first')
        sim.control.expire_xsrf()
        task('second')  # refused once for the stale token, then sent with the one a new whoami gave
        task('third')  # the cache holds the renewed token: no whoami, no refusal
        counters, state = sim.control.counters(), sim.control.state()
        assert (counters['logins'], counters['logouts'], counters['requests'][whoami]) == (1, 0, 2), counters
        assert state['xsrf_refused'] == 1
        assert state['writes'] == {'POST /xtam/rest/folder/create/i-Root0000001': 3}

    def test_a_token_expiring_within_the_margin_is_not_handed_out(self, fresh, cache_dir):
        sim = fresh['remedy']
        sim.control.configure(token_lifetime=_cache.MARGIN - 5)
        run_task('remedy', params_for(sim))
        run_task('remedy', params_for(sim))
        assert logins(sim) == 2
        sim.control.configure(token_lifetime=_cache.MARGIN + 120)
        run_task('remedy', params_for(sim))
        run_task('remedy', params_for(sim))
        assert logins(sim) == 3

    def test_an_entry_is_used_until_its_expiry_minus_the_margin(self, tmp_path):
        slot = _cache.TokenCache(str(tmp_path), b'k' * 32).slot('vendor', 'https://h', ['user'], ['secret'])
        tmp_path.chmod(0o700)
        assert slot.store({'token': 't'}, expires_at=1000.0, now=0.0)
        assert slot.load(now=1000.0 - _cache.MARGIN - 1) == {'token': 't'}
        assert slot.load(now=1000.0 - _cache.MARGIN) is None

    def test_an_entry_without_expiry_lives_the_default_lifetime(self, tmp_path):
        slot = _cache.TokenCache(str(tmp_path), b'k' * 32).slot('vendor', 'https://h', ['user'], ['secret'])
        assert slot.store({'token': 't'}, expires_at=None, now=0.0)
        assert slot.load(now=_cache.DEFAULT_LIFETIME - _cache.MARGIN - 1) == {'token': 't'}
        assert slot.load(now=_cache.DEFAULT_LIFETIME - _cache.MARGIN) is None

    def test_an_expired_xmatters_access_token_is_refreshed_with_the_cached_refresh_token(self, fresh, cache_dir):
        sim = fresh['xmatters']
        run_task('xmatters', params_for(sim))
        sim.control.expire_tokens()
        run_task('xmatters', params_for(sim))
        requests = sim.control.counters()['requests']
        assert requests['POST /api/xm/1/oauth2/token'] == 2


class TestSecrets:
    def test_a_changed_password_does_not_reuse_the_old_login(self, fresh, cache_dir):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))
        with pytest.raises(AuthenticationError):
            run_task('remedy', params_for(sim, password='not-the-password'))
        counters = sim.control.counters()
        assert (counters['logins'], counters['login_failures']) == (1, 1)

    def test_another_user_gets_another_entry(self, fresh, cache_dir):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))
        sim.control.configure(users={'Demo': 'Demo-Passw0rd!', 'Other': 'Other-Passw0rd!'})
        run_task('remedy', params_for(sim, username='Other', password='Other-Passw0rd!'))
        assert logins(sim) == 2
        assert len([name for name in files(cache_dir) if name.endswith('.entry')]) == 2

    @pytest.mark.parametrize('vendor, auth', [('remedy', None), ('sps', None), ('xmatters', None), ('xtam', 'xtam-token')])
    def test_the_cache_holds_no_plaintext_token_password_or_name(self, fresh, cache_dir, vendor, auth):
        sim = fresh[vendor]
        params = params_for(sim, auth)
        api = CONNECT[vendor](params)
        READ[vendor](api)
        secrets = [value for value in api.client.secrets() if value] + [params['url']]
        secrets += [value for value in (params.get('username'), params.get('password'), params.get('api_token')) if value]
        api.close()
        assert len(secrets) >= 3
        assert cache_server.assert_unreadable([(cache_dir / name).read_bytes() for name in files(cache_dir)], secrets) >= 1
        assert not any((params.get('username') or '') in name for name in files(cache_dir) if params.get('username'))

    def test_directory_is_0700_and_files_0600(self, fresh, cache_dir):
        run_task('remedy', params_for(fresh['remedy']))
        assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
        names = files(cache_dir)
        assert {name.rsplit('.', 1)[-1] for name in names} == {'key', 'entry', 'lock', 'restauth-cache'}
        assert '.restauth-cache' in names  # the marker: the cache made this directory
        assert all(name.startswith('restauth-') for name in names if name.endswith(('.entry', '.lock')))
        for name in names:
            assert stat.S_IMODE((cache_dir / name).stat().st_mode) == 0o600, name

    def test_an_existing_directory_open_to_others_is_refused_and_left_as_it_is(self, fresh, cache_dir):
        # The cache never works in a directory others can read, and never changes one it did not create.
        cache_dir.mkdir(mode=0o755)
        cache_dir.chmod(0o755)
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o755
        assert files(cache_dir) == []
        assert len(warnings) == 1 and str(cache_dir) in warnings[0] and 'open to other users (mode 0755)' in warnings[0], warnings

    def test_its_own_directory_opened_later_is_restricted_again(self, fresh, cache_dir):
        run_task('remedy', params_for(fresh['remedy']))
        cache_dir.chmod(0o755)
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
        assert warnings == [] and logins(fresh['remedy']) == 1

    def test_a_key_from_the_environment_means_no_key_file(self, fresh, cache_dir, monkeypatch):
        sim = fresh['remedy']
        monkeypatch.setenv('RESTAUTH_CACHE_KEY', 'a long passphrase from the vault')
        run_task('remedy', params_for(sim))
        run_task('remedy', params_for(sim))
        assert logins(sim) == 1
        assert 'key' not in files(cache_dir)
        # Another key cannot read the entry: it logs in once and replaces it.
        monkeypatch.setenv('RESTAUTH_CACHE_KEY', 'another passphrase')
        run_task('remedy', params_for(sim))
        run_task('remedy', params_for(sim))
        assert logins(sim) == 2


class TestDamage:
    @pytest.mark.parametrize('damage', ['garbage', 'truncated', 'empty', 'wrong key', 'another entry'])
    def test_a_damaged_or_foreign_entry_is_replaced_never_fatal(self, fresh, cache_dir, damage):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))
        entry = next(cache_dir / name for name in files(cache_dir) if name.endswith('.entry'))
        sealed = entry.read_bytes()
        if damage == 'garbage':
            entry.write_bytes(b'\x00\xffnot a cache entry at all')
        elif damage == 'truncated':
            entry.write_bytes(sealed[:len(sealed) // 2])
        elif damage == 'empty':
            entry.write_bytes(b'')
        elif damage == 'wrong key':
            other = _cache.TokenCache(str(cache_dir), os.urandom(32))
            entry.write_bytes(other.fernet.encrypt(b'{"format": 1}'))
        else:
            # A valid entry of another login, copied over this one's name.
            cache = _cache.TokenCache.from_environment()
            stranger = cache.slot('BMC Remedy AR System', 'https://elsewhere', ['password', 'x', None], ['y'])
            stranger.store({'token': 'stolen'}, expires_at=None)
            os.replace(stranger.path, str(entry))
        warnings = []
        token = run_task('remedy', params_for(sim), warnings)
        assert token != 'stolen'
        assert logins(sim) == 2
        assert warnings == []
        assert entry.read_bytes() != sealed
        run_task('remedy', params_for(sim))
        assert logins(sim) == 2  # the replacement is a good entry

    @pytest.mark.parametrize('content', [b'', b'short', b'!!!! not base64 !!!!'])
    def test_a_malformed_key_file_is_replaced(self, fresh, cache_dir, content):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))
        (cache_dir / 'key').write_bytes(content)
        run_task('remedy', params_for(sim))
        run_task('remedy', params_for(sim))
        assert logins(sim) == 2
        assert len((cache_dir / 'key').read_bytes().strip()) == 44
        assert stat.S_IMODE((cache_dir / 'key').stat().st_mode) == 0o600

    def test_an_unusable_cache_warns_and_the_task_logs_in_without_it(self, fresh, tmp_path, monkeypatch):
        sim = fresh['remedy']
        blocker = tmp_path / 'a-file'
        blocker.write_text('not a directory')
        monkeypatch.setenv('RESTAUTH_CACHE_DIR', str(blocker / 'cache'))
        warnings = []
        run_task('remedy', params_for(sim), warnings)
        assert len(warnings) == 1 and 'token_cache' in warnings[0] and 'without it' in warnings[0]
        counters = sim.control.counters()
        assert (counters['logins'], counters['logouts']) == (1, 1)  # on its own, so it also logs out

    def test_without_cryptography_the_task_warns_and_logs_in_by_itself(self, fresh, cache_dir, monkeypatch):
        sim = fresh['remedy']

        def missing():
            raise _cache.CacheUnavailable('the Python library cryptography is not installed where the task runs')

        monkeypatch.setattr(_cache, '_fernet', missing)
        warnings = []
        run_task('remedy', params_for(sim), warnings)
        assert len(warnings) == 1 and 'cryptography is not installed' in warnings[0]
        counters = sim.control.counters()
        assert (counters['logins'], counters['logouts']) == (1, 1)

    def test_concurrent_first_users_agree_on_one_key(self, tmp_path):
        keys = set(in_processes(12, 'key', str(tmp_path / 'key')))
        assert len(keys) == 1
        assert [name for name in os.listdir(tmp_path) if name != 'key'] == []


def mode_of(path):
    return stat.S_IMODE(os.lstat(str(path)).st_mode)


def age(path, days):
    """Make ``path`` look untouched for ``days`` days."""
    then = time.time() - days * 24 * 3600
    os.utime(str(path), (then, then), follow_symlinks=False)


HEX = 'ab' * 32


class TestWhichDirectory:
    """``RESTAUTH_CACHE_DIR`` may point anywhere: only a directory the cache made (or an empty one) is used."""

    def test_a_shared_sticky_directory_is_refused_and_left_as_it_is(self, fresh, tmp_path, monkeypatch):
        shared = tmp_path / 'shared-tmp'
        shared.mkdir()
        shared.chmod(0o1777)
        others = {'old.entry': b'another program', HEX + '.lock': b'', 'notes.txt': b'mine'}
        for name, content in others.items():
            (shared / name).write_bytes(content)
            (shared / name).chmod(0o644)
            age(shared / name, 3)
        monkeypatch.setenv('RESTAUTH_CACHE_DIR', str(shared))
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert mode_of(shared) == 0o1777  # the sticky bit and the others' access stay
        assert files(shared) == sorted(others)
        for name, content in others.items():
            assert (shared / name).read_bytes() == content and mode_of(shared / name) == 0o644
        assert len(warnings) == 1, warnings
        assert str(shared) in warnings[0] and 'open to other users (mode 1777)' in warnings[0] and 'logs in without it' in warnings[0]
        counters = fresh['remedy'].control.counters()
        assert (counters['logins'], counters['logouts']) == (1, 1)  # as without the cache

    def test_a_private_directory_of_other_files_is_refused_and_left_as_it_is(self, fresh, tmp_path, monkeypatch):
        mine = tmp_path / 'projects'
        mine.mkdir(mode=0o700)
        (mine / 'old.entry').write_bytes(b'another program')
        age(mine / 'old.entry', 3)
        monkeypatch.setenv('RESTAUTH_CACHE_DIR', str(mine))
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert files(mine) == ['old.entry'] and (mine / 'old.entry').read_bytes() == b'another program'
        assert len(warnings) == 1 and 'holds files the token cache did not write (old.entry)' in warnings[0], warnings

    def test_a_file_is_refused_and_left_as_it_is(self, fresh, tmp_path, monkeypatch):
        target = tmp_path / 'settings.conf'
        target.write_text('do not touch')
        target.chmod(0o644)
        monkeypatch.setenv('RESTAUTH_CACHE_DIR', str(target))
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert target.is_file() and target.read_text() == 'do not touch' and mode_of(target) == 0o644
        assert len(warnings) == 1 and str(target) in warnings[0] and 'is not a directory' in warnings[0], warnings

    def test_another_users_directory_is_refused(self, fresh, tmp_path, monkeypatch):
        theirs = tmp_path / 'theirs'
        theirs.mkdir(mode=0o700)
        os.chown(str(theirs), 65534, 65534)
        monkeypatch.setenv('RESTAUTH_CACHE_DIR', str(theirs))
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert files(theirs) == []
        assert len(warnings) == 1 and 'belongs to another user (uid 65534)' in warnings[0], warnings

    def test_an_empty_private_directory_is_claimed(self, fresh, cache_dir):
        cache_dir.mkdir(mode=0o700)
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert warnings == [] and logins(fresh['remedy']) == 1
        assert (cache_dir / '.restauth-cache').is_file() and mode_of(cache_dir / '.restauth-cache') == 0o600

    def test_a_planted_marker_does_not_make_a_directory_the_caches(self, fresh, cache_dir):
        cache_dir.mkdir(mode=0o700)
        (cache_dir / '.restauth-cache').write_bytes(_cache.MARKER_HEADER)
        os.chown(str(cache_dir / '.restauth-cache'), 65534, 65534)
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert files(cache_dir) == ['.restauth-cache']
        assert len(warnings) == 1 and 'marker file .restauth-cache that the cache did not write' in warnings[0], warnings

    def test_the_directory_of_release_0_1_0_is_taken_over(self, fresh, cache_dir):
        """0.1.0 made no marker: a private directory holding only its file names is the cache's."""
        cache_dir.mkdir(mode=0o700)
        key = _cache._b64(os.urandom(32)).encode('ascii')
        legacy = {'key': key, HEX + '.entry': b'gAAAAABold-fernet-token', HEX + '.lock': b'',
                  'cd' * 32 + '.entry': b'gAAAAABrecent-one'}
        for name, content in legacy.items():
            (cache_dir / name).write_bytes(content)
            (cache_dir / name).chmod(0o600)
        age(cache_dir / (HEX + '.entry'), 3)
        age(cache_dir / (HEX + '.lock'), 3)
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert warnings == [] and logins(fresh['remedy']) == 1
        assert (cache_dir / 'key').read_bytes() == key  # its key is kept
        names = files(cache_dir)
        assert '.restauth-cache' in names
        # Its stale files are its own: removed; the recent one stays until it is stale.
        assert HEX + '.entry' not in names and HEX + '.lock' not in names and 'cd' * 32 + '.entry' in names

    def test_a_directory_whose_only_file_is_named_key_but_is_no_cache_key_is_refused(self, fresh, cache_dir):
        cache_dir.mkdir(mode=0o700)
        (cache_dir / 'key').write_bytes(b'-----BEGIN OPENSSH PRIVATE KEY-----\n...\n')
        (cache_dir / 'key').chmod(0o600)
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert files(cache_dir) == ['key'] and (cache_dir / 'key').read_bytes().startswith(b'-----BEGIN OPENSSH')
        assert len(warnings) == 1 and 'holds a file key that is not a token cache key' in warnings[0], warnings


class TestWhatIsRemoved:
    """Stale-file cleanup (on every store) removes only what the cache wrote."""

    def test_only_the_caches_own_stale_files_are_removed(self, fresh, cache_dir):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))
        own_old = cache_dir / ('restauth-' + HEX + '.entry')
        slot = _cache.TokenCache.from_environment().slot('vendor', 'https://old', ['user'], ['secret'])
        assert slot.store({'token': 't'}, expires_at=None)
        os.replace(slot.path, str(own_old))
        planted = {
            'old.entry': (b'another program', 0o600, None),                            # not the cache's name
            'restauth-' + 'ef' * 32 + '.entry': (b'not an entry header', 0o600, None),  # the name, not the header
            'restauth-' + 'cd' * 32 + '.lock': (b'', 0o600, 65534),                   # another user's
            'restauth-' + 'dd' * 32 + '.lock': (b'', 0o644, None),                    # open to others
        }
        for name, (content, mode, owner) in planted.items():
            (cache_dir / name).write_bytes(content)
            (cache_dir / name).chmod(mode)
            if owner is not None:
                os.chown(str(cache_dir / name), owner, owner)
        for name in list(planted) + [own_old.name]:
            age(cache_dir / name, 3)
        sim.control.expire_tokens()
        for name in files(cache_dir):
            if name.endswith('.entry') and name not in planted and name != own_old.name:
                os.unlink(str(cache_dir / name))
        run_task('remedy', params_for(sim))  # logs in and stores: cleanup runs
        names = files(cache_dir)
        assert not own_old.exists()
        for name, (content, mode, owner) in planted.items():
            assert name in names and (cache_dir / name).read_bytes() == content and mode_of(cache_dir / name) == mode, name

    def test_nothing_is_removed_outside_a_marked_directory(self, tmp_path):
        stale = tmp_path / ('restauth-' + HEX + '.lock')
        stale.write_bytes(b'')
        stale.chmod(0o600)
        age(stale, 3)
        _cache.TokenCache(str(tmp_path), b'k' * 32).remove_stale()
        assert stale.exists()


def only_entry(directory):
    return next(directory / name for name in files(directory) if name.endswith('.entry'))


def only_lock(directory):
    return next(directory / name for name in files(directory) if name.endswith('.lock'))


class TestPlantedFiles:
    """Files in the cache directory that the cache did not write are never trusted nor followed."""

    @pytest.mark.parametrize('how', ['world-readable', 'another owner', 'symlink'])
    def test_a_planted_key_is_refused_and_its_entries_never_used(self, fresh, cache_dir, tmp_path, how):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))  # a valid entry sealed with the key now in place
        key = cache_dir / 'key'
        if how == 'world-readable':
            key.chmod(0o644)
        elif how == 'another owner':
            os.chown(str(key), 65534, 65534)
        else:
            elsewhere = tmp_path / 'planted-key'
            shutil.copy(str(key), str(elsewhere))
            key.unlink()
            key.symlink_to(elsewhere)
        warnings = []
        run_task('remedy', params_for(sim), warnings)
        expected = {'world-readable': 'is open to other users (mode 0644)', 'another owner': 'belongs to another user (uid 65534)',
                    'symlink': 'is a symbolic link'}[how]
        assert len(warnings) == 1 and 'key file' in warnings[0] and expected in warnings[0], warnings
        counters = sim.control.counters()
        assert (counters['logins'], counters['logouts']) == (2, 1)  # no reuse: its own login, logged out

    @pytest.mark.parametrize('how', ['world-readable', 'another owner', 'symlink', 'fifo'])
    def test_a_planted_entry_is_ignored_and_replaced(self, fresh, cache_dir, tmp_path, how):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))
        entry = only_entry(cache_dir)
        if how == 'fifo':  # opening it for reading would block the task for ever
            entry.unlink()
            os.mkfifo(str(entry), 0o600)
        elif how == 'world-readable':
            entry.chmod(0o644)
        elif how == 'another owner':
            os.chown(str(entry), 65534, 65534)
        else:
            elsewhere = tmp_path / 'planted-entry'
            shutil.copy(str(entry), str(elsewhere))
            entry.unlink()
            entry.symlink_to(elsewhere)
        warnings = []
        run_task('remedy', params_for(sim), warnings)
        assert len(warnings) == 1 and 'ignored the cache entry' in warnings[0], warnings
        assert logins(sim) == 2
        info = os.lstat(str(entry))
        assert stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and mode_of(entry) == 0o600
        if how == 'symlink':
            assert (tmp_path / 'planted-entry').exists()  # the link was replaced, not written through
        run_task('remedy', params_for(sim))
        assert logins(sim) == 2  # the replacement is used

    @pytest.mark.parametrize('target_exists', [False, True])
    def test_a_planted_lock_symlink_is_not_followed(self, fresh, cache_dir, tmp_path, target_exists):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))
        lock = only_lock(cache_dir)
        only_entry(cache_dir).unlink()
        target = tmp_path / 'precious'
        if target_exists:
            target.write_bytes(b'precious data')
            target.chmod(0o640)
            age(target, 5)
            before = os.stat(str(target))
        lock.unlink()
        lock.symlink_to(target)
        warnings = []
        run_task('remedy', params_for(sim), warnings)
        if target_exists:
            after = os.stat(str(target))
            assert target.read_bytes() == b'precious data'
            assert (after.st_mode, after.st_mtime, after.st_uid) == (before.st_mode, before.st_mtime, before.st_uid)
        else:
            assert not target.exists()
        assert len(warnings) == 1 and 'ignored the lock file' in warnings[0] and 'symbolic link' in warnings[0], warnings
        # The cache still works: the login was stored and the next task uses it.
        run_task('remedy', params_for(sim))
        assert logins(sim) == 2


HOLDER = """
import os, signal, sys, time
from ansible_collections.restauth.enterprise.plugins.module_utils import _cache
slot = _cache.CacheSlot(_cache.TokenCache(os.path.dirname(sys.argv[1]), b'k' * 32), 'irrelevant', 'irrelevant')
slot.lock_path = sys.argv[1]  # the login lock of the task under test, taken as the cache takes it
with slot.locked() as held:
    assert held
    if sys.argv[2] == 'orphan':
        child = os.fork()
        if child == 0:
            time.sleep(600)
            os._exit(0)
        print(child, flush=True)
        os._exit(0)  # the lock stays with the child, the pid written in the lock file is gone
    print(os.getpid(), flush=True)
    if sys.argv[2] == 'stop':
        os.kill(os.getpid(), signal.SIGSTOP)
    time.sleep(600)
"""


@pytest.fixture
def holder():
    """``holder(lock_path, how)``: a process holding the login lock file ``lock_path``; killed afterwards."""
    started = []

    def start(lock_path, how):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))
        process = subprocess.Popen([sys.executable, '-c', HOLDER, str(lock_path), how], env=env, stdout=subprocess.PIPE, text=True)
        pid = int(process.stdout.readline())
        started.append(pid)
        if how == 'stop':
            deadline = time.time() + 10
            while time.time() < deadline and open('/proc/%d/stat' % pid).read().rsplit(')', 1)[1].split()[0] != 'T':
                time.sleep(0.05)
        return pid

    yield start
    for pid in started:
        try:
            os.kill(pid, signal.SIGKILL)
            os.kill(pid, signal.SIGCONT)
        except OSError:
            pass


def stuck_lock(sim, cache_dir, holder, how):
    """A cache whose entry is gone and whose login lock a ``holder`` process keeps."""
    run_task('remedy', params_for(sim))
    only_entry(cache_dir).unlink()
    return holder(only_lock(cache_dir), how)


class TestStuckLock:
    """A lock holder that does not finish costs a task at most its timeout, not two minutes."""

    def test_a_busy_holder_delays_a_task_by_its_timeout_at_most(self, fresh, cache_dir, holder):
        sim = fresh['remedy']
        stuck_lock(sim, cache_dir, holder, 'sleep')
        warnings = []
        started = time.time()
        run_task('remedy', params_for(sim, timeout=3), warnings)
        elapsed = time.time() - started
        assert 3 <= elapsed < 10, elapsed
        assert len(warnings) == 1 and 'did not finish its login within 3 seconds' in warnings[0], warnings
        assert logins(sim) == 2

    @pytest.mark.parametrize('how, seen', [('stop', 'is stopped'), ('orphan', 'is gone')])
    def test_a_stopped_or_gone_holder_is_not_waited_for(self, fresh, cache_dir, holder, how, seen):
        sim = fresh['remedy']
        pid = stuck_lock(sim, cache_dir, holder, how)
        warnings = []
        started = time.time()
        run_task('remedy', params_for(sim), warnings)  # the default timeout: 30 s
        elapsed = time.time() - started
        assert elapsed < 5, elapsed
        assert len(warnings) == 1 and seen in warnings[0] and 'logs in by itself' in warnings[0], warnings
        if how == 'stop':
            assert '(process %d)' % pid in warnings[0]
        assert logins(sim) == 2
        # It stored its login: the next task uses it without waiting.
        started = time.time()
        run_task('remedy', params_for(sim))
        assert logins(sim) == 2 and time.time() - started < 5


# ---- The shared backend: a real Valkey server (tests/cache_server.py), with a password on a loopback port ----

from ansible_collections.restauth.enterprise.plugins.module_utils import _cache_redis  # noqa: E402

SHARED_KEY = 'the-fleet-shares-this-key'


@pytest.fixture
def shared(valkey, tmp_path, monkeypatch):
    """The cache on Valkey (password from RESTAUTH_CACHE_PASSWORD), each task with a directory of its own that must stay unused."""
    valkey.flush()
    monkeypatch.setenv('RESTAUTH_CACHE_URL', valkey.url)
    monkeypatch.setenv('RESTAUTH_CACHE_PASSWORD', valkey.password)
    monkeypatch.setenv('RESTAUTH_CACHE_KEY', SHARED_KEY)
    monkeypatch.setenv('RESTAUTH_CACHE_DIR', str(tmp_path / 'unused-dir'))
    return valkey


class TestRedisBackend:
    @pytest.mark.parametrize('vendor', ['remedy', 'xmatters', 'sps'])
    def test_tasks_share_one_login_through_the_server(self, fresh, shared, tmp_path, vendor):
        sim = fresh[vendor]
        first = run_task(vendor, params_for(sim))
        second = run_task(vendor, params_for(sim))
        assert first == second
        assert (logins(sim), sim.control.counters()['logouts']) == (1, 0)
        assert not (tmp_path / 'unused-dir').exists()
        keys = sorted(shared.items())
        assert keys and all(key.startswith(b'restauth:v1:') for key in keys)

    def test_a_unix_socket_url_reaches_the_same_server(self, fresh, shared, monkeypatch):
        monkeypatch.setenv('RESTAUTH_CACHE_URL', shared.unix_url)
        sim = fresh['remedy']
        warnings = []
        assert run_task('remedy', params_for(sim), warnings) == run_task('remedy', params_for(sim), warnings)
        assert logins(sim) == 1 and warnings == []
        assert isinstance(_cache.TokenCache.from_environment(), _cache_redis.RedisTokenCache)
        assert len(shared.items()) == 1  # the entry, seen over TCP

    def test_the_entry_expires_in_the_server_with_the_token_minus_the_margin(self, fresh, shared):
        sim = fresh['remedy']
        sim.control.configure(token_lifetime=_cache.MARGIN + 30)
        run_task('remedy', params_for(sim))
        client = shared.client()
        entry = [key for key in client.scan_iter() if not key.endswith((b':lock', b':resume'))]
        assert len(entry) == 1
        assert 25 * 1000 < client.pttl(entry[0]) <= 30 * 1000

    def test_a_refused_cached_token_is_replaced_by_exactly_one_login(self, fresh, shared):
        sim = fresh['remedy']
        old = run_task('remedy', params_for(sim))
        sim.control.expire_tokens()
        new = run_task('remedy', params_for(sim))
        assert new != old and logins(sim) == 2
        assert run_task('remedy', params_for(sim)) == new and logins(sim) == 2

    def test_the_rotated_xmatters_refresh_token_is_written_back_for_the_next_job(self, fresh, shared):
        sim = fresh['xmatters']
        sim.control.configure(token_lifetime=_cache.MARGIN + 1)  # the entry lives one second in the server
        run_task('xmatters', params_for(sim))
        for _round in range(2):
            time.sleep(1.2)
            run_task('xmatters', params_for(sim))
        # Each refresh spends the refresh token it used (rotation): the third grant works only with the one the second wrote back.
        assert sim.control.state()['grants'] == ['password', 'refresh_token', 'refresh_token']
        assert sim.control.counters()['login_failures'] == 0

    def test_nothing_on_the_server_is_readable(self, fresh, shared):
        seen = []
        for vendor in ('remedy', 'xmatters'):
            sim = fresh[vendor]
            params = params_for(sim)
            seen.extend([run_task(vendor, params), params['password'], params['username'], sim.url])
        seen.extend([shared.password, SHARED_KEY])
        items = shared.items()
        assert len(items) >= 3  # two entries and the xMatters refresh token kept apart
        blobs = list(items) + [value for value in items.values() if isinstance(value, bytes)]
        assert cache_server.assert_unreadable(blobs, seen) >= 3

    def test_without_the_shared_key_the_server_is_refused_naming_it(self, fresh, shared, monkeypatch):
        monkeypatch.delenv('RESTAUTH_CACHE_KEY')
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert logins(fresh['remedy']) == 1
        assert len(warnings) == 1 and 'RESTAUTH_CACHE_KEY' in warnings[0], warnings
        assert shared.items() == {}

    def test_a_wrong_server_password_warns_without_showing_it(self, fresh, shared, monkeypatch):
        monkeypatch.setenv('RESTAUTH_CACHE_PASSWORD', 'not-the-valkey-password')
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert len(warnings) == 1 and 'cannot be used' in warnings[0], warnings
        assert 'not-the-valkey-password' not in warnings[0]

    def test_a_server_that_does_not_answer_costs_at_most_the_timeout(self, fresh, shared, monkeypatch):
        # A listener that accepts and never answers: the worst case (a dead server just refuses at once).
        import socket
        with socket.socket() as silent:
            silent.bind(('127.0.0.1', 0))
            silent.listen(8)
            monkeypatch.setenv('RESTAUTH_CACHE_URL', 'redis://127.0.0.1:%d/0' % silent.getsockname()[1])
            warnings = []
            started = time.time()
            run_task('remedy', params_for(fresh['remedy'], timeout=2), warnings)
            elapsed = time.time() - started
        assert elapsed < 2 + 1.5, elapsed  # one bounded exchange, then no more tries in this task
        assert len(warnings) == 1 and 'this task logs in without the cache' in warnings[0], warnings
        assert logins(fresh['remedy']) == 1

    def test_a_down_server_met_first_by_the_back_off_is_still_reported_by_the_login(self, shared, monkeypatch):
        monkeypatch.setenv('RESTAUTH_CACHE_URL', 'redis://127.0.0.1:%d/0' % cache_server.free_port())
        cache = _cache.TokenCache.from_environment(timeout=1)
        assert cache.pacer('vendor', 'https://h').pause() == 0 and cache.broken
        warnings = []
        slot = cache.slot('vendor', 'https://h', ['user'], ['secret'], warn=warnings.append)
        assert slot.load() is None and not slot.store({'token': 't'}, None)
        assert len(warnings) == 1 and 'cannot be used (ConnectionError' in warnings[0], warnings

    def test_only_the_holder_releases_the_lock_and_it_expires_with_the_timeout(self, shared):
        cache = _cache.TokenCache.from_environment()
        assert isinstance(cache, _cache_redis.RedisTokenCache)
        one = cache.slot('vendor', 'https://h', ['user'], ['secret'], wait=1)
        other = cache.slot('vendor', 'https://h', ['user'], ['secret'], wait=1)
        warnings = []
        other._warn = warnings.append
        with one.locked() as held:
            assert held
            started = time.time()
            with other.locked() as also:
                assert not also and 0.9 <= time.time() - started < 1.5
                assert 'did not finish its login within 1 seconds' in warnings[0]
            assert shared.client().get(one.lock_key) is not None  # the waiter did not release the holder's lock
        assert shared.client().get(one.lock_key) is None
        with one.locked() as held:
            assert 1000 < shared.client().pttl(one.lock_key) <= 2000

    def test_the_shared_back_off_is_recorded_capped_and_only_moves_forward(self, shared):
        pacer = _cache.TokenCache.from_environment().pacer('vendor', 'https://h')
        assert pacer.pause() == 0
        assert pacer.hold(5, now=1000.0)
        assert pacer.hold(2, now=1000.0)  # shorter: the longer pause stays
        assert pacer.pause(now=1001.0) == pytest.approx(4.0)
        assert pacer.hold(600, now=1000.0)
        assert pacer.pause(now=1000.0) == _cache.MAX_SHARED_WAIT

    def test_the_directory_backend_records_the_back_off_too(self, cache_dir):
        cache = _cache.TokenCache.from_environment()
        pacer = cache.pacer('vendor', 'https://h')
        assert pacer.hold(5, now=1000.0)
        assert _cache.TokenCache.from_environment().pacer('vendor', 'https://h').pause(now=1001.0) == pytest.approx(4.0)
        assert [name for name in files(cache_dir) if name.endswith('.backoff')]

    def test_an_unknown_cache_url_is_refused_without_its_password(self, fresh, cache_dir, monkeypatch):
        monkeypatch.setenv('RESTAUTH_CACHE_URL', 'memcached://:hunter2@host:11211')
        warnings = []
        run_task('remedy', params_for(fresh['remedy']), warnings)
        assert len(warnings) == 1 and 'token_cache_url memcached://***@host:11211 is not one the cache knows' in warnings[0], warnings


class TestSharedBackOff:
    @pytest.fixture(params=['directory', 'redis'])
    def backend(self, request):
        return request.getfixturevalue('cache_dir' if request.param == 'directory' else 'shared')

    def test_a_retry_after_keeps_the_other_tasks_quiet_for_the_window(self, fresh, backend):
        import threading
        sim = fresh['remedy']
        params = params_for(sim, retries=3)
        run_task('remedy', params)  # the login is cached: only the reads below reach the server
        path = 'GET ' + ENTRY_FORM
        # A 4-second window: the check below comes 1.2 s after the pause was seen, with room for a slow machine.
        sim.control.inject(429, path=ENTRY_FORM, method='GET', retry_after=4)
        first = threading.Thread(target=run_task, args=('remedy', params))
        first.start()
        # Wait until the first task has recorded the pause (not only until the server counted the read: on a
        # busy machine the client may still be reading the 429 when the server's counter moves).
        pacer = _cache.TokenCache.from_environment().pacer('BMC Remedy AR System', sim.url)
        deadline = time.time() + 10
        while pacer.pause() <= 0 and time.time() < deadline:
            time.sleep(0.02)
        assert sim.control.counters()['requests'][path] == 2
        started = time.time()
        others = [threading.Thread(target=run_task, args=('remedy', params)) for _number in range(3)]
        for other in others:
            other.start()
        time.sleep(1.2)
        # Inside the window only the read that got the 429 reached the server (the first one was the login's task).
        assert sim.control.counters()['requests'][path] == 2
        for thread in [first] + others:
            thread.join(30)
        assert time.time() - started < 4 + 3
        assert sim.control.counters()['requests'][path] == 2 + 1 + 3

    def test_the_shared_pause_never_exceeds_the_tasks_timeout(self, fresh, backend):
        sim = fresh['remedy']
        run_task('remedy', params_for(sim))
        _cache.TokenCache.from_environment().pacer('BMC Remedy AR System', sim.url).hold(50)
        started = time.time()
        run_task('remedy', params_for(sim, timeout=1))
        assert 0.9 < time.time() - started < 2.5


class TestSessionHygiene:
    @pytest.fixture(params=['directory', 'redis'])
    def backend(self, request):
        return request.getfixturevalue('cache_dir' if request.param == 'directory' else 'shared')

    @pytest.mark.parametrize('logout', [True, False])
    def test_a_replaced_login_of_this_machine_is_logged_out_only_with_token_cache_logout(self, fresh, backend, logout):
        sim = fresh['remedy']
        sim.control.configure(token_lifetime=_cache.MARGIN - 5)  # every entry is about to expire: each task replaces it
        first = run_task('remedy', params_for(sim, token_cache_logout=logout))
        second = run_task('remedy', params_for(sim, token_cache_logout=logout))
        assert first != second and logins(sim) == 2
        assert sim.control.counters()['logouts'] == (1 if logout else 0)

    def test_the_purge_logs_out_and_removes_only_the_selected_logins(self, fresh, backend):
        from ansible_collections.restauth.enterprise.plugins.module_utils._cache_purge import purge
        for vendor in ('remedy', 'sps', 'xmatters'):
            run_task(vendor, params_for(fresh[vendor]))
        cache = _cache.TokenCache.from_environment()
        assert len(list(cache.entries())) == 3
        preview = purge(cache, vendor_title='BMC Remedy AR System', check_mode=True)
        assert [(login['vendor'], login['logged_out']) for login in preview] == [('BMC Remedy AR System', False)]
        assert len(list(cache.entries())) == 3 and fresh['remedy'].control.counters()['logouts'] == 0
        removed = purge(cache, vendor_title='BMC Remedy AR System')
        assert removed == [{'vendor': 'BMC Remedy AR System', 'url': fresh['remedy'].url.rstrip('/'), 'removed': ['login'], 'logged_out': True}]
        assert fresh['remedy'].control.counters()['logouts'] == 1
        warnings = []
        rest = purge(cache, url=fresh['sps'].url, warn=warnings.append) + purge(cache, warn=warnings.append)
        expected = [('One Identity Safeguard for Privileged Sessions', True), ('xMatters', False)]  # xMatters OAuth has no logout
        assert sorted((login['vendor'], login['logged_out']) for login in rest) == expected
        assert fresh['sps'].control.counters()['logouts'] == 1
        assert list(cache.entries()) == [] and warnings == []
        # The next task logs in again.
        run_task('remedy', params_for(fresh['remedy']))
        assert logins(fresh['remedy']) == 2

    def test_the_purge_logs_out_every_registered_vendors_login(self, fresh, cache_dir):
        """A purge loads each entry's authenticator by name: every vendor's must be found, and log out where the vendor can."""
        from ansible_collections.restauth.enterprise.plugins.module_utils._cache_purge import authenticator_of, purge
        for vendor in sorted(PURGED):
            run_task(vendor, params_for(fresh[vendor]))
        cache = _cache.TokenCache.from_environment()
        named = [(entry['about']['vendor'], authenticator_of(entry['about'])) for _name, entry in cache.entries()
                 if (entry.get('about') or {}).get('authenticator')]
        assert sorted(title for title, _found in named) == sorted(REGISTRY[vendor].title for vendor in PURGED)
        assert [title for title, found in named if found is None] == []
        removed = purge(cache)
        assert set(login['vendor'] for login in removed) == set(REGISTRY[vendor].title for vendor in PURGED)
        assert dict((vendor, fresh[vendor].control.counters()['logouts']) for vendor in PURGED) == dict(
            (vendor, int(logged_out)) for vendor, logged_out in PURGED.items())
        assert list(cache.entries()) == []
