# restauth.enterprise: the two commands a fresh machine needs are `make demo` and `make test`.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: demo test fragments changelog-lint units integration sanity lint simulators bench clean

# The venv is rebuilt when the pinned requirements change.
$(INSTALLED): tests/requirements.txt tests/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt -c tests/constraints.txt
	touch $@

## demo: start the vendor simulators and run the collection's demo playbook against them
demo: $(INSTALLED)
	bash tests/tools/demo.sh $(VENV)

## test: everything CI runs
test: $(INSTALLED) fragments changelog-lint units integration sanity lint
	@echo "make test: all stages passed"

fragments: $(INSTALLED)
	$(PY) tests/tools/doc_fragments.py --check

changelog-lint: $(INSTALLED)
	$(VENV)/bin/antsibull-changelog lint

units: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/unit -q

integration: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/integration -q

sanity: $(INSTALLED)
	bash tests/tools/sanity.sh $(VENV)

# Not --offline: ansible-lint must link this collection into its cache to resolve its modules.
lint: $(INSTALLED)
	PATH="$(abspath $(VENV))/bin:$$PATH" ansible-lint

## bench: measure logins, per-task overhead, pagination and the lookup against the simulators and
## rewrite docs/performance.md (a few minutes; not part of `make test`, timings vary by machine)
bench: $(INSTALLED)
	$(PY) benchmarks/bench.py --output docs/performance.md

## simulators: run the simulators in the foreground, for a sandbox of your own
simulators: $(INSTALLED)
	cd tests && $(abspath $(PY)) -m simulators all

clean:
	rm -rf $(VENV) .build .cache tests/output
