#!/usr/bin/env bash
# The second CI leg: the unit and integration suites on Python 3.12 with the newest
# ansible-core that installs there (tests/requirements-py312.txt), in .venv-py312.
# Without a working Python 3.12 the leg is skipped, and says so.
# Usage: tests/tools/py312.sh REPORT_FILE
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
report=${1:-$root/.build/py312-result}
venv="$root/.venv-py312"
mkdir -p "$(dirname "$report")"

# pyenv puts a python3.12 shim on PATH that fails unless 3.12 is a selected version, so
# every candidate is run before it is believed.
find_python() {
  local candidate
  for candidate in ${PYTHON312:-} python3.12 "$(pyenv root 2>/dev/null)"/versions/3.12*/bin/python3.12 \
                   "$HOME"/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys, venv; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then
      command -v "$candidate" 2>/dev/null || echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! python=$(find_python); then
  echo "py3.12: skipped: no python3.12" | tee "$report"
  exit 0
fi

stamp="$venv/.installed"
if [ ! -f "$stamp" ] || [ "$root/tests/requirements-py312.txt" -nt "$stamp" ] || [ "$root/tests/constraints-py312.txt" -nt "$stamp" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$root/tests/requirements-py312.txt" -c "$root/tests/constraints-py312.txt"
  touch "$stamp"
fi

core=$("$venv/bin/python" -c 'from ansible.release import __version__; print(__version__)')
echo "py3.12: $("$venv/bin/python" -c 'import platform; print(platform.python_version())') ansible-core $core: running units and integration"
cd "$root"
# The examples runner checks the docs against the simulators; it runs once, in the default leg.
if "$venv/bin/python" -m pytest -c tests/pytest.ini tests/unit tests/integration -q -p no:cacheprovider --ignore=tests/integration/test_examples.py; then
  echo "py3.12 ansible-core $core: passed" | tee "$report"
else
  echo "py3.12 ansible-core $core: FAILED" | tee "$report"
  exit 1
fi
