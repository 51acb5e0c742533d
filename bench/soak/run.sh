#!/usr/bin/env bash
# The soak: make prod-local (REPLICAS replicas, default 3, of the production build on one
# PostgreSQL behind HAProxy, the local platform as peers) under a mixed load of signed-in users
# of several teams (catalog lists and entity pages with Argo CD and observability, search,
# TechDocs, API docs, template forms, dry-runs and runs, provisioning runs, audit queries), for at
# least SOAK_SECONDS (default 300), through, in order: a rolling restart of every replica, a
# PostgreSQL restart, an Argo CD instance outage, a Prometheus outage, a webhook outage and a
# replica SIGKILLed mid-request (SOAK_OUTAGE_MS each, default 20000).
# Human-readable lines first, then ONE line of JSON: per route requests/p50/p99, failures (5xx,
# resets) per fault window and outside, scheduling per Argo CD instance, provisioning runs and
# their audit events lost/duplicated, the audit chain's verification, RSS and DB connections per
# replica, and the issue's goals as booleans.
#
#   make bench NAME=soak      (runs: bash bench/soak/run.sh, from the repo root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/soak/bench.ts "$@"
