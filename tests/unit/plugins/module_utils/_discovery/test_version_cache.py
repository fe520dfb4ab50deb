# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""BMC Discovery and the token cache, against the Discovery simulator over HTTPS.

The cached api_version: an entry that holds no login (a purge removes it quietly and lists the appliance once), and
a version the appliance stopped serving after an upgrade or a downgrade (read again under the new one, a write never).
"""

from __future__ import annotations

import time

import pytest

pytest.importorskip('trustme')
pytest.importorskip('cryptography')

import simulators  # noqa: E402

from ansible_collections.restauth.enterprise.plugins.module_utils import _cache  # noqa: E402
from ansible_collections.restauth.enterprise.plugins.module_utils._cache_purge import purge  # noqa: E402
from ansible_collections.restauth.enterprise.plugins.module_utils._discovery import api as discovery  # noqa: E402
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import NotFoundError  # noqa: E402

VENDOR = 'BMC Discovery'
PERMANENT = 'perm-apiuser-6f1c2d9e8b7a'


@pytest.fixture(scope='module', name='server')
def fixture_server(tmp_path_factory):
    handle = simulators.start('discovery', state_dir=str(tmp_path_factory.mktemp('discovery')))
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture(name='sim')
def fixture_sim(server, tmp_path, monkeypatch):
    server.control.reset(state=True)
    monkeypatch.setenv('RESTAUTH_CACHE_DIR', str(tmp_path / 'cache'))
    monkeypatch.delenv('RESTAUTH_CACHE_KEY', raising=False)
    monkeypatch.delenv('RESTAUTH_CACHE_URL', raising=False)
    return server


def params_for(sim, **overrides):
    env = sim.env()
    params = {'url': env['DISCOVERY_URL'], 'ca_path': env['DISCOVERY_CA_PATH'], 'retries': 0, 'token_cache': True,
              'username': env['DISCOVERY_USERNAME'], 'password': env['DISCOVERY_PASSWORD']}
    params.update(overrides)
    return params


def task(sim, call, warnings=None, **overrides):
    """One task: connect, ``call(api)``, release; returns what the call returned."""
    api = discovery.connect(params_for(sim, **overrides), warn=warnings.append if warnings is not None else None)
    try:
        return call(api)
    finally:
        api.close()


def requests_of(sim):
    return sim.control.counters()['requests']


def cached_version(sim):
    slot = discovery.version_slot(sim.url, lambda message: None, 10)
    data = slot.load()
    return data and data.get('api_version')


class TestPurge:
    def test_the_version_entry_is_no_login_and_the_appliance_is_listed_once(self, sim):
        task(sim, lambda api: api.status())
        cache = _cache.TokenCache.from_environment()
        assert len(list(cache.entries())) == 2  # the login and the negotiated version
        warnings = []
        preview = purge(cache, check_mode=True, warn=warnings.append)
        assert [row['vendor'] for row in preview] == [VENDOR]
        assert preview[0]['removed'] == ['login', 'api_version']
        removed = purge(cache, warn=warnings.append)
        assert [row['vendor'] for row in removed] == [VENDOR] and warnings == []
        row = removed[0]
        assert (row['vendor'], row['url'], row['removed'], row['logged_out']) == (VENDOR, sim.url.rstrip('/'), ['login', 'api_version'], False)
        # Discovery documents no logout: the result says so rather than claiming or guessing one.
        assert 'documents no logout' in row['note'] and 'stays valid' in row['note']
        assert warnings == [] and list(cache.entries()) == []
        assert sim.control.counters()['logouts'] == 0

    def test_a_given_token_leaves_only_the_version_which_is_removed_quietly(self, sim):
        task(sim, lambda api: api.status(), token=PERMANENT, username=None, password=None)
        cache = _cache.TokenCache.from_environment()
        warnings = []
        removed = purge(cache, warn=warnings.append)
        assert warnings == []  # nothing was "removed without logging it out": there was no login
        assert [(row['removed'], row['logged_out']) for row in removed] == [(['api_version'], False)]
        assert removed[0]['note'] == 'no login was cached for this server, only data (api_version)'
        assert warnings == [] and list(cache.entries()) == []

    def test_entries_of_the_previous_release_without_a_kind_are_told_apart(self, sim):
        """Entries written before the kind was recorded: a login names its authenticator, the version entry does not."""
        cache = _cache.TokenCache.from_environment()
        login = discovery.connect(params_for(sim)).client.auth.cache
        version = discovery.version_slot(sim.url, lambda message: None, 10)
        for slot in (login, version):
            del slot.about['kind']
        assert login.about['authenticator'].endswith(':DiscoveryPasswordLogin')
        login.store({'token': 'exp-old', 'headers': {'Authorization': 'Bearer exp-old'}}, time.time() + 600)
        version.store({'api_version': '1.10'}, time.time() + 600)
        assert sorted(entry['about'].get('kind', '-') for _name, entry in cache.entries()) == ['-', '-']
        warnings = []
        removed = purge(cache, warn=warnings.append)
        assert [row['removed'] for row in removed] == [['login', 'api_version']]
        assert warnings == [] and list(cache.entries()) == []


def test_the_version_lives_in_the_cache_token_cache_url_names(sim, tmp_path):
    other = tmp_path / 'named'
    task(sim, lambda api: api.status(), token_cache_url='file://%s' % other)
    entries = [name for name in (other.iterdir()) if name.name.endswith('.entry')]
    assert len(entries) == 2  # the login and the version, side by side
    assert not (tmp_path / 'cache').exists()  # RESTAUTH_CACHE_DIR was not used


class TestStaleVersion:
    def test_a_read_under_a_version_no_longer_served_is_renegotiated_once_and_repeated(self, sim):
        task(sim, lambda api: api.status())
        assert cached_version(sim) == '1.10'
        sim.control.configure(api_versions=['1.0', '1.9'])  # a downgrade: 1.10 is gone
        warnings = []
        assert task(sim, lambda api: api.status(), warnings)['status'] == 'running'
        requests = requests_of(sim)
        assert requests['GET /api/about'] == 2  # the first task's, and the one re-negotiation
        assert requests['GET /api/v1.10/discovery'] == 2 and requests['GET /api/v1.9/discovery'] == 1
        assert warnings == ['BMC Discovery: the appliance no longer serves API version 1.10, which the token cache held; '
                            'the tasks now use 1.9 (the highest GET /api/about lists)']
        assert cached_version(sim) == '1.9'
        # The next task takes 1.9 from the cache: no /api/about, no 404.
        task(sim, lambda api: api.runs())
        requests = requests_of(sim)
        assert requests['GET /api/about'] == 2 and requests['GET /api/v1.9/discovery/runs'] == 1
        assert sim.control.counters()['logins'] == 1

    def test_the_later_pages_of_a_search_follow_the_new_version(self, sim):
        task(sim, lambda api: api.status())
        sim.control.configure(api_versions=['1.0', '1.9'])

        def paged(api):
            return discovery.api_pages(api, api.path('/data/search'), {'query': 'search Host show name', 'limit': 5})
        assert len(task(sim, paged)) == 12
        requests = requests_of(sim)
        assert requests['GET /api/v1.10/data/search'] == 1 and requests['GET /api/v1.9/data/search'] == 3

    def test_a_search_sent_by_post_is_a_read_and_is_repeated(self, sim):
        task(sim, lambda api: api.status())
        sim.control.configure(api_versions=['1.0', '1.9', '1.12'])  # an upgrade that drops 1.10
        long_query = "search Host where name = '%s' show name" % ('h' * 9000)
        rows, first = task(sim, lambda api: api.search(long_query))
        assert rows == [] and first['count'] == 0
        requests = requests_of(sim)
        assert requests['POST /api/v1.10/data/search'] == 1 and requests['POST /api/v1.12/data/search'] == 1

    def test_a_write_under_a_version_no_longer_served_is_not_repeated(self, sim):
        task(sim, lambda api: api.status())
        sim.control.configure(api_versions=['1.0', '1.9'])
        with pytest.raises(NotFoundError) as caught:
            task(sim, lambda api: api.start_run(['198.51.100.0/24'], 'after-upgrade', 'Full Discovery'))
        message = str(caught.value)
        assert 'POST /api/v1.10/discovery/runs failed with HTTP 404' in message
        assert 'no longer serves API version 1.10' in message and 're-negotiated' in message and 'run the task again' in message
        requests = requests_of(sim)
        assert requests['POST /api/v1.10/discovery/runs'] == 1
        assert not [key for key in requests if key.startswith('POST /api/v1.9')]
        assert sim.control.state()['runs'] == []
        # The cache holds the new version: the task run again writes once, without asking /api/about.
        task(sim, lambda api: api.start_run(['198.51.100.0/24'], 'after-upgrade', 'Full Discovery'))
        requests = requests_of(sim)
        assert requests['POST /api/v1.9/discovery/runs'] == 1 and requests['GET /api/about'] == 2
        assert [run['label'] for run in sim.control.state()['runs']] == ['after-upgrade']

    def test_a_404_under_a_version_still_served_is_the_objects_and_asks_about_once(self, sim):
        task(sim, lambda api: api.status())

        def two_missing(api):
            return api.credential('0' * 32), api.run('1' * 32), api.credential('2' * 32)
        assert task(sim, two_missing) == (None, None, None)
        requests = requests_of(sim)
        assert requests['GET /api/about'] == 2  # the first task's, and one check of the cached 1.10 (still listed)
        assert cached_version(sim) == '1.10'

    def test_a_success_under_the_cached_version_proves_it_and_asks_nothing(self, sim):
        task(sim, lambda api: api.status())
        assert task(sim, lambda api: (api.status(), api.credential('0' * 32))[1]) is None
        assert requests_of(sim)['GET /api/about'] == 1

    def test_a_version_the_user_gave_is_never_renegotiated(self, sim):
        with pytest.raises(NotFoundError, match='No such API version'):
            task(sim, lambda api: api.status(), api_version='1.11')
        assert 'GET /api/about' not in requests_of(sim)
