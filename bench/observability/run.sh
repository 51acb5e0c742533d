#!/usr/bin/env bash
# Observability proxy figures: the real Prometheus 2.42 scraping a test exporter (the local
# platform's observability peer, @internal/local-platform, with this bench's workload), Portico's
# observability backend in front of it. Proxy vs direct Prometheus p50/p99 for the same queries
# (uncached and cached measured separately) for two services, one of 20 pods (`ratio`) and one of
# a single pod (`one_pod.ratio`), over 2 hours of backfilled history; and 50 concurrent identical
# viewers -> upstream query count per refresh. Human-readable lines first, then ONE line of JSON:
# {"ratio":{"p50":proxy/direct,"p99":..},"one_pod":{"ratio":..},"upstream_queries_50_viewers":n,...}.
#
#   make bench NAME=observability      (runs: bash bench/observability/run.sh, from the repo root)
#
# BENCH_OBS_REQUESTS (default 300) requests per measured series.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/observability/bench.ts "$@"
