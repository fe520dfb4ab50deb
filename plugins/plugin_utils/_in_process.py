# -*- coding: utf-8 -*-
# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This plugin_util is for internal use only: it is not covered by the collection's
# semantic versioning and may change in any release.

"""The action plugin every module of the collection shares: run the module in the worker when that is equivalent.

The modules of this collection talk to a remote API, so their tasks nearly always
run on the controller. Launching such a module costs a new Python process that
imports ``requests`` and the module utilities again for every task. When the
launched module would run on this very machine, as this very user, with this
very Python, running it in the worker process instead gives the same result for
a fraction of the CPU time. Everything else is launched exactly as ansible-core's
``normal`` action launches it.

The in-process run follows what ansible-core's AnsiballZ wrapper does on the
target: the module arguments are built by ``ActionBase._update_module_args``,
encoded to JSON with the module serialization profile, handed to
``ansible.module_utils.basic``, and the module is run as ``__main__`` by the
loader the wrapper itself calls; its printed JSON is then parsed and cleaned by
the very ``ActionBase`` methods that handle a launched module's output. Every
piece of process state the module can touch is put back afterwards.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import functools
import importlib
import importlib.util
import io
import json
import locale
import os
import shutil
import sys
import tempfile
import warnings as python_warnings

from collections.abc import Mapping, Sequence

import yaml

from ansible import constants as C
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.parsing.mod_args import ModuleArgsParser
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

try:
    from ansible.module_utils import basic as _basic
    from ansible.module_utils import _internal as _module_internal
    from ansible.module_utils._internal._ansiballz import _loader as _ansiballz_loader
    from ansible.module_utils.common import warnings as _module_warnings
    from ansible.module_utils.common.json import Direction, get_module_encoder
    HAS_IN_PROCESS_API = all((
        hasattr(_ansiballz_loader, 'run_module'),
        hasattr(_module_internal, 'is_controller'),
        hasattr(_module_warnings, '_global_warnings'),
        hasattr(_module_warnings, '_global_deprecations'),
        hasattr(_basic, '_ANSIBLE_PROFILE'),
    ))
except ImportError:  # ansible-core before 2.19: every module is launched
    HAS_IN_PROCESS_API = False

try:  # ansible-core 2.19 and 2.20; 2.21 cleans its UnifiedTaskResult itself
    from ansible.vars.clean import remove_internal_keys
except ImportError:
    remove_internal_keys = None

display = Display()

# The strategy loads this action's class in its own process before it forks a worker for each task
# (to read BYPASS_HOST_LOOP), so what is imported here is inherited by every worker: requests and the
# collection's module utilities are then imported once per run instead of once per task.
MODULE_UTILS = 'ansible_collections.restauth.enterprise.plugins.module_utils'


def _warm_imports():
    """Import the module runner and, for every vendor of the registry, its API and its modules' adapters."""
    names = [MODULE_UTILS + '._module', MODULE_UTILS + '._vendors']
    try:
        from ansible_collections.restauth.enterprise.plugins.module_utils._vendors import REGISTRY
        for vendor in REGISTRY.values():
            names.extend(vendor.warm_imports)
    except Exception:  # pylint: disable=broad-except  # a module then reports a missing library itself
        pass
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # pylint: disable=broad-except  # a module then reports a missing library itself
            pass


_warm_imports()

COLLECTION = 'restauth.enterprise'
MODULE_PACKAGE = 'ansible_collections.restauth.enterprise.plugins.modules'
SWITCH_ENV = 'RESTAUTH_IN_PROCESS'
SWITCH_VAR = 'restauth_in_process'
LOCAL_CONNECTIONS = ('local', 'ansible.builtin.local', 'ansible.legacy.local')
# The only profile a module without METADATA gets from ansible-core (module_common's default).
PROFILE = 'legacy'
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRAGMENT_PACKAGE = 'ansible_collections.restauth.enterprise.plugins.doc_fragments'
_YAML_LOADER = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)


def run_module(module_fqn, json_params, environment=None, cwd=None):
    """Run the module ``module_fqn`` (a Python module path) as AnsiballZ would, in this process.

    ``json_params`` are the bytes of ``{"ANSIBLE_MODULE_ARGS": {...}}``. The
    task's ``environment`` is applied to ``os.environ`` and ``cwd`` is entered for
    the call. Returns ``dict(rc, stdout, stderr)`` like a connection's
    ``exec_command``; the state of the process is restored whatever happens.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    rc = 0
    with _restored_process_state():
        if environment:
            os.environ.update(environment)
        if cwd:
            os.chdir(cwd)
        _module_internal.is_controller = False  # warnings go into the result, as on a target
        try:
            # catch_warnings: filters a module sets (urllib3.disable_warnings()) end with it.
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), python_warnings.catch_warnings():
                # Exceptions other than SystemExit become a failed result here, as in the wrapper.
                _ansiballz_loader.run_module(json_params=json_params, profile=PROFILE, module_fqn=module_fqn, modlib_path='', extensions={})
        except SystemExit as exc:  # exit_json / fail_json / sys.exit: the process exit code
            rc = _exit_code(exc.code)
            if exc.code is not None and not isinstance(exc.code, int):
                stderr.write('%s\n' % (exc.code,))
    return dict(rc=rc, stdout=stdout.getvalue(), stderr=stderr.getvalue())


def _exit_code(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1


@contextlib.contextmanager
def _restored_process_state():
    """Put back everything a module run can change in the worker, for the next loop item or task."""
    environ = dict(os.environ)
    argv = list(sys.argv)
    path = list(sys.path)
    cwd = os.getcwd()
    main_module = sys.modules.get('__main__')
    saved_locale = locale.setlocale(locale.LC_ALL)
    basic_globals = {name: getattr(_basic, name) for name in ('_ANSIBLE_ARGS', '_ANSIBLE_PROFILE', '_PARSED_MODULE_ARGS') if hasattr(_basic, name)}
    is_controller = _module_internal.is_controller
    global_warnings = dict(_module_warnings._global_warnings)
    global_deprecations = dict(_module_warnings._global_deprecations)
    try:
        yield
    finally:
        _module_internal.is_controller = is_controller
        _module_warnings._global_warnings.clear()
        _module_warnings._global_warnings.update(global_warnings)
        _module_warnings._global_deprecations.clear()
        _module_warnings._global_deprecations.update(global_deprecations)
        for name, value in basic_globals.items():
            setattr(_basic, name, value)
        with contextlib.suppress(locale.Error):
            locale.setlocale(locale.LC_ALL, saved_locale)
        if main_module is not None:
            sys.modules['__main__'] = main_module
        os.chdir(cwd)
        sys.path[:] = path
        sys.argv[:] = argv
        os.environ.clear()
        os.environ.update(environ)


@functools.lru_cache(maxsize=None)
def action_groups():
    """The action groups of ``meta/runtime.yml``: ``{group name: frozenset of module names}`` (names without the collection).

    A group's ``metadata.extend_group`` adds the modules of the groups it names, as ansible-core adds them; only groups of
    this collection are followed.
    """
    try:
        with open(os.path.join(ROOT, 'meta', 'runtime.yml'), 'rb') as handle:
            groups = (yaml.load(handle, Loader=_YAML_LOADER) or {}).get('action_groups') or {}
    except (OSError, yaml.YAMLError, AttributeError):
        return {}
    prefix = COLLECTION + '.'

    def local(name):
        return name[len(prefix):] if name.startswith(prefix) else name

    def members(group, seen):
        found = set()
        for entry in groups.get(group) or ():
            if isinstance(entry, str):
                found.add(local(entry))
            elif isinstance(entry, Mapping) and isinstance(entry.get('metadata'), Mapping):
                extended = entry['metadata'].get('extend_group') or []
                for other in [extended] if isinstance(extended, str) else extended:
                    if isinstance(other, str) and local(other) not in seen:
                        found |= members(local(other), seen | {local(other)})
        return found

    return dict((name, frozenset(members(name, {name}))) for name in groups)


def group_keys(module_name):
    """The ``module_defaults`` keys of the action groups that have ``module_name``: the short and the FQCN form of each."""
    return dict((key, group) for group, members in action_groups().items() if module_name in members
                for key in ('group/%s' % group, 'group/%s.%s' % (COLLECTION, group)))


@functools.lru_cache(maxsize=None)
def accepted_options(module_name):
    """The options (and aliases) module ``module_name`` has, read from its documentation and doc fragments; None if unknown.

    The documentation is what the argument spec is checked against (a unit test and ansible-test's validate-modules); the
    connection options come in through the doc fragment the module declares, generated from the options table.
    """
    try:
        doc = yaml.load(importlib.import_module('%s.%s' % (MODULE_PACKAGE, module_name)).DOCUMENTATION, Loader=_YAML_LOADER) or {}
        parts = [doc]
        fragments = doc.get('extends_documentation_fragment') or []
        for fragment in [fragments] if isinstance(fragments, str) else fragments:
            if not fragment.startswith(COLLECTION + '.'):
                return None  # a fragment of another collection: its options are not known here
            name, dummy, variable = fragment[len(COLLECTION) + 1:].partition('.')
            fragment_class = importlib.import_module('%s.%s' % (FRAGMENT_PACKAGE, name)).ModuleDocFragment
            parts.append(yaml.load(getattr(fragment_class, variable or 'DOCUMENTATION'), Loader=_YAML_LOADER) or {})
    except Exception:  # pylint: disable=broad-except  # not importable or not parsable here: nothing is left out
        return None
    names = set()
    for part in parts:
        for name, spec in (part.get('options') or {}).items():
            names.add(name)
            names.update((spec or {}).get('aliases') or ())
    return frozenset(names)


class InProcessAction(ActionBase):
    """The action of a module of this collection; ``plugins/action/<module>.py`` subclasses it and names nothing.

    The module is the one of the same name as the action file.
    """

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        self._task.args = self._without_group_defaults_it_lacks()
        result = super(InProcessAction, self).run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        task_vars = task_vars if task_vars is not None else {}

        reason = self._launch_reason(task_vars)
        if reason is None:
            result = merge_hash(result, self._execute_in_process(task_vars))
        else:
            display.vvvv('%s: launching %s (%s)' % (COLLECTION, self.module_fqcn(), reason))
            result = merge_hash(result, self._launch(task_vars))
        return self.finish(result)

    def _without_group_defaults_it_lacks(self):
        """The task's args without the options this module does not have that only an action group's ``module_defaults`` give.

        ansible-core merges the ``module_defaults`` of every action group the module is in into the task's args before the
        action runs. A module of a group may have fewer options than the others (sps_login_methods_info has no credential
        options): it would refuse the group's credentials. Left out is an option that (1) the ``module_defaults`` of one of
        this module's groups (``meta/runtime.yml``) give, (2) this module does not have, (3) another module of that group has
        (a misspelt option is still refused), (4) no ``module_defaults`` entry for this very module gives and (5) the task
        does not give itself. An option given in the task stays, and the module refuses it.
        """
        args = self._task.args
        layers = getattr(self._task, 'module_defaults', None) or []
        keys = group_keys(self.module_name())
        defaults = {}
        for layer in layers if isinstance(layers, list) else [layers]:  # as ansible-core merges them: a later entry replaces one
            defaults.update(layer or {})
        given = {}  # option name -> the groups whose defaults give it
        for key, group in keys.items():
            value = defaults.get(key)
            if value is not None and not isinstance(value, Mapping):  # "{{ a_dict }}", which ansible-core has already templated once
                try:
                    value = self._templar.template(value)
                except Exception:  # pylint: disable=broad-except  # then nothing of it is left out
                    value = None
            for name in value if isinstance(value, Mapping) else ():
                given.setdefault(name, set()).add(group)
        candidates = set(given) & set(args)
        accepted = accepted_options(self.module_name()) if candidates else None
        if accepted is None:
            return args
        candidates -= accepted
        for key in (self.module_fqcn(), getattr(self._task, 'resolved_action', None)):
            candidates -= set(defaults.get(key) or ()) if isinstance(defaults.get(key), Mapping) else set()
        candidates = set(name for name in candidates if any(
            name in (accepted_options(member) or ()) for group in given[name] for member in action_groups()[group]))
        if candidates:
            own = self._own_arg_names()
            candidates = candidates - own if own is not None else set()
        if not candidates:
            return args
        display.vvv('%s: %s has no option %s: left out of the action group defaults' % (COLLECTION, self.module_fqcn(), ', '.join(sorted(candidates))))
        return dict((name, value) for name, value in args.items() if name not in candidates)

    def _own_arg_names(self):
        """The names of the args the task gives itself, before ansible-core adds ``module_defaults``; None if not known."""
        task_ds = getattr(self._task, '_ds', None)
        if not isinstance(task_ds, Mapping):
            return None
        try:
            dummy, own, dummy = ModuleArgsParser(task_ds=task_ds, collection_list=self._task.collections).parse(skip_action_validation=True)
            own = dict(own)
            variable = own.pop('_variable_params', None)  # args: "{{ a_dict }}"
            names = set(own)
            if variable is not None:
                variable = self._templar.template(variable)
                if not isinstance(variable, Mapping):
                    return None
                names.update(variable)
        except Exception:  # pylint: disable=broad-except  # a task ansible-core loaded but that does not parse again here
            return None
        return names

    def finish(self, result):
        """A subclass's last word on the task result (both ways)."""
        return result

    @classmethod
    def module_name(cls):
        return cls.__module__.rsplit('.', 1)[-1]

    @classmethod
    def module_fqcn(cls):
        return '%s.%s' % (COLLECTION, cls.module_name())

    def _launch(self, task_vars):
        """What ansible-core's ``normal`` action does: launch the module through the connection."""
        wrap_async = self._task.async_val and not getattr(self._connection, 'has_native_async', False)
        data = self._execute_module(task_vars=task_vars, wrap_async=wrap_async)
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return data

    def _launch_reason(self, task_vars):
        """None when running in this process is equivalent to launching; else why the module is launched."""
        if not HAS_IN_PROCESS_API:
            return 'ansible-core has no in-process module API'
        switch = os.environ.get(SWITCH_ENV)
        if switch is not None and not boolean(switch, strict=False):
            return '%s=%s' % (SWITCH_ENV, switch)
        if SWITCH_VAR in task_vars and not boolean(self._templar.template(task_vars[SWITCH_VAR]), strict=False):
            return '%s is false' % SWITCH_VAR
        load_name = getattr(self._connection, '_load_name', None) or getattr(self._connection, 'transport', None)
        if load_name not in LOCAL_CONNECTIONS:
            return 'connection %s is not local' % load_name
        if self._play_context.become or getattr(self._connection, 'become', None) is not None:
            return 'become'
        if self._task.async_val:
            return 'async'
        if C.DEFAULT_KEEP_REMOTE_FILES:  # the user wants the launched module kept on disk
            return 'keep_remote_files'
        # The interpreter of the host the task runs on, as ActionBase._configure_module picks it.
        host_vars = task_vars
        if self._task.delegate_to:
            host_vars = (task_vars.get('ansible_delegated_vars') or {}).get(self._task.delegate_to, task_vars)
        interpreter = host_vars.get('ansible_python_interpreter')
        if interpreter is not None:
            interpreter = str(self._templar.template(interpreter)).strip()
            if not interpreter.startswith('auto') and not _same_executable(interpreter):
                return 'interpreter %s is not the controller Python' % interpreter
        if self._module_file() is None:
            return 'the module cannot be imported in the controller'
        return None

    def _module_file(self):
        """The module's source file when this process can import it and ansible-core would give it the default profile."""
        try:
            spec = importlib.util.find_spec('%s.%s' % (MODULE_PACKAGE, self.module_name()))
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.origin or not os.path.isfile(spec.origin):
            return None
        with open(spec.origin, 'rb') as source:
            if b'\nMETADATA' in source.read():  # a module asking for another serialization profile is launched
                return None
        return spec.origin

    def _execute_in_process(self, task_vars):
        """``_execute_module`` with the module run in this process instead of through the connection."""
        module_name = self._task.action
        module_args = dict(self._task.args)
        self._update_module_args(module_name, module_args, task_vars)
        environment = {}
        self._compute_environment_string(environment)
        environment = {str(key): str(value) for key, value in environment.items()}

        tmpdir = tempfile.mkdtemp(prefix='ansible-moduletmp-', dir=_existing_dir(self._expand_local(module_args.get('_ansible_remote_tmp'))))
        module_args['_ansible_tmpdir'] = tmpdir
        try:
            encoder = get_module_encoder(PROFILE, Direction.CONTROLLER_TO_MODULE)
            json_params = json.dumps({'ANSIBLE_MODULE_ARGS': module_args}, cls=encoder).encode('utf-8')
            display.vvv('%s: running %s in-process' % (COLLECTION, self.module_fqcn()))
            res = run_module('%s.%s' % (MODULE_PACKAGE, self.module_name()), json_params, environment=environment,
                             cwd=self._loader.get_basedir())
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)

        self._used_interpreter = '#!%s' % sys.executable
        res.update(stdout_lines=res['stdout'].splitlines(), stderr_lines=res['stderr'].splitlines())
        return self._clean_returned_data(self._parse_returned_data(res, PROFILE))

    def _clean_returned_data(self, parsed):
        """What ``_execute_module`` does with the parsed output of a launched module (ansible-core 2.19 to 2.21)."""
        if hasattr(parsed, 'as_result_dict') or remove_internal_keys is None:  # ansible-core 2.21: a UnifiedTaskResult
            parsed.remove_internal_keys()
            return parsed.as_result_dict(for_round_trip=True)
        data = parsed
        data.pop('_ansible_suppress_tmpdir_delete', None)
        if 'results' in data and (not isinstance(data['results'], Sequence) or isinstance(data['results'], str)):
            data['ansible_module_results'] = data.pop('results')
            display.warning("Found internal 'results' key in module return, renamed to 'ansible_module_results'.")
        remove_internal_keys(data)
        for stream in ('stdout', 'stderr'):
            if stream in data and stream + '_lines' not in data:
                data[stream + '_lines'] = (data.get(stream) or '').splitlines()
        return data

    @staticmethod
    def _expand_local(path):
        return os.path.expanduser(os.path.expandvars(path)) if path else None


def _existing_dir(path):
    if path:
        with contextlib.suppress(OSError):
            os.makedirs(path, mode=0o700, exist_ok=True)
            return path
    return None


def _same_executable(interpreter):
    """Whether ``interpreter`` names this very Python: same path, not merely the same binary behind a venv's symlink."""
    found = shutil.which(interpreter) if os.sep not in interpreter else interpreter
    if not found:
        return False
    return os.path.normpath(os.path.abspath(found)) == os.path.normpath(os.path.abspath(sys.executable))
