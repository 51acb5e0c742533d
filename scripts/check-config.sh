#!/usr/bin/env bash
# Validates both configurations against the config schemas of every installed package (strict:
# unknown keys are errors): development = app-config.yaml + app-config.development.yaml, production =
# app-config.yaml + app-config.production.yaml, checked with placeholder values for its environment
# variables. Then checks that production carries no development leftover.
set -euo pipefail
cd "$(dirname "$0")/.."
yarn backstage-cli config:check --strict --config app-config.yaml --config app-config.development.yaml
vars=$(grep -o '\${[A-Z0-9_]*}' app-config.production.yaml | tr -d '${}' | sort -u)
env_args=()
for v in $vars; do
  case "$v" in
    POSTGRES_PORT) env_args+=("$v=5432") ;;
    PORTICO_BASE_URL) env_args+=("$v=https://portal.example.com") ;;
    DEX_ISSUER_URL) env_args+=("$v=https://dex.example.com/dex") ;;
    DEX_GROUP_PREFIX) env_args+=("$v=portico-org:") ;;
    PORTICO_ORG_CATALOG_URL) env_args+=("$v=https://github.com/portico-org/platform-catalog/blob/main/org.yaml") ;;
    ARGOCD_URL) env_args+=("$v=https://argocd-server.argocd.svc") ;;
    ARGOCD_UI_URL) env_args+=("$v=https://argocd.example.com") ;;
    PROVISIONING_WEBHOOK_URL) env_args+=("$v=http://provisioning-eventsource-svc.argo-events.svc:12000/provisioning") ;;
    PROVISIONING_CALLBACK_BASE_URL) env_args+=("$v=http://portico.portico.svc/api/provisioning") ;;
    PROMETHEUS_URL) env_args+=("$v=http://prometheus-server.monitoring.svc:9090") ;;
    LOKI_URL) env_args+=("$v=http://loki-gateway.monitoring.svc") ;;
    GRAFANA_URL) env_args+=("$v=https://grafana.example.com") ;;
    PORTICO_GITOPS_REPO_URL) env_args+=("$v=github.com?owner=portico-org&repo=gitops") ;;
    PORTICO_GITHUB_APP_ID) env_args+=("$v=123456") ;;
    PORTICO_GITHUB_APP_INSTALLATION_ID) env_args+=("$v=7654321") ;;
    *) env_args+=("$v=placeholder-$v") ;;
  esac
done
env "${env_args[@]}" yarn backstage-cli config:check --strict --config app-config.yaml --config app-config.production.yaml
# Production must not carry what only makes sense on a developer's machine.
env "${env_args[@]}" yarn backstage-cli config:print --with-secrets --format json \
  --config app-config.yaml --config app-config.production.yaml |
  node -e '
    const config = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const get = p => p.split(".").reduce((o, k) => (o == null ? undefined : o[k]), config);
    const problems = [];
    if (get("auth.providers.guest") !== undefined) problems.push("auth.providers.guest (guest sign-in)");
    if (get("auth.environment") !== "production") problems.push("auth.environment is not production");
    for (const a of get("backend.reading.allow") ?? [])
      if (/^(localhost|127\.|\[::1\])/.test(a.host ?? "")) problems.push(`backend.reading.allow ${a.host}`);
    if ((get("backend.csp.connect-src") ?? []).some(s => s === "http:" || s === "https:"))
      problems.push("backend.csp.connect-src allows any http:/https: origin");
    if (get("portico.scaffolder.git.loopback") !== undefined) problems.push("portico.scaffolder.git.loopback (loopback Git token)");
    if (get("techdocs.builder") !== "external") problems.push("techdocs.builder is not external");
    for (const l of get("catalog.locations") ?? [])
      if (/(^|\/)catalog\//.test(l.target)) problems.push(`catalog.locations ${l.target} (example organisation)`);
    if (problems.length) {
      console.error("app-config.production.yaml carries development leftovers:\n  " + problems.join("\n  "));
      process.exit(1);
    }
  '
