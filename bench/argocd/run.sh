#!/usr/bin/env bash
# Argo CD status figures: Portico's argocd-backend vs Roadie's argo-cd backend 4.8.0 against the
# same fake Argo CD (the local platform's argocd peer: 3 instances, 5,000 applications), 1,000
# catalog entities (the real catalog plugin), 20 viewers signed in as a catalog User (a user token
# from the auth plugin's guest provider), 2 minutes of simulated time (time model in bench.ts).
# Every backend runs the same framework: auth, catalog, the permission backend with Portico's
# policy, signals, the app backend (the browser probe) and the floor plugin (floorPlugin.ts).
# Both backends call Argo CD with tokens, as in production (the headline); Roadie is also run with
# username/password (it then logs in before every call): `roadie_password`, never the headline.
# `ours_empty` is Portico's backend with no Argo CD instance (the base of rss_over_empty_mb).
# Three runs of each (interleaved, a fresh backend each time). A failed measured lookup (status
# outside 2xx, network error, or an answer without the entity's applications) stops the bench with
# exit 1 and a message naming it, and no JSON.
#
# Human-readable lines first, then ONE line of JSON (summary.ts):
# {"runs":3,"scale":1,"quick":false,
#  "ours":{...},"roadie":{...},"roadie_password":{...},"ours_empty":{...},
#  "ratio":{"upstream_requests":..,"p50":..,"p99":..,"cpu_per_lookup":..},   Roadie / ours
#  "ratio_password":{...same, Roadie with username/password...},
#  "floor":{lookups,upstream_per_lookup,p50_ms,p99_ms,cpu_ms_per_lookup},"floor_cpu_ms_per_lookup":..,
#  "freshness_ms":{"p50":..,"p99":..},"freshness_browser_ms":{"p50":..,"p99":..},
#  "rss_over_empty_mb":{...},"empty_rss_mb":{...},"cached_json_mb":{...},"event_loop_stall_max_ms":..,
#  "ratios":{"cpu_over_floor":..,"cpu_over_floor_entity_page":..,"rss_over_cached_json":..,
#            "p99_ours_over_roadie":..},
#  "goals":{"freshness_api_p99_le_1000_ms":bool,"freshness_browser_p99_le_2000_ms":bool,
#           "one_watch_per_instance":bool,"upstream_per_lookup_le_0_01":bool,
#           "cpu_over_floor_le_1_25":bool,"rss_over_cached_json_le_3":bool,
#           "p99_le_third_of_roadie":bool,"event_loop_stall_le_20_ms":bool}}
# where each backend's figures are those of one run, each as {"median":..,"min":..,"max":..} over
# the runs: lookups, upstream_requests, upstream_before_viewers, upstream_per_lookup, p50_ms,
# p99_ms, peak_rss_mb, rss_mb, cpu_ms_per_lookup, log_lines_per_lookup, event_loop_delay_ms.{p99,max},
# ready_ms; ours also portico_routes.{status,entity_page}.{lookups,upstream_per_lookup,p50_ms,
# p99_ms,cpu_ms_per_lookup} (POST /api/argocd/status for one entity; GET
# /api/argocd/entities/component/default/<n>), floor, freshness_ms and freshness_browser_ms
# .{p50,p99,max,changes,unseen}, event_loop_delay_ms_changes (while the freshness changes apply),
# event_loop_delay_ms_browser, upstream_calls.{list,watch}.<instance> (over the backend's life),
# cached_json_mb.
#
#   make bench NAME=argocd      (runs: bash bench/argocd/run.sh, from the repo root)
#
# BENCH_ARGOCD_QUICK=1: a quick look (1:8 time, one run, 8 freshness changes; not the stated
# workload). BENCH_ARGOCD_SCALE (default 1: 2 real minutes per backend and run) compresses time:
# 120 s simulated run in 120/SCALE s per backend, with SCALE times the request rate (and the
# refresh period divided by SCALE, which shortens freshness under polling).
# BENCH_ARGOCD_RUNS (default 3), BENCH_ARGOCD_ONLY=ours|roadie|roadie_password|ours_empty,
# BENCH_ARGOCD_BROWSER=0 (no Chromium), BENCH_ARGOCD_FRESHNESS_CHANGES: see bench.ts, settings.ts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/argocd/bench.ts "$@"
