# One command to run the product with demo data, one to run the tests.
# Both set up .venv from the lock file first; nothing else needs installing by hand.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address in e-mails and certificates: where `make demo` serves, unless SITE_URL is set.
SITE_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),localhost,$(HOST))
SITE_URL ?= http://$(SITE_HOST):$(PORT)
PYTEST_WORKERS ?= auto
# One process serves HTTP and sockets, so the in-memory channel layer reaches every page:
# the fastest one-process ASGI set-up of `make bench` (README "Choosing the server").
DEMO_SERVER ?= uvicorn
STAMP := $(VENV)/.installed

.PHONY: demo test setup translations messages lint typecheck format lock bench clean prod-local prod-local-stop faults

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

setup: $(STAMP) translations

translations: $(STAMP)
	DJANGO_SETTINGS_MODULE=revmod.settings_test $(BIN)/python manage.py compile_translations

demo: setup
	DEBUG=$${DEBUG:-true} SITE_URL=$(SITE_URL) $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} SITE_URL=$(SITE_URL) $(BIN)/python manage.py seed_demo
	DEBUG=$${DEBUG:-true} SITE_URL=$(SITE_URL) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=$${DEBUG:-true} SITE_URL=$(SITE_URL) REVMOD_SERVER=$(DEMO_SERVER) REVMOD_BIND=$(HOST) bash deploy/serve.sh web $(PORT)

test: setup
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not e2e and not faults"
	$(BIN)/python -m pytest -m e2e -p no:xdist; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "no browser tests collected"; exit 0; fi; exit $$status

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=. $(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy revmod reviews questionnaires coordination meetings stakeholders elearning calendars insights translations devdata

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

# Benchmarks against real ASGI workers: embedded default, then PostgreSQL and Redis (needs root
# and Debian's postgresql and redis-server). BENCH_SIZE=0.2 for a quicker, smaller run.
bench: setup
	bash .ci/bench

# The production stack on this machine (needs root): PostgreSQL, Redis, nginx with TLS, two web
# workers, a Celery worker and beat, DEBUG=false. See deploy/prod-local.sh and README "Deploying".
prod-local: setup
	bash deploy/prod-local.sh up

prod-local-stop:
	bash deploy/prod-local.sh down

# The fault-injection suite against `make prod-local` (FAULTS_SOAK_SECONDS for the soak's length).
faults: prod-local
	set -a; . .prod-local/revmod.env; set +a; \
	  $(BIN)/python -m pytest --ds revmod.settings -p no:xdist -m faults tests/faults; status=$$?; \
	  bash deploy/prod-local.sh down; exit $$status

clean:
	rm -rf $(VENV) staticfiles

# Extract the interface strings into locale/*/LC_MESSAGES/django.po (needs gettext).
messages: $(STAMP)
	DJANGO_SETTINGS_MODULE=revmod.settings_test $(BIN)/python manage.py makemessages --no-obsolete \
	  -l ar -l zh_Hans -l fr -l ru -l es -l pt \
	  -i ".venv/*" -i "tests/*" -i "staticfiles/*" -i "test-artifacts/*" -i "bench-results/*" -i ".locale-check-*"
