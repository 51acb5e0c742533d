#!/usr/bin/env bash
# Observability tab figures: the real Prometheus 2.42 scraping a test exporter (the local
# platform's observability peer, @internal/local-platform, with this bench's workload), Portico's
# observability backend in front of it with the real catalog plugin (the bench's entities from a
# file location), the permission backend with Portico's policy and the real auth plugin: every
# proxied request carries the token of a user signed in through the guest provider as the catalog
# User user:default/bench-viewer (team-a).
# The tab's time until all its signals are in (12 range queries, 1h preset): ours (one request for
# every signal through Portico, as the browser sends it) against the slowest of the same queries
# sent to Prometheus directly in parallel from the same client, for a service of 20 pods and one of
# a single pod, the paths' requests shuffled; and 50 identical viewers opening the tab -> upstream
# queries per refresh. Three runs (same Prometheus and backends).
#
# Human-readable lines first (one per run and service, then the medians), then ONE line of JSON.
# Every figure F is {"median":..,"min":..,"max":..} over the runs, a ratio computed within its run:
#   ours.{p50,p99}          storefront (20 pods): the tab through Portico, uncached, ms
#   direct.{p50,p99}        storefront: the same 12 queries straight to Prometheus in parallel, ms
#   floor.{p50,p99}         the tab's request for an entity whose team holds no namespaces: the
#                           route's fixed cost (token, catalog read and permission, scope), no query
#   ours_cached.{p50,p99}   the tab through the cached Portico (TTL 15 s), ms
#   ratio.{p50,p99}         ours / direct                                   (goal p50 <= 1.1)
#   ratio_cached.{p50,p99}  ours_cached / direct
#   one_pod.{ours_ms,direct_ms,ours_cached_ms,floor_ms,ratio,ratio_cached}   the same, checkout (1 pod)
#   queries_per_tab         12
#   upstream_queries_per_query_50_viewers   the most Prometheus queries any refresh of 50 viewers
#                           caused, per query of the tab (goal 1)
#   upstream_queries_per_refresh   [[run 1's refreshes], ...]
#   goals                   {tab_ratio_p50, one_pod_tab_ratio_p50, upstream_queries_per_query_50_viewers}:
#                           each {goal, value, met}
#   runs, requests (per path, service and run), range ("1h"), order ("shuffled"),
#   caller (the signed-in user), quick, errors (always 0: see below)
# A run with any failed measured request (non-2xx, network error, a signal without data) fails the
# bench: exit 1 and a message on stderr naming the first failures, no JSON line.
#
#   make bench NAME=observability      (runs: bash bench/observability/run.sh, from the repo root)
#
# BENCH_OBS_REQUESTS (default 200) tabs per path, service and run. BENCH_OBS_QUICK=1: one run of
# 30 tabs per path and 2 viewer refreshes (while developing). BENCH_DEBUG=1 shows the backends' logs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/observability/bench.ts "$@"
