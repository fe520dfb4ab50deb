# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Stands in for the get-pip.py that ansible-test downloads to bootstrap its sanity venvs.

The download host is out of reach on the build machines. ansible-test runs this
script as ``python get_pip.py <pip options> pip==X``: bootstrap pip with
ensurepip in a child process (ensurepip run in-process drops every PIP_*
variable and cuts pip off from the machine's index configuration), then let
that pip install what was asked for.
"""

import subprocess
import sys

IGNORED = {'--no-setuptools', '--no-wheel'}

subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade'])
subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + [arg for arg in sys.argv[1:] if arg not in IGNORED])
