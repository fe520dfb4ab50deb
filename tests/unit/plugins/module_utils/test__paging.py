# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The paging walker (_paging), both styles, against a scripted server: what is read, what is sent, where it stops."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils import _paging
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import ResponseFormatError
from ansible_collections.restauth.enterprise.plugins.module_utils._http import HTTPClient
from ansible_collections.restauth.enterprise.plugins.module_utils._paging import LinkPaging, OffsetPaging, page_bound, walk

VENDOR = 'Test Vendor'


class Offsets(OffsetPaging):
    list_field = 'items'

    def key(self, item):
        return item['id']

    def said_more(self, page):
        return page.get('more')


class Links(LinkPaging):
    endless_hint = 'the next links do not end'

    def next_link(self, page):
        return page.get('next')


def client(server, sleeps):
    return HTTPClient(VENDOR, server.url, allow_http=True, sleep=sleeps, retries=0)


def items(*ids):
    return [{'id': i} for i in ids]


def query(recorded, name):
    return parse_qs(urlsplit(recorded.path).query).get(name, [None])[0]


class TestOffsetPaging:

    def test_a_capped_server_is_read_on_until_a_shorter_page(self, server, sleeps):
        # Asked for 5, the server gives 2 a call: short pages are not the end until one is shorter than the largest.
        for ids in ((1, 2), (3, 4), (5,)):
            server.reply(200, {'items': items(*ids)})
        found = walk(Offsets(client(server, sleeps), VENDOR, '/list', {'q': 'x'}, page_size=5))
        assert [item['id'] for item in found] == [1, 2, 3, 4, 5]
        assert [(query(r, 'offset'), query(r, 'limit'), query(r, 'q')) for r in server.requests] == [('0', '5', 'x'), ('2', '5', 'x'), ('4', '5', 'x')]

    def test_a_page_that_says_it_is_the_last_ends_the_walk(self, server, sleeps):
        server.reply(200, {'items': items(1, 2), 'more': False})
        assert len(walk(Offsets(client(server, sleeps), VENDOR, '/list', page_size=5))) == 2
        assert len(server.requests) == 1

    def test_an_empty_page_ends_the_walk(self, server, sleeps):
        server.reply(200, {'items': items(1, 2)}).reply(200, {'items': [], 'more': True})
        assert len(walk(Offsets(client(server, sleeps), VENDOR, '/list', page_size=2))) == 2
        assert len(server.requests) == 2

    def test_limit_bounds_the_result_and_what_is_asked_for(self, server, sleeps):
        server.reply(200, {'items': items(1, 2), 'more': True}).reply(200, {'items': items(3, 4), 'more': True})
        found = walk(Offsets(client(server, sleeps), VENDOR, '/list', page_size=2), limit=3)
        assert [item['id'] for item in found] == [1, 2, 3]
        assert [query(r, 'limit') for r in server.requests] == ['2', '1']

    def test_a_server_ignoring_the_offset_is_refused(self, server, sleeps):
        server.reply(200, {'items': items(1, 2), 'more': True}, times=3)
        with pytest.raises(ResponseFormatError) as info:
            walk(Offsets(client(server, sleeps), VENDOR, '/list', page_size=2))
        assert 'GET /list returned the same items again for offset 2' in str(info.value)
        assert len(server.requests) == 2

    def test_paging_without_end_stops_at_the_absolute_bound(self, server, sleeps, monkeypatch):
        monkeypatch.setattr(_paging, 'MAX_PAGES', 3)
        for number in range(5):
            server.reply(200, {'items': items(number), 'more': True})
        with pytest.raises(ResponseFormatError) as info:
            walk(Offsets(client(server, sleeps), VENDOR, '/list', page_size=1))
        assert 'GET /list still had items to give after 3 pages (3 items)' in str(info.value)
        assert str(info.value).startswith(VENDOR + ':') and len(server.requests) == 3

    def test_the_default_bound_is_ten_thousand_pages(self):
        assert _paging.MAX_PAGES == 10000 and page_bound(None, 1) == 10000


class TestLinkPaging:

    def test_follows_next_links_from_the_first_page(self, server, sleeps):
        server.reply(200, {'data': items(1, 2), 'next': '/list?offset=2&limit=2', 'total': 3}).reply(200, {'data': items(3), 'total': 3})
        found = walk(Links(client(server, sleeps), VENDOR, '/list', {'embed': 'x'}, page_size=2))
        assert [item['id'] for item in found] == [1, 2, 3]
        assert parse_qs(urlsplit(server.requests[0].path).query) == {'embed': ['x'], 'offset': ['0'], 'limit': ['2']}
        assert server.requests[1].path == '/list?offset=2&limit=2'

    def test_a_next_link_to_another_server_is_refused_before_it_is_sent(self, server, sleeps):
        server.reply(200, {'data': items(1), 'next': 'https://evil.example.com/list?offset=1'})
        with pytest.raises(ResponseFormatError) as info:
            walk(Links(client(server, sleeps), VENDOR, '/list'))
        assert 'does not send credentials elsewhere' in str(info.value) and len(server.requests) == 1

    def test_endless_next_links_stop_at_what_the_total_needs(self, server, sleeps):
        for number in range(8):
            server.reply(200, {'data': items(number), 'next': '/list?offset=%d' % (number + 1), 'total': 2})
        with pytest.raises(ResponseFormatError) as info:
            walk(Links(client(server, sleeps), VENDOR, '/list', page_size=1))
        assert 'GET /list still pointed to a next page after 4 pages and 4 items (the first page gave a total of 2)' in str(info.value)
        assert info.value.hint == 'the next links do not end' and len(server.requests) == 4

    def test_a_link_named_twice_stops_the_walk(self, server, sleeps):
        server.reply(200, {'data': items(1), 'next': '/list?offset=1'}).reply(200, {'data': items(2), 'next': '/list?offset=1'})
        with pytest.raises(ResponseFormatError) as info:
            walk(Links(client(server, sleeps), VENDOR, '/list', page_size=1))
        assert 'pointed to the page /list?offset=1 twice' in str(info.value) and len(server.requests) == 2

    def test_an_empty_page_ends_the_walk_even_with_a_next_link(self, server, sleeps):
        server.reply(200, {'data': [], 'next': '/list?offset=0'})
        assert walk(Links(client(server, sleeps), VENDOR, '/list')) == []
        assert len(server.requests) == 1

    @pytest.mark.parametrize('body', [{'count': 0}, [], {'data': 'x'}], ids=['no-data', 'list', 'data-not-list'])
    def test_a_page_without_its_list_is_refused(self, server, sleeps, body):
        server.reply(200, body)
        with pytest.raises(ResponseFormatError) as info:
            walk(Links(client(server, sleeps), VENDOR, '/list'))
        assert 'GET /list returned no "data" list' in str(info.value)


@pytest.mark.parametrize('total,first,bound', [(2500, 1000, 5), (3, 1, 5), (0, 0, 10000), (None, 10, 10000),
                                               (10 ** 9, 1, 10000)],
                         ids=['total', 'small-pages', 'empty', 'no-total', 'huge'])
def test_page_bound_follows_the_first_total(total, first, bound):
    assert page_bound(total, first) == bound
