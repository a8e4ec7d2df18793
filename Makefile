# Newsroom: `make run` to try it on 127.0.0.1:8000, `make test` to check it.
# Without DATABASE_URL both start an embedded PostgreSQL (see newsroom/embedded_db.py).

# The newest Python >= 3.11 on the PATH.
PYTHON := $(shell for p in python3.14 python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 \
	&& { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
WITH_DB := $(BIN)/python -m newsroom.embedded_db
MANAGE := $(BIN)/python manage.py

.PHONY: install run serve test lint format check-deploy

install: $(VENV)/.installed

# Two steps: the locked, hashed dependencies (requirements-dev.lock: production's and the
# development tools), then the project itself without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements-dev.lock
	@test -n "$(PYTHON)" || { echo "Newsroom needs Python 3.11 or newer on the PATH." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# After a change to pyproject.toml's dependencies: both locks again, for every Python the
# Makefile may pick (3.11 on), with hashes. uv comes from PyPI into the virtualenv.
.PHONY: lock
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --generate-hashes --python-version 3.11 \
		-o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --generate-hashes \
		--python-version 3.11 -o requirements-dev.lock

# The background worker (digest mails, feed polls, machine drafts) runs beside the server;
# Ctrl-C stops both. The offline demo engine makes "Create machine draft" work out of the box.
# NEWSROOM_DEVELOPMENT=1: production-only variables in .env or the shell are ignored here.
run: install
	NEWSROOM_DEVELOPMENT=1 NEWSROOM_MT_BACKEND=$${NEWSROOM_MT_BACKEND:-demo} $(WITH_DB) -- sh -c '$(MANAGE) migrate --noinput \
		&& $(MANAGE) seed_demo \
		&& { $(MANAGE) db_worker --no-reload --interval 2 --verbosity 0 & } \
		&& exec $(MANAGE) runserver 127.0.0.1:8000'

# Production settings on this machine: gunicorn (gunicorn.conf.py), whitenoise's hashed
# static files, settings from .env (copy .env.example); the embedded database unless
# .env sets DATABASE_URL.
serve: install
	@test -f .env || { echo "make serve reads .env: cp .env.example .env, then set SECRET_KEY." >&2; exit 1; }
	set -a && . ./.env && set +a && $(WITH_DB) -- sh -c '$(MANAGE) migrate --noinput \
		&& $(MANAGE) collectstatic --noinput --verbosity 0 \
		&& exec $(BIN)/gunicorn --config gunicorn.conf.py'

test: install
	NEWSROOM_DEVELOPMENT=1 $(WITH_DB) --throwaway -- $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks (bench/README.md), all on one throwaway database of BENCH_STORIES stories.
# Minutes, not seconds: never part of CI. wrk comes from Debian when it is missing.
BENCH_STORIES ?= 100000
.PHONY: bench
bench: install
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
	DEBUG=true $(WITH_DB) --throwaway -- sh -c '$(BIN)/python bench/make_data.py $(BENCH_STORIES) \
		&& $(BIN)/python bench/explain.py; $(BIN)/python bench/admin.py \
		&& $(BIN)/python bench/http.py'

# The production settings must pass Django's deployment checklist.
check-deploy: install
	DEBUG=false SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		ALLOWED_HOSTS=news.example.org DATABASE_URL=postgres://localhost/newsroom \
		$(MANAGE) check --deploy --fail-level WARNING

# axe-core for tests/browser/test_accessibility.py, from the npm registry when npm is here.
# Without npm (or offline) that test skips; CI sets NEWSROOM_REQUIRE_BROWSER, so it fails.
AXE := var/node/node_modules/axe-core/axe.min.js
.PHONY: axe
axe: $(AXE)
test: $(AXE)
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-save --no-audit --no-fund --prefix var/node axe-core@4 \
		|| echo "npm could not fetch axe-core: the accessibility test will skip." >&2; \
	else echo "No npm: the accessibility test will skip (apt-get install npm)." >&2; fi
