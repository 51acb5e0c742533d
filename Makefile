# Portico — the two commands a new machine needs: `make start` and `make test`.
# Both bootstrap the toolchain (Node 22, Yarn 4 via corepack, Debian packages) first.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
TOOLCHAIN := source scripts/toolchain.sh &&
NAME ?= baseline
REPLICAS ?= 3

.PHONY: help install start prod-local test check unit e2e bench clean

help:
	@echo "make start   the portal at http://localhost:3000 (backend :7007) and the local platform it talks to"
	@echo "             (Git, Argo CD prod/staging, Prometheus/Loki/Grafana, Argo Events, Dex); prints the users once ready; Ctrl-C stops all"
	@echo "make prod-local [REPLICAS=3]   the production build: N backend replicas on one PostgreSQL behind HAProxy on"
	@echo "             loopback, the local platform as peers (Dex sign-in); prints the URL and users once ready; Ctrl-C stops all"
	@echo "make test    every check: release line, types, lint, catalog, config, unit + PostgreSQL tests, browser journeys"
	@echo "make bench NAME=<name>   run bench/<name>/run.sh (last line: JSON figures)"

install:
	@bash scripts/system-deps.sh
	@$(TOOLCHAIN) yarn install --immutable

# The local platform and the portal: packages/local-platform/src/start (also root `yarn start`). Node runs
# it directly (exec, no yarn/corepack in between), so a SIGTERM to make reaches it as Ctrl-C does.
start: install
	@$(TOOLCHAIN) exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs packages/local-platform/src/start/main.ts

# The portal as production runs it, on loopback: the backend bundle built as docker/Dockerfile builds it,
# REPLICAS replicas on one PostgreSQL 15 behind HAProxy, the local platform as peers
# (packages/local-platform/src/prod). PROD_LOCAL_PORT= fixes the balancer's port.
prod-local: install
	@$(TOOLCHAIN) REPLICAS=$(REPLICAS) exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs packages/local-platform/src/prod/main.ts

# Static checks: one Backstage release line, types, lint, catalog refs, both configs against their schemas.
check: install
	@$(TOOLCHAIN) node scripts/check-release-line.mjs
	@$(TOOLCHAIN) node scripts/check-catalog.mjs
	@$(TOOLCHAIN) yarn tsc
	@$(TOOLCHAIN) yarn lint:all
	@$(TOOLCHAIN) bash scripts/check-config.sh

# Unit and integration tests (Jest through backstage-cli) with a real PostgreSQL 15 on loopback.
unit: install
	@$(TOOLCHAIN) CI=true bash scripts/with-postgres.sh yarn test

# Browser journeys: playwright-core driving Debian Chromium against a running portal.
e2e: install
	@$(TOOLCHAIN) yarn workspace @internal/e2e journeys

test: check unit e2e
	@echo "make test: all checks passed"

bench: install
	@$(TOOLCHAIN) bash bench/$(NAME)/run.sh

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules packages/*/dist plugins/*/dist dist-types .cache
