#!/usr/bin/env bash
# Provisioning delivery figures: two backend instances (child processes running the plugin's
# stores and outbox dispatcher) on one PostgreSQL 15, the Argo Events webhook stand-in (the local
# platform's argoEvents peer) with an outage (connection refused) in the middle, 300 triggers in
# 3 concurrent waves. Counts runs lost and duplicated (by idempotency key) and times trigger to delivery.
# Human-readable lines first, then ONE line of JSON:
#   {"triggered":n,"delivered":n,"lost":n,"duplicated":n,"p99_ms":n,"per_s":n}
#
#   make bench NAME=provisioning      (runs: bash bench/provisioning/run.sh, from the repo root)
#
# BENCH_PROVISIONING_WAVES, BENCH_PROVISIONING_PER_WAVE, BENCH_PROVISIONING_OUTAGE_MS change the load.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec bash scripts/with-postgres.sh \
  node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/provisioning/bench.ts "$@"
