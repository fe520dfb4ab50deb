#!/usr/bin/env bash
# `make demo`: build and install the collection, start the vendor simulators,
# run the demo playbook shipped in the collection, stop the simulators.
# The collection stays installed in COLLECTIONS_DIR (default: ./collections of the clone), for
# ANSIBLE_COLLECTIONS_PATH=<that directory> ansible-doc / ansible-playbook afterwards.
# RESTAUTH_DEMO_SIM_DUMP=FILE: the simulators write what they received (counters, state) there at exit (tests).
# Usage: [COLLECTIONS_DIR=DIR] [RESTAUTH_DEMO_SIM_DUMP=FILE] tests/tools/demo.sh [VENV]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$(cd "${1:-$root/.venv}" && pwd)
collections=${COLLECTIONS_DIR:-$root/collections}
mkdir -p "$collections"
collections=$(cd "$collections" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/restauth-demo.XXXXXX")
sim_pid=

cleanup() {
  if [ -n "$sim_pid" ]; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Building and installing restauth.enterprise"
"$venv/bin/ansible-galaxy" collection build --force --output-path "$work/dist" "$root" >/dev/null
ANSIBLE_COLLECTIONS_PATH="$collections" "$venv/bin/ansible-galaxy" collection install --force -p "$collections" "$work"/dist/restauth-enterprise-*.tar.gz >/dev/null

echo "== Starting the vendor simulators"
sim_args=(all --state-dir "$work/sim" --env-file "$work/sim.env")
[ -z "${RESTAUTH_DEMO_SIM_DUMP:-}" ] || sim_args+=(--dump-file "$RESTAUTH_DEMO_SIM_DUMP")
(cd "$root/tests" && exec "$venv/bin/python" -m simulators "${sim_args[@]}") &
sim_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/sim.env" ] && break
  kill -0 "$sim_pid" 2>/dev/null || { echo "the simulators did not start" >&2; exit 1; }
  sleep 0.2
done
[ -s "$work/sim.env" ] || { echo "the simulators did not start within 20 seconds" >&2; exit 1; }
# shellcheck disable=SC1091
. "$work/sim.env"

echo "== Running the demo playbook: ansible-playbook restauth.enterprise.demo"
ANSIBLE_COLLECTIONS_PATH="$collections" \
ANSIBLE_LOCALHOST_WARNING=false \
ANSIBLE_INVENTORY_UNPARSED_WARNING=false \
ANSIBLE_CALLBACK_RESULT_FORMAT=yaml \
ANSIBLE_NOCOLOR=${ANSIBLE_NOCOLOR:-0} \
  "$venv/bin/ansible-playbook" restauth.enterprise.demo

echo "== restauth.enterprise stays installed in $collections; use it with:"
echo "   ANSIBLE_COLLECTIONS_PATH=$collections ansible-doc -t module restauth.enterprise.remedy_entry"
