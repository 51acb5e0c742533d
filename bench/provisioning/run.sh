#!/usr/bin/env bash
# Provisioning delivery figures: two backend instances (child processes running the plugin's
# store, outbox dispatcher and trigger service) on one PostgreSQL 15, the Argo Events webhook
# harness with an outage (connection refused) in the middle, 300 triggers in 3 concurrent waves.
# Counts runs lost and duplicated (by idempotency key) and times trigger to delivery.
# Human-readable lines first, then ONE line of JSON:
#   {"triggered":n,"delivered":n,"lost":n,"duplicated":n,"p99_ms":n,"per_s":n}
#
#   make bench NAME=provisioning      (runs: bash bench/provisioning/run.sh, from the repo root)
#
# BENCH_PROVISIONING_WAVES, BENCH_PROVISIONING_PER_WAVE, BENCH_PROVISIONING_OUTAGE_MS change the load.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 22 ] || ! command -v yarn >/dev/null 2>&1; then
  set +u
  # shellcheck source=/dev/null
  source scripts/toolchain.sh
  set -euo pipefail
fi

exec bash scripts/with-postgres.sh \
  node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/provisioning/bench.ts "$@"
