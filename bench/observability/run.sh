#!/usr/bin/env bash
# Observability proxy figures: the real Prometheus 2.42 scraping a test exporter (the local
# platform's observability peer, @internal/local-platform, with this bench's workload), Portico's
# observability backend in front of it with the real catalog plugin (the bench's entities from a
# file location), the permission backend with Portico's policy and the real auth plugin: every
# proxied request carries the token of a user signed in through the guest provider as the catalog
# User user:default/bench-viewer (team-a).
# Proxy vs direct Prometheus p50/p99 for the same queries (uncached and cached) for two services,
# one of 20 pods (`ratio`) and one of a single pod (`one_pod.ratio`), over 2 hours of backfilled
# history, the three paths' requests sent in a shuffled order; and 50 concurrent identical viewers
# -> upstream query count per refresh. Three runs (same Prometheus and backends).
#
# Human-readable lines first (one per run and service, then the medians), then ONE line of JSON.
# Every figure F (a ratio, or a latency in ms) is {"median":..,"min":..,"max":..} over the 3 runs,
# a ratio computed within its run (proxy p50 / direct p50 of that run):
#   ratio.{p50,p99}            storefront (20 pods): uncached proxy / direct      (goal p50 <= 1.1)
#   ratio_cached.{p50,p99}     storefront: cached proxy (TTL 15 s) / direct
#   direct_ms, proxy_uncached_ms, proxy_cached_ms .{p50,p99}   storefront latencies, ms
#   one_pod.{ratio,ratio_cached,direct_ms,proxy_uncached_ms,proxy_cached_ms}   the same, checkout (1 pod)
#   pods                       storefront's pods (20)
#   upstream_queries_50_viewers    the most Prometheus queries any refresh of 50 viewers caused (goal 1)
#   upstream_queries_per_refresh   [[run 1's 5 refreshes], [run 2's], [run 3's]]
#   runs, requests (per path, service and run), range ("1h"), order ("shuffled"),
#   caller (the signed-in user), errors (always 0: see below)
# A run with any failed measured request (non-2xx, network error, empty answer) fails the bench:
# exit 1 and a message on stderr naming the first failures, no JSON line.
#
#   make bench NAME=observability      (runs: bash bench/observability/run.sh, from the repo root)
#
# BENCH_OBS_REQUESTS (default 300) requests per path, service and run. BENCH_DEBUG=1 shows the
# backends' logs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/observability/bench.ts "$@"
