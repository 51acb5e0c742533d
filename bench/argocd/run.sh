#!/usr/bin/env bash
# Argo CD status figures: Portico's argocd-backend vs Roadie's argo-cd backend 4.8.0 against the
# same fake Argo CD (the local platform's argocd peer: 3 instances, 5,000 applications), 1,000
# entities, 20 viewers, 2 minutes of simulated time (time model in bench.ts). Human-readable lines first, then ONE line of JSON:
# {"ours":{...},"roadie":{...},"ratio":{"upstream_requests":roadie/ours,"p99":roadie/ours}}.
#
#   make bench NAME=argocd      (runs: bash bench/argocd/run.sh, from the repo root)
#
# BENCH_ARGOCD_SCALE (default 1: 2 real minutes per backend) compresses time: 120 s simulated run in
# 120/SCALE s per backend, with SCALE times the request rate.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/argocd/bench.ts "$@"
