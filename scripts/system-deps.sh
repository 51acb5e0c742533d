#!/usr/bin/env bash
# Installs the Debian packages Portico's tests and TechDocs need, where missing:
# PostgreSQL 15 (integration tests), Chromium (browser journeys), mkdocs + mkdocs-material (TechDocs),
# Prometheus 2.42 (observability tests against a real server), Go (builds the Go skeleton of the
# New service template in packages/template-checks), HAProxy (the load balancer of make prod-local).
set -euo pipefail
need=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/mkdocs ] || need+=(mkdocs)
[ -x /usr/bin/prometheus ] || need+=(prometheus)
[ -x /usr/sbin/haproxy ] || need+=(haproxy)
command -v go >/dev/null || need+=(golang-go)
python3_debian=/usr/bin/python3
# Debian installs the theme as a mkdocs theme folder, not as an importable module.
if [ ! -d /usr/share/mkdocs/themes/material ] && { [ ! -x "$python3_debian" ] || ! "$python3_debian" -c 'import material' 2>/dev/null; }; then
  need+=(mkdocs-material)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "system-deps: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
