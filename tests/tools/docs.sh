#!/usr/bin/env bash
# Lint the collection documentation and build the docsite with antsibull-docs and Sphinx,
# offline. Broken references (to modules, options, guide sections) fail both steps.
# Usage: tests/tools/docs.sh VENV [DEST]     (DEST defaults to .build/docs; open DEST/index.html)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$(cd "${1:?give the venv with antsibull-docs and sphinx}" && pwd)
dest=${2:-$root/.build/docs}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# ansible-doc (which antsibull-docs runs) finds the collection through ANSIBLE_COLLECTIONS_PATH;
# the working tree itself is linked there, so the docs of what is checked out are built.
mkdir -p "$work/collections/ansible_collections/restauth"
ln -s "$root" "$work/collections/ansible_collections/restauth/enterprise"
export ANSIBLE_COLLECTIONS_PATH="$work/collections" PATH="$venv/bin:$PATH"
export ANSIBLE_LOCAL_TEMP="$work/tmp" ANSIBLE_HOME="$work/ansible-home"

echo "== antsibull-docs lint-collection-docs (plugin docs, guides and links)"
antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs \
  --validate-collection-refs dependent --disallow-unknown-collection-refs \
  "$work/collections/ansible_collections/restauth/enterprise"

echo "== docsite build (antsibull-docs collection + sphinx-build -W)"
site="$work/site"
mkdir -m 700 "$site"
antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir "$site" \
  --project restauth.enterprise --copyright 'restauth.enterprise contributors' \
  --title 'restauth.enterprise documentation' --html-short-title restauth.enterprise \
  restauth.enterprise >/dev/null
# Sphinx would download the Ansible docsite's inventory; give it a local one instead.
"$venv/bin/python" "$root/tests/tools/docs_inventory.py" "$site/ansible_devel.inv"
cat >> "$site/conf.py" <<'CONF'

# restauth.enterprise: built offline; see tests/tools/docs_inventory.py.
intersphinx_mapping = {
    'ansible_devel': ('https://docs.ansible.com/projects/ansible/devel/', '../ansible_devel.inv'),
}
CONF
bash "$site/build.sh"

rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
cp -r "$site/build/html" "$dest"
echo "docs: lint passed, docsite built in $dest (open $dest/index.html)"
