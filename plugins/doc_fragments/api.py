# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The options (plugins/module_utils/_api.py API_OPTIONS), notes, see-also and attributes of every <vendor>_api module.
    DOCUMENTATION = r'''
    options:
      path:
        description:
        - The endpoint, relative to the vendor's API root (see the module's description), for example V(/people/jdoe).
        - It is sent as given. Encode its parts yourself, and give parameters in O(query).
        - A full URL is accepted only on the origin of O(url); the collection never sends its login elsewhere.
        type: str
        required: true
      method:
        description:
        - The HTTP method.
        type: str
        choices: [GET, POST, PUT, PATCH, DELETE]
        default: GET
      query:
        description:
        - Query parameters, encoded by the module.
        type: dict
      body:
        description:
        - The body, JSON (a dictionary or a list) with O(body_format=json), or a dictionary of fields with O(body_format=form).
        type: raw
      body_format:
        description:
        - How O(body) is sent.
        type: str
        choices: [json, form]
        default: json
      headers:
        description:
        - Extra request headers.
        - The headers that carry the login are refused, whatever their case (C(Authorization), C(Cookie), and the vendor's own);
          the collection logs in and sends them itself.
        type: dict
      status_code:
        description:
        - The statuses that count as success. Without it, any 2xx status does.
        type: list
        elements: int
      paginate:
        description:
        - GET only. Follow the vendor's paging and return every item in RV(items).
        - A C(limit) in O(query) sets the page size.
        type: bool
        default: false
      read_only:
        description:
        - The call only reads although its method is not GET (a search or list sent as POST).
        - It is then sent in check mode too, and reports C(changed=false).
        type: bool
        default: false
    notes:
      - In check mode, a GET (or a call with O(read_only=true)) is sent; any other call is not sent, and the task reports
        C(changed=true).
      - The answer may hold secrets of the server; the task's own passwords and tokens are masked in it.
    seealso:
      - plugin: restauth.enterprise.api
        plugin_type: lookup
    # Check mode sends reads only.
    attributes:
      check_mode:
        description: Can run in check_mode and return changed status prediction without modifying target.
        support: partial
        details: A GET (or a call with O(read_only=true)) is sent; any other call is not sent and reports C(changed=true).
      diff_mode:
        description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
        support: none
    '''
