# restauth.enterprise: the two commands a fresh machine needs are `make demo` and `make test`.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: demo test fragments changelog-lint units integration sanity lint py312 awx ee simulators clean

# The venv is rebuilt when the pinned requirements change.
$(INSTALLED): tests/requirements.txt tests/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt -c tests/constraints.txt
	touch $@

## demo: start the vendor simulators and run the collection's demo playbook against them
demo: $(INSTALLED)
	bash tests/tools/demo.sh $(VENV)

## test: everything CI runs
test: $(INSTALLED) fragments changelog-lint units integration sanity lint py312
	@echo "py$$($(PY) -c 'import platform; print(platform.python_version())') ansible-core $$($(PY) -c 'from ansible.release import __version__; print(__version__)'): passed"
	@cat .build/py312-result
	@echo "make test: all stages passed"

fragments: $(INSTALLED)
	$(PY) tests/tools/doc_fragments.py --check

changelog-lint: $(INSTALLED)
	$(VENV)/bin/antsibull-changelog lint

units: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/unit -q

integration: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/integration -q

## awx: only the jobs run through ansible-runner with the AWX credential types (part of integration)
awx: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/unit/extensions tests/integration/test_awx.py -q

## ee: only the execution environment build context checks (part of integration)
ee: $(INSTALLED)
	$(PY) -m pytest -c tests/pytest.ini tests/integration/test_execution_environment.py -q

## py312: units and integration again on Python 3.12 with its newest ansible-core (skipped without python3.12)
py312:
	bash tests/tools/py312.sh .build/py312-result

sanity: $(INSTALLED)
	bash tests/tools/sanity.sh $(VENV)

# Not --offline: ansible-lint must link this collection into its cache to resolve its modules.
lint: $(INSTALLED)
	PATH="$(abspath $(VENV))/bin:$$PATH" ansible-lint

## simulators: run the simulators in the foreground, for a sandbox of your own
simulators: $(INSTALLED)
	cd tests && $(abspath $(PY)) -m simulators all

clean:
	rm -rf $(VENV) .venv-py312 .build .cache tests/output
