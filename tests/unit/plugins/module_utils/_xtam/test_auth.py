# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""XTAM sign-in: the CAS token flow, Basic, a given session, XSRF and session renewal, over scripted servers."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.restauth.enterprise.plugins.module_utils._xtam import api as xtam_api, auth, resources
from ansible_collections.restauth.enterprise.plugins.module_utils._errors import (
    AuthenticationError,
    ForbiddenError,
    NotFoundError,
    OptionError,
    ResponseFormatError,
)
from ansible_collections.restauth.enterprise.plugins.module_utils._resource import run_token
from xtam_scripts import SECRET, USER, connect, cookies, header, whoami_reply


class TestTokenSignIn:
    """GET <cas>/login?service=<url>/ with a token header → 302 with a ticket → GET it → session → whoami."""

    def script_flow(self, server, ticket='ST-1-abc'):
        server.reply(302, headers={'Location': server.url + '/xtam/?ticket=' + ticket})
        server.reply(302, headers=dict(cookies(JSESSIONID='SESS-T'), Location=server.url + '/xtam/'))
        whoami_reply(server, session=None, xsrf='XSRF-T')

    def test_the_requests_sent_and_the_credential_obtained(self, server):
        self.script_flow(server)
        api = connect(server, api_token='API-TOKEN-1')
        credential = api.login()
        cas, ticket, whoami = server.requests
        assert cas.method == 'GET' and urlsplit(cas.path).path == '/cas/login'
        assert parse_qs(urlsplit(cas.path).query) == {'service': [server.url + '/xtam/']}  # the trailing slash matters
        assert header(cas, 'token') == 'API-TOKEN-1'
        assert header(cas, 'Cookie') is None and header(cas, 'Authorization') is None
        assert ticket.path == '/xtam/?ticket=ST-1-abc'
        assert header(ticket, 'token') is None and header(ticket, 'Cookie') is None  # the ticket alone opens the session
        assert whoami.path == '/xtam/rest/user/whoami' and header(whoami, 'Cookie') == 'JSESSIONID=SESS-T'
        assert credential.token == 'SESS-T'
        assert credential.request_headers() == {'X-XSRF-TOKEN': 'XSRF-T', 'Cookie': 'JSESSIONID=SESS-T; XSRF-TOKEN=XSRF-T'}
        assert api.whoami() == USER and len(server.requests) == 3  # whoami's answer is kept

    def test_later_calls_carry_the_session_and_the_xsrf_header(self, server):
        self.script_flow(server)
        server.reply(200, {'id': 'i-new'})
        api = connect(server, api_token='API-TOKEN-1')
        api.create_record('i-f', 'i-t', 'web01', 'desc', {'Password': SECRET})
        create = server.requests[-1]
        assert create.path == '/xtam/rest/record/new/i-f/i-t'
        assert header(create, 'X-XSRF-TOKEN') == 'XSRF-T'
        assert header(create, 'Cookie') == 'JSESSIONID=SESS-T; XSRF-TOKEN=XSRF-T'
        assert header(create, 'Content-Type') == 'application/x-www-form-urlencoded'
        form = parse_qs(create.body.decode())
        assert form['name'] == ['web01'] and form['custom'] == ['{"Password": "%s"}' % SECRET]  # double-encoded

    @pytest.mark.parametrize('status,body', [(401, {'status': 401, 'message': 'Token disabled'}), (200, '<html>CAS login</html>')],
                             ids=['401', 'login-page'])
    def test_a_refused_api_token_is_explained(self, server, status, body):
        server.reply(status, body)
        with pytest.raises(AuthenticationError) as info:
            connect(server, api_token='API-TOKEN-1').login()
        message = str(info.value)
        assert message.startswith('Xton Access Manager: GET /cas/login')
        assert 'HTTP %d' % status in message and 'unknown, disabled or expired' in message
        assert 'API-TOKEN-1' not in message
        assert len(server.requests) == 1

    def test_a_reused_or_expired_ticket_is_explained(self, server):
        server.reply(302, headers={'Location': server.url + '/xtam/?ticket=ST-1-abc'})
        server.reply(401, {'status': 401, 'message': "Ticket 'ST-1-abc' not recognized"})
        with pytest.raises(AuthenticationError) as info:
            connect(server, api_token='API-TOKEN-1').login()
        assert "GET /xtam/ failed with HTTP 401: Ticket 'ST-1-abc' not recognized" in str(info.value)

    def test_a_ticket_answer_without_a_session_cookie_is_explained(self, server):
        server.reply(302, headers={'Location': server.url + '/xtam/?ticket=ST-1-abc'})
        server.reply(302, headers={'Location': server.url + '/xtam/'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, api_token='API-TOKEN-1').login()
        assert 'XTAM did not accept the service ticket' in str(info.value) and 'single-use' in str(info.value)

    def test_cas_pointing_elsewhere_is_not_followed(self, server):
        server.reply(302, headers={'Location': 'https://phish.example.com/xtam/?ticket=ST-1'})
        with pytest.raises(ResponseFormatError) as info:
            connect(server, api_token='API-TOKEN-1').login()
        assert 'CAS redirected to https://phish.example.com/xtam/ instead of %s/xtam/?ticket=<service ticket>' % server.url in str(info.value)
        assert len(server.requests) == 1

    def test_cas_on_a_second_server_named_by_cas_url(self, server):
        from scripted_server import ScriptedServer
        cas = ScriptedServer()
        try:
            cas.reply(302, headers={'Location': server.url + '/xtam/?ticket=ST-9'})
            server.reply(302, headers=dict(cookies(JSESSIONID='SESS-9'), Location=server.url + '/xtam/'))
            whoami_reply(server, session=None, xsrf='X9')
            credential = connect(server, api_token='API-TOKEN-1', cas_url=cas.url + '/sso/cas').login()
            assert credential.token == 'SESS-9'
            assert urlsplit(cas.requests[0].path).path == '/sso/cas/login'
            assert [urlsplit(r.path).path for r in server.requests] == ['/xtam/', '/xtam/rest/user/whoami']
        finally:
            cas.stop()

    def test_default_cas_url_is_on_the_xtam_origin(self):
        assert auth.default_cas_url('https://pam.example.com:8443/xtam') == 'https://pam.example.com:8443/cas'

    def test_a_missing_api_token_is_an_option_error(self, server):
        with pytest.raises(OptionError) as info:
            connect(server, auth_type='token')
        assert 'the token login needs api_token' in str(info.value)


class TestBasicSignIn:

    def test_basic_goes_to_whoami_only_then_the_session_is_used(self, server):
        whoami_reply(server, session='SESS-B', xsrf='XSRF-B')
        server.reply(200, [{'id': 'i-r', 'name': 'db01', 'recordType': {'name': 'Unix Host'}}, {'id': 'i-f', 'name': 'sub', 'folder': True}])
        api = connect(server, username='jdoe', password=SECRET)
        records = api.records_in('i-folder')
        whoami, listing = server.requests
        assert header(whoami, 'Authorization') == 'Basic ' + base64.b64encode(('jdoe:' + SECRET).encode()).decode()
        assert header(listing, 'Authorization') is None
        assert header(listing, 'Cookie') == 'JSESSIONID=SESS-B; XSRF-TOKEN=XSRF-B'
        assert [record['id'] for record in records] == ['i-r']  # the sub-folder is left out

    def test_wrong_password_is_explained_without_the_password(self, server):
        server.reply(401, {'status': 401, 'error': 'Unauthorized', 'message': 'Bad credentials'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, username='jdoe', password=SECRET).login()
        message = str(info.value)
        assert message.startswith('Xton Access Manager: GET /xtam/rest/user/whoami failed with HTTP 401: Bad credentials')
        assert 'user name or password is wrong' in message and SECRET not in message

    def test_whoami_without_the_xsrf_cookie_signs_in_and_reads_without_the_header(self, server):
        server.reply(200, USER, headers={'Set-Cookie': 'JSESSIONID=S; Path=/xtam'})
        server.reply(200, [])
        api = connect(server, username='jdoe', password=SECRET)
        credential = api.login()
        assert credential.request_headers() == {'Cookie': 'JSESSIONID=S'}
        assert api.records_in('i-folder') == []
        listing = server.requests[-1]
        assert header(listing, 'Cookie') == 'JSESSIONID=S' and header(listing, 'X-XSRF-TOKEN') is None

    def test_without_an_xsrf_token_a_write_is_still_sent(self, server):
        # A server whose cross-site scripting protection is off sets no XSRF cookie and takes writes without the header.
        server.reply(200, USER, headers={'Set-Cookie': 'JSESSIONID=S; Path=/xtam'})
        server.reply(200, {'id': 'i-new'})
        assert connect(server, username='jdoe', password=SECRET).create_folder('i-root', 'web', '')['id'] == 'i-new'
        create = server.requests[-1]
        assert create.method == 'POST' and header(create, 'X-XSRF-TOKEN') is None and header(create, 'Cookie') == 'JSESSIONID=S'

    @pytest.mark.parametrize('message', ['Forbidden', "Invalid CSRF Token 'null' was found on the request header 'X-XSRF-TOKEN'."])
    def test_a_write_refused_without_an_xsrf_token_says_whoami_set_none(self, server, message):
        server.reply(200, USER, headers={'Set-Cookie': 'JSESSIONID=S; Path=/xtam'})
        server.reply(403, {'status': 403, 'error': 'Forbidden', 'message': message})
        with pytest.raises(ForbiddenError) as info:
            connect(server, username='jdoe', password=SECRET).delete_record('i-r')
        text = str(info.value)
        assert 'DELETE /xtam/rest/record/delete/i-r failed with HTTP 403' in text
        assert 'XTAM set no XSRF-TOKEN cookie on GET /rest/user/whoami' in text and SECRET not in text
        assert [request.method for request in server.requests] == ['GET', 'DELETE']  # refused, so never sent again

    def test_a_403_on_a_write_that_carried_the_token_is_a_permission(self, server):
        whoami_reply(server)
        server.reply(403, {'status': 403, 'error': 'Forbidden', 'message': 'Access denied'})
        with pytest.raises(ForbiddenError) as info:
            connect(server, username='jdoe', password=SECRET).delete_record('i-r')
        assert 'lacks a permission' in str(info.value) and 'XSRF-TOKEN cookie' not in str(info.value)

    def test_auth_type_default_follows_api_token(self):
        assert isinstance(auth.authenticator_for({'url': 'https://h/xtam', 'api_token': 't'}), auth.XtamTokenLogin)
        assert isinstance(auth.authenticator_for({'url': 'https://h/xtam', 'api_token': 't', 'auth_type': 'basic'}), auth.XtamBasicLogin)
        assert isinstance(auth.authenticator_for({'url': 'https://h/xtam', 'token': 's', 'api_token': 't'}), auth.XtamGivenSession)


class TestRenewal:
    """A 401 or a redirect to the CAS login page signs in once more and repeats the call once."""

    @pytest.mark.parametrize('refusal', [
        dict(status=401, body={'status': 401}),
        dict(status=302, headers={'Location': '/cas/login?service=x'}),
    ], ids=['401', 'redirect-to-cas-login'])
    def test_one_new_sign_in(self, server, refusal):
        whoami_reply(server, session='OLD', xsrf='X1')
        server.reply(**refusal)
        whoami_reply(server, session='NEW', xsrf='X2')
        server.reply(200, [])
        assert connect(server, username='jdoe', password=SECRET).list_folder('i-f') == []
        assert [urlsplit(r.path).path for r in server.requests] == [
            '/xtam/rest/user/whoami', '/xtam/rest/folder/list/i-f', '/xtam/rest/user/whoami', '/xtam/rest/folder/list/i-f']
        assert header(server.requests[-1], 'Cookie') == 'JSESSIONID=NEW; XSRF-TOKEN=X2'

    def test_another_redirect_is_not_a_refusal(self, server):
        whoami_reply(server)
        server.reply(302, headers={'Location': '/xtam/maintenance.html'})
        with pytest.raises(Exception) as info:
            connect(server, username='jdoe', password=SECRET).list_folder('i-f')
        assert 'HTTP 302' in str(info.value) and len(server.requests) == 2

    def test_a_given_session_is_not_renewed(self, server):
        whoami_reply(server, session=None, xsrf='XG')
        server.reply(401, {'status': 401, 'message': 'Session expired'})
        with pytest.raises(AuthenticationError) as info:
            connect(server, token='GIVEN').list_folder('i-f')
        assert 'restauth.enterprise.xtam_token' in str(info.value)
        assert header(server.requests[0], 'Cookie') == 'JSESSIONID=GIVEN'  # its XSRF token is fetched first
        assert len(server.requests) == 2

    def test_a_given_session_is_proven_by_one_whoami_never_a_login_and_is_no_change(self, server):
        whoami_reply(server, session=None, xsrf='XG')
        result = run_token(resources.SessionResource(connect(server, token='GIVEN'), {'token': 'GIVEN'}), 'present', check_mode=True)
        assert result['changed'] is False and result['token'] == 'GIVEN' and result['user'] == USER
        assert [(request.method, request.path) for request in server.requests] == [('GET', '/xtam/rest/user/whoami')]

    def test_a_refused_given_session_fails_the_token_module_before_any_result(self, server):
        server.reply(302, headers={'Location': server.url + '/cas/login?service=x'}, times=2)
        with pytest.raises(AuthenticationError) as info:
            run_token(resources.SessionResource(connect(server, token='GIVEN'), {'token': 'GIVEN'}), 'present')
        assert 'HTTP 302' in str(info.value)

    def test_a_given_session_sent_to_the_sign_in_page_is_refused_not_an_error(self, server):
        # XTAM may answer an expired session with a redirect to the CAS login page instead of 401.
        server.reply(302, headers={'Location': server.url + '/cas/login?service=x'}, times=2)
        api = connect(server, token='GIVEN')
        assert api.session_is_live() is False
        with pytest.raises(AuthenticationError) as info:
            connect(server, token='GIVEN').whoami()
        assert 'HTTP 302' in str(info.value)

    def test_signing_out_a_session_xtam_no_longer_knows_changes_nothing(self, server):
        server.reply(302, headers={'Location': server.url + '/cas/login?service=x'})
        assert connect(server, token='GIVEN').logout() is False
        assert [request.path for request in server.requests] == ['/xtam/rest/user/whoami']


STALE = {'status': 403, 'error': 'Forbidden', 'message': "Invalid CSRF Token 'X1' was found on the request parameter '_csrf' or header 'X-XSRF-TOKEN'."}
NO_SESSION = {'status': 403, 'error': 'Forbidden', 'message': 'Could not verify the provided CSRF token because your session was not found.'}


class TestStaleXsrf:
    """A write refused by the XSRF check (403 naming CSRF) was not processed: one new whoami, the write once more."""

    SIGN_IN = {
        'basic': (dict(username='jdoe', password=SECRET), lambda server: whoami_reply(server, session='S', xsrf='X1')),
        'token': (dict(api_token='API-TOKEN-1'), lambda server: TestTokenSignIn().script_flow(server, 'ST-1')),
        'given': (dict(token='S'), lambda server: whoami_reply(server, session=None, xsrf='X1')),
    }

    def sign_in(self, server, mode):
        params, script = self.SIGN_IN[mode]
        script(server)
        return connect(server, **params)

    @pytest.mark.parametrize('refusal', [STALE, NO_SESSION], ids=['invalid-token', 'missing-token'])
    @pytest.mark.parametrize('mode', sorted(SIGN_IN))
    def test_one_whoami_on_the_same_session_then_the_write_once_more(self, server, mode, refusal):
        api = self.sign_in(server, mode)
        session = api.login().token
        server.reply(403, refusal)
        whoami_reply(server, session=None, xsrf='X2')
        server.reply(200, {'id': 'i-new'})
        assert api.create_folder('i-root', 'web', '')['id'] == 'i-new'
        refused, whoami, repeated = server.requests[-3:]
        assert (refused.method, whoami.path, repeated.method) == ('POST', '/xtam/rest/user/whoami', 'POST')
        assert header(whoami, 'Cookie') == 'JSESSIONID=%s' % session and header(whoami, 'Authorization') is None
        assert header(repeated, 'X-XSRF-TOKEN') == 'X2' and header(repeated, 'Cookie') == 'JSESSIONID=%s; XSRF-TOKEN=X2' % session
        assert repeated.body == refused.body
        server.reply(200, {'id': 'i-next'})
        api.create_folder('i-root', 'app', '')
        assert header(server.requests[-1], 'X-XSRF-TOKEN') == 'X2'  # the fresh token stays
        assert 'X2' in api.client.secrets()

    def test_refused_again_fails_with_the_xsrf_message(self, server):
        api = self.sign_in(server, 'basic')
        server.reply(403, STALE)
        whoami_reply(server, session=None, xsrf='X2')
        server.reply(403, STALE)
        with pytest.raises(ForbiddenError) as info:
            api.delete_record('i-r')
        text = str(info.value)
        assert 'DELETE /xtam/rest/record/delete/i-r failed with HTTP 403' in text and 'XSRF protection' in text
        assert [request.method for request in server.requests] == ['GET', 'DELETE', 'GET', 'DELETE']

    def test_a_session_refused_by_the_renewal_fails_saying_nothing_changed(self, server):
        api = self.sign_in(server, 'basic')
        server.reply(403, STALE)
        server.reply(401, {'status': 401, 'message': 'Full authentication is required to access this resource'})
        with pytest.raises(AuthenticationError) as info:
            api.delete_record('i-r')
        assert 'GET /xtam/rest/user/whoami failed with HTTP 401' in str(info.value) and 'nothing was changed' in str(info.value)
        assert [request.method for request in server.requests] == ['GET', 'DELETE', 'GET']

    @pytest.mark.parametrize('status,body', [
        (403, {'status': 403, 'error': 'Forbidden', 'message': 'Access denied'}),
        (403, {'status': 403, 'error': 'Forbidden'}),
        (400, STALE), (409, STALE), (500, STALE), (502, STALE), (504, STALE),
    ], ids=['permission', 'hidden-message', '400', '409', '500', '502', '504'])
    def test_any_other_refusal_is_never_repeated(self, server, status, body):
        api = self.sign_in(server, 'basic')
        server.reply(status, body)
        with pytest.raises(Exception) as info:
            api.update_record('i-r', 'web', '')
        assert 'HTTP %d' % status in str(info.value)
        assert [request.method for request in server.requests] == ['GET', 'POST']

    def test_a_read_refused_naming_csrf_is_not_renewed(self, server):
        api = self.sign_in(server, 'basic')
        server.reply(403, STALE)
        with pytest.raises(ForbiddenError):
            api.list_folder('i-f')
        assert [request.method for request in server.requests] == ['GET', 'GET']

    def test_a_write_sent_without_a_token_is_not_renewed(self, server):
        server.reply(200, USER, headers={'Set-Cookie': 'JSESSIONID=S; Path=/xtam'})
        server.reply(403, STALE)
        with pytest.raises(ForbiddenError) as info:
            connect(server, username='jdoe', password=SECRET).delete_record('i-r')
        assert 'XTAM set no XSRF-TOKEN cookie' in str(info.value)
        assert [request.method for request in server.requests] == ['GET', 'DELETE']


class TestSignOut:
    """A task signs out the session it opened; a session it was given is the user's to end."""

    def test_closing_signs_out_the_own_session_with_its_cookie_and_xsrf_header(self, server):
        whoami_reply(server, session='SESS-O', xsrf='XSRF-O')
        server.reply(302, headers={'Location': server.url + '/cas/logout'})
        api = connect(server, username='jdoe', password=SECRET)
        api.whoami()
        assert api.close() == []
        logout = server.requests[-1]
        assert (logout.method, logout.path) == ('POST', '/xtam/logout')
        assert header(logout, 'Cookie') == 'JSESSIONID=SESS-O; XSRF-TOKEN=XSRF-O' and header(logout, 'X-XSRF-TOKEN') == 'XSRF-O'
        assert header(logout, 'Authorization') is None

    def test_a_given_session_is_never_signed_out(self, server):
        whoami_reply(server, session=None, xsrf='XG')
        api = connect(server, token='GIVEN')
        api.whoami()
        assert api.close() == [] and [request.path for request in server.requests] == ['/xtam/rest/user/whoami']

    def test_a_kept_session_is_not_signed_out(self, server):
        whoami_reply(server)
        api = xtam_api.connect({'url': server.url + '/xtam', 'allow_http': True, 'retries': 0, 'username': 'u', 'password': 'p'}, keep=True)
        api.whoami()
        assert api.close() == [] and len(server.requests) == 1

    def test_a_failed_sign_out_is_returned_not_raised(self, server):
        whoami_reply(server)
        server.reply(500, {'status': 500, 'message': 'down'}, times=4)
        api = connect(server, username='jdoe', password=SECRET)
        api.whoami()
        errors = api.close()
        assert len(errors) == 1 and 'POST /xtam/logout failed with HTTP 500' in str(errors[0]) and SECRET not in str(errors[0])

    @pytest.mark.parametrize('status', [404, 405])
    def test_a_server_without_the_sign_out_endpoint_is_no_warning(self, server, status):
        whoami_reply(server)
        server.reply(status, {'status': status, 'message': 'no'})
        api = connect(server, username='jdoe', password=SECRET)
        api.whoami()
        assert api.close() == [] and server.requests[-1].path == '/xtam/logout'

    def test_the_token_module_still_reports_a_missing_endpoint(self, server):
        whoami_reply(server, session=None)
        server.reply(404, {'status': 404, 'message': 'Not Found'})
        with pytest.raises(NotFoundError) as info:
            connect(server, token='GIVEN').logout()
        assert 'POST /xtam/logout failed with HTTP 404' in str(info.value)


class TestUrlWithoutTheApplicationPath:
    """XTAM usually lives under /xtam: a 404 from a url that ends at the host says so."""

    def test_a_404_at_the_server_root_names_the_application_path(self, server):
        server.reply(404, {'status': 404, 'error': 'Not Found', 'path': '/rest/user/whoami'})
        with pytest.raises(NotFoundError) as info:
            xtam_api.connect({'url': server.url, 'allow_http': True, 'retries': 0, 'username': 'jdoe', 'password': SECRET}).login()
        message = str(info.value)
        assert message.startswith('Xton Access Manager: GET /rest/user/whoami failed with HTTP 404')
        assert 'url has no application path, and XTAM usually lives under /xtam: give url like https://pam.example.com/xtam' in message
        assert SECRET not in message

    def test_a_404_under_an_application_path_gets_no_such_hint(self, server):
        whoami_reply(server)
        server.reply(404, {'status': 404, 'message': 'Folder i-x not found'})
        with pytest.raises(NotFoundError) as info:
            connect(server, username='jdoe', password=SECRET).list_folder('i-x')
        assert 'Folder i-x not found' in str(info.value) and 'application path' not in str(info.value)
