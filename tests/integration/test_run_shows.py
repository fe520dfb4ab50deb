# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run.shows finds a warning as ansible-core before 2.19 wraps it (textwrap at 79 columns), and nothing else."""

from __future__ import annotations

import subprocess
import textwrap

from integration.conftest import Run

MESSAGE = ('Remedy: the cache directory /tmp/pytest-of-root/pytest-631/popen-gw0/test_a_shared_directory_or_a_f0/not-a-cache-dir '
           'is open to other users (mode 1777); the task logs in without it')


def run_of(output):
    return Run(subprocess.CompletedProcess([], 0, stdout=output, stderr=''))


def test_a_wrapped_warning_is_found_and_a_different_text_is_not():
    # As ansible-core 2.16's Display.warning prints it: spaces become line breaks, a word is cut after a hyphen
    # (kept), a word longer than a line anywhere.
    wrapped = '\n'.join(textwrap.wrap('[WARNING]: %s' % MESSAGE, 79)) + '\n'
    assert MESSAGE not in wrapped and '-\n' in wrapped
    run = run_of('TASK [x] ***\n' + wrapped)
    assert run.shows(MESSAGE)
    assert run.shows('open to other users (mode 1777)')
    assert not run.shows(MESSAGE.replace('1777', '0777'))
    assert not run.shows(MESSAGE.replace('not-a-cache', 'notacache'))  # the hyphen is kept, not dropped
    assert not run.shows('the cachedirectory')  # a space of the text needs whitespace in the output
    assert not run_of(MESSAGE.replace('without it', 'with it')).shows(MESSAGE)
