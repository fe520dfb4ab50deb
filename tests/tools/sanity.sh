#!/usr/bin/env bash
# Run `ansible-test sanity` on a copy of the collection placed where ansible-test
# wants it (…/ansible_collections/restauth/enterprise), without Docker and
# without the unreachable get-pip download. Usage: tests/tools/sanity.sh [VENV]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$(cd "${1:-$root/.venv}" && pwd)
[ $# -gt 0 ] && shift
python_version=$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')

# ansible-test looks for its pip bootstrap script here before downloading it.
pip_version=$("$venv/bin/python" -c "
from ansible_test._internal.python_requirements import get_venv_packages
print(get_venv_packages(type('Python', (), {'version': '$python_version'})())['pip'])")
cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
if [ ! -s "$cache" ]; then
  mkdir -p "$(dirname "$cache")"
  cp "$root/tests/tools/get_pip_stand_in.py" "$cache"
fi

# One copy per ansible-core, so that the matrix can run two cores' sanity at once.
core=$("$venv/bin/python" -c 'from ansible.release import __version__; print(__version__)')
top="$root/.build/sanity-$core"
work="$top/ansible_collections/restauth/enterprise"
rm -rf "$top"
mkdir -p "$work"
# Only what git knows (tracked, or new and not ignored): no venvs, caches or build output.
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 -I{} cp --parents {} "$work/")
cd "$work"
# ansible-test lists files with git from the nearest repository; without one of its
# own the copy would inherit the outer checkout, which ignores .build/ entirely.
git init --quiet . && git add --all
PATH="$venv/bin:$PATH" "$venv/bin/ansible-test" sanity --venv --python "$python_version" --color no "$@"
