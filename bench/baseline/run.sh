#!/usr/bin/env bash
# Baseline figures of Portico: backend cold start to readiness, peak RSS of the backend process
# tree, gzip size of the app's initial JS. Not a test: it prints human-readable lines, then one
# line with a JSON object {"backend_start_s": n, "backend_rss_mb": n, "bundle_gzip_kb": n}.
#
#   make bench NAME=baseline      (runs: bash bench/baseline/run.sh, from the repo root)
#
# Starts the backend the same way as the browser journeys (e2e/portal.ts, e2e/app-config.e2e.yaml:
# in-memory SQLite, example catalog, the backend serving the built app) on a free port, and builds
# packages/app/dist first if it is missing. BENCH_SETTLE_MS (default 5000) is how long memory is
# still sampled after the catalog is ingested.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node bench/baseline/measure.mts "$@"
