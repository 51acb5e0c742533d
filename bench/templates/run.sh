#!/usr/bin/env bash
# Software template figures: the New service template run through the real scaffolder (a backend
# with the catalog, the scaffolder, the upstream GitHub module and Portico's platform module),
# publishing to the loopback Git server (git http-backend) that also holds the GitOps repository:
# the local platform's git peer (@internal/local-platform), as make start has it.
# Times a dry-run (POST /v2/dry-run: validate, render the skeleton, build the manifests; nothing
# pushed) and a real run (POST /v2/tasks until completed: validate, skeleton, manifests, scoped
# token, push, revoke, GitOps commit, catalog registration), several times each, after one warm-up.
# Human-readable lines first, then ONE line of JSON: {"dry_run_ms": median, "run_ms": median, ...}.
#
#   make bench NAME=templates      (runs: bash bench/templates/run.sh, from the repo root)
#
# BENCH_TEMPLATES_RUNS changes the number of timed runs of each kind (default 5).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=bench/lib/toolchain.sh
source bench/lib/toolchain.sh

exec node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs bench/templates/bench.ts "$@"
