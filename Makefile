# pm_aftersales: the README's commands. Variables: PYTHON, DB, TEST_DB,
# HTTP_PORT, ODOO_SOURCE (for setup), PYTEST_ARGS (for test).
VENV ?= $(CURDIR)/.venv
PYTHON ?= $(VENV)/bin/python
export VENV

.PHONY: help setup run test test-odoo test-dates test-peers bench bench-load lint pot wheel demo screenshots clean

help:
	@echo "make setup      install Odoo 19.0 (if needed), the dependencies, check PostgreSQL"
	@echo "make run        create the demo database once and serve it on 127.0.0.1:8069"
	@echo "make test       build/update the test database and run every test (pytest)"
	@echo "make test-odoo  run the addon's tests with Odoo's own runner"
	@echo "make test-dates run make test with the clock moved (month ends, new year, 29 Feb)"
	@echo "make test-peers run the tests of helpdesk_mgmt, maintenance_plan, base_tier_validation,"
	@echo "                maintenance, hr_maintenance and stock with the addon installed"
	@echo "                (PEERS=..., PEERS_WITHOUT_ADDON=1)"
	@echo "make bench      run the benchmarks (not part of make test)"
	@echo "make bench-load multi-worker load test over loopback (not part of make test)"
	@echo "make lint       ruff, OCA checks (module, po), pylint-odoo from the venv (LINT_FIX=1 fixes)"
	@echo "make pot        regenerate i18n/pm_aftersales.pot and merge it into zh_CN.po"
	@echo "make wheel      build the addon as a wheel (whool)"
	@echo "make screenshots render the main screens of each role (desktop, phone) into"
	@echo "                .build/screenshots (SHOTS_DIR=..., SHOTS_ONLY=job_form,...)"

setup:
	./scripts/setup.sh

run:
	./scripts/run.sh

test:
	./scripts/test.sh $(PYTEST_ARGS)

test-odoo:
	./scripts/test_odoo.sh

test-dates:
	./scripts/test_dates.sh $(PYTEST_ARGS)

test-peers:
	./scripts/test_peers.sh

bench:
	./scripts/bench.sh $(BENCH_ARGS)

bench-load:
	./scripts/bench_load.sh

lint:
	./scripts/lint.sh

pot:
	./scripts/i18n.sh

wheel:
	$(PYTHON) -m pip wheel --no-deps -w dist ./pm_aftersales

screenshots:
	./scripts/screenshots.sh

demo:
	$(PYTHON) scripts/gen_demo.py

clean:
	rm -rf .build dist .pytest_cache
