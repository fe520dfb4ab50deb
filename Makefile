# restauth.enterprise: the two commands a fresh machine needs are `make demo` and `make test`.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Docs and release tools need docutils/attrs versions that differ from .venv's pins (tests/requirements-release.txt).
RELEASE_VENV ?= .venv-release
RELEASE_INSTALLED := $(RELEASE_VENV)/.installed

.PHONY: demo install test fragments changelog-lint units integration integration-launched sanity lint docs changelog release-checks changelog-check venvs matrix-venvs matrix awx ee simulators bench bench-fleet clean

# The venv is rebuilt when its pinned requirements change. A matrix venv (VENV=.venv-core<version>, as a path or
# not) has that core's pins, tests/matrix/core-<version>.txt, and tests/tools/matrix.py builds it by the same rule
# (stamp older than the pins): `make units VENV=.venv-core2.16` never installs the default pins into it.
MATRIX_CORE := $(patsubst .venv-core%,%,$(filter .venv-core%,$(notdir $(abspath $(VENV)))))
ifeq ($(MATRIX_CORE),)
$(INSTALLED): tests/requirements.txt tests/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt -c tests/constraints.txt
	touch $@
else
$(INSTALLED): tests/matrix/core-$(MATRIX_CORE).txt
	$(PYTHON) tests/tools/matrix.py venvs --leg $(MATRIX_CORE)
endif

$(RELEASE_INSTALLED): tests/requirements-release.txt tests/constraints-release.txt
	$(PYTHON) -m venv $(RELEASE_VENV)
	$(RELEASE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements-release.txt -c tests/constraints-release.txt
	touch $@

# Where `make demo` and `make install` leave the collection (git-ignored): ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/collections
COLLECTIONS_DIR ?= collections

## demo: start the vendor simulators and run the collection's demo playbook against them
demo: $(INSTALLED)
	COLLECTIONS_DIR="$(abspath $(COLLECTIONS_DIR))" bash tests/tools/demo.sh $(VENV)

## install: build the collection artefact and install it into $(COLLECTIONS_DIR)
install: $(INSTALLED)
	rm -rf .build/install-dist
	$(VENV)/bin/ansible-galaxy collection build --force --output-path .build/install-dist .
	ANSIBLE_COLLECTIONS_PATH="$(abspath $(COLLECTIONS_DIR))" $(VENV)/bin/ansible-galaxy collection install --force \
		-p "$(abspath $(COLLECTIONS_DIR))" .build/install-dist/restauth-enterprise-*.tar.gz
	@echo "use it with: ANSIBLE_COLLECTIONS_PATH=$(abspath $(COLLECTIONS_DIR)) ansible-doc -t module restauth.enterprise.remedy_entry"

## test: everything CI runs: the fragment and changelog checks, then the ansible-core matrix (tests/tools/matrix.py):
## every stage below on the default core (2.19, .venv) and units + sanity on 2.16, 2.17, 2.18, 2.20, 2.21,
## integration on 2.16 and 2.21 too, galaxy-importer and ansible-lint production on 2.16; two stages at a time
test: venvs fragments changelog-lint
	$(PYTHON) tests/tools/matrix.py run --jobs 2
	@echo "make test: all stages passed"

## venvs: every venv the tests use, built at once (pip spends most of its time waiting)
venvs:
	$(MAKE) --no-print-directory -j4 $(INSTALLED) $(RELEASE_INSTALLED) matrix-venvs

matrix-venvs:
	$(PYTHON) tests/tools/matrix.py venvs

## matrix: one leg or stage of the matrix, e.g. make matrix MATRIX_ARGS="--leg 2.16 --stage units"
MATRIX_ARGS ?=
matrix:
	$(PYTHON) tests/tools/matrix.py run $(MATRIX_ARGS)

fragments: $(INSTALLED)
	$(PY) tests/tools/doc_fragments.py --check

changelog-lint: $(INSTALLED)
	$(VENV)/bin/antsibull-changelog lint

units: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/unit -q -n 2

integration: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/integration -q -n 2

## integration-launched: the integration files that run modules, again with every module launched as an AnsiballZ
## process (RESTAUTH_IN_PROCESS=0) instead of run in the worker: the two ways must pass the same tests
LAUNCHED_FILES := test_remedy.py test_sps.py test_truesight.py test_xmatters.py test_xmatters_events.py test_xtam.py test_discovery.py test_token_cache.py
integration-launched: $(INSTALLED)
	RESTAUTH_IN_PROCESS=0 $(PY) -m pytest -c tests/pytest.ini $(addprefix tests/integration/,$(LAUNCHED_FILES)) -q -n 2

## awx: only the jobs run through ansible-runner with the AWX credential types (part of integration)
awx: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/unit/extensions tests/integration/test_awx.py -q

## ee: only the execution environment build context checks (part of integration)
ee: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/integration/test_execution_environment.py -q

sanity: $(INSTALLED)
	bash tests/tools/sanity.sh $(VENV)

# Not --offline: ansible-lint must link this collection into its cache to resolve its modules.
lint: $(INSTALLED)
	PATH="$(abspath $(VENV))/bin:$$PATH" ansible-lint

## docs: lint the module docs and guides, build the docsite into .build/docs (broken references fail)
docs: $(RELEASE_INSTALLED)
	bash tests/tools/docs.sh $(RELEASE_VENV)

## changelog: render CHANGELOG.md/.rst of the coming release into .build/changelog; the repository is not changed
changelog: $(INSTALLED)
	bash tests/tools/changelog.sh $(VENV)

## changelog-check: the rendered changelog holds every fragment (the default leg of the matrix; galaxy-importer runs on 2.16)
changelog-check: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/release/test_changelog.py -q

## release-checks: the rendered changelog holds every fragment; the built artefact passes galaxy-importer
release-checks: $(INSTALLED) $(RELEASE_INSTALLED)
	RELEASE_VENV="$(abspath $(RELEASE_VENV))" $(PY) -m pytest -c tests/pytest.ini tests/release -q

## bench: measure logins, per-task overhead, pagination and the lookup against the simulators and
## rewrite docs/performance.md (a few minutes; not part of `make test`, timings vary by machine)
bench: $(INSTALLED)
	$(PY) benchmarks/bench.py --output docs/performance.md

## bench-fleet: only section 6 of docs/performance.md, the fleet (jobs on 4 nodes sharing a Valkey-backed token cache,
## and the 429 storm with and without the shared back-off); several minutes
bench-fleet: $(INSTALLED)
	$(PY) benchmarks/bench.py --section fleet --command 'make bench-fleet' --output docs/performance.md

## simulators: run the simulators in the foreground, for a sandbox of your own; prints every URL and credential,
## writes $(SIM_ENV) to source (`. $(SIM_ENV)`); fixed ports with SIM_PORT=8443 (vendor i on 8443 + i)
SIM_PORT ?= 0
SIM_HTTP_PORT ?= 0
SIM_ENV ?= .build/simulators.env
simulators: $(INSTALLED)
	@mkdir -p $(dir $(abspath $(SIM_ENV)))
	cd tests && exec $(abspath $(PY)) -m simulators all --port $(SIM_PORT) --http-port $(SIM_HTTP_PORT) --env-file $(abspath $(SIM_ENV))

clean:
	rm -rf $(VENV) $(RELEASE_VENV) .venv-core* .venv-importer* .build .cache tests/output
