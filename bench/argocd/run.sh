#!/usr/bin/env bash
# Argo CD status figures: Portico's argocd-backend vs Roadie's argo-cd backend 4.8.0 against the
# same fake Argo CD (the local platform's argocd peer: 3 instances, 5,000 applications), 1,000
# catalog entities (the real catalog plugin), 20 viewers signed in as a catalog User (a user token
# from the auth plugin's guest provider), 2 minutes of simulated time (time model in bench.ts).
# Both backends call Argo CD with tokens, as in production (the headline); Roadie is also run with
# username/password (it then logs in before every call): `roadie_password`, never the headline.
# Three runs of each (interleaved, a fresh backend each time). A failed measured lookup (status
# outside 2xx, network error, or an answer without the entity's applications) stops the bench with
# exit 1 and a message naming it, and no JSON.
#
# Human-readable lines first, then ONE line of JSON:
# {"runs":3,"scale":1,
#  "ours":{...},"roadie":{...},"roadie_password":{...},
#  "ratio":{"upstream_requests":..,"p50":..,"p99":..,"cpu_per_lookup":..},
#  "ratio_password":{...same, Roadie with username/password...}}
# where each backend's figures are those of one run, each as {"median":..,"min":..,"max":..} over
# the runs: lookups, upstream_requests, upstream_before_viewers, upstream_per_lookup, p50_ms,
# p99_ms, peak_rss_mb, cpu_ms_per_lookup, log_lines_per_lookup, event_loop_delay_ms.{p99,max},
# ready_ms; ours also portico_routes.{status,entity_page}.{lookups,upstream_per_lookup,p50_ms,
# p99_ms} (POST /api/argocd/status for one entity; GET /api/argocd/entities/component/default/<n>).
# The ratios are Roadie's median / ours (null when ours is 0), on Roadie's card lookups.
#
#   make bench NAME=argocd      (runs: bash bench/argocd/run.sh, from the repo root)
#
# BENCH_ARGOCD_SCALE (default 1: 2 real minutes per backend and run) compresses time: 120 s
# simulated run in 120/SCALE s per backend, with SCALE times the request rate.
# BENCH_ARGOCD_RUNS (default 3), BENCH_ARGOCD_ONLY=ours|roadie|roadie_password: see bench.ts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/argocd/bench.ts "$@"
