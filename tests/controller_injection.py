# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What AWX / Automation Controller does with a custom credential type, done here without a controller.

The credential types the collection ships (``extensions/awx/credential_types/``)
are read from their YAML, checked the way the controller checks a new type, and
rendered the way it renders them for a job: Jinja2 in an immutable sandbox, a
namespace holding only the inputs that have a value (booleans that were not
given are false), ``file`` injectors written under ``<private data dir>/env``
and named through ``tower.filename``, every ``env`` injector set (an empty input
renders as an empty string), ``extra_vars`` written to a file marked unsafe
(never templated again) and passed as ``-e @file``. The behaviour is the
controller's as published in its source; the code is our own.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import types

import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TYPES_DIR = os.path.join(ROOT, 'extensions', 'awx', 'credential_types')
FIELD_ID = re.compile(r'^[a-zA-Z_][a-zA-Z0-9_]*$')
INJECTOR_KINDS = {'env', 'extra_vars', 'file'}


def load(name):
    """The credential type ``extensions/awx/credential_types/<name>.yml``."""
    with open(os.path.join(TYPES_DIR, name + '.yml')) as handle:
        return yaml.safe_load(handle)


def shipped():
    """Names of every shipped credential type file, without ``.yml``."""
    return sorted(name[:-4] for name in os.listdir(TYPES_DIR) if name.endswith('.yml'))


def problems(credential_type):
    """What the controller would refuse in ``credential_type`` (an empty list when it is acceptable)."""
    found = []
    for key in ('name', 'kind', 'inputs', 'injectors'):
        if key not in credential_type:
            found.append('missing %s' % key)
    if credential_type.get('kind') not in ('cloud', 'net'):
        found.append('custom credential types must be of kind cloud or net')
    fields = credential_type.get('inputs', {}).get('fields', [])
    ids = [field.get('id') for field in fields]
    if len(set(ids)) != len(ids):
        found.append('duplicate field ids')
    for field in fields:
        if not FIELD_ID.match(str(field.get('id'))):
            found.append('bad field id %r' % field.get('id'))
        if field.get('type') not in ('string', 'boolean'):
            found.append('field %s: type must be string or boolean' % field.get('id'))
        if field.get('type') == 'boolean' and (field.get('secret') or field.get('multiline')):
            found.append('field %s: a boolean cannot be secret or multiline' % field.get('id'))
        if not field.get('label'):
            found.append('field %s has no label' % field.get('id'))
    for name in credential_type.get('inputs', {}).get('required', []):
        if name not in ids:
            found.append('required field %s is not defined' % name)
    injectors = credential_type.get('injectors', {})
    found.extend('unknown injector kind %s' % kind for kind in set(injectors) - INJECTOR_KINDS)
    for name in injectors.get('env', {}):
        if name.startswith('ANSIBLE_') or name in ('PATH', 'PYTHONPATH', 'HOME', 'JOB_ID'):
            found.append('environment variable %s is reserved' % name)
    for name in injectors.get('extra_vars', {}):
        if name.startswith('ansible_'):
            found.append('extra variable %s is reserved' % name)
    # Every template must render with every field set, and reference nothing else.
    namespace = dict((field['id'], True if field['type'] == 'boolean' else 'EXAMPLE') for field in fields)
    labels = [label.split('.', 1)[1] for label in injectors.get('file', {}) if '.' in label]
    namespace['tower'] = types.SimpleNamespace(filename=types.SimpleNamespace(**dict((label, 'EXAMPLE_FILENAME') for label in labels)))
    strict = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for kind in sorted(INJECTOR_KINDS & set(injectors)):
        for key, template in injectors[kind].items():
            try:
                strict.from_string(template).render(**namespace)
            except Exception as exc:  # noqa: BLE001 - any template error is a refusal
                found.append('%s %s: %s' % (kind, key, exc))
    return found


class Injected:
    """What a job receives from one credential: environment, an extra-vars file, files."""

    def __init__(self, env, extra_vars, extra_vars_file, files):
        self.env = env
        self.extra_vars = extra_vars
        self.extra_vars_file = extra_vars_file
        self.files = files


class _Unsafe(str):
    pass


def _unsafe_representer(dumper, value):
    return dumper.represent_scalar('!unsafe', str(value))


class _UnsafeDumper(yaml.SafeDumper):
    pass


_UnsafeDumper.add_representer(_Unsafe, _unsafe_representer)


def inject(credential_type, inputs, private_data_dir):
    """Render ``credential_type`` for a credential holding ``inputs``, as the controller does for a job."""
    fields = credential_type['inputs'].get('fields', [])
    namespace = {}
    for name, value in inputs.items():
        if isinstance(value, bool) or value:
            namespace[name] = value
    for field in fields:
        if field['type'] == 'boolean' and field['id'] not in inputs:
            namespace[field['id']] = False
    sandbox = ImmutableSandboxedEnvironment()
    env_dir = os.path.join(private_data_dir, 'env')
    os.makedirs(env_dir, exist_ok=True)

    single, named, files = None, {}, {}
    for label, template in credential_type['injectors'].get('file', {}).items():
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, 'w') as out:
            out.write(sandbox.from_string(template).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        files[label] = path
        if '.' in label:
            named[label.split('.', 1)[1]] = path
        else:
            single = path
    namespace['tower'] = types.SimpleNamespace(filename=single or types.SimpleNamespace(**named))

    env = dict((name, sandbox.from_string(template).render(**namespace))
               for name, template in credential_type['injectors'].get('env', {}).items())

    def render(node):
        if isinstance(node, dict):
            return dict((render(key), render(value)) for key, value in node.items())
        if isinstance(node, list):
            return [render(item) for item in node]
        return sandbox.from_string(node).render(**namespace)

    extra_vars = render(credential_type['injectors'].get('extra_vars', {}))
    extra_vars_file = None
    if extra_vars:
        handle, extra_vars_file = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, 'w') as out:
            out.write(yaml.dump(dict((key, _Unsafe(value)) for key, value in extra_vars.items()), Dumper=_UnsafeDumper))
        os.chmod(extra_vars_file, stat.S_IRUSR)
    return Injected(env, extra_vars, extra_vars_file, files)
