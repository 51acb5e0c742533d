#!/usr/bin/env bash
# Audit log figures: 1,000,000 events in PostgreSQL, queried through the plugin's own AuditStore
# (filtered first pages and keyset follow-ups), against a named baseline measured in the same run
# (the same queries with OFFSET pagination on a copy of the table without the filter indexes).
# Also: write path (events/s through AuditStore.appendEvents), chain verification (events/s) and
# the auditor's per-event cost in the request path. Human-readable lines first, then ONE line of
# JSON: {"events": n, "query_p99_ms": n, "baseline_p99_ms": n, ...}.
#
#   make bench NAME=audit      (runs: bash bench/audit/run.sh, from the repo root)
#
# Starts its own throw-away PostgreSQL 15 (scripts/with-postgres.sh). BENCH_AUDIT_EVENTS changes
# the number of events (default 1000000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec bash scripts/with-postgres.sh \
  node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/audit/bench.ts "$@"
