#!/usr/bin/env bash
# Render the release notes (CHANGELOG.md and CHANGELOG.rst) of the version in galaxy.yml from
# changelogs/fragments with antsibull-changelog, in a copy of the tree: the repository keeps its
# fragments and changelogs/changelog.yaml, so branches can go on adding fragments.
# Usage: tests/tools/changelog.sh VENV [DEST]     (DEST defaults to .build/changelog)
# RELEASE_DATE=YYYY-MM-DD sets the release date (default: today).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$(cd "${1:?give the venv with antsibull-changelog and ansible-core}" && pwd)
dest=${2:-$root/.build/changelog}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy="$work/ansible_collections/restauth/enterprise"
mkdir -p "$copy"
# Only what git knows (tracked, or new and not ignored): no venvs, caches or build output.
cd "$root"
git ls-files -co --exclude-standard -z | while IFS= read -r -d '' file; do
  if [ -e "$file" ]; then cp --parents "$file" "$copy/"; fi
done

cd "$copy"
# antsibull-changelog asks ansible-doc for the plugins and modules new in this release.
export ANSIBLE_COLLECTIONS_PATH="$work" PATH="$venv/bin:$PATH" ANSIBLE_HOME="$work/ansible-home"
antsibull-changelog release --date "${RELEASE_DATE:-$(date +%Y-%m-%d)}"
antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

rm -rf "$dest"
mkdir -p "$dest/changelogs"
cp CHANGELOG.md CHANGELOG.rst "$dest/"
cp changelogs/changelog.yaml "$dest/changelogs/"
echo "changelog: $(sed -n 's/^version: *//p' galaxy.yml) rendered into $dest (CHANGELOG.md, CHANGELOG.rst, changelogs/changelog.yaml)"
