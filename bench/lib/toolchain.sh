# Sourced by every bench/<name>/run.sh (from the repo root): puts Node 22 and Yarn on PATH
# (scripts/toolchain.sh) unless they already are, as under `make bench`.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 22 ] || ! command -v yarn >/dev/null 2>&1; then
  set +u
  # shellcheck source=/dev/null
  source scripts/toolchain.sh
  set -euo pipefail
fi
